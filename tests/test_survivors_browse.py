"""render/browse on a terminal, on the fictional catalogue of two sources: which columns of
the figures and of the sources' codebook stay as the terminal narrows, and what `show EXPERT`
prints. What mutation testing found unpinned; every expectation is worked out by hand from
the catalogue's records (their widths counted from its JSON) and layout's rules: a margin
of one either side, two cells between columns, prose down to 20 cells, a label down to its
widest word, ids and numbers whole; the highest priority left out first, of equals the
rightmost."""

import io

from rich.console import Console

from jjj_cli import load_catalogue
from jjj_cli.query import Facet
from jjj_cli.render.browse import codebook
from jjj_cli.render.output import Mode

from .invoke import unstyled, written
from .paths import DATA

TWO = DATA / "two-sources" / "catalogue.toml"


def lines(*args: str, width: int) -> list[str]:
    result = written("--catalogue", str(TWO), *args, width=width)
    assert result.exit_code == 0, result.output
    return unstyled(result.stdout).splitlines()


def header(*args: str, width: int) -> list[str]:
    return lines(*args, width=width)[0].split()


def rendered(facet: Facet, width: int) -> list[str]:
    """The codebook's table at `width`, each entry counted 4: narrower than the 60 columns
    below which the command writes TSV."""
    catalogue = load_catalogue(TWO)
    entries = {Facet.source: catalogue.sources, Facet.theme: catalogue.themes}[facet]
    table = codebook(facet, [(entry, 4) for entry in entries], Mode.TABLE)
    console = Console(file=io.StringIO(), width=width, force_terminal=True, color_system=None)
    console.print(table)
    return console.file.getvalue().splitlines()


# The figures at their narrowest: id 16, expert 9, indicator 20, value 5, unit 7 (`million`),
# year 4, region 7, compared_with 13, ratio 5, source 14: 100 cells, and 20 around them.


def test_figures_leave_out_the_expert_first_then_the_year_then_the_source():
    assert header("figures", width=120) == [
        "id",
        "expert",
        "indicator",
        "value",
        "unit",
        "year",
        "region",
        "compared_with",
        "ratio",
        "source",
    ]
    # one cell less: the expert goes (the year, which ranks next, is further right)
    assert header("figures", width=119) == [
        "id",
        "indicator",
        "value",
        "unit",
        "year",
        "region",
        "compared_with",
        "ratio",
        "source",
    ]


def test_figures_keep_what_a_ratio_is_compared_with_longer_than_the_ratio():
    # without the source, 73 cells and 14 around them; 86 holds all but the ratio
    assert header("figures", width=86) == [
        "id",
        "indicator",
        "value",
        "unit",
        "region",
        "compared_with",
    ]


def test_figures_too_narrow_for_value_unit_and_region_become_one_block_each():
    # id, indicator, value, unit and region take 55 cells and 10 around them: at 64, rather
    # than leaving one of them out, each figure is a block headed by its id
    shown = lines("figures", width=64)
    assert shown[0] == " zhou-park-output"
    assert shown[1].split() == ["expert", "zhou-yuan"]


# The sources' codebook at its narrowest: id 14, title_en 20, title 20, kind 10, date 10,
# count 5: 79 cells, and 12 around them.


def test_the_sources_codebook_gives_the_english_title_first_in_english():
    assert header("sources", width=200) == ["id", "title_en", "title", "kind", "date", "count"]


def test_the_sources_codebook_gives_the_chinese_title_first_in_chinese():
    row = lines("sources", "--lang", "zh", width=200)[2]
    assert row.index("三地产业协作座谈会（虚构）") < row.index("A fictional forum")


def test_the_sources_codebook_leaves_out_the_other_title_before_the_kind_and_date():
    assert header("sources", width=90) == ["id", "title_en", "kind", "date", "count"]


def test_the_sources_codebook_too_narrow_for_the_id_title_and_count_is_a_block_a_source():
    # id, title_en and count take 39 cells and 6 around them; a terminal this narrow gets
    # TSV from the command, so the renderer is called here
    shown = rendered(Facet.source, 44)
    assert shown[0] == " test-forum"
    assert shown[1].split()[0] == "title_en"


def test_show_expert_gives_each_source_its_block_without_repeating_the_first():
    assert lines("show", "lin-xiao", width=120)[:12] == [
        " id              lin-xiao",
        " name            Lin Xiao",
        " name_zh         林晓",
        " affiliation     Professor, a fictional university",
        " affiliation_zh  某虚构大学教授",
        " note            Fictional; speaks in both sources.",
        "in test-forum",
        " headline     Start from jointly built parks",
        " headline_zh  从园区共建做起",
        "in test-interview",
        " question     How can Xiong'an draw innovation?",
        " question_zh  雄安如何吸引创新资源？",
    ]


def test_show_expert_titles_their_figures_which_leave_out_columns_to_fit():
    # one figure: id 16, expert 9, indicator 20, value 5, unit 7, year 4, region 6 (its
    # header), compared_with 13 (its header: it has none), ratio 5: 85 cells and 18 around;
    # at 100 the expert goes
    shown = lines("show", "zhou-yuan", width=100)
    at = shown.index("figures")
    assert shown[at + 1].split() == [
        "id",
        "indicator",
        "value",
        "unit",
        "year",
        "region",
        "compared_with",
        "ratio",
    ]


def test_the_sources_codebook_of_a_catalogue_without_sources_heads_every_column(tmp_path):
    text = TWO.read_text(encoding="utf-8").replace('include = ["sources/*.toml"]', "")
    path = tmp_path / "proposals.toml"
    path.write_text(text, encoding="utf-8")
    result = written("--catalogue", str(path), "sources", width=80)
    assert result.exit_code == 0, result.output
    assert unstyled(result.stdout).splitlines()[0].split() == [
        "id",
        "title_en",
        "title",
        "kind",
        "date",
        "count",
    ]


def test_the_themes_codebook_leaves_out_the_aliases_before_the_other_name():
    # at their narrowest: id 10, name 20, name_zh 8, aliases 7, count 5: 50 cells and 10
    # around them; at 59 one goes
    assert rendered(Facet.theme, 59)[0].split() == ["id", "name", "name_zh", "count"]
