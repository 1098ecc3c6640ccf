"""``invoke bench-import DIR``: how many fields the importers get right on a folder of samples.

Each input (``*.txt`` bulletin or ``*.xlsx``/``*.xls``/``*.csv``/``*.txt`` sheet) sits beside
``<name>.expect.json``. A bulletin's expectation names ``kind`` and fields (title, date, time,
author, source; or number, doc_type, subject, date, place, signer), ``extra`` fields, ``lead_starts``,
``captions``, ``headings``, ``must_contain`` and ``must_not_contain``; ``{"any": [...]}`` accepts
several answers and ``null`` means the importer must leave the field empty. A sheet's expectation
lists rows (``record`` with values, ``refuse``/``refused`` with ``keywords``, ``skip``).

Every expected field counts one; a value given where ``null`` was expected is also counted as
*invented*.
"""
from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass, field as dc_field
from pathlib import Path

from dvk.model.text import nfc

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".tsv", ".ods")


@dataclass
class Score:
    right: int = 0
    expected: int = 0
    invented: int = 0
    misses: list = dc_field(default_factory=list)

    def add(self, ok: bool, where: str, got=None, want=None, invented: bool = False):
        self.expected += 1
        if ok:
            self.right += 1
        else:
            self.misses.append(f"{where}: got {got!r}, want {want!r}")
        if invented:
            self.invented += 1

    def merge(self, other: "Score"):
        self.right += other.right
        self.expected += other.expected
        self.invented += other.invented
        self.misses += other.misses


def _norm(v):
    if isinstance(v, str):
        return " ".join(nfc(v).split())
    return v


def _matches(got, want) -> bool:
    if isinstance(want, dict) and "any" in want:
        return any(_matches(got, w) for w in want["any"])
    if isinstance(want, dict) and isinstance(got, dict):
        return all(_matches(got.get(k), v) for k, v in want.items()) and set(got) <= set(want)
    return _norm(got) == _norm(want)


def _allows_none(want) -> bool:
    return want is None or (isinstance(want, dict) and None in want.get("any", []))


# ------------------------------------------------------------------ bulletins


def bulletin_values(parsed) -> dict:
    """The fields of a parsed bulletin or document, as the expectations name them."""
    from dvk.tools.bulletin import markdown_of_blocks
    body = markdown_of_blocks(parsed.blocks)
    if parsed.kind == "document":
        values = {"kind": "document", "number": parsed.number, "doc_type": parsed.doc_type,
                  "subject": parsed.subject, "date": parsed.date.isoformat() if parsed.date else None,
                  "place": parsed.place, "signer": parsed.signer,
                  "extra": {"system": parsed.system, "on_behalf": parsed.on_behalf, "signer_role": parsed.signer_role,
                            "issuer": parsed.issuer, "parent": parsed.parent, "recipients": parsed.recipients,
                            "cc": parsed.cc, "province": parsed.province},
                  "lead": None, "captions": [], "headings": parsed.headings, "body": body}
    else:
        date = parsed.date
        values = {"kind": "post", "title": parsed.title, "date": date.date().isoformat() if date else None,
                  "time": date.strftime("%H:%M") if date and parsed.has_time else None,
                  "author": parsed.author, "source": parsed.source,
                  "extra": {"source_url": parsed.source_url, "province": parsed.province},
                  "lead": parsed.lead, "captions": parsed.captions, "headings": parsed.headings, "body": body}
    return values


def score_bulletin(path: Path, expect: dict) -> Score:
    from dvk.tools.bulletin import parse, read_bulletin
    score = Score()
    name = path.name
    parsed = parse(read_bulletin(path))
    got = bulletin_values(parsed)
    text_all = "\n".join(str(v) for k, v in got.items() if k not in ("extra",)) + "\n" + "\n".join(
        str(v) for v in got["extra"].values())
    score.add(got["kind"] == expect.get("kind", got["kind"]), f"{name} kind", got["kind"], expect.get("kind"))
    for key in ("title", "date", "time", "author", "source", "number", "doc_type", "subject", "place", "signer"):
        if key in expect:
            want = expect[key]
            value = got.get(key)
            score.add(_matches(value, want), f"{name} {key}", value, want,
                      invented=_allows_none(want) and value is not None and not _matches(value, want))
    for key, want in (expect.get("extra") or {}).items():
        value = got["extra"].get(key)
        score.add(_matches(value, want), f"{name} extra.{key}", value, want,
                  invented=_allows_none(want) and value is not None and not _matches(value, want))
    if "lead_starts" in expect:
        want = expect["lead_starts"]
        lead = got["lead"] or ""
        ok = bool(lead) and _norm(lead).startswith(_norm(want)) if want else not lead
        score.add(ok, f"{name} lead", lead[:60], want)
    for key in ("captions", "headings"):
        if key in expect:
            have = [_norm(c) for c in got[key]]
            ok = all(any(h.startswith(_norm(w)) or _norm(w) in h for h in have) for w in expect[key])
            score.add(ok, f"{name} {key}", got[key], expect[key])
    body = got["body"] + "\n" + (got["lead"] or "")
    for text in expect.get("must_contain", []):
        score.add(_norm(text) in _norm(body), f"{name} body has", None, text)
    for text in expect.get("must_not_contain", []):
        if text.strip() and text.strip() != text and "\n" not in text:
            hit = text in body
        elif text in ("\r", "\u00a0"):
            hit = text in text_all
        else:
            hit = text in body
        score.add(not hit, f"{name} body lacks", text, None)
    return score


