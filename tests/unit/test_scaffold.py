"""invoke new-post / new-model / new-document: named from the title, every key, a comment on each, no overwrite."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT
from dvk.model import schema
from dvk.tools.scaffold import ScaffoldError, new_document, new_model, new_post
from dvk.load.yamlsrc import split_front_matter

INVOKE = [sys.executable, "-m", "invoke"]


def keys_with_comments(text: str) -> dict[str, str]:
    """Each top-level key of a YAML text and the comment lines just above it."""
    found, comment = {}, []
    for line in text.splitlines():
        if line.startswith("#"):
            comment.append(line[1:].strip())
        elif re.match(r"^[a-z_]+:", line):
            found[line.split(":")[0]] = " ".join(comment)
            comment = []
    return found


def front(path):
    source, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
    return source.text, source.load(), body


def test_new_post_is_named_from_the_title_and_has_every_key_commented(site):
    path = new_post(site.root, "Đắk Nông: đường đến trường của em", date="2024-07-22 09:40", province="Đắk Nông")
    assert path == site.root / "content" / "tin-tuc" / "dak-nong-duong-den-truong-cua-em.md"
    text, meta, body = front(path)
    comments = keys_with_comments(text)
    assert set(comments) == set(schema.POST.keys)
    assert all(comments[k] for k in comments), [k for k in comments if not comments[k]]
    assert "Tiêu đề (bắt buộc)" in comments["title"]
    assert meta["title"] == "Đắk Nông: đường đến trường của em"
    assert meta["date"] == "2024-07-22 09:40" and meta["status"] == "draft" and meta["province"] == "Đắk Nông"
    assert "Viết nội dung bài ở đây" in body
    # The new file is valid as it stands, and stays out of the public site until published.
    assert site.problems() == []


def test_new_model_resolves_province_and_field_and_is_a_draft(site):
    path = new_model(site.root, "Đổi đất lấy đường", province="Dak Nong", field="Văn hóa – xã hội", kind="Cá nhân",
                     owner="Nguyễn Thị Đào")
    assert path == site.root / "data" / "models" / "dak-nong" / "doi-dat-lay-duong.yaml"
    text = path.read_text(encoding="utf-8")
    comments = keys_with_comments(text)
    assert set(comments) == set(schema.MODEL.keys)
    assert all(comments.values())
    assert "children (Chăm sóc, bảo vệ trẻ em)" in comments["topics"]   # the topics of the chosen field
    data = yaml.safe_load(text)
    assert (data["field"], data["kind"], data["province"], data["owner"], data["draft"]) == \
        ("culture-society", "individual", "Dak Nong", "Nguyễn Thị Đào", True)
    assert site.problems() == []


def test_new_document_takes_type_issuer_and_system_from_the_number(site):
    path = new_document(site.root, "374 - CV/HU", "V/v đẩy mạnh phong trào thi đua “Dân vận khéo”",
                        place="Triệu Phong", date="2019-07-30")
    assert path.name == "cong-van-so-374-cv-hu-ve-viec-day-manh-phong-trao-thi-dua-dan-van-kheo.md"
    text, meta, _ = front(path)
    assert set(keys_with_comments(text)) == set(schema.DOCUMENT.keys)
    assert (meta["number"], meta["doc_type"], meta["issuer"], meta["system"], meta["subject"]) == \
        ("374-CV/HU", "Công văn", "Huyện ủy Triệu Phong", "party", "đẩy mạnh phong trào thi đua “Dân vận khéo”")
    assert meta["status"] == "draft"
    assert site.problems() == []
    site.build()   # empty keys are fine for Pelican too; the draft is not written
    assert not (site.output / "van-ban" / path.stem).exists()


def test_never_overwrites_an_existing_file(site):
    path = new_post(site.root, "Bài đầu tiên", date="2024-07-22 09:40")
    path.write_text(path.read_text(encoding="utf-8") + "\nĐoạn do biên tập viên viết.\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ScaffoldError, match="Đã có tệp content/tin-tuc/bai-dau-tien.md; không ghi đè"):
        new_post(site.root, "Bài đầu tiên")
    assert path.read_bytes() == before
    # A record id is unique across every province folder, so the same name elsewhere is refused too.
    new_model(site.root, "Mẹ đỡ đầu", province="Đắk Nông", field="culture-society")
    with pytest.raises(ScaffoldError, match="Đã có hồ sơ mô hình mã “me-do-dau”: data/models/dak-nong/me-do-dau.yaml"):
        new_model(site.root, "Mẹ đỡ đầu", province="Lâm Đồng", field="culture-society")


@pytest.mark.parametrize("kwargs, message", [
    ({"province": "Đắk Nôngg", "field": "economy"}, "không nhận ra tỉnh, thành phố “Đắk Nôngg” — có phải là “Đắk Nông”?"),
    ({"province": None, "field": "economy"}, "Cần tên tỉnh, thành phố (--province)"),
    ({"province": "Đắk Nông", "field": "văn hóa"}, None),
    ({"province": "Đắk Nông", "field": "nông nghiệp"}, "Không nhận ra lĩnh vực “nông nghiệp”; cần một trong: “Kinh tế” (economy)"),
    ({"province": "Đắk Nông", "field": "economy", "kind": "nhóm"}, "Không nhận ra loại mô hình “nhóm”"),
])
def test_new_model_checks_province_field_and_kind(site, kwargs, message):
    if message is None:
        assert yaml.safe_load(new_model(site.root, "Tiết học vùng biên", **kwargs).read_text(encoding="utf-8"))[
            "field"] == "culture-society"
        return
    with pytest.raises(ScaffoldError) as exc:
        new_model(site.root, "Tiết học vùng biên", **kwargs)
    assert message in str(exc.value)
    assert not (site.root / "data" / "models" / "dak-nong").exists()


def test_the_command_line_explains_and_refuses_to_overwrite(site):
    env = {**os.environ, "DVK_PROJECT": str(site.root)}
    first = subprocess.run(INVOKE + ["new-post", "Gương sáng “Dân vận khéo”"], cwd=ROOT, env=env,
                           capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "Đã tạo content/tin-tuc/guong-sang-dan-van-kheo.md" in first.stdout
    again = subprocess.run(INVOKE + ["new-post", "Gương sáng “Dân vận khéo”"], cwd=ROOT, env=env,
                           capture_output=True, text=True)
    assert again.returncode == 1
    assert "Lỗi: Đã có tệp content/tin-tuc/guong-sang-dan-van-kheo.md; không ghi đè" in again.stderr
    assert "Traceback" not in again.stderr
    helptext = subprocess.run(INVOKE + ["--help", "new-model"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "Tạo hồ sơ mô hình mới" in helptext and "--province" in helptext
