"""The site `jjj site` writes, opened from file:// in a real browser (tests/browser.py): the
index's filters show what `jjj list` lists, the URL keeps them, the language toggles, the
content security policy lets the site's own script run and nothing else, a hostile
catalogue runs none of its strings, and nothing scrolls sideways."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest

from jjj_cli.render.site import index

from .browser import browser, page  # noqa: F401
from .invoke import jjj, ok_json
from .paths import MINI, SHIPPED
from .test_site import SENTINEL, hostile, hostile_text, site_of  # noqa: F401

SHOWN = "Array.from(document.querySelectorAll('#items li:not([hidden])'), li => li.dataset.itemId)"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sites")
    return {
        name: site_of(path, folder / name) for name, path in (("mini", MINI), ("shipped", SHIPPED))
    }


def url(site: Path, name: str = "index.html", query: dict[str, str] | None = None) -> str:
    return (site / name).resolve().as_uri() + (f"?{urlencode(query)}" if query else "")


def shown(page) -> list[str]:  # noqa: F811
    return page.evaluate(SHOWN)


def listed(catalogue: Path, args: list[str]) -> list[str]:
    return [item["id"] for item in ok_json("list", *args, catalogue=catalogue)]


# Each: the catalogue, then the filters as the URL gives them, which are the command line's
# flags and values (a repeated flag in the URL is a repeated flag on the command line).
FILTERS = [
    ("mini", []),
    ("mini", [("kind", "all")]),
    ("mini", [("kind", "finding")]),
    ("mini", [("theme", "clusters")]),
    ("mini", [("theme", "集群,transport")]),
    ("mini", [("region", "hebei")]),  # Xiong'an and the airport zone within it
    ("mini", [("region", "河北省"), ("kind", "all")]),
    ("mini", [("region", "beijing"), ("theme", "transport"), ("kind", "all")]),
    ("mini", [("expert", "王明"), ("expert", "li-hua")]),
    ("mini", [("source", "mini-forum"), ("theme", "ftz")]),
    ("shipped", []),
    ("shipped", [("theme", "clusters"), ("region", "hebei")]),
    ("shipped", [("theme", "产业链"), ("kind", "all")]),
    ("shipped", [("region", "北京"), ("expert", "zhao-hong")]),
    ("shipped", [("region", "雄安,天津"), ("kind", "all")]),
    ("shipped", [("expert", "Ye Tanglin"), ("kind", "finding")]),
    ("shipped", [("theme", "Strengthening, supplementing and extending chains")]),
]


@pytest.mark.parametrize(("catalogue", "query"), FILTERS)
def test_the_index_shows_what_list_lists(page, sites, catalogue, query):  # noqa: F811
    path = {"mini": MINI, "shipped": SHIPPED}[catalogue]
    args = [part for flag, value in query for part in (f"--{flag}", value)]
    expected = listed(path, args)
    page.goto(url(sites[catalogue]) + ("?" + urlencode(query) if query else ""))
    assert shown(page) == expected
    status = page.locator("#status").inner_text()
    assert status.startswith(f"{len(expected)} ")


# Each: the catalogue, the query, then filters as above.
SEARCHES = [
    ("shipped", "雄安", []),
    ("shipped", "cluster", []),
    ("shipped", "clusters hebei", [("kind", "all")]),
    ("shipped", "free trade", []),
    ("shipped", '"free trade"', [("kind", "all")]),
    ("shipped", "产业 链", []),  # a layout space inside Chinese
    ("shipped", "R&D", [("kind", "all")]),
    ("shipped", "2+4+N", []),
    ("shipped", "北京 transport", [("kind", "all")]),
    ("shipped", "产业集群", [("region", "hebei"), ("expert", "zhao-hong")]),
    ("shipped", "创新", [("theme", "chains"), ("kind", "finding")]),
    ("shipped", '"world-class" 集群', []),
    ("mini", "集群", [("kind", "all")]),
    ("mini", "Xiong", [("kind", "all")]),
    ("mini", "rail", []),
]


@pytest.mark.parametrize(("catalogue", "q", "query"), SEARCHES)
def test_the_index_searches_as_search_does(page, sites, catalogue, q, query):  # noqa: F811
    path = {"mini": MINI, "shipped": SHIPPED}[catalogue]
    args = [part for flag, value in query for part in (f"--{flag}", value)]
    expected = [hit["id"] for hit in ok_json("search", q, *args, catalogue=path)]
    page.goto(url(sites[catalogue]) + "?" + urlencode([("q", q), *query]))
    assert shown(page) == expected  # the same items, in the same order


@pytest.fixture(scope="module")
def short_lists(tmp_path_factory) -> Path:
    """The shipped catalogue's site, its index in lists of 7 rows laid out only near the
    screen, as a long index is: rows move between the lists as they are searched."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "LIST_ROWS", 7)
        patch.setattr(index, "LONG_INDEX", 0)
        return site_of(SHIPPED, tmp_path_factory.mktemp("short") / "site")


