"""`jjj cite`: references for items, figures, experts' contributions and sources, checked by
the readers of each format (bibtexparser, rispy, citeproc-py) against what the catalogue's TOML
files and source texts say, read here without jjj."""

import datetime
import io
import json
import sys
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from rich.cells import cell_len
from rich.console import Console

from jjj_cli.catalogue import Expert, Source
from jjj_cli.explore.citations import Citation
from jjj_cli.render import citations as render
from jjj_cli.render.output import Lang

from .invoke import jjj, runner, unstyled, written
from .paths import DATA, MINI, SHIPPED

if sys.version_info >= (3, 11):
    import tomllib
else:  # tomli, as the catalogue's reader does
    import tomli as tomllib

TWO = DATA / "two-sources" / "catalogue.toml"


# ---------------------------------------------------------------------------------------
# What the catalogue says, read from its files without jjj


def records(entry: Path) -> dict[str, list[dict]]:
    """Every table of a catalogue, its included files' too; each source with its text's path."""
    tables: dict[str, list[dict]] = {}
    data = tomllib.loads(entry.read_text(encoding="utf-8"))
    files = [(entry, data)]
    for pattern in data.get("include", []):
        for path in sorted(entry.parent.glob(pattern)):
            files.append((path, tomllib.loads(path.read_text(encoding="utf-8"))))
    for path, content in files:
        for name, rows in content.items():
            if isinstance(rows, list) and rows and isinstance(rows[0], dict):
                for row in rows:
                    if name == "sources":
                        row = {**row, "text": path.parent / row["file"]}
                    tables.setdefault(name, []).append(row)
    return tables


def lines_of(text_file: Path, quote: str) -> tuple[int, int]:
    """The first and last line of the file that hold the quote, whitespace aside."""
    raw = text_file.read_text(encoding="utf-8")
    chars, lines = [], []
    for number, line in enumerate(raw.split("\n"), start=1):
        for char in line:
            if not char.isspace():
                chars.append(char)
                lines.append(number)
    start = "".join(chars).index("".join(quote.split()))
    return lines[start], lines[start + len("".join(quote.split())) - 1]


def shown(entry: Path, text_file: Path) -> str:
    return text_file.relative_to(entry.parent).as_posix()


def by_id(rows: list[dict]) -> dict[str, dict]:
    return {row["id"]: row for row in rows}


def expected_items(entry: Path, lang: str = "en", kind: str = "all") -> list[dict]:
    """Each item's citation fields as the catalogue gives them, in source then seq order."""
    tables = records(entry)
    experts, sources = by_id(tables["experts"]), by_id(tables["sources"])
    order = [source["id"] for source in tables["sources"]]
    items = sorted(tables["proposals"], key=lambda item: (order.index(item["source"]), item["seq"]))
    wanted = []
    for item in items:
        if kind != "all" and item["kind"] != kind:
            continue
        source = sources[item["source"]]
        first, last = lines_of(source["text"], item["quote"])
        lines = f"{first}–{last}" if first != last else str(first)
        zh = lang == "zh"
        file = shown(entry, source["text"])
        wanted.append(
            {
                "id": item["id"],
                "author": experts[item["expert"]]["name_zh" if zh else "name"],
                "title": item["title_zh" if zh else "title"],
                "container": source["title" if zh else "title_en"],
                "quote": item["quote"],
                "note": f"序号 {item['seq']}，{file} 第 {lines} 行"
                if zh
                else f"seq {item['seq']}, lines {lines} of {file}",
                "source": source,
            }
        )
    return wanted


def run(*args: str, catalogue: Path = MINI) -> str:
    result = jjj("cite", *args, catalogue=catalogue)
    assert result.exit_code == 0, result.output
    return result.stdout


def parse_bibtex(text: str) -> list[dict[str, str]]:
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks, [block.error for block in library.failed_blocks]
    return [
        {
            "ENTRYTYPE": entry.entry_type,
            "ID": entry.key,
            **{field.key: field.value for field in entry.fields},
        }
        for entry in library.entries
    ]


