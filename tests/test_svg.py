"""The pictures, `matrix --format svg` and `graph --format svg`, read back with the standard
library's XML parser: a cell for every pair, its count the items a direct loop over the
catalogue finds; a node for every expert, theme and region in use and edges as heavy as the
items they join, counted here; the same SVG on stdout and in -o's file; hostile text kept as
text; every text readable on what it stands on (WCAG's contrast, worked out here)."""

import dataclasses
import re
import xml.etree.ElementTree as ET
from itertools import product

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from jjj_cli.catalogue import load_catalogue
from jjj_cli.explore import Edge, Graph, Node, graph, matrix
from jjj_cli.explore.tabulate import Cell, Matrix
from jjj_cli.query import Facet, Kind, Selection
from jjj_cli.render.output import Lang
from jjj_cli.render.pictures import heatmap, network

from . import independent
from .invoke import jjj
from .paths import DATA, MINI, SHIPPED

SVG = "{http://www.w3.org/2000/svg}"
CATALOGUES = {"mini": load_catalogue(MINI), "shipped": load_catalogue(SHIPPED)}
PATHS = {"mini": MINI, "shipped": SHIPPED}


def parsed(result) -> ET.Element:
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.stdout)
    assert root.tag == f"{SVG}svg"
    return root


def local(tag: str) -> str:
    return tag.removeprefix(SVG)


def title_of(element: ET.Element) -> str:
    (title,) = element.findall(f"{SVG}title")
    return title.text or ""


# --- what the catalogue holds, counted here --------------------------------------------------


def region_and_above(catalogue, region: str) -> set[str]:
    """A region and every region it lies in, up the tree (parents and also_within)."""
    found, pending = set(), [region]
    while pending:
        current = pending.pop()
        if current not in found:
            found.add(current)
            record = next(r for r in catalogue.regions if r.id == current)
            pending += [up for up in (record.parent, *record.also_within) if up]
    return found


def values(catalogue, item, facet: str) -> set[str]:
    """The facet's values an item counts for: a region with every region above it."""
    if facet == "expert":
        return {item.expert}
    if facet == "theme":
        return set(item.themes)
    if facet == "source":
        return {item.source}
    return set().union(*(region_and_above(catalogue, region) for region in item.regions))


def records(catalogue, facet: str):
    return {
        "expert": catalogue.experts,
        "theme": catalogue.themes,
        "region": catalogue.regions,
        "source": catalogue.sources,
    }[facet]


def name(record, lang: str) -> str:
    if hasattr(record, "title_en"):  # a source
        return record.title if lang == "zh" else record.title_en
    return record.name_zh if lang == "zh" else record.name


# --- the heat map --------------------------------------------------------------------------


def cells(root: ET.Element) -> dict[tuple[str, str], ET.Element]:
    rects = [rect for rect in root.iter(f"{SVG}rect") if "data-row" in rect.attrib]
    found = {(rect.get("data-row"), rect.get("data-col")): rect for rect in rects}
    assert len(found) == len(rects), "a pair drawn twice"
    return found


@pytest.mark.parametrize(
    "which, rows, cols, kind, filters",
    [
        ("mini", "expert", "theme", "all", []),
        ("mini", "region", "expert", "proposal", []),
        ("mini", "theme", "region", "all", ["--expert", "li-hua,zhang-wei"]),
        ("shipped", "expert", "theme", "proposal", []),
        ("shipped", "region", "theme", "proposal", []),
        ("shipped", "theme", "source", "finding", ["--region", "hebei"]),
        ("shipped", "region", "expert", "all", ["--theme", "clusters"]),
    ],
)
def test_a_cell_for_every_pair_with_the_count_of_its_items(which, rows, cols, kind, filters):
    catalogue = CATALOGUES[which]
    args = ["matrix", "--format", "svg", "--rows", rows, "--cols", cols, "--kind", kind]
    root = parsed(jjj(*args, *filters, catalogue=PATHS[which]))
    # the filters, as the test reads them: at most one facet's, with its values
    facet = filters[0].removeprefix("--") if filters else None
    wanted = set(filters[1].split(",")) if filters else set()
    chosen = [
        item
        for item in catalogue.items
        if kind in ("all", item.kind) and (not facet or values(catalogue, item, facet) & wanted)
    ]
    row_ids = [r.id for r in records(catalogue, rows) if facet != rows or r.id in wanted]
    col_ids = [c.id for c in records(catalogue, cols) if facet != cols or c.id in wanted]
    drawn = cells(root)
    assert set(drawn) == set(product(row_ids, col_ids))
    groups = {id(rect): group for group in root.iter(f"{SVG}g") for rect in group}
    for (row, col), rect in drawn.items():
        count = sum(
            1
            for item in chosen
            if row in values(catalogue, item, rows) and col in values(catalogue, item, cols)
        )
        assert rect.get("data-count") == str(count), (row, col)
        (mark,) = groups[id(rect)].findall(f"{SVG}text")
        assert mark.text == (str(count) if count else "–"), (row, col)
        assert re.fullmatch(rf".+ × .+: {count} [a-z]+s?", title_of(rect)), title_of(rect)


def test_the_cells_titles_name_the_pair_and_the_items_in_the_language_asked():
    catalogue = CATALOGUES["mini"]
    en = cells(parsed(jjj("matrix", "--format", "svg", "--kind", "all")))
    zh = cells(parsed(jjj("matrix", "--format", "svg", "--lang", "zh")))
    # Wang Ming has 2 items on innovation (both proposals), Zhang Wei 1 (a finding)
    assert title_of(en["wang-ming", "innovation"]) == "Wang Ming × Technology innovation: 2 items"
    assert title_of(en["zhang-wei", "chains"]) == (
        "Zhang Wei × Industrial and innovation chains: 1 item"
    )
    assert title_of(zh["wang-ming", "innovation"]) == "王明 × 科技创新：2 条建议"
    assert title_of(zh["zhang-wei", "chains"]) == "张伟 × 产业链与创新链：0 条建议"
    both = cells(parsed(jjj("matrix", "--format", "svg", "--lang", "zh", "--kind", "all")))
    assert title_of(both["zhang-wei", "chains"]) == "张伟 × 产业链与创新链：1 个条目"
    assert len(en) == len(catalogue.experts) * len(catalogue.themes)