# Each list's rows shown, and the number the browser gives each: the list's start, then on.
LISTS = """() => Array.from(document.querySelectorAll('#items > ol'), ol => Array.from(
  ol.querySelectorAll('li:not([hidden])'), (li, k) => [li.dataset.itemId, ol.start + k]))"""


def test_rows_in_many_lists_show_and_number_as_one_list(page, short_lists):  # noqa: F811
    page.goto(url(short_lists, query={"kind": "all"}))
    assert page.get_attribute("#items", "class") == "items long"
    everything = listed(SHIPPED, ["--kind", "all"])
    page.locator("details[data-facet=theme] summary").click()
    steps = [
        ("cluster", []),
        ("产业链", []),
        ("", []),
        ("", ["clusters"]),
        ("雄安", ["clusters"]),
        ("free trade", ["clusters"]),
        ("", ["clusters"]),
        ("", []),
    ]
    for q, themes in steps:
        for box in page.locator("input[name=theme]").all():
            box.set_checked(box.get_attribute("value") in themes)
        page.locator("#q").fill(q)
        args = ["--kind", "all", *(part for theme in themes for part in ("--theme", theme))]
        expected = (
            [hit["id"] for hit in ok_json("search", q, *args, catalogue=SHIPPED)]
            if q
            else listed(SHIPPED, args)
        )
        lists = page.evaluate(LISTS)
        assert [id for rows in lists for id, _ in rows] == expected, (q, themes)
        assert [number for rows in lists for _, number in rows] == list(range(1, len(expected) + 1))
        assert max(len(rows) for rows in lists) <= 7  # a screenful laid out, not the whole list
        assert sorted(
            page.evaluate(
                "Array.from(document.querySelectorAll('#items li'), li => li.dataset.itemId)"
            )
        ) == sorted(everything)


def test_typing_a_search_keeps_it_in_the_url(page, sites):  # noqa: F811
    page.goto(url(sites["shipped"], query={"theme": "clusters"}))
    page.locator("#q").fill("雄安")
    expected = [
        hit["id"] for hit in ok_json("search", "雄安", "--theme", "clusters", catalogue=SHIPPED)
    ]
    assert expected
    assert shown(page) == expected
    assert page.evaluate("new URLSearchParams(location.search).get('q')") == "雄安"
    page.locator("#q").press("Enter")  # nothing to submit: the page stays
    assert shown(page) == expected
    page.reload()
    assert page.locator("#q").input_value() == "雄安" and shown(page) == expected


def test_counts_beside_each_value_are_the_codebooks(page, sites):  # noqa: F811
    page.goto(url(sites["mini"], query={"region": "hebei"}))
    # as `jjj themes --region hebei` counts them
    expected = {
        theme["id"]: theme["count"]
        for theme in ok_json("themes", "--region", "hebei", catalogue=MINI)
    }
    counts = page.evaluate(
        "Object.fromEntries(Array.from(document.querySelectorAll('[data-count^=\"theme:\"]'),"
        " e => [e.dataset.count.slice(6), Number(e.textContent)]))"
    )
    assert counts == expected


COUNTS = (
    "Object.fromEntries(Array.from(document.querySelectorAll('[data-count]'),"
    " e => [e.dataset.count, Number(e.textContent)]))"
)
CODEBOOKS = {"expert": "experts", "theme": "themes", "region": "regions", "source": "sources"}


def places_within(region: str) -> set[str]:
    """The region and every place within it, from the parents `jjj regions` gives."""
    parents = {record["id"]: record["parent"] for record in ok_json("regions", catalogue=SHIPPED)}
    within = {region}
    while grown := {place for place, parent in parents.items() if parent in within} - within:
        within |= grown
    return within


def test_an_item_on_several_places_in_a_region_is_there_once():
    # what the next test's first case stands on: an item it lists on three places in Hebei
    items = ok_json(
        "list", "--theme", "clusters", "--expert", "zhao-hong", "--kind", "all", catalogue=SHIPPED
    )
    assert any(len(set(item["regions"]) & places_within("hebei")) > 1 for item in items)


# Each: filters in two facets or more, as the URL gives them.
COUNTED = [
    [("theme", "clusters"), ("expert", "zhao-hong"), ("kind", "all")],
    [("region", "hebei"), ("theme", "chains,transport")],
    [("region", "beijing"), ("region", "tianjin"), ("expert", "Ye Tanglin"), ("kind", "finding")],
    [("theme", "clusters"), ("region", "xiongan"), ("source", "jjj-roundtable")],
]


