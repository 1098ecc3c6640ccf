"""Where each kind of content lives under ``content/``, and how a document is named.

One rule for the validator, the Pelican reader and the editors' tools:
an official document without a ``title`` is called
“<Loại văn bản> số <số> về việc <trích yếu>”, and any entry without a ``slug``
takes its address from its title without diacritics.
"""
from __future__ import annotations

from dvk.model.text import slugify

DOCUMENTS_DIR = "van-ban"      # content/van-ban/*.md are official documents
PAGES_DIR = "trang"            # content/trang/*.md are static pages
POSTS_DIR = "tin-tuc"          # where the editors' tools put new posts (any other folder works too)


def kind_of(folder: str) -> str:
    """``"document"``, ``"page"`` or ``"post"`` for a file in ``content/<folder>/…``."""
    return "document" if folder == DOCUMENTS_DIR else "page" if folder == PAGES_DIR else "post"


def document_title(doc_type, number, subject) -> str:
    return f"{doc_type or 'Văn bản'} số {number or ''} về việc {subject or ''}"


def title_of(kind: str, meta: dict) -> str:
    """The title an entry is shown with: its own, or for a document the one made from its parts."""
    if meta.get("title"):
        return str(meta["title"])
    if kind == "document":
        return document_title(meta.get("doc_type", "Văn bản"), meta.get("number", ""), meta.get("subject", ""))
    return ""


def slug_of(kind: str, meta: dict, stem: str) -> str:
    """An entry's address segment: its ``slug``, else its title without diacritics, else its file name."""
    return str(meta.get("slug") or slugify(title_of(kind, meta)) or stem)
