"""Draw the demo's illustrations (flat scenes, Pillow) into content/images/minh-hoa/ as JPEG.

They are drawings made for the demo, not photographs: every page that shows one marks it
“Ảnh minh họa”. They run through the same pipeline as an editor's photographs (WebP and JPEG
derivatives, EXIF removed). Deterministic: run again, get the same pictures.

    python tests/tools/draw_illustrations.py
"""
from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[2] / "content" / "images" / "minh-hoa"
W, H = 1200, 675


def sky(d, top, bottom, horizon=H):
    for y in range(horizon):
        t = y / horizon
        d.line([(0, y), (W, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))


def hills(d, color, base, amp, seed, step=60):
    r = random.Random(seed)
    pts = [(0, H)] + [(x, base - r.randint(0, amp)) for x in range(0, W + step, step)] + [(W, H)]
    d.polygon(pts, fill=color)


def person(d, x, y, s=1.0, shirt=(165, 14, 14), skin=(224, 172, 105), hat=None):
    d.ellipse([x - 14 * s, y - 70 * s, x + 14 * s, y - 42 * s], fill=skin)
    if hat:
        d.polygon([(x - 26 * s, y - 58 * s), (x + 26 * s, y - 58 * s), (x, y - 84 * s)], fill=hat)
    d.rounded_rectangle([x - 20 * s, y - 40 * s, x + 20 * s, y + 10 * s], radius=int(10 * s), fill=shirt)
    d.rectangle([x - 14 * s, y + 10 * s, x - 3 * s, y + 40 * s], fill=(40, 50, 70))
    d.rectangle([x + 3 * s, y + 10 * s, x + 14 * s, y + 40 * s], fill=(40, 50, 70))


def tree(d, x, y, s=1.0, green=(34, 110, 60)):
    d.rectangle([x - 6 * s, y - 30 * s, x + 6 * s, y], fill=(92, 64, 40))
    for k in range(3):
        d.polygon([(x - (50 - 10 * k) * s, y - (30 + 40 * k) * s), (x + (50 - 10 * k) * s, y - (30 + 40 * k) * s),
                   (x, y - (100 + 40 * k) * s)], fill=green)


def house(d, x, y, w, h, wall=(240, 226, 196), roof=(165, 60, 40), lit=False):
    d.rectangle([x, y - h, x + w, y], fill=wall)
    d.polygon([(x - 15, y - h), (x + w + 15, y - h), (x + w / 2, y - h - h * 0.6)], fill=roof)
    win = (255, 214, 102) if lit else (120, 150, 170)
    for i in range(max(1, int(w // 70))):
        wx = x + 20 + i * 70
        if wx + 40 < x + w:
            d.rectangle([wx, y - h + 25, wx + 40, y - h + 60], fill=win)


def flag_banner(d, x, y, w, text_color=(255, 222, 89)):
    d.rectangle([x, y, x + w, y + 50], fill=(165, 14, 14))
    d.regular_polygon((x + 40, y + 25, 16), 5, fill=text_color)
    for i in range(4):
        d.rectangle([x + 80 + i * (w - 120) / 4, y + 20, x + 70 + (i + 1) * (w - 120) / 4, y + 30], fill=text_color)


def forest(d):
    sky(d, (150, 200, 230), (225, 240, 235))
    hills(d, (110, 160, 120), 330, 80, 1)
    hills(d, (60, 130, 80), 430, 70, 2)
    for i, x in enumerate(range(40, W, 95)):
        tree(d, x, 520 + (i % 3) * 25, 1.0 + (i % 2) * 0.3)
    d.rectangle([0, 560, W, H], fill=(70, 120, 60))
    for i, x in enumerate((420, 520, 620, 720)):
        person(d, x, 600, 1.2, shirt=[(34, 90, 60), (165, 14, 14), (34, 90, 60), (11, 79, 156)][i], hat=(200, 170, 90))


def classroom(d):
    sky(d, (20, 30, 70), (70, 70, 120))
    r = random.Random(7)
    for _ in range(40):
        x, y = r.randint(0, W), r.randint(0, 250)
        d.ellipse([x, y, x + 3, y + 3], fill=(240, 240, 255))
    hills(d, (40, 50, 80), 380, 120, 3)
    d.ellipse([950, 80, 1030, 160], fill=(250, 240, 200))
    d.rectangle([0, 520, W, H], fill=(60, 70, 60))
    house(d, 300, 560, 600, 200, wall=(230, 220, 190), roof=(150, 40, 30), lit=True)
    for i, x in enumerate((380, 470, 560, 650, 740)):
        person(d, x, 620, 0.9, shirt=(255, 255, 255) if i % 2 else (11, 79, 156))
    d.rectangle([1040, 440, 1060, 560], fill=(200, 200, 200))
    d.rectangle([1020, 420, 1080, 445], fill=(165, 14, 14))


def market(d):
    sky(d, (250, 200, 140), (250, 235, 200), 360)
    d.ellipse([120, 120, 240, 240], fill=(255, 170, 60))
    hills(d, (120, 150, 110), 360, 30, 4, 100)
    for y in range(360, H):
        t = (y - 360) / (H - 360)
        d.line([(0, y), (W, y)], fill=(int(150 - 60 * t), int(120 - 30 * t), int(70 - 20 * t)))
    for i, x in enumerate((100, 420, 760)):
        yy = 470 + (i % 2) * 90
        d.polygon([(x, yy), (x + 300, yy), (x + 260, yy + 50), (x + 40, yy + 50)], fill=(90, 60, 40))
        for k in range(5):
            d.ellipse([x + 40 + k * 45, yy - 35, x + 80 + k * 45, yy + 5],
                      fill=[(240, 140, 30), (120, 170, 60), (230, 60, 60), (250, 200, 50), (120, 170, 60)][k])
        person(d, x + 150, yy - 20, 0.8, shirt=(11, 79, 156), hat=(215, 190, 120))


def kitchen(d):
    d.rectangle([0, 0, W, H], fill=(245, 232, 210))
    d.rectangle([0, 0, W, 90], fill=(165, 14, 14))
    flag_banner(d, 300, 20, 600)
    d.rectangle([100, 420, 1100, 460], fill=(140, 90, 50))
    d.rectangle([130, 460, 150, H], fill=(120, 75, 40))
    d.rectangle([1050, 460, 1070, H], fill=(120, 75, 40))
    for k in range(8):
        x = 170 + k * 115
        d.ellipse([x, 385, x + 80, 430], fill=(255, 255, 255), outline=(180, 180, 180), width=3)
        d.ellipse([x + 12, 390, x + 68, 410], fill=(250, 250, 240))
    for i, x in enumerate((260, 480, 720, 940)):
        person(d, x, 360, 1.3, shirt=[(165, 14, 14), (255, 255, 255), (11, 79, 156), (165, 14, 14)][i])


def flower_road(d):
    sky(d, (160, 210, 240), (230, 245, 250), 300)
    hills(d, (120, 180, 110), 300, 40, 5, 120)
    d.rectangle([0, 300, W, H], fill=(110, 170, 90))
    d.polygon([(520, 300), (680, 300), (1000, H), (200, H)], fill=(170, 160, 150))
    r = random.Random(6)
    for _ in range(380):
        side = r.random() < 0.5
        y = r.randint(310, H)
        t = (y - 300) / (H - 300)
        edge = 520 - 320 * t if side else 680 + 320 * t
        x = edge - r.randint(10, 160) * (0.4 + t) if side else edge + r.randint(10, 160) * (0.4 + t)
        s = 4 + 10 * t
        d.ellipse([x - s, y - s, x + s, y + s], fill=r.choice([(230, 60, 90), (250, 200, 50), (240, 120, 40), (200, 80, 160)]))
    house(d, 60, 330, 220, 90)
    house(d, 900, 330, 240, 100, roof=(60, 90, 140))
    person(d, 560, 560, 1.1, shirt=(34, 90, 60), hat=(215, 190, 120))


def meeting(d):
    d.rectangle([0, 0, W, H], fill=(236, 228, 214))
    d.rectangle([0, 0, W, 200], fill=(190, 40, 40))
    flag_banner(d, 250, 70, 700)
    d.rectangle([380, 230, 820, 300], fill=(140, 90, 50))
    for i, x in enumerate((440, 540, 660, 760)):
        person(d, x, 250, 0.9, shirt=(255, 255, 255))
    for row in range(2):
        for k in range(7):
            x = 150 + k * 150 + row * 60
            person(d, x, 480 + row * 130, 1.0 + row * 0.15,
                   shirt=[(11, 79, 156), (165, 14, 14), (34, 90, 60), (90, 90, 90)][(k + row) % 4])


SCENES = {"bao-ve-rung": forest, "lop-hoc-vung-bien": classroom, "cho-noi": market,
          "bep-com-yeu-thuong": kitchen, "tuyen-duong-hoa": flower_road, "doi-thoai": meeting}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in SCENES.items():
        img = Image.new("RGB", (W, H))
        draw(ImageDraw.Draw(img))
        img.save(OUT / f"{name}.jpg", "JPEG", quality=72, optimize=True, progressive=True)


if __name__ == "__main__":
    main()
