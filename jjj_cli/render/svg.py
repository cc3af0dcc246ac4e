"""SVG as jjj writes it: elements built from escaped parts only, catalogue text made safe for
XML, the width of a label estimated, and colours with their contrast (WCAG 2).

What is drawn is render/pictures.py's; this module knows nothing of the catalogue. Nothing built
here can hold a script, an event attribute or a reference to anything outside the picture:
attribute names are this code's own, and every value and text is escaped after `safe`: & < >,
and " in a value, which is always in double quotes. (With `html.escape`: `xml.sax.saxutils`
imports urllib, which cost a picture a tenth of its time.)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from html import escape
from typing import NewType

from .plain import escape_char, visible

SVG_NAMESPACE = "http://www.w3.org/2000/svg"

# Latin faces first, then faces with Chinese characters on the systems people present from: a
# browser takes each character from the first face in the list that has it.
FONT_FAMILY = (
    "'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', 'PingFang SC', "
    "'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', "
    "'WenQuanYi Micro Hei', sans-serif"
)

# What XML 1.0 forbids even as a character reference, beyond the controls `visible` escapes:
# the surrogates (a lone one reaches a str through surrogateescape) and U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")

Value = str | int | float
# SVG made here, from escaped parts only: what an element may hold. A plain str (catalogue
# text) is not one, so a type checker refuses it where markup goes: it must pass through `text`.
Markup = NewType("Markup", str)

FONT_SIZE = 14  # of labels, in the picture's units (px at its natural size)


def safe(text: str) -> str:
    """Catalogue text as XML may hold it: control characters made visible as `visible` makes
    them (a tab or a line end a space: a label is one line), and what XML forbids likewise."""
    return _NOT_XML.sub(lambda match: escape_char(match.group()), visible(text))


def text(content: str) -> Markup:
    """Element text: safe, then escaped (& < >)."""
    return Markup(escape(safe(content), quote=False))


def number(value: float) -> str:
    """A coordinate or length, to a tenth: 12, 12.5."""
    rounded = f"{value:.1f}"
    return rounded[:-2] if rounded.endswith(".0") else rounded


# An attribute value that needs nothing done to it: a number, a colour, a keyword, an id.
_PLAIN_VALUE = re.compile(r"[-\w .,:;#%()/+]*", re.ASCII)


def _attribute(value: Value) -> str:
    if isinstance(value, float):
        return f'"{number(value)}"'
    said = str(value)
    if _PLAIN_VALUE.fullmatch(said):
        return f'"{said}"'  # most values: spared making safe and quoting (a fifth of a picture)
    return '"' + escape(safe(said), quote=False).replace('"', "&quot;") + '"'


def _opening(tag: str, attributes: Mapping[str, Value] | None) -> str:
    pairs = (attributes or {}).items()
    return tag + "".join(f" {name}={_attribute(value)}" for name, value in pairs)


def element(tag: str, attributes: Mapping[str, Value] | None = None, *children: Markup) -> Markup:
    """`<tag attributes>children</tag>`, every attribute value quoted and escaped; children are
    elements built here or `text`. An element without children closes itself."""
    if not children:
        return Markup(f"<{_opening(tag, attributes)}/>")
    return Markup(f"<{_opening(tag, attributes)}>{''.join(children)}</{tag}>")


def document(
    width: float, height: float, title: str, description: str, body: Sequence[Markup]
) -> str:
    """The root `<svg>`: its size, what it is called and what it shows (for screen readers
    and search), a white ground the colours were chosen against, then `body`, a line each."""
    root: dict[str, Value] = {
        "xmlns": SVG_NAMESPACE,
        "viewBox": f"0 0 {number(width)} {number(height)}",
        "width": float(width),
        "height": float(height),
        "role": "img",
        "font-family": FONT_FAMILY,
        "font-size": FONT_SIZE,
    }
    ground = element("rect", {"width": "100%", "height": "100%", "fill": WHITE})
    parts = [element("title", None, text(title)), element("desc", None, text(description)), ground]
    return "\n".join([f"<{_opening('svg', root)}>", *parts, *body, "</svg>"])


# --- text ----------------------------------------------------------------------------------

# The advance of a letter of Latin text, in ems, in the Helvetica and Arial of FONT_FAMILY (and
# Liberation Sans, made to their measure): narrow ones, wide ones (capitals, m, w) and the rest,
# which a Chinese character (wide, as terminals count it) is twice. Over the shipped catalogue's
# names these come within 1% of the width drawn, and above it by 12% at most.
_NARROW = frozenset("fijlrtI .,:;'‘’!|()[]-")
_WIDE = frozenset("ABCDEFGHJKLMNOPQRSTUVWXYZmw")
_NARROW_EM, _WIDE_EM, _LETTER_EM = 0.3, 0.75, 0.55


def text_width(content: str, size: float = FONT_SIZE) -> float:
    """How wide a line of text is drawn, estimated: a Chinese (wide or full-width) character
    is two letters wide, a combining mark nothing."""
    ems = 0.0
    for char in safe(content):
        if unicodedata.combining(char):
            continue
        if unicodedata.east_asian_width(char) in "WF":
            ems += 2 * _LETTER_EM
        else:
            ems += _NARROW_EM if char in _NARROW else _WIDE_EM if char in _WIDE else _LETTER_EM
    return ems * size


# --- colour --------------------------------------------------------------------------------

WHITE = "#ffffff"
BLACK = "#000000"

# A sequential scale, light to dark (ColorBrewer's Blues): a count's shade is its share of the
# largest.
_SCALE = ("#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{round(channel):02x}" for channel in rgb)


def mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` (0 to 1) of `other` mixed in."""
    ours, theirs = _rgb(colour), _rgb(other)
    return _hex([a + (b - a) * share for a, b in zip(ours, theirs)])


def shade(share: float) -> str:
    """The scale's colour at `share` (0, the lightest, to 1, the darkest)."""
    position = min(max(share, 0.0), 1.0) * (len(_SCALE) - 1)
    index = min(int(position), len(_SCALE) - 2)
    return mix(_SCALE[index], _SCALE[index + 1], position - index)


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = map(linear, _rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str, other: str) -> float:
    """WCAG 2's contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ink(fill: str) -> str:
    """Black or white, whichever stands out more on `fill`: at least 4.58:1 on any colour,
    beyond WCAG's AA level for text (4.5:1)."""
    return BLACK if contrast(fill, BLACK) >= contrast(fill, WHITE) else WHITE
