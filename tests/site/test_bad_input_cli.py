"""Every kind of bad input through the editors' own commands (`invoke validate`, `invoke build`):
exit code 1, the Vietnamese message with file, line and field, and the previous output/ byte for byte."""
import os

import pytest
import yaml

from conftest import ROOT
from dvk.site.build import main

MODEL = "data/models/xau.yaml"


def model_text(**changes):
    data = {"name": "Mô hình xấu", "kind": "collective", "owner": "Xã A", "field": "economy",
            "province": "Bến Tre", "status": "registered", "summary": "Tóm tắt.", **changes}
    return yaml.safe_dump({k: v for k, v in data.items() if v is not None}, allow_unicode=True, sort_keys=False)


CASES = {
    "missing key": (MODEL, model_text(name=None), f"{MODEL}:1 — trường “name”: thiếu trường bắt buộc"),
    "wrong type": (MODEL, model_text(registered="năm ngoái"), f"{MODEL}:8 — trường “registered”: cần một năm"),
    "unknown field": (MODEL, model_text(field="culture"), f"{MODEL}:4 — trường “field”: giá trị “culture” không hợp lệ"),
    "unknown topic": (MODEL, model_text(topics=["khong-co"]), f"{MODEL}:9 — trường “topics[0]”:"),
    "unknown status": (MODEL, model_text(status="approved"), f"{MODEL}:6 — trường “status”: giá trị “approved” không hợp lệ"),
    "unknown level": (MODEL, model_text(status="recognized", recognized={"year": 2024, "level": "commune"}),
                      f"{MODEL}:10 — trường “recognized.level”: giá trị “commune” không hợp lệ"),
    "unknown province": (MODEL, model_text(province="Atlantis"), f"{MODEL}:5 — trường “province”:"),
    "impossible date": (MODEL, model_text(sources=[{"title": "Báo", "date": "2024-02-30"}]).replace("'2024-02-30'", "2024-02-30"),
                        f"{MODEL}:10 — trường “date”: ngày “2024-02-30” không có thật"),
    "broken yaml": (MODEL, "name: [không đóng\n", f"{MODEL}:2 — YAML không đọc được"),
    "duplicate id": ("data/models/khac/tot.yaml", model_text(),
                     "data/models/tot.yaml:1 — mã mô hình “tot” bị trùng với data/models/khac/tot.yaml"),
    "post date": ("content/tin-tuc/bai.md", "---\ntitle: Bài\ndate: 2024-13-40 09:40\ncategory: Tin\nsummary: Tóm tắt.\n---\n\nThân bài.\n",
                  "content/tin-tuc/bai.md:3 — trường “date”: ngày giờ “2024-13-40 09:40” không hợp lệ"),
    "post date without time": ("content/tin-tuc/bai.md", "---\ntitle: Bài\ndate: 2024-13-40\ncategory: Tin\nsummary: Tóm tắt.\n---\n\nThân bài.\n",
                               "content/tin-tuc/bai.md:3 — trường “date”: ngày “2024-13-40” không có thật"),
    "document date": ("content/van-ban/cv.md", "---\ntitle: Công văn\nnumber: 1-CV/HU\ndate: 2019-13-30\n---\n\nNội dung.\n",
                      "content/van-ban/cv.md:4 — trường “date”: ngày “2019-13-30” không có thật"),
    "missing model": ("content/tin-tuc/bai.md", "---\ntitle: Bài\ndate: 2024-07-22 09:40\ncategory: Tin\nsummary: Tóm tắt.\n"
                      "models: [khong-co]\n---\n\nThân bài.\n",
                      "content/tin-tuc/bai.md:6 — trường “models[0]”: không có mô hình mã “khong-co”"),
    "missing image": ("content/tin-tuc/bai.md", "---\ntitle: Bài\ndate: 2024-07-22 09:40\ncategory: Tin\nsummary: Tóm tắt.\n"
                      "image: images/khong-co.jpg\n---\n\nThân bài.\n", "content/tin-tuc/bai.md:6 — trường “image”:"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_refused_by_validate_and_build_and_output_is_kept(built_site, capsys, case):
    site = built_site           # one record, built (conftest.py: a copy of one build, made once)
    before = {p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    capsys.readouterr()

    path, text, expected = CASES[case]
    site.write(path, text)
    assert main(["--root", str(site.root), "--check"]) == 1
    checked = capsys.readouterr().err
    assert expected in checked, checked
    assert main(["--root", str(site.root), "--output", str(site.output)]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert err.rstrip().endswith("Trang web chưa được dựng; thư mục kết quả cũ được giữ nguyên.")
    after = {p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    assert after == before


def test_the_build_command_says_what_it_did_and_what_went_wrong_in_a_process_of_its_own(built_site, tmp_path):
    """``python -m dvk.site.build`` ends its process at once (``exit_now``), its messages printed first: the
    summary of a good build, the report of a bad one, and the exit status."""
    import subprocess
    import sys
    site = built_site
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}     # output buffered, as by default
    env["PYTHONPATH"] = str(ROOT / "plugins")
    command = [sys.executable, "-m", "dvk.site.build", "--root", str(site.root), "--output", str(tmp_path / "out")]
    good = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert good.returncode == 0, good.stderr
    assert good.stdout.rstrip().splitlines()[-1].startswith("Đã dựng ") and "(1 mô hình, " in good.stdout
    site.write("data/models/hong.yaml", model_text(province="Tỉnh Không Có"))
    bad = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert bad.returncode == 1 and "data/models/hong.yaml" in bad.stderr and "Traceback" not in bad.stderr
    assert bad.stderr.rstrip().endswith("Trang web chưa được dựng; thư mục kết quả cũ được giữ nguyên.")
