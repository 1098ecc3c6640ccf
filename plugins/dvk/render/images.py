"""Images for the web: resized derivatives, cleaned originals, Open Graph crops (Pillow).

Every raster image (JPEG, PNG, WebP) under ``content/`` gets, once:

- derivatives in several widths, in WebP and in a JPEG (photos) or PNG
  (graphics) fallback, for ``<picture>`` with ``srcset``/``sizes``;
- a cleaned copy published at the original's address (at most
  ``ORIGINAL_MAX`` pixels wide): orientation applied, every EXIF field — GPS
  position, camera, date — removed;
- a 1200 × 630 crop for Open Graph (link previews).

A corrupt or truncated file, a file that is not an image, or an image larger
than ``max_pixels`` (a "decompression bomb": a small file that unpacks into
gigabytes) raises ``ImageError`` with a Vietnamese message naming the file.

Results are cached by the content of the file (SHA-256) and the processing
settings, so an unchanged image is never processed twice. No Pelican import.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import warnings
from dataclasses import asdict, dataclass, field as dc_field
from pathlib import Path

from dvk.model import urls

RASTER = (".jpg", ".jpeg", ".png", ".webp")
WIDTHS = (320, 640, 960, 1280)
ORIGINAL_MAX = 2560
OG_SIZE = (1200, 630)
MAX_PIXELS = 40_000_000          # 40 megapixels: a large camera photo is ~24
QUALITY = {"webp": 78, "jpeg": 82}
VERSION = 2                       # bump when the processing changes: every cached result is redone
DERIVED_DIR = urls.IMAGES.rstrip("/")   # derivatives are published under /anh/<key>/
DEFAULT_SIZES = "(min-width: 48rem) 44rem, 100vw"


class ImageError(Exception):
    """An image that cannot be published; ``message`` is Vietnamese and names the file."""

    def __init__(self, rel: str, message: str):
        self.rel, self.message = rel, message
        super().__init__(f"{rel}: {message}")


@dataclass
class Variant:
    path: str      # relative to the site root
    width: int
    height: int


@dataclass
class ProcessedImage:
    """What a page needs to show one image: its derivatives and the cleaned original."""

    src: str                   # the original, relative to content/ (also its published address)
    key: str                   # content hash + settings: the cache key
    width: int                 # of the cleaned original
    height: int
    fallback_type: str         # "image/jpeg" or "image/png"
    webp: list[Variant] = dc_field(default_factory=list)
    fallback: list[Variant] = dc_field(default_factory=list)
    og: Variant | None = None

    @property
    def largest(self) -> Variant:
        return self.fallback[-1]

    @classmethod
    def from_dict(cls, d: dict) -> "ProcessedImage":
        d = dict(d)
        d["webp"] = [Variant(**v) for v in d["webp"]]
        d["fallback"] = [Variant(**v) for v in d["fallback"]]
        d["og"] = Variant(**d["og"]) if d.get("og") else None
        return cls(**d)


def is_raster(path: str) -> bool:
    return path.lower().endswith(RASTER)


def _open(path: Path, rel: str, max_pixels: int):
    """Open and fully decode an image, or raise ImageError saying what is wrong with it."""
    from PIL import Image, UnidentifiedImageError
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)   # our own limit applies below
            im = Image.open(path)
            if im.width * im.height > max_pixels:
                raise ImageError(rel, f"ảnh quá lớn: {_n(im.width)} × {_n(im.height)} điểm ảnh, vượt giới hạn "
                                      f"{max_pixels // 1_000_000} triệu điểm ảnh (có thể là tệp lỗi hoặc "
                                      f"“bom giải nén”); hãy thu nhỏ ảnh, ví dụ về chiều rộng 2.560 điểm ảnh")
            im.load()
            return im
    except ImageError:
        raise
    except FileNotFoundError:
        raise ImageError(rel, "không tìm thấy tệp ảnh") from None
    except Image.DecompressionBombError:
        raise ImageError(rel, f"ảnh quá lớn, vượt giới hạn {max_pixels // 1_000_000} triệu điểm ảnh (có thể là "
                              f"tệp lỗi hoặc “bom giải nén”); hãy thu nhỏ ảnh trước khi đăng") from None
    except UnidentifiedImageError:
        raise ImageError(rel, "không đọc được tệp ảnh: tệp bị hỏng hoặc không phải ảnh JPEG, PNG, WebP; "
                              "hãy xuất lại ảnh rồi thay tệp") from None
    except (OSError, SyntaxError, ValueError):
        raise ImageError(rel, "tệp ảnh bị hỏng hoặc không trọn vẹn; hãy xuất lại ảnh rồi thay tệp") from None


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _has_alpha(im) -> bool:
    return im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)


class ImageProcessor:
    """Processes images under ``content_dir`` into ``cache_dir``; publishes them into an output folder."""

    def __init__(self, content_dir, cache_dir, widths=WIDTHS, max_pixels=MAX_PIXELS, siteurl=""):
        self.content_dir = Path(content_dir)
        self.cache_dir = Path(cache_dir)
        self.widths = tuple(sorted(widths))
        self.max_pixels = int(max_pixels)
        self.siteurl = siteurl
        self.processed: dict[str, ProcessedImage] = {}
        self.reused = 0      # taken from the cache, for tests and the build summary

    def _signature(self) -> str:
        return json.dumps([VERSION, self.widths, self.max_pixels, ORIGINAL_MAX, OG_SIZE, QUALITY])

    def key_of(self, rel: str) -> str:
        digest = hashlib.sha256((self._signature() + rel).encode())     # same bytes at two paths: two entries
        try:
            with open(self.content_dir / rel, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
        except FileNotFoundError:
            raise ImageError(rel, "không tìm thấy tệp ảnh") from None
        return digest.hexdigest()[:16]

    def process(self, rel: str) -> ProcessedImage:
        """The derivatives of ``content/<rel>``, from the cache when the file has not changed."""
        if rel in self.processed:
            return self.processed[rel]
        key = self.key_of(rel)
        folder = self.cache_dir / key
        meta = folder / "meta.json"
        if meta.is_file():
            try:
                result = ProcessedImage.from_dict(json.loads(meta.read_text(encoding="utf-8")))
                if result.src == rel and all((folder / os.path.basename(v.path)).is_file()
                                             for v in result.webp + result.fallback + [result.og]):
                    self.reused += 1
                    self.processed[rel] = result
                    return result
            except (ValueError, TypeError, KeyError):
                pass        # a damaged cache entry is simply redone
        result = self._make(rel, key, folder)
        self.processed[rel] = result
        return result

    def _make(self, rel: str, key: str, folder: Path) -> ProcessedImage:
        from PIL import Image, ImageOps
        im = _open(self.content_dir / rel, rel, self.max_pixels)
        try:
            im = ImageOps.exif_transpose(im)     # apply the camera's orientation, then drop EXIF
        except Exception:                       # a broken EXIF block: keep the pixels as stored
            pass
        png = os.path.splitext(rel)[1].lower() == ".png" or _has_alpha(im)
        icc = im.info.get("icc_profile")
        im = im.convert("RGBA" if _has_alpha(im) else "RGB")
        im.info = {}    # no EXIF, XMP or comment travels on (Pillow would write im.info's back out); ICC aside
        tmp = folder.with_name(folder.name + f".tmp-{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(rel).stem).strip("-") or "anh"
        base = f"{DERIVED_DIR}/{key}/{stem}"
        fallback_ext, fallback_type = ("png", "image/png") if png else ("jpg", "image/jpeg")

        def save(image, name, fmt):
            opts = {"icc_profile": icc} if icc else {}
            if fmt == "WEBP":
                image.save(tmp / name, "WEBP", quality=QUALITY["webp"], method=4, **opts)
            elif fmt == "PNG":
                image.save(tmp / name, "PNG", optimize=True, **opts)
            else:
                image.convert("RGB").save(tmp / name, "JPEG", quality=QUALITY["jpeg"], optimize=True,
                                          progressive=True, **opts)

        widths = [w for w in self.widths if w < im.width] + [min(im.width, self.widths[-1])]
        result = ProcessedImage(rel, key, 0, 0, fallback_type)
        resized = im
        for w in sorted(set(widths), reverse=True):       # largest first: each resize starts from the last
            h = max(1, round(im.height * w / im.width))
            if w != resized.width:
                resized = resized.resize((w, h), Image.LANCZOS, reducing_gap=3.0)
            save(resized, f"{stem}-{w}.webp", "WEBP")
            save(resized, f"{stem}-{w}.{fallback_ext}", "PNG" if png else "JPEG")
            result.webp.insert(0, Variant(f"{base}-{w}.webp", w, h))
            result.fallback.insert(0, Variant(f"{base}-{w}.{fallback_ext}", w, h))
        og = ImageOps.fit(im.convert("RGB"), OG_SIZE, Image.LANCZOS)
        save(og, f"{stem}-og.jpg", "JPEG")
        result.og = Variant(f"{base}-og.jpg", *OG_SIZE)
        clean = im
        if im.width > ORIGINAL_MAX:
            clean = im.resize((ORIGINAL_MAX, max(1, round(im.height * ORIGINAL_MAX / im.width))), Image.LANCZOS)
        ext = os.path.splitext(rel)[1].lower()
        save(clean, "original" + ext, {".png": "PNG", ".webp": "WEBP"}.get(ext, "JPEG"))
        result.width, result.height = clean.width, clean.height
        (tmp / "meta.json").write_text(json.dumps(asdict(result), ensure_ascii=False), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
        return result

    def publish(self, output_dir) -> int:
        """Copy every processed image into ``output_dir``: derivatives and cleaned originals."""
        output_dir = Path(output_dir)
        count = 0
        for rel, p in self.processed.items():
            folder = self.cache_dir / p.key
            targets = [(folder / os.path.basename(v.path), output_dir / v.path) for v in p.webp + p.fallback + [p.og]]
            targets.append((folder / ("original" + os.path.splitext(rel)[1].lower()), output_dir / rel))
            for source, target in targets:
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.exists():
                    target.unlink()
                try:
                    os.link(source, target)
                except OSError:
                    shutil.copyfile(source, target)
                count += 1
        return count

    # ------------------------------------------------------------ HTML

    def url(self, path: str) -> str:
        return f"{self.siteurl}/{path}"

    def picture(self, rel: str, alt: str, lazy: bool = True, sizes: str | None = None,
                extra_class: str = "") -> str:
        """``<picture>`` markup for a processed image; a plain ``<img>`` for SVG and anything else."""
        alt_attr = html.escape(alt or "", quote=True)
        cls = f' class="{extra_class}"' if extra_class else ""
        loading = ' loading="lazy" decoding="async"' if lazy else ' fetchpriority="high" decoding="async"'
        p = self.processed.get(rel)
        if p is None:
            size = svg_size(self.content_dir / rel) if rel.lower().endswith(".svg") else None
            dims = f' width="{size[0]}" height="{size[1]}"' if size else ""
            return f'<img src="{html.escape(self.url(rel))}" alt="{alt_attr}"{dims}{loading}{cls}>'
        sizes = html.escape(sizes or DEFAULT_SIZES, quote=True)
        webp = ", ".join(f"{self.url(v.path)} {v.width}w" for v in p.webp)
        fallback = ", ".join(f"{self.url(v.path)} {v.width}w" for v in p.fallback)
        big = p.largest
        return (f'<picture><source type="image/webp" srcset="{webp}" sizes="{sizes}">'
                f'<img src="{self.url(big.path)}" srcset="{fallback}" sizes="{sizes}" width="{big.width}" '
                f'height="{big.height}" alt="{alt_attr}"{loading}{cls}></picture>')

    def thumbnail(self, rel: str) -> str:
        """Address of the smallest derivative of an image (WebP), for result cards; the file itself otherwise."""
        p = self.processed.get(rel)
        return self.url(p.webp[0].path if p and p.webp else rel)

    def og_image(self, rel: str, alt: str = "") -> dict | None:
        p = self.processed.get(rel)
        if p is None or p.og is None:
            return None
        return {"url": self.url(p.og.path), "width": p.og.width, "height": p.og.height, "alt": alt}


_SVG_DIM = re.compile(r'<svg\b[^>]*>', re.S)


def svg_size(path) -> tuple[int, int] | None:
    """Width and height of an SVG from its root element (width/height, else viewBox), if stated."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    m = _SVG_DIM.search(head)
    if not m:
        return None
    attrs = dict(re.findall(r'([\w:-]+)\s*=\s*"([^"]*)"', m.group(0)))
    try:
        w, h = (float(re.sub(r"px$", "", attrs["width"])), float(re.sub(r"px$", "", attrs["height"])))
    except (KeyError, ValueError):
        try:
            _, _, w, h = (float(x) for x in re.split(r"[\s,]+", attrs.get("viewBox", "").strip()))
        except ValueError:
            return None
    return (round(w), round(h)) if w > 0 and h > 0 else None


