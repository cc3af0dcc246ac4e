import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jjj_cli.catalogue import CatalogueError, load_catalogue
from jjj_cli.catalogue.schema import EXPERT, FIGURE, ITEM, REGION, SOURCE, THEME
from jjj_cli.cli import app
from jjj_cli.query import (
    EmptyName,
    Facet,
    Kind,
    QueryError,
    Selection,
    UnknownName,
    describe,
    resolve,
    select_items,
)

from .paths import MINI

CATALOGUE = load_catalogue(MINI)
TEXT = MINI.read_text(encoding="utf-8")
VALUE_LINES = [n for n, line in enumerate(TEXT.splitlines()) if re.match(r"\w+ = ", line)]


def subsets(records, size=3):
    return st.frozensets(st.sampled_from(sorted(record.id for record in records)), max_size=size)


def selections(catalogue=CATALOGUE, size=3):
    """Any filters of a catalogue's ids: `size` at most of each kind (the other tests of the
    filters' laws, on a catalogue of several sources, draw theirs here too)."""
    return st.builds(
        Selection,
        experts=subsets(catalogue.experts, size),
        themes=subsets(catalogue.themes, size),
        regions=subsets(catalogue.regions, size),
        kind=st.sampled_from(list(Kind)),
        sources=subsets(catalogue.sources, size),
    )


def ids(selection: Selection) -> set[str]:
    return {item.id for item in select_items(CATALOGUE, selection)}


@given(st.sampled_from(list(Facet)), st.text(min_size=1).filter(lambda text: "," not in text))
def test_any_typed_name_resolves_or_is_unknown_with_something_to_try(facet, typed):
    try:
        resolved = resolve(CATALOGUE, facet, [typed])
    except EmptyName:
        assert not re.sub("[,，、]", "", typed).strip()  # nothing but separators and space
    except UnknownName as unknown:
        said = str(unknown)
        assert unknown.suggestions or "Valid values: " in said or "It names the " in said
    else:
        assert len(resolved) <= 1
    try:
        describe(CATALOGUE, typed)
    except UnknownName as unknown:
        assert unknown.suggestions or "No id or name is close" in str(unknown)
    except QueryError as error:
        assert not typed.strip(), error


@given(selections(), subsets(CATALOGUE.themes), subsets(CATALOGUE.regions))
def test_union_within_a_flag(selection, themes, regions):
    for field, extra in (("themes", themes), ("regions", regions)):
        current = getattr(selection, field)
        if not current or not extra:
            continue  # an empty filter means "no filter", not "nothing"
        union = selection._replace(**{field: current | extra})
        alone = selection._replace(**{field: extra})
        assert ids(union) == ids(selection) | ids(alone)


@given(selections(), selections())
def test_intersection_across_flags(a, b):
    # flags of different facets: take a's themes and b's regions and experts
    combined = Selection(experts=b.experts, themes=a.themes, regions=b.regions, kind=a.kind)
    only_a = Selection(themes=a.themes, kind=a.kind)
    only_b = Selection(experts=b.experts, regions=b.regions, kind=a.kind)
    assert ids(combined) == ids(only_a) & ids(only_b)


@given(selections())
def test_result_is_a_subset_in_source_order(selection):
    items = select_items(CATALOGUE, selection)
    assert set(items) <= set(CATALOGUE.items)
    assert [item.seq for item in items] == sorted(item.seq for item in items)


def mutations():
    deletion = st.tuples(st.just("delete"), st.integers(0, len(TEXT) - 1), st.integers(1, 40))
    insertion = st.tuples(
        st.just("insert"),
        st.integers(0, len(TEXT)),
        st.sampled_from(
            [
                '"',
                "[",
                "]]",
                "=",
                "\n",
                "[[proposals]]\n",
                "#",
                "\\",
                "{",
                "\x00",
                "é",
                "\ufeff",
                "\u2028",
                "\x1b[2J",
                "[bold]",
                "a.b.c = 1\n",
                "[" * 50,
                "9" * 5000,
            ]
        ),
    )
    swap = st.tuples(
        st.just("swap"),
        st.sampled_from(VALUE_LINES),
        st.sampled_from(
            [
                "1",
                "-3",
                '"x"',
                '""',
                "[]",
                '["nope"]',
                "true",
                "{}",
                "1.5",
                "nan",
                "1979-05-27",
                '[{ id = "x" }]',
            ]
        ),
    )
    return st.lists(st.one_of(deletion, insertion, swap), min_size=1, max_size=4)


def mutate(text: str, edits) -> str:
    for edit in edits:
        if edit[0] == "delete":
            _, at, length = edit
            text = text[:at] + text[at + length :]
        elif edit[0] == "insert":
            _, at, fragment = edit
            text = text[:at] + fragment + text[at:]
        else:
            _, number, value = edit
            lines = text.splitlines()
            if number < len(lines) and " = " in lines[number]:
                key = lines[number].split(" = ", 1)[0]
                lines[number] = f"{key} = {value}"
            text = "\n".join(lines)
    return text


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations())
def test_loader_raises_only_catalogue_error(catalogue_copy, edits):
    path = catalogue_copy(mutate(TEXT, edits))
    try:
        load_catalogue(path)
    except CatalogueError as error:
        assert_well_formed(error, path)