def rendered(data: list[dict]) -> list[str]:
    """CSL-JSON through citeproc-py, in the Harvard (Cite Them Right) style it bundles."""
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(data), formatter.plain)
    for record in data:
        bibliography.register(CslCitation([CitationItem(record["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


# ---------------------------------------------------------------------------------------
# BibTeX, RIS and CSL-JSON, each read by its own parser


@pytest.mark.parametrize("catalogue", [MINI, SHIPPED, TWO], ids=["mini", "shipped", "two"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bibtex_entries_give_the_catalogues_author_title_source_quote_and_place(catalogue, lang):
    entries = parse_bibtex(
        run("--kind", "all", "--format", "bibtex", "--lang", lang, catalogue=catalogue)
    )
    wanted = expected_items(catalogue, lang)
    assert [entry["ID"] for entry in entries] == [each["id"] for each in wanted]
    for entry, each in zip(entries, wanted):
        assert entry["ENTRYTYPE"] == "incollection"
        assert entry["author"] == each["author"]
        assert entry["title"] == each["title"]
        assert entry["booktitle"] == each["container"]
        assert entry["annote"] == each["quote"]
        assert entry["note"] == each["note"]
        source = each["source"]
        assert entry.get("publisher") == source.get("publisher")
        date = source.get("date")
        assert entry.get("date") == (date.isoformat() if date else None)
        assert entry.get("year") == (str(date.year) if date else None)
        assert "url" not in entry


def test_the_shipped_source_has_no_publisher_date_or_address_and_no_citation_invents_one():
    (source,) = records(SHIPPED)["sources"]
    assert not {"publisher", "date", "url"} & set(source)
    ids = [
        record["id"]
        for table in ("sources", "experts", "figures")
        for record in records(SHIPPED)[table]
    ]
    for cited in (["--kind", "all"], ids):
        for entry in parse_bibtex(run(*cited, "--format", "bibtex", catalogue=SHIPPED)):
            assert not {"publisher", "year", "date", "month", "url"} & set(entry), entry["ID"]
        for record in rispy.loads(run(*cited, "--format", "ris", catalogue=SHIPPED)):
            assert not {"publisher", "year", "date", "urls"} & set(record), record["id"]
        for record in json.loads(run(*cited, "--format", "csl-json", catalogue=SHIPPED)):
            assert not {"publisher", "issued", "URL"} & set(record), record["id"]
    for entry in parse_bibtex(run("jjj-roundtable", "--format", "bibtex", catalogue=SHIPPED)):
        assert set(entry) == {"ENTRYTYPE", "ID", "title", "note"}


def test_each_text_reference_is_exactly_author_title_source_and_place():
    # nothing between the source's titles and the place: no publisher or date to give
    (source,) = records(SHIPPED)["sources"]
    references = run("--kind", "all", catalogue=SHIPPED).split("\n\n")
    wanted = expected_items(SHIPPED)
    assert len(references) == len(wanted)
    for reference, each in zip(references, wanted):
        key, line, quote = reference.splitlines()
        title = each["title"] if each["title"][-1] in "?." else each["title"] + "."
        note = each["note"][0].upper() + each["note"][1:]
        assert key == each["id"]
        assert line == (
            f"{each['author']}. “{title}” In {source['title_en']} ({source['title']}). {note}."
        )
        assert quote == "Quote: " + each["quote"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ris_records_give_the_same_one_line_per_tag(lang):
    output = run("--kind", "all", "--format", "ris", "--lang", lang, catalogue=TWO)
    parsed = rispy.loads(output)
    wanted = expected_items(TWO, lang)
    assert [record["id"] for record in parsed] == [each["id"] for each in wanted]
    for record, each in zip(parsed, wanted):
        assert record["type_of_reference"] == "CHAP"
        assert record["authors"] == [each["author"]]
        assert record["title"] == each["title"]
        assert record["secondary_title"] == each["container"]
        assert record["notes"] == [each["note"], each["quote"]]
        assert record["language"] == each["source"]["language"]
        date = each["source"].get("date")
        assert record.get("publisher") == each["source"].get("publisher")
        assert record.get("year") == (str(date.year) if date else None)
        assert record.get("date") == (date.strftime("%Y/%m/%d") if date else None)


def test_csl_json_renders_in_a_standard_style_with_the_catalogues_fields():
    data = json.loads(run("--kind", "all", "--format", "csl-json", catalogue=TWO))
    wanted = expected_items(TWO)
    assert [record["id"] for record in data] == [each["id"] for each in wanted]
    for record, each in zip(data, wanted):
        kind = each["source"].get("kind")
        assert record["type"] == {"interview": "interview", "roundtable": "speech"}.get(
            kind, "chapter"
        )
        assert record["author"] == [{"literal": each["author"]}]
        assert (record["title"], record["container-title"]) == (each["title"], each["container"])
        assert (record["note"], record["annote"]) == (each["note"], each["quote"])
        date = each["source"].get("date")
        assert record.get("issued") == (
            {"date-parts": [[date.year, date.month, date.day]]} if date else None
        )
    shown_entries = rendered(data)
    assert len(shown_entries) == len(wanted)
    for each in wanted:
        (line,) = [line for line in shown_entries if each["title"] in line]
        assert line.startswith(each["author"])
        assert each["container"] in line
        if each["source"].get("date"):
            assert "(2024)" in line and each["source"]["publisher"] in line
        else:
            assert "(no date)" in line


def test_the_shipped_catalogue_renders_through_citeproc_too():
    data = json.loads(
        run("--kind", "all", "--format", "csl-json", "--lang", "zh", catalogue=SHIPPED)
    )
    wanted = expected_items(SHIPPED, "zh")
    assert [(r["author"][0]["literal"], r["title"]) for r in data] == [
        (each["author"], each["title"]) for each in wanted
    ]
    assert len(rendered(data)) == len(wanted)


# ---------------------------------------------------------------------------------------
# Experts, figures, sources


def test_an_experts_contribution_spans_their_items_with_headline_and_question():
    tables = records(MINI)
    (appearance,) = [a for a in tables["appearances"] if a["expert"] == "li-hua"]
    (source,) = tables["sources"]
    theirs = [item for item in tables["proposals"] if item["expert"] == "li-hua"]
    theirs += [figure for figure in tables.get("figures", []) if figure["expert"] == "li-hua"]
    spans = [lines_of(source["text"], record["quote"]) for record in theirs]
    seqs = sorted(item["seq"] for item in theirs if "seq" in item)
    first, last = min(a for a, _ in spans), max(b for _, b in spans)
    (record,) = json.loads(run("li-hua", "--format", "csl-json"))
    assert record["id"] == "li-hua:mini-forum"
    assert record["author"] == [{"literal": "Li Hua"}]
    assert record["title"] == appearance["headline"]
    assert record["note"] == (
        f"seq {seqs[0]}–{seqs[-1]}, lines {first}–{last} of {shown(MINI, source['text'])}"
    )
    assert "annote" not in record
    text = run("li-hua", "--lang", "zh")
    assert f"问：{appearance['question_zh']}" in text.splitlines()
    assert appearance["headline_zh"] in text


def test_an_expert_in_two_sources_has_a_contribution_in_each():
    entries = parse_bibtex(run("lin-xiao", "--format", "bibtex", catalogue=TWO))
    sources = by_id(records(TWO)["sources"])
    assert [entry["ID"] for entry in entries] == ["lin-xiao:test-forum", "lin-xiao:test-interview"]
    assert [entry["booktitle"] for entry in entries] == [
        sources["test-forum"]["title_en"],
        sources["test-interview"]["title_en"],
    ]
    # the interview gives no headline: no title, rather than one made up
    assert "title" not in entries[1] and entries[1]["publisher"] == "某虚构日报"


def test_a_figure_is_cited_by_its_indicator_and_lines():
    (figure,) = [f for f in records(MINI)["figures"] if f["id"] == "wang-rd-intensity"]
    (source,) = records(MINI)["sources"]
    first, last = lines_of(source["text"], figure["quote"])
    lines = f"{first}–{last}" if first != last else str(first)
    (record,) = rispy.loads(run("wang-rd-intensity", "--format", "ris", "--lang", "zh"))
    assert record["title"] == figure["indicator_zh"]
    assert record["notes"] == [f"sources/mini.zh.txt 第 {lines} 行", figure["quote"]]


def test_a_source_is_cited_by_its_titles_with_what_it_gives():
    (record,) = rispy.loads(run("test-interview", "--format", "ris", catalogue=TWO))
    source = by_id(records(TWO)["sources"])["test-interview"]
    assert record["type_of_reference"] == "GEN"
    assert record["title"] == source["title_en"]
    assert (record["publisher"], record["date"]) == (source["publisher"], "2024/03/15")
    assert "authors" not in record and "secondary_title" not in record
    (csl,) = json.loads(run("test-interview", "--format", "csl-json", catalogue=TWO))
    assert (csl["type"], csl["original-title"]) == ("interview", source["title"])


# ---------------------------------------------------------------------------------------
# Several ids, filters, text


def test_several_ids_give_one_entry_each_in_the_order_given_repeats_once():
    output = run("zhang-gdp", "wang-world-class-clusters", "zhang-gdp", "--format", "csl-json")
    assert [record["id"] for record in json.loads(output)] == [
        "zhang-gdp",
        "wang-world-class-clusters",
    ]


@pytest.mark.parametrize(
    "filters, kind",
    [(["--theme", "clusters"], "proposal"), (["--expert", "li-hua", "--kind", "all"], "all")],
)
def test_filters_cite_the_items_list_selects(filters, kind):
    result = jjj("cite", *filters, "--format", "csl-json")
    assert result.exit_code == 0, result.output
    tables = records(MINI)
    facet, value = filters[0].lstrip("-"), filters[1]
    field = {"theme": "themes", "expert": "expert"}[facet]
    matching = [
        item
        for item in sorted(tables["proposals"], key=lambda item: item["seq"])
        if (value in item[field] if field == "themes" else item[field] == value)
    ]
    chosen = [item["id"] for item in matching if kind in ("all", item["kind"])]
    assert [record["id"] for record in json.loads(result.stdout)] == chosen
    # as `list` says, on stderr, when --kind is left out: the findings that also match
    findings = sum(item["kind"] == "finding" for item in matching)
    said = {
        0: "",
        1: "1 finding also matches; --kind all includes it.\n",
    }.get(findings, f"{findings} findings also match; --kind all includes them.\n")
    assert result.stderr == (said if "--kind" not in filters else "")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_is_a_reference_then_the_quote_verbatim(lang):
    (wanted,) = [each for each in expected_items(MINI, lang) if each["id"] == "li-linked-ftzs"]
    lines = run("li-linked-ftzs", "--lang", lang).splitlines()
    assert lines[0] == "li-linked-ftzs"
    assert lines[1].startswith(wanted["author"])
    note = wanted["note"][0].upper() + wanted["note"][1:]  # a sentence of its own in English
    for part in (wanted["title"], wanted["container"], note):
        assert part in lines[1]
    assert lines[2] == ("原文：" if lang == "zh" else "Quote: ") + wanted["quote"]


CLOSING = "，。、；：！？”’）》」』"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [60, 80, 97, 120])
def test_text_on_a_terminal_wraps_to_its_width_and_breaks_nothing(lang, width):
    wanted = expected_items(SHIPPED, lang)
    result = written(
        "--catalogue", str(SHIPPED), "cite", "--kind", "all", "--lang", lang, width=width
    )
    assert result.exit_code == 0, result.output
    blocks = unstyled(result.stdout).split("\n\n")
    assert len(blocks) == len(wanted)
    for block, each in zip(blocks, wanted):
        lines = block.splitlines()
        assert lines[0] == each["id"]  # whole, on a line of its own
        assert all(cell_len(line) <= width for line in lines), block
        # Chinese breaks between characters, never before closing punctuation
        assert not [line for line in lines if line.lstrip()[:1] in set(CLOSING)], block
        assert "".join(line.strip() for line in lines).endswith(each["quote"])
        shown = "".join(block.split())  # nothing cut: every word of the reference is there
        for part in (each["author"], each["title"], each["container"], each["note"][1:]):
            assert "".join(part.split()) in shown, part


# ---------------------------------------------------------------------------------------
# Escaping: a fictional record full of what BibTeX, RIS and JSON treat specially

HOSTILE = (
    "Fictional {braces} and \\backslash \\textbf{x} 50% & $5 #1 a_b ~c ^d "
    "\"double\" 'single' ``ticks'' a--b\nsecond line </script><b>bold</b> 雄安}"
)


def hostile_citation() -> Citation:
    expert = Expert("x", "Ann {Fict} O'Nym", "虚构{名}", "", "", None)
    source = Source(
        "s", "标题\\{", "Title with } & %", "f.txt", "", "zh", "roundtable",
        "Pub & Co {Ltd}", datetime.date(2024, 3, 15), "https://example.org/a_b?x=1&y=%20",
        None, None, None, None, None, Path("f.txt"),
    )  # fmt: skip
    return Citation("x-item", "item", source, "dir/f_1.txt", expert, HOSTILE, HOSTILE, HOSTILE,
                    (3,), (7, 9))  # fmt: skip


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_bibtex_escaping_gives_back_every_character():
    (entry,) = parse_bibtex(render.bibtex([hostile_citation()], Lang.en))
    # pylatexenc, bibtexparser's decoder, reads \textasciicircum as the modifier letter ˆ
    decoded = {key: value.replace("ˆ", "^") for key, value in entry.items()}
    assert decoded["title"] == one_line(HOSTILE)
    assert decoded["annote"] == one_line(HOSTILE)
    assert decoded["author"] == "Ann {Fict} O'Nym"
    assert decoded["booktitle"] == "Title with } & %"
    assert decoded["publisher"] == "Pub & Co {Ltd}"
    assert decoded["url"] == "https://example.org/a_b?x=1&y=%20"
    assert decoded["note"] == "seq 3, lines 7–9 of dir/f_1.txt"


def test_ris_escaping_keeps_each_value_on_its_line():
    text = render.ris([hostile_citation()], Lang.en)
    assert all(line[2:6] == "  - " for line in text.splitlines() if line), text
    (record,) = rispy.loads(text)
    assert record["title"] == one_line(HOSTILE)
    assert record["authors"] == ["Ann {Fict} O'Nym"]
    assert record["notes"] == ["seq 3, lines 7–9 of dir/f_1.txt", one_line(HOSTILE)]


def test_csl_json_keeps_every_character_and_renders():
    data = json.loads(render.csl_json([hostile_citation()], Lang.en))
    assert data[0]["title"] == data[0]["annote"] == HOSTILE
    assert data[0]["author"] == [{"literal": "Ann {Fict} O'Nym"}]
    (line,) = rendered(data)
    assert "Ann {Fict} O'Nym" in line and "(2024)" in line


def test_control_characters_in_catalogue_text_are_made_visible():
    controls = "bell\x07 escape\x1b[31m red\u202e"
    citation = hostile_citation()._replace(quote=controls, title=controls)
    console = Console(file=io.StringIO(), width=80, color_system=None)  # no styling of its own
    console.print(render.styled([citation], Lang.en))
    for output in (
        render.text([citation], Lang.en),
        console.file.getvalue(),
        render.text([citation], Lang.zh),
        render.bibtex([citation], Lang.en),
        render.ris([citation], Lang.en),
        render.csl_json([citation], Lang.en),
    ):
        assert not {"\x1b", "\x07", "\u202e"} & set(output)


# ---------------------------------------------------------------------------------------
# Bad input


def usage(*args: str) -> str:
    result = runner.invoke(app_with_catalogue(), ["--catalogue", str(MINI), "cite", *args])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    return result.stderr


def app_with_catalogue():
    from jjj_cli.cli import app

    return app


def test_an_unknown_id_suggests_the_close_ones():
    assert usage("wang-minng").splitlines() == [
        "Error: unknown id 'wang-minng'. Did you mean: wang-ming?"
    ]


def test_a_theme_or_region_given_as_an_id_points_to_the_filter():
    assert usage("clusters").splitlines() == [
        "Error: 'clusters' is a theme, not an item, a figure, an expert or a source: "
        "cite its items with --theme clusters"
    ]


@pytest.mark.parametrize(
    "args, words",
    [
        (["wang-ming", "--format", "mla"], ["'mla'", "--format"]),
        ([], ["give an id, or filters"]),
        (["wang-ming", "--theme", "clusters"], ["ids or filters, not both"]),
    ],
)
def test_usage_errors_say_what_is_wrong(args, words):
    message = " ".join(usage(*args).split())
    for word in words:
        assert word in message


# ---------------------------------------------------------------------------------------
# Exact output for fictional records, worked by hand: what the parsers above read alike
# (an entry type's case, `--` for an en dash, a tag's spelling) and every part of a text
# reference the catalogues above lack (a title ending in a mark, a publisher, an address, a
# contribution without a headline, a report, a source of no kind)

FICT_EXPERT = Expert("fict-expert", "Fen Ictional", "费虚构", "", "", None)


def fictional_source(id, title, title_en, file, language, kind, publisher, date, url):
    return Source(id, title, title_en, file, "", language, kind, publisher, date, url,
                  None, None, None, None, None, Path(file))  # fmt: skip


FORUM = fictional_source(
    "fict-forum", "虚构论坛", "Fictional Forum", "f.txt", "zh", "roundtable",
    "Fictional Press", datetime.date(2024, 3, 15), "https://example.org/forum",
)  # fmt: skip
REPORT = fictional_source(
    "fict-report", "虚构报告", "Fictional Report", "r.txt", "zh", "report", None, None, None
)
NOTES = fictional_source(
    "fict-notes", "虚构笔记", "Fictional Notes", "n.txt", "en", None, None, None, None
)
BRIDGE = Citation("fict-bridge", "item", FORUM, "sources/f.txt", FICT_EXPERT,
                  "Build a fictional bridge by 2030–2035?", "建一座虚构的桥", "虚构的原话。",
                  (3,), (7, 9))  # fmt: skip
SPOKEN = Citation("fict-expert:fict-forum", "contribution", FORUM, "sources/f.txt", FICT_EXPERT,
                  None, None, None, (3, 5), (7, 12), "What would a fictional bridge cost?",
                  "虚构的桥要花多少钱？")  # fmt: skip
FORUM_ITSELF = Citation("fict-forum", "source", FORUM, "sources/f.txt", None, None, None, None,
                        (), None)  # fmt: skip
ZONE = Citation("fict-zone", "figure", REPORT, "sources/r.txt", FICT_EXPERT, "Fictional Zone X",
                "虚构X区", "虚构的数字\x07。", (), (4, 6))  # fmt: skip
REPORT_ITSELF = Citation("fict-report", "source", REPORT, "sources/r.txt", None, None, None,
                         None, (), None)  # fmt: skip
NOTES_ITSELF = Citation("fict-notes", "source", NOTES, "sources/n.txt", None, None, None, None,
                        (), None)  # fmt: skip


def test_text_references_of_each_kind_of_record_exactly():
    cited = [BRIDGE, SPOKEN, FORUM_ITSELF, ZONE]
    assert render.text(cited, Lang.en).split("\n") == [
        "fict-bridge",
        "Fen Ictional. “Build a fictional bridge by 2030–2035?” In Fictional Forum (虚构论坛). "
        "Fictional Press, 2024-03-15. https://example.org/forum. "
        "Seq 3, lines 7–9 of sources/f.txt.",
        "Quote: 虚构的原话。",
        "",
        "fict-expert:fict-forum",
        "Fen Ictional. Contribution to Fictional Forum (虚构论坛). Fictional Press, 2024-03-15. "
        "https://example.org/forum. Seq 3–5, lines 7–12 of sources/f.txt.",
        "Question: What would a fictional bridge cost?",
        "",
        "fict-forum",
        "Fictional Forum (虚构论坛). Fictional Press, 2024-03-15. https://example.org/forum. "
        "Text: sources/f.txt.",
        "",
        "fict-zone",
        # a title ending in a letter is closed by a full stop, one ending in a mark is not
        "Fen Ictional. “Fictional Zone X.” In Fictional Report (虚构报告). "
        "Lines 4–6 of sources/r.txt.",
        "Quote: 虚构的数字\\x07。",
    ]
    assert render.text(cited, Lang.zh).split("\n") == [
        "fict-bridge",
        "费虚构：建一座虚构的桥，载《虚构论坛》。Fictional Press，2024-03-15。"
        "https://example.org/forum。序号 3，sources/f.txt 第 7–9 行。",
        "原文：虚构的原话。",
        "",
        "fict-expert:fict-forum",
        "费虚构：在《虚构论坛》中的发言。Fictional Press，2024-03-15。"
        "https://example.org/forum。序号 3–5，sources/f.txt 第 7–12 行。",
        "问：虚构的桥要花多少钱？",
        "",
        "fict-forum",
        "《虚构论坛》。Fictional Press，2024-03-15。https://example.org/forum。文本：sources/f.txt。",
        "",
        "fict-zone",
        "费虚构：虚构X区，载《虚构报告》。sources/r.txt 第 4–6 行。",
        "原文：虚构的数字\\x07。",
    ]


def test_bibtex_entries_exactly():
    # only the note's en dash becomes TeX's `--`; a control character is written visibly
    assert render.bibtex([BRIDGE, SPOKEN, FORUM_ITSELF, ZONE], Lang.en).split("\n") == [
        "@incollection{fict-bridge,",
        "  author = {{Fen Ictional}},",
        "  title = {Build a fictional bridge by 2030–2035?},",
        "  booktitle = {Fictional Forum},",
        "  publisher = {Fictional Press},",
        "  year = {2024},",
        "  date = {2024-03-15},",
        "  url = {https://example.org/forum},",
        "  note = {seq 3, lines 7--9 of sources/f.txt},",
        "  annote = {虚构的原话。},",
        "}",
        "",
        "@incollection{fict-expert:fict-forum,",
        "  author = {{Fen Ictional}},",
        "  booktitle = {Fictional Forum},",
        "  publisher = {Fictional Press},",
        "  year = {2024},",
        "  date = {2024-03-15},",
        "  url = {https://example.org/forum},",
        "  note = {seq 3--5, lines 7--12 of sources/f.txt},",
        "}",
        "",
        "@misc{fict-forum,",
        "  title = {Fictional Forum},",
        "  publisher = {Fictional Press},",
        "  year = {2024},",
        "  date = {2024-03-15},",
        "  url = {https://example.org/forum},",
        "  note = {text: sources/f.txt},",
        "}",
        "",
        "@incollection{fict-zone,",
        "  author = {{Fen Ictional}},",
        "  title = {Fictional Zone X},",
        "  booktitle = {Fictional Report},",
        "  note = {lines 4--6 of sources/r.txt},",
        r"  annote = {虚构的数字\textbackslash{}x07。},",
        "}",
    ]


def test_ris_records_exactly():
    assert render.ris([BRIDGE, REPORT_ITSELF, FORUM_ITSELF], Lang.en).split("\n") == [
        "TY  - CHAP",
        "ID  - fict-bridge",
        "AU  - Fen Ictional",
        "TI  - Build a fictional bridge by 2030–2035?",
        "T2  - Fictional Forum",
        "PB  - Fictional Press",
        "PY  - 2024",
        "DA  - 2024/03/15",
        "UR  - https://example.org/forum",
        "LA  - zh",
        "N1  - seq 3, lines 7–9 of sources/f.txt",
        "N1  - 虚构的原话。",
        "ER  - ",
        "",
        "TY  - RPRT",
        "ID  - fict-report",
        "TI  - Fictional Report",
        "LA  - zh",
        "N1  - text: sources/r.txt",
        "ER  - ",
        "",
        "TY  - GEN",
        "ID  - fict-forum",
        "TI  - Fictional Forum",
        "PB  - Fictional Press",
        "PY  - 2024",
        "DA  - 2024/03/15",
        "UR  - https://example.org/forum",
        "LA  - zh",
        "N1  - text: sources/f.txt",
        "ER  - ",
    ]


def test_csl_records_exactly():
    cited = [BRIDGE, ZONE, REPORT_ITSELF, NOTES_ITSELF]
    fen = [{"literal": "Fen Ictional"}]
    published = {
        "publisher": "Fictional Press",
        "issued": {"date-parts": [[2024, 3, 15]]},
        "URL": "https://example.org/forum",
    }
    # said at a roundtable: a speech; in a report or a source of no kind: a chapter of it;
    # a report itself: a report; a source of no kind: an article
    assert render.csl_records(cited, Lang.en) == [
        {"id": "fict-bridge", "type": "speech", "author": fen,
         "title": "Build a fictional bridge by 2030–2035?", "container-title": "Fictional Forum",
         **published, "language": "zh", "note": "seq 3, lines 7–9 of sources/f.txt",
         "annote": "虚构的原话。"},
        {"id": "fict-zone", "type": "chapter", "author": fen, "title": "Fictional Zone X",
         "container-title": "Fictional Report", "language": "zh",
         "note": "lines 4–6 of sources/r.txt", "annote": "虚构的数字\x07。"},
        {"id": "fict-report", "type": "report", "title": "Fictional Report",
         "original-title": "虚构报告", "language": "zh", "note": "text: sources/r.txt"},
        {"id": "fict-notes", "type": "article", "title": "Fictional Notes",
         "original-title": "虚构笔记", "language": "en", "note": "text: sources/n.txt"},
    ]  # fmt: skip
    assert render.csl_records(cited, Lang.zh) == [
        {"id": "fict-bridge", "type": "speech", "author": [{"literal": "费虚构"}],
         "title": "建一座虚构的桥", "container-title": "虚构论坛", **published,
         "language": "zh", "note": "序号 3，sources/f.txt 第 7–9 行", "annote": "虚构的原话。"},
        {"id": "fict-zone", "type": "chapter", "author": [{"literal": "费虚构"}],
         "title": "虚构X区", "container-title": "虚构报告", "language": "zh",
         "note": "sources/r.txt 第 4–6 行", "annote": "虚构的数字\x07。"},
        {"id": "fict-report", "type": "report", "title": "虚构报告", "language": "zh",
         "note": "文本：sources/r.txt"},
        {"id": "fict-notes", "type": "article", "title": "虚构笔记", "language": "en",
         "note": "文本：sources/n.txt"},
    ]  # fmt: skip


def terminal(renderable, width: int) -> str:
    """What a 16-colour terminal `width` cells wide receives."""
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=True,
        color_system="standard",
        no_color=False,
    )
    console.print(renderable)
    return console.file.getvalue()


BOLD, ITALIC, DIM, RESET = "\x1b[1m", "\x1b[3m", "\x1b[2m", "\x1b[0m"


def test_text_on_a_terminal_exactly_key_dim_author_bold_source_italic_quote_hung():
    quote = "虚构文字" * 13  # 52 characters, 104 cells: wraps between characters
    plan = Citation("fict-plan", "item", REPORT, "r.txt", FICT_EXPERT, "Plan X", "计划X", quote,
                    (), (4, 6))  # fmt: skip
    # 81 cells: the quote's label and first line within 79 after an indent of 2; its label
    # "Quote:" padded to 7; 36 characters (72 cells) beside it, the other 16 under them
    assert terminal(render.styled([plan, REPORT_ITSELF], Lang.en), 81).split("\n") == [
        f"{DIM}fict-plan{RESET}",
        f"{BOLD}Fen Ictional{RESET}. “Plan X.” In {ITALIC}Fictional Report{RESET} (虚构报告). "
        "Lines 4–6 of r.txt.",
        f"  {DIM}Quote: {RESET}" + quote[:36],
        " " * 9 + quote[36:],
        "",
        f"{DIM}fict-report{RESET}",
        f"{ITALIC}Fictional Report{RESET} (虚构报告). Text: sources/r.txt.",
        "",
    ]


def test_text_on_a_terminal_in_chinese_labels_without_their_colon():
    spoken = SPOKEN._replace(source=REPORT, file="r.txt", seqs=(3, 5), lines=(7, 12))
    plan = Citation("fict-plan", "item", REPORT, "r.txt", FICT_EXPERT, "Plan X", "计划X",
                    "虚构的原话。", (), (4, 6))  # fmt: skip
    assert terminal(render.styled([spoken, plan, REPORT_ITSELF], Lang.zh), 80).split("\n") == [
        f"{DIM}fict-expert:fict-forum{RESET}",
        f"{BOLD}费虚构{RESET}：在{ITALIC}《虚构报告》{RESET}中的发言。序号 3–5，r.txt 第 7–12 行。",
        f"  {DIM}问 {RESET}虚构的桥要花多少钱？",
        "",
        f"{DIM}fict-plan{RESET}",
        f"{BOLD}费虚构{RESET}：计划X，载{ITALIC}《虚构报告》{RESET}。r.txt 第 4–6 行。",
        f"  {DIM}原文 {RESET}虚构的原话。",
        "",
        f"{DIM}fict-report{RESET}",
        f"{ITALIC}《虚构报告》{RESET}。文本：sources/r.txt。",
        "",
    ]
