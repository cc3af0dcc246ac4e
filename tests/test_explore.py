"""Cross-referencing: matrix, related, compare, search, source and graph, on the small fixture
(exact answers worked out by hand) and on the shipped catalogue (laws that must always hold)."""

import re

import pydot
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jjj_cli.catalogue import load_catalogue, normalise
from jjj_cli.explore import (
    TooFewExperts,
    compare,
    experts_compared,
    matrix,
    related,
    search,
    source_context,
)
from jjj_cli.query import Facet, Kind, Selection, select_items

from .invoke import jjj, ok_json, written
from .paths import MINI, SHIPPED

SHIPPED_CATALOGUE = load_catalogue(SHIPPED)


def listed(*filters: str, catalogue=MINI) -> list[dict]:
    return ok_json("list", "--kind", "all", *filters, catalogue=catalogue)


# --- matrix --------------------------------------------------------------------------------


def test_matrix_tsv_counts_distinct_items_in_totals():
    result = jjj("matrix", "--kind", "all")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "expert\\theme\tclusters\tinnovation\ttransport\tfree-trade\tchains\tintegration\ttotal",
        "wang-ming\t1\t2\t0\t0\t0\t0\t3",
        "li-hua\t1\t0\t2\t1\t0\t0\t4",
        # zhang-chain-gap is on two themes but is one item in the row total
        "zhang-wei\t1\t1\t0\t0\t1\t1\t3",
        "total\t3\t3\t2\t1\t1\t1\t10",
    ]


def test_matrix_totals_leave_out_items_in_no_cell():
    # li-transport-backbone and zhang-chain-gap name no place: in no cell of a region matrix,
    # so in no total either, though `list --expert` counts them
    result = jjj("matrix", "--rows", "region", "--cols", "expert", "--kind", "all")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "region\\expert\twang-ming\tli-hua\tzhang-wei\ttotal"
    assert result.stdout.splitlines()[-1] == "total\t3\t3\t2\t8"
    assert len(listed("--expert", "li-hua")) == 4


def test_matrix_json_cells_count_regions_with_their_descendants():
    cells = ok_json("matrix", "--rows", "region", "--cols", "expert")
    nonzero = {(c["row"], c["col"]): c["ids"] for c in cells if c["count"]}
    assert nonzero == {
        ("jingjinji", "wang-ming"): [
            "wang-world-class-clusters",
            "wang-research-to-hebei",
            "wang-xiongan-innovation",
        ],
        ("jingjinji", "li-hua"): ["li-intercity-rail", "li-linked-ftzs"],
        ("jingjinji", "zhang-wei"): ["zhang-leading-firms-xiongan"],
        ("beijing", "wang-ming"): ["wang-research-to-hebei"],
        ("beijing", "li-hua"): ["li-intercity-rail"],
        ("hebei", "wang-ming"): ["wang-research-to-hebei", "wang-xiongan-innovation"],
        ("hebei", "li-hua"): ["li-intercity-rail"],
        ("hebei", "zhang-wei"): ["zhang-leading-firms-xiongan"],
        ("xiongan", "wang-ming"): ["wang-xiongan-innovation"],
        ("xiongan", "zhang-wei"): ["zhang-leading-firms-xiongan"],
        ("airport-zone", "li-hua"): ["li-intercity-rail"],
    }
    assert all(c["count"] == len(c["ids"]) for c in cells)


def test_matrix_cells_equal_list_with_the_same_two_filters():
    cells = ok_json("matrix", "--rows", "theme", "--cols", "region", "--kind", "all")
    for cell in cells:
        listed = ok_json("list", "--theme", cell["row"], "--region", cell["col"], "--kind", "all")
        assert cell["ids"] == [item["id"] for item in listed], cell


def _ancestors_or_self(catalogue, region_id):
    """Walk the tree upwards: an oracle written apart from query.descendants."""
    seen, pending = set(), [region_id]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        region = catalogue.by_id[current]
        pending += [p for p in (region.parent, *region.also_within) if p]
    return seen