# ------------------------------------------------------------------ sheets


def sheet_outcome(path: Path) -> dict[int, tuple[str, object]]:
    """Row number → ("record", data) | ("refuse", reason) | ("skip", why), from a dry run on an empty site."""
    from dvk.tools.importer import import_models
    with tempfile.TemporaryDirectory(prefix="dvk-bench-") as tmp:
        root = Path(tmp)
        (root / "content").mkdir()
        (root / "data" / "models").mkdir(parents=True)
        fields = Path(__file__).resolve().parents[3] / "data" / "fields.yaml"
        if fields.is_file():
            (root / "data" / "fields.yaml").write_bytes(fields.read_bytes())
        result = import_models(root, path, dry_run=True)
    out: dict[int, tuple[str, object]] = {}
    for p in result.planned:
        out[p.row] = ("record", p.data)
    for r in result.rejected:
        out[r.row] = ("refuse", r.reason)
    for r in result.skipped:
        out.setdefault(r.row, ("skip", r.reason))
    return out


RECORD_KEYS = ("name", "owner", "kind", "field", "province", "locality", "registered", "recognized")
META_KEYS = ("expect", "why", "keywords", "stretch", "description", "note", "notes")


def score_sheet(path: Path, expect: dict) -> Score:
    score = Score()
    outcome = sheet_outcome(path)
    for row, want in sorted(expect.get("rows", {}).items(), key=lambda kv: int(kv[0])):
        where = f"{path.name} row {row}"
        kind, got = outcome.get(int(row), ("skip", "(không có)"))
        expected = want["expect"]
        if expected == "record":
            if kind != "record":
                for key in RECORD_KEYS:
                    if key in want:
                        score.add(False, f"{where} {key}", f"{kind}: {got}", want[key])
                continue
            for key in RECORD_KEYS + tuple(k for k in want if k not in RECORD_KEYS and k not in META_KEYS):
                if key in want:
                    score.add(_matches(got.get(key), want[key]), f"{where} {key}", got.get(key), want[key])
                elif got.get(key) is not None and key in ("locality", "registered", "recognized"):
                    score.add(False, f"{where} {key}", got.get(key), None, invented=True)
        elif expected in ("refuse", "refused"):
            ok = kind == "refuse" and all(nfc(k).lower() in nfc(str(got)).lower() for k in want.get("keywords", []))
            score.add(ok, f"{where} refused", f"{kind}: {got}", want.get("keywords"))
        elif expected == "skip":
            score.add(kind == "skip", f"{where} skipped", f"{kind}: {got}", "skip")
    return score


# ------------------------------------------------------------------ a folder


def inputs(folder: Path) -> list[tuple[Path, Path]]:
    """(input, expectation) pairs of ``folder`` and its subfolders."""
    pairs = []
    for exp in sorted(folder.rglob("*.expect.json")):
        stem = exp.name[: -len(".expect.json")]
        found = [p for p in exp.parent.glob(stem + ".*") if p != exp and not p.name.endswith(".json")]
        if found:
            pairs.append((found[0], exp))
    return pairs


def score_file(path: Path, exp_path: Path) -> Score:
    expect = json.loads(exp_path.read_text(encoding="utf-8"))
    if "rows" in expect or path.suffix.lower() in SHEET_SUFFIXES:
        return score_sheet(path, expect)
    return score_bulletin(path, expect)


def bench(folder) -> tuple[Score, dict[str, Score]]:
    folder = Path(folder)
    total, per = Score(), {}
    for path, exp in inputs(folder):
        try:
            s = score_file(path, exp)
        except Exception as exc:   # a crash on one input is a miss for all its fields, not the end of the run
            s = Score()
            s.add(False, f"{path.name}", f"{type(exc).__name__}: {exc}", "no crash")
        per[path.relative_to(folder).as_posix()] = s
        total.merge(s)
    return total, per


def main(folder, verbose: bool = True) -> int:
    start = dt.datetime.now()
    total, per = bench(folder)
    for name, s in per.items():
        print(f"{name}: {s.right}/{s.expected}")
        if verbose:
            for miss in s.misses:
                print(f"    MISS {miss}")
    pct = 100 * total.right / total.expected if total.expected else 0.0
    seconds = (dt.datetime.now() - start).total_seconds()
    print(f"fields right / fields expected: {total.right} / {total.expected} ({pct:.1f}%), "
          f"invented: {total.invented}, files: {len(per)}, {seconds:.1f} s")
    return 0
