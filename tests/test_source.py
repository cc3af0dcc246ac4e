"""`jjj source`: paragraph and sentence numbers of the source, the context of a quote, the whole
source with its quotes marked, and a catalogue whose source file is missing.

The expected paragraphs and sentences were counted by hand in the source files (the line
numbers are those of `cat -n`); the rules they follow are in jjj_cli/explore/paragraphs.py.
"""

from __future__ import annotations

import io
import re
import shutil

import pytest
from rich.cells import cell_len
from rich.console import Console

from jjj_cli.catalogue import load_catalogue, normalise
from jjj_cli.cli import app
from jjj_cli.explore import (
    ContextParagraph,
    FullSource,
    Marked,
    SourceParagraph,
    full_source,
    source_context,
)
from jjj_cli.explore.paragraphs import layout
from jjj_cli.render import explore as render_explore
from jjj_cli.render.output import Mode

from .invoke import jjj, ok_json, runner, unstyled, written
from .paths import DATA, MINI, SHIPPED
from .terminal import marked
from .test_catalogue import _requote
from .test_output import SHOWN, UNSAFE, hostile, run_in_terminal  # noqa: F401 (a fixture)

SHIPPED_CATALOGUE = load_catalogue(SHIPPED)
SHIPPED_TEXT = (SHIPPED.parent / "sources" / "jjj-roundtable.zh.txt").read_text(encoding="utf-8")
MINI_TEXT = (DATA / "sources" / "mini.zh.txt").read_text(encoding="utf-8")

# Each paragraph of the shipped source by its first and last line, as a reader finds them:
# the framing, then the turns, each headline and moderator question on its own.
SHIPPED_PARAGRAPHS = [
    (1, 3),  # 在“京津冀高质量协同发展”智库圆桌专家会上 … 是重中之重。
    (5, 15),  # 丛屹（…）：当前 … 关键在体制机制的创新与突破。
    (17, 27),  # 世界级产业集群的建设 … 充分发挥出来。
    (29, 57),  # 为了更好发挥比较优势 … 产业结构转型。
    (59, 67),
    (69, 79),  # 首先
    (81, 93),  # 其次
    (95, 107),  # 最后
    (109, 109),  # 主持人: … 您认为如何加快京津冀产业协同发展？
    (111, 111),  # 重点发展先进制造业产业集群 (a headline)
    (113, 124),  # 赵弘（…）：当前
    (126, 138),
    (140, 150),
    (152, 160),  # 第一
    (162, 176),
    (178, 190),
    (192, 212),  # 第二
    (214, 226),  # 一方面
    (228, 238),  # 另一方面
    (240, 254),  # 第三
    (256, 270),  # 对于北京 … 城市新空间。 (a full line ending a paragraph: 272 is indented)
    (272, 286),  # 对于邯郸
    (288, 306),  # 第四
    (308, 314),  # 一是
    (316, 324),  # 二是 … 联合申报“京津冀自由贸易港”
    (326, 334),  # 三是
    (336, 336),  # 把产业对接合作作为重中之重 (a headline)
    (338, 340),  # 主持人:
    (342, 353),  # 叶堂林(…)：
    (355, 363),  # 一是
    (365, 385),  # 二是 … 10.4 倍。 is a full line and 375 is not indented: one paragraph
    (387, 395),  # 389 … 有力支撑。 is a full line and 391 is not indented: one paragraph
    (397, 409),
    (411, 413),
    (415, 431),
    (433, 455),
    (457, 457),  # 产业链与创新链需要高度融合 (a headline)
    (459, 461),  # 主持人:
]

# The sentences of some paragraphs, counted by hand (a ； ends no sentence).
SHIPPED_SENTENCES = {1: 2, 2: 3, 4: 5, 9: 1, 10: 1, 11: 2, 18: 1, 25: 2, 31: 5, 32: 2, 36: 2}