def _tags(catalogue, item, facet):
    if facet is Facet.expert:
        return {item.expert}
    if facet is Facet.theme:
        return set(item.themes)
    if facet is Facet.source:
        return {item.source}
    return set().union(*(_ancestors_or_self(catalogue, r) for r in item.regions))


@pytest.mark.parametrize("rows, cols", [(r, c) for r in Facet for c in Facet if r is not c])
def test_shipped_matrix_agrees_with_a_direct_count(rows, cols):
    catalogue = SHIPPED_CATALOGUE
    result = matrix(catalogue, rows, cols, Selection(kind=Kind.all))
    for cell in result.cells:
        expected = [
            item.id
            for item in catalogue.items
            if cell.row in _tags(catalogue, item, rows) and cell.col in _tags(catalogue, item, cols)
        ]
        assert list(cell.items) == expected, (cell.row, cell.col)


@st.composite
def selections(draw, catalogue=SHIPPED_CATALOGUE):
    def some(records):
        # an id the catalogue does not have, as the library may be given, leaves no value
        ids = [r.id for r in records] + ["not-there"]
        return frozenset(draw(st.lists(st.sampled_from(ids), max_size=3)))

    return Selection(
        experts=some(catalogue.experts),
        themes=some(catalogue.themes),
        regions=some(catalogue.regions),
        kind=draw(st.sampled_from(list(Kind))),
        sources=some(catalogue.sources),
    )


@settings(max_examples=150, deadline=None)
@given(
    pair=st.sampled_from([(r, c) for r in Facet for c in Facet if r is not c]),
    selection=selections(),
)
def test_the_matrix_counted_in_one_pass_is_list_asked_for_each_cell(pair, selection):
    # the one pass over the items (the default) against `list`'s selection asked for every
    # cell and total, as the compiled catalogue's SQL is asked
    rows, cols = pair
    catalogue = SHIPPED_CATALOGUE

    def listed(selection):
        return [item.id for item in select_items(catalogue, selection)]

    assert matrix(catalogue, rows, cols, selection) == matrix(
        catalogue, rows, cols, selection, listed
    )


def test_matrix_with_the_same_facet_twice_is_a_usage_error():
    result = jjj("matrix", "--rows", "theme", "--cols", "theme")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: rows and columns are both 'theme'; choose two different facets\n"
    )


# --- related -------------------------------------------------------------------------------


def test_related_puts_curated_links_first():
    rows = ok_json("related", "wang-xiongan-innovation")
    assert rows[0]["id"] == "zhang-leading-firms-xiongan"
    assert rows[0]["relation"] == "echoes"
    assert rows[0]["reason"].startswith("curated: echoes")
    computed = rows[1:]
    assert all(row["relation"] is None for row in computed)
    assert [row["score"] for row in computed] == sorted(
        (row["score"] for row in computed), reverse=True
    )
    # the one other item on the theme of innovation ranks first of the computed ones
    assert computed[0]["id"] == "zhang-chain-gap"
    assert computed[0]["reason"].startswith("themes innovation")


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([item.id for item in SHIPPED_CATALOGUE.items]))
def test_related_never_returns_the_item_or_its_own_expert(item_id):
    item = SHIPPED_CATALOGUE.by_id[item_id]
    relations = related(SHIPPED_CATALOGUE, item_id, limit=50)
    assert item_id not in [r.item.id for r in relations]
    assert all(r.item.expert != item.expert for r in relations)
    curated = [link.id for link in item.related]
    assert [r.item.id for r in relations[: len(curated)]] == curated
    assert all(r.score > 0 for r in relations[len(curated) :])


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 5, 6])
def test_related_limit_is_at_most_that_many_curated_links_first(limit):
    # cong-beijing-edge-untapped has four curated links, in this order in the catalogue
    curated = [
        "ye-innovation-gap",
        "ye-weak-technology-transfer",
        "ye-uneven-products",
        "ye-traditional-industry",
    ]
    rows = ok_json(
        "related", "cong-beijing-edge-untapped", "--limit", str(limit), catalogue=SHIPPED
    )
    assert len(rows) == limit
    assert [row["id"] for row in rows[:4]] == curated[:limit]
    assert all(row["relation"] is None for row in rows[4:])


