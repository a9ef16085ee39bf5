"""Simple flat illustrations for the example case studies, drawn in code so that no photo is passed off as real."""

import io

from PIL import Image, ImageDraw

SIZE = (1200, 800)
SKY = (203, 226, 240)
GROUND = (120, 160, 90)
SNOW = (245, 248, 252)
RED = (150, 45, 35)
WHITE = (250, 250, 245)
WOOD = (150, 105, 60)
WOOD_END = (215, 170, 110)
DARK = (60, 50, 40)


def _house(draw, left, base, width, height, wall=RED, roof=DARK):
    draw.rectangle([left, base - height, left + width, base], fill=wall)
    draw.polygon(
        [(left - 30, base - height), (left + width / 2, base - height - 140), (left + width + 30, base - height)],
        fill=roof,
    )
    for offset in (0.2, 0.6):
        x = left + width * offset
        draw.rectangle([x, base - height * 0.7, x + width * 0.18, base - height * 0.35], fill=WHITE)
    draw.rectangle([left + width * 0.42, base - height * 0.6, left + width * 0.56, base], fill=WHITE)


def _firewood(draw):
    draw.rectangle([0, 560, 1200, 800], fill=GROUND)
    _house(draw, 700, 600, 380, 260)
    for row in range(5):
        for column in range(9 - row):
            x = 120 + column * 56 + row * 28
            y = 600 - row * 52
            draw.ellipse([x, y - 50, x + 54, y], fill=WOOD, outline=DARK, width=3)
            draw.ellipse([x + 12, y - 38, x + 42, y - 12], fill=WOOD_END)
    draw.line([(660, 700), (600, 560)], fill=WOOD, width=12)
    draw.polygon([(585, 545), (630, 530), (640, 575), (605, 585)], fill=(120, 120, 125))


def _snow(draw):
    draw.rectangle([0, 520, 1200, 800], fill=SNOW)
    _house(draw, 420, 560, 360, 240, roof=SNOW)
    draw.ellipse([820, 560, 1180, 720], fill=WHITE, outline=(200, 210, 225), width=4)
    draw.polygon([(80, 700), (300, 700), (330, 640), (110, 640)], fill=(200, 60, 40))
    draw.line([(300, 670), (380, 560)], fill=DARK, width=10)
    for x, y in ((100, 100), (300, 220), (520, 80), (900, 160), (1050, 300), (760, 260), (200, 380)):
        draw.ellipse([x, y, x + 18, y + 18], fill=WHITE)


def _village_hall(draw):
    draw.rectangle([0, 580, 1200, 800], fill=GROUND)
    _house(draw, 300, 620, 600, 300)
    draw.rectangle([560, 260, 640, 330], fill=WHITE)
    draw.line([(150, 620), (150, 330)], fill=DARK, width=8)
    draw.polygon([(154, 330), (260, 350), (154, 370)], fill=(0, 53, 128))


def _garden(draw):
    draw.rectangle([0, 520, 1200, 800], fill=GROUND)
    for x in range(100, 1100, 240):
        draw.ellipse([x, 440, x + 140, 560], fill=(70, 120, 60))
    for index, x in enumerate(range(300, 700, 28)):
        height = 90 - abs(500 - x) // 4
        draw.ellipse([x, 700 - height, x + 60, 720], fill=(200, 110 + (index % 3) * 30, 40))
    draw.line([(1000, 420), (900, 740)], fill=WOOD, width=12)
    draw.line([(840, 730), (960, 760)], fill=DARK, width=14)
    for x in range(845, 960, 20):
        draw.line([(x, 735), (x - 4, 770)], fill=DARK, width=5)


def _errands(draw):
    draw.rectangle([0, 600, 1200, 800], fill=GROUND)
    _house(draw, 380, 640, 440, 300)
    draw.rectangle([610, 690, 730, 800], fill=WOOD_END, outline=DARK, width=4)
    draw.arc([630, 630, 710, 730], start=180, end=360, fill=DARK, width=8)
    draw.ellipse([620, 660, 670, 700], fill=(90, 160, 70))
    draw.rectangle([675, 655, 705, 700], fill=(230, 200, 60))


ILLUSTRATIONS = {
    "firewood": _firewood,
    "snow": _snow,
    "village_hall": _village_hall,
    "garden": _garden,
    "errands": _errands,
}


def draw_png(name):
    """The illustration `name` as PNG bytes; raises KeyError for an unknown name."""
    painter = ILLUSTRATIONS[name]
    image = Image.new("RGB", SIZE, SKY)
    painter(ImageDraw.Draw(image))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