# Where quotes stand, by paragraph and sentence, counted by hand.
SHIPPED_PLACES = {
    "zhao-free-trade-port": (25, 1, 25, 1, "¶25, sentence 1"),
    # 当前，国内外…新阶段。“十四五”是…关键时期，
    "zhao-changing-context": (11, 1, 11, 2, "¶11, sentences 1–2"),
    "ye-rd-and-patent-gap": (31, 2, 31, 2, "¶31, sentence 2"),
    "fig-patent-grants-2019": (31, 2, 31, 2, "¶31, sentence 2"),
    # the second half of 二要强调… after its ；
    "fig-tech-contracts-2019": (31, 5, 31, 5, "¶31, sentence 5"),
    "cong-high-end-structure": (4, 5, 4, 5, "¶4, sentence 5"),
    "ye-clusters-underpin": (32, 1, 32, 1, "¶32, sentence 1"),
    "ye-forge-industrial-core": (32, 2, 32, 2, "¶32, sentence 2"),
}

# mini.zh.txt keeps its paragraphs apart with blank lines; its sentences, by hand.
MINI_SENTENCES = [
    ["三位学者在京津冀协同发展座谈会上发言。"],
    [
        "王明（某大学教授）：京津冀要打造世界级产业集群，重点是先进制造业。",
        "北京的科技成果应当在河北转化落地。",
        "雄安新区要建设成为创新高地。",
        "2022年北京研发投入强度为6.8%，是河北的3倍多。",
    ],
    [
        "李华（某研究院研究员）：交通是产业协同的骨架。",
        "要加快建设城际铁路，让大兴机场临空经济区成为连接京冀的枢纽。",
        "自贸试验区应当联动发展，三地的自贸试验区可以共同探索制度创新。",
        "目前河北承接产业的能力仍然不足。",
    ],
    [
        "张伟（某智库主任）：产业链和创新链的融合还有较大提升空间。",
        "应当鼓励龙头企业带动中小企业在雄安新区集聚。",
        "与长三角相比，京津冀的市场一体化程度较低。",
        "2021年京津冀地区生产总值约为9.6万亿元。",
    ],
]
MINI_LINES = [(1, 1), (3, 6), (8, 11), (13, 16)]


# --- numbering -----------------------------------------------------------------------------


def test_the_shipped_source_has_the_paragraphs_a_reader_finds():
    found = layout(SHIPPED_TEXT).paragraphs
    assert [(p.line_start, p.line_end) for p in found] == SHIPPED_PARAGRAPHS
    assert [p.number for p in found] == list(range(1, len(SHIPPED_PARAGRAPHS) + 1))


def test_the_shipped_paragraphs_have_the_sentences_a_reader_counts():
    found = layout(SHIPPED_TEXT).paragraphs
    assert {n: len(found[n - 1].sentences) for n in SHIPPED_SENTENCES} == SHIPPED_SENTENCES


def test_headlines_and_questions_stand_as_they_are():
    source = layout(SHIPPED_TEXT)
    text = {p.number: source.text[p.start : p.end] for p in source.paragraphs}
    assert text[10] == "重点发展先进制造业产业集群"
    assert text[27] == "把产业对接合作作为重中之重"
    assert text[37] == "产业链与创新链需要高度融合"
    assert text[38] == (
        "主持人:京津冀协同发展取得显著成效的同时，距离发展目标仍有不小差距。"
        "“十四五”时期，推动该区域高质量协同发展面临哪些问题，有哪些着力点？"
    )


def test_paragraphs_and_sentences_cover_the_text_without_layout():
    source = layout(SHIPPED_TEXT)
    assert source.text == normalise(SHIPPED_TEXT)
    sentences = [source.text[a:b] for p in source.paragraphs for a, b in p.sentences]
    assert "".join(sentences) == source.text
    assert all(sentence for sentence in sentences)


def test_a_text_with_blank_lines_between_paragraphs():
    source = layout(MINI_TEXT)
    assert [(p.line_start, p.line_end) for p in source.paragraphs] == MINI_LINES
    found = [[source.text[a:b] for a, b in p.sentences] for p in source.paragraphs]
    assert found == MINI_SENTENCES


# A made-up page (not anyone's words) laid out like the shipped source: a blank line after
# every printed line, the indent of a paragraph's first line lost.
PAGE = """甲某（虚构人物）：这是一段为了测试的虚构

文字。这一行恰好写满了并且以句号来结束。

下一行没有缩进，所以仍属于同一个段落，

它在这里结束。

这是新的一段，首行缩进了两个字，所以

比下一行短。这一行写满了，句子在此结束。

这是新的一段，首行缩进，比下一行短

两个字的宽度，而这一段会在下一行结束，

就在这里。

一个标题

乙某（虚构人物）：标题之后是一位发言人。
"""