def test_compare_related_and_source_take_names_as_show_does():
    by_id = ok_json("compare", "wang-ming", "zhang-wei", "--theme", "clusters")
    assert ok_json("compare", "王明", "Zhang Wei", "--theme", "集群") == by_id
    item = "wang-research-to-hebei"
    for command in ("related", "source"):
        assert ok_json(command, item.upper()) == ok_json(command, item)


def test_related_on_something_that_is_not_an_item_is_a_usage_error():
    result = jjj("related", "wang-ming")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: 'wang-ming' is an expert, not an item\n"


# --- compare -------------------------------------------------------------------------------


def test_compare_marks_convergence_and_lone_voices():
    rows = ok_json("compare", "wang-ming", "zhang-wei", "--kind", "all")
    by_theme = {row["theme"]: row for row in rows}
    assert by_theme["clusters"]["experts"] == {
        "wang-ming": ["wang-world-class-clusters"],
        "zhang-wei": ["zhang-leading-firms-xiongan"],
    }
    assert by_theme["clusters"]["status"] == "shared"
    assert by_theme["innovation"]["status"] == "shared"
    assert by_theme["chains"]["status"] == "only"
    assert by_theme["transport"] == {
        "theme": "transport",
        "name": "Transport links",
        "name_zh": "交通互联",
        "status": "none",
        "experts": {"wang-ming": [], "zhang-wei": []},
        "links": [],
    }


def test_compare_converges_where_linked_items_share_a_theme():
    rows = ok_json("compare", "zhao-hong", "ye-tanglin", "--theme", "chains", catalogue=SHIPPED)
    assert [row["theme"] for row in rows] == ["chains"]
    assert rows[0]["status"] == "converge"
    assert {
        "from": "zhao-dual-chain-interaction",
        "to": "ye-chain-integration",
        "relation": "echoes",
    } in rows[0]["links"]


def test_compare_needs_two_experts():
    for names in (["wang-ming"], ["wang-ming", "王明"]):
        result = jjj("compare", *names)
        assert (result.exit_code, result.stdout) == (2, "")
        assert "Invalid value for EXPERTS: name at least two different experts" in result.stderr
    unknown = jjj("compare", "wang-ming", "zhang-wie")
    assert (unknown.exit_code, unknown.stdout) == (2, "")
    assert unknown.stderr == "Error: unknown expert 'zhang-wie'. Did you mean: zhang-wei?\n"


def test_compare_takes_names_and_counts_each_expert_once():
    mini = load_catalogue(MINI)
    assert experts_compared(mini, ["王明", "wang-ming", "Zhang Wei"]) == ("wang-ming", "zhang-wei")
    # a comma list names its experts in id order, then the next name is added after them
    assert experts_compared(mini, ["zhang-wei，王明", "li-hua"]) == (
        "wang-ming",
        "zhang-wei",
        "li-hua",
    )
    with pytest.raises(TooFewExperts, match="^name at least two different experts$"):
        experts_compared(mini, ["wang-ming", "Wang Ming", "王明"])
    comparisons = compare(mini, ["王明", "wang-ming", "张伟"], Selection(kind=Kind.proposal))
    assert comparisons
    assert all(list(theme.items) == ["wang-ming", "zhang-wei"] for theme in comparisons)


# --- search --------------------------------------------------------------------------------


