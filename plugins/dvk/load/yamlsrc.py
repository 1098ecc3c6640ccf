"""Reading YAML records and YAML front matter, fast, with line numbers on demand.

Files are parsed with PyYAML's C loader. Line numbers are only needed when a
value is wrong, so the slower node composition that carries them runs only for
files with a problem.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

import yaml

from dvk.model.text import nfc

try:
    _Base = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Base = yaml.SafeLoader

MAX_BYTES = 4 * 1024 * 1024      # a record or a post is a few kilobytes; anything this big is a mistake or an attack
MAX_DEPTH = 12                   # the content model nests three levels; a few more for editors' freedom
MAX_NODES = 100_000              # values in one document


class _StrictLoader(_Base):
    """PyYAML's safe loader (libyaml's parser), refusing a key written twice in one mapping.

    Plain PyYAML keeps the last of two equal keys without a word, so an editor who writes ``name:`` twice
    publishes the second and never learns that the first was lost.
    """

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep)
        if isinstance(node, yaml.MappingNode) and len(mapping) != len(node.value):   # fewer keys than lines
            seen = set()
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = (key_node.tag, key_node.value)
                    if key in seen:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"khóa “{nfc(key_node.value)}” được viết hai lần", key_node.start_mark)
                    seen.add(key)
        return mapping


_Loader = _StrictLoader

FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?P<meta>.*?)^(?:---|\.\.\.)[ \t]*\r?$\n?(?P<body>.*)\Z",
                          re.MULTILINE | re.DOTALL)


class YamlSyntaxError(Exception):
    """Broken YAML: ``line`` is 1-based in the file, ``message`` is Vietnamese."""

    def __init__(self, line: int | None, message: str):
        self.line, self.message = line, message
        super().__init__(message)


@dataclass
class Source:
    """The text of one YAML document and where it starts in its file."""

    text: str
    first_line: int = 1   # file line of the document's first line

    def __post_init__(self):
        self.text = nfc(self.text)

    def load(self):
        """The parsed document. The text is NFC already (``read_text``), so every string in it is too.

        Whatever the text, this returns plain data or raises ``YamlSyntaxError`` with a Vietnamese
        message: no Python exception of any other kind escapes (deep nesting, aliases, huge input).
        """
        try:
            data = yaml.load(self.text, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + self.first_line if mark else None
            if "được viết hai lần" in (exc.problem or ""):
                raise YamlSyntaxError(line, f"{exc.problem}; mỗi khóa chỉ được có một lần, hãy xóa hoặc gộp "
                                            "một trong hai dòng") from None
            detail = " ".join(filter(None, [exc.context, exc.problem]))
            raise YamlSyntaxError(line, f"YAML không đọc được ({detail}); kiểm tra thụt lề, dấu hai chấm và dấu ngoặc kép") from None
        except RecursionError:
            raise YamlSyntaxError(None, f"các giá trị lồng nhau quá sâu; nội dung chỉ cần tối đa {MAX_DEPTH} cấp") from None
        except yaml.YAMLError as exc:
            raise YamlSyntaxError(None, f"YAML không đọc được ({exc})") from None
        except (ValueError, OverflowError):
            # YAML reads 2024-13-40 as a date and the calendar refuses it: say where, in Vietnamese.
            line, key, value = impossible_date(self.text)
            if line is None:   # not a date: an integer with thousands of digits, which Python refuses to read
                raise YamlSyntaxError(None, "có một số quá dài (hàng nghìn chữ số); hãy kiểm tra lại các số") from None
            where = f"trường “{key}”: " if key else ""
            raise YamlSyntaxError(line + self.first_line - 1 if line else None,
                                  f"{where}ngày “{value}” không có thật; cần một ngày có thật dạng năm-tháng-ngày, "
                                  "ví dụ 2024-07-22 hoặc 2024-07-22 09:40") from None
        problem = shape_problem(data)
        if problem:
            raise YamlSyntaxError(self.first_line, problem)
        return data

    def line_of(self, path: tuple) -> int | None:
        """File line of the value at ``path`` (keys and list indices), or of its nearest parent."""
        try:
            node = yaml.compose(self.text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            return None
        line = node.start_mark.line if node is not None else 0
        for step in path:
            if isinstance(node, yaml.MappingNode):
                match = next((v for k, v in node.value if nfc(k.value) == step), None)
                key = next((k for k, v in node.value if nfc(k.value) == step), None)
                if match is None:
                    break
                line = key.start_mark.line if isinstance(match, (yaml.MappingNode, yaml.SequenceNode)) and \
                    match.start_mark.line != key.start_mark.line else match.start_mark.line
                node = match
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
                line = node.start_mark.line
            else:
                break
        return line + self.first_line


class _BadShape(Exception):
    pass


def shape_problem(data) -> str | None:
    """Why ``data`` is no shape a content file can have, or None.

    Refused: nesting deeper than ``MAX_DEPTH``, more than ``MAX_NODES`` values, and a list or mapping used
    twice through a YAML alias (``*name``): aliases let a few lines expand into billions of values
    ("billion laughs"), and nothing in the content model needs them. About 10 µs for a typical record.
    """
    seen: set[int] = set()
    count = 0

    def visit(value, depth):
        nonlocal count
        if depth > MAX_DEPTH:
            raise _BadShape(f"các giá trị lồng nhau quá sâu (hơn {MAX_DEPTH} cấp); nội dung chỉ cần vài cấp")
        if id(value) in seen:
            raise _BadShape("tệp dùng bí danh YAML (“&tên” rồi “*tên”) để lặp lại một nhóm giá trị; "
                            "hãy viết thẳng giá trị ra")
        seen.add(id(value))
        count += len(value)
        if count > MAX_NODES:
            raise _BadShape(f"tệp có quá nhiều giá trị (hơn {MAX_NODES:,}); mỗi tệp chỉ nên chứa một hồ sơ"
                            .replace(",", "."))
        for child in (value.values() if type(value) is dict else value):
            if type(child) is dict or type(child) is list:
                visit(child, depth + 1)

    if type(data) is dict or type(data) is list:
        try:
            visit(data, 1)
        except _BadShape as exc:
            return str(exc)
    return None


_DATE_VALUE = re.compile(r"^\s*(?:-\s+)?(?:(?P<key>[^:#\n]+?)\s*:\s+)?(?P<value>(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
                         r"(?:(?:[Tt]|[ \t]+)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?)\s*(?:#.*)?$")


def impossible_date(text: str) -> tuple[int | None, str | None, str]:
    """The first date-shaped value in ``text`` that is no real date: (1-based line, key, value)."""
    import datetime as dt
    for number, line in enumerate(text.splitlines(), 1):
        m = _DATE_VALUE.match(line)
        if not m:
            continue
        try:
            dt.datetime(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"] or 0), int(m["M"] or 0), int(m["S"] or 0))
        except ValueError:
            return number, (m["key"] or "").strip() or None, m["value"]
    return None, None, "?"


class FileTooLarge(Exception):
    """A content file over ``MAX_BYTES``: message in Vietnamese."""

    def __init__(self, size: int):
        self.message = (f"tệp quá lớn ({size / 1024 / 1024:.1f} MB); một hồ sơ, bài viết hay văn bản cần dưới "
                        f"{MAX_BYTES // 1024 // 1024} MB").replace(".", ",", 1)
        super().__init__(self.message)


def read_text(path) -> str:
    """A UTF-8 text file, NFC-normalised; ``FileTooLarge`` past ``MAX_BYTES``."""
    with open(path, encoding="utf-8-sig") as fh:
        text = fh.read(MAX_BYTES + 1)
    if len(text) > MAX_BYTES:
        raise FileTooLarge(os.path.getsize(path))
    return nfc(text)


def split_front_matter(text: str) -> tuple[Source, str, int] | None:
    """Split a Markdown file into its YAML front matter and body.

    Returns ``(source, body, body_first_line)``, or ``None`` when the file does
    not start with a ``---`` line.
    """
    m = FRONT_MATTER.match(text)
    if not m:
        return None
    meta_first = 2
    body_first = meta_first + m.group("meta").count("\n") + 1
    return Source(m.group("meta"), meta_first), m.group("body"), body_first