def test_a_picture_of_findings_calls_them_what_the_rest_of_jjj_does():
    # 判断, as `list`'s note and every help text say, in the title, the description, the
    # legend and each cell (Zhang Wei's one finding on chains: zhang-chain-gap)
    root = parsed(jjj("matrix", "--format", "svg", "--lang", "zh", "--kind", "finding"))
    title, desc = list(root)[:2]
    assert title.text == "按专家和主题统计的判断"
    assert desc.text.startswith("热力图：每个专家与主题的组合共有多少条判断，")
    assert title_of(cells(root)["zhang-wei", "chains"]) == "张伟 × 产业链与创新链：1 条判断"
    assert "每格判断数" in [text.text for text in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rows_and_columns_are_labelled_with_names_ids_in_data(lang):
    catalogue = CATALOGUES["mini"]
    root = parsed(jjj("matrix", "--format", "svg", "--rows", "region", "--lang", lang))
    labels = {text.get("data-id"): text.text for text in root.iter(f"{SVG}text")}
    for record in (*catalogue.regions, *catalogue.themes):
        assert labels[record.id] == name(record, lang)


def test_the_root_says_what_the_picture_is_and_what_it_shows():
    root = parsed(jjj("matrix", "--format", "svg", "--theme", "chains,ftz", "--region", "hebei"))
    assert root.get("role") == "img"
    numbers = [float(n) for n in root.get("viewBox").split()]
    assert numbers == [0, 0, float(root.get("width")), float(root.get("height"))]
    title, desc = list(root)[:2]
    assert (local(title.tag), local(desc.tag)) == ("title", "desc")
    assert title.text == "Proposals by expert and theme"
    # the filters, named, in the catalogue's order
    assert "Free-trade zones, Industrial and innovation chains" in desc.text
    assert "region: Hebei" in desc.text
    family = [face.strip(" '") for face in root.get("font-family").split(",")]
    assert family[-1] == "sans-serif"
    assert {"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC"} <= set(family)


def labelled_width(tmp_path, name_zh: str) -> float:
    """The heat map's width in Chinese, Wang Ming's Chinese name being `name_zh`."""
    folder = tmp_path / str(len(list(tmp_path.iterdir())))
    (folder / "sources").mkdir(parents=True)
    source = MINI.parent / "sources" / "mini.zh.txt"
    (folder / "sources" / "mini.zh.txt").write_bytes(source.read_bytes())
    text = MINI.read_text(encoding="utf-8").replace('name_zh = "王明"', f'name_zh = "{name_zh}"')
    (folder / "mini.toml").write_text(text, encoding="utf-8")
    result = jjj("matrix", "--format", "svg", "--lang", "zh", catalogue=folder / "mini.toml")
    return float(parsed(result).get("width"))


def test_the_width_follows_the_labels_a_chinese_character_counting_double(tmp_path):
    assert labelled_width(tmp_path, "王" * 30) == labelled_width(tmp_path, "n" * 60)
    assert labelled_width(tmp_path, "n" * 60) > labelled_width(tmp_path, "n" * 30)


def test_nothing_to_count_is_a_picture_that_says_so():
    root = parsed(jjj("matrix", "--format", "svg", "--kind", "finding", "--expert", "wang-ming"))
    # Wang Ming has no finding: every cell counts 0
    assert {rect.get("data-count") for rect in cells(root).values()} == {"0"}
    root = parsed(jjj("graph", "--format", "svg", "--kind", "finding", "--expert", "wang-ming"))
    assert root.findall(f".//{SVG}g[@data-id]") == []
    assert "Nothing matches these filters." in set(root.itertext())


@pytest.mark.parametrize(
    "rows, cols, lang, said",
    [
        (Facet.region, Facet.expert, Lang.en, "The catalogue has no regions."),
        (Facet.expert, Facet.region, Lang.en, "The catalogue has no regions."),
        (Facet.expert, Facet.region, Lang.zh, "目录中没有地区。"),
    ],
    ids=["rows-en", "columns-en", "columns-zh"],
)
def test_a_catalogue_without_regions_is_a_heat_map_that_says_so(rows, cols, lang, said):
    catalogue = dataclasses.replace(CATALOGUES["mini"], regions=())
    selection = Selection(kind=Kind.all)
    result = matrix(catalogue, rows, cols, selection)
    root = ET.fromstring(heatmap(catalogue, result, selection, lang))
    assert cells(root) == {}
    assert said in set(root.itertext())


# --- the network ---------------------------------------------------------------------------


def shared(catalogue, kind: str, expert: str | None = None) -> dict[tuple[str, str], int]:
    """Each expert–theme, theme–region and expert–region pair, with the items that join it."""
    weights: dict[tuple[str, str], int] = {}
    for item in catalogue.items:
        if kind not in ("all", item.kind) or expert not in (None, item.expert):
            continue
        pairs = [(item.expert, theme) for theme in item.themes]
        pairs += [(theme, region) for theme in item.themes for region in item.regions]
        pairs += [(item.expert, region) for region in item.regions]
        for pair in pairs:
            weights[pair] = weights.get(pair, 0) + 1
    return weights


def edges(root: ET.Element) -> dict[tuple[str, str], ET.Element]:
    """Every edge: a curve (a path) or, from an expert to a region, a box beside the region."""
    drawn = [e for e in root.iter() if "data-source" in e.attrib]
    assert {local(e.tag) for e in drawn} <= {"path", "rect"}
    found = {(e.get("data-source"), e.get("data-target")): e for e in drawn}
    assert len(found) == len(drawn), "an edge drawn twice"
    return found


def nodes(root: ET.Element) -> dict[str, ET.Element]:
    groups = [group for group in root.iter(f"{SVG}g") if "data-kind" in group.attrib]
    found = {group.get("data-id"): group for group in groups}
    assert len(found) == len(groups), "a node drawn twice"
    return found


@pytest.mark.parametrize(
    "which, kind, expert",
    [("mini", "all", None), ("mini", "proposal", "li-hua"), ("shipped", "proposal", None)],
)
def test_a_node_for_everything_in_use_and_edges_weighted_by_the_items_shared(which, kind, expert):
    catalogue = CATALOGUES[which]
    args = ["graph", "--format", "svg", "--kind", kind, *(["--expert", expert] if expert else [])]
    root = parsed(jjj(*args, catalogue=PATHS[which]))
    weights = shared(catalogue, kind, expert)
    drawn = edges(root)
    assert {pair: int(path.get("data-weight")) for pair, path in drawn.items()} == weights
    in_use = {end for pair in weights for end in pair}
    kinds = {
        **{e.id: "expert" for e in catalogue.experts},
        **{t.id: "theme" for t in catalogue.themes},
        **{r.id: "region" for r in catalogue.regions},
    }
    found = nodes(root)
    assert {id: group.get("data-kind") for id, group in found.items()} == {
        id: kinds[id] for id in in_use
    }
    # a curve is wider for more: its stroke grows with the weight
    curves = [e for e in drawn.values() if local(e.tag) == "path"]
    assert {pair for pair, e in drawn.items() if local(e.tag) == "rect"} == {
        (a, b) for a, b in weights if kinds[a] == "expert" and kinds[b] == "region"
    }
    strokes = sorted((int(p.get("data-weight")), float(p.get("stroke-width"))) for p in curves)
    for (light, thin), (heavy, thick) in zip(strokes, strokes[1:]):
        assert thin < thick if light < heavy else thin == thick
    noun = "item" if kind == "all" else kind
    groups = {id(rect): group for group in root.iter(f"{SVG}g") for rect in group}
    for pair, edge in drawn.items():
        count = weights[pair]
        assert title_of(edge).endswith(f": {count} {noun}{'' if count == 1 else 's'}"), pair
        if local(edge.tag) == "rect":  # its count written on it
            assert groups[id(edge)].find(f"{SVG}text").text == str(count)


def test_an_expert_has_one_colour_in_every_picture():
    def outline(group: ET.Element) -> str:
        return group.find(f"{SVG}rect").get("stroke")

    whole = parsed(jjj("graph", "--format", "svg", catalogue=SHIPPED))
    experts = [expert.id for expert in CATALOGUES["shipped"].experts]
    colours = {id: outline(nodes(whole)[id]) for id in experts}
    assert len(set(colours.values())) == len(experts)
    for id in experts:
        alone = parsed(jjj("graph", "--format", "svg", "--expert", id, catalogue=SHIPPED))
        assert outline(nodes(alone)[id]) == colours[id]
    # the boxes beside the regions are in their expert's colour
    beside = [e for e in edges(whole).values() if local(e.tag) == "rect"]
    assert beside and all(e.get("fill") == colours[e.get("data-source")] for e in beside)


def boxes(root: ET.Element, kind: str) -> list[tuple[float, float, float, float]]:
    """Each node's box of a kind: left, top, right, bottom, top to bottom."""
    found = []
    for group in nodes(root).values():
        if group.get("data-kind") == kind:
            rect = group.find(f"{SVG}rect")
            x, y = float(rect.get("x")), float(rect.get("y"))
            found.append((x, y, x + float(rect.get("width")), y + float(rect.get("height"))))
    return sorted(found, key=lambda box: box[1])


@pytest.mark.parametrize("lang", [None, "en", "zh"])
def test_the_three_columns_keep_their_labels_apart(lang):
    args = ["graph", "--format", "svg", *(["--lang", lang] if lang else [])]
    root = parsed(jjj(*args, catalogue=SHIPPED))
    size = float(root.get("font-size"))
    columns = [boxes(root, kind) for kind in ("expert", "theme", "region")]
    for column in columns:
        for (_, _, _, bottom), (_, top, _, _) in zip(column, column[1:]):
            assert top >= bottom  # no two boxes of a column overlap
        assert all(bottom - top >= size * 1.2 for _, top, _, bottom in column)  # a line fits
    for left, right in zip(columns, columns[1:]):
        assert max(box[2] for box in left) < min(box[0] for box in right)


@pytest.mark.parametrize(
    ("lang", "wang_ming", "innovation", "title"),
    [
        (
            None,
            "Wang Ming 王明",
            "Technology innovation 科技创新",
            "Wang Ming 王明 (expert, wang-ming)",
        ),
        ("en", "Wang Ming", "Technology innovation", "Wang Ming (expert, wang-ming)"),
        ("zh", "王明", "科技创新", "王明（专家，wang-ming）"),
    ],
)
def test_node_labels_follow_lang_as_the_other_formats_do(lang, wang_ming, innovation, title):
    args = ["graph", "--format", "svg", *(["--lang", lang] if lang else [])]
    found = nodes(parsed(jjj(*args)))
    assert found["wang-ming"].find(f"{SVG}text").text == wang_ming
    assert found["innovation"].find(f"{SVG}text").text == innovation
    assert title_of(found["wang-ming"]) == title


# --- the command line ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "to_file, name, to_stdout",
    [
        (["matrix", "--format", "svg", "--rows", "region"], "m.svg", []),
        (["matrix", "--rows", "region"], "m.svg", ["--format", "svg"]),  # the suffix says svg
        (["matrix", "--format", "svg", "--lang", "zh"], "matrix.picture", []),
        (["graph", "--format", "svg"], "g.svg", []),
        (["graph", "--lang", "zh"], "g.svg", ["--format", "svg"]),
        (["graph", "--format", "mermaid"], "g.mmd", []),
        (["graph"], "g.dot", []),
    ],
)
def test_the_file_holds_what_stdout_gets(tmp_path, to_file, name, to_stdout):
    target = tmp_path / name
    written = jjj(*to_file, "-o", str(target))
    assert (written.exit_code, written.stdout) == (0, ""), written.output
    # the note in the run's language: --lang zh says it in Chinese
    said = "已将" if "zh" in to_file else "Wrote the "
    assert written.stderr.startswith(said) and str(target) in written.stderr
    printed = jjj(*to_file, *to_stdout)
    assert printed.exit_code == 0, printed.output
    assert target.read_bytes() == printed.stdout_bytes