def test_search_english_is_word_based_and_finds_chinese_items_through_summaries():
    hits = ok_json("search", "free trade port", catalogue=SHIPPED)
    assert hits[0]["id"] == "zhao-free-trade-port"
    assert hits[0]["field"] == "title"
    assert ok_json("search", "FREE Trade PORT", catalogue=SHIPPED) == hits
    # words match the start of a word: 'cluster' finds 'clusters', 'luster' does not
    assert ok_json("search", "cluster", catalogue=SHIPPED)
    assert ok_json("search", "luster", catalogue=SHIPPED) == []


def test_search_chinese_matches_substrings_even_with_layout_spaces():
    assert ok_json("search", "自由贸易港", catalogue=SHIPPED)[0]["id"] == "zhao-free-trade-port"
    assert ok_json("search", "自由 贸易港", catalogue=SHIPPED) == ok_json(
        "search", "自由贸易港", catalogue=SHIPPED
    )


def test_search_ranks_title_before_summary_before_quote():
    hits = ok_json("search", "雄安", "--kind", "all", catalogue=SHIPPED)
    order = {"title": 0, "title_zh": 0, "summary": 1, "summary_zh": 1, "quote": 2}
    ranks = [order.get(hit["field"], 3) for hit in hits]
    assert ranks == sorted(ranks)
    assert {"zhao-key-projects", "zhao-platform-progress"} <= {hit["id"] for hit in hits}
    # its own text does not name 雄安; one of its regions, 雄安新区, does
    assert hits[-1]["id"] == "zhao-transport-park-chains"
    assert hits[-1]["field"] == "region"


def ids(records: list[dict]) -> list[str]:
    return [record["id"] for record in records]


def test_search_puts_the_item_on_technology_transfer_first():
    hits = ok_json("search", "technology transfer", "--kind", "all", catalogue=SHIPPED)
    # both words stand in the name of the theme 'Technology innovation and transfer'
    assert set(ids(hits)) == set(ids(listed("--theme", "innovation", catalogue=SHIPPED)))
    # the one item whose own text holds both: 'transferring … Beijing's technology'
    assert (hits[0]["id"], hits[0]["field"]) == ("ye-weak-technology-transfer", "summary")
    labels = {hit["id"]: hit["field"] for hit in hits}
    # 'technology' in their titles, but the whole query only in their theme's name
    assert labels["cong-beijing-edge-untapped"] == "theme"
    assert labels["zhao-beijing-green-lead"] == "theme"
    assert set(labels.values()) == {"summary", "theme"}


def test_a_quoted_phrase_matches_only_where_its_words_stand_together():
    phrase = ids(ok_json("search", '"industrial transfer"', "--kind", "all", catalogue=SHIPPED))
    # the names of two themes hold the phrase: 'Relocation and industrial transfer' and
    # '"2+4+N" platforms for industrial transfer and reception'
    tagged = ids(listed("--theme", "relocation,platforms", catalogue=SHIPPED))
    assert set(phrase) == set(tagged)
    # and one summary: 'Key Platforms for Industrial Transfer and Reception', ranked first
    assert phrase[0] == "zhao-2017-platform-opinions"
    words = ids(ok_json("search", "industrial transfer", "--kind", "all", catalogue=SHIPPED))
    # 'industrial base' and 'transferring' in one summary, apart
    assert "ye-weak-technology-transfer" in set(words) - set(phrase)
    # the words together rank above the words apart
    assert set(words[: len(phrase)]) == set(phrase)
    assert ok_json("search", '"transfer industrial"', "--kind", "all", catalogue=SHIPPED) == []


def test_words_together_and_in_order_rank_above_words_apart():
    in_order = ok_json("search", "innovation chains", "--kind", "all", catalogue=SHIPPED)
    reversed_ = ok_json("search", "chains innovation", "--kind", "all", catalogue=SHIPPED)
    assert set(ids(in_order)) == set(ids(reversed_))
    # '… industrial and innovation chains …' in these two titles; the others have both words
    # in their title apart, or in another field
    together = {"ye-unbalanced-structure", "ye-chain-integration"}
    assert set(ids(in_order[:2])) == together
    assert {hit["field"] for hit in in_order[:2]} == {"title"}
    assert not together & set(ids(reversed_[:2]))


