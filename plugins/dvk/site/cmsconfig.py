"""The configuration of the web editor (Decap CMS, ``/quan-tri/``), generated from ``dvk.model.schema``.

The schema is the one description of every key; this module only says how each kind of value is
edited in a form: ``Text`` → a text box (with the validator's pattern and length as a ``pattern``),
``Choice`` → a select list with the Vietnamese labels, ``Integer`` and ``Year`` → a number box with the
validator's range, ``Date``/``DateTime`` → a date picker writing the validator's format, ``ListOf`` →
a list, ``Record`` → a group of fields. Select lists of topics and provinces come from
``data/fields.yaml`` and ``dvk.model.provinces``. Required keys are required in the form.

The configuration is made at build time (``dvk.site.cms``) and by ``invoke cms-config``, never
committed: it carries the backend of ``publish.yaml`` and the topics of ``data/fields.yaml``, and a
committed copy would go stale whenever either changes.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from dvk.model import schema
from dvk.model.content import DOCUMENTS_DIR, PAGES_DIR, POSTS_DIR
from dvk.model.provinces import all_provinces
from dvk.model.text import fold

MEDIA_FOLDER = "content/images"       # where uploaded images go
PUBLIC_FOLDER = "images"              # how records and front matter name them (relative to content/)
FILES_FOLDER = "content/files"        # attachments of documents
BODY = "body"                         # the Markdown body of a post, a document, a page (not a front-matter key)

# Short labels where the schema's description is a sentence; otherwise the description is the label.
LABELS = {
    "name": "Tên mô hình", "kind": "Loại mô hình", "owner": "Đơn vị hoặc người thực hiện", "field": "Lĩnh vực",
    "topics": "Chủ đề", "province": "Tỉnh, thành phố", "locality": "Huyện, xã, phường", "status": "Tình trạng",
    "summary": "Tóm tắt", "description": "Mô tả chi tiết", "results": "Kết quả", "images": "Ảnh",
    "sources": "Nguồn", "featured": "Mô hình tiêu biểu", "illustrative": "Nội dung minh họa",
    "draft": "Bản nháp", "label": "Nội dung", "value": "Số liệu", "unit": "Đơn vị tính", "src": "Tệp ảnh",
    "alt": "Mô tả ảnh", "caption": "Chú thích", "credit": "Tác giả ảnh", "title": "Tiêu đề", "url": "Địa chỉ web",
    "date": "Ngày", "post": "Bài trên trang", "slug": "Địa chỉ trang", "category": "Chuyên mục",
    "tags": "Từ khóa", "author": "Tác giả", "source": "Nguồn", "source_url": "Địa chỉ bài gốc",
    "models": "Mô hình được nhắc đến", "image": "Ảnh đại diện", "image_caption": "Chú thích ảnh",
    "image_alt": "Mô tả ảnh", "image_credit": "Tác giả ảnh", "modified": "Ngày giờ cập nhật",
    "number": "Số, ký hiệu", "doc_type": "Loại văn bản", "issuer": "Cơ quan ban hành",
    "parent": "Cơ quan cấp trên", "place": "Địa danh", "subject": "Trích yếu", "recipients": "Kính gửi",
    "cc": "Nơi nhận", "signer": "Người ký", "signer_role": "Chức vụ người ký", "on_behalf": "Thẩm quyền ký",
    "system": "Hệ thống văn bản", "attachments": "Tệp đính kèm", "file": "Tệp", "scope": "Phạm vi",
    "period": "Giai đoạn", "from": "Từ năm", "to": "Đến năm", "totals": "Tổng số",
    "recognized": "Công nhận", "registered": "Năm đăng ký", "year": "Năm công nhận", "level": "Cấp công nhận",
    "by_kind": "Theo loại mô hình", "by_field": "Theo lĩnh vực", "by_topic": "Theo chủ đề",
    "by_level": "Theo cấp công nhận", "note": "Ghi chú",
}
# The order of a form (and of the keys in the file it writes): these first, in this order, then the rest
# in the schema's order.
FIRST = ("title", "number", "doc_type", "subject", "issuer", "parent", "place", "date", "category", "summary")
# Keys whose value is long text: a text area, or Markdown with the editor's toolbar.
TEXTAREAS = {"summary", "note", "subject"}
MARKDOWN = {"description"}
# The form's own words for the validator's rules.
NOT_BLANK = (r"^[\s\S]*\S[\s\S]*$", "không được để trống")
URL = (r"""^[Hh][Tt][Tt][Pp][Ss]?://(?:localhost(?::\d+)?|[^\s"'<>/?#]+\.[^\s"'<>/?#]+)(?:[/?#][^\s"'<>]*)?$""",
       "cần một địa chỉ web bắt đầu bằng http:// hoặc https://, có tên miền, không có dấu cách")


