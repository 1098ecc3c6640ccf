"""Bad input: every problem reported in Vietnamese with file, line and field; output/ untouched."""
import os

import pytest

from dvk.model.problems import InvalidContent


def problem_lines(site):
    return [str(p) for p in site.problems()]


def test_a_valid_site_has_no_problem(site):
    site.model("me-do-dau")
    site.post("bai-mot", models=["me-do-dau"])
    assert problem_lines(site) == []


def test_missing_required_key_names_file_and_field(site):
    site.write("data/models/thieu-ten.yaml", "kind: collective\nowner: Xã A\nfield: economy\n"
               "province: Bến Tre\nstatus: registered\nsummary: Tóm tắt.\n")
    assert problem_lines(site) == ["data/models/thieu-ten.yaml:1 — trường “name”: thiếu trường bắt buộc"]


def test_wrong_type_is_reported_at_its_line(site):
    site.write("data/models/sai-kieu.yaml", "name: Tên\nkind: collective\nowner: Xã A\nfield: economy\n"
               "province: Bến Tre\nstatus: registered\nregistered: năm ngoái\nsummary: Tóm tắt.\n")
    assert problem_lines(site) == [
        "data/models/sai-kieu.yaml:7 — trường “registered”: cần một năm gồm 4 chữ số, ví dụ 2024, "
        "nhưng nhận được “năm ngoái”"]


@pytest.mark.parametrize("key, value, expected", [
    ("field", "culture", "giá trị “culture” không hợp lệ; cần một trong: economy (kinh tế), culture-society "
                         "(văn hóa - xã hội), defense-security (quốc phòng - an ninh), party-building "
                         "(xây dựng Đảng và hệ thống chính trị)"),
    ("status", "approved", "giá trị “approved” không hợp lệ; cần một trong: registered (đăng ký), "
                           "recognized (được công nhận), replicated (được nhân rộng)"),
    ("kind", "group", "giá trị “group” không hợp lệ; cần một trong: collective (tập thể), individual (cá nhân)"),
])
def test_unknown_choice_lists_the_valid_ones(site, key, value, expected):
    path = site.model("mo-hinh-a", **{key: value})
    line = path.read_text(encoding="utf-8").splitlines().index(f"{key}: {value}") + 1
    assert f"data/models/mo-hinh-a.yaml:{line} — trường “{key}”: {expected}" in problem_lines(site)


def test_unknown_level_is_reported_inside_recognized(site):
    site.model("mo-hinh-a", recognized={"year": 2024, "level": "commune"})
    [line] = problem_lines(site)
    assert line.startswith("data/models/mo-hinh-a.yaml:")
    assert "trường “recognized.level”: giá trị “commune” không hợp lệ; cần một trong: grassroots (cấp cơ sở)" in line


def test_topic_must_exist_and_belong_to_the_field(site):
    site.model("chu-de-la", topics=["kittens"])
    site.model("chu-de-khac-linh-vuc", topics=["new-countryside"])
    lines = problem_lines(site)
    assert any("chu-de-la.yaml:" in x and "trường “topics[0]”: chủ đề “kittens” không có trong data/fields.yaml" in x
               for x in lines), lines
    assert any("chu-de-khac-linh-vuc.yaml:" in x and "chủ đề “new-countryside” thuộc lĩnh vực “economy”, "
               "không thuộc lĩnh vực “culture-society” của mô hình" in x for x in lines), lines


def test_unknown_province_suggests_a_close_name(site):
    path = site.model("tinh-la", province="Đắk Nôg")
    line = path.read_text(encoding="utf-8").splitlines().index("province: Đắk Nôg") + 1
    [problem] = problem_lines(site)
    assert problem.startswith(f"data/models/tinh-la.yaml:{line} — trường “province”: "
                              "không nhận ra tỉnh, thành phố “Đắk Nôg” — có phải là “Đắk Nông”?")


def test_duplicate_id_across_folders(site):
    site.model("me-do-dau", folder="dak-nong")
    site.model("me-do-dau", folder="lam-dong")
    assert problem_lines(site) == [
        "data/models/lam-dong/me-do-dau.yaml:1 — mã mô hình “me-do-dau” bị trùng với "
        "data/models/dak-nong/me-do-dau.yaml; mỗi mô hình cần một tên tệp riêng"]


def test_post_naming_a_missing_model(site):
    site.model("me-do-dau")
    site.post("bai-mot", models=["me-do-dau", "khong-co"])
    [problem] = problem_lines(site)
    assert problem.startswith("content/tin-tuc/bai-mot.md:")
    assert problem.endswith("trường “models[1]”: không có mô hình mã “khong-co” (cần tệp data/models/…/khong-co.yaml)")