def test_the_layout_rules_on_a_made_up_page():
    source = layout(PAGE)
    paragraphs = [source.text[p.start : p.end] for p in source.paragraphs]
    assert paragraphs == [
        # a full line ends a sentence, but the next line is not indented
        "甲某（虚构人物）：这是一段为了测试的虚构文字。这一行恰好写满了并且以句号来结束。"
        "下一行没有缩进，所以仍属于同一个段落，它在这里结束。",
        # a full line ends a sentence, and the next line is indented
        "这是新的一段，首行缩进了两个字，所以比下一行短。这一行写满了，句子在此结束。",
        "这是新的一段，首行缩进，比下一行短两个字的宽度，而这一段会在下一行结束，就在这里。",
        # no punctuation, but a speaker's turn follows
        "一个标题",
        "乙某（虚构人物）：标题之后是一位发言人。",
    ]
    assert [len(p.sentences) for p in source.paragraphs] == [3, 2, 1, 1, 1]


def test_a_speaker_whose_name_has_a_rarer_character_starts_a_paragraph():
    # made-up: 䶮 is in CJK Extension A; no blank line between the two turns
    source = layout("甲某（虚构人物）：这是虚构的一句。\n刘䶮（虚构人物）：这是另一位发言人。\n")
    assert [source.text[p.start : p.end] for p in source.paragraphs] == [
        "甲某（虚构人物）：这是虚构的一句。",
        "刘䶮（虚构人物）：这是另一位发言人。",
    ]


@pytest.mark.parametrize("id", sorted(SHIPPED_PLACES))
def test_quotes_are_placed_by_paragraph_and_sentence(id):
    *numbers, shown = SHIPPED_PLACES[id]
    place = source_context(SHIPPED_CATALOGUE, id).place
    assert tuple(place) == tuple(numbers)
    assert str(place) == shown


def test_every_quote_is_placed_where_its_words_are():
    source = layout(SHIPPED_TEXT)
    for record in (*SHIPPED_CATALOGUE.items, *SHIPPED_CATALOGUE.figures):
        place = source_context(SHIPPED_CATALOGUE, record.id).place
        first = source.paragraphs[place.paragraph - 1]
        last = source.paragraphs[place.paragraph_end - 1]
        start = first.sentences[place.sentence_start - 1][0]
        end = last.sentences[place.sentence_end - 1][1]
        quote_start = source.text.find(normalise(record.quote))
        quote_end = quote_start + len(normalise(record.quote))
        # the quote starts in the first sentence named and ends in the last
        assert start <= quote_start < first.sentences[place.sentence_start - 1][1], record.id
        assert last.sentences[place.sentence_end - 1][0] < quote_end <= end, record.id


# --- source ID -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        SHIPPED_TEXT,
        # made-up: one paragraph of many sentences, as a source of many short quotes has
        "甲某（虚构人物）：" + "".join(f"这是虚构的第{n}句。" for n in range(300)) + "\n",
    ],
    ids=["shipped", "one-long-paragraph"],
)
def test_the_sentence_and_paragraph_lookups_are_a_walk_through_the_text(raw):
    source = layout(raw)
    spans = [
        (paragraph, number, span)
        for paragraph in source.paragraphs
        for number, span in enumerate(paragraph.sentences, start=1)
    ]
    assert list(source.sentences) == [span for _, _, span in spans]
    starts = [paragraph.start for paragraph in source.paragraphs]
    for offset in range(len(source.text)):
        # the sentence that holds the offset, and the first that ends after it
        holding = next((p, n) for p, n, (a, b) in spans if a <= offset < b)
        assert source.sentence_at(offset) == holding, offset
        first = next(i for i, (_, _, (_, b)) in enumerate(spans) if b > offset)
        assert source.sentence_index(offset) == first, offset
    for start in range(0, len(source.text) + 2, 7):
        for end in (start, start + 1, start + 40, len(source.text) + 1):
            expected = tuple(p for p, at in zip(source.paragraphs, starts) if start <= at < end)
            assert source.paragraphs_starting(start, end) == expected, (start, end)


