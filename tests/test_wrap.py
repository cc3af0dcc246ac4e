"""Line breaking for terminal text: between English words, between Chinese characters, never
before closing or after opening punctuation, never inside an id or a number that fits, nor
between a number and the Chinese character that counts it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text

from jjj_cli.render.wrap import (
    balanced_width,
    list_min_width,
    min_width,
    natural_width,
    width_for,
    wrap,
    wrap_list,
    wrap_names,
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


def test_a_number_keeps_the_character_that_counts_it():
    # 8 cells: 地区共 (6) leaves two, as wide as 22 and too narrow for 22个; 9 cells: 地区共 and
    # a space leave two, too narrow for `22 个`, which a line starts whole
    assert lines("地区共22个", 8) == ["地区共", "22个"]
    assert lines("地区共 22 个", 9) == ["地区共", "22 个"]
    assert lines("2019年研发", 4) == ["2019", "年研", "发"]  # wider than the line: folded
    # a number before a space and an English word, or a Chinese character after a letter, is
    # broken as before
    assert lines("地区共 22 ab", 9) == ["地区共 22", "ab"]
    assert lines("地区共ab个", 8) == ["地区共ab", "个"]
    # only a number counts (6.31 and 131,716 do; an id ending in digits does not), and an
    # opening mark after it is no measure word
    assert lines("地区共6.31个", 8) == ["地区共", "6.31个"]
    assert lines("地区共1,716个", 9) == ["地区共", "1,716个"]
    assert lines("地区共ab-22个", 11) == ["地区共ab-22", "个"]
    assert lines("地区共 22 （一）", 10) == ["地区共 22", "（一）"]


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


def test_the_narrowest_width_for_a_number_of_lines_of_a_text_or_a_string():
    # `one two` is 7 cells: at 7 two lines, at 6 three (one / two / three)
    assert width_for("one two three", 2) == 7
    assert width_for(Text("one two three", style="bold"), 2) == 7
    # words of one cell: one a line at a width of one
    assert width_for("a b c", 3) == 1
    # more lines than asked for even unwrapped: the unwrapped width
    assert width_for("a\nb", 1) == 1
    # (fictional) 63 cells: "Build world-class clusters, above" (33) / "all in advanced
    # manufacturing" (29); a cell less puts "above" on the second line, which would need 35
    # cells: three lines
    title = "Build world-class clusters, above all in advanced manufacturing"
    assert width_for(title, 2) == 33
    # "Build world-class" (17) / "clusters, above" / "all in advanced" / "manufacturing"; at 16
    # "Build" and "world-class" part, and it takes five lines
    assert width_for(title, 4) == 17


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


def test_an_element_as_wide_as_the_line_is_kept_as_it_is():
    # an alias that starts with a space (the catalogue refuses only blank ones; fictional):
    # kept as written, on a line of its own, when it is exactly as wide as the line, as when
    # narrower; only one wider wraps as text does, which drops the space at a line's start
    assert [line.plain for line in wrap_list(" ab, cd", 4)] == [" ab,", "cd"]
    assert [line.plain for line in wrap_list(" ab, cd", 5)] == [" ab,", "cd"]
    assert [line.plain for line in wrap_list(" ab, cd", 3)] == ["ab,", "cd"]


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


# (fictional) words of 5, 11, 9, 5, 3, 2, 8 and 13 cells, punctuation included
CLUSTERS = "Build world-class clusters, above all in advanced manufacturing"


def test_a_title_keeps_full_lines_when_the_last_is_half_the_width_or_more():
    # at 27: 27, 21 and 13 cells; 13 is half of 27, rounded down: kept as it is
    assert [line.plain for line in wrap_title(CLUSTERS, 27)] == [
        "Build world-class clusters,",
        "above all in advanced",
        "manufacturing",
    ]


def test_a_short_last_line_tries_each_narrower_width_in_turn():
    # at 29 the same three lines, but 13 is less than 14; 28 leaves them so, and 27 is the
    # first narrower width where the last is half the line: the lines at 27
    assert [line.plain for line in wrap_title(CLUSTERS, 29)] == [
        "Build world-class clusters,",
        "above all in advanced",
        "manufacturing",
    ]
    # (fictional) at 33, "Put Beijing's research results to" and 12 cells, less than 16; at 32
    # the last is "to use in Hebei", 15, less than 16; at 31, 15 is half: taken
    assert [
        line.plain for line in wrap_title("Put Beijing's research results to use in Hebei", 33)
    ] == [
        "Put Beijing's research results",
        "to use in Hebei",
    ]


def test_a_title_tries_the_narrower_widths_down_to_twelve_less_then_wraps_evenly():
    # at 57: 49 and 13 cells; from 56 to 49 the last stays 13, from 48 to 46 it is "advanced
    # manufacturing", 22, less than half; 45 (57 - 12) is not tried: the most even two lines
    # are 33 and 29 wide
    assert [line.plain for line in wrap_title(CLUSTERS, 57)] == [
        "Build world-class clusters, above",
        "all in advanced manufacturing",
    ]


def test_a_title_narrows_to_its_longest_word_and_no_further():
    # (fictional letters) at 12, five lines ending "bdcf" (4, less than 6); at 11 the same; at
    # 10 (the longest word, 9, and one) five lines ending "hha bdcf" (8): taken
    letters = "gcbh fdh f hehfdd iibhhjiii hgge ff hha bdcf"
    assert [line.plain for line in wrap_title(letters, 12)] == [
        "gcbh fdh f",
        "hehfdd",
        "iibhhjiii",
        "hgge ff",
        "hha bdcf",
    ]


@pytest.mark.parametrize("width", range(len("advanced-manufacturing"), 80))
def test_a_title_folds_no_word_that_fits(width):
    # fictional, with a word of 22 letters: at 22 to 30 columns, trying narrower widths for a
    # fuller last line once folded it ("advanced-manufacturin" / "g clusters")
    title = "Concentrate on advanced-manufacturing clusters"
    words = title.split()
    lines = [line.plain for line in wrap_title(title, width)]
    assert " ".join(lines).split() == words, lines  # every word whole, on one line
    assert all(len(line) <= width for line in lines)


def test_names_break_between_names_never_inside_one():
    # an item's themes, then its regions, in Chinese (each character two cells): 38 cells hold
    # the first three themes exactly (10 + 10 + 18); `科技创新与成果转化 ·` keeps its dot; the
    # longest name (26 cells with its mark) takes a line of its own
    tags = (
        "产业集群、交通互联、都市圈与产城融合、强链补链延链、科技创新与成果转化 · "
        "北京、天津、石家庄、雄安新区、唐山、中关村国家自主创新示范区、天津滨海新区、京津冀"
    )
    assert [line.plain for line in wrap_names(tags, 38)] == [
        "产业集群、交通互联、都市圈与产城融合、",
        "强链补链延链、科技创新与成果转化 ·",
        "北京、天津、石家庄、雄安新区、唐山、",
        "中关村国家自主创新示范区、",
        "天津滨海新区、京津冀",
    ]
    # a name wider than the line wraps as text (its mark kept with its last character), on
    # lines of its own
    assert [line.plain for line in wrap_names("北京、中关村国家自主创新示范区、天津", 12)] == [
        "北京、",
        "中关村国家自",
        "主创新示范",
        "区、",
        "天津",
    ]


def test_a_list_of_several_words_may_break_between_them():
    # a place of five words need not have a column as wide as its whole name
    assert list_min_width("PKX, Beijing Daxing International Airport") == len("International")
    assert list_min_width("中关村, 中关村国家自主创新示范区") == 2 * len("中关村国家自主创新示范区")


# Text made of what decides where pieces begin: Chinese characters, opening and closing marks
# (wide and narrow), letters, digits, hyphens and spaces.
_PIECES_ALPHABET = "雄安新区京津冀，。、（）“”《》abc-12 .,()\u3000"


@given(st.text(_PIECES_ALPHABET, max_size=60))
def test_a_piece_starts_and_ends_where_words_cuts_the_whole_text(text):
    from jjj_cli.render.breaks import ends_piece, starts_piece, words

    pieces = words(text)
    for position in range(-2, len(text) + 3):
        assert starts_piece(text, position) == (position in {a for a, _ in pieces}), position
        assert ends_piece(text, position) == (position in {b for _, b in pieces}), position


def snippet_from_the_pieces(text, spans, margin):
    """A search snippet as its rule says, from every piece of the whole text (breaks.words):
    from the first piece to start within the margin before the matches (else the one they
    begin in) to the last to end within the margin after them (else the one they end in)."""
    from jjj_cli.render.breaks import words

    first, last = spans[0][0], spans[-1][1]
    pieces = words(text)
    starts = [a for a, _ in pieces if first - margin <= a <= first]
    ends = [b for _, b in pieces if last <= b <= last + margin]
    start = starts[0] if starts else max((a for a, _ in pieces if a <= first), default=0)
    end = ends[-1] if ends else min((b for _, b in pieces if b >= last), default=len(text))
    prefix, suffix = "…" * (start > 0), "…" * (end < len(text))
    shift = len(prefix) - start
    return prefix + text[start:end] + suffix, [(a + shift, b + shift) for a, b in spans]


@given(st.data())
def test_a_snippet_is_cut_where_the_pieces_of_the_whole_text_allow(data):
    from jjj_cli.render.search import SNIPPET_MARGIN, snippet

    text = data.draw(st.text(_PIECES_ALPHABET, min_size=1, max_size=120))
    # a match starts and ends at a character that is no space, as the matcher's do
    solid = [position for position, char in enumerate(text) if not char.isspace()]
    if not solid:
        return
    first = data.draw(st.sampled_from(solid))
    last = data.draw(st.sampled_from([p for p in solid if p >= first])) + 1
    middle = sorted(data.draw(st.sets(st.sampled_from(range(first, last)), max_size=2)))
    spans = [(first, middle[0] + 1 if middle else last)] + [(m, last) for m in middle[1:]]
    spans = sorted(set(spans + [(last - 1, last)]))
    assert snippet(text, spans) == snippet_from_the_pieces(text, spans, SNIPPET_MARGIN)


def test_a_snippet_leaves_out_whole_the_pieces_the_margin_would_cut():
    from jjj_cli.render.search import snippet

    text = "The free-trade zone of Xiong'an, its pilot zone and an airport economy zone beside it"
    # (fictional, as the Chinese below)
    start = text.index("pilot")
    # 24 characters either side of "pilot" (37-42) reach into "free-trade" and "economy"
    assert snippet(text, [(start, start + 5)]) == (
        "…zone of Xiong'an, its pilot zone and an airport…",
        [(23, 28)],
    )
    # fictional text, no one's words, of 49 characters: 雄 at 7, 命 at 32, 集 at 36
    chinese = (
        "加快亦庄基地、雄安大数据引领区等重点项目建设，"
        "推动新能源汽车、生命健康、集成电路等产业集群发展壮大"
    )
    start = chinese.index("雄安")
    cut, spans = snippet(chinese, [(start, start + 2)])
    # from the start of the text to the 24th character after the match, 命
    assert cut == "加快亦庄基地、雄安大数据引领区等重点项目建设，推动新能源汽车、生命…"
    assert [cut[a:b] for a, b in spans] == ["雄安"]
    # a match further in (36): the snippet starts 24 characters before it, at 引 (12), and
    # runs to the end of the text, which is less than 24 characters after it
    start = chinese.index("集成电路")
    cut, spans = snippet(chinese, [(start, start + 4)])
    assert (start, cut[:4], cut[-3:]) == (36, "…引领区", "展壮大")
    assert [cut[a:b] for a, b in spans] == ["集成电路"]


def test_a_line_in_units_runs_of_space_words_and_chinese_characters():
    from jjj_cli.render.breaks import Unit, units

    # (fictional) two spaces, a word, a space, then two Chinese characters, the full stop
    # glued to the second
    assert units("  ab 京津。") == [
        Unit(0, 2, True),
        Unit(2, 4, False),
        Unit(4, 5, True),
        Unit(5, 6, False),
        Unit(6, 8, False),
    ]