def _topics(root) -> list[tuple[str, str, str]]:
    """(topic id, topic name, field name) from ``data/fields.yaml``."""
    from dvk.load.yamlsrc import Source, read_text
    from dvk.model.taxonomy import parse_taxonomy
    taxonomy, _ = parse_taxonomy(Source(read_text(Path(root) / "data" / "fields.yaml")).load())
    return [(t.id, t.name, f.name) for f in (taxonomy.fields if taxonomy else ()) for t in f.topics]


def province_options() -> list[dict]:
    """Today's 34 provinces, then the pre-2025 names (records keep the name written at the time), labelled."""
    today = all_provinces()
    options = [{"label": p.name, "value": p.name} for p in today]
    names = {p.name for p in today}
    former = sorted(((f, p.name) for p in today for f in p.formers if f not in names), key=lambda x: fold(x[0]))
    options += [{"label": f"{f} (trước 2025, nay thuộc {now})", "value": f} for f, now in former]
    return options


def _label(key: str, spec: schema.Spec) -> str:
    return LABELS.get(key) or spec.description or key


def _pattern(spec: schema.Text) -> list[str]:
    """The validator's rule for a text value, as a JavaScript pattern and its Vietnamese message."""
    if spec.pattern and spec.max_length:
        return [rf"^(?=[\s\S]{{1,{spec.max_length}}}$)(?:{spec.pattern})$",
                f"cần {spec.pattern_hint}, tối đa {spec.max_length} ký tự"]
    if spec.pattern:
        return [f"^(?:{spec.pattern})$", f"cần {spec.pattern_hint}"]
    if spec.max_length:
        return [rf"^(?=[\s\S]*\S)[\s\S]{{1,{spec.max_length}}}$",
                f"không được để trống; tối đa {spec.max_length} ký tự"]
    return list(NOT_BLANK)


