"""Problems found in content and data, reported to editors in Vietnamese."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file: where it is and what was expected."""

    path: str                 # relative to the project root, with forward slashes
    line: int | None          # 1-based line in the file, when known
    field: str | None         # dotted key path, e.g. "recognized.level" or "results[2].value"
    message: str              # Vietnamese, says what was found and what was expected

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f"trường “{self.field}”: " if self.field else ""
        return f"{where} — {what}{self.message}"


class InvalidContent(Exception):
    """Raised when the content or data cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.field or ""))
        super().__init__(report(self.problems))


def report(problems: list[Problem]) -> str:
    """The full Vietnamese report: one line per problem, then a summary line."""
    files = len({p.path for p in problems})
    lines = [str(p) for p in problems]
    lines.append(f"Tìm thấy {len(problems)} lỗi trong {files} tệp.")
    return "\n".join(lines)


def warnings_report(warnings: list[Problem]) -> str:
    """Warnings (nothing stops the build): one line each, headed so an editor tells them from errors."""
    lines = [f"Cảnh báo: {w}" for w in sorted(warnings, key=lambda p: (p.path, p.line or 0, p.field or ""))]
    lines.append("Trang web không đăng mã HTML chạy được (script, thuộc tính on…, iframe, style…) hay tải nội dung "
                 "từ trang khác; hãy xóa các phần đó khỏi tệp để hết cảnh báo.")
    return "\n".join(lines)
