"""The web editor at ``/quan-tri/``: Decap CMS, served from the site's own host (the page a build writes;
its local backend for editors is ``dvk.tools.cms``).

Why Decap CMS (and not Sveltia CMS, which reads the same configuration): Decap ships a Vietnamese
locale in its one-file bundle (``locale: vi``), has the editorial workflow (draft → review → ready,
each entry a pull request) on GitHub, GitLab and Gitea/Forgejo, and a local backend (``decap-server``)
that tests can drive in headless Chromium. Sveltia has no editorial workflow, and its local mode opens
a folder through the browser's File System Access picker, which no headless test can answer.

- Versions are pinned here, once; ``invoke cms-install`` (and ``invoke test``, ``invoke serve --cms``)
  installs both npm packages with npm into the user's cache (``DVK_CMS_DIR`` names another folder), never
  into the repository. The script is copied into the site: nothing is loaded from another host.
- ``publish.yaml`` → ``cms:`` says whether the public build has ``/quan-tri/`` and which backend it uses;
  without ``cms: {enabled: true}`` the public site has no editor at all.
"""
from __future__ import annotations

import html
import json
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from dvk.cachefile import user_cache
from dvk.model.usererror import UserError
from dvk.site import cmsconfig

DECAP_CMS_VERSION = "3.16.3"       # npm decap-cms: dist/decap-cms.js is the editor (Vietnamese locale included)
DECAP_SERVER_VERSION = "3.11.3"    # npm decap-server: the local backend for `invoke serve --cms` and the tests
ADMIN_DIR = "quan-tri"             # the editor's address: /quan-tri/
INSTALL_HINT = "invoke cms-install"
HERE = Path(__file__).resolve().parent
PREVIEW_JS = HERE / "cms-preview.js"


def cache_dir() -> Path:
    """Where the npm packages are installed: ``DVK_CMS_DIR``, else the user's cache (outside the repository)."""
    if os.environ.get("DVK_CMS_DIR"):
        return Path(os.environ["DVK_CMS_DIR"])
    return user_cache() / "cms"