@pytest.mark.parametrize("date, message", [
    ("2024-13-40 09:00", "ngày giờ “2024-13-40 09:00” không hợp lệ; cần dạng NĂM-THÁNG-NGÀY GIỜ:PHÚT, ví dụ 2024-07-22 09:40"),
    ("22/7/2024", "ngày giờ “22/7/2024” không hợp lệ; cần dạng NĂM-THÁNG-NGÀY GIỜ:PHÚT, ví dụ 2024-07-22 09:40"),
    ("2024-07-22", "thiếu giờ đăng trong “2024-07-22”; cần dạng NĂM-THÁNG-NGÀY GIỜ:PHÚT, ví dụ 2024-07-22 09:40"),
])
def test_malformed_post_date(site, date, message):
    path = site.write("content/tin-tuc/bai.md", f"---\ntitle: Bài\ndate: {date}\ncategory: Tin\nsummary: Sapo.\n---\nThân bài.\n")
    assert problem_lines(site) == [f"content/tin-tuc/bai.md:3 — trường “date”: {message}"]
    assert path.exists()


def test_broken_yaml_gives_the_line(site):
    site.write("data/models/hong.yaml", "name: Tên\nkind: collective\nowner: [Xã A\nfield: economy\n")
    [problem] = problem_lines(site)
    assert problem.startswith("data/models/hong.yaml:")
    assert "YAML không đọc được" in problem and "kiểm tra thụt lề, dấu hai chấm và dấu ngoặc kép" in problem


def test_comma_inside_a_flow_mapping_is_explained(site):
    site.write("data/models/dau-phay.yaml", "name: Tên\nkind: collective\nowner: Xã A\nfield: economy\n"
               "province: Bến Tre\nstatus: registered\nsummary: Tóm tắt.\n"
               "results:\n  - {label: Ghe, thuyền tham gia, value: 140}\n")
    assert problem_lines(site) == [
        "data/models/dau-phay.yaml:9 — trường “results[0].thuyền tham gia”: không phải tên trường; nếu đây là "
        "phần sau dấu phẩy của một giá trị, hãy đặt cả giá trị trong dấu ngoặc kép, ví dụ label: \"Ghe, thuyền\""]


def test_missing_image(site):
    site.model("co-anh", images=[{"src": "images/khong-co.jpg", "alt": "Ảnh"}])
    site.post("bai-anh", image="images/cung-khong-co.jpg")
    lines = problem_lines(site)
    assert any(x.startswith("data/models/co-anh.yaml:") and
               x.endswith("trường “images[0].src”: không tìm thấy tệp ảnh content/images/khong-co.jpg") for x in lines)
    assert any(x.startswith("content/tin-tuc/bai-anh.md:") and
               x.endswith("trường “image”: không tìm thấy tệp ảnh content/images/cung-khong-co.jpg") for x in lines)


def test_typo_in_a_key_suggests_the_right_one(site):
    site.model("go-nham", provice="Bến Tre", province=None)
    lines = problem_lines(site)
    assert "data/models/go-nham.yaml:1 — trường “province”: thiếu trường bắt buộc" in lines
    assert any(x.endswith("trường “provice”: trường không có trong mẫu — có phải là “province”?") for x in lines)