def test_json_keeps_every_field_and_adds_the_numbers():
    context = ok_json("source", "li-linked-ftzs")
    assert context == {
        "id": "li-linked-ftzs",
        "source": "mini-forum",
        "quote": "自贸试验区应当联动发展，三地的自贸试验区可以共同探索制度创新。",
        "context": "".join(MINI_SENTENCES[2][1:]),
        "before": MINI_SENTENCES[2][1],
        "after": MINI_SENTENCES[2][3],
        "file": "sources/mini.zh.txt",
        "line_start": 10,
        "line_end": 11,
        "paragraph": 3,
        "sentence_start": 3,
        "paragraph_end": 3,
        "sentence_end": 3,
    }


def test_context_takes_n_sentences_either_side_across_paragraphs():
    assert (
        ok_json("source", "li-linked-ftzs", "--context", "0")["context"] == (MINI_SENTENCES[2][2])
    )
    two = ok_json("source", "li-linked-ftzs", "--context", "2")
    assert two["before"] == "".join(MINI_SENTENCES[2][:2])
    assert two["after"] == MINI_SENTENCES[2][3] + MINI_SENTENCES[3][0]
    everything = ok_json("source", "li-linked-ftzs", "--context", "99")
    assert everything["context"] == "".join(sum(MINI_SENTENCES, []))


def test_context_starts_inside_a_sentence_when_the_quote_does():
    # li-transport-backbone quotes 交通是产业协同的骨架。 after the speaker's name
    context = ok_json("source", "li-transport-backbone", "--context", "0")
    assert context["before"] == "李华（某研究院研究员）："
    assert context["after"] == ""