def test_a_quoted_chinese_phrase_is_a_substring_as_unquoted():
    unquoted = ok_json("search", "自由贸易港", "--kind", "all", catalogue=SHIPPED)
    assert ok_json("search", '"自由贸易港"', "--kind", "all", catalogue=SHIPPED) == unquoted
    assert ok_json("search", '"自由 贸易港"', "--kind", "all", catalogue=SHIPPED) == unquoted


def test_a_name_is_its_own_field_and_the_score_says_how_it_matched():
    hits = ok_json("search", "叶堂林", "--kind", "all", catalogue=SHIPPED)
    assert set(ids(hits)) == set(ids(listed("--expert", "ye-tanglin", catalogue=SHIPPED)))
    assert {hit["field"] for hit in hits} == {"expert"}
    # the whole query (300) in a name (10), and in no other field (1)
    assert {hit["score"] for hit in hits} == {311}


def test_search_respects_filters():
    hits = ok_json(
        "search", "产业", "--expert", "ye-tanglin", "--kind", "finding", catalogue=SHIPPED
    )
    assert hits
    assert {(hit["expert"], hit["kind"]) for hit in hits} == {("ye-tanglin", "finding")}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_search_recall_on_any_piece_of_a_quote(data):
    item = data.draw(st.sampled_from(SHIPPED_CATALOGUE.items))
    quote = normalise(item.quote)
    start = data.draw(st.integers(0, len(quote) - 3))
    piece = quote[start : start + data.draw(st.integers(2, 6))]
    if not re.search(r"[\u4e00-\u9fff]", piece):
        return
    found = search(SHIPPED_CATALOGUE, piece, Selection(kind=Kind.all))
    assert item.id in [hit.item.id for hit in found]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SHIPPED_CATALOGUE.items))
def test_search_recall_on_the_words_of_an_english_title(item):
    found = search(SHIPPED_CATALOGUE, item.title, Selection(kind=Kind.all))
    assert item.id in [hit.item.id for hit in found]


def test_search_without_hits_is_not_an_error():
    assert ok_json("search", "atlantis") == []
    result = jjj("search", "atlantis")  # in a pipe: the header alone, as list gives
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "id\texpert\tfield\tscore\ttitle\tmatch\n"
    # on a terminal: say so
    result = written("--catalogue", str(MINI), "search", "atlantis", width=100)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "No items match 'atlantis'.\n"


def test_search_takes_its_words_quoted_or_not():
    assert ok_json("search", "free", "trade", "zones", "--kind", "all") == ok_json(
        "search", "free trade zones", "--kind", "all"
    )
    assert ok_json("search", "自由", "贸易港") == ok_json("search", "自由贸易港")


@pytest.mark.parametrize("query", ["", "  ", '""', "，。"])
def test_search_for_nothing_is_a_usage_error(query):
    result = jjj("search", query)
    assert (result.exit_code, result.stdout) == (2, "")
    assert "give a word or a Chinese string to search for" in result.stderr


def test_words_joined_by_punctuation_match_side_by_side():
    # R&D is one term, not the words 'r' and 'd' anywhere ('regional development')
    hits = ok_json("search", "R&D", "--kind", "all", catalogue=SHIPPED)
    assert {hit["id"] for hit in hits} == {
        item["id"]
        for item in listed(catalogue=SHIPPED)
        if any("R&D" in item[field] for field in ("title", "summary", "quote"))
    }
    assert hits


# --- source --------------------------------------------------------------------------------


def test_source_json_places_the_quote_in_its_sentences_and_lines():
    context = ok_json("source", "zhao-free-trade-port", catalogue=SHIPPED)
    assert context["quote"] == normalise(SHIPPED_CATALOGUE.by_id["zhao-free-trade-port"].quote)
    assert context["context"] == context["before"] + context["quote"] + context["after"]
    assert context["before"].startswith("一是积极争取")
    assert context["after"].startswith("同时，要深化三地空铁联运")
    assert (context["line_start"], context["line_end"]) == (316, 320)


