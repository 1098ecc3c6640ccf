"""Vietnam's provinces: today's 34, and the 63 that existed before the 2025 merger.

Today's list comes from ``vietnam-provinces``; pre-2025 names, spelling
variants ("Tỉnh", "TP." prefixes, missing diacritics, "TP.HCM") and the mapping
of each old province to the one it is part of today come from
``vietnamadminunits``. Records keep the name as written at the time; the site
counts them under today's province.
"""
from __future__ import annotations

import difflib
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from dvk import cachefile
from dvk.cachefile import user_cache
from dvk.model.text import fold, nfc


@dataclass(frozen=True)
class Province:
    """One of today's 34 provinces and centrally-run cities."""

    code: str            # two-digit code, e.g. "68"
    name: str            # short name, e.g. "Lâm Đồng", "Hà Nội"
    full_name: str       # e.g. "Tỉnh Lâm Đồng", "Thành phố Hà Nội"
    slug: str            # URL slug, e.g. "lam-dong"
    lat: float
    lon: float
    formers: tuple[str, ...]  # short names of the pre-2025 provinces now part of it

    @property
    def in_sentence(self) -> str:
        """The full name as it reads mid-sentence: ``"tỉnh Lâm Đồng"``, ``"thành phố Hà Nội"``."""
        return self.full_name[:1].lower() + self.full_name[1:]

    @property
    def merged(self) -> bool:
        """True when the province was formed in 2025 from several."""
        return len(self.formers) > 1


@dataclass(frozen=True)
class ProvinceRef:
    """A province as a record or post names it, resolved to today's province."""

    written: str              # as written, NFC
    province: Province        # today's province
    former: str | None        # the pre-2025 province the name denotes, if any

    @property
    def display(self) -> str:
        """The name as readers see it: the canonical short name, with diacritics and no prefix.

        ``resolve("Tỉnh Bến Tre").display == "Bến Tre"``, ``resolve("Ha Giang").display == "Hà Giang"``:
        the pre-2025 province a record names, or today's province when it names that.
        """
        return self.former or self.province.name

    @property
    def former_differs(self) -> bool:
        """True when the name denotes an old province now merged into another."""
        return self.former is not None and self.former != self.province.name


# Names in common use that the library's keyword lists lack: old name -> its keyword.
ALIASES = {"thuathienhue": "hue", "saigon": "hochiminh", "tphcm": "hochiminh",
           # abbreviations committees write in spreadsheets
           "tthue": "hue", "tthhue": "hue", "brvt": "bariavungtau", "hcm": "hochiminh", "tpshcm": "hochiminh",
           # common misspellings of the Central Highlands' names
           "daclac": "daklak", "daklac": "daklak", "dacnong": "daknong"}
_PREFIXES = ("thanhpho", "tinh", "tp")


def _key(text: str) -> str:
    """``"TP. Hồ Chí Minh"`` → ``"tphochiminh"``: folded, letters and digits only."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


def _tables_version() -> str:
    """What the tables are made from: the two libraries' versions, this module and the folding rule."""
    from importlib.metadata import version
    from dvk.model import text
    digest = hashlib.sha1()
    for package in ("vietnam-provinces", "vietnamadminunits"):
        digest.update(f"{package}={version(package)};".encode())
    digest.update(Path(__file__).read_bytes() + Path(text.__file__).read_bytes())
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _tables():
    """Today's provinces (sorted), by code, and the keywords of every name in use: made from the two
    libraries once (importing them takes seconds), then kept in the user's cache until either changes."""
    path, version = user_cache() / "provinces.pickle", _tables_version()
    tables = cachefile.load(path, version)
    if tables is None:
        tables = _make_tables()
        cachefile.save(path, version, tables)
    return tables


