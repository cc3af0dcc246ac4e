"""Every command as a terminal shows it, at every width from 60 columns up, in both languages:
no line wider than the terminal, and every id, number and English word that the command's
JSON says is shown appears whole (not cut, not split across lines, not folded mid-word).

The commands run in-process as a person runs them on a terminal: the table output mode, and
the width of the Environment handed in. What each command shows is said here, from the
documented description of its columns, and checked against the words of its `--json` output.
"""

import functools
import json
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pytest
from rich.cells import cell_len

from jjj_cli.cli import app

from .chinese import left_out_in
from .ids import joined
from .invoke import runner, written
from .paths import SHIPPED

WIDTHS = [60, 80, 100, 120, 160]

# A word, an id, a number or a path segment: what must never be split. An id's hyphens and a
# number's point hold it together, so `ye-` or `6.` left at the end of a line is a different
# token from the whole.
TOKEN = re.compile(r"[A-Za-z0-9%]+(?:[-.'’&][A-Za-z0-9%]+)*")
HAN = re.compile(r"[\u3400-\u9fff]")
SGR = re.compile(r"\x1b\[[0-9;]*m")
# Chinese text in the catalogue never has a space before closing punctuation or after opening
# punctuation: in the output, one there is a line that starts or ends with it.
BAD_BREAK = re.compile(r"(?:^|\s)[，。、；：？！）》」』】”]|[（《「『【“](?:\s|$)")


def as_shown(value: Any) -> list[str]:
    """The texts a value is shown as: a list element by element, a related link as its id and
    relation, a count table as its keys and numbers, true/false in lower case."""
    if value is None:
        return []
    if isinstance(value, bool):
        return [json.dumps(value)]
    if isinstance(value, list):
        return [text for element in value for text in as_shown(element)]
    if isinstance(value, dict) and "id" in value:
        return [text for part in value.values() for text in as_shown(part)]
    if isinstance(value, dict):
        return [text for pair in value.items() for part in pair for text in as_shown(part)]
    return [str(value)]


# How a table in Chinese says true and false and the relation words (written by hand)
SAID_IN_CHINESE = {
    True: "是",
    False: "否",
    "echoes": "呼应",
    "complements": "互补",
    "contrasts": "对照",
    "extends": "延伸",
    "extended-by": "被延伸",
    "addresses": "回应",
    "addressed-by": "被回应",
    "supports": "支持",
    "supported-by": "被支持",
}


def said(value: Any, lang: str) -> Any:
    """A value as a table in `lang` says it: in Chinese, true, false and relations in words."""
    if lang != "zh":
        return value
    if isinstance(value, list):
        return [said(element, lang) for element in value]
    if isinstance(value, dict):
        return {key: said(element, lang) for key, element in value.items()}
    if isinstance(value, (bool, str)) and value in SAID_IN_CHINESE:
        return SAID_IN_CHINESE[value]
    return value


def tokens(texts: Iterable[str]) -> Counter:
    return Counter(token for text in texts for token in TOKEN.findall(text))


def han(texts: Iterable[str]) -> Counter:
    return Counter(char for text in texts for char in HAN.findall(text))


def title(lang: str) -> str:
    return "title_zh" if lang == "zh" else "title"


# What a terminal in Chinese names: the fields that hold ids of experts, themes or regions,
# and an item's kind.
NAMED_IN_CHINESE = (
    *("expert", "experts", "themes", "regions"),
    *("region", "compared_with", "parent", "children", "also_within"),
)
KINDS_IN_CHINESE = {"proposal": "建议", "finding": "判断"}


def named(record: dict, lang: str) -> dict:
    """A record's fields as a terminal in `lang` shows them: in Chinese, the experts, themes
    and regions by name, and the kinds of items in words."""
    if lang != "zh":
        return record
    shown = dict(record)
    for key, value in record.items():
        if key in NAMED_IN_CHINESE and value:
            shown[key] = (
                [chinese_name(id) for id in value]
                if isinstance(value, list)
                else chinese_name(value)
            )
        elif key == "kind" and "seq" in record:  # an item's (a source's kind is its own word)
            shown[key] = KINDS_IN_CHINESE[value]
        elif key == "counts":  # a source's items of each kind
            shown[key] = {KINDS_IN_CHINESE[kind]: count for kind, count in value.items()}
    return shown


