"""The pictures written out whole, every number worked out by hand: a heat map and a network of
tests/data/pictures.toml (fictional: two experts, two themes, one region, three items), in
English and in Chinese, compared line by line with what `matrix --format svg` and `graph
--format svg` write. The expected pictures in tests/data/pictures/ were written by hand from
the working below, never by jjj.

The layout is render/pictures.py's: a margin of 16; a caption 13 high with 2.5 of its lines of
room; labels 14 high, centred 0.35 of that (4.9) below their middle; 8 between a label and what
it labels. Widths are svg.text_width's estimate: at 14 to the em, 0.3 em for a narrow letter,
0.75 for a wide one (a capital, m, w), 0.55 for the rest, 1.1 for a Chinese character.

The heat map of experts by themes. Row labels: "Wang Ming" 4.85 em, "Li Hua" 3.2, "total" 2.0,
"proposals in a cell" 8.45 (118.3): the cells start at 16 + 118.3 + 8 = 142.3. "Ports" (2.45 em,
34.3), the widest head, and 8 fit the least cell width, 44: the heads stand upright, 21 high
(1.5 lines), and the cells start 16 + 32.5 + 21 = 69.5 down, each 44 by 30, its box 42 by 28.
The totals 8 beyond: x 238.3, y 137.5; the legend 16 below them, at 183.5, its counts 1 and 2
(1 + (2 - 1) * step / 4 for steps 0 to 4, rounded). Height 183.5 + 30 + 16 = 229.5; width
238.3 + 44 + 16 = 298.3. A count of 1 where 2 is the largest is half way along the scale, between
#6baed6 and #4292c6: #56a0ce (86.5 rounds to even, 86); black stands out on it (7.3:1, white
2.9:1), white on the darkest, #08306b.

In Chinese, themes by source: the source's title, 14 full-width characters (215.6), is too wide
to stand upright and slants at 45 degrees, taking 215.6 * sqrt(0.5) + 14 = 166.45 above the
cells, which start 16 + 32.5 + 166.45 = 214.95 down and 16 + 77 + 8 = 101 across ("每格条目数",
77). The width is where the slanting title ends, 123 + 152.45 + 14, and the margin: 305.5.

The network with both names: boxes 26.8 high (14 * 1.2 + 8 * 1.25), 35.2 apart (26.8 + 8.4).
"Wang Ming 王明" is 7.35 em (102.9), so the experts' boxes are 118.9 wide; the themes' 85.3
("Ports 港口", 4.95 em), the regions' 88.8 ("Hebei 河北", 5.2 em); 200 between columns: they
start at 16, 334.9 and 620.2. Two rows from 69.5: middles 87.1 and 122.3; Hebei alone, level
with their middle, at 104.7. Curves, the heaviest first, 1 + 8 * weight / 2 wide, at an opacity
of 0.55 written to a tenth. An expert's items on Hebei are boxes 28 wide (the least), from 620.2
+ 88.8 + 8 = 717, in the expert's colour (Okabe and Ito's first two), with the ink that stands
out more: white on #0072b2 (5.2:1; black 4.0:1), black on #d55e00 (5.4:1; white 3.9:1). An
expert's own box is their colour with 85% white: #d9eaf3, #f9e7d9. The legend 16 below the
columns (69.5 + 70.4 + 16 = 155.9); the width where the head over the boxes ends, 717 + "by
expert" (4.2 em, 58.8), and the margin: 791.8.

In Chinese, of both kinds, in Hebei: every label two characters (30.8), every box the least
width, 64: columns at 16, 280 and 544; the boxes beside the region from 616, their head "各专家"
(46.2) ending at 662.2, short of the second box's end, 672: width 688.

Nothing matches Wang Ming on ports: the columns' heads, the least width each (64: at 16, 280,
544), no "by expert", the words saying so where the first row would stand (69.5 + 17.6 = 87.1),
and the margin below where the legend would start (69.5 + 16 + 16 = 101.5); the width the third
column's end and the margin, 544 + 64 + 16 = 624, the caption (37.75 em at 13, 490.8) being
narrower.

Without regions (pictures.toml with its one region taken out), experts by regions is a heat map
that says so: the caption, then the words where the cells would start (16 across, 69.5 down:
the one head, "total", stands upright), 99.5 high (a row of 30 below). It is 320 wide at the
least; with filters, the caption and 16 each side: "Proposals by expert and region (expert: Wang
Ming; theme: Ports)" is 29.7 em at 13, 386.1, so 418.1; in Chinese, 24 characters, 26.4 em,
343.2, so 375.2.
"""

import pytest

from .invoke import jjj
from .paths import DATA

PICTURES = DATA / "pictures.toml"
HEBEI = '[[regions]]\nid = "hebei"\nname = "Hebei"\nname_zh = "河北"\nlevel = "province"\n\n'


@pytest.mark.parametrize(
    "args, expected",
    [
        (["matrix"], "heat-map.en.svg"),
        (
            ["matrix", "--lang", "zh", "--rows", "theme", "--cols", "source", "--kind", "all"],
            "heat-map.zh.svg",
        ),
        (["graph"], "network.en.svg"),
        (["graph", "--lang", "zh", "--kind", "all", "--region", "hebei"], "network.zh.svg"),
        (["graph", "--expert", "wang-ming", "--theme", "ports"], "network-of-nothing.en.svg"),
    ],
    ids=["heat-map-en", "heat-map-zh", "network-en", "network-zh", "network-of-nothing"],
)
def test_the_picture_is_the_one_worked_out_by_hand(args, expected):
    result = jjj(*args, "--format", "svg", catalogue=PICTURES)
    assert result.exit_code == 0, result.output
    written = (DATA / "pictures" / expected).read_text(encoding="utf-8")
    assert result.stdout.splitlines() == written.splitlines()


@pytest.mark.parametrize(
    "args, expected",
    [
        ([], "no-regions.en.svg"),
        (["--expert", "wang-ming", "--theme", "ports"], "no-regions-filtered.en.svg"),
        (
            ["--expert", "wang-ming", "--theme", "ports", "--lang", "zh"],
            "no-regions-filtered.zh.svg",
        ),
    ],
    ids=["en", "filtered-en", "filtered-zh"],
)
def test_a_heat_map_of_a_facet_the_catalogue_lacks_is_the_one_worked_out_by_hand(
    catalogue_copy, args, expected
):
    text = PICTURES.read_text(encoding="utf-8")
    assert text.count(HEBEI) == 1 and text.count('regions = ["hebei"]') == 2
    variant = catalogue_copy(text.replace(HEBEI, "").replace('regions = ["hebei"]', "regions = []"))
    result = jjj("matrix", "--cols", "region", "--format", "svg", *args, catalogue=variant)
    assert result.exit_code == 0, result.output
    written = (DATA / "pictures" / expected).read_text(encoding="utf-8")
    assert result.stdout.splitlines() == written.splitlines()