@pytest.mark.parametrize("query", COUNTED)
def test_each_facets_counts_are_its_codebooks_under_the_other_filters(page, sites, query):  # noqa: F811
    page.goto(url(sites["shipped"]) + "?" + urlencode(query))
    # a facet's counts are `jjj themes` (and the others) given every filter but its own
    expected = {}
    for facet, command in CODEBOOKS.items():
        others = [part for flag, value in query if flag != facet for part in (f"--{flag}", value)]
        for record in ok_json(command, *others, catalogue=SHIPPED):
            expected[f"{facet}:{record['id']}"] = record["count"]
    assert page.evaluate(COUNTS) == expected


def test_counts_under_a_search_are_what_search_finds(page, sites):  # noqa: F811
    q = "产业链"
    query = [("theme", "chains"), ("region", "hebei"), ("kind", "all")]
    page.goto(url(sites["shipped"]) + "?" + urlencode([("q", q), *query]))
    expected = {}
    for facet, command in CODEBOOKS.items():
        others = [part for flag, value in query if flag != facet for part in (f"--{flag}", value)]
        for record in ok_json(command, catalogue=SHIPPED):
            hits = ok_json("search", q, *others, f"--{facet}", record["id"], catalogue=SHIPPED)
            expected[f"{facet}:{record['id']}"] = len(hits)
    assert page.evaluate(COUNTS) == expected


def test_ticking_filters_sets_the_url_and_back_undoes_it(page, sites):  # noqa: F811
    page.goto(url(sites["mini"]))
    everything = shown(page)
    page.locator("details[data-facet=theme] summary").click()
    page.locator("input[name=theme][value=transport]").check()
    assert page.evaluate("location.search") == "?theme=transport"
    assert shown(page) == listed(MINI, ["--theme", "transport"])
    page.locator("input[name=kind][value=all]").check()
    assert page.evaluate("location.search") == "?theme=transport&kind=all"
    assert shown(page) == listed(MINI, ["--theme", "transport", "--kind", "all"])
    page.go_back()
    assert page.evaluate("location.search") == "?theme=transport"
    assert shown(page) == listed(MINI, ["--theme", "transport"])
    page.go_back()
    assert shown(page) == everything
    page.go_forward()
    assert shown(page) == listed(MINI, ["--theme", "transport"])
    assert page.locator("input[name=theme][value=transport]").is_checked()


def test_an_unknown_name_in_the_url_is_said_and_matches_nothing(page, sites):  # noqa: F811
    assert jjj("list", "--theme", "nonesuch").exit_code == 2
    page.goto(url(sites["mini"], query={"theme": "nonesuch"}))
    assert shown(page) == []
    assert "nonesuch" in page.locator("#problem").inner_text()


def test_the_language_toggle_and_lang_in_the_url(page, sites):  # noqa: F811
    page.goto(url(sites["mini"]))
    heading = page.locator("h1")
    assert heading.inner_text() == "Items"
    page.locator(".lang-toggle").click()
    assert heading.inner_text() == "条目"
    assert "lang=zh" in page.evaluate("location.search")
    # the language follows a link, and Chinese from the catalogue shows in both
    with page.expect_navigation():
        page.locator("#items a").first.click()
    assert "lang=zh" in page.evaluate("location.search")
    assert page.evaluate("document.documentElement.dataset.lang") == "zh"
    page.goto(url(sites["mini"], "items/wang-world-class-clusters.html"))
    assert "打造以先进制造业为重点的世界级产业集群" in page.locator("h1").inner_text()
    assert (
        page.locator("mark").first.inner_text() == "京津冀要打造世界级产业集群，重点是先进制造业。"
    )


VISIBLE_IMAGES = (
    "Array.from(document.images).filter(i => i.offsetParent !== null)"
    ".map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0])"
)


def test_the_pictures_load_in_either_language(page, sites):  # noqa: F811
    page.goto(url(sites["shipped"], "pictures.html"))
    page.wait_for_load_state("load")
    shown_en = page.evaluate(VISIBLE_IMAGES)
    assert [src for src, _ in shown_en] == [
        "pictures/expert-theme.en.svg",
        "pictures/region-theme.en.svg",
        "pictures/network.en.svg",
    ]
    assert all(loaded for _, loaded in shown_en)  # the policy lets the site's own images load
    page.locator(".lang-toggle").click()
    page.wait_for_function("Array.from(document.images).every(i => i.complete)")
    shown_zh = page.evaluate(VISIBLE_IMAGES)
    assert [src for src, _ in shown_zh] == [src.replace(".en.", ".zh.") for src, _ in shown_en]
    assert all(loaded for _, loaded in shown_zh)