def _make_tables():
    import json

    from vietnam_provinces import Province as VNProvince, VietNamDivisionType
    from vietnamadminunits import convert_address
    from vietnamadminunits.database import query

    coords = {r["provinceCode"]: (r["provinceLat"], r["provinceLon"]) for r in
              query("SELECT DISTINCT provinceCode, provinceLat, provinceLon FROM admin_units")}
    formers: dict[str, list[str]] = {}
    keywords: dict[str, tuple[str, str]] = {}   # keyword -> (today's code, former short name)
    legacy = query("SELECT DISTINCT provinceCode, provinceShort, provinceKeywords FROM admin_units_legacy")
    for row in legacy:
        short = nfc(row["provinceShort"])
        current = convert_address(short).province_code   # every old province lies wholly in one new one
        formers.setdefault(current, []).append(short)
        for kw in json.loads(row["provinceKeywords"] or "[]") + [_key(short)]:
            keywords[kw] = (current, short)
    for alias, kw in ALIASES.items():
        keywords[alias] = keywords[kw]
    provinces = []
    for p in VNProvince.iter_all():
        code = f"{int(p.code):02d}"
        city = p.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG
        short = nfc(p.name.removeprefix("Thành phố ").strip())
        lat, lon = coords[code]
        provinces.append(Province(
            code=code, name=short, full_name=nfc(p.name if city else f"Tỉnh {p.name}"),
            slug=p.codename.replace("_", "-"), lat=lat, lon=lon,
            formers=tuple(sorted(formers.get(code, [short]), key=fold)),
        ))
    provinces.sort(key=lambda p: fold(p.name))
    communes = tuple(sorted((r["wardLon"], r["wardLat"]) for r in query("SELECT wardLon, wardLat FROM admin_units")
                            if r["wardLon"] and r["wardLat"]))
    return provinces, {p.code: p for p in provinces}, keywords, communes


def commune_centroids() -> tuple[tuple[float, float], ...]:
    """(longitude, latitude) of every commune of today (``vietnamadminunits``): the map's backdrop."""
    return _tables()[3]


def all_provinces() -> list[Province]:
    """Today's 34 provinces, in alphabetical order (diacritics ignored)."""
    return list(_tables()[0])


def by_slug(slug: str) -> Province | None:
    return next((p for p in _tables()[0] if p.slug == slug), None)


@functools.lru_cache(maxsize=4096)
def resolve(name: str) -> ProvinceRef | None:
    """Resolve a province name as written to today's province, or ``None``.

    Accepts today's and pre-2025 names, with or without diacritics, with or
    without a "Tỉnh"/"Thành phố"/"TP." prefix, and a few names in common use
    ("Thừa Thiên Huế", "Sài Gòn", "TP.HCM"): ``resolve("Dak Nong")`` is the
    former Đắk Nông, now part of Lâm Đồng. Anything else, including a province
    name with extra words, is not a province name and gives ``None``.
    """
    written = nfc(str(name)).strip()
    _, by_code, keywords, _ = _tables()
    key = _key(written)
    hit = keywords.get(key)
    if hit is None:
        prefix = next((p for p in _PREFIXES if key.startswith(p) and len(key) > len(p)), None)
        hit = keywords.get(key[len(prefix):]) if prefix else None
    if hit is None:
        return None
    code, former = hit
    return ProvinceRef(written, by_code[code], former)


def province_problem(name) -> str:
    """Why ``name`` is not a province, in Vietnamese, with the nearest name when one is close."""
    names = {p.name for p in all_provinces()} | {f for p in all_provinces() for f in p.formers}
    folded = {fold(n): n for n in names}
    close = difflib.get_close_matches(fold(str(name)), list(folded), n=1, cutoff=0.75)
    hint = f" — có phải là “{folded[close[0]]}”?" if close else ""
    return (f"không nhận ra tỉnh, thành phố “{name}”{hint}; cần tên một trong 34 tỉnh, thành phố hiện nay "
            f"hoặc 63 tỉnh, thành phố trước năm 2025, có thể kèm “Tỉnh”, “TP.”, ví dụ “Lâm Đồng”, “Đắk Nông”")
