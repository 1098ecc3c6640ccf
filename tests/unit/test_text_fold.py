"""fold(): names compared without diacritics. Checked against the definition written out here (the whole
string decomposed, its marks left out), over written cases and many random strings."""
import random
import unicodedata

from dvk.model.text import fold


def reference(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if unicodedata.combining(c) == 0)
    return " ".join(stripped.split()).lower()


def test_written_cases():
    assert fold("Mẹ đỡ đầu") == "me do dau"
    assert fold("  ĐẮK   NÔNG\t") == "dak nong"
    assert fold("Thừa Thiên Huế") == "thua thien hue"
    assert fold(unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")) == "nguyen thi anh tuyet"
    assert fold("K’Ho, Ê Đê") == "k’ho, e de"
    assert fold("") == ""


ALPHABET = ("aăâeêioôơuưyd AĂÂEÊIOÔƠUƯYĐđ \t\n\u00a0\u2003-.,’0123456789"
            "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
            "\u0300\u0301\u0303\u0309\u0323\u0306\u0302\u031b"        # marks alone, as NFD keyboards type them
            "ΆΈάέ中文한국어ﬁ①ℌÅǅ\u0345\u05b0\u0e48😀")


def test_random_strings_fold_as_the_definition_says():
    rng = random.Random(2025)
    for _ in range(5000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 30)))
        if rng.random() < 0.3:
            text = unicodedata.normalize(rng.choice(["NFD", "NFC", "NFKD"]), text)
        assert fold(text) == reference(text), repr(text)
