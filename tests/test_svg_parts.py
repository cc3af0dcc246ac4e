"""The parts every picture is built from (render/svg.py), each worked out by hand: numbers to a
tenth, the estimated width of a label, colours mixed and shaded, which ink stands out on a fill,
and elements and the root as they are written. tests/test_svg.py reads whole pictures."""

from __future__ import annotations

import pytest

from jjj_cli.render import svg


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (12.0, "12"),
        (12, "12"),
        (12.5, "12.5"),
        (12.34, "12.3"),
        (12.36, "12.4"),
        (0.04, "0"),
        (-1.0, "-1"),
        (-0.26, "-0.3"),
        (100.95, "101"),  # rounded to 101.0, then written without its .0
    ],
)
def test_a_number_is_written_to_a_tenth_without_a_trailing_zero(value, written):
    assert svg.number(value) == written


@pytest.mark.parametrize(
    ("label", "size", "width"),
    [
        ("I", 10, 3.0),  # narrow: 0.3 em
        ("m", 10, 7.5),  # wide: 0.75 em
        ("a", 10, 5.5),  # any other letter: 0.55 em
        ("京", 10, 11.0),  # a Chinese character: two letters
        ("Ａ", 10, 11.0),  # a full-width letter likewise
        ("e\u0301", 10, 5.5),  # a combining accent: nothing
        ("e\u0301a", 10, 11.0),  # and the letters after it count
        ("Ab", 14, 18.2),  # 0.75 + 0.55 em at the labels' size
        ("a\tb", 10, 14.0),  # a tab drawn as a space (narrow: 0.3) between two letters
    ],
    ids=[
        "narrow",
        "wide",
        "letter",
        "chinese",
        "full-width",
        "combining",
        "after-combining",
        "two",
        "tab",
    ],
)
def test_the_width_of_a_label_in_ems_of_its_size(label, size, width):
    assert svg.text_width(label, size) == pytest.approx(width)


def test_a_label_is_measured_at_the_labels_own_size_unless_told():
    assert svg.text_width("Ab") == pytest.approx(18.2)


@pytest.mark.parametrize(
    ("colour", "other", "share", "mixed"),
    [
        ("#102030", "#304050", 0.25, "#182838"),  # a quarter of 0x20 added to each channel
        ("#102030", "#304050", 0, "#102030"),
        ("#102030", "#304050", 1, "#304050"),
        ("#000000", "#ffffff", 0.5, "#808080"),  # 127.5 rounds to 128, the even one
        ("#ffffff", "#000000", 0.1, "#e6e6e6"),  # 255 - 25.5 = 229.5: 230
    ],
)
def test_colours_are_mixed_channel_by_channel(colour, other, share, mixed):
    assert svg.mix(colour, other, share) == mixed


@pytest.mark.parametrize(
    ("share", "colour"),
    [
        (0, "#deebf7"),  # the scale's lightest
        (-1, "#deebf7"),  # below it, the lightest
        (1, "#08306b"),  # its darkest
        (2, "#08306b"),
        (3 / 7, "#6baed6"),  # on the fourth of its eight steps exactly
        # half way: 3.5 steps, between the fourth (#6baed6) and the fifth (#4292c6):
        # (107 + 66) / 2 = 86.5 -> 86, (174 + 146) / 2 = 160, (214 + 198) / 2 = 206
        (0.5, "#56a0ce"),
    ],
)
def test_a_share_is_shaded_along_the_scale(share, colour):
    assert svg.shade(share) == colour


def test_luminance_and_contrast_at_their_ends():
    assert svg.luminance("#ffffff") == pytest.approx(1.0)
    assert svg.luminance("#000000") == 0.0
    # one channel alone: its weight (WCAG 2: 0.2126 red, 0.7152 green, 0.0722 blue)
    assert svg.luminance("#ff0000") == pytest.approx(0.2126)
    assert svg.luminance("#00ff00") == pytest.approx(0.7152)
    assert svg.luminance("#0000ff") == pytest.approx(0.0722)
    # below 0.04045 a channel is linear: 10/255 / 12.92
    assert svg.luminance("#0a0a0a") == pytest.approx(10 / 255 / 12.92)
    assert svg.contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert svg.contrast("#000000", "#ffffff") == pytest.approx(21.0)  # either way round
    assert svg.contrast("#808080", "#808080") == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("fill", "ink"),
    [
        ("#ffffff", "#000000"),
        ("#deebf7", "#000000"),  # the lightest shade
        ("#000000", "#ffffff"),
        ("#08306b", "#ffffff"),  # the darkest
        # mid grey: against black (0.2159 + 0.05) / 0.05 = 5.3, against white 1.05 / 0.2659 = 3.9
        ("#808080", "#000000"),
        # a darker grey: luminance 0.1329; black 3.66, white 5.74
        ("#666666", "#ffffff"),
        # just past where both stand out alike (4.58:1, the square root of 21): luminance
        # 0.1779, black 4.56, white 4.61
        ("#757575", "#ffffff"),
    ],
)
def test_the_ink_that_stands_out_more(fill, ink):
    assert svg.ink(fill) == ink


def test_an_element_and_its_attributes_as_written():
    assert svg.element("g") == "<g/>"
    assert svg.element("rect", {"x": 1.26, "width": 3, "fill": "#fff"}) == (
        '<rect x="1.3" width="3" fill="#fff"/>'
    )
    # a value that is not plain is made safe and escaped, its double quote too
    assert svg.element("text", {"id": 'a"b<&'}, svg.text("x & y <z>")) == (
        '<text id="a&quot;b&lt;&amp;">x &amp; y &lt;z&gt;</text>'
    )
    assert svg.element("g", {"data-v": "a\tb"}) == '<g data-v="a b"/>'  # a tab a space
    assert svg.element("g", {"data-v": "北京"}) == '<g data-v="北京"/>'
    assert svg.element("g", None, svg.element("a"), svg.element("b")) == "<g><a/><b/></g>"


def test_the_root_of_a_picture_as_written():
    written = svg.document(100, 50.55, "T & t", "<D>", [svg.element("g")])
    assert written.split("\n") == [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50.5" width="100" '
        'height="50.5" role="img" font-family="\'Helvetica Neue\', Arial, \'Liberation Sans\', '
        "'DejaVu Sans', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK "
        "SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif\" font-size=\"14\">",
        "<title>T &amp; t</title>",
        "<desc>&lt;D&gt;</desc>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        "<g/>",
        "</svg>",
    ]
