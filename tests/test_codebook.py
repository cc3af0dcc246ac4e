"""The codebook document, docs/codebook.md, that tools/codebook.py writes from a catalogue: its
text for a fictional catalogue (tests/data/rules.toml) written out here by hand, and the
committed document kept the same as what the shipped catalogue gives."""

import subprocess
import sys
from pathlib import Path

from jjj_cli.catalogue import load_catalogue

from .paths import DATA

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "codebook.py"


def _tool():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import codebook
    finally:
        sys.path.remove(str(ROOT / "tools"))
    return codebook


# After the introduction, what the document says of tests/data/rules.toml.
EXPECTED = """\
## Themes

### Industrial clusters · 产业集群 (`clusters`)

World-class and specialised industrial clusters.

Aliases: industrial-clusters, 集群.

**Include when**

1. A cluster of industry is to be built or grown, whatever its size or place (a fictional rule).\\
   要建设或壮大产业集群，不论其规模与地点（虚构的规则）。
   - Example: `wang-world-class-clusters`, “打造世界级产业集群”.

     > 京津冀要**打造世界级产业集群**，重点是先进制造业。

2. Firms are to gather in one place (a fictional rule).
   - Example: `zhang-leading-firms-xiongan`, “在雄安新区集聚”.

     > 应当鼓励龙头企业带动中小企业**在雄安新区集聚**。

**Exclude when**

1. Research results put to use elsewhere, with no cluster named (a fictional rule).
   - Example: `wang-research-to-hebei`, “在河北转化落地”.

     > 北京的科技成果应当**在河北转化落地**。

### Technology innovation · 科技创新 (`innovation`)

Research, development and putting results to use.

Aliases: tech.

**Include when**

1. The innovation chain is named (a fictional rule).
   - Example: `zhang-chain-gap`, “创新链”.

     > 产业链和**创新链**的融合还有较大提升空间。

### Transport links · 交通互联 (`transport`)

Rail, airports and the links between places.

No rules written.

### Free-trade zones · 自贸试验区 (`free-trade`)

Pilot free-trade zones and other opening-up pilots.

Aliases: ftz.

No rules written.

### Industrial and innovation chains · 产业链与创新链 (`chains`)

Closing gaps in chains and integrating them.

No rules written.

### Market integration · 市场一体化 (`integration`)

One market across the three jurisdictions.

No rules written.

## Rules for every theme

1. An item carries every theme its own words meet, and no other (a fictional rule).\\
   一个条目带有其自身原话所涉及的每一个主题，且只带这些主题，不因上下文或同一位专家的其他发言而添加别的主题（虚构的规则）。
   - Example: `zhang-chain-gap`, “产业链和创新链的融合”; tags: `chains`, `innovation`.

     > **产业链和创新链的融合**还有较大提升空间。

## Region rules

1. A place is tagged when the quote names it (a fictional rule).\\
   引文点名某地，即标注该地（虚构的规则）。
   - Example: `wang-research-to-hebei`, “北京的科技成果应当在河北”; tags: `beijing`, `hebei`.

     > **北京的科技成果应当在河北**转化落地。

2. jingjinji is tagged when the quote names the three as one (a fictional rule).
   - Example: `wang-world-class-clusters`, “京津冀要”; tags: `jingjinji`.

     > **京津冀要**打造世界级产业集群，重点是先进制造业。

3. No place named, no region (a fictional rule).\\
   未点名任何地方，则不标注地区（虚构的规则）。
   - Example: `li-transport-backbone`, “交通是产业协同的骨架”.

     > **交通是产业协同的骨架**。

## Regions

| id | name | name_zh | parent | also within |
| --- | --- | --- | --- | --- |
| `jingjinji` | Beijing–Tianjin–Hebei | 京津冀 |  |  |
| `beijing` | Beijing | 北京 | `jingjinji` |  |
| `hebei` | Hebei | 河北 | `jingjinji` |  |
| `xiongan` | Xiong'an New Area | 雄安新区 | `hebei` |  |
| `airport-zone` | Daxing airport economic zone | 大兴机场临空经济区 | `beijing` | `hebei` |
| `yrd` | Yangtze River Delta | 长三角 |  |  |
"""


def test_the_codebook_of_a_catalogue_with_rules():
    written = _tool().codebook(load_catalogue(DATA / "rules.toml"))
    introduction, rest = written.split("## Themes\n", 1)
    assert introduction.startswith("# The codebook\n")
    assert "## Themes\n" + rest == EXPECTED


def test_catalogue_text_is_shown_as_written(catalogue_copy):
    text = (DATA / "rules.toml").read_text(encoding="utf-8")
    text = text.replace("Firms are to gather in one place", "Firms *gather* in [one] place\\u0007")
    written = _tool().codebook(load_catalogue(catalogue_copy(text)))
    # the bell made visible, its backslash escaped: Markdown shows \\x07
    assert "2. Firms \\*gather\\* in \\[one\\] place\\\\x07 (a fictional rule)." in written


def test_the_committed_codebook_is_what_the_shipped_catalogue_gives():
    checked = subprocess.run(
        [sys.executable, str(TOOL), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_check_fails_when_the_document_differs(tmp_path):
    output = tmp_path / "codebook.md"
    catalogue = str(DATA / "rules.toml")
    run = [sys.executable, str(TOOL), "--catalogue", catalogue, "--output", str(output)]
    assert subprocess.run(run, capture_output=True).returncode == 0
    assert output.read_text(encoding="utf-8").endswith(EXPECTED)
    assert subprocess.run([*run, "--check"], capture_output=True).returncode == 0
    output.write_text(output.read_text(encoding="utf-8").replace("Hebei", "Hubei"), "utf-8")
    checked = subprocess.run([*run, "--check"], capture_output=True, text=True)
    assert checked.returncode == 1
    assert checked.stdout == f"{output} is not what the catalogue gives: run tools/codebook.py\n"


def test_an_example_that_gives_no_tag_says_none(catalogue_copy):
    text = (DATA / "rules.toml").read_text(encoding="utf-8")
    old = 'words = "交通是产业协同的骨架" }'
    text = text.replace(old, 'words = "交通是产业协同的骨架", gives = [] }')
    written = _tool().codebook(load_catalogue(catalogue_copy(text)))
    assert "   - Example: `li-transport-backbone`, “交通是产业协同的骨架”; tags: none.\n" in written
