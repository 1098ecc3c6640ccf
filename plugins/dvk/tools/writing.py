"""How the editors' tools write files: never over an existing one, and in the content model's key order.

Shared by ``scaffold`` (new post, record, document), ``bulletin`` (imported
bulletins and letters) and ``importer`` (spreadsheets).
"""
from __future__ import annotations

import re
from pathlib import Path

from dvk.model import schema
from dvk.tools.yamlwrite import Key


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; ``FileExistsError`` if it exists, even when it appeared a moment ago
    (opened with ``"x"``: never replaces a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as fh:
        fh.write(text)


def existing_slugs(folder: Path) -> dict[str, str]:
    """Slugs already used by the Markdown files in ``folder``: slug -> file name."""
    slugs = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else ():
        text = path.read_text(encoding="utf-8", errors="replace")
        m = re.search(r"^slug:\s*['\"]?([a-z0-9-]+)", text, re.MULTILINE)
        slugs[m.group(1) if m else path.stem] = path.name
    return slugs


def _comment(spec: schema.Record, name: str, extra: str = "") -> str:
    sub = spec.keys[name]
    need = "bắt buộc" if name in spec.required else "không bắt buộc, có thể để trống"
    text = f"{sub.description or name} ({need})"
    return f"{text}\n{extra}" if extra else text


def keys_of(spec: schema.Record, values: dict, extras: dict) -> list[Key]:
    """Every key of ``spec`` with the given values and its Vietnamese help as a comment: required keys first,
    then whether it is a draft, then the rest."""
    first = [k for k in spec.keys if k in spec.required]
    first += [k for k in ("status", "draft") if k in spec.keys and k not in first]   # each key once
    order = first + [k for k in spec.keys if k not in first]
    return [Key(name, values.get(name), _comment(spec, name, extras.get(name, ""))) for name in order]
