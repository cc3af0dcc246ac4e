"""Line breaking for terminal text: between English words, between Chinese characters, never
before closing or after opening punctuation, never inside an id or a number that fits."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text

from jjj_cli.render.wrap import (
    balanced_width,
    list_min_width,
    min_width,
    natural_width,
    wrap,
    wrap_list,
    wrap_title,
)


def lines(text, width):
    return [line.plain for line in wrap(text, width)]


def test_english_breaks_between_words_only():
    assert lines("Make a major effort to build world-class industrial clusters", 20) == [
        "Make a major effort",
        "to build world-class",
        "industrial clusters",
    ]


def test_chinese_breaks_between_characters_at_two_cells_each():
    assert lines("加快推进京津冀协同发展", 10) == ["加快推进京", "津冀协同发", "展"]
    assert lines("加快推进京津冀协同发展", 11) == ["加快推进京", "津冀协同发", "展"]


def test_no_line_starts_with_closing_punctuation():
    # 10 cells hold five characters; a comma stays with the character before it
    assert lines("协同发展京津，打造集群。", 10) == ["协同发展京", "津，打造集", "群。"]
    assert lines("协同发展京，津冀打造集群", 10) == ["协同发展", "京，津冀打", "造集群"]
    # curly quotes take one cell in a terminal
    assert lines("协同发展京“津冀”打造集群", 10) == ["协同发展京", "“津冀”打造", "集群"]


def test_no_line_ends_with_opening_punctuation():
    assert lines("一二三四（五）六七", 10) == ["一二三四", "（五）六七"]


def test_ids_and_numbers_stay_whole_when_they_fit():
    assert lines("see cong-beijing-edge-untapped and 2019", 26) == [
        "see",
        "cong-beijing-edge-untapped",
        "and 2019",
    ]
    assert lines("研发强度6.31%，是河北的6倍", 12) == ["研发强度", "6.31%，是河", "北的6倍"]


def test_a_word_wider_than_the_line_is_folded():
    assert lines("cong-beijing-edge-untapped", 10) == ["cong-beiji", "ng-edge-un", "tapped"]


def test_explicit_line_breaks_are_kept_and_styles_follow_the_text():
    text = Text("alpha beta\ngamma")
    text.stylize("bold", 6, 10)
    wrapped = wrap(text, 20)
    assert [line.plain for line in wrapped] == ["alpha beta", "gamma"]
    assert [(span.start, span.end, span.style) for span in wrapped[0].spans] == [(6, 10, "bold")]


@pytest.mark.parametrize(
    ("text", "narrowest", "natural"),
    [
        ("world-class industrial clusters", 11, 31),
        ("京津冀，协同", 4, 12),
        ("a\nlonger line", 6, 11),
        ("", 0, 0),
    ],
)
def test_widths(text, narrowest, natural):
    assert min_width(text) == narrowest
    assert natural_width(text) == natural


def test_a_balanced_width_gives_as_many_lines_but_no_line_alone():
    # 13 characters, 26 cells: in 24, twelve and one alone; balanced, seven and six
    text = "针对缺失或薄弱环节招商引资"
    assert lines(text, 24) == ["针对缺失或薄弱环节招商引", "资"]
    assert balanced_width(text, 24) == 14
    assert lines(text, 14) == ["针对缺失或薄弱", "环节招商引资"]
    english = "Extend the chains with technology"
    assert lines(english, 30) == ["Extend the chains with", "technology"]
    assert lines(english, balanced_width(english, 30)) == ["Extend the chains", "with technology"]
    assert balanced_width("Strengthen the chains", 40) == len("Strengthen the chains")
    # never narrower than its widest word
    assert balanced_width("cong-institutional-innovation", 40) == 29


def test_a_list_breaks_between_its_elements_only():
    aliases = "cluster, industrial-clusters, 集群, 承接平台, 产业转移承接平台"
    assert [line.plain for line in wrap_list(aliases, 30)] == [
        "cluster, industrial-clusters,",
        "集群, 承接平台,",
        "产业转移承接平台",
    ]
    # an element wider than the line wraps as text does, on lines of its own
    assert [line.plain for line in wrap_list("ftz, 自由贸易试验区, port", 10)] == [
        "ftz,",
        "自由贸易试",
        "验区,",
        "port",
    ]
    assert list_min_width(aliases) == len("industrial-clusters,")


def test_a_title_ends_on_more_than_a_word_and_its_lines_stay_nearly_full():
    title = (
        "Serve the national layout of strategic industries with a two-way interaction of "
        "innovation and industrial chains"
    )
    # at 30, full lines would leave 'chains' alone; at 26 the last line is more than half
    # full, and no line in the middle is short, as the most even wrapping left 'with a two-way'
    assert [line.plain for line in wrap_title(title, 30)] == [
        "Serve the national layout",
        "of strategic industries",
        "with a two-way interaction",
        "of innovation and",
        "industrial chains",
    ]
    assert [line.plain for line in wrap_title("集群", 30)] == ["集群"]


@pytest.mark.parametrize("width", range(len("advanced-manufacturing"), 80))
def test_a_title_folds_no_word_that_fits(width):
    # fictional, with a word of 22 letters: at 22 to 30 columns, trying narrower widths for a
    # fuller last line once folded it ("advanced-manufacturin" / "g clusters")
    title = "Concentrate on advanced-manufacturing clusters"
    words = title.split()
    lines = [line.plain for line in wrap_title(title, width)]
    assert " ".join(lines).split() == words, lines  # every word whole, on one line
    assert all(len(line) <= width for line in lines)


def test_a_list_of_several_words_may_break_between_them():
    # a place of five words need not have a column as wide as its whole name
    assert list_min_width("PKX, Beijing Daxing International Airport") == len("International")
    assert list_min_width("中关村, 中关村国家自主创新示范区") == 2 * len("中关村国家自主创新示范区")


# Text made of what decides where pieces begin: Chinese characters, opening and closing marks
# (wide and narrow), letters, digits, hyphens and spaces.
_PIECES_ALPHABET = "雄安新区京津冀，。、（）“”《》abc-12 .,()\u3000"


@given(
    st.text(_PIECES_ALPHABET, max_size=60),
    st.integers(min_value=-3, max_value=63),
    st.integers(min_value=0, max_value=20),
)
def test_the_pieces_around_a_span_are_those_of_the_whole_text(text, start, length):
    from jjj_cli.render.breaks import words, words_around

    end = start + length
    whole = words(text)
    around = words_around(text, start, end)
    # each piece as the whole text cuts it, and every one that reaches into start…end
    assert set(around) <= set(whole)
    reaching = [(a, b) for a, b in whole if a < end and b > start]
    assert set(reaching) <= set(around)
    assert around == sorted(around)
