import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jjj_cli.catalogue import CatalogueError, load_catalogue
from jjj_cli.query import Kind, Selection, select_items

from .paths import MINI

CATALOGUE = load_catalogue(MINI)
TEXT = MINI.read_text(encoding="utf-8")
VALUE_LINES = [n for n, line in enumerate(TEXT.splitlines()) if re.match(r"\w+ = ", line)]


def subsets(records):
    return st.frozensets(st.sampled_from(sorted(record.id for record in records)), max_size=3)


def selections():
    return st.builds(
        Selection,
        experts=subsets(CATALOGUE.experts),
        themes=subsets(CATALOGUE.themes),
        regions=subsets(CATALOGUE.regions),
        kind=st.sampled_from(list(Kind)),
    )


def ids(selection: Selection) -> set[str]:
    return {item.id for item in select_items(CATALOGUE, selection)}


@given(selections(), subsets(CATALOGUE.themes), subsets(CATALOGUE.regions))
def test_union_within_a_flag(selection, themes, regions):
    for field, extra in (("themes", themes), ("regions", regions)):
        current = getattr(selection, field)
        if not current or not extra:
            continue  # an empty filter means "no filter", not "nothing"
        union = Selection(**{**vars(selection), field: current | extra})
        alone = Selection(**{**vars(selection), field: extra})
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
            ['"', "[", "]]", "=", "\n", "[[proposals]]\n", "#", "\\", "{", "\x00", "é"]
        ),
    )
    swap = st.tuples(
        st.just("swap"),
        st.sampled_from(VALUE_LINES),
        st.sampled_from(['1', '-3', '"x"', '""', "[]", '["nope"]', "true", "{}", "1.5", "nan",
                         "1979-05-27", '[{ id = "x" }]']),
    )
    return st.lists(st.one_of(deletion, insertion, swap), min_size=1, max_size=4)


def mutate(text: str, edits) -> str:
    for edit in edits:
        if edit[0] == "delete":
            _, at, length = edit
            text = text[:at] + text[at + length:]
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
        assert error.problems
        assert all(str(problem).startswith(str(path)) for problem in error.problems)