def _package_version(name: str) -> str | None:
    try:
        return json.loads((cache_dir() / "node_modules" / name / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def installed() -> bool:
    """Both pinned packages are in the cache, at the pinned versions."""
    return (_package_version("decap-cms") == DECAP_CMS_VERSION
            and _package_version("decap-server") == DECAP_SERVER_VERSION)


def install_command() -> list[str]:
    return ["npm", "install", "--prefix", str(cache_dir()), "--no-audit", "--no-fund", "--silent",
            f"decap-cms@{DECAP_CMS_VERSION}", f"decap-server@{DECAP_SERVER_VERSION}"]


def dist_dir() -> Path:
    return cache_dir() / "node_modules" / "decap-cms" / "dist"


def _require_installed():
    if not installed():
        raise UserError(f"Chưa cài trình soạn bài Decap CMS {DECAP_CMS_VERSION} (cần cho trang /{ADMIN_DIR}/). "
                        f"Cài bằng lệnh: {INSTALL_HINT}")


# ------------------------------------------------------------------ settings from publish.yaml


def settings(root) -> dict:
    """The ``cms:`` section of ``publish.yaml`` (empty when absent), checked; raises ``UserError`` in Vietnamese."""
    path = Path(root) / "publish.yaml"
    if not path.is_file():
        return {}
    from dvk.load.yamlsrc import Source, YamlSyntaxError, read_text
    try:
        values = Source(read_text(path)).load() or {}
    except YamlSyntaxError as exc:
        raise UserError(f"publish.yaml:{exc.line or ''} — {exc.message}") from None
    cms = values.get("cms") if isinstance(values, dict) else None
    if cms is None:
        return {}
    if not isinstance(cms, dict):
        raise UserError("publish.yaml: “cms” cần các dòng dạng “tên: giá trị” (enabled, backend, repo…)")
    if cms.get("enabled") and cms.get("backend", "github") not in cmsconfig.BACKENDS:
        raise UserError(f"publish.yaml: cms.backend “{cms.get('backend')}” không hợp lệ; cần một trong: "
                        f"{', '.join(cmsconfig.BACKENDS)}")
    if cms.get("enabled") and not cms.get("repo"):
        raise UserError("publish.yaml: cần cms.repo, kho chứa nội dung dạng chủ/tên, ví dụ ban-dan-van/dan-van-kheo")
    if cms.get("enabled") and cms.get("backend") == "gitea" and cms.get("publish_mode", "editorial_workflow") != "simple":
        raise UserError("publish.yaml: Decap CMS chưa có quy trình duyệt bài với Gitea; đặt cms.publish_mode: simple, "
                        "hoặc dùng cms.backend: forgejo nếu máy chủ là Forgejo")
    if cms.get("publish_mode", "editorial_workflow") not in ("editorial_workflow", "simple"):
        raise UserError("publish.yaml: cms.publish_mode cần là editorial_workflow (bài qua duyệt) hoặc simple "
                        "(lưu là đăng)")
    return cms


def _origin(url: str) -> str | None:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


def backend_origins(cms: dict, local_backend: str | None = None) -> list[str]:
    """The hosts the editor talks to (the CSP's connect-src): the git host's API, and its OAuth server."""
    name = cms.get("backend") or "github"
    own_host = cms.get("api_root") or cms.get("base_url")
    defaults = {"github": [] if cms.get("api_root") else ["https://api.github.com"],
                "gitlab": [] if own_host else ["https://gitlab.com"]}.get(name, [])
    found = defaults + [o for o in (_origin(cms.get("api_root")), _origin(cms.get("base_url")),
                                    _origin(local_backend)) if o]
    return list(dict.fromkeys(found))


def csp(cms: dict, local_backend: str | None = None) -> str:
    """The editor's own Content-Security-Policy: scripts only from this host; styles inline (Decap's
    CSS-in-JS); images and uploads as data:/blob:; network only to this host and the git host.
    'unsafe-eval' because Decap checks its configuration with ajv, which compiles the check with
    ``new Function`` (without it the editor never starts); the site's own pages keep their strict policy."""
    connect = " ".join(["'self'", "blob:", "data:", *backend_origins(cms, local_backend)])   # uploads are read from blob: URLs
    return ("default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob: https:; font-src 'self' data:; connect-src {connect}; "
            "frame-src 'self' blob:; child-src 'self' blob:; worker-src 'self' blob:; manifest-src 'self'; "
            "base-uri 'self'; form-action 'none'; object-src 'none'")


def index_html(cms: dict, local_backend: str | None = None) -> str:
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="{html.escape(csp(cms, local_backend), quote=False).replace(chr(34), '&quot;')}">
<meta name="referrer" content="same-origin">
<title>Soạn bài — Dân vận khéo</title>
<link rel="cms-config-url" type="text/yaml" href="config.yml">
</head>
<body>
<noscript><p>Trang soạn bài cần bật JavaScript.</p></noscript>
<script src="decap-cms.js"></script>
<script src="dvk-cms.js"></script>
</body>
</html>
"""


def admin_files(root, cms: dict, local_backend: str | None = None) -> dict[str, str | Path]:
    """Every file of ``/quan-tri/``: name → text, or the path of a file to copy (the pinned script and its
    parts, loaded on demand from the same folder)."""
    _require_installed()
    cfg = cmsconfig.config(root, cms, local_backend=local_backend)
    files: dict[str, str | Path] = {
        "index.html": index_html(cms, local_backend),
        "config.yml": cmsconfig.dump(cfg),
        "dvk-cms.js": PREVIEW_JS,
    }
    for path in sorted(dist_dir().iterdir()):
        if path.name == "decap-cms.js" or path.name.endswith(".decap-cms.js") or path.suffix == ".wasm" \
                or path.name == "decap-cms.js.LICENSE.txt":
            files[path.name] = path
    return files


def write_admin(folder, root, cms: dict, local_backend: str | None = None) -> Path:
    """Write ``/quan-tri/`` into ``folder`` (a site's output); return the folder written."""
    target = Path(folder) / ADMIN_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name, value in admin_files(root, cms, local_backend).items():
        if isinstance(value, Path):
            shutil.copyfile(value, target / name)
        else:
            (target / name).write_text(value, encoding="utf-8")
    return target


def write_public(root, output) -> Path | None:
    """The public build's ``/quan-tri/``, when ``publish.yaml`` enables it; else nothing."""
    cms = settings(root)
    if not cms.get("enabled"):
        return None
    return write_admin(output, root, cms)