def test_all_problems_are_reported_in_one_run_and_output_is_untouched(site):
    site.model("tot")
    site.post("bai-tot")
    site.build()
    before = {p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    assert before, "the first build wrote nothing"

    site.model("xau-1", field="culture")
    site.model("xau-2", province="Atlantis")
    site.post("bai-xau", title="Một bài khác", models=["khong-co"])
    site.write("data/models/xau-3.yaml", "name: [không đóng\n")
    with pytest.raises(InvalidContent) as exc:
        site.build()
    files = {p.path for p in exc.value.problems}
    assert files == {"data/models/xau-1.yaml", "data/models/xau-2.yaml", "content/tin-tuc/bai-xau.md",
                     "data/models/xau-3.yaml"}
    assert str(exc.value).endswith("Tìm thấy 4 lỗi trong 4 tệp.")
    after = {p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    assert after == before
    versions = site.root / ".output.versions"
    assert os.listdir(versions) == [os.readlink(site.output).split("/")[-1]], "a staging folder was left behind"


def test_template_failure_keeps_the_previous_output(site, tmp_path, monkeypatch):
    from dvk.site.build import BuildFailed
    site.model("tot")
    site.build()
    before = sorted(p.relative_to(site.output) for p in site.output.rglob("*"))
    broken_theme = tmp_path / "theme"
    import shutil
    from conftest import ROOT
    shutil.copytree(ROOT / "theme", broken_theme)
    (broken_theme / "templates" / "model.html").write_text("{% extends 'base.html' %}{% block content %}{{ missing_macro(record) }}{% endblock %}")
    from dvk.site.build import build
    with pytest.raises(BuildFailed):
        build(site.root, site.output, settings_file=ROOT / "pelican.conf.py", overrides={"THEME": str(broken_theme)})
    assert sorted(p.relative_to(site.output) for p in site.output.rglob("*")) == before


def test_two_kinds_of_page_at_one_address_stop_the_build_in_vietnamese(site):
    """A setting that sends the tag list to the author list's address: both pages would be one file."""
    from conftest import ROOT
    from dvk.site.build import BuildFailed, build
    site.model("tot")
    site.build()
    before = sorted(p.relative_to(site.output) for p in site.output.rglob("*"))
    with pytest.raises(BuildFailed) as exc:
        build(site.root, site.output, settings_file=ROOT / "pelican.conf.py",
              overrides={"TAGS_SAVE_AS": "tac-gia/index.html"})
    assert str(exc.value) == ("Hai trang cùng được ghi vào một tệp: tac-gia/index.html. Hãy kiểm tra các cài đặt "
                              "*_SAVE_AS và *_URL trong pelican.conf.py: mỗi loại trang cần một địa chỉ riêng.")
    assert sorted(p.relative_to(site.output) for p in site.output.rglob("*")) == before


def test_decomposed_input_behaves_like_composed(site):
    import unicodedata
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    site.write("data/models/nfd.yaml", nfd("name: Mẹ đỡ đầu\nkind: collective\nowner: Công an tỉnh Đắk Nông\n"
                                           "field: culture-society\nprovince: Đắk Nông\nstatus: registered\n"
                                           "summary: Đỡ đầu trẻ em.\n"))
    assert problem_lines(site) == []
    site.build()
    html = site.page("mo-hinh/nfd")
    assert "<h1>Mẹ đỡ đầu</h1>" in html
    assert unicodedata.is_normalized("NFC", html)
    assert "Lâm Đồng" in html


def test_problems_are_the_same_when_files_are_parsed_in_parallel(site, monkeypatch):
    import dvk.parallel
    site.model("tot")
    site.model("xau", field="culture")
    site.write("data/models/hong.yaml", "name: [không đóng\n")
    serial = problem_lines(site)
    monkeypatch.setattr(dvk.parallel, "MIN_ITEMS", 1)
    assert problem_lines(site) == serial
    assert len(serial) == 2


def test_report_problems(site):
    site.post("nguon", title="Bài nguồn")
    site.write("data/reports/xau.yaml",
               "title: Báo cáo\nscope: {province: Atlantis}\nperiod: {from: 2023, to: 2013}\n"
               "totals: {recognized: 10}\nby_kind: {collective: 8, individual: 5}\nby_topic: {kittens: 1}\n"
               "source: {title: Báo, post: khong-co-bai}\n")
    lines = [x.split(" — ", 1)[1] for x in problem_lines(site)]
    assert sorted(lines) == sorted([
        "trường “scope.province”: không nhận ra tỉnh, thành phố “Atlantis”; cần tên một trong 34 tỉnh, thành phố "
        "hiện nay hoặc 63 tỉnh, thành phố trước năm 2025, có thể kèm “Tỉnh”, “TP.”, ví dụ “Lâm Đồng”, “Đắk Nông”",
        "trường “period.to”: năm kết thúc 2013 sớm hơn năm bắt đầu 2023",
        "trường “by_kind”: tổng theo loại mô hình (13) lớn hơn tổng số được công nhận (10)",
        "trường “by_topic.kittens”: chủ đề “kittens” không có trong data/fields.yaml",
        "trường “source.post”: không có bài tin tức với địa chỉ “khong-co-bai” trong content/",
    ])


def test_a_report_without_province_needs_a_unit(site):
    site.write("data/reports/khong-pham-vi.yaml",
               "title: Báo cáo\nscope: {}\nperiod: {from: 2018, to: 2020}\ntotals: {recognized: 112}\n"
               "source: {title: Bản tin}\n")
    assert [x.split(" — ", 1)[1] for x in problem_lines(site)] == [
        "trường “scope”: cần ít nhất “province” (tỉnh, thành phố) hoặc “unit” (đơn vị)"]


def test_draft_records_are_checked_but_not_published(site):
    site.model("nhap", draft=True)
    site.model("nhap-xau", draft=True, field="culture")
    assert len(problem_lines(site)) == 1
    site.write("data/models/nhap-xau.yaml", "")
    (site.root / "data/models/nhap-xau.yaml").unlink()
    site.build()
    assert not (site.output / "mo-hinh" / "nhap").exists()