def item_row(item: dict, lang: str, both_kinds: bool) -> list[Any]:
    """What the item list shows of an item: number, id, expert, kind when both kinds are
    listed, the title in the language asked for, themes and regions."""
    # in Chinese, the expert, themes and regions by their Chinese names, the kind in words
    shown = named(item, lang)
    kind = [shown["kind"]] if both_kinds else []
    return [
        item["seq"],
        item["id"],
        shown["expert"],
        *kind,
        item[title(lang)],
        shown["themes"],
        shown["regions"],
    ]


def items_shown(items: list[dict], lang: str) -> list[Any]:
    both = len({item["kind"] for item in items}) > 1
    return [value for item in items for value in item_row(item, lang, both)]


def columns_shown(rows: list[dict], columns: list[str], left_out: set[str]) -> list[Any]:
    return [row[column] for row in rows for column in columns if column not in left_out]


FIGURE = ["id", "expert", "indicator", "value", "unit", "year", "region", "compared_with", "ratio"]


def figure_columns(lang: str) -> list[str]:
    return [
        f"{column}_zh" if column == "indicator" and lang == "zh" else column for column in FIGURE
    ]


def shown_by_show(record: dict, lang: str, left_out: set[str]) -> list[Any]:
    nested = ("items", "figures", "related", "appearances", "include", "exclude")
    # an expert's first headline and question are shown once, with the rest of that source's
    first = (
        ("headline", "headline_zh", "question", "question_zh") if "appearances" in record else ()
    )
    values = [value for name, value in named(record, lang).items() if name not in (*nested, *first)]
    values += [
        value for appearance in record.get("appearances", []) for value in appearance.values()
    ]
    values += items_shown(record.get("items", []), lang)
    # a theme's rules: each example's id whole (a rule's text and words wrap, as prose does)
    values += [rule["example"] for rule in [*record.get("include", []), *record.get("exclude", [])]]
    figures = [named(figure, lang) for figure in record.get("figures", [])]
    values += columns_shown(figures, figure_columns(lang), left_out)
    values += columns_shown(record.get("related", []), ["id", "relation", title(lang)], set())
    return values


# compare's mark of a theme's status, as each language says it
STATUS = {
    "en": {"converge": "converge", "shared": "shared", "only": "only"},
    "zh": {"converge": "相互呼应", "shared": "都有谈到", "only": "仅一人谈到"},
}


