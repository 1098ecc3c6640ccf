"""dvk.derive.showcase on plain data: catalog order, groups, related models and posts, the national table."""
from __future__ import annotations

import random
from collections import defaultdict

from dvk.derive.stats import Coverage
from dvk.derive.showcase import derive, national_rows, related_models, related_posts

from unitdata import corpus, record, report

ME_DO_DAU = record("me-do-dau", "Mẹ đỡ đầu", "Đắk Nông", "culture-society", ["children"],
                   registered=2020, recognized=(2024, "province"))
AN_TOAN = record("an-toan-giao-thong", "Ấp an toàn giao thông", "Bến Tre", "defense-security", ["traffic-safety"],
                 recognized=(2024, "district"))
DUONG_HOA = record("duong-hoa", "Đường hoa nông thôn mới", "Lâm Đồng", "economy", ["new-countryside"],
                   registered=2021, recognized=(2023, "grassroots"))
DAN_HOI = record("dan-hoi-dap", "Dân hỏi, cán bộ đáp", "Bình Thuận", "party-building", [],
                 recognized=(2023, "province"))
BEP_COM = record("bep-com", "Bếp cơm yêu thương", "TP. Hồ Chí Minh", "culture-society", ["social-welfare", "health"])
ZALO = record("zalo-khu-pho", "Nhóm Zalo khu phố", "Hà Nội", "culture-society", [], registered=2022)

DAK_NONG = report("dak-nong-2013-2023", "Đắk Nông", (2013, 2023), recognized=697, registered=265)
LAM_DONG = report("lam-dong-2024", "Lâm Đồng", (2024, 2025), recognized=40)
CO_QUAN = report("co-quan-tinh-2020", None, (2018, 2020), unit="Đảng bộ Các cơ quan tỉnh", recognized=112)


def shown():
    return derive(corpus([ZALO, BEP_COM, DAN_HOI, ME_DO_DAU, DUONG_HOA, AN_TOAN], [DAK_NONG, CO_QUAN, LAM_DONG]))


def ids(records):
    return [r.id for r in records]


def test_catalog_order_is_latest_recognition_first_then_name_without_diacritics():
    # 2024: “Ấp …” (ap) before “Mẹ …” (me); 2023: “Dân …” (dan) before “Đường …” (duong); then unrecognised:
    # “Bếp …” (bep) before “Nhóm …” (nhom).
    assert ids(shown().models) == ["an-toan-giao-thong", "me-do-dau", "dan-hoi-dap", "duong-hoa", "bep-com",
                                   "zalo-khu-pho"]


def test_groups_by_province_field_and_topic_keep_catalog_order():
    show = shown()
    assert {code: ids(rs) for code, rs in show.by_province.items()} == {
        "86": ["an-toan-giao-thong"], "68": ["me-do-dau", "dan-hoi-dap", "duong-hoa"], "79": ["bep-com"],
        "01": ["zalo-khu-pho"]}
    assert {f: ids(rs) for f, rs in show.by_field.items()} == {
        "defense-security": ["an-toan-giao-thong"], "culture-society": ["me-do-dau", "bep-com", "zalo-khu-pho"],
        "party-building": ["dan-hoi-dap"], "economy": ["duong-hoa"]}
    assert {t: ids(rs) for t, rs in show.by_topic.items()} == {
        "traffic-safety": ["an-toan-giao-thong"], "children": ["me-do-dau"],
        ("party-building", None): ["dan-hoi-dap"], "new-countryside": ["duong-hoa"],
        "social-welfare": ["bep-com"], "health": ["bep-com"], ("culture-society", None): ["zalo-khu-pho"]}
    assert show.topic_slugs["children"] == "cham-soc-bao-ve-tre-em"
    assert show.topic_slugs["traffic-safety"] == "an-toan-giao-thong"
    assert len(show.provinces) == 34
    assert show.tally("68").total == 3 and show.tally("01").total == 1 and show.tally("11").total == 0


def test_reports_are_set_beside_the_records_of_their_place():
    show = shown()
    assert {code: ids(rs) for code, rs in show.reports_by_province.items()} == {
        "68": ["dak-nong-2013-2023", "lam-dong-2024"], None: ["co-quan-tinh-2020"]}
    assert show.coverage == {
        # Đắk Nông before the merger, 2013–2023: me-do-dau was recognised in 2024 (out), registered in 2020 (in).
        "dak-nong-2013-2023": [Coverage("recognized", 0, 697), Coverage("registered", 1, 265)],
        # Lâm Đồng today (the period reaches the 2025 merger), 2024–2025: me-do-dau (recognised 2024) only.
        "lam-dong-2024": [Coverage("recognized", 1, 40)],
    }
    assert show.stats.national.total == 6       # reported figures are never added to the records' counts