def test_plain_output_gives_the_place_then_each_paragraph():
    result = jjj("source", "li-linked-ftzs", "--context", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "¶3, sentence 3\tsources/mini.zh.txt:10-11",
        "".join(MINI_SENTENCES[2][:2])
        + "【自贸试验区应当联动发展，三地的自贸试验区可以共同探索制度创新。】"
        + MINI_SENTENCES[2][3],
        MINI_SENTENCES[3][0],
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["source", "li-linked-ftzs", "--context", "-1"], "'--context'"),
        (["source"], "--full"),
        (["source", "--full", "--context", "2"], "'--context'"),
    ],
)
def test_usage_errors(args, message):
    result = jjj(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


# --- source --full -------------------------------------------------------------------------

MARKED = re.compile(r"[【〖]|[】〗]\[[a-z0-9-]+\]")


def quotes_in(marked: str) -> dict[str, list[str]]:
    """Each id's marked words, read back with a stack (quotes may nest): id -> pieces."""
    found: dict[str, list[str]] = {}
    stack: list[int] = []
    plain, position = [], 0
    for match in MARKED.finditer(marked):
        plain.append(marked[position : match.start()])
        position = match.end()
        here = len("".join(plain))
        if match.group() in "【〖":
            stack.append(here)
        else:
            found.setdefault(match.group()[2:-1], []).append("".join(plain)[stack.pop() :])
    assert not stack
    return found


def full_plain(*args: str, catalogue=SHIPPED) -> list[tuple[int, str]]:
    result = jjj("source", "--full", *args, catalogue=catalogue)
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header == "paragraph\ttext"
    return [(int(number), text) for number, text in (row.split("\t") for row in rows)]


def test_full_plain_is_the_source_without_layout_and_every_quote_marked_once():
    rows = full_plain()
    assert [number for number, _ in rows] == list(range(1, len(SHIPPED_PARAGRAPHS) + 1))
    assert not MARKED.search(normalise(SHIPPED_TEXT))  # the marks cannot be mistaken
    assert "".join(MARKED.sub("", text) for _, text in rows) == normalise(SHIPPED_TEXT)
    marked: dict[str, list[str]] = {}
    for _, text in rows:
        for id, pieces in quotes_in(text).items():
            marked.setdefault(id, []).extend(pieces)
    quoted = (*SHIPPED_CATALOGUE.items, *SHIPPED_CATALOGUE.figures)
    assert marked == {record.id: [normalise(record.quote)] for record in quoted}


def test_full_plain_paragraphs_are_the_ones_a_reader_finds():
    rows = dict(full_plain())
    assert MARKED.sub("", rows[10]) == "重点发展先进制造业产业集群"
    lines = SHIPPED_TEXT.split("\n")
    for number, (first, last) in enumerate(SHIPPED_PARAGRAPHS, 1):
        assert MARKED.sub("", rows[number]) == normalise("".join(lines[first - 1 : last]))


def test_full_with_an_id_marks_that_quote_apart():
    rows = full_plain("zhao-free-trade-port")
    text = "".join(text for _, text in rows)
    quote = normalise(SHIPPED_CATALOGUE.by_id["zhao-free-trade-port"].quote)
    assert text.count("〖") == text.count("〗") == 1
    assert f"〖{quote}〗[zhao-free-trade-port]" in dict(rows)[25]


def test_full_json_gives_paragraphs_sentences_and_quotes_by_offset():
    full = ok_json("source", "--full", "ye-rd-and-patent-gap", catalogue=SHIPPED)
    assert (full["id"], full["source"], full["file"]) == (
        "ye-rd-and-patent-gap",
        "jjj-roundtable",
        "sources/jjj-roundtable.zh.txt",
    )
    paragraphs = full["paragraphs"]
    assert [(p["line_start"], p["line_end"]) for p in paragraphs] == SHIPPED_PARAGRAPHS
    assert [p["paragraph"] for p in paragraphs] == list(range(1, len(paragraphs) + 1))
    assert "".join(p["text"] for p in paragraphs) == normalise(SHIPPED_TEXT)
    assert all("".join(p["sentences"]) == p["text"] for p in paragraphs)
    words: dict[str, str] = {}
    for p in paragraphs:
        for quote in p["quotes"]:
            piece = p["text"][quote["start"] : quote["end"]]
            words[quote["id"]] = words.get(quote["id"], "") + piece
    quoted = (*SHIPPED_CATALOGUE.items, *SHIPPED_CATALOGUE.figures)
    assert words == {record.id: normalise(record.quote) for record in quoted}
    # ¶31 holds the item and the figures inside it, the longer first where two start together
    in_31 = [quote["id"] for quote in paragraphs[30]["quotes"]]
    assert in_31[:5] == [
        "ye-innovation-gap",
        "ye-rd-and-patent-gap",
        "fig-rd-intensity-2019",
        "fig-patent-grants-2019",
        "fig-invention-patents-2019",
    ]


def test_quotes_that_start_or_end_together_nest():
    # made-up text: an outer quote of six characters, one inner quote sharing each end
    for inner, expected in (
        (Marked("inner", 3, 6), "【甲乙丙【丁戊己】[inner]】[outer]"),
        (Marked("inner", 0, 3), "〖【甲乙丙】[inner]丁戊己〗[outer]"),
    ):
        quotes = tuple(sorted([Marked("outer", 0, 6), inner], key=lambda m: (m.start, -m.end)))
        chosen = "outer" if inner.start == 0 else None
        paragraph = SourceParagraph(1, "甲乙丙丁戊己", ("甲乙丙丁戊己",), 1, 1, quotes)
        whole = FullSource(chosen, (paragraph,))
        table = render_explore.full_source(
            whole, SHIPPED_CATALOGUE.source, "sources/jjj-roundtable.zh.txt", Mode.PLAIN
        )
        assert table.splitlines() == ["paragraph\ttext", f"1\t{expected}"]


def test_full_without_an_id_has_none():
    assert ok_json("source", "--full")["id"] is None


def test_a_quote_that_runs_into_the_next_paragraph(catalogue_copy):
    # made-up: li-hebei-capacity's quote stretched over the start of the next turn
    text = MINI.read_text(encoding="utf-8").replace(
        'quote = "目前河北承接产业的能力仍然不足。"',
        'quote = "目前河北承接产业的能力仍然不足。张伟（某智库主任）："',
    )
    path = catalogue_copy(text)
    context = ok_json("source", "li-hebei-capacity", "--context", "0", catalogue=path)
    numbers = [context[key] for key in ("paragraph", "sentence_start")]
    numbers += [context[key] for key in ("paragraph_end", "sentence_end")]
    assert numbers == [3, 4, 4, 1]
    assert context["after"] == "产业链和创新链的融合还有较大提升空间。"
    # cut into its paragraphs, the quote's part of each: 16 characters, then the 10 of the name
    assert source_context(load_catalogue(path), "li-hebei-capacity", 0).paragraphs == [
        ContextParagraph(3, "目前河北承接产业的能力仍然不足。", (0, 16)),
        ContextParagraph(4, "张伟（某智库主任）：产业链和创新链的融合还有较大提升空间。", (0, 10)),
    ]
    result = jjj("source", "li-hebei-capacity", "--context", "0", catalogue=path)
    assert result.stdout.splitlines() == [
        "¶3, sentence 4 – ¶4, sentence 1\tsources/mini.zh.txt:11-13",
        # marked on each line, so that every line holds whole marks
        "【目前河北承接产业的能力仍然不足。】",
        "【张伟（某智库主任）：】产业链和创新链的融合还有较大提升空间。",
    ]
    full = ok_json("source", "--full", catalogue=path)["paragraphs"]
    assert [q for q in full[2]["quotes"] if q["id"] == "li-hebei-capacity"] == [
        {"id": "li-hebei-capacity", "start": 84, "end": 100}  # after sentences of 23, 30, 31
    ]
    assert full[3]["quotes"][0] == {"id": "li-hebei-capacity", "start": 0, "end": 10}


# --- a phrase said twice ------------------------------------------------------------------
# Made-up quotes for mini.toml whose words the source holds more than once: `source`, `--full`
# and the validator must all point at the place the catalogue gives them, not the first one.
# Offsets in a paragraph were counted by hand: 张伟（某智库主任）： is 10 characters, the
# chain sentence after it 19, 应当鼓励龙头企业带动中小企业在 15, 雄安新区集聚。 7, 与长三角相比， 7.
PLACED_TWICE = [
    # 雄安新区: ¶2 (wang-xiongan-innovation's words) and ¶4, right after the item before it
    (
        {
            "zhang-leading-firms-xiongan": "应当鼓励龙头企业带动中小企业在",
            "zhang-market-integration": "雄安新区",
        },
        "zhang-market-integration",
        ("应当鼓励龙头企业带动中小企业在", "雄安新区", "集聚。"),
        "¶4, sentence 2\tsources/mini.zh.txt:14-14",
        (4, 44, 48),
    ),
    # 京津冀: ¶1, ¶2, and twice in ¶4; the first after the item before it is the third
    (
        {"zhang-market-integration": "京津冀"},
        "zhang-market-integration",
        ("与长三角相比，", "京津冀", "的市场一体化程度较低。"),
        "¶4, sentence 3\tsources/mini.zh.txt:15-15",
        (4, 58, 61),
    ),
    # figures: inside the quote of their own expert's item, though 京津冀 comes earlier in ¶1
    (
        {"wang-rd-intensity": "京津冀", "zhang-gdp": "京津冀"},
        "wang-rd-intensity",
        ("王明（某大学教授）：", "京津冀", "要打造世界级产业集群，重点是先进制造业。"),
        "¶2, sentence 1\tsources/mini.zh.txt:3-3",
        (2, 10, 13),
    ),
    (
        {"wang-rd-intensity": "京津冀", "zhang-gdp": "京津冀"},
        "zhang-gdp",
        ("与长三角相比，", "京津冀", "的市场一体化程度较低。"),
        "¶4, sentence 3\tsources/mini.zh.txt:15-15",
        (4, 58, 61),
    ),
]


@pytest.mark.parametrize("quotes, id, words, place, marked", PLACED_TWICE)
def test_a_phrase_said_twice_is_shown_where_the_catalogue_placed_it(
    catalogue_copy, quotes, id, words, place, marked
):
    path = catalogue_copy(_requote(MINI.read_text(encoding="utf-8"), quotes))
    assert jjj("validate", catalogue=path).exit_code == 0
    context = ok_json("source", id, "--context", "0", catalogue=path)
    assert (context["before"], context["quote"], context["after"]) == words
    result = jjj("source", id, "--context", "0", catalogue=path)
    assert result.stdout.splitlines()[0] == place
    paragraphs = ok_json("source", "--full", catalogue=path)["paragraphs"]
    found = [
        (paragraph["paragraph"], quote["start"], quote["end"])
        for paragraph in paragraphs
        for quote in paragraph["quotes"]
        if quote["id"] == id
    ]
    assert found == [marked]
    # the characters the validator's overlap check compared, in the text without layout
    number, start, end = marked
    before = len("".join(sum(MINI_SENTENCES[: number - 1], [])))
    assert load_catalogue(path).quotes[id].span == (before + start, before + end)


# --- on a terminal -------------------------------------------------------------------------


def shown(renderable, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(renderable)
    return console.file.getvalue().splitlines()


@pytest.mark.parametrize("width", [60, 80, 120])
def test_the_terminal_views_fit_and_break_no_id_nor_number(width):
    whole = full_source(SHIPPED_CATALOGUE, "zhao-free-trade-port")
    full = render_explore.full_source(
        whole, SHIPPED_CATALOGUE.source, "sources/jjj-roundtable.zh.txt", Mode.TABLE
    )
    context = render_explore.source(
        source_context(SHIPPED_CATALOGUE, "ye-rd-and-patent-gap", 3),
        SHIPPED_CATALOGUE.source.file,
        Mode.TABLE,
    )
    for lines in (shown(full, width), shown(context, width)):
        assert max(cell_len(line) for line in lines) <= width
        body = [line.strip("│ ") for line in lines]
        assert not [line for line in body if line[:1] in tuple("，。、；：？！”）")]
    text = "\n".join(shown(full, width))
    for record in (*SHIPPED_CATALOGUE.items, *SHIPPED_CATALOGUE.figures):
        assert f"[{record.id}]" in text, record.id
    for number in ("131716", "53127", "10.4", "6.31%", "7.8%"):
        assert number in text
    assert "¶38 主持人:" in text


@pytest.mark.parametrize("mode", [Mode.PLAIN, Mode.TABLE])
@pytest.mark.parametrize(
    "args", [["--full"], ["--full", "li-transport-backbone"], ["li-transport-backbone"]]
)
def test_hostile_source_text_is_shown_literally(hostile, args, mode):
    result = written("--catalogue", str(hostile), "source", *args, terminal=mode is Mode.TABLE)
    assert result.exit_code == 0, result.output
    stdout = unstyled(result.stdout)
    assert UNSAFE.search(stdout) is None
    assert SHOWN in stdout


def test_a_real_terminal_shows_the_whole_hostile_source_literally(hostile):
    code, output = run_in_terminal("--catalogue", str(hostile), "source", "--full", columns=500)
    assert code == 0, output
    assert "\x1b[" in output  # rich's own styling
    for raw in ("\x1b[2J", "\x1b]8;", "\x07", "\x9b", "\x00", "\u202e"):
        assert raw not in output, raw
    assert SHOWN in output


# --- a catalogue without its source --------------------------------------------------------


def test_a_missing_source_file_is_named_by_the_path_tried(tmp_path, monkeypatch):
    copied = tmp_path / "copy"
    copied.mkdir()
    shutil.copy(MINI, copied / "mini.toml")  # without its sources/ folder
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--catalogue", "copy/mini.toml", "source", "--full"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "copy/mini.toml:7: sources[0] 'mini-forum' field 'file': cannot read "
        "copy/sources/mini.zh.txt: No such file or directory "
        "('file' is relative to the catalogue file)"
    ]


def test_the_source_id_shows_the_whole_source():
    assert ok_json("source", "mini-forum") == ok_json("source", "--full")


def test_a_mistyped_id_is_answered_with_items_figures_and_sources_only():
    result = jjj("source", "wang-rd-intensty")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: unknown id 'wang-rd-intensty'. Did you mean: wang-rd-intensity?\n"
    )
    result = jjj("source", "mini-forun")  # a source, which it shows whole
    assert result.exit_code == 2
    assert result.stderr == "Error: unknown id 'mini-forun'. Did you mean: mini-forum?\n"
    # one letter from the theme 'transport', which source cannot show: not offered
    result = jjj("source", "transprt")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: unknown id 'transprt'. No id or name is close. "
        "`jjj list --kind all`, `jjj figures` and `jjj sources` list the ids.\n"
    )
    assert jjj("show", "transprt").stderr.startswith(
        "Error: unknown id 'transprt'. Did you mean: transport?"
    )