def shown_by(args: list[str], data: Any, lang: str, left_out: set[str]) -> list[Any]:
    """What the terminal must show of the command's JSON output."""
    command = args[0]
    if command == "list" and "--fields" in args:
        return columns_shown(data, args[args.index("--fields") + 1].split(","), set())
    if command == "list":
        return items_shown(data, lang)
    if command == "show":
        return shown_by_show(data, lang, left_out)
    if command in ("experts", "themes", "regions", "sources"):
        return columns_shown(data, list(data[0]), left_out)
    if command == "figures":
        figures = [named(figure, lang) for figure in data]
        return columns_shown(figures, figure_columns(lang), left_out)
    if command == "related":
        columns = ["id", "expert", "relation", title(lang), "score", "reason"]
        if lang == "zh":  # the reason's words in Chinese, the expert, themes and regions named
            labels = r"curated:|themes|regions|terms|;"
            data = [
                {
                    **row,
                    "expert": chinese_name(row["expert"]),
                    "reason": " ".join(
                        named_id(str(word))
                        for word in said(re.sub(labels, " ", row["reason"]).split(), lang)
                    ),
                }
                for row in data
            ]
        return columns_shown(data, columns, left_out)
    if command == "search":  # and the matched field, cut to a snippet around the match
        return columns_shown(data, ["id", "field", title(lang)], left_out)
    if command == "verify":
        return [data["source"], data["checked"]]
    if command == "matrix":  # labels (ids, or Chinese names) and every count but zero
        labels = {cell["row"] for cell in data} | {cell["col"] for cell in data}
        shown = [chinese_name(label) for label in labels] if lang == "zh" else list(labels)
        return [*shown, *(cell["count"] for cell in data if cell["count"])]
    if command == "compare":  # each theme (by name in Chinese), its items, status and links
        titles = {item["id"]: item[title(lang)] for item in json_of(["list", "--kind", "all"])}
        values: list[Any] = []
        for theme in data:
            if theme["status"] == "none":
                continue
            ids = [id for ids in theme["experts"].values() for id in ids]
            name = theme["name_zh"] if lang == "zh" else theme["theme"]
            values += [name, STATUS[lang][theme["status"]], *ids, *(titles[id] for id in ids)]
            values += [text for link in theme["links"] for text in link.values()]
        return values
    if command == "source" and "--full" in args:  # every paragraph, every quote's id
        paragraphs = data["paragraphs"]
        quotes = [quote["id"] for paragraph in paragraphs for quote in paragraph["quotes"]]
        return [data["file"], *(paragraph["text"] for paragraph in paragraphs), *quotes]
    if command == "source":  # where the quote stands, and the text around it
        return [data["file"], f"{data['line_start']}-{data['line_end']}", data["context"]]
    raise AssertionError(f"say what {command} shows")


def named_id(word: str) -> str:
    """A word of a reason, in Chinese: an id of an expert, a theme or a region by its name
    (each id followed by its comma: `innovation,`; a region within another's, each side:
    `yizhuang⊂beijing`), any other word as it is."""
    id, comma = (word[:-1], ",") if word.endswith(",") else (word, "")
    sides = re.split(r"([⊂⊃])", id)
    try:
        return "".join(side if side in "⊂⊃" else chinese_name(side) for side in sides) + comma
    except KeyError:
        return word


def chinese_name(id: str) -> str:
    codebooks = ("experts", "themes", "regions")
    names = {
        entry["id"]: entry["name_zh"]
        for codebook in codebooks
        for entry in json_of([codebook, "--kind", "all"])
    }
    # a source's Chinese name is its title
    names.update((entry["id"], entry["title"]) for entry in json_of(["sources"]))
    return names[id]


# (arguments, whether the command takes --lang).
COMMANDS = [
    (["list"], True),
    (["list", "--kind", "all"], True),
    (["list", "--fields", "id,title,themes,regions,related", "--region", "xiongan"], False),
    (["list", "--fields", "id,seq,title_zh,summary,quote", "--theme", "chains"], False),
    (["show", "ye-tanglin"], True),  # an expert, with items and figures
    (["show", "cong-beijing-edge-untapped"], True),  # an item, with related items
    (["show", "zhao-free-trade-port"], True),
    (["show", "chains"], True),  # a theme
    (["show", "xiongan"], True),  # a region
    (["show", "hebei"], True),
    (["show", "fig-tech-contracts-2019"], True),  # a figure
    (["show", "jjj-roundtable"], True),  # the source
    (["experts"], True),
    (["themes"], True),
    (["regions", "--kind", "all"], True),
    (["sources"], True),
    (["figures"], True),
    (["related", "cong-beijing-edge-untapped"], True),
    (["related", "zhao-free-trade-port"], True),
    (["related", "ye-chain-integration"], True),
    (["related", "cong-world-class-clusters", "--limit", "3"], True),
    (["search", "雄安"], True),
    (["search", "free trade port"], True),
    (["search", "产业", "--kind", "proposal"], True),
    # snippets cut near `工业2.0”` and `3.0”的`: a number there is whole or left out
    (["search", "目前", "--kind", "all"], True),
    (["search", "同时", "--kind", "all"], True),
    (["verify"], False),
    (["matrix"], True),
    (["matrix", "--rows", "region", "--cols", "theme", "--kind", "all"], True),
    (["matrix", "--rows", "theme", "--cols", "region"], True),
    (["matrix", "--rows", "source", "--cols", "expert", "--kind", "all"], True),
    (["compare", "zhao-hong", "ye-tanglin"], True),
    (["compare", "cong-yi", "zhao-hong", "ye-tanglin", "--theme", "clusters,chains"], True),
    (["source", "zhao-free-trade-port"], False),
    (["source", "fig-rd-intensity-2019", "--context", "2"], False),
    (["source", "zhao-free-trade-port", "--full"], False),
    (["source", "--full"], False),
]
CASES = [
    [*args, *(["--lang", lang] if lang else [])]
    for args, takes in COMMANDS
    for lang in (["en", "zh"] if takes else [None])
]