class _Builder:
    def __init__(self, root):
        self.topics = _topics(root)

    def field(self, key: str, spec: schema.Spec, required: bool, path: str) -> dict:
        """The form field of ``key``; ``path`` is where it stands (``model.province``, ``report.scope.province``)."""
        out = {"name": key, "label": _label(key, spec), "required": required}
        if spec.description and spec.description != out["label"]:
            out["hint"] = spec.description
        out.update(self.widget(key, spec, path, required))
        return out

    def fields(self, spec: schema.Record, path: str, required: bool = True) -> list[dict]:
        """The fields of a group. In an optional group (a record's ``recognized``) none is required in the form:
        Decap would then require the group itself; the validator still refuses a year without a level."""
        return [self.field(k, s, required and k in spec.required, f"{path}.{k}") for k, s in spec.keys.items()]

    def widget(self, key: str, spec: schema.Spec, path: str, required: bool = True) -> dict:
        if path in ("model.province", "report.scope.province"):
            return {"widget": "select", "options": province_options()}
        if path == "model.topics":
            return {"widget": "select", "multiple": True,
                    "options": [{"label": f"{field} — {name}", "value": ident} for ident, name, field in self.topics]}
        if key in ("image", "src"):
            return {"widget": "image", "media_folder": "/" + MEDIA_FOLDER, "public_folder": PUBLIC_FOLDER,
                    "choose_url": False}
        if key == "file":
            return {"widget": "file", "media_folder": "/" + FILES_FOLDER, "public_folder": "files",
                    "choose_url": False}
        if isinstance(spec, schema.Choice):
            return {"widget": "select", "options": [{"label": label[:1].upper() + label[1:], "value": value}
                                                    for value, label in spec.choices.items()]}
        if isinstance(spec, schema.Integer):
            return {"widget": "number", "value_type": "int",
                    **({"min": spec.minimum} if spec.minimum is not None else {}),
                    **({"max": spec.maximum} if spec.maximum is not None else {})}
        if isinstance(spec, schema.Number):
            return {"widget": "number", "value_type": "float"}
        if isinstance(spec, schema.Boolean):
            return {"widget": "boolean", "default": False}
        if isinstance(spec, schema.DateTime):
            return {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "DD/MM/YYYY",
                    "time_format": "HH:mm"}
        if isinstance(spec, schema.Date):
            return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "time_format": False}
        if isinstance(spec, schema.Url):
            return {"widget": "string", "pattern": list(URL)}
        if isinstance(spec, schema.CountMap):      # by_topic: one number per topic of data/fields.yaml
            return {"widget": "object", "collapsed": True,
                    "fields": [{"name": ident, "label": f"{field} — {name}", "required": False, "widget": "number",
                                "value_type": "int", "min": 0} for ident, name, field in self.topics]}
        if isinstance(spec, schema.Record):
            return {"widget": "object", "collapsed": False, "fields": self.fields(spec, path, required)}
        if isinstance(spec, schema.ListOf):
            if isinstance(spec.item, schema.Record):
                return {"widget": "list", "collapsed": False, "fields": self.fields(spec.item, path)}
            return {"widget": "list", "field": {"name": key, "label": _label(key, spec),
                                                **self.widget(key, spec.item, path)}}
        if isinstance(spec, schema.Text):
            if key in MARKDOWN:
                return {"widget": "markdown", "sanitize_preview": True}
            return {"widget": "text" if key in TEXTAREAS else "string", "pattern": _pattern(spec)}
        raise TypeError(f"no form widget for {type(spec).__name__} ({path})")


def _markdown_collection(b: _Builder, name: str, label: str, singular: str, folder: str, spec: schema.Record,
                         description: str, slug: str, summary: str) -> dict:
    rank = {k: i for i, k in enumerate(FIRST)}
    fields = sorted(b.fields(spec, name), key=lambda f: rank.get(f["name"], len(FIRST)))   # stable: schema order
    fields.append({"name": BODY, "label": "Nội dung", "widget": "markdown", "required": False,
                   "sanitize_preview": True,
                   "hint": "Mỗi đoạn cách nhau một dòng trống; ảnh chèn vào bài được lưu trong content/images/."})
    return {
        "name": name, "label": label, "label_singular": singular, "description": description,
        "folder": f"content/{folder}", "extension": "md", "format": "frontmatter", "create": True,
        "slug": slug, "summary": summary,
        # Images put in the body are written as {static}/images/…, as the Markdown reader expects.
        "media_folder": "/" + MEDIA_FOLDER, "public_folder": "{static}/" + PUBLIC_FOLDER,
        "fields": fields,
    }


