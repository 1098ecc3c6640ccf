"""Writing YAML that editors read: one key per line, a Vietnamese comment above each.

Used by the scaffolding commands and the importers, so that every file they
write looks the same and parses back to exactly the values given.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

from dvk.model.text import nfc

INDENT = "  "


@dataclass
class Key:
    """One key of a record or front matter: its value (None: left empty) and the comment above it."""

    name: str
    value: Any
    comment: str = ""


def flow(value: Any) -> str:
    """``value`` as YAML on one line (``[a, b]``, ``{year: 2024, level: province}``, a quoted string when needed)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**9, sort_keys=False).strip()
    if text.endswith("\n..."):
        text = text[:-4].rstrip()
    return text


def _block(name: str, value: Any) -> list[str]:
    """Lists of plain strings and long texts as blocks, everything else on one line."""
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return [f"{name}:"] + [f"{INDENT}- {flow(v)}" for v in value]
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [f"{name}:"] + [f"{INDENT}- {flow(v)}" for v in value]
    if isinstance(value, str) and "\n" in value.strip():
        lines = value.strip("\n").splitlines()
        # "|2": the indentation is stated, so a first line that itself starts with spaces cannot shift it.
        return [f"{name}: |2"] + [f"{INDENT}{line}".rstrip() for line in lines]
    rendered = flow(value)
    return [f"{name}: {rendered}" if rendered else f"{name}:"]


def render(keys: list[Key], header: str = "") -> str:
    """The YAML text of ``keys``, each preceded by its comment; ``header`` goes first, as comments."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()] if header else []
    for key in keys:
        for line in key.comment.splitlines():
            lines.append(f"# {line}".rstrip())
        lines.extend(_block(key.name, key.value))
    return nfc("\n".join(lines) + "\n")


def front_matter(keys: list[Key], body: str, header: str = "") -> str:
    """A Markdown file: YAML front matter between ``---`` lines, then ``body``."""
    return nfc(f"---\n{render(keys, header)}---\n\n{body.strip()}\n")