@pytest.mark.parametrize(
    "item", SHIPPED_CATALOGUE.items + SHIPPED_CATALOGUE.figures, ids=lambda record: record.id
)
def test_every_quote_is_found_in_its_context_and_its_lines(item):
    context = source_context(SHIPPED_CATALOGUE, item.id)
    assert normalise(item.quote) in context.context
    lines = SHIPPED_CATALOGUE.source_text.splitlines()[context.line_start - 1 : context.line_end]
    assert normalise(item.quote) in normalise("".join(lines))


def test_source_plain_marks_the_quote():
    result = jjj("source", "li-linked-ftzs")
    assert result.exit_code == 0, result.output
    place, body = result.stdout.splitlines()
    assert re.fullmatch(r"¶\d+, sentences? [\d–]+\tsources/mini\.zh\.txt:\d+-\d+", place)
    assert "【自贸试验区应当联动发展，三地的自贸试验区可以共同探索制度创新。】" in body


# --- graph ---------------------------------------------------------------------------------


def test_dot_parses_and_weights_are_item_counts():
    result = jjj("graph", "--format", "dot", "--kind", "all")
    assert result.exit_code == 0, result.output
    (graph,) = pydot.graph_from_dot_data(result.stdout)
    weights = {
        (edge.get_source().strip('"'), edge.get_destination().strip('"')): int(edge.get("weight"))
        for edge in graph.get_edges()
    }
    assert weights[("wang-ming", "innovation")] == 2
    assert weights[("li-hua", "transport")] == 2
    assert weights[("innovation", "xiongan")] == 1
    assert weights[("zhang-wei", "jingjinji")] == 1
    catalogue = load_catalogue(MINI)
    experts = {expert.id for expert in catalogue.experts}
    themes = {theme.id for theme in catalogue.themes}
    expert_theme = sum(w for (a, b), w in weights.items() if a in experts and b in themes)
    assert expert_theme == sum(len(item.themes) for item in catalogue.items)


def test_shipped_dot_parses():
    result = jjj("graph", catalogue=SHIPPED)
    assert result.exit_code == 0, result.output
    (graph,) = pydot.graph_from_dot_data(result.stdout)
    assert len(graph.get_nodes()) > 20


def test_mermaid_is_a_flowchart_with_safe_ids_and_quoted_labels():
    result = jjj("graph", "--format", "mermaid", "--kind", "all")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "flowchart LR"
    node = re.compile(r'  (n\d+)(\["[^"]*"\]|\(\["[^"]*"\]\)|\[/"[^"]*"/\])')
    edge = re.compile(r"  (n\d+) ---\|(\d+)\| (n\d+)")
    nodes = [node.fullmatch(line) for line in lines[1:] if not edge.fullmatch(line)]
    assert all(nodes), [line for line, match in zip(lines[1:], nodes) if not match]
    ids = {match.group(1) for match in nodes}
    edges = [edge.fullmatch(line) for line in lines[1:] if edge.fullmatch(line)]
    assert edges and all(m.group(1) in ids and m.group(3) in ids for m in edges)


def test_graph_labels_are_escaped(catalogue_copy):
    text = MINI.read_text(encoding="utf-8").replace(
        'name = "Wang Ming"', 'name = "Wang \\"Ming\\" <b>#1</b>"'
    )
    path = catalogue_copy(text)
    dot = jjj("graph", catalogue=path).stdout
    (graph,) = pydot.graph_from_dot_data(dot)
    labels = [node.get("label") for node in graph.get_nodes() if node.get_name() == '"wang-ming"']
    assert labels == ['"Wang \\"Ming\\" <b>#1</b> 王明"']
    mermaid = jjj("graph", "--format", "mermaid", catalogue=path).stdout
    assert 'n0["Wang #quot;Ming#quot; #lt;b#gt;#35;1#lt;/b#gt; 王明"]' in mermaid


