"""dvk.model.content: where each kind of file lives, a document's title and every entry's address."""
from __future__ import annotations

from dvk.model.content import kind_of, slug_of, title_of


def test_the_folder_decides_the_kind():
    assert kind_of("van-ban") == "document"
    assert kind_of("trang") == "page"
    assert kind_of("tin-tuc") == "post"
    assert kind_of("bai-cu") == "post"


def test_a_document_without_a_title_is_named_from_its_parts():
    meta = {"doc_type": "Công văn", "number": "374-CV/HU", "subject": "đẩy mạnh phong trào thi đua “Dân vận khéo”"}
    assert title_of("document", meta) == "Công văn số 374-CV/HU về việc đẩy mạnh phong trào thi đua “Dân vận khéo”"
    assert slug_of("document", meta, "tep-goc") == "cong-van-so-374-cv-hu-ve-viec-day-manh-phong-trao-thi-dua-dan-van-kheo"


def test_a_document_without_a_type_is_a_van_ban():
    meta = {"number": "38-CT/TU", "subject": "công tác dân vận"}
    assert title_of("document", meta) == "Văn bản số 38-CT/TU về việc công tác dân vận"


def test_an_own_title_and_slug_win():
    meta = {"title": "Kế hoạch số 45/KH-UBND", "doc_type": "Kế hoạch", "number": "45/KH-UBND", "subject": "x",
            "slug": "ke-hoach-45-kh-ubnd-ba-tri"}
    assert title_of("document", meta) == "Kế hoạch số 45/KH-UBND"
    assert slug_of("document", meta, "tep") == "ke-hoach-45-kh-ubnd-ba-tri"


def test_a_post_takes_its_address_from_its_title_without_diacritics():
    meta = {"title": "Đắk Nông nâng cao chất lượng phong trào “Dân vận khéo”"}
    assert title_of("post", meta) == "Đắk Nông nâng cao chất lượng phong trào “Dân vận khéo”"
    assert slug_of("post", meta, "bai-viet") == "dak-nong-nang-cao-chat-luong-phong-trao-dan-van-kheo"


def test_without_title_or_slug_the_file_name_is_the_address():
    assert title_of("post", {}) == ""
    assert slug_of("post", {}, "ban-tin-so-12") == "ban-tin-so-12"
    assert slug_of("page", {"title": "“”"}, "gioi-thieu") == "gioi-thieu"