# ---------------------------------------------------------------- images inside rendered Markdown

_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_FIGURE = re.compile(r"<p>\s*(<img\b[^>]*>)\s*</p>(?:\s*<p>\s*<em>((?:(?!</?p\b).)*?)</em>\s*</p>)?", re.S | re.I)


def img_attrs(tag: str) -> dict:
    """The attributes of one ``<img>`` tag, entities decoded."""
    return {k.lower(): html.unescape(a if a or not b else b) for k, a, b in _ATTR.findall(tag)}


def image_sources(markup: str) -> list[str]:
    """The ``src`` of every ``<img>`` in ``markup``, in order."""
    return [img_attrs(t).get("src", "") for t in _IMG.findall(markup)] if "<img" in markup else []


def rewrite_images(markup: str, render) -> str:
    """Give every ``<img>`` in rendered Markdown its responsive markup, and captions their figure.

    ``render(attrs) -> str | None`` returns the markup of one image (None keeps
    the tag as it is). An image alone in its paragraph becomes a ``<figure>``;
    its caption is the paragraph right after it when that paragraph is all in
    italics (``*Chú thích ảnh*`` in Markdown), else the image's title.
    """
    if "<img" not in markup:
        return markup
    done: list[str] = []          # rendered pieces, put back once every tag has been seen

    def keep(text):
        done.append(text)
        return f"\x00{len(done) - 1}\x00"

    def one(tag):
        out = render(img_attrs(tag))
        return tag if out is None else out

    def figure(m):
        tag, caption = m.group(1), m.group(2)
        if caption is None and img_attrs(tag).get("title"):
            caption = html.escape(img_attrs(tag)["title"])
        caption_html = f'<figcaption class="figure__caption">{caption}</figcaption>' if caption else ""
        return keep(f'<figure class="figure">{one(tag)}{caption_html}</figure>')

    markup = _FIGURE.sub(figure, markup)
    markup = _IMG.sub(lambda m: keep(one(m.group(0))), markup)
    return re.sub("\x00(\\d+)\x00", lambda m: done[int(m.group(1))], markup)