def test_svg_goes_to_a_pipe_as_it_is():
    result = jjj("matrix", "--format", "svg")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<svg xmlns=") and result.stdout.endswith("</svg>\n")
    assert result.stderr == ""


@pytest.mark.parametrize("command", ["matrix", "graph"])
def test_an_existing_file_is_replaced_only_with_force(tmp_path, command):
    target = tmp_path / "picture.svg"
    target.write_text("mine", encoding="utf-8")
    result = jjj(command, "--format", "svg", "-o", str(target))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {target} already exists; use --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "mine"
    result = jjj(command, "--format", "svg", "-o", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == jjj(command, "--format", "svg").stdout


@pytest.mark.parametrize("command", ["matrix", "graph"])
def test_the_catalogue_and_its_source_are_never_replaced(catalogue_copy, command):
    path = catalogue_copy(MINI.read_text(encoding="utf-8"))
    source = path.parent / "sources" / "mini.zh.txt"
    before = {file: file.read_bytes() for file in (path, source)}
    for target in before:
        args = [command, "--format", "svg", "-o", str(target), "--force"]
        result = jjj(*args, catalogue=path)
        assert (result.exit_code, result.stdout) == (2, ""), result.output
        assert "catalogue's own file" in result.stderr
    assert {file: file.read_bytes() for file in before} == before


def one_line(stderr: str) -> str:
    return " ".join(stderr.replace("│", " ").split())


@pytest.mark.parametrize(
    "args, said",
    [
        (["matrix", "-o", "m.png"], "only --format svg goes to a file; the table goes to stdout"),
        (["matrix", "--format", "text", "-o", "m.svg"], "text contradicts -o m.svg"),
        (["matrix", "--format", "text", "-o", "m.txt"], "only --format svg goes to a file"),
        (["matrix", "--format", "svg", "--json"], "'--json': not with an SVG picture"),
        (["matrix", "--json", "-o", "m.svg"], "'--json': not with an SVG picture"),
        (["graph", "--format", "dot", "-o", "g.svg"], "dot contradicts -o g.svg"),
        (["graph", "-o", "g.png"], "cannot tell the format from the name 'g.png'"),
        (["graph", "-o", "out/"], "names a directory"),
        (["matrix", "-o", "."], "names a directory"),
    ],
)
def test_what_cannot_be_written_is_a_usage_error_and_writes_nothing(
    tmp_path, monkeypatch, args, said
):
    monkeypatch.chdir(tmp_path)
    result = jjj(*args)
    assert (result.exit_code, result.stdout) == (2, ""), result.output
    assert said in one_line(result.stderr)
    assert list(tmp_path.iterdir()) == []


# --- hostile text --------------------------------------------------------------------------

# Fictional names that would run code, end markup or break XML if they were not escaped.
HOSTILE = {
    'name = "Wang Ming"': 'name = "<script>alert(1)</script>"',
    'name = "Industrial clusters"': 'name = "\\"><img src=x onerror=alert(1)>"',
    'name = "Hebei"': 'name = "]]> & <![CDATA[ x"',
    'name_zh = "王明"': 'name_zh = "王\\u0007明"',
    'name_zh = "产业集群"': 'name_zh = "产业\\u2028集群"',
    'title_en = "Test forum on Beijing–Tianjin–Hebei coordination"': (
        "title_en = \"' onload='alert(1)\""
    ),
}
SCRIPT, IMG, CDATA = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "]]> & <![CDATA[ x",
)
BELL, SEPARATOR = "王\\x07明", "产业\u2028集群"  # the bell made visible, as everywhere in jjj
ONLOAD = "' onload='alert(1)"


