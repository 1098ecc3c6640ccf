"""The package's layers hold: the domain never imports Pelican, nor the adapter, tools or benchmarks."""
import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "plugins" / "dvk"
CORE = ("model", "load", "derive", "render")


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def core_modules():
    return sorted(p for folder in CORE for p in (PACKAGE / folder).glob("*.py")) + [PACKAGE / name for name in ("parallel.py", "cachefile.py", "memory.py")]


def test_the_domain_imports_neither_pelican_nor_the_layers_above_it():
    modules = core_modules()
    assert len(modules) > 25
    offending = {}
    for path in modules:
        bad = {m for m in imports_of(path)
               if m == "pelican" or m.startswith(("pelican.", "dvk.site", "dvk.tools", "dvk.bench"))}
        if bad:
            offending[str(path.relative_to(PACKAGE))] = sorted(bad)
    assert offending == {}


def test_importing_the_whole_domain_loads_no_pelican():
    names = [".".join(("dvk",) + p.relative_to(PACKAGE).with_suffix("").parts) for p in core_modules()]
    code = ("import importlib, sys\n"
            f"for n in {names!r}: importlib.import_module(n)\n"
            "print(sorted(m for m in sys.modules if m == 'pelican' or m.startswith('pelican.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_only_the_adapter_connects_to_pelicans_signals():
    connecting = sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                        if ".connect(" in p.read_text(encoding="utf-8") and "signals" in p.read_text(encoding="utf-8"))
    assert connecting == ["site/pipeline.py"]


def test_no_entry_point_patches_the_import_path():
    root = PACKAGE.parents[1]
    files = [root / "tasks.py", root / "pelican.conf.py", *PACKAGE.rglob("*.py"), *(root / "tests").rglob("*.py")]
    patched = [str(f.relative_to(root)) for f in files if "sys.path.insert" in f.read_text(encoding="utf-8")
               and f.name != "test_package_layout.py"]
    assert patched == []


def test_the_build_imports_neither_the_editors_tools_nor_the_benchmarks():
    offending = {str(p.relative_to(PACKAGE)): sorted(m for m in imports_of(p) if m.startswith(("dvk.tools", "dvk.bench")))
                 for p in sorted((PACKAGE / "site").glob("*.py"))}
    assert {k: v for k, v in offending.items() if v} == {}
    assert len(offending) > 10
