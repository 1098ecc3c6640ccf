"""Vietnamese text helpers: NFC normalisation, diacritic folding, slugs."""
from __future__ import annotations

import functools
import re
import unicodedata

from slugify import slugify as _slugify

_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})
_APOSTROPHE = re.compile(r"(?<=\w)['\u02bc\u2032`](?=\w)")


def nfc(value):
    """Return ``value`` with every string inside it normalised to NFC.

    Works on strings, lists and dicts (recursively); other values pass through.
    Keyboards that type decomposed marks (NFD) then behave like composed input.
    """
    if isinstance(value, str):
        return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    return value


class _FoldTable(dict):
    """A ``str.translate`` table filled as characters are met: each character without its diacritics.

    Stripping the marks of a whole string (NFD, then every character of a non-zero combining class left
    out) is the same as stripping each character's alone: decomposition is per character, and the one
    step across characters, the canonical reordering, moves only the marks that are left out."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code).translate(_FOLD_EXTRA))
        self[code] = stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
        return stripped


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its diacritics (``đ`` becomes ``d``).

    ``fold("Mẹ đỡ đầu") == "me do dau"``: used to compare names typed with or
    without diacritics. (One ``translate`` per string: a national build folds 100,000 names to sort them.)
    """
    return " ".join(text.translate(_FOLD_TABLE).split()).lower()      # (``split``: runs of ``\s``, ends stripped)


@functools.lru_cache(maxsize=8192)
def slugify(text: str, max_length: int = 80) -> str:
    """A URL slug in Vietnamese without diacritics: ``"Mẹ đỡ đầu"`` → ``"me-do-dau"``. (Memoised: a national
    build asks for the slugs of the same province, field and topic names hundreds of thousands of times.)"""
    return _slugify(nfc(text).translate(_FOLD_EXTRA), max_length=max_length, word_boundary=True)


def typographic(value):
    """``"K'Ho"`` → ``"K’Ho"``: a straight apostrophe between letters becomes the typographic one.

    Works on strings, lists and dicts (recursively), like :func:`nfc`; other values pass through.
    """
    if isinstance(value, str):
        return _APOSTROPHE.sub("\u2019", value)
    if isinstance(value, list):
        return [typographic(v) for v in value]
    if isinstance(value, dict):
        return {k: typographic(v) for k, v in value.items()}
    return value