@pytest.fixture
def hostile(catalogue_copy):
    text = MINI.read_text(encoding="utf-8")
    for plain, payload in HOSTILE.items():
        assert plain in text
        text = text.replace(plain, payload, 1)
    return catalogue_copy(text)


@pytest.mark.parametrize(
    "args, shown",
    [
        (["matrix", "--kind", "all"], [SCRIPT, IMG]),
        (["matrix", "--lang", "zh"], [BELL, SEPARATOR]),
        (["matrix", "--rows", "source", "--cols", "region"], [ONLOAD, CDATA]),
        (["matrix", "--rows", "region", "--lang", "zh", "--theme", "clusters"], [SEPARATOR]),
        (["graph"], [SCRIPT, IMG, CDATA, BELL, SEPARATOR]),
        (["graph", "--lang", "en", "--region", "hebei"], [SCRIPT, IMG, CDATA]),
        (["graph", "--lang", "zh"], [BELL, SEPARATOR]),
    ],
)
def test_hostile_text_stays_text(hostile, args, shown):
    result = jjj(*args, "--format", "svg", catalogue=hostile)
    for raw in ("\x07", "<script", "<img", "<![CDATA["):
        assert raw not in result.stdout
    root = parsed(result)
    everything = list(root.iter())
    assert not [e for e in everything if local(e.tag) in ("script", "foreignObject", "image")]
    attributes = {name.lower() for e in everything for name in e.attrib}
    assert not [name for name in attributes if name.startswith("on") or "href" in name]
    assert not [v for e in everything for v in e.attrib.values() if "javascript:" in v]
    labels = [text.text for text in root.iter(f"{SVG}text")]
    for payload in shown:
        assert any(payload in label for label in labels), payload


def test_what_xml_forbids_never_reaches_the_picture():
    # no catalogue file can hold a lone surrogate or U+FFFF; a caller's records can
    catalogue = CATALOGUES["mini"]
    odd = "\ud800\ufffe\uffff\x00\x1b"
    experts = tuple(e._replace(name=e.name + odd) for e in catalogue.experts)
    changed = dataclasses.replace(catalogue, experts=experts)
    selection = Selection(kind=Kind.all)
    drawn = [
        heatmap(changed, matrix(changed, Facet.expert, Facet.theme, selection), selection, Lang.en),
        network(changed, graph(changed, selection), selection, None),
    ]
    for picture in drawn:
        root = ET.fromstring(picture.encode("utf-8"))  # a lone surrogate cannot be encoded
        assert "Wang Ming\\ud800\\ufffe\\uffff\\x00\\x1b" in " ".join(root.itertext())


def test_an_id_of_any_text_stays_inside_its_attribute():
    # a catalogue file's ids are checked (lowercase letters, digits, '-'); a caller's may not be
    hostile = '" onload="alert(1)" x="<'
    catalogue = CATALOGUES["mini"]
    experts = (catalogue.experts[0]._replace(id=hostile), *catalogue.experts[1:])
    changed = dataclasses.replace(catalogue, experts=experts)
    selection = Selection(kind=Kind.all)
    result = matrix(changed, Facet.expert, Facet.theme, selection)
    joined = Graph(
        nodes=(Node(hostile, "expert", "A", "甲"), Node("clusters", "theme", "B", "乙")),
        edges=(Edge(hostile, "clusters", 2),),
    )
    for picture in (
        heatmap(changed, result, selection, Lang.en),
        network(changed, joined, selection, None),
    ):
        root = ET.fromstring(picture)
        assert not [name for e in root.iter() for name in e.attrib if name.startswith("on")]
        assert hostile in {value for e in root.iter() for value in e.attrib.values()}


# --- contrast ------------------------------------------------------------------------------


def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance, from its definition."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def ratio(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_here_gives_wcags_known_ratios():
    assert ratio("#000000", "#ffffff") == pytest.approx(21)
    assert ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the AA grey


@pytest.mark.parametrize(
    "args",
    [
        ["matrix"],
        ["matrix", "--rows", "region", "--lang", "zh"],
        ["matrix", "--rows", "theme", "--cols", "region", "--kind", "all"],
        ["graph"],
        ["graph", "--lang", "zh", "--kind", "all"],
    ],
)
def test_every_text_stands_out_from_what_it_is_drawn_on(args):
    root = parsed(jjj(*args, "--format", "svg", catalogue=SHIPPED))
    ground = next(e for e in root if local(e.tag) == "rect")
    assert (ground.get("width"), ground.get("height")) == ("100%", "100%")
    parents = {child: parent for parent in root.iter() for child in parent}
    texts = list(root.iter(f"{SVG}text"))
    assert texts
    for text in texts:
        behind = ground
        parent = parents[text]
        if local(parent.tag) == "g":  # a cell, a swatch or a node: the text is on its box
            behind = parent.find(f"{SVG}rect")
        ink, fill = text.get("fill"), behind.get("fill")
        assert ratio(ink, fill) >= 4.5, (text.text, ink, fill)


def legend_of(svg_text: str) -> list[str]:
    texts = [element.text or "" for element in ET.fromstring(svg_text).iter(f"{SVG}text")]
    return [text for text in texts if "as wide as" in text or "beside a region" in text]