def test_the_policy_lets_the_sites_script_run_and_no_inline_script(browser, sites):  # noqa: F811
    from jjj_cli.render.site.markup import CSP

    site = sites["mini"]
    probe = site / "probe.html"
    probe.write_text(
        f'<!doctype html><meta http-equiv="Content-Security-Policy" content="{CSP}">'
        "<script>window.inlineRan = true</script>"
        '<script src="site.js"></script><p id=x>x</p>',
        encoding="utf-8",
    )
    try:
        opened = browser.new_page()
        opened.goto(probe.resolve().as_uri())
        assert opened.evaluate("window.inlineRan") is None
        # site.js ran from file:// under 'self': it set the page's language
        assert opened.evaluate("document.documentElement.dataset.lang") == "en"
        opened.close()
    finally:
        probe.unlink()


def test_a_hostile_catalogue_runs_none_of_its_strings(page, hostile, tmp_path):  # noqa: F811
    site = site_of(hostile, tmp_path / "site")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sentinel = SENTINEL.split("=")[0]
    for path in sorted(site.rglob("*.html")):
        page.goto(path.resolve().as_uri())
        assert page.evaluate(sentinel) is None, path
    page.goto(url(site, query={"region": f"</script>{SENTINEL}", "kind": "all"}))
    assert shown(page) == listed(hostile, ["--region", f"</script>{SENTINEL}", "--kind", "all"])
    assert page.evaluate(sentinel) is None
    assert dialogs == []
    assert "<script>" in hostile_text()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_page_scrolls_sideways(page, sites, tmp_path, width, lang):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    site = sites["shipped"]
    for name in (
        "index.html",
        "items/zhao-key-projects.html",
        "sources/jjj-roundtable.html",
        "experts/zhao-hong.html",
        "pictures.html",
        "regions/hebei.html",
    ):
        page.goto(url(site, name, {"lang": lang}))
        page.locator("details").first.click() if name == "index.html" else None
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        page.screenshot(path=tmp_path / f"{name.replace('/', '-')}-{lang}-{width}.png")


# Every element's own text against the background it stands on: the WCAG contrast ratio of
# its colour and the first opaque background found going up (the page's white at the top).
CONTRASTS = """() => {
  const rgb = (value) => value.match(/[0-9.]+/g).map(Number);
  const channel = (c) => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = (element) => {
    for (let at = element; at; at = at.parentElement) {
      const colour = rgb(getComputedStyle(at).backgroundColor);
      if (colour.length === 3 || colour[3] === 1) { return colour.slice(0, 3); }
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const element of document.querySelectorAll("body *")) {
    const own = Array.from(element.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || element.offsetParent === null) { continue; }
    const fore = luminance(rgb(getComputedStyle(element).color).slice(0, 3));
    const back = luminance(background(element));
    const ratio = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
    if (ratio < 4.5) {
      low.push(`${element.tagName} ${element.textContent.trim().slice(0, 30)} ${ratio.toFixed(2)}`);
    }
  }
  return low;
}"""


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "items/wang-world-class-clusters.html",
        "sources/mini-forum.html",
        "experts/wang-ming.html",
        "pictures.html",
    ],
)
def test_text_contrasts_with_its_background(page, sites, name):  # noqa: F811
    page.goto(url(sites["mini"], name))
    for details in page.locator("details").all():
        details.locator("summary").click()
    assert page.evaluate(CONTRASTS) == []


def test_the_keyboard_reaches_everything_and_focus_shows(page, sites):  # noqa: F811
    page.goto(url(sites["mini"]))
    page.keyboard.press("Tab")
    focused = "document.activeElement"
    assert page.evaluate(f"{focused}.getAttribute('href')") == "#main"  # skip to the content
    assert page.evaluate(f"{focused}.getBoundingClientRect().width") > 0  # shown when focused
    assert page.evaluate(f"getComputedStyle({focused}).outlineStyle") != "none"
    # a facet opens from the keyboard, and its values are ticked with the space bar
    summary = page.locator("details[data-facet=theme] summary")
    summary.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(f"{focused}.name") == "theme"
    page.keyboard.press("Space")
    assert page.evaluate("location.search") == "?theme=clusters"
    assert shown(page) == listed(MINI, ["--theme", "clusters"])
    assert page.evaluate(f"getComputedStyle({focused}).outlineStyle") != "none"


def test_print_leaves_out_the_controls(page, sites):  # noqa: F811
    page.goto(url(sites["mini"]))
    page.emulate_media(media="print")
    for selector in ("header", "#filters", "footer"):
        assert page.locator(selector).is_hidden(), selector
    assert page.locator("#items").is_visible()
