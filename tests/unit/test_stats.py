"""dvk.derive.stats on plain records: counts, and reported figures set beside the records (coverage)."""
from __future__ import annotations

import yaml

from dvk.derive.stats import Coverage, compute, in_report_scope, report_coverage
from dvk.load.corpus import load_corpus

from unitdata import FIELDS_YAML, record, report

LAM_DONG, TUYEN_QUANG, HO_CHI_MINH = "68", "08", "79"

RECORDS = [
    record("me-do-dau", "Mẹ đỡ đầu", "Đắk Nông", "culture-society", ["children"], "collective",
           registered=2020, recognized=(2024, "province")),
    record("con-nuoi-don-bien-phong", "Con nuôi đồn biên phòng", "Hà Giang", "defense-security", ["border-sovereignty"],
           "individual", registered=2021, recognized=(2022, "district")),
    record("tiet-hoc-vung-bien", "Tiết học vùng biên", "Lâm Đồng", "culture-society", ["children", "education"],
           "individual", registered=2023),
    record("to-doan-ket-ngu-dan", "Tổ đoàn kết ngư dân bám biển", "Bình Thuận", "defense-security", [],
           "collective", registered=2019, recognized=(2023, "grassroots"), status="replicated"),
    record("bep-com-yeu-thuong", "Bếp cơm yêu thương", "TP. Hồ Chí Minh", "culture-society", ["social-welfare"]),
    record("nuoi-heo-dat", "Nuôi heo đất giúp hộ nghèo", "Đắk Nông", "economy", ["poverty-reduction"],
           registered=2014, recognized=(2015, "grassroots")),
]


def test_national_counts():
    t = compute(RECORDS).national
    assert t.total == 6
    assert t.recognized == 4
    assert dict(t.by_field) == {"culture-society": 3, "defense-security": 2, "economy": 1}
    assert dict(t.by_topic) == {"children": 2, "border-sovereignty": 1, "education": 1, "social-welfare": 1,
                                "poverty-reduction": 1}
    assert dict(t.by_kind) == {"collective": 4, "individual": 2}
    assert dict(t.by_level) == {"province": 1, "district": 1, "grassroots": 2}
    assert dict(t.by_status) == {"recognized": 3, "registered": 2, "replicated": 1}
    assert dict(t.registered_by_year) == {2014: 1, 2019: 1, 2020: 1, 2021: 1, 2023: 1}
    assert dict(t.recognized_by_year) == {2015: 1, 2022: 1, 2023: 1, 2024: 1}
    assert dict(t.by_field_kind) == {("culture-society", "collective"): 2, ("culture-society", "individual"): 1,
                                     ("defense-security", "individual"): 1, ("defense-security", "collective"): 1,
                                     ("economy", "collective"): 1}


def test_counts_by_todays_province_keep_the_former_province_as_written():
    stats = compute(RECORDS)
    assert sorted(stats.by_province) == [TUYEN_QUANG, LAM_DONG, HO_CHI_MINH]
    lam_dong = stats.by_province[LAM_DONG]
    assert lam_dong.total == 4
    assert dict(lam_dong.by_former) == {"Đắk Nông": 2, "Lâm Đồng": 1, "Bình Thuận": 1}
    assert lam_dong.recognized == 3
    assert dict(stats.by_province[TUYEN_QUANG].by_former) == {"Hà Giang": 1}
    assert stats.by_province[HO_CHI_MINH].total == 1
    assert dict(stats.by_province[HO_CHI_MINH].by_former) == {"Hồ Chí Minh": 1}


def test_counts_by_field():
    stats = compute(RECORDS)
    assert {k: v.total for k, v in stats.by_field.items()} == {"culture-society": 3, "defense-security": 2,
                                                                "economy": 1}
    assert dict(stats.by_field["culture-society"].by_topic) == {"children": 2, "education": 1, "social-welfare": 1}


def test_no_records_count_nothing():
    stats = compute([])
    assert stats.national.total == 0 and stats.by_province == {} and stats.by_field == {}