def test_the_source_id_in_any_case_and_not_with_context():
    assert ok_json("source", "MINI-FORUM") == ok_json("source", "--full")
    result = jjj("source", "mini-forum", "--context", "2")
    assert (result.exit_code, result.stdout) == (2, "")
    said = " ".join(result.stderr.replace("│", " ").split())  # as Typer boxes and wraps it
    assert "not with a source's id, which shows the whole source" in said


def test_a_quote_in_its_context_exactly_on_a_terminal():
    # fictional paragraphs: the quote in bold reverse, the sentences around it dim, each
    # paragraph after its number (dim) in a margin of 3 cells, a blank line between them; the
    # place the panel's title, the lines its subtitle (dim), both at the left
    from jjj_cli.render.highlights import quote_in_context

    pieces = [(2, "Before. Quoted words. After.", (8, 20)), (3, "Second quoted.", (0, 14))]
    panel = quote_in_context("fictional source, seq 3", "lines 7–9", pieces)
    # 40 cells: 36 inside the border and its padding, 33 after the margin
    assert marked(panel, 40) == [
        "╭─ fictional source, seq 3 " + "─" * 12 + "╮",
        "│ [dim]¶2[/] [dim]Before. [/][bold reverse]Quoted words[/][dim]. After.[/]"
        + " " * 6
        + "│",
        "│" + " " * 38 + "│",
        "│ [dim]¶3[/] [bold reverse]Second quoted.[/]" + " " * 20 + "│",
        "╰─[dim] lines 7–9 [/]" + "─" * 26 + "╯",
    ]