@pytest.fixture
def terminal():
    """Run jjj as on a terminal (the table mode) at the given width; return what it shows."""

    def run(args: list[str], width: int) -> str:
        result = written("--catalogue", str(SHIPPED), *args, width=width)
        assert result.exit_code == 0, result.output
        return SGR.sub("", result.stdout)

    return run


def json_of(args: list[str]) -> Any:
    return json.loads(_json_text(tuple(args)))


@functools.cache
def _json_text(args: tuple[str, ...]) -> str:  # the same at every width: asked for once
    result = runner.invoke(app, ["--catalogue", str(SHIPPED), *args, "--json"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", CASES, ids=joined)
def test_every_command_fits_and_breaks_nothing(terminal, args, width):
    lang = args[-1] if "--lang" in args else "en"
    output = terminal(args, width)
    lines = output.splitlines()
    assert lines, args
    too_wide = [line for line in lines if cell_len(line) > width]
    assert not too_wide, too_wide

    flat = " ".join(output.split())
    left_out = left_out_in(flat)
    texts = [
        text
        for value in shown_by(args, json_of(args), lang, left_out)
        for text in as_shown(said(value, lang))
    ]
    # a word too long for any column may be folded (a checksum at 60 columns): it is left out
    expected = Counter({t: n for t, n in tokens(texts).items() if len(t) <= width - 20})
    missing = expected - tokens(lines)
    assert not missing, f"not whole on one line: {sorted(missing)}"
    assert not han(texts) - han(lines), "Chinese text missing"
    assert not [line for line in lines if BAD_BREAK.search(line)]
    if args[0] == "search":
        assert not cut_in_a_word(lines, catalogue_texts())


def cut_in_a_word(lines: list[str], texts: list[str]) -> list[str]:
    """The text beside each `…` of a search snippet that the catalogue has only inside a word,
    id or number: the cut split one. A cut is at a word's edge where the characters either
    side of it are not both narrow and not space (Chinese breaks between characters)."""

    def narrow(char: str) -> bool:
        return not char.isspace() and cell_len(char) == 1

    def edge(text: str, at: int) -> bool:
        return at in (0, len(text)) or not (narrow(text[at - 1]) and narrow(text[at]))

    def whole(piece: str, before: bool) -> bool:
        for text in texts:
            for found in re.finditer(re.escape(piece), text):
                if edge(text, found.start() if before else found.end()):
                    return True
        return False

    cut = [piece for line in lines for piece in re.findall(r"…([^\s…]+)", line)]
    cut = [piece for piece in cut if not whole(piece, before=True)]
    ends = [piece for line in lines for piece in re.findall(r"([^\s…]+)…", line)]
    return cut + [piece for piece in ends if not whole(piece, before=False)]


@functools.cache
def catalogue_texts() -> list[str]:
    """Every text of the items, and their themes and regions as search shows them matched:
    `name name_zh / name name_zh`."""
    items = json_of(["list", "--kind", "all"])
    codebooks = {
        entry["id"]: entry for facet in ("themes", "regions") for entry in json_of([facet])
    }
    names = [
        " / ".join(f"{codebooks[id]['name']} {codebooks[id]['name_zh']}" for id in item[facet])
        for item in items
        for facet in ("themes", "regions")
    ]
    return [value for item in items for value in item.values() if isinstance(value, str)] + names


@pytest.mark.parametrize("width", WIDTHS)
def test_validate_fits_and_keeps_its_counts_and_path_whole(terminal, width):
    output = terminal(["validate"], width)
    lines = output.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    counts = [
        len(json_of(["list", "--kind", "all"])),
        len(json_of(["figures"])),
        len(json_of(["themes"])),
        len(json_of(["regions"])),
    ]
    expected = tokens([*map(str, counts), "sources/jjj-roundtable.zh.txt"])
    assert not expected - tokens(lines)


def test_a_narrow_terminal_leaves_columns_out_and_says_which(terminal):
    # the related table at 80 columns: id, expert (the command is about the other experts),
    # relation and title stay
    output = terminal(["related", "cong-beijing-edge-untapped"], 80)
    lines = output.splitlines()
    assert lines[0].split() == ["id", "expert", "relation", "title"]
    assert " ".join(output.split()).endswith(
        "left out for width: score, reason (--json or a wider terminal shows them)"
    )


def test_too_narrow_for_the_essential_columns_every_row_is_a_block(terminal):
    # figures at 60: the id, indicator, value and unit cannot stand side by side
    lines = terminal(["figures"], 60).splitlines()
    assert lines[0] == " fig-rd-intensity-2019"
    block = lines[1 : lines.index("")]
    assert [line.split()[0] for line in block if not line.startswith("      ")] == [
        "expert",
        "indicator",
        "value",
        "unit",
        "year",
        "region",
        "compared_with",
        "ratio",
    ]
    assert block[3].split() == ["value", "6.31"]
    assert block[-2:] == ["   compared_with  hebei", "   ratio          6"]


@pytest.mark.parametrize("facet", ["experts", "themes", "regions"])
def test_the_codebooks_put_the_name_in_the_language_asked_for_first(terminal, facet):
    assert terminal([facet], 160).splitlines()[0].split()[:3] == ["id", "name", "name_zh"]
    # in Chinese, the headings too: id, name_zh, name
    assert terminal([facet, "--lang", "zh"], 160).splitlines()[0].split()[:3] == [
        "编号",
        "中文名称",
        "名称",
    ]
    # at 60 columns the name in that language stays beside the id; the other goes first
    header = terminal([facet, "--lang", "zh"], 60).splitlines()[0].split()
    assert header[:2] == ["编号", "中文名称"]
    assert ("名称" in header) is (facet == "experts")  # only the experts' names are short


@pytest.mark.parametrize("facet", ["experts", "themes", "regions"])
def test_lang_leaves_a_codebook_in_a_pipe_and_in_json_as_it_was(facet):
    for extra in ([], ["--json"]):
        plain = runner.invoke(app, ["--catalogue", str(SHIPPED), facet, *extra])
        chinese = runner.invoke(app, ["--catalogue", str(SHIPPED), facet, "--lang", "zh", *extra])
        assert chinese.exit_code == 0, chinese.output
        assert chinese.stdout == plain.stdout
    assert plain.stdout.startswith("[")


@pytest.mark.parametrize(
    "facet, width",
    [("themes", 100), ("themes", 120), ("themes", 160), ("regions", 160)],
)
def test_an_alias_is_never_broken_across_lines(terminal, facet, width):
    # aliases are what a person types: 自贸试验区 cut into 自 and 贸试验区 is no help; these
    # are the widths where the aliases column has room (narrower, it is left out, and said)
    output = terminal([facet, "--kind", "all"], width)
    assert "aliases" not in left_out_in(" ".join(output.split()))
    lines = output.splitlines()
    for entry in json_of([facet, "--kind", "all"]):
        # an alias of several English words may break between them, as any English does
        for alias in (alias for alias in entry["aliases"] if " " not in alias):
            assert any(alias in line for line in lines), alias
