"""`jjj site`: the pages it writes, read back with the standard library's HTML parser; what it
refuses; and a hostile catalogue whose strings must stay text. tests/test_site_browser.py
opens the same sites in a real browser."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jjj_cli.catalogue import load_catalogue, name_key, normalise
from jjj_cli.explore import Marked, SourceParagraph
from jjj_cli.explore.similar import Relation
from jjj_cli.render.site import markup
from jjj_cli.render.site.index import index_page
from jjj_cli.render.site.pages import Site, _pieces, _reason

from . import independent
from .invoke import jjj, ok_json
from .paths import MINI, SHIPPED
from .site_pages import Page, broken_links, pages

# Fictional payloads, each of which would run script if a page let it through.
SENTINEL = "window.__jjjPwned=1"
PAYLOADS = {
    # the theme's name: a script element, and a line separator for the data's JSON
    '"Industrial clusters"': f"'<script>{SENTINEL}</script>\u2028 clusters'",
    # an expert's name breaking out of an attribute
    '"Wang Ming"': f"'\"><img src=x onerror={SENTINEL}>'",
    # an item's title closing the data's script, and its summary a javascript: URL
    '"Build world-class clusters, above all in advanced manufacturing"': (
        f"'</script><script>{SENTINEL}</script><svg onload={SENTINEL}>'"
    ),
    '"The region should build world-class clusters, led by advanced manufacturing."': (
        f"'javascript:{SENTINEL}'"
    ),
    # the source's English title, and a URL (http, which the loader requires) that breaks out
    '"Test forum on Beijing–Tianjin–Hebei coordination"': (
        "'Test forum </title><script>" + SENTINEL + "</script> \u2029 & more'"
    ),
    'period = "2022"': (
        'period = "2022"\nurl = \'https://x.example/"><script>' + SENTINEL + "</script>'"
    ),
    # a region's alias: the data's table of names holds it
    'aliases = ["雄安", "Xiong\'an"]': f'aliases = ["雄安", "Xiong\'an", \'</script>{SENTINEL}\']',
}


def hostile_text() -> str:
    text = MINI.read_text(encoding="utf-8")
    text = "# A fictional catalogue of hostile strings, for the tests.\n" + text
    for plain, payload in PAYLOADS.items():
        assert plain in text, plain
        text = text.replace(plain, payload, 1)
    return text


@pytest.fixture
def hostile(catalogue_copy) -> Path:
    return catalogue_copy(hostile_text())


def site_of(catalogue: Path, target: Path, *args: str) -> Path:
    result = jjj("site", "-o", str(target), *args, catalogue=catalogue)
    assert result.exit_code == 0, result.output
    return target


def test_the_index_lists_every_item_in_list_order_and_each_has_a_page(tmp_path):
    site = site_of(MINI, tmp_path / "site")
    expected = [item["id"] for item in ok_json("list", "--kind", "all")]
    index = Page((site / "index.html").read_text(encoding="utf-8"))
    assert index.data_item_ids == expected
    assert sorted(path.stem for path in (site / "items").glob("*.html")) == sorted(expected)
    mini = load_catalogue(MINI)
    for folder, records in (
        ("experts", mini.experts),
        ("themes", mini.themes),
        ("regions", mini.regions),
        ("sources", mini.sources),
    ):
        assert sorted(path.stem for path in (site / folder).glob("*.html")) == sorted(
            record.id for record in records
        )
    assert (site / "site.css").is_file() and (site / "site.js").is_file()


@pytest.mark.parametrize("catalogue", [MINI, SHIPPED], ids=["mini", "shipped"])
def test_every_link_inside_the_site_resolves(tmp_path, catalogue):
    site = site_of(catalogue, tmp_path / "site")
    assert broken_links(site) == []
    # and the check finds a broken one
    (site / "themes" / "clusters.html").unlink()
    assert broken_links(site)


def test_filters_choose_the_items_and_links_to_others_are_left_out(tmp_path):
    site = site_of(MINI, tmp_path / "site", "--theme", "集群", "--region", "hebei")
    expected = [
        item["id"]
        for item in ok_json("list", "--theme", "集群", "--region", "hebei", "--kind", "all")
    ]
    assert expected  # the filters select some, not all
    assert len(expected) < len(ok_json("list", "--kind", "all"))
    assert sorted(path.stem for path in (site / "items").glob("*.html")) == sorted(expected)
    assert Page((site / "index.html").read_text(encoding="utf-8")).data_item_ids == expected
    assert broken_links(site) == []


def test_an_item_page_shows_every_field_and_the_quote_in_its_sentences(tmp_path):
    site = site_of(MINI, tmp_path / "site")
    page = Page((site / "items" / "wang-research-to-hebei.html").read_text(encoding="utf-8"))
    shown = "".join(page.text)
    mini = load_catalogue(MINI)
    item = mini.by_id["wang-research-to-hebei"]
    for value in (item.title, item.title_zh, item.summary, item.summary_zh, item.id):
        assert value in shown
    # the quote, marked, between the sentence before it and the one after (the source by hand)
    assert page.marked == ["北京的科技成果应当在河北转化落地。"]
    assert "京津冀要打造世界级产业集群，重点是先进制造业。北京的科技成果" in normalise(shown)
    assert "转化落地。雄安新区要建设成为创新高地。" in normalise(shown)
    # its related items (`jjj related`'s, in its order), each a link
    related = [r["id"] for r in ok_json("related", "wang-research-to-hebei")]
    assert related  # the fixture relates it to others
    linked = [link for link in page.links if link.startswith("../items/")]
    assert linked == [f"../items/{id}.html" for id in related]


def test_a_source_page_shows_the_whole_text_with_every_quote_marked(tmp_path):
    site = site_of(MINI, tmp_path / "site")
    page = Page((site / "sources" / "mini-forum.html").read_text(encoding="utf-8"))
    mini = load_catalogue(MINI)
    text = normalise(mini.texts["mini-forum"])
    # the text without the paragraph numbers (¶1) the page puts before each paragraph
    shown = re.sub("¶[0-9]+", "", normalise("".join(page.text)))
    assert text in shown  # every passage, quoted or not
    marked = normalise("".join(page.marked))
    for record in (*mini.items, *mini.figures):
        assert normalise(record.quote) in marked, record.id
        assert f"q-{record.id}" in page.ids
    # what no record quotes is there, not marked: the opening sentence
    assert "三位学者在京津冀协同发展座谈会上发言。" not in marked
    assert "三位学者在京津冀协同发展座谈会上发言。" in shown


@settings(max_examples=200, deadline=None)
@given(
    spans=st.lists(
        st.tuples(st.integers(0, 12), st.integers(1, 6)).map(lambda s: (s[0], min(12, sum(s)))),
        max_size=8,
        unique=True,
    )
)
def test_a_source_paragraph_is_cut_where_quotes_start_and_end(spans):
    # made-up marks on a paragraph of twelve characters, ordered as full_source orders them:
    # by start, the longer first
    marks = sorted(
        (Marked(f"q{n}", a, b) for n, (a, b) in enumerate(spans) if a < b),
        key=lambda m: (m.start, -m.end),
    )
    paragraph = SourceParagraph(1, "甲乙丙丁戊己庚辛壬癸子丑", ("",), 1, 1, tuple(marks))
    cuts = sorted({0, 12, *(m.start for m in marks), *(m.end for m in marks)})
    expected = [
        (a, b, [m for m in marks if m.start <= a and b <= m.end]) for a, b in zip(cuts, cuts[1:])
    ]
    assert list(_pieces(paragraph)) == expected


@pytest.mark.parametrize("catalogue", [MINI, SHIPPED], ids=["mini", "shipped"])
def test_each_facet_page_lists_what_list_lists_for_it(tmp_path, catalogue):
    site = site_of(catalogue, tmp_path / "site")
    for facet, folder in (("expert", "experts"), ("theme", "themes"), ("region", "regions")):
        for path in sorted((site / folder).glob("*.html")):
            page = Page(path.read_text(encoding="utf-8"))
            # the list of items (a theme's rules link their examples too)
            shown = page.data_item_ids
            listed = ok_json("list", "--kind", "all", f"--{facet}", path.stem, catalogue=catalogue)
            assert shown == [item["id"] for item in listed], path


def test_a_region_page_shows_its_place_in_the_tree(tmp_path):
    site = site_of(MINI, tmp_path / "site")
    page = Page((site / "regions" / "xiongan.html").read_text(encoding="utf-8"))
    assert "../regions/jingjinji.html" in page.links and "../regions/hebei.html" in page.links
    zone = Page((site / "regions" / "hebei.html").read_text(encoding="utf-8"))
    # the places within Hebei: Xiong'an, and the airport zone (also within Hebei)
    assert "../regions/xiongan.html" in zone.links
    assert "../regions/airport-zone.html" in zone.links


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_pictures_are_those_matrix_and_graph_draw(tmp_path, lang):
    site = site_of(MINI, tmp_path / "site", "--region", "hebei")
    filters = ["--region", "hebei", "--kind", "all", "--lang", lang]
    for name, args in (
        ("expert-theme", ["matrix", "--rows", "expert", "--cols", "theme"]),
        ("region-theme", ["matrix", "--rows", "region", "--cols", "theme"]),
        ("network", ["graph"]),
    ):
        drawn = jjj(*args, "--format", "svg", *filters)
        assert drawn.exit_code == 0, drawn.output
        written = (site / "pictures" / f"{name}.{lang}.svg").read_text(encoding="utf-8")
        assert written == drawn.stdout, name
    page = Page((site / "pictures.html").read_text(encoding="utf-8"))
    assert f"pictures/network.{lang}.svg" in page.links


def test_a_non_empty_directory_is_refused_without_force_and_left_as_it_was(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    result = jjj("site", "-o", str(target))
    assert result.exit_code == 2
    assert "is not empty; use --force" in result.stderr
    assert [path.name for path in target.iterdir()] == ["notes.txt"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]  # no temporary left
    # --force replaces a site only: a directory of the user's stays
    result = jjj("site", "-o", str(target), "--force")
    assert result.exit_code == 2
    assert "files jjj did not write" in result.stderr
    assert [path.name for path in target.iterdir()] == ["notes.txt"]


def test_force_replaces_a_site_written_before(tmp_path):
    target = site_of(MINI, tmp_path / "site", "--theme", "transport")
    assert len(list((target / "items").iterdir())) < len(load_catalogue(MINI).items)
    result = jjj("site", "-o", str(target))
    assert result.exit_code == 2
    site_of(MINI, target, "--force")
    assert len(list((target / "items").iterdir())) == len(load_catalogue(MINI).items)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_an_empty_directory_is_taken_and_a_file_refused(tmp_path):
    site_of(MINI, tmp_path / "empty")
    (tmp_path / "empty2").mkdir()
    site_of(MINI, tmp_path / "empty2")
    assert (tmp_path / "empty2" / "index.html").is_file()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = jjj("site", "-o", str(tmp_path / "file"))
    assert result.exit_code == 2 and "is a file" in result.stderr
    assert (tmp_path / "file").read_text(encoding="utf-8") == "x"


def test_an_error_while_writing_leaves_nothing(tmp_path, monkeypatch):
    from jjj_cli.render.site import pages as site_pages

    calls = []

    def failing(site, item):
        calls.append(item.id)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return "<p>page</p>"

    monkeypatch.setattr(site_pages, "item_page", failing)
    result = jjj("site", "-o", str(tmp_path / "site"))
    assert result.exit_code == 130
    assert len(calls) == 3
    assert list(tmp_path.iterdir()) == []


# Safe with hostile text


def test_the_hostile_catalogue_loads_with_its_payloads(hostile):
    catalogue = load_catalogue(hostile)
    assert catalogue.by_id["clusters"].name.startswith("<script>")
    assert catalogue.sources[0].url.startswith("https://x.example/")


def test_no_page_of_a_hostile_catalogue_holds_script_or_handlers_of_its_own(tmp_path, hostile):
    site = site_of(hostile, tmp_path / "site")
    for path, page in pages(site).items():
        sources = sorted(str(script.get("src")).rsplit("/", 1)[-1] for script in page.scripts)
        expected = ["data.js", "site.js"] if path.name == "index.html" else ["site.js"]
        assert sources == expected, path
        assert "".join(page.inline).strip() == "", path
        raw = path.read_text(encoding="utf-8")
        assert len(re.findall("<script", raw, flags=re.IGNORECASE)) == len(expected), path
        assert page.handlers == [], path
        for link in page.links:
            assert not link.strip().lower().startswith("javascript:"), (path, link)
        # no image but the site's own pictures, no inline SVG
        assert all(re.fullmatch(r"pictures/[a-z-]+\.(en|zh)\.svg", str(src)) for src in page.images)
        assert len(re.findall("<img", raw, flags=re.IGNORECASE)) == len(page.images), path
        assert not re.search(r"<svg\b", raw, flags=re.IGNORECASE), path
    for path in sorted((site / "pictures").glob("*.svg")):
        raw = path.read_text(encoding="utf-8")
        assert "<script" not in raw.lower(), path
        for element in ElementTree.fromstring(raw).iter():
            assert not [name for name in element.attrib if name.lower().startswith("on")], path
    assert broken_links(site) == []
    # the payloads are shown as text
    theme = "".join(Page((site / "themes" / "clusters.html").read_text(encoding="utf-8")).text)
    assert f"<script>{SENTINEL}</script>" in theme
    source = Page((site / "sources" / "mini-forum.html").read_text(encoding="utf-8"))
    # an http(s) URL is a link, its quotation mark escaped inside the attribute
    assert f'https://x.example/"><script>{SENTINEL}</script>' in source.links


def test_the_data_script_escapes_what_could_end_a_script_or_a_line(tmp_path, hostile):
    site = site_of(hostile, tmp_path / "site")
    data = (site / "data.js").read_text(encoding="utf-8")
    for character in "<>&\u2028\u2029":
        assert character not in data
    prefix = "window.JJJ_DATA = "
    assert data.startswith(prefix) and data.endswith(";\n")
    loaded = json.loads(data[len(prefix) : -2])
    # the escaped JSON reads back as the catalogue's strings
    alias = f"</script>{SENTINEL}"
    assert loaded["names"]["region"][name_key(alias)] == "xiongan"
    theme = "<script>window.__jjjPwned=1</script>\u2028 clusters"
    assert loaded["names"]["theme"][name_key(theme)] == "clusters"


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a?b=1", True),
        ("HTTP://example.org/", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//example.org/", False),
        ("example.org", False),
    ],
)
def test_only_http_urls_become_links(url, linked):
    shown = markup.external(url)
    assert shown.startswith("<a ") is linked
    assert "<script>" not in shown


def test_every_page_declares_the_content_security_policy(tmp_path):
    site = site_of(MINI, tmp_path / "site")
    for path, page in pages(site).items():
        policies = [
            meta.get("content")
            for meta in page.metas
            if (meta.get("http-equiv") or "").lower() == "content-security-policy"
        ]
        assert policies == [markup.CSP], path
    directives = dict(part.strip().split(" ", 1) for part in markup.CSP.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'none'"
    assert "unsafe-inline" not in markup.CSP


def test_the_data_names_every_name_a_filter_accepts(tmp_path):
    site = site_of(MINI, tmp_path / "site")
    data = (site / "data.js").read_text(encoding="utf-8")
    loaded = json.loads(data[len("window.JJJ_DATA = ") : -2])
    # by hand, from mini.toml: names, Chinese names, aliases, codes, all as name_key keeps them
    assert loaded["names"]["theme"]["集群"] == "clusters"
    assert loaded["names"]["theme"]["industrial clusters"] == "clusters"
    assert loaded["names"]["region"]["河北省"] == "hebei"
    assert loaded["names"]["region"]["130000"] == "hebei"
    assert loaded["names"]["expert"]["王明"] == "wang-ming"
    # Hebei holds Xiong'an and the airport zone (also within it)
    assert sorted(loaded["descendants"]["hebei"]) == ["airport-zone", "hebei", "xiongan"]


def test_an_unknown_filter_name_writes_nothing(tmp_path):
    result = jjj("site", "-o", str(tmp_path / "site"), "--theme", "nonesuch")
    assert result.exit_code == 2
    assert "unknown theme 'nonesuch'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_site_of_no_items_still_holds_together(tmp_path):
    # the Yangtze River Delta is only compared with, in findings: no proposal concerns it
    site = site_of(MINI, tmp_path / "site", "--region", "yrd", "--kind", "proposal")
    assert Page((site / "index.html").read_text(encoding="utf-8")).data_item_ids == []
    assert broken_links(site) == []


def test_each_related_item_says_why_in_both_languages(tmp_path):
    site = site_of(MINI, tmp_path / "site")
    raw = (site / "items" / "wang-world-class-clusters.html").read_text(encoding="utf-8")
    related = raw[raw.index('<ol class="related">') :]
    reasons = re.findall(r'<span class="meta">(.*?)</span></li>', related)
    english = [re.search(r'lang="en">(.*?)</span>', reason)[1] for reason in reasons]
    chinese = [re.search(r'lang="zh">(.*?)</span>', reason)[1] for reason in reasons]
    assert english == [r["reason"] for r in ok_json("related", "wang-world-class-clusters")]
    # by hand, from those: the curated link, then the shared theme and region
    assert chinese[:2] == ["标注：互补", "主题 clusters；地区 jingjinji⊃hebei"]


RULES = Path(__file__).parent / "data" / "rules.toml"  # mini.toml with fictional rules


def test_a_theme_page_and_the_lists_show_the_coding_rules_with_their_examples(
    tmp_path, catalogue_copy
):
    text = RULES.read_text(encoding="utf-8")
    plain = "A cluster of industry is to be built or grown, whatever its size or place"
    assert plain in text
    # a rule's text is data: markup in it is shown, never obeyed
    rules = catalogue_copy(text.replace(plain, f"{plain} <b>&amp;</b>", 1))
    site = site_of(rules, tmp_path / "site")
    parsed = pages(site)
    page = parsed[(site / "themes" / "clusters.html").resolve()]
    words = " ".join(" ".join(page.text).split())
    assert (
        "Include when 纳入条件 A cluster of industry is to be built or grown, whatever its size"
        " or place <b>&amp;</b> (a fictional rule). 要建设或壮大产业集群，不论其规模与地点"
        "（虚构的规则）。 e.g. 例： wang-world-class-clusters “ 打造世界级产业集群 ” Firms are to"
        " gather in one place" in words
    )
    assert "Exclude when 排除条件 Research results put to use elsewhere" in words
    html = (site / "themes" / "clusters.html").read_text(encoding="utf-8")
    # each rule in both languages, the language switch showing one; the English in both where
    # a rule has no Chinese (tests/data/rules.toml gives the first of the three, not the others)
    said = [
        (unescape(en), unescape(zh))
        for en, zh in re.findall(
            r'<li><span class="en" lang="en">(.*?)</span><span class="zh" lang="zh">(.*?)</span>'
            r"<br>",
            html,
        )
    ]
    assert said == [
        (
            f"{plain} <b>&amp;</b> (a fictional rule).",
            "要建设或壮大产业集群，不论其规模与地点（虚构的规则）。",
        ),
        ("Firms are to gather in one place (a fictional rule).",) * 2,
        ("Research results put to use elsewhere, with no cluster named (a fictional rule).",) * 2,
    ]
    assert "<b>&amp;</b>" not in html and "&lt;b&gt;&amp;amp;&lt;/b&gt;" in html
    assert '<a href="../items/wang-world-class-clusters.html">' in html
    assert '<a href="../themes.html">' in html  # to the rules for every theme
    themes = " ".join(" ".join(parsed[(site / "themes.html").resolve()].text).split())
    assert "The rules for every theme 适用于所有主题的规则 An item carries every theme" in themes
    assert "tags: 标签： chains , innovation" in themes
    assert (
        "The rules for every theme 适用于所有主题的规则 An item carries every theme its own words "
        "meet, "
        "and no other (a fictional rule). 一个条目带有其自身原话所涉及的每一个主题" in themes
    )
    regions = " ".join(" ".join(parsed[(site / "regions.html").resolve()].text).split())
    assert (
        "Region rules 地区规则 A place is tagged when the quote names it (a fictional rule). "
        "引文点名某地，即标注该地（虚构的规则）。 e.g." in regions
    )
    assert (
        "jingjinji is tagged when the quote names the three as one (a fictional rule). "
        "jingjinji is tagged when the quote names the three as one (a fictional rule). e.g."
        in regions
    )
    assert broken_links(site) == []


# --- an item's page, exactly ------------------------------------------------------------------
# Written out by hand from tests/data/mini.toml and its text (mini.zh.txt): the labels in both
# languages, each field's link, the quote's place in the text, and a field left out when empty.


def _both(en: str, zh: str) -> str:
    return f'<span class="en" lang="en">{en}</span><span class="zh" lang="zh">{zh}</span>'


def _row(en: str, zh: str, value: str) -> str:
    return f"<dt>{_both(en, zh)}</dt><dd>{value}</dd>"


def _article(site: Path, id: str) -> str:
    raw = (site / "items" / f"{id}.html").read_text(encoding="utf-8")
    return raw[raw.index("<article>") : raw.index("</article>") + len("</article>")]


def test_an_item_page_exactly_down_to_its_related_items(tmp_path):
    article = _article(site_of(MINI, tmp_path / "site"), "wang-research-to-hebei")
    fields = (
        _row("Id", "编号", "<code>wang-research-to-hebei</code>")
        + _row("Kind", "类型", _both("proposal", "建议"))
        + _row(
            "Expert",
            "专家",
            '<a href="../experts/wang-ming.html">Wang Ming <span lang="zh">王明</span></a>',
        )
        + _row(
            "Source",
            "来源",
            '<a href="../sources/mini-forum.html">Test forum on Beijing–Tianjin–Hebei coordination'
            ' <span lang="zh">京津冀协同发展座谈会（测试）</span></a>',
        )
        + _row(
            "Themes",
            "主题",
            '<a href="../themes/innovation.html">Technology innovation'
            ' <span lang="zh">科技创新</span></a>',
        )
        + _row(
            "Regions",
            "地区",
            '<a href="../regions/beijing.html">Beijing <span lang="zh">北京</span></a>, '
            '<a href="../regions/hebei.html">Hebei <span lang="zh">河北</span></a>',
        )
        + _row(
            "Summary",
            "摘要",
            "Beijing&#x27;s research results should be turned into production in Hebei.",
        )
        + _row(
            "Summary (Chinese)",
            "中文摘要",
            '<span lang="zh">北京的科技成果应当在河北转化落地。</span>',
        )
    )
    # the note is left out: this item has none
    expected = (
        "<article><h1>Put Beijing&#x27;s research results to use in Hebei "
        '<span class="title-zh"><span lang="zh">北京科技成果在河北转化</span></span></h1>'
        f"<dl>{fields}</dl>"
        f"<h2>{_both('The quote in its source', '原文')}</h2>"
        '<blockquote lang="zh" cite="../sources/mini-forum.html">'
        # the paragraph of the text (lines 3 to 6 joined), the quote its second sentence
        "<p>王明（某大学教授）：京津冀要打造世界级产业集群，重点是先进制造业。"
        "<mark>北京的科技成果应当在河北转化落地。</mark>雄安新区要建设成为创新高地。</p></blockquote>"
        # one sentence: the second of the text's second paragraph, on lines 4 and 5
        '<p class="meta">¶2.2, lines 4–5 · '
        '<a href="../sources/mini-forum.html#q-wang-research-to-hebei">'
        f"{_both('in the whole source', '在全文中')}</a></p>"
        f"<h2>{_both('Related items', '相关条目')}</h2>"
        '<ol class="related">'
    )
    assert article[: len(expected)] == expected
    # its related items, each a link with both titles and why (the reasons: the test above),
    # the curated one first
    related = article[len(expected) - len('<ol class="related">') :]
    each = (
        r'<li><a href="\.\./items/[a-z-]+\.html">[^<>]+ <span class="title-zh" lang="zh">[^<>]+'
        r'</span></a> <span class="meta">'
        r'<span class="en" lang="en">[^<>]+</span><span class="zh" lang="zh">[^<>]+</span>'
        r"</span></li>"
    )
    assert re.fullmatch(f'<ol class="related">(?:{each})+</ol></article>', related)
    assert related.startswith(
        '<ol class="related"><li><a href="../items/li-hebei-capacity.html">'
        'Hebei cannot yet absorb relocated industry <span class="title-zh" lang="zh">'
        '河北承接产业的能力不足</span></a> <span class="meta">'
    )


def test_an_item_page_shows_its_note_and_a_finding_its_kind(tmp_path):
    site = site_of(MINI, tmp_path / "site")
    noted = _article(site, "zhang-leading-firms-xiongan")
    assert (
        _row(
            "Summary (Chinese)",
            "中文摘要",
            '<span lang="zh">鼓励龙头企业带动中小企业在雄安新区集聚。</span>',
        )
        + _row("Note", "备注", "Echoes Wang Ming on Xiong&#x27;an.")
        + "</dl>"
        in noted
    )
    # the fourth paragraph's second sentence, which runs from line 14 onto line 15
    assert (
        '<p class="meta">¶4.2, lines 14–15 · '
        '<a href="../sources/mini-forum.html#q-zhang-leading-firms-xiongan">'
    ) in noted
    finding = _article(site, "zhang-market-integration")
    assert _row("Kind", "类型", _both("finding", "判断")) in finding


def _body(site: Path, folder: str, id: str) -> str:
    raw = (site / folder / f"{id}.html").read_text(encoding="utf-8")
    return raw[raw.index('<main id="main">\n') + len('<main id="main">\n') : raw.index("\n</main>")]


def _listed(*items: tuple[str, str, str, str, str, str]) -> str:
    """An item list, each (id, title, title_zh, kind, kind_zh, expert's names in markup)."""
    rows = "".join(
        f'<li data-item-id="{id}"><a href="../items/{id}.html">{title} '
        f'<span class="title-zh" lang="zh">{title_zh}</span></a> '
        f'<span class="meta">{_both(kind, kind_zh)} · {expert}</span></li>'
        for id, title, title_zh, kind, kind_zh, expert in items
    )
    return f'<ol class="items">{rows}</ol>'


WANG = 'Wang Ming <span lang="zh">王明</span>'
BEIJING = '<a href="../regions/beijing.html">Beijing <span lang="zh">北京</span></a>'
HEBEI = '<a href="../regions/hebei.html">Hebei <span lang="zh">河北</span></a>'
JINGJINJI = (
    '<a href="../regions/jingjinji.html">Beijing–Tianjin–Hebei <span lang="zh">京津冀</span></a>'
)
FORUM = (
    '<a href="../sources/mini-forum.html">Test forum on Beijing–Tianjin–Hebei coordination'
    ' <span lang="zh">京津冀协同发展座谈会（测试）</span></a>'
)


def test_an_expert_page_exactly(tmp_path):
    body = _body(site_of(MINI, tmp_path / "site"), "experts", "wang-ming")
    assert (
        body
        == (
            '<h1>Wang Ming <span lang="zh">王明</span></h1>'
            # no note of the expert's own: left out
            + "<dl>"
            + _row(
                "Affiliation", "单位", 'Professor, a university <span lang="zh">某大学教授</span>'
            )
            + "</dl>"
            f"<h2>{_both('In each source', '各来源中')}</h2>"
            f"<section><h3>{FORUM}</h3><dl>"
            + _row(
                "Headline",
                "标题",
                'Build world-class clusters <span lang="zh">打造世界级产业集群</span>',
            )
            + _row(
                "Question",
                "提问",
                'How can clusters grow? <span lang="zh">产业集群如何发展？</span>',
            )
            + _row("Note", "备注", "The first speaker.")
            + "</dl></section>"
            f"<h2>{_both('Items', '条目')}</h2>"
            + _listed(
                (
                    "wang-world-class-clusters",
                    "Build world-class clusters, above all in advanced manufacturing",
                    "打造以先进制造业为重点的世界级产业集群",
                    "proposal",
                    "建议",
                    WANG,
                ),
                (
                    "wang-research-to-hebei",
                    "Put Beijing&#x27;s research results to use in Hebei",
                    "北京科技成果在河北转化",
                    "proposal",
                    "建议",
                    WANG,
                ),
                (
                    "wang-xiongan-innovation",
                    "Make Xiong&#x27;an a centre of innovation",
                    "把雄安新区建成创新高地",
                    "proposal",
                    "建议",
                    WANG,
                ),
            )
            + f"<h2>{_both('Figures', '数据')}</h2>"
            '<div class="table"><table><thead><tr>'
            + "".join(
                f'<th scope="col">{_both(en, zh)}</th>'
                for en, zh in [
                    ("Indicator", "指标"),
                    ("Value", "数值"),
                    ("Year", "年份"),
                    ("Region", "地区"),
                    ("Quote", "引文"),
                ]
            )
            + '</tr></thead><tbody><tr id="figure-wang-rd-intensity">'
            '<td>R&amp;D intensity <span lang="zh">研发投入强度</span></td><td>6.8 %</td>'
            f"<td>2022</td><td>{BEIJING}</td>"
            '<td><span lang="zh">2022年北京研发投入强度为6.8%，是河北的3倍多。</span></td>'
            "</tr></tbody></table></div>"
        )
    )


def test_a_region_page_exactly_its_way_up_the_tree_and_what_it_is_also_within(tmp_path):
    site = site_of(MINI, tmp_path / "site")
    assert _body(site, "regions", "airport-zone") == (
        '<h1>Daxing airport economic zone <span lang="zh">大兴机场临空经济区</span></h1><dl>'
        + _row("Id", "编号", "<code>airport-zone</code>")
        + _row("Level", "层级", "functional-zone")
        + _row("Within", "所属", f"{JINGJINJI} › {BEIJING}")
        + _row("Also within", "亦属", HEBEI)
        + _row("Note", "备注", "Straddles Beijing and Hebei.")
        + "</dl>"
        f"<h2>{_both('Places within it', '下辖地区')}</h2><p>{_both('None.', '无。')}</p>"
        f"<h2>{_both('Items, places within it included', '条目（含下辖地区）')}</h2>"
        + _listed(
            (
                "li-intercity-rail",
                "Build intercity rail and make the airport zone a hub",
                "建设城际铁路，让临空经济区成为枢纽",
                "proposal",
                "建议",
                'Li Hua <span lang="zh">李华</span>',
            )
        )
    )
    hebei = _body(site, "regions", "hebei")
    fields = (
        _row("Id", "编号", "<code>hebei</code>")
        + _row("Level", "层级", "province")
        + _row("Within", "所属", JINGJINJI)
        + _row("Code", "代码", "130000")
        + _row("Aliases", "别名", "河北省, Hebei Province")
    )
    # its places: Xiong'an, and the airport zone, which is also within it
    places = (
        '<ul class="children"><li><a href="../regions/xiongan.html">Xiong&#x27;an New Area '
        '<span lang="zh">雄安新区</span></a></li><li><a href="../regions/airport-zone.html">'
        'Daxing airport economic zone <span lang="zh">大兴机场临空经济区</span></a></li></ul>'
    )
    assert f"<dl>{fields}</dl><h2>{_both('Places within it', '下辖地区')}</h2>{places}" in hebei
    # its items, the places' within it included, in list order
    assert re.findall(r'data-item-id="([^"]+)"', hebei) == [
        "wang-research-to-hebei",
        "wang-xiongan-innovation",
        "li-intercity-rail",
        "li-hebei-capacity",
        "zhang-leading-firms-xiongan",
    ]


def test_a_theme_page_exactly(tmp_path):
    body = _body(site_of(MINI, tmp_path / "site"), "themes", "innovation")
    assert body == (
        '<h1>Technology innovation <span lang="zh">科技创新</span></h1><dl>'
        + _row("Id", "编号", "<code>innovation</code>")
        + _row("Definition", "定义", "Research, development and putting results to use.")
        + _row("Aliases", "别名", "tech")
        # no coding rules in this catalogue: no list of them, and no link to every theme's
        + f"</dl><h2>{_both('Items', '条目')}</h2>"
        + _listed(
            (
                "wang-research-to-hebei",
                "Put Beijing&#x27;s research results to use in Hebei",
                "北京科技成果在河北转化",
                "proposal",
                "建议",
                WANG,
            ),
            (
                "wang-xiongan-innovation",
                "Make Xiong&#x27;an a centre of innovation",
                "把雄安新区建成创新高地",
                "proposal",
                "建议",
                WANG,
            ),
            (
                "zhang-chain-gap",
                "Industrial and innovation chains are poorly integrated",
                "产业链与创新链融合不足",
                "finding",
                "判断",
                'Zhang Wei <span lang="zh">张伟</span>',
            ),
        )
    )


P2_OPENS = (
    '<p id="p2"><span class="number">¶2</span> <span class="uncovered">王明（某大学教授）：</span>'
)


def _quoted(id: str, target: str, words: str) -> str:
    return f'<span id="q-{id}"></span><a href="../{target}"><mark title="{id}">{words}</mark></a>'


def test_a_source_page_exactly_its_fields_and_its_text_every_quote_a_link(tmp_path):
    body = _body(site_of(MINI, tmp_path / "site"), "sources", "mini-forum")
    # the source has an id and a period, nothing else of the fields a source may have
    head = (
        '<h1>Test forum on Beijing–Tianjin–Hebei coordination <span lang="zh">'
        "京津冀协同发展座谈会（测试）</span></h1><dl>"
        + _row("Id", "编号", "<code>mini-forum</code>")
        + _row("Period", "时期", "2022")
        + f"</dl><h2>{_both('Items', '条目')}</h2>"
    )
    assert body.startswith(head)
    # its items, all ten, in list order (the source's order: seq)
    assert re.findall(r'data-item-id="([^"]+)"', body) == [
        "wang-world-class-clusters",
        "wang-research-to-hebei",
        "wang-xiongan-innovation",
        "li-transport-backbone",
        "li-intercity-rail",
        "li-linked-ftzs",
        "li-hebei-capacity",
        "zhang-chain-gap",
        "zhang-leading-firms-xiongan",
        "zhang-market-integration",
    ]
    key = _both(
        "Highlighted: the passages items and figures quote, each a link to its record; "
        "the rest is text no record quotes.",
        "高亮：条目和数据引用的段落，各链接到其记录；其余为未被引用的文字。",
    )
    text = body[body.index(f"<h2>{_both('The text', '全文')}</h2>") :]
    assert text.startswith(
        f'<h2>{_both("The text", "全文")}</h2><p class="meta">{key}</p>'
        '<div class="source-text" lang="zh">'
        # the first paragraph, which no record quotes
        '<p id="p1"><span class="number">¶1</span> '
        '<span class="uncovered">三位学者在京津冀协同发展座谈会上发言。</span></p>' +
        # the second: the speaker, not quoted, then three items' quotes and a figure's, the
        # figure's a link to its row on its expert's page
        P2_OPENS
        + _quoted(
            "wang-world-class-clusters",
            "items/wang-world-class-clusters.html",
            "京津冀要打造世界级产业集群，重点是先进制造业。",
        )
        + _quoted(
            "wang-research-to-hebei",
            "items/wang-research-to-hebei.html",
            "北京的科技成果应当在河北转化落地。",
        )
        + _quoted(
            "wang-xiongan-innovation",
            "items/wang-xiongan-innovation.html",
            "雄安新区要建设成为创新高地。",
        )
        + _quoted(
            "wang-rd-intensity",
            "experts/wang-ming.html#figure-wang-rd-intensity",
            "2022年北京研发投入强度为6.8%，是河北的3倍多。",
        )
        + '</p><p id="p3">'
    )
    assert text.endswith("</p></div>")


# a fictional figure whose quote lies inside an item's (wang-research-to-hebei's)
INNER_FIGURE = """
[[figures]]
id = "wang-inner"
expert = "wang-ming"
indicator = "Results (a fictional figure)"
indicator_zh = "成果（虚构）"
value = 1
unit = "item"
year = 2022
region = "beijing"
quote = "北京的科技成果"
source = "mini-forum"
"""


def test_a_quote_inside_another_is_marked_as_the_innermost_each_anchored_once(
    tmp_path, catalogue_copy
):
    catalogue = catalogue_copy(MINI.read_text(encoding="utf-8") + INNER_FIGURE)
    # a site of the clusters theme holds wang-world-class-clusters, not the other two of ¶2
    body = _body(
        site_of(catalogue, tmp_path / "site", "--theme", "clusters"), "sources", "mini-forum"
    )
    paragraph = body[body.index('<p id="p2">') : body.index('<p id="p3">')]
    assert paragraph == (
        P2_OPENS
        + _quoted(
            "wang-world-class-clusters",
            "items/wang-world-class-clusters.html",
            "京津冀要打造世界级产业集群，重点是先进制造业。",
        )
        # the item's quote starts where the figure's does: both anchored there, the piece
        # marked as the figure's (the inner one), the rest as the item's, not a link: the
        # site has no page for it
        + '<span id="q-wang-research-to-hebei"></span>'
        + _quoted("wang-inner", "experts/wang-ming.html#figure-wang-inner", "北京的科技成果")
        + '<mark title="wang-research-to-hebei">应当在河北转化落地。</mark>'
        + '<span id="q-wang-xiongan-innovation"></span>'
        + '<mark title="wang-xiongan-innovation">雄安新区要建设成为创新高地。</mark>'
        + _quoted(
            "wang-rd-intensity",
            "experts/wang-ming.html#figure-wang-rd-intensity",
            "2022年北京研发投入强度为6.8%，是河北的3倍多。",
        )
        + "</p>"
    )


def _data_js(site: Path) -> dict:
    script = (site / "data.js").read_text(encoding="utf-8")
    assert script.startswith("window.JJJ_DATA = ") and script.endswith(";\n")
    return json.loads(script[len("window.JJJ_DATA = ") : -2])


def test_the_index_data_worked_out_from_the_catalogue_read_with_tomllib(tmp_path):
    data = _data_js(site_of(MINI, tmp_path / "site"))
    tables = independent.read(MINI)
    by_id = {row["id"]: row for table in ("experts", "themes", "regions") for row in tables[table]}

    def named(ids):  # as `jjj search` reads them: "name name_zh", " / " between
        return " / ".join(f"{by_id[id]['name']} {by_id[id]['name_zh']}" for id in ids)

    items = sorted(tables["proposals"], key=lambda row: row["seq"])  # one source: seq order
    assert data["items"] == [
        {
            "id": row["id"],
            "kind": row["kind"],
            "expert": [row["expert"]],
            "theme": row["themes"],
            "region": row["regions"],
            "source": [row["source"]],
            "fields": [
                row["title"],
                row["title_zh"],
                row["summary"],
                row["summary_zh"],
                row["quote"],
                named(row["themes"]),
                named(row["regions"]),
                named([row["expert"]]),
            ],
        }
        for row in items
    ]
    assert data["values"] == {
        facet: [row["id"] for row in tables[table]]
        for facet, table in [
            ("expert", "experts"),
            ("theme", "themes"),
            ("region", "regions"),
            ("source", "sources"),
        ]
    }
    # the names a URL may give, by hand: ids, names and aliases (dashes as spaces, lower case)
    assert data["names"]["expert"] == {
        "wang ming": "wang-ming",
        "li hua": "li-hua",
        "zhang wei": "zhang-wei",
        "王明": "wang-ming",
        "李华": "li-hua",
        "张伟": "zhang-wei",
    }
    assert data["names"]["region"] == {
        "jingjinji": "jingjinji",
        "beijing tianjin hebei": "jingjinji",
        "京津冀": "jingjinji",
        "beijing": "beijing",
        "北京": "beijing",
        "110000": "beijing",
        "hebei": "hebei",
        "河北": "hebei",
        "河北省": "hebei",
        "hebei province": "hebei",
        "130000": "hebei",
        "xiongan": "xiongan",
        "xiong'an new area": "xiongan",
        "雄安新区": "xiongan",
        "雄安": "xiongan",
        "xiong'an": "xiongan",
        "airport zone": "airport-zone",
        "daxing airport economic zone": "airport-zone",
        "大兴机场临空经济区": "airport-zone",
        "yrd": "yrd",
        "yangtze river delta": "yrd",
        "长三角": "yrd",
    }
    assert data["names"]["source"] == {
        "mini forum": "mini-forum",
        "京津冀协同发展座谈会(测试)": "mini-forum",  # NFKC: full-width brackets as ASCII
        "test forum on beijing tianjin hebei coordination": "mini-forum",
    }
    assert data["names"]["theme"]["tech"] == "innovation"
    assert data["names"]["theme"]["free trade"] == "free-trade"
    # each field's weight as docs/commands.md gives them: a title 4 (English and Chinese), a
    # summary 3, the quote 2, a name 1 (theme, region, expert), in the order of `fields`
    assert data["weights"] == [4, 4, 3, 3, 2, 1, 1, 1]
    # the Chinese characters' blocks: 〇, extension A, the unified ideographs, compatibility
    # ideographs, and the supplementary planes' (extensions B onwards)
    assert data["chinese"] == [
        [0x3007, 0x3007],
        [0x3400, 0x4DBF],
        [0x4E00, 0x9FFF],
        [0xF900, 0xFAFF],
        [0x20000, 0x3FFFF],
    ]
    # each region with the places within it, itself included, sorted
    assert data["descendants"] == {
        "jingjinji": ["airport-zone", "beijing", "hebei", "jingjinji", "xiongan"],
        "beijing": ["airport-zone", "beijing"],
        "hebei": ["airport-zone", "hebei", "xiongan"],
        "xiongan": ["xiongan"],
        "airport-zone": ["airport-zone"],
        "yrd": ["yrd"],
    }


def test_the_index_page_exactly_its_filters_and_its_list(tmp_path):
    body = _body(site_of(MINI, tmp_path / "site"), "", "index")
    kinds = "".join(
        f'<label><input type="radio" name="kind" value="{value}">{_both(en, zh)}</label>'
        for value, en, zh in [
            ("proposal", "proposal", "建议"),
            ("finding", "finding", "判断"),
            ("all", "all", "全部"),
        ]
    )
    experts = "".join(
        f'<li><label><input type="checkbox" name="expert" value="{id}"> {name} '
        f'<span lang="zh">{name_zh}</span> <span class="count" data-count="expert:{id}"></span>'
        "</label></li>"
        for id, name, name_zh in [
            ("wang-ming", "Wang Ming", "王明"),
            ("li-hua", "Li Hua", "李华"),
            ("zhang-wei", "Zhang Wei", "张伟"),
        ]
    )
    assert body.startswith(
        f"<h1>{_both('Items', '条目')}</h1>"
        '<form id="filters" class="filters" role="search" hidden>'
        f'<p class="search"><label for="q">{_both("Search", "搜索")}</label> '
        '<input type="search" id="q" name="q" autocomplete="off"></p>'
        f'<fieldset class="kind"><legend>{_both("Kind", "类型")}</legend>{kinds}</fieldset>'
        '<details class="facet" data-facet="expert">'
        f"<summary>{_both('Experts', '专家')}</summary>"
        f'<fieldset><legend class="visually-hidden">{_both("Experts", "专家")}</legend>'
        f"<ul>{experts}</ul></fieldset></details>"
        '<details class="facet" data-facet="theme">'
    )
    # the four facets, in order, each with every value of the catalogue
    assert re.findall(r'data-facet="(\w+)"', body) == ["expert", "theme", "region", "source"]
    assert re.findall(r'name="region" value="([^"]+)"', body) == [
        "jingjinji",
        "beijing",
        "hebei",
        "xiongan",
        "airport-zone",
        "yrd",
    ]
    tail = body[body.rindex("</details>") + len("</details>") :]
    rows = tail[tail.index('<ol start="1">') + len('<ol start="1">') : tail.index("</ol>")]
    assert tail == (
        f'<p><button type="button" id="clear">{_both("Clear the filters", "清除筛选")}</button></p>'
        "</form>"
        '<p id="problem" class="problem" role="alert" hidden></p>'
        f'<p id="status" aria-live="polite">10 {_both("items", "个条目")}</p>'
        f'<div id="items" class="items" data-rows="50"><ol start="1">{rows}</ol></div>'
    )
    # the first item (its link relative to the index), then the rest by id, in list order
    assert rows.startswith(
        '<li data-item-id="wang-world-class-clusters">'
        '<a href="items/wang-world-class-clusters.html">Build world-class clusters, above all in'
        ' advanced manufacturing <span class="title-zh" lang="zh">'
        '打造以先进制造业为重点的世界级产业集群</span></a> <span class="meta">'
        f"{_both('proposal', '建议')} · {WANG}</span></li>"
    )
    assert re.findall(r'data-item-id="([^"]+)"', rows) == [
        row["id"] for row in sorted(independent.read(MINI)["proposals"], key=lambda r: r["seq"])
    ]


def test_a_long_index_comes_in_lists_of_fifty_numbered_on(tmp_path):
    body = _body(site_of(SHIPPED, tmp_path / "site", "--kind", "all"), "", "index")
    tables = independent.read(SHIPPED)
    count = len(tables["proposals"])
    lists = re.findall(r'<ol start="(\d+)">(.*?)</ol>', body)
    assert [int(start) for start, _ in lists] == list(range(1, count + 1, 50))
    assert [len(re.findall("<li ", rows)) for _, rows in lists] == [
        min(50, count - at) for at in range(0, count, 50)
    ]
    assert f'<p id="status" aria-live="polite">{count} ' in body
    assert '<div id="items" class="items" data-rows="50">' in body  # not "long": 500 or fewer


def _frame(root: str, title: str, scripts: str) -> tuple[str, str]:
    """What every page has before and after its own content, written out by hand."""
    nav = "".join(
        f'<li><a href="{root}{href}">{_both(en, zh)}</a></li>'
        for href, en, zh in [
            ("index.html", "Items", "条目"),
            ("experts.html", "Experts", "专家"),
            ("themes.html", "Themes", "主题"),
            ("regions.html", "Regions", "地区"),
            ("sources.html", "Sources", "来源"),
            ("pictures.html", "Pictures", "图表"),
        ]
    )
    before = (
        '<!doctype html>\n<html lang="en" data-lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # the policy in a double-quoted attribute, its own single quotes as they are
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
        "form-action 'none'\">\n"
        f"<title>{title}</title>\n"
        f'<link rel="stylesheet" href="{root}site.css">\n{scripts}\n</head>\n<body>\n'
        f'<a class="skip" href="#main">{_both("Skip to content", "跳到正文")}</a>\n'
        f'<header><nav aria-label="Site"><ul>{nav}</ul>'
        '<button type="button" class="lang-toggle" aria-pressed="false">'
        '<span class="en" lang="zh">中文</span><span class="zh" lang="en">English</span>'
        "</button></nav></header>\n"
        '<main id="main">\n'
    )
    after = (
        f"\n</main>\n<footer><p>{_both('Made by jjj.', '由 jjj 生成。')}</p></footer>\n"
        "</body>\n</html>\n"
    )
    return before, after


@pytest.mark.parametrize(
    ("path", "root", "title", "scripts"),
    [
        (
            "items/wang-research-to-hebei.html",
            "../",
            "Put Beijing&#x27;s research results to use in Hebei · 北京科技成果在河北转化",
            '<script src="../site.js" defer></script>',
        ),
        (
            "index.html",
            "",
            "jjj · 京津冀",
            '<script src="data.js" defer></script><script src="site.js" defer></script>',
        ),
        ("experts.html", "", "Experts · 专家", '<script src="site.js" defer></script>'),
        ("pictures.html", "", "Pictures · 图表", '<script src="site.js" defer></script>'),
    ],
    ids=["item", "index", "listing", "pictures"],
)
def test_a_page_is_framed_exactly(tmp_path, path, root, title, scripts):
    page = (site_of(MINI, tmp_path / "site") / path).read_text(encoding="utf-8")
    before, after = _frame(root, title, scripts)
    assert page.startswith(before)
    assert page.endswith(after)


def test_the_pictures_page_exactly(tmp_path):
    body = _body(site_of(MINI, tmp_path / "site"), "", "pictures")

    def figure(stem: str, en: str, zh: str) -> str:
        images = "".join(
            f'<a class="{lang}" lang="{lang}" href="pictures/{stem}.{lang}.svg">'
            f'<img class="{lang}" lang="{lang}" src="pictures/{stem}.{lang}.svg" alt="{alt}"></a>'
            for lang, alt in (("en", en), ("zh", zh))
        )
        caption = f"{_both(en, zh)} · {_both('open the SVG file by itself', '单独打开 SVG 文件')}"
        return f'<figure class="picture">{images}<figcaption>{caption}</figcaption></figure>'

    intro = _both(
        "Drawn by jjj from the items of this site; each picture is an SVG file of its own.",
        "由 jjj 根据本站条目绘制；每幅图都是一个单独的 SVG 文件。",
    )
    assert body == (
        f"<h1>{_both('Pictures', '图表')}</h1><p>{intro}</p>"
        + figure("expert-theme", "Who speaks on what", "谁谈什么")
        + figure("region-theme", "Where, on what", "何地、何题")
        + figure("network", "Experts, themes and regions", "专家、主题与地区")
    )


# fictional values for every field a source may have
SOURCE_FIELDS = """kind = "roundtable"
publisher = "A fictional daily"
date = 2022-03-04
period_zh = "二〇二二年"
framing = "A made-up framing."
framing_zh = "虚构的背景。"
url = "https://example.org/forum?a=1&b=2"
note = "A fictional note."
"""


def test_a_source_page_shows_every_field_a_source_may_have(tmp_path, catalogue_copy):
    toml = MINI.read_text(encoding="utf-8").replace(
        'period = "2022"\n', 'period = "2022"\n' + SOURCE_FIELDS, 1
    )
    body = _body(site_of(catalogue_copy(toml), tmp_path / "site"), "sources", "mini-forum")
    fields = body[body.index("<dl>") : body.index("</dl>") + len("</dl>")]
    assert fields == (
        "<dl>"
        + _row("Id", "编号", "<code>mini-forum</code>")
        + _row("Kind", "类型", "roundtable")
        + _row("Publisher", "发布者", "A fictional daily")
        + _row("Date", "日期", "2022-03-04")
        + _row("Period", "时期", '2022 <span lang="zh">二〇二二年</span>')
        + _row("Framing", "背景", 'A made-up framing. <span lang="zh">虚构的背景。</span>')
        + _row(
            "URL",
            "网址",
            '<a href="https://example.org/forum?a=1&amp;b=2" rel="noopener noreferrer">'
            "https://example.org/forum?a=1&amp;b=2</a>",
        )
        + _row("Note", "备注", "A fictional note.")
        + "</dl>"
    )


def test_the_list_of_regions_exactly_with_the_region_rules(tmp_path):
    # rules.toml: mini.toml with fictional rules; a site of the clusters theme, which holds
    # wang-world-class-clusters but not wang-research-to-hebei or li-transport-backbone
    body = _body(site_of(RULES, tmp_path / "site", "--theme", "clusters"), "", "regions")
    names = [
        ("jingjinji", "Beijing–Tianjin–Hebei", "京津冀"),
        ("beijing", "Beijing", "北京"),
        ("hebei", "Hebei", "河北"),
        ("xiongan", "Xiong&#x27;an New Area", "雄安新区"),
        ("airport-zone", "Daxing airport economic zone", "大兴机场临空经济区"),
        ("yrd", "Yangtze River Delta", "长三角"),
    ]
    listed = "".join(
        f'<li><a href="regions/{id}.html">{name} <span lang="zh">{name_zh}</span></a></li>'
        for id, name, name_zh in names
    )
    eg = _both("e.g.", "例：")
    tags = _both("tags:", "标签：")
    rules = (
        f'<h2>{_both("Region rules", "地区规则")}</h2><ol class="rules">'
        # an example the site has no page for is its id, not a link
        "<li>"
        + _both(
            "A place is tagged when the quote names it (a fictional rule).",
            "引文点名某地，即标注该地（虚构的规则）。",
        )
        + f'<br><span class="meta">{eg} <code>wang-research-to-hebei</code> '
        '“<span lang="zh">北京的科技成果应当在河北</span>”'
        f" · {tags} <code>beijing</code>, <code>hebei</code></span></li>"
        # no Chinese: the English in both; the example held: a link
        "<li>"
        + _both(
            "jingjinji is tagged when the quote names the three as one (a fictional rule).",
            "jingjinji is tagged when the quote names the three as one (a fictional rule).",
        )
        + f'<br><span class="meta">{eg} <code><a href="items/wang-world-class-clusters.html">'
        'wang-world-class-clusters</a></code> “<span lang="zh">京津冀要</span>”'
        f" · {tags} <code>jingjinji</code></span></li>"
        # a rule that gives no tags says nothing of them
        "<li>"
        + _both(
            "No place named, no region (a fictional rule).",
            "未点名任何地方，则不标注地区（虚构的规则）。",
        )
        + f'<br><span class="meta">{eg} <code>li-transport-backbone</code> '
        '“<span lang="zh">交通是产业协同的骨架</span>”</span></li>'
        "</ol>"
    )
    assert body == f"<h1>{_both('Regions', '地区')}</h1><ul>{listed}</ul>{rules}"


def test_a_rule_that_gives_no_tag_says_none(tmp_path, catalogue_copy):
    rule = 'words = "交通是产业协同的骨架" }'
    toml = RULES.read_text(encoding="utf-8")
    assert rule in toml
    site = site_of(catalogue_copy(toml.replace(rule, rule[:-1] + ", gives = [] }")), tmp_path / "s")
    body = _body(site, "", "regions")
    assert (
        '“<span lang="zh">交通是产业协同的骨架</span>”'
        f" · {_both('tags:', '标签：')} {_both('none', '无')}</span></li></ol>"
    ) in body


def test_a_site_is_exactly_these_files(tmp_path):
    result = jjj("site", "-o", str(tmp_path / "site"), catalogue=MINI)
    assert result.exit_code == 0
    # 1 index, 4 lists, 10 items, 3 experts, 6 themes, 6 regions, 1 source, 1 page of pictures
    assert "(32 pages)" in result.output
    site = tmp_path / "site"
    written = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    tables = independent.read(MINI)
    assert written == {
        "index.html",
        "data.js",
        "experts.html",
        "themes.html",
        "regions.html",
        "sources.html",
        "pictures.html",
        "site.css",
        "site.js",
        ".jjj-site",
        *(f"items/{row['id']}.html" for row in tables["proposals"]),
        *(f"experts/{row['id']}.html" for row in tables["experts"]),
        *(f"themes/{row['id']}.html" for row in tables["themes"]),
        *(f"regions/{row['id']}.html" for row in tables["regions"]),
        "sources/mini-forum.html",
        *(
            f"pictures/{name}.{lang}.svg"
            for name in ("expert-theme", "region-theme", "network")
            for lang in ("en", "zh")
        ),
    }
    assets = Path(__file__).parent.parent / "jjj_cli" / "render" / "site"
    for name in ("site.css", "site.js"):  # copied as the package has them
        assert (site / name).read_bytes() == (assets / name).read_bytes()
    assert (site / ".jjj-site").read_text(encoding="utf-8") == (
        "Written by `jjj site`; `jjj site --force` may replace this directory.\n"
    )


def test_a_site_is_written_in_utf_8_whatever_the_locale(tmp_path):
    # jjj in an interpreter of its own, in the C locale with Python's UTF-8 mode off: the
    # locale's encoding is ASCII, in which no page of a Chinese catalogue could be written,
    # nor the site's script read; every file must be byte for byte what a UTF-8 run writes
    environment = {key: value for key, value in os.environ.items() if key != "JJJ_CATALOGUE"}
    environment |= {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    said = "import locale; print(locale.getpreferredencoding(False))"
    encoding = subprocess.run(
        [sys.executable, "-c", said], capture_output=True, text=True, env=environment, check=True
    ).stdout.strip()
    assert encoding.lower() not in ("utf-8", "utf8"), encoding  # else this proves nothing
    run = [sys.executable, "-m", "jjj_cli", "--catalogue", str(MINI), "site", "-o"]
    result = subprocess.run(
        [*run, str(tmp_path / "c")], capture_output=True, env=environment, timeout=120
    )
    assert result.returncode == 0, result.stderr
    site_of(MINI, tmp_path / "utf-8")

    def files(site: Path) -> dict[str, bytes]:
        return {
            p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()
        }

    assert files(tmp_path / "c") == files(tmp_path / "utf-8")


def test_why_each_item_is_related_in_both_languages_worked_out_by_hand(tmp_path):
    # wang-research-to-hebei: innovation; Beijing and Hebei; curated: addresses li-hebei-capacity.
    # Related are other experts' items that share a theme, a region up or down the tree (⊃: the
    # other's place lies within this one's, ⊂: this one's within the other's) or a term.
    article = _article(site_of(MINI, tmp_path / "site"), "wang-research-to-hebei")
    found = re.findall(
        r'<li><a href="\.\./items/([a-z-]+)\.html">.*?<span class="meta"><span class="en" '
        r'lang="en">([^<]+)</span><span class="zh" lang="zh">([^<]+)</span></span></li>',
        article,
    )
    assert found[0] == (
        "li-hebei-capacity",
        "curated: addresses; regions hebei; terms 河北",
        "标注：回应；地区 hebei；词语 河北",
    )
    assert set(found[1:]) == {
        ("zhang-chain-gap", "themes innovation", "主题 innovation"),
        (
            "li-intercity-rail",
            "regions beijing⊃airport-zone, hebei⊃airport-zone",
            "地区 beijing⊃airport-zone, hebei⊃airport-zone",
        ),
        (
            "li-linked-ftzs",
            "regions beijing⊂jingjinji, hebei⊂jingjinji",
            "地区 beijing⊂jingjinji, hebei⊂jingjinji",
        ),
        (
            "zhang-market-integration",
            "regions beijing⊂jingjinji, hebei⊂jingjinji",
            "地区 beijing⊂jingjinji, hebei⊂jingjinji",
        ),
        ("zhang-leading-firms-xiongan", "regions hebei⊃xiongan", "地区 hebei⊃xiongan"),
    }


def test_an_item_page_of_a_quote_opening_its_paragraph_and_of_one_without_related(tmp_path):
    site = site_of(MINI, tmp_path / "site")
    first = _article(site, "wang-world-class-clusters")
    # the quote is the first sentence of the second paragraph: the sentence before it is the
    # whole of the first paragraph, a paragraph of its own
    assert (
        '<blockquote lang="zh" cite="../sources/mini-forum.html">'
        "<p>三位学者在京津冀协同发展座谈会上发言。</p>"
        "<p>王明（某大学教授）：<mark>京津冀要打造世界级产业集群，重点是先进制造业。</mark>"
        "北京的科技成果应当在河北转化落地。</p></blockquote>"
        '<p class="meta">¶2.1, lines 3–4 · '
    ) in first
    # a finding on transport alone, by the only expert on transport, with no region
    alone = _article(site, "li-transport-backbone")
    assert alone.endswith(
        f"<h2>{_both('Related items', '相关条目')}</h2><p>{_both('None.', '无。')}</p></article>"
    )
    two = _article(site, "zhang-chain-gap")
    assert (
        _row(
            "Themes",
            "主题",
            '<a href="../themes/chains.html">Industrial and innovation chains <span lang="zh">'
            '产业链与创新链</span></a>, <a href="../themes/innovation.html">Technology innovation'
            ' <span lang="zh">科技创新</span></a>',
        )
        in two
    )


def test_a_quote_of_two_sentences_is_placed_from_the_first_to_the_last(tmp_path, catalogue_copy):
    one = 'quote = "雄安新区要建设成为创新高地。"'
    toml = MINI.read_text(encoding="utf-8")
    assert one in toml
    # fictional: the item's quote made to run on into the next sentence (a figure's quote)
    two = 'quote = "雄安新区要建设成为创新高地。2022年北京研发投入强度为6.8%，是河北的3倍多。"'
    site = site_of(catalogue_copy(toml.replace(one, two)), tmp_path / "site")
    assert '<p class="meta">¶2.3–¶2.4, lines 5–6 · ' in _article(site, "wang-xiongan-innovation")


def test_why_a_computed_relation_holds_in_chinese_every_part_of_it():
    item = load_catalogue(MINI).by_id["li-hebei-capacity"]
    relation = Relation(
        item, "echoes", 1.0, ("chains", "innovation"), ("beijing",), ("河北", "雄安")
    )
    assert _reason(relation) == _both(
        "curated: echoes; themes chains, innovation; regions beijing; terms 河北、雄安",
        "标注：呼应；主题 chains, innovation；地区 beijing；词语 河北、雄安",
    )
    bare = Relation(item, None, 1.0, (), (), ("河北",))
    assert _reason(bare) == _both("terms 河北", "词语 河北")


# a fictional expert with nothing in the catalogue, and a note for Wang Ming
LONE_EXPERT = """
[[experts]]
id = "zhao-lone"
name = "Zhao Lone"
name_zh = "赵孤"
affiliation = "A fictional institute"
affiliation_zh = "虚构研究所"
"""


def test_an_expert_page_with_a_note_and_one_with_nothing_in_any_source(tmp_path, catalogue_copy):
    toml = MINI.read_text(encoding="utf-8")
    mine = 'affiliation_zh = "某大学教授"\n'
    assert mine in toml
    toml = toml.replace(mine, mine + 'note = "A fictional note."\n', 1)
    toml = toml.replace("[[appearances]]", LONE_EXPERT + "\n[[appearances]]", 1)
    site = site_of(catalogue_copy(toml), tmp_path / "site")
    wang = _body(site, "experts", "wang-ming")
    assert (
        "<dl>"
        + _row("Affiliation", "单位", 'Professor, a university <span lang="zh">某大学教授</span>')
        + _row("Note", "备注", "A fictional note.")
        + "</dl>"
    ) in wang
    none = f"<p>{_both('None.', '无。')}</p>"
    assert _body(site, "experts", "zhao-lone") == (
        '<h1>Zhao Lone <span lang="zh">赵孤</span></h1><dl>'
        + _row("Affiliation", "单位", 'A fictional institute <span lang="zh">虚构研究所</span>')
        + f"</dl><h2>{_both('In each source', '各来源中')}</h2>"
        f"<h2>{_both('Items', '条目')}</h2><p>{_both('No items here.', '这里没有条目。')}</p>"
        f"<h2>{_both('Figures', '数据')}</h2>{none}"
    )


def test_a_source_page_of_a_site_holding_none_of_its_items_says_so(tmp_path):
    # no item is both Wang Ming's and on transport
    site = site_of(MINI, tmp_path / "site", "--expert", "wang-ming", "--theme", "transport")
    body = _body(site, "sources", "mini-forum")
    assert (
        f"<h2>{_both('Items', '条目')}</h2><p>{_both('No items here.', '这里没有条目。')}</p>"
    ) in body


def test_an_expert_in_two_sources_has_a_section_for_each_with_what_each_gives(tmp_path):
    # tests/data/two-sources (fictional): Lin Xiao has a headline in the forum, a question in
    # the interview, neither a note; the sources in the order their files are included
    catalogue = Path(__file__).parent / "data" / "two-sources" / "catalogue.toml"
    body = _body(site_of(catalogue, tmp_path / "site"), "experts", "lin-xiao")
    forum = (
        '<a href="../sources/test-forum.html">A fictional forum on industrial cooperation'
        ' <span lang="zh">三地产业协作座谈会（虚构）</span></a>'
    )
    interview = (
        '<a href="../sources/test-interview.html">A fictional interview on innovation in'
        ' Xiong&#x27;an <span lang="zh">雄安创新访谈（虚构）</span></a>'
    )
    assert (
        f"<h2>{_both('In each source', '各来源中')}</h2>"
        f"<section><h3>{forum}</h3><dl>"
        + _row(
            "Headline",
            "标题",
            'Start from jointly built parks <span lang="zh">从园区共建做起</span>',
        )
        + f"</dl></section><section><h3>{interview}</h3><dl>"
        + _row(
            "Question",
            "提问",
            'How can Xiong&#x27;an draw innovation? <span lang="zh">雄安如何吸引创新资源？</span>',
        )
        + f"</dl></section><h2>{_both('Items', '条目')}</h2>"
    ) in body


def test_a_quote_inside_another_neither_end_shared_is_marked_as_the_inner_one(
    tmp_path, catalogue_copy
):
    # a fictional figure quoting words in the middle of wang-research-to-hebei's quote, nearer
    # its end than its start: the inner one is the shorter, wherever it lies
    figure = INNER_FIGURE.replace('quote = "北京的科技成果"', 'quote = "在河北转化落地"')
    catalogue = catalogue_copy(MINI.read_text(encoding="utf-8") + figure)
    body = _body(site_of(catalogue, tmp_path / "site"), "sources", "mini-forum")
    item = "items/wang-research-to-hebei.html"
    assert (
        _quoted("wang-research-to-hebei", item, "北京的科技成果应当")
        + _quoted("wang-inner", "experts/wang-ming.html#figure-wang-inner", "在河北转化落地")
        + f'<a href="../{item}"><mark title="wang-research-to-hebei">。</mark></a>'
    ) in body


def test_a_theme_page_lists_its_aliases_and_links_to_the_rules_for_every_theme(tmp_path):
    site = site_of(RULES, tmp_path / "site")
    body = _body(site, "themes", "clusters")
    assert _row("Aliases", "别名", "industrial-clusters, 集群") in body
    every = _both("The rules for every theme", "适用于所有主题的规则")
    assert f'<p><a href="../themes.html">{every}</a></p><h2>{_both("Items", "条目")}</h2>' in body


def test_a_place_also_within_two_regions_names_both(tmp_path, catalogue_copy):
    toml = MINI.read_text(encoding="utf-8")
    assert 'also_within = ["hebei"]' in toml
    # fictional: the airport zone also within the Yangtze River Delta
    catalogue = catalogue_copy(
        toml.replace('also_within = ["hebei"]', 'also_within = ["hebei", "yrd"]')
    )
    body = _body(site_of(catalogue, tmp_path / "site"), "regions", "airport-zone")
    yrd = '<a href="../regions/yrd.html">Yangtze River Delta <span lang="zh">长三角</span></a>'
    assert _row("Also within", "亦属", f"{HEBEI}, {yrd}") in body


def test_an_expert_with_several_figures_has_a_row_for_each(tmp_path):
    tables = independent.read(SHIPPED)
    figures = [row["id"] for row in tables["figures"] if row["expert"] == "ye-tanglin"]
    assert len(figures) > 1
    body = _body(site_of(SHIPPED, tmp_path / "site"), "experts", "ye-tanglin")
    rows = body[body.index("<tbody>") + len("<tbody>") : body.index("</tbody>")]
    assert re.findall(r'<tr id="figure-([^"]+)">', rows) == figures
    assert re.fullmatch(r'(?:<tr id="figure-[^"]+">(?:(?!</tr>).)*</tr>)+', rows)  # nothing between


def test_the_list_of_experts_exactly(tmp_path):
    body = _body(site_of(MINI, tmp_path / "site"), "", "experts")
    listed = "".join(
        f'<li><a href="experts/{id}.html">{name} <span lang="zh">{name_zh}</span></a></li>'
        for id, name, name_zh in [
            ("wang-ming", "Wang Ming", "王明"),
            ("li-hua", "Li Hua", "李华"),
            ("zhang-wei", "Zhang Wei", "张伟"),
        ]
    )
    # no rules for experts: nothing after the list
    assert body == f"<h1>{_both('Experts', '专家')}</h1><ul>{listed}</ul>"


def test_the_index_data_is_compact_json_its_chinese_as_itself(tmp_path):
    script = (site_of(MINI, tmp_path / "site") / "data.js").read_text(encoding="utf-8")
    # no space after a separator, and Chinese written as itself, not as \\u escapes
    assert script.startswith('window.JJJ_DATA = {"items":[{"id":"wang-world-class-clusters",')
    assert '"打造以先进制造业为重点的世界级产业集群"' in script


def test_the_index_lists_hold_only_their_rows_and_a_long_index_is_marked_long():
    catalogue = load_catalogue(SHIPPED)
    items = list(catalogue.items)

    def index_of(count: int) -> str:
        many = (items * (count // len(items) + 1))[:count]  # the shipped items, repeated
        return index_page(Site(catalogue, many))

    row = r'<li data-item-id="[a-z0-9-]+">(?:(?!</li>).)*</li>'
    for count, long in [(500, ""), (501, " long")]:
        page = index_of(count)
        lists = page[page.index('data-rows="50">') + len('data-rows="50">') :]
        lists = lists[: lists.index("</div>")]
        assert re.fullmatch(f'(?:<ol start="\\d+">(?:{row})+</ol>)+', lists)
        assert lists.count("<ol ") == 10 + (count > 500)
        assert f'<div id="items" class="items{long}" data-rows="50">' in page
