"""Untrusted files: paths that must stay in the repository, file types the site may publish, SVG and URLs.

Every input of the site (records, posts, spreadsheets, pasted bulletins, images dropped into
``content/``) is treated as hostile. This module holds the rules about *files and addresses*; the rules
about *HTML* are in ``dvk.load.sanitize``. No Pelican import: the validator, the importers and the
Pelican glue all use it.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

# What may be published from content/ as it is. Markdown is read, never published as a file.
IMAGE_TYPES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg"}
ATTACHMENT_TYPES = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".odp", ".ppt", ".pptx", ".rtf",
                    ".csv", ".txt", ".zip", ".jpg", ".jpeg", ".png", ".webp", ".gif"}
STATIC_FOLDERS = {"images": IMAGE_TYPES, "files": ATTACHMENT_TYPES}
TEXT_TYPES = {".md", ".markdown"}


def inside(base: Path, rel: str) -> Path | None:
    """``base / rel`` when it names a place inside ``base`` once ``..`` and symbolic links are resolved; else None.

    ``rel`` is an editor's path ("images/a.jpg", "/images/a.jpg"): a leading slash means ``base`` itself,
    never the machine's root.
    """
    if not isinstance(rel, str) or "\x00" in rel:
        return None
    base = Path(os.path.realpath(base))
    target = Path(os.path.realpath(base / rel.lstrip("/\\")))
    return target if target == base or base in target.parents else None


def escapes(root: Path, path: str) -> str | None:
    """If ``path`` (a file or folder found in the tree) is a symbolic link leading outside ``root``, or a
    broken one, the Vietnamese reason; else None."""
    if not os.path.islink(path):
        return None
    target = os.path.realpath(path)
    real_root = os.path.realpath(root)
    if not (target == real_root or target.startswith(real_root + os.sep)):
        return (f"là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục dự án ({os.readlink(path)}); "
                "trang web không đăng tệp nằm ngoài dự án, hãy chép tệp vào đây thay cho liên kết")
    if not os.path.exists(path):
        return f"là liên kết tượng trưng (symlink) hỏng, trỏ tới {os.readlink(path)}"
    return None


JUNK = {".DS_Store", ".gitkeep", ".keep", ".gitignore", ".directory"}   # left by tools and file managers
HIDDEN = ("tệp hoặc thư mục ẩn (tên bắt đầu bằng dấu chấm) không được đăng lên trang web; hãy đổi tên "
          "(bỏ dấu chấm ở đầu) hoặc xóa")


def walk(root: Path, folder: Path, hidden_is_problem: bool = False):
    """Every file below ``folder`` as ``(path, problem)``. A link leaving ``root`` is reported (with its
    problem) and not entered; links inside ``root`` are followed, once. Hidden names (".x") are skipped, or,
    with ``hidden_is_problem`` (content/, which is published), reported: Pelican would publish them."""
    root = Path(root)
    stack, seen = [str(folder)], set()
    while stack:
        current = stack.pop()
        real = os.path.realpath(current)
        if real in seen:
            continue
        seen.add(real)
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            continue
        for e in entries:
            if e.name.startswith("."):
                if hidden_is_problem and e.name not in JUNK:
                    yield e.path, HIDDEN
                continue
            problem = escapes(root, e.path) if e.is_symlink() else None   # no system call for plain files
            if problem:
                yield e.path, problem
            elif e.is_dir():
                stack.append(e.path)
            elif e.is_file():
                yield e.path, None


def content_file_problem(content_dir: Path, path: str) -> str | None:
    """Why a file under ``content/`` may not be published, or None."""
    rel = Path(os.path.relpath(path, content_dir))
    ext = rel.suffix.lower()
    allowed = STATIC_FOLDERS.get(rel.parts[0]) if len(rel.parts) > 1 else None
    if allowed is not None:
        if ext not in allowed:
            kinds = ", ".join(sorted(t.lstrip(".").upper() for t in allowed))
            return (f"loại tệp “{ext or rel.name}” không được đăng trong content/{rel.parts[0]}/; "
                    f"chỉ nhận: {kinds}")
        if ext == ".svg":
            return svg_problem(path)
        return content_type_problem(path, ext)
    if ext not in TEXT_TYPES:
        return (f"tệp “{rel.name}” không phải bài viết Markdown (.md); trong content/ chỉ có bài viết .md, "
                "ảnh trong content/images/ và tệp đính kèm trong content/files/")
    return None


# What the first bytes of a file of each type are: an "image" or "PDF" that is really HTML is refused.
MAGIC = {
    ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG\r\n\x1a\n",),
    ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",), ".pdf": (b"%PDF-",), ".rtf": (b"{\\rtf",),
    ".zip": (b"PK\x03\x04", b"PK\x05\x06"), ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",), ".odt": (b"PK\x03\x04",), ".ods": (b"PK\x03\x04",), ".odp": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",), ".xls": (b"\xd0\xcf\x11\xe0",), ".ppt": (b"\xd0\xcf\x11\xe0",),
}


def content_type_problem(path, ext: str) -> str | None:
    """Why a file's bytes are not of the type its name says, or None (text types are not checked)."""
    starts = MAGIC.get(ext)
    if not starts:
        return None
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return "không đọc được tệp"
    if not head.startswith(starts) or (ext == ".webp" and head[8:12] != b"WEBP"):
        return f"nội dung tệp không phải {ext.lstrip('.').upper()} như phần đuôi tên tệp; hãy lưu lại tệp đúng định dạng"
    return None