def test_the_place_of_a_quote_on_a_terminal_in_each_language():
    from jjj_cli import language
    from jjj_cli.explore.paragraphs import Place
    from jjj_cli.render.explore import _place

    one, several, across = Place(2, 3, 2, 3), Place(2, 3, 2, 5), Place(2, 3, 4, 1)
    assert [_place(place) for place in (one, several, across)] == [
        "¶2, sentence 3",
        "¶2, sentences 3–5",
        "¶2, sentence 3 – ¶4, sentence 1",
    ]
    language.use("zh")  # the translations, as the .po gives them; conftest puts English back
    assert [_place(place) for place in (one, several, across)] == [
        "第 2 段第 3 句",
        "第 2 段第 3–5 句",
        "第 2 段第 3 句至第 4 段第 1 句",
    ]


def test_the_whole_source_on_a_terminal_exactly():
    import datetime
    from pathlib import Path

    from jjj_cli.catalogue import Source
    from jjj_cli.explore.context import FullSource, Marked, SourceParagraph
    from jjj_cli.render.highlights import full_text

    source = Source("fict", "Fictional Source", "Fictional Source", "f.txt", "", "en", None,
                    None, datetime.date(2024, 1, 1), None, None, None, None, None, None,
                    Path("f.txt"))  # fmt: skip
    quotes = (Marked("fict-a", 3, 5), Marked("fict-b", 6, 8))
    first = SourceParagraph(1, "Aa bb cc dd.", ("Aa bb cc dd.",), 1, 1, quotes)
    second = SourceParagraph(2, "Ee ff.", ("Ee ff.",), 3, 3, ())
    shown = full_text(FullSource("fict-b", (first, second)), source, "sources/f.txt")
    # the title bold, its file dim (and bold, as the title it is part of); every quote cyan
    # and followed by its id (dim), the one asked for (fict-b) in bold reverse instead; each
    # paragraph after its number (dim)
    assert marked(shown, 40) == [
        "[bold]Fictional Source[/][bold dim]  sources/f.txt[/]",
        "",
        "[dim]¶1[/] Aa [cyan]bb[/][dim][fict-a][/] [bold reverse]cc[/][dim][fict-b][/] dd.",
        "",
        "[dim]¶2[/] Ee ff.",
    ]