def test_counts_of_records_loaded_from_yaml(tmp_path):
    """The same rule on records read by the loader from small YAML files."""
    (tmp_path / "data" / "models").mkdir(parents=True)
    (tmp_path / "content").mkdir()
    (tmp_path / "data" / "fields.yaml").write_bytes(FIELDS_YAML.read_bytes())
    for rid, province, kind, year in (("nha-tinh-nghia", "Quảng Bình", "collective", 2021),
                                      ("giu-rung", "Lâm Đồng", "individual", None),
                                      ("cho-noi", "Cần Thơ", "collective", 2022)):
        data = {"name": f"Mô hình {rid}", "kind": kind, "owner": "Ủy ban Mặt trận Tổ quốc xã",
                "field": "economy", "province": province, "summary": "Vận động Nhân dân cùng làm.",
                "status": "recognized" if year else "registered"}
        if year:
            data["recognized"] = {"year": year, "level": "district"}
        (tmp_path / "data" / "models" / f"{rid}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                                                  encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.problems == []
    stats = compute(corpus.models.values())
    assert stats.national.total == 3
    assert dict(stats.national.by_level) == {"district": 2}
    assert {code: t.total for code, t in stats.by_province.items()} == {"44": 1, LAM_DONG: 1, "92": 1}
    assert dict(stats.by_province["44"].by_former) == {"Quảng Bình": 1}


# ---------------------------------------------------------------- reported figures against the records

def test_a_pre_merger_report_on_a_former_province_covers_that_former_province_only():
    r = report("dak-nong-2013-2023", "Đắk Nông", (2013, 2023), recognized=697, registered=265)
    assert [m.id for m in RECORDS if in_report_scope(r, m)] == ["me-do-dau", "nuoi-heo-dat"]
    # recognised in 2013–2023 in the former Đắk Nông: nuoi-heo-dat (2015); me-do-dau (2024) is out of period;
    # registered in 2013–2023: me-do-dau (2020), nuoi-heo-dat (2014).
    assert report_coverage(r, RECORDS) == [Coverage("recognized", 1, 697), Coverage("registered", 2, 265)]


def test_a_report_on_todays_province_covers_all_its_former_provinces():
    r = report("lam-dong-2020-2025", "Lâm Đồng", (2020, 2025), recognized=50)
    # Lâm Đồng today: me-do-dau (Đắk Nông, 2024), to-doan-ket-ngu-dan (Bình Thuận, 2023); nuoi-heo-dat 2015 is early.
    assert report_coverage(r, RECORDS) == [Coverage("recognized", 2, 50)]


def test_a_report_on_a_former_province_whose_period_reaches_the_merger_covers_todays_province():
    r = report("dak-nong-2020-2025", "Đắk Nông", (2020, 2025), recognized=40)
    assert [m.id for m in RECORDS if in_report_scope(r, m)] == [
        "me-do-dau", "tiet-hoc-vung-bien", "to-doan-ket-ngu-dan", "nuoi-heo-dat"]
    assert report_coverage(r, RECORDS) == [Coverage("recognized", 2, 40)]


def test_a_report_without_a_province_covers_nothing_and_reported_figures_are_not_added():
    r = report("co-quan-tinh-2020", None, (2018, 2020), unit="Đảng bộ Các cơ quan tỉnh", recognized=112)
    assert report_coverage(r, RECORDS) == []
    assert compute(RECORDS).national.total == 6


def test_coverage_labels_are_vietnamese():
    assert Coverage("recognized", 1, 2).label == "được công nhận"
    assert Coverage("registered", 1, 2).label == "đăng ký xây dựng"


def test_the_tallies_are_those_of_adding_each_record_in_turn(tmp_path):
    """Against the plain reference: every record added to the nation's, its province's and its field's tally
    one by one (``Tally.add``); every count, in the same order (pages list counts in that order). Then again
    through random edits, the tallies kept between builds (``cache``) read back or counted anew."""
    import random
    from dvk.derive.stats import Tally
    rnd = random.Random(7)
    places = ["Đắk Nông", "Lâm Đồng", "Bình Thuận", "Hà Giang", "Tuyên Quang", "TP. Hồ Chí Minh", "Cao Bằng"]
    topics = {"culture-society": ["children", "education", "social-welfare"], "economy": ["poverty-reduction"],
              "defense-security": ["border-sovereignty", "traffic-safety"]}
    records = []
    for i in range(400):
        field = rnd.choice(sorted(topics))
        recognized = (rnd.randint(2015, 2025), rnd.choice(["grassroots", "district", "province"])) \
            if rnd.random() < 0.6 else None
        records.append(record(f"mo-hinh-{i}", f"Mô hình {i}", rnd.choice(places), field,
                              rnd.sample(topics[field], rnd.randint(0, len(topics[field]))),
                              rnd.choice(["collective", "individual"]),
                              registered=rnd.choice([None, 2012, 2016, 2020, 2024]), recognized=recognized))

    def ordered(t):
        return {name: list(value.items()) if hasattr(value, "items") else value for name, value in vars(t).items()}

    def check(stats):
        national, by_province, by_field = Tally(), {}, {}
        for r in records:
            national.add(r)
            by_province.setdefault(r.place.province.code, Tally()).add(r)
            by_field.setdefault(r.field.id, Tally()).add(r)
        assert ordered(stats.national) == ordered(national)
        assert list(stats.by_province) == list(by_province) and list(stats.by_field) == list(by_field)
        for code in by_province:
            assert ordered(stats.by_province[code]) == ordered(by_province[code]), code
        for field in by_field:
            assert ordered(stats.by_field[field]) == ordered(by_field[field]), field
        return national

    national = check(compute(records))
    assert national.total == 400 and 0 < national.recognized < 400 and len({r.place.province.code for r in records}) == 4

    cache = tmp_path / "statistics.pickle"
    check(compute(records, cache, "v1"))
    for step in range(40):
        i = rnd.randrange(len(records))
        old = records[i]
        change = rnd.choice(["summary", "kind", "place", "recognized", "order", "remove"])
        if change == "summary":         # counted values unchanged: read back
            records[i] = record(old.id, old.data["name"], old.data["province"], old.field.id, [t.id for t in old.topics],
                                old.data["kind"], registered=old.data.get("registered"), recognized=(
                                    (old.data["recognized"]["year"], old.data["recognized"]["level"])
                                    if old.data.get("recognized") else None))
        elif change == "kind":
            old.data["kind"] = "individual" if old.data["kind"] == "collective" else "collective"
        elif change == "place":
            records[i] = record(old.id, old.data["name"], rnd.choice(places), old.field.id,
                                [t.id for t in old.topics], old.data["kind"])
        elif change == "recognized":
            old.data["recognized"] = None if old.data.get("recognized") else {"year": 2025, "level": "province"}
        elif change == "order":
            records.insert(rnd.randrange(len(records)), records.pop(i))
        else:
            records.pop(i)
        check(compute(records, cache, "v1"))
    assert cache.is_file()