_SVG_NS = "{http://www.w3.org/2000/svg}"
_LINK_ATTRS = {"href", "{http://www.w3.org/1999/xlink}href", "src"}


def svg_problem(path) -> str | None:
    """Why an SVG file may not be published as it is (script, event attributes, foreign objects, outside
    references, entities), or None. An SVG is a web page to a browser: its script would run on the site."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(5 * 1024 * 1024 + 1)
    except OSError:
        return "không đọc được tệp"
    if len(data) > 5 * 1024 * 1024:
        return "tệp SVG quá lớn (hơn 5 MB)"
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return "tệp SVG có khai báo DOCTYPE/ENTITY; hãy xuất lại tệp SVG không có phần này"
    if re.search(rb"<\?(?!xml[ \t\r\n])", data) or data.count(b"<?") > 1:
        # <?xml-stylesheet?> makes a browser run an XSLT or load CSS from elsewhere; only the XML
        # declaration may stand there.
        return "tệp SVG có chỉ thị xử lý (<?…?>) như xml-stylesheet; hãy xuất lại tệp SVG không có phần này"
    try:
        tree = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        return f"tệp SVG không đọc được ({exc})"
    if tree.tag != f"{_SVG_NS}svg":
        return "tệp không phải ảnh SVG (phần tử gốc cần là <svg> của SVG)"
    for el in tree.iter():
        tag = el.tag.split("}")[-1].lower() if isinstance(el.tag, str) else ""
        if tag in ("script", "foreignobject", "iframe", "embed", "object", "handler", "listener"):
            return f"tệp SVG có thẻ <{tag}> (mã chạy được hoặc nội dung nhúng); trang web không đăng ảnh như vậy"
        for name, value in el.attrib.items():
            local = name.split("}")[-1].lower()
            if local.startswith("on"):
                return f"tệp SVG có thuộc tính sự kiện “{local}” (mã chạy được); trang web không đăng ảnh như vậy"
            if name in _LINK_ATTRS or local == "href":
                v = value.strip()
                if v and not v.startswith("#") and not v.startswith("data:image/"):
                    return f"tệp SVG trỏ tới tài nguyên bên ngoài “{v[:60]}”; ảnh SVG chỉ được dùng nội dung của chính nó"
        styles = [el.text or ""] if tag == "style" else []
        styles += [v for n, v in el.attrib.items() if n.split("}")[-1].lower() == "style"]
        for style in styles:
            if "\\" in style or re.search(r"url\(\s*['\"]?(?!#)|@import|expression\(", style, re.I):
                return "tệp SVG có kiểu (style) tải tài nguyên bên ngoài; trang web không đăng ảnh như vậy"
    return None


_URL_FORBIDDEN = re.compile(r"[\s\"'<>`\\\x00-\x1f\x7f]")


def web_url_problem(value) -> str | None:
    """Why ``value`` is not a plain web address (http or https, a host, no quotes, spaces or angle
    brackets), or None. Parsed with ``urllib.parse``, not matched by a pattern alone."""
    if not isinstance(value, str):
        return "cần một địa chỉ web dạng văn bản"
    if _URL_FORBIDDEN.search(value):
        return "địa chỉ web không được chứa dấu cách, dấu ngoặc kép, dấu < > hay ký tự điều khiển"
    try:
        parts = urlsplit(value)
        parts.port   # noqa: B018 - raises on a port that is no number
    except ValueError:
        return "địa chỉ web không đúng dạng"
    if parts.scheme.lower() not in ("http", "https"):
        return "cần một địa chỉ web bắt đầu bằng http:// hoặc https://"
    if not parts.hostname or "." not in parts.hostname and parts.hostname != "localhost":
        return "địa chỉ web thiếu tên miền, ví dụ https://baodaknong.vn/…"
    return None