def test_the_network_explains_only_what_it_draws():
    # a hand-made network: an expert joined to a region by items that name no theme (boxes
    # beside the region, no curve), then one of curves alone (items that name no place)
    catalogue = CATALOGUES["mini"]
    wang, beijing = Node("wang-ming", "expert", "Wang Ming", "王明"), None
    beijing = Node("beijing", "region", "Beijing", "北京")
    innovation = Node("innovation", "theme", "Technology innovation", "科技创新")
    boxes = Graph((wang, beijing), (Edge("wang-ming", "beijing", 2),))
    assert legend_of(network(catalogue, boxes, Selection(), Lang.en)) == [
        "beside a region: an expert's proposals on it, in the expert's colour"
    ]
    curves = Graph((wang, innovation), (Edge("wang-ming", "innovation", 3),))
    assert legend_of(network(catalogue, curves, Selection(), Lang.en)) == [
        "expert–theme, theme–region: as wide as the proposals they share (1 to 3)"
    ]
    assert legend_of(network(catalogue, Graph((), ()), Selection(), Lang.en)) == []


@pytest.mark.parametrize("rows, cols", [("expert", "theme"), ("region", "expert")])
def test_the_totals_are_the_distinct_items_of_each_row_and_column(rows, cols):
    # an item on two themes counts once in its expert's total, not once per cell; a region
    # counts the items on it or on a place within it
    catalogue = CATALOGUES["shipped"]
    args = ("matrix", "--format", "svg", "--rows", rows, "--cols", cols, "--kind", "all")
    root = parsed(jjj(*args, catalogue=SHIPPED))
    totals = {}
    for text in root.iter(f"{SVG}text"):
        if text.get("data-total") is not None:
            assert text.text == text.get("data-total")  # the number shown is the one named
            totals[text.get("data-row"), text.get("data-col")] = int(text.text)

    def values(item, facet: str) -> set[str]:
        if facet == "expert":
            return {item.expert}
        if facet == "theme":
            return set(item.themes)
        # a region's items: those on it or on any place within it
        return set().union(*(region_and_above(catalogue, region) for region in item.regions))

    items = catalogue.items
    both = [item for item in items if values(item, rows) and values(item, cols)]
    expected = {(None, None): len(both)}
    for item in both:
        for row in values(item, rows):
            expected[row, None] = expected.get((row, None), 0) + 1
        for col in values(item, cols):
            expected[None, col] = expected.get((None, col), 0) + 1
    assert {key: value for key, value in totals.items() if value} == expected


@given(
    st.one_of(
        st.text(),
        # what plain values are made of, and what must never pass unescaped beside it
        st.text(alphabet="-_ .,:;#%()/+0123456789abcXYZé雄&<>\"'\n\t\x07"),
        st.integers(),
    )
)
@example('"')
@example("'")
@example('say "it\'s" & <go>')
def test_an_attribute_value_reads_back_as_the_safe_text(value):
    # plain values skip making safe and escaping; every value, read by an XML parser, is the
    # text made safe, and ends its attribute nowhere else
    from jjj_cli.render import svg

    written = svg._attribute(value)
    parsed = ET.fromstring(f"<a v={written} w='after'/>")
    assert parsed.attrib == {"v": svg.safe(str(value)), "w": "after"}


# --- the heat map's geometry ---------------------------------------------------------------
# As the picture is meant to be laid out (render/pictures.py's constants, restated): cells 30
# high in rows, as wide as each other, a white gap of 2 around each box (1 on every side); the
# count in the middle of its box; row labels ending 8 before the cells and column labels 8
# above them, over the middle of their column; the totals 8 beyond the last column and below
# the last row; the legend's swatches 16 below the totals' row; 16 of margin on the right.


def _number(element: ET.Element, name: str) -> float:
    return float(element.get(name))


@pytest.mark.parametrize(
    "which, args",
    [
        ("mini", []),
        ("mini", ["--lang", "zh", "--kind", "all"]),
        ("mini", ["--rows", "region"]),
        # short column labels stand upright, and their columns are as wide as they need
        ("mini", ["--rows", "theme", "--cols", "expert"]),
        ("shipped", ["--kind", "all"]),
        ("shipped", ["--rows", "region", "--lang", "zh"]),
    ],
)
def test_the_heat_map_is_a_grid_with_its_labels_and_totals_where_they_belong(which, args):
    root = parsed(jjj("matrix", "--format", "svg", *args, catalogue=PATHS[which]))
    width = _number(root, "width")
    groups = [g for g in root.iter(f"{SVG}g") if g.find(f"{SVG}rect") is not None]
    boxes = {}
    for group in groups:
        rect, mark = group.find(f"{SVG}rect"), group.find(f"{SVG}text")
        x, y = _number(rect, "x"), _number(rect, "y")
        w, h = _number(rect, "width"), _number(rect, "height")
        # the mark in the middle of its box: centred across, its baseline 0.35 em below
        # the middle (14 × 0.35 = 4.9)
        assert mark.get("text-anchor") == "middle"
        assert _number(mark, "x") == pytest.approx(x + w / 2, abs=0.06)
        assert _number(mark, "y") == pytest.approx(y + h / 2 + 4.9, abs=0.06)
        assert h == 28  # 30, less the gap
        if "data-row" in rect.attrib:
            count = int(rect.get("data-count"))
            assert mark.text == (str(count) if count else "–")
            boxes[rect.get("data-row"), rect.get("data-col")] = (x, y, w, h)
    rows = list(dict.fromkeys(row for row, _ in boxes))
    cols = list(dict.fromkeys(col for _, col in boxes))
    assert len(boxes) == len(rows) * len(cols)
    (cell_width,) = {w + 2 for _, _, w, _ in boxes.values()}
    # 44 (no total has 4 digits), but upright: the widest head and 8, "Wang Ming" and "Zhang
    # Wei" 4.85 em (67.9 at 14)
    assert cell_width == pytest.approx(75.9 if "--cols" in args else 44, abs=0.06)
    heads = [t for t in root.iter(f"{SVG}text") if t.get("data-id") in cols]
    upright = [head.get("text-anchor") == "middle" for head in heads]
    assert upright == [not head.get("transform") for head in heads]
    # the experts' names are short enough to stand upright (at most 100 wide); the themes'
    # and regions' longest are not, and all slant
    assert set(upright) == {"--cols" in args}
    left, top = boxes[rows[0], cols[0]][0] - 1, boxes[rows[0], cols[0]][1] - 1
    for r, row in enumerate(rows):
        for c, col in enumerate(cols):
            x, y, _, _ = boxes[row, col]
            assert (x, y) == (
                pytest.approx(left + 1 + c * cell_width, abs=0.06),
                pytest.approx(top + 1 + r * 30, abs=0.06),
            )
    texts = list(root.iter(f"{SVG}text"))
    labelled = {t.get("data-id"): t for t in texts if "data-id" in t.attrib}
    for r, row in enumerate(rows):  # each row's label ends 8 before the cells, on its row
        label = labelled[row]
        assert label.get("text-anchor") == "end"
        assert _number(label, "x") == pytest.approx(left - 8, abs=0.06)
        assert _number(label, "y") == pytest.approx(top + r * 30 + 15 + 4.9, abs=0.06)
    for c, col in enumerate(cols):  # each column's over its middle, 8 above the cells
        head = labelled[col]
        assert _number(head, "x") == pytest.approx(left + c * cell_width + cell_width / 2, abs=0.06)
        assert _number(head, "y") == pytest.approx(top - 8, abs=0.06)
    total_x = left + len(cols) * cell_width + 8
    total_y = top + len(rows) * 30 + 8
    totals = [t for t in texts if "data-total" in t.attrib]
    for total in totals:
        assert total.get("font-weight") == "bold"
        if "data-row" in total.attrib:
            r = rows.index(total.get("data-row"))
            where = (total_x + cell_width / 2, top + r * 30 + 15 + 4.9)
        elif "data-col" in total.attrib:
            c = cols.index(total.get("data-col"))
            where = (left + c * cell_width + cell_width / 2, total_y + 15 + 4.9)
        else:  # the whole table's
            where = (total_x + cell_width / 2, total_y + 15 + 4.9)
        assert (_number(total, "x"), _number(total, "y")) == (
            pytest.approx(where[0], abs=0.06),
            pytest.approx(where[1], abs=0.06),
        )
    assert len(totals) == len(rows) + len(cols) + 1
    # the legend's swatches: a row of boxes 44 wide from the cells' left, 16 below the totals
    swatches = [
        g.find(f"{SVG}rect") for g in groups if "data-row" not in g.find(f"{SVG}rect").attrib
    ]
    assert swatches
    for index, swatch in enumerate(swatches):
        assert _number(swatch, "x") == pytest.approx(left + index * 44 + 1, abs=0.06)
        assert _number(swatch, "y") == pytest.approx(total_y + 30 + 16 + 1, abs=0.06)
        assert _number(swatch, "width") == 42
    # the first swatch is the empty cell's grey, the last the scale's darkest
    assert swatches[0].get("fill") == "#f4f4f4"
    assert swatches[-1].get("fill") == "#08306b"
    # everything drawn ends at least 16 inside the right edge, and the picture is no taller
    # than the legend's row and a margin
    rights = [
        _number(r, "x") + _number(r, "width") + 1 for r in root.iter(f"{SVG}rect") if r.get("x")
    ]
    assert max(rights) <= width - 16 + 0.06
    assert _number(root, "height") == pytest.approx(total_y + 30 + 16 + 30 + 16, abs=0.06)


