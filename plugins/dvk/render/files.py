"""What a reader needs to know about an attached file before downloading it (no Pelican import)."""
from __future__ import annotations

import os
from dataclasses import dataclass

KINDS = {".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".odt": "OpenDocument", ".xls": "Excel",
         ".xlsx": "Excel", ".ods": "OpenDocument", ".ppt": "PowerPoint", ".pptx": "PowerPoint",
         ".zip": "ZIP", ".rar": "RAR", ".jpg": "ảnh JPEG", ".jpeg": "ảnh JPEG", ".png": "ảnh PNG",
         ".txt": "văn bản", ".csv": "CSV", ".rtf": "RTF"}


@dataclass(frozen=True)
class FileInfo:
    kind: str      # "PDF", "Word" …
    bytes: int
    size: str      # "1,2 MB", "350 KB", in Vietnamese notation


def human_size(n: int) -> str:
    """``1258291`` → ``1,2 MB``; ``2048`` → ``2 KB``; ``512`` → ``512 byte``."""
    if n < 1024:
        return f"{n} byte"
    for unit, scale in (("KB", 1024), ("MB", 1024 ** 2), ("GB", 1024 ** 3)):
        value = n / scale
        if value < 1024 or unit == "GB":
            text = f"{value:.0f}" if value >= 10 or unit == "KB" else f"{value:.1f}".replace(".", ",")
            return f"{text.removesuffix(',0')} {unit}"
    return f"{n} byte"


def describe(path) -> FileInfo:
    ext = os.path.splitext(os.fspath(path))[1].lower()
    kind = KINDS.get(ext, ext.lstrip(".").upper() or "tệp")
    size = os.path.getsize(path)
    return FileInfo(kind, size, human_size(size))