def test_national_rows_most_records_first_then_by_name_with_the_largest_reported_figure():
    rows = national_rows(shown())
    assert len(rows) == 34
    head = [(p.name, t.total, ids(rs), top) for p, t, rs, top in rows[:6]]
    assert head == [
        ("Lâm Đồng", 3, ["dak-nong-2013-2023", "lam-dong-2024"], 697),
        ("Hà Nội", 1, [], -1),
        ("Hồ Chí Minh", 1, [], -1),
        ("Vĩnh Long", 1, [], -1),
        ("An Giang", 0, [], -1),
        ("Bắc Ninh", 0, [], -1),
    ]
    assert rows[-1][0].name == "Tuyên Quang"


# ---------------------------------------------------------------- related models

def test_related_models_are_the_nearest_of_the_same_province_and_field():
    group = [record(f"khu-dan-cu-{n}", f"Khu dân cư số {n}", "Huế", "economy") for n in range(5)]
    other_field = record("hoi-khuyen-hoc", "Hội khuyến học", "Huế", "culture-society")
    other_province = record("khu-dan-cu-ha-noi", "Khu dân cư Hà Nội", "Hà Nội", "economy")
    related = related_models(group[:2] + [other_field, other_province] + group[2:], size=2)
    assert {k: ids(v) for k, v in related.items()} == {
        "khu-dan-cu-0": ["khu-dan-cu-1", "khu-dan-cu-2"],
        "khu-dan-cu-1": ["khu-dan-cu-0", "khu-dan-cu-2"],
        "khu-dan-cu-2": ["khu-dan-cu-1", "khu-dan-cu-3"],
        "khu-dan-cu-3": ["khu-dan-cu-2", "khu-dan-cu-4"],
        "khu-dan-cu-4": ["khu-dan-cu-2", "khu-dan-cu-3"],
        "hoi-khuyen-hoc": [],
        "khu-dan-cu-ha-noi": [],
    }


def test_related_models_of_a_small_group_are_all_the_others_in_catalog_order():
    group = [record(f"to-tu-quan-{n}", f"Tổ tự quản {n}", "Cần Thơ", "defense-security") for n in range(4)]
    assert {k: ids(v) for k, v in related_models(group).items()} == {
        "to-tu-quan-0": ["to-tu-quan-1", "to-tu-quan-2", "to-tu-quan-3"],
        "to-tu-quan-1": ["to-tu-quan-0", "to-tu-quan-2", "to-tu-quan-3"],
        "to-tu-quan-2": ["to-tu-quan-0", "to-tu-quan-1", "to-tu-quan-3"],
        "to-tu-quan-3": ["to-tu-quan-0", "to-tu-quan-1", "to-tu-quan-2"],
    }


# ---------------------------------------------------------------- related posts

POSTS = [   # newest first
    {"model": ["me-do-dau"], "province": ["68"], "field": ["culture-society"]},
    {"model": [], "province": ["68"], "field": ["economy"]},
    {"model": ["me-do-dau"], "province": [], "field": []},
    {"model": [], "province": ["01"], "field": ["culture-society"]},
    {"model": [], "province": [], "field": []},
    {"model": [], "province": ["68"], "field": []},
]


def test_related_posts_score_model_4_province_2_field_1_then_nearest_in_time():
    # post 0: post 2 shares the model (4), posts 1 and 5 the province (2; 1 is nearer), post 3 a field (1).
    assert related_posts(POSTS) == [[2, 1, 5, 3], [0, 5], [0], [0], [], [1, 0]]
    assert related_posts(POSTS, size=2)[0] == [2, 1]


def test_only_the_posts_nearest_in_time_are_looked_at():
    keys = [{"province": ["68"]} for _ in range(20)]
    keys[0]["model"] = keys[19]["model"] = ["me-do-dau"]
    related = related_posts(keys, window=4)
    assert related[0] == [19, 1, 2]              # 19 through the shared model; of the province only 1 and 2
    assert related[10] == [9, 11, 8, 12]


def brute_force(keys, size):
    weights = {"model": 4, "province": 2, "field": 1}
    out = []
    for i, own in enumerate(keys):
        score = defaultdict(int)
        for j, other in enumerate(keys):
            if j == i:
                continue
            for dim, weight in weights.items():
                score[j] += weight * sum(1 for v in own.get(dim, []) if v in other.get(dim, []))
        ranked = sorted((j for j in score if score[j] > 0), key=lambda j: (-score[j], abs(j - i), j))
        out.append(ranked[:size])
    return out


def test_related_posts_equal_a_brute_force_scoring_when_every_post_is_looked_at():
    rng = random.Random(2025)
    keys = [{"model": rng.sample(["me-do-dau", "bep-com", "duong-hoa", "zalo"], rng.randint(0, 2)),
             "province": rng.sample(["68", "01", "79"], rng.randint(0, 1)),
             "field": rng.sample(["economy", "culture-society"], rng.randint(0, 2))} for _ in range(60)]
    assert related_posts(keys, window=1000) == brute_force(keys, 4)