# --- the network's geometry ----------------------------------------------------------------
# Three columns of boxes 26.8 high (a line of 14 × 1.2 and 8 × 1.25 round it), 35.2 apart, the
# columns' middles level; the experts' 16 from the left, each next column 200 beyond the one
# before; a label 8 inside its box; a curve from the right edge of one box to the left edge of
# the next column's, level at each end, bending half way, 1 to 9 wide by its weight; an
# expert's box for a region 8 beyond the regions, in the expert's place among the experts.

COLUMN_KINDS = ("expert", "theme", "region")  # left to right
OKABE_ITO = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")


def _tinted(colour: str) -> str:
    """The colour with 85% white mixed in, worked out here."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * 0.85):02x}" for c in channels)


@pytest.mark.parametrize(
    "which, args",
    [
        ("mini", []),
        ("mini", ["--kind", "all", "--lang", "zh"]),
        ("shipped", ["--kind", "all"]),
        ("shipped", ["--theme", "clusters"]),
    ],
)
def test_the_network_is_three_columns_joined_where_they_belong(which, args):
    root = parsed(jjj("graph", "--format", "svg", *args, catalogue=PATHS[which]))
    nodes = {g.get("data-id"): g for g in root.iter(f"{SVG}g") if "data-kind" in g.attrib}
    columns = [[id for id, g in nodes.items() if g.get("data-kind") == k] for k in COLUMN_KINDS]
    boxes = {}
    for id, g in nodes.items():
        rect, label = g.find(f"{SVG}rect"), g.find(f"{SVG}text")
        x, y, w, h = (_number(rect, name) for name in ("x", "y", "width", "height"))
        assert h == pytest.approx(26.8)
        assert (_number(label, "x"), _number(label, "y")) == (
            pytest.approx(x + 8, abs=0.06),
            pytest.approx(y + h / 2 + 4.9, abs=0.06),
        )
        boxes[id] = (x, y + h / 2, w)
    lefts, widths, middles = [], [], []
    for column in columns:
        (left,) = {boxes[id][0] for id in column}
        (width,) = {boxes[id][2] for id in column}
        ys = [boxes[id][1] for id in column]
        assert [b - a for a, b in zip(ys, ys[1:])] == [pytest.approx(35.2, abs=0.1)] * (len(ys) - 1)
        lefts.append(left)
        widths.append(width)
        middles.append((ys[0] + ys[-1]) / 2)
    assert lefts[0] == 16
    assert lefts[1] == pytest.approx(lefts[0] + widths[0] + 200, abs=0.06)
    assert lefts[2] == pytest.approx(lefts[1] + widths[1] + 200, abs=0.06)
    assert max(middles) - min(middles) == pytest.approx(0, abs=0.1)  # level
    # the experts' colours by their order in the catalogue, the others grey
    order = [row["id"] for row in independent.read(PATHS[which])["experts"]]  # as written
    colour = {id: OKABE_ITO[order.index(id) % 6] for id in columns[0]}
    # an expert's box tinted with their colour, its corners rounded by 4, its outline 1.5; a
    # theme's grey and round at each end (a radius of half its height); a region's white, its
    # corners rounded by 2
    for id, g in nodes.items():
        rect = g.find(f"{SVG}rect")
        drawn = (rect.get("stroke"), rect.get("fill"), rect.get("rx"), rect.get("stroke-width"))
        if id in colour:
            assert drawn == (colour[id], _tinted(colour[id]), "4", "1.5")
        elif g.get("data-kind") == "theme":
            assert drawn == ("#767676", "#f2f2f2", "13.4", "1")
        else:
            assert drawn == ("#767676", "#ffffff", "2", "1")
    paths = [p for p in root.iter(f"{SVG}path") if "data-weight" in p.attrib]
    heaviest = max(int(p.get("data-weight")) for p in paths)
    for path in paths:
        source, target = path.get("data-source"), path.get("data-target")
        (a, ay, aw), (b, by, _) = boxes[source], boxes[target]
        x1, x2, half = a + aw, b, (a + aw + b) / 2
        numbers = [float(n) for n in re.findall(r"-?[\d.]+", path.get("d"))]
        assert path.get("d").startswith("M") and " C" in path.get("d")
        assert numbers == [
            pytest.approx(value, abs=0.06) for value in (x1, ay, half, ay, half, by, x2, by)
        ]
        weight = int(path.get("data-weight"))
        assert _number(path, "stroke-width") == pytest.approx(1 + 8 * weight / heaviest, abs=0.06)
        assert path.get("stroke") == colour.get(source, "#767676")
    weights = [int(p.get("data-weight")) for p in paths]
    assert weights == sorted(weights, reverse=True)  # the heaviest drawn first, underneath
    chips = [
        g.find(f"{SVG}rect")
        for g in root.iter(f"{SVG}g")
        if g.find(f"{SVG}rect") is not None and "data-weight" in g.find(f"{SVG}rect").attrib
    ]
    assert chips  # every catalogue here has an expert's items on a region
    (chip_width,) = {_number(chip, "width") + 2 for chip in chips}
    for chip in chips:
        expert, region = chip.get("data-source"), chip.get("data-target")
        x = lefts[2] + widths[2] + 8 + columns[0].index(expert) * chip_width
        assert _number(chip, "x") == pytest.approx(x + 1, abs=0.06)
        assert _number(chip, "y") + _number(chip, "height") / 2 == pytest.approx(
            boxes[region][1], abs=0.06
        )
        assert chip.get("fill") == colour[expert]


# --- the words of the pictures, in each language, worked out by hand from mini.toml ---------


def _words(root: ET.Element) -> tuple[str, str, list[str]]:
    title, desc = list(root)[:2]
    return title.text, desc.text, [t.text for t in root if local(t.tag) == "text"]


FILTERED = ["--theme", "chains,ftz", "--region", "hebei", "--expert", "li-hua,wang-ming"]


def test_the_words_of_a_heat_map_in_english_with_filters():
    title, desc, texts = _words(parsed(jjj("matrix", "--format", "svg", *FILTERED)))
    assert title == "Proposals by expert and theme"
    # the filters in the catalogue's order, whatever the order given
    filters = (
        "expert: Wang Ming, Li Hua; theme: Free-trade zones, Industrial and innovation chains; "
        "region: Hebei (and the places within)"
    )
    assert desc == (
        "A heat map: for every expert and theme, how many proposals have both, darker for "
        f"more; a total counts each proposal once. Filters: {filters}."
    )
    assert texts[0] == f"Proposals by expert and theme ({filters})"  # the caption
    assert "total" in texts and "proposals in a cell" in texts


def test_the_words_of_a_heat_map_in_chinese_with_filters():
    root = parsed(jjj("matrix", "--format", "svg", "--lang", "zh", "--kind", "all", *FILTERED))
    title, desc, texts = _words(root)
    assert title == "按专家和主题统计的条目"
    filters = "专家：王明、李华；主题：自贸试验区、产业链与创新链；地区：河北（含其下各地）"
    assert desc == (
        "热力图：每个专家与主题的组合共有多少个条目，颜色越深越多；合计中每个条目只计一次。"
        f"筛选：{filters}。"
    )
    assert texts[0] == f"按专家和主题统计的条目（{filters}）"
    assert "合计" in texts and "每格条目数" in texts


def test_a_heat_map_by_source_names_the_source_by_its_title():
    root = parsed(jjj("matrix", "--format", "svg", "--cols", "source", "--source", "mini-forum"))
    title, desc, texts = _words(root)
    assert title == "Proposals by expert and source"
    assert desc.endswith(" Filters: source: Test forum on Beijing–Tianjin–Hebei coordination.")
    assert "Test forum on Beijing–Tianjin–Hebei coordination" in texts[1:]  # its column


def test_the_words_of_the_network_in_each_language():
    # mini.toml's proposals: 3 experts, 4 themes (clusters, innovation, transport, free-trade)
    # and 5 regions (all but the Yangtze River Delta, which only a finding names)
    title, desc, texts = _words(parsed(jjj("graph", "--format", "svg")))
    assert title == "Experts, themes and regions joined by proposals"
    assert desc == (
        "A network: experts on the left (3), themes in the middle (4) and regions on the right "
        "(5). A line joins an expert and a theme, or a theme and a region, that proposals "
        "share, wider for more; beside each region, a box in an expert's colour gives how many "
        "of their proposals concern it."
    )
    assert texts[:5] == [title, "Experts", "Themes", "Regions", "by expert"]
    # the legend: the widest line is Wang Ming's two proposals on innovation
    assert texts[-2:] == [
        "expert–theme, theme–region: as wide as the proposals they share (1 to 2)",
        "beside a region: an expert's proposals on it, in the expert's colour",
    ]
    root = parsed(jjj("graph", "--format", "svg", "--lang", "zh", "--theme", "innovation"))
    title, desc, texts = _words(root)
    assert title == "专家、主题与地区：由建议相连"
    # innovation's proposals: Wang Ming's two; Beijing, Hebei and Xiong'an
    assert desc == (
        "网络图：左列专家（1）、中列主题（1）、右列地区（3）；专家与主题、主题与地区同见于若干"
        "条建议时以线相连，线越宽建议越多；地区右侧的色块为各专家涉及该地区的建议数，颜色同专家。"
        "筛选：主题：科技创新。"
    )
    assert texts[:5] == [
        "专家、主题与地区：由建议相连（主题：科技创新）",
        "专家",
        "主题",
        "地区",
        "各专家",
    ]
    assert texts[-2:] == [
        "专家—主题、主题—地区：线宽为共有建议数（1 至 2）",
        "地区旁的色块：该专家涉及此地区的建议数，颜色同专家",
    ]
    named = {
        (p.get("data-source"), p.get("data-target")): title_of(p)
        for p in root.iter()
        if "data-weight" in p.attrib
    }
    assert named["wang-ming", "innovation"] == "王明 – 科技创新：2 条建议"
    assert named["innovation", "hebei"] == "科技创新 – 河北：1 条建议"
    assert named["wang-ming", "xiongan"] == "王明 – 雄安新区：1 条建议"  # a box by the region
    # the three counts in Chinese, each its own: 3 experts, 4 themes, 5 regions
    _, desc, _ = _words(parsed(jjj("graph", "--format", "svg", "--lang", "zh")))
    assert desc == (
        "网络图：左列专家（3）、中列主题（4）、右列地区（5）；专家与主题、主题与地区同见于若干"
        "条建议时以线相连，线越宽建议越多；地区右侧的色块为各专家涉及该地区的建议数，颜色同专家。"
    )
    nodes = {g.get("data-id"): title_of(g) for g in root.iter(f"{SVG}g") if "data-kind" in g.attrib}
    assert nodes == {
        "wang-ming": "王明（专家，wang-ming）",
        "innovation": "科技创新（主题，innovation）",
        "beijing": "北京（地区，beijing）",
        "hebei": "河北（地区，hebei）",
        "xiongan": "雄安新区（地区，xiongan）",
    }


# mini.toml's Wang Ming, industrial clusters and Hebei as nodes, for graphs built by hand
WANG_MING = Node("wang-ming", "expert", "Wang Ming", "王明")
CLUSTERS = Node("clusters", "theme", "Industrial clusters", "产业集群")
HEBEI = Node("hebei", "region", "Hebei", "河北")


def _one_cell(count: int) -> ET.Element:
    """The heat map of a matrix built by hand: Wang Ming by industrial clusters, one cell of
    `count` (fictional) items, every total `count`."""
    items = tuple(f"fe-{n}" for n in range(count))
    result = Matrix(
        Facet.expert,
        Facet.theme,
        ("wang-ming",),
        ("clusters",),
        (Cell("wang-ming", "clusters", items),),
        {"wang-ming": count},
        {"clusters": count},
        count,
    )
    return ET.fromstring(heatmap(CATALOGUES["mini"], result, Selection(), Lang.en))


@pytest.mark.parametrize("weight, width", [(99, 26), (100, 29.1)])
def test_a_count_of_three_digits_widens_the_boxes_beside_the_regions(weight, width):
    # (fictional weights) a box is 28 wide at least, or its count and 8 of room: "99" is
    # 2 x 0.55 em at 14 (15.4), "100" 23.1, and 8: 31.1; each drawn 2 narrower, for the gap
    nodes = (WANG_MING, CLUSTERS, HEBEI)
    edges = (
        Edge("wang-ming", "clusters", weight),
        Edge("wang-ming", "hebei", weight),
        Edge("clusters", "hebei", weight),
    )
    svg = network(CATALOGUES["mini"], Graph(nodes, edges), Selection(), Lang.en)
    (box,) = [r for r in ET.fromstring(svg).iter(f"{SVG}rect") if r.get("data-target") == "hebei"]
    assert _number(box, "width") == width


def test_a_legend_wider_than_the_columns_widens_the_picture():
    # (fictional) an edge of 10^40 items: the legend's line "... they share (1 to 1000...)" is
    # 33.2 em with "2" (0.55) at its end (each m of "theme" wide, 0.75), 55.2 with 41 digits:
    # 772.8 at 14, from 16 + 40 + 8, it ends at 836.8, beyond the columns ("Wang Ming" 83.9
    # wide, "Industrial clusters" 130.8, no regions 64: 16 + 83.9 + 200 + 130.8 + 200 + 64 =
    # 694.7); and 16 of margin
    weight = 10**40
    nodes = (WANG_MING, CLUSTERS)
    joined = Graph(nodes, (Edge("wang-ming", "clusters", weight),))
    root = ET.fromstring(network(CATALOGUES["mini"], joined, Selection(), Lang.en))
    assert _number(root, "width") == pytest.approx(852.8, abs=0.06)


@pytest.mark.parametrize("total, box", [(999, 42), (1000, 44.8)])
def test_a_total_of_four_digits_widens_the_cells(total, box):
    # (fictional) cells are 44 wide at least, or the total's width and 8 each side: "999" is
    # 3 x 0.55 em at 14 (23.1), "1000" 30.8, and 16: 46.8; each box drawn 2 narrower, for the
    # gap; the legend's swatches stay 44
    root = _one_cell(total)
    rects = [r for r in root.iter(f"{SVG}rect") if r.get("x")]
    assert [_number(r, "width") for r in rects if "data-row" in r.attrib] == [box]
    assert {_number(r, "width") for r in rects if "data-row" not in r.attrib} == {42}


@pytest.mark.parametrize(
    "args, width",
    [
        # one column: the legend's three swatches (0, 1, 2) from the cells' left, 142.3 + 3 x 44
        # = 274.3, end beyond the totals' column (142.3 + 45.8 + 8 + 45.8 = 241.9): 290.3
        ([], 290.3),
        # the caption, "Proposals by theme and region (expert: Li Hua; theme: Rail)", 27.4 em at
        # 13 (356.2), from 16: 388.2
        (["--expert", "li-hua", "--theme", "rail"], 388.2),
        # in Chinese, 24 characters (26.4 em, 343.2): 375.2
        (["--expert", "li-hua", "--theme", "rail", "--lang", "zh"], 375.2),
    ],
    ids=["legend", "caption-en", "caption-zh"],
)
def test_a_heat_map_is_as_wide_as_its_widest_part_and_a_margin(args, width):
    # pictures.toml (fictional): themes by its one region, Hebei (2.7 em, 37.8: upright, its
    # column 45.8 wide), the rows' labels up to "proposals in a cell" (118.3): cells from 142.3
    args = ["matrix", "--format", "svg", "--rows", "theme", "--cols", "region", *args]
    root = parsed(jjj(*args, catalogue=DATA / "pictures.toml"))
    assert _number(root, "width") == pytest.approx(width, abs=0.06)


@pytest.mark.parametrize(
    "largest, shown", [(2, ["1", "2"]), (5, list("12345")), (9, list("13579"))]
)
def test_the_legend_shows_five_shades_at_most_from_1_to_the_largest(largest, shown):
    # (fictional counts) round(1 + (largest - 1) * step / 4) for steps 0 to 4, each once, after
    # the empty cell's dash: for 9, 1 3 5 7 9; for 2, 1 1.25 1.5 1.75 2 round to 1 and 2
    root = _one_cell(largest)
    marks = [g.find(f"{SVG}text").text for g in root.iter(f"{SVG}g")]
    assert marks[1:] == ["–", *shown]  # after the one cell's own count


def test_a_legend_wider_than_the_boxes_beside_the_regions_widens_the_picture():
    # (fictional) as above, with Hebei (64 wide, at 630.7) and one item of Wang Ming's on it:
    # its box ends at 694.7 + 8 + 28 = 730.7, the head above it ("by expert", 58.8) at 761.5;
    # the legend's line still ends at 836.8, and 16 of margin
    weight = 10**40
    nodes = (WANG_MING, CLUSTERS, HEBEI)
    edges = (
        Edge("wang-ming", "clusters", weight),
        Edge("wang-ming", "hebei", 1),
        Edge("clusters", "hebei", weight),
    )
    root = ET.fromstring(network(CATALOGUES["mini"], Graph(nodes, edges), Selection(), Lang.en))
    assert _number(root, "width") == pytest.approx(852.8, abs=0.06)


def test_a_network_as_wide_as_its_caption_when_that_is_wider():
    # pictures.toml (fictional), nothing matching: the columns take 16 + 3 x 64 + 2 x 200 = 608;
    # the caption "Experts, themes and regions joined by proposals (expert: Wang Ming; theme:
    # Ports; region: Hebei (and the places within))" is 55.1 em at 13, 716.3, and 16 each side
    filters = ["--expert", "wang-ming", "--theme", "ports", "--region", "hebei"]
    root = parsed(jjj("graph", "--format", "svg", *filters, catalogue=DATA / "pictures.toml"))
    assert _number(root, "width") == pytest.approx(748.3, abs=0.06)