def assert_well_formed(error: CatalogueError, path) -> None:
    """Every problem names the file, and a line (if any) that the file has."""
    assert error.problems
    lines = path.read_bytes().count(b"\n") + 1
    for problem in error.problems:
        assert str(problem).startswith(str(path))
        assert problem.line is None or 1 <= problem.line <= lines, problem
        assert problem.column is None or (problem.line and problem.column >= 1), problem


# --- whole catalogues generated from the schema's field names ---------------------------------

SCHEMAS = (SOURCE, EXPERT, THEME, REGION, ITEM, FIGURE)
FIELDS = sorted({name for schema in SCHEMAS for name in schema})
IDS = ["wang-ming", "li-hua", "clusters", "hebei", "jingjinji", "mini-forum", "Bad Id", ""]


def values():
    scalars = st.one_of(
        st.sampled_from(IDS),
        st.sampled_from(["proposal", "finding", "echoes", "sources/mini.zh.txt", "zh"]),
        st.text(max_size=8),
        st.integers(-3, 10**6),
        st.floats(),
        st.booleans(),
        st.dates(),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(st.sampled_from(["id", "relation", "x"]), inner, max_size=2),
        ),
        max_leaves=6,
    )


def tables():
    keys = st.one_of(st.sampled_from(FIELDS), st.text(min_size=1, max_size=6))
    return st.dictionaries(keys, values(), max_size=14)


def catalogues():
    names = st.sampled_from(["experts", "themes", "regions", "proposals", "figures", "figure"])
    return st.tuples(
        st.one_of(st.none(), tables()), st.dictionaries(names, st.lists(tables(), max_size=3))
    )


def toml_value(value) -> str:
    if isinstance(value, str):
        # a JSON string is a TOML basic string, once DEL (raw in JSON) is escaped too
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(repr(value), repr(value))
    if isinstance(value, list):
        return "[" + ", ".join(map(toml_value, value)) + "]"
    if isinstance(value, dict):
        pairs = (f"{json.dumps(key)} = {toml_value(inner)}" for key, inner in value.items())
        return "{ " + ", ".join(pairs) + " }"
    return str(value)  # int, or a date in ISO form


def toml_document(source, arrays) -> str:
    def body(table) -> list[str]:
        return [
            f"{json.dumps(key, ensure_ascii=False)} = {toml_value(value)}"
            for key, value in table.items()
        ]

    lines = ["[source]", *body(source)] if source is not None else []
    for name, entries in arrays.items():
        for entry in entries:
            lines += ["", f"[[{name}]]", *body(entry)]
    return "\n".join(lines) + "\n"


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(catalogues())
def test_generated_catalogues_raise_only_catalogue_error(catalogue_copy, catalogue):
    path = catalogue_copy(toml_document(*catalogue))
    try:
        load_catalogue(path)
    except CatalogueError as error:
        assert_well_formed(error, path)


COMMANDS = [
    ["list"],
    ["show", "wang-ming"],
    ["experts"],
    ["figures"],
    ["verify"],
    ["validate"],
    ["search", "集群"],
    ["matrix"],
    ["graph"],
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mutations(), st.sampled_from(COMMANDS))
def test_commands_on_mutated_catalogues_end_with_a_message_and_an_exit_code(
    catalogue_copy, edits, command
):
    path = catalogue_copy(mutate(TEXT, edits))
    result = CliRunner().invoke(app, ["--catalogue", str(path), *command])
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    if result.exit_code == 1 and command != ["verify"]:
        assert result.stderr.startswith(str(path)) or result.stdout.startswith(str(path))


SOURCE = "".join(CATALOGUE.source_text.split())
# Stretches of the source found there once only, so each has one place, known independently.
ONCE = [
    (start, length)
    for length in (2, 5, 9, 14, 23)
    for start in range(len(SOURCE) - length + 1)
    if SOURCE.count(SOURCE[start : start + length]) == 1
]
ITEM_IDS = [item.id for item in CATALOGUE.items]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(ONCE), min_size=len(ITEM_IDS), max_size=len(ITEM_IDS)))
def test_every_item_whose_quote_overlaps_another_is_reported_or_named(catalogue_copy, spans):
    text = TEXT
    for id, (start, length) in zip(ITEM_IDS, spans):
        line = text.index("\nquote = ", text.index(f'\nid = "{id}"')) + 1
        quote = f'quote = "{SOURCE[start : start + length]}"'
        text = text[:line] + quote + text[text.index("\n", line) :]
    place = dict(zip(ITEM_IDS, spans))
    # the independent reader: every pair of items, compared character by character
    overlapping = {
        frozenset((a, b))
        for a in ITEM_IDS
        for b in ITEM_IDS
        if a < b and set(range(place[a][0], sum(place[a]))) & set(range(place[b][0], sum(place[b])))
    }
    try:
        load_catalogue(catalogue_copy(text))
        reported = set()
    except CatalogueError as error:
        named = re.compile(r"proposals\[\d+\] '([a-z0-9-]+)'")
        reported = {
            frozenset(named.findall(problem.item + problem.message)) for problem in error.problems
        }
    assert reported <= overlapping
    assert set().union(*reported) == set().union(*overlapping)