@pytest.mark.parametrize(
    ("lang", "wang_ming", "innovation"),
    [
        (None, "Wang Ming 王明", "Technology innovation 科技创新"),
        ("en", "Wang Ming", "Technology innovation"),
        ("zh", "王明", "科技创新"),
    ],
)
def test_graph_labels_follow_lang(lang, wang_ming, innovation):
    args = ["--lang", lang] if lang else []
    dot = jjj("graph", *args).stdout
    (graph,) = pydot.graph_from_dot_data(dot)
    labels = {node.get_name().strip('"'): node.get("label") for node in graph.get_nodes()}
    assert (labels["wang-ming"], labels["innovation"]) == (f'"{wang_ming}"', f'"{innovation}"')
    mermaid = jjj("graph", "--format", "mermaid", *args).stdout
    assert f'["{wang_ming}"]' in mermaid and f'(["{innovation}"])' in mermaid


# --- facets within filters -----------------------------------------------------------------


def test_facet_counts_within_filters_equal_list():
    rows = ok_json("themes", "--expert", "zhao-hong", catalogue=SHIPPED)
    counts = {row["id"]: row["count"] for row in rows}
    for theme, count in counts.items():
        listed = ok_json("list", "--theme", theme, "--expert", "zhao-hong", catalogue=SHIPPED)
        assert count == len(listed), theme


def test_a_facet_filter_on_its_own_facet_picks_the_rows():
    rows = ok_json("experts", "--expert", "li-hua,zhang-wei", "--kind", "all")
    assert [(row["id"], row["count"]) for row in rows] == [("li-hua", 4), ("zhang-wei", 3)]


def test_a_search_match_is_cut_between_words():
    # the TSV match column: the matched field cut around the matches, never inside a word
    result = jjj("search", "technology", catalogue=SHIPPED)
    assert result.exit_code == 0, result.output
    hits = ok_json("search", "technology", catalogue=SHIPPED)
    rows = [line.split("\t") for line in result.stdout.splitlines()[1:]]
    cut = 0
    for hit, row in zip(hits, rows):
        text = hit.get(hit["field"])
        if not isinstance(text, str):  # the names of themes and regions: no field of the item
            continue
        match = row[-1]
        inner = match.strip("…")
        start = text.index(inner)
        end = start + len(inner)
        cut += match != inner
        assert start == 0 or not (text[start - 1].isalnum() and text[start].isalnum()), match
        assert end == len(text) or not (text[end - 1].isalnum() and text[end].isalnum()), match
    assert cut  # some matches were cut, so the test can fail


def test_dot_exactly_for_a_fictional_graph():
    from jjj_cli.explore.network import Edge, Graph, Node
    from jjj_cli.render.explore import graph_dot
    from jjj_cli.render.output import Lang

    nodes = (
        Node("fict-a", "expert", "Ann Fict", "安虚构"),
        Node("fict-t", "theme", "Fictional theme", "虚构主题"),
        Node("fict-r", "region", "Fictional region", "虚构地区"),
    )
    edges = (Edge("fict-a", "fict-t", 3), Edge("fict-a", "fict-r", 1))
    # a pen 1 wide and a quarter more for each item shared: 1.75 for 3, 1.25 for 1
    assert graph_dot(Graph(nodes, edges), Lang.en).split("\n") == [
        "graph jjj {",
        "  layout=neato;",
        "  overlap=false;",
        '  node [fontname="sans-serif"];',
        '  "fict-a" [label="Ann Fict", shape=box];',
        '  "fict-t" [label="Fictional theme", shape=ellipse];',
        '  "fict-r" [label="Fictional region", shape=note];',
        '  "fict-a" -- "fict-t" [weight=3, penwidth=1.75, label="3"];',
        '  "fict-a" -- "fict-r" [weight=1, penwidth=1.25, label="1"];',
        "}",
    ]