def collections(root) -> list[dict]:
    """The editor's collections: model records, reported figures, news posts, official documents, pages."""
    b = _Builder(root)
    return [
        {
            "name": "mo-hinh", "label": "Mô hình", "label_singular": "hồ sơ mô hình",
            "description": "Mỗi mô hình là một tệp data/models/<tỉnh>/<mã>.yaml; mã mô hình là tên không dấu.",
            "folder": "data/models", "extension": "yaml", "format": "yaml", "create": True,
            "identifier_field": "name", "slug": "{{slug}}",
            # data/models/<province without diacritics>/<name without diacritics>.yaml
            "path": "{{province}}/{{slug}}",    # (no “fields.”: Decap turns dots in a path into dashes)
            "summary": "{{name}} — {{province}}",
            "sortable_fields": ["name", "province"],
            "fields": b.fields(schema.MODEL, "model"),
        },
        {
            "name": "so-lieu", "label": "Số liệu báo cáo", "label_singular": "báo cáo số liệu",
            "description": "Số liệu do cấp ủy báo cáo: data/reports/<tên>.yaml; hiện riêng, không cộng vào số hồ sơ.",
            "folder": "data/reports", "extension": "yaml", "format": "yaml", "create": True,
            "identifier_field": "title", "slug": "{{slug}}", "summary": "{{title}}",
            "fields": b.fields(schema.REPORT, "report"),
        },
        _markdown_collection(b, "tin-tuc", "Tin tức", "bài tin tức", POSTS_DIR, schema.POST,
                             "Bài tin tức: content/tin-tuc/<tiêu đề không dấu>.md", "{{slug}}", "{{title}}"),
        {**_markdown_collection(b, "van-ban", "Văn bản", "văn bản", DOCUMENTS_DIR, schema.DOCUMENT,
                                "Văn bản chỉ đạo: content/van-ban/<loại>-<số>.md", "{{doc_type}}-{{number}}",
                                "{{doc_type}} {{number}} — {{subject}}"), "identifier_field": "number"},
        _markdown_collection(b, "trang", "Trang tĩnh", "trang", PAGES_DIR, schema.PAGE,
                             "Trang giới thiệu, liên hệ…: content/trang/<tên>.md", "{{slug}}", "{{title}}"),
    ]


# Backends a committee can connect (publish.yaml → cms.backend); their keys in Decap's configuration.
BACKEND_KEYS = ("repo", "branch", "base_url", "auth_endpoint", "app_id", "api_root", "auth_type", "site_domain")
BACKENDS = ("github", "gitlab", "gitea", "forgejo")


def config(root, cms: dict | None = None, local_backend: str | None = None) -> dict:
    """The whole configuration: ``cms`` is the ``cms:`` section of ``publish.yaml`` (backend, repo…);
    ``local_backend`` the address of a local backend (``invoke serve --cms``, the tests)."""
    cms = cms or {}
    backend = {"name": cms.get("backend") or "github"}
    backend.update({k: str(cms[k]) for k in BACKEND_KEYS if cms.get(k)})
    backend.setdefault("branch", "main")
    if backend["name"] == "gitlab" and backend.get("app_id"):
        backend.setdefault("auth_type", "pkce")       # log in from the browser with the application id, no secret
    backend["commit_messages"] = {
        "create": "Thêm {{collection}} “{{slug}}” (soạn trên trình duyệt)",
        "update": "Sửa {{collection}} “{{slug}}” (soạn trên trình duyệt)",
        "delete": "Xóa {{collection}} “{{slug}}” (soạn trên trình duyệt)",
        "uploadMedia": "Tải lên “{{path}}”", "deleteMedia": "Xóa “{{path}}”",
    }
    out = {
        "locale": "vi",
        "backend": backend,
        "publish_mode": "editorial_workflow" if cms.get("publish_mode", "editorial_workflow") == "editorial_workflow"
        else "simple",
        "media_folder": MEDIA_FOLDER, "public_folder": PUBLIC_FOLDER,
        "site_url": cms.get("site_url") or "/", "display_url": cms.get("site_url") or "/",
        "show_preview_links": False,
        # Record ids and file names: ASCII without diacritics, as the validator and the site's addresses want.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections(root),
    }
    if local_backend:
        out["local_backend"] = {"url": local_backend, "allowed_hosts": ["localhost", "127.0.0.1"]}
    return out


def dump(cfg: dict) -> str:
    """The configuration as the YAML file Decap reads (``config.yml``)."""
    return ("# Tạo tự động từ plugins/dvk/model/schema.py (invoke cms-config); không sửa tay.\n"
            + yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False, width=120))
