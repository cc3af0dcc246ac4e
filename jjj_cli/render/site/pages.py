"""The pages of the site, each a string of HTML: the index, one page per item, expert, theme,
region and source, and a list of each. Every value from the catalogue goes through markup's
`text` (or `zh`, `external`); every link inside the site is made here, from ids, which the
loader allows only as slugs (a-z, 0-9, -), and only to pages the site has."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ...catalogue import Catalogue, Expert, Figure, Item, Region, Rule, Source, Theme
from ...explore import (
    ContextParagraph,
    Marked,
    Neighbours,
    Relation,
    SourceParagraph,
    full_source,
    source_context,
)
from ...language import in_language
from ...query import Facet, containing
from ..headings import VALUES
from .markup import both, external, link, page, text, zh

UP = "../"

# The heading of each facet, and the folder of its pages.
FACETS = {
    Facet.expert: ("Experts", "专家", "experts"),
    Facet.theme: ("Themes", "主题", "themes"),
    Facet.region: ("Regions", "地区", "regions"),
    Facet.source: ("Sources", "来源", "sources"),
}
KIND_NAMES = {"proposal": ("proposal", "建议"), "finding": ("finding", "判断")}


class Site:
    """The catalogue and the items the site holds (a page for each), in `jjj list` order."""

    def __init__(self, catalogue: Catalogue, items: Sequence[Item]) -> None:
        self.catalogue = catalogue
        self.items = tuple(items)
        self.held = frozenset(item.id for item in items)
        self.neighbours = Neighbours(catalogue)  # every item page's related items
        self._with: dict[Facet, dict[str, list[Item]]] = {}

    def items_with(self, facet: Facet) -> dict[str, list[Item]]:
        """For each value of a facet, the catalogue's items `list --<facet> VALUE --kind all`
        lists: a region's hold its places' too. Worked out for all the values at once."""
        if facet not in self._with:
            catalogue, found = self.catalogue, self._with.setdefault(facet, {})
            above = (  # for regions, the regions each is in, itself included
                {region.id: containing(catalogue, region.id) for region in catalogue.regions}
                if facet is Facet.region
                else {}
            )
            for item in catalogue.items:
                if facet is Facet.expert:
                    values: Iterable[str] = (item.expert,)
                elif facet is Facet.theme:
                    values = dict.fromkeys(item.themes)
                elif facet is Facet.region:
                    values = dict.fromkeys(a for r in item.regions for a in above.get(r, ()))
                else:
                    values = (item.source,)
                for value in values:
                    found.setdefault(value, []).append(item)
        return self._with[facet]

    def name_of(self, id: str) -> str:
        """A facet value's name in both languages (an expert, theme, region or source)."""
        record = self.catalogue.by_id[id]
        if isinstance(record, Source):
            return f"{text(record.title_en)} {zh(record.title)}"
        assert isinstance(record, (Expert, Theme, Region))
        return f"{text(record.name)} {zh(record.name_zh)}"

    def facet_link(self, folder: str, id: str, root: str = UP) -> str:
        return link(f"{root}{folder}/{id}.html", self.name_of(id))

    def item_link(self, item: Item) -> str:
        """An item's titles, a link where the site has its page."""
        titles = f'{text(item.title)} <span class="title-zh" lang="zh">{text(item.title_zh)}</span>'
        if item.id in self.held:
            return link(f"{UP}items/{item.id}.html", titles)
        return titles


def facet_records(catalogue: Catalogue, facet: Facet) -> Sequence[Expert | Theme | Region | Source]:
    """A facet's values, in catalogue order."""
    if facet is Facet.expert:
        return catalogue.experts
    if facet is Facet.theme:
        return catalogue.themes
    if facet is Facet.region:
        return catalogue.regions
    return catalogue.sources


def _definition_list(rows: Iterable[tuple[str, str, str]]) -> str:
    """`(en, zh, value markup)` as a <dl>, leaving out empty values."""
    body = "".join(f"<dt>{both(en, zh_)}</dt><dd>{value}</dd>" for en, zh_, value in rows if value)
    return f"<dl>{body}</dl>"


def _item_list(site: Site, items: Iterable[Item]) -> str:
    rows = [
        f'<li data-item-id="{text(item.id)}">{site.item_link(item)} '
        f'<span class="meta">{_kind(item.kind)} · {site.name_of(item.expert)}</span></li>'
        for item in items
        if item.id in site.held
    ]
    if not rows:
        return f"<p>{both('No items here.', '这里没有条目。')}</p>"
    return f'<ol class="items">{"".join(rows)}</ol>'


def _kind(kind: str) -> str:
    en, zh_ = KIND_NAMES.get(kind, (kind, kind))
    return both(en, zh_)


def _heading(en: str, zh_: str, level: int = 2) -> str:
    return f"<h{level}>{both(en, zh_)}</h{level}>"


def item_page(site: Site, item: Item) -> str:
    catalogue = site.catalogue
    context = source_context(catalogue, item.id, sentences=1)
    quoted = "".join(f"<p>{_marked(paragraph)}</p>" for paragraph in context.paragraphs)
    place = context.place
    where = (
        f"¶{place.paragraph}.{place.sentence_start}"
        + (
            f"–¶{place.paragraph_end}.{place.sentence_end}"
            if (place.paragraph_end, place.sentence_end) != (place.paragraph, place.sentence_start)
            else ""
        )
        + f", lines {context.line_start}–{context.line_end}"
    )
    fields = _definition_list(
        [
            ("Id", "编号", f"<code>{text(item.id)}</code>"),
            ("Kind", "类型", _kind(item.kind)),
            ("Expert", "专家", site.facet_link("experts", item.expert)),
            ("Source", "来源", site.facet_link("sources", item.source)),
            ("Themes", "主题", ", ".join(site.facet_link("themes", t) for t in item.themes)),
            ("Regions", "地区", ", ".join(site.facet_link("regions", r) for r in item.regions)),
            ("Summary", "摘要", text(item.summary)),
            ("Summary (Chinese)", "中文摘要", zh(item.summary_zh)),
            ("Note", "备注", text(item.note or "")),
        ]
    )
    relations = site.neighbours.related(item.id)
    linked = "".join(
        f'<li>{site.item_link(relation.item)} <span class="meta">{_reason(relation)}</span></li>'
        for relation in relations
    )
    in_source = link(
        f"{UP}sources/{item.source}.html#q-{item.id}", both("in the whole source", "在全文中")
    )
    body = (
        f'<article><h1>{text(item.title)} <span class="title-zh">{zh(item.title_zh)}</span></h1>'
        f"{fields}"
        f"{_heading('The quote in its source', '原文')}"
        f'<blockquote lang="zh" cite="{UP}sources/{item.source}.html">{quoted}</blockquote>'
        f'<p class="meta">{text(where)} · {in_source}</p>'
        f"{_heading('Related items', '相关条目')}"
        + (f'<ol class="related">{linked}</ol>' if linked else f"<p>{both('None.', '无。')}</p>")
        + "</article>"
    )
    return page(UP, f"{item.title} · {item.title_zh}", body)


def _relation_zh(word: str) -> str:
    """A relation word of the catalogue in Chinese, as the command line says it in a Chinese
    run (headings.VALUES, the message catalogue), whatever language the run speaks."""
    message = VALUES.get(word)
    return in_language(message, "zh") if isinstance(message, str) else word


def _reason(relation: Relation) -> str:
    """Why an item is related: as `jjj related` says it, and the same in Chinese."""
    said = []
    if relation.relation:
        said.append(f"标注：{_relation_zh(relation.relation)}")
    if relation.themes:
        said.append(f"主题 {', '.join(relation.themes)}")
    if relation.regions:
        said.append(f"地区 {', '.join(relation.regions)}")
    if relation.terms:
        said.append(f"词语 {'、'.join(relation.terms)}")
    return both(relation.reason, "；".join(said))


def _marked(paragraph: ContextParagraph) -> str:
    """A paragraph of a quote's context, the quote (where it is in this one) marked."""
    start, end = paragraph.quote
    if start == end:
        return text(paragraph.text)
    before, quote, after = paragraph.text[:start], paragraph.text[start:end], paragraph.text[end:]
    return f"{text(before)}<mark>{text(quote)}</mark>{text(after)}"


def expert_page(site: Site, expert: Expert) -> str:
    catalogue = site.catalogue
    fields = _definition_list(
        [
            ("Affiliation", "单位", f"{text(expert.affiliation)} {zh(expert.affiliation_zh)}"),
            ("Note", "备注", text(expert.note or "")),
        ]
    )
    appearances = ""
    for appearance in catalogue.appearing.get(expert.id, ()):
        rows = _definition_list(
            [
                ("Headline", "标题", _pair(appearance.headline, appearance.headline_zh)),
                ("Question", "提问", _pair(appearance.question, appearance.question_zh)),
                ("Note", "备注", text(appearance.note or "")),
            ]
        )
        appearances += (
            f"<section><h3>{site.facet_link('sources', appearance.source)}</h3>{rows}</section>"
        )
    figures = [figure for figure in catalogue.figures if figure.expert == expert.id]
    body = (
        f"<h1>{text(expert.name)} {zh(expert.name_zh)}</h1>{fields}"
        f"{_heading('In each source', '各来源中')}{appearances}"
        f"{_heading('Items', '条目')}{_item_list(site, _all_kinds(site, Facet.expert, expert.id))}"
        f"{_heading('Figures', '数据')}{_figures(site, figures)}"
    )
    return page(UP, f"{expert.name} · {expert.name_zh}", body)


def _all_kinds(site: Site, facet: Facet, id: str) -> Sequence[Item]:
    """The items `list --<facet> ID --kind all` lists."""
    return site.items_with(facet).get(id, ())


def _pair(en: str | None, zh_: str | None) -> str:
    return " ".join(part for part in (text(en or ""), zh(zh_) if zh_ else "") if part)


def _figures(site: Site, figures: Sequence[Figure]) -> str:
    if not figures:
        return f"<p>{both('None.', '无。')}</p>"
    head = "".join(
        f'<th scope="col">{both(en, zh_)}</th>'
        for en, zh_ in (
            ("Indicator", "指标"),
            ("Value", "数值"),
            ("Year", "年份"),
            ("Region", "地区"),
            ("Quote", "引文"),
        )
    )
    rows = "".join(
        f'<tr id="figure-{text(figure.id)}">'
        f"<td>{text(figure.indicator)} {zh(figure.indicator_zh)}</td>"
        f"<td>{text(str(figure.value))} {text(figure.unit)}</td><td>{figure.year}</td>"
        f"<td>{site.facet_link('regions', figure.region)}</td><td>{zh(figure.quote)}</td></tr>"
        for figure in figures
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return f'<div class="table">{table}</div>'


def theme_page(site: Site, theme: Theme) -> str:
    fields = _definition_list(
        [
            ("Id", "编号", f"<code>{text(theme.id)}</code>"),
            ("Definition", "定义", text(theme.definition)),
            ("Aliases", "别名", ", ".join(text(alias) for alias in theme.aliases)),
        ]
    )
    rules = _rules(site, "Include when", "纳入条件", theme.include)
    rules += _rules(site, "Exclude when", "排除条件", theme.exclude)
    if site.catalogue.coding.themes:  # the rules for every theme are on the list of themes
        every = both("The rules for every theme", "适用于所有主题的规则")
        rules += f"<p>{link(UP + 'themes.html', every)}</p>"
    body = (
        f"<h1>{text(theme.name)} {zh(theme.name_zh)}</h1>{fields}{rules}"
        f"{_heading('Items', '条目')}{_item_list(site, _all_kinds(site, Facet.theme, theme.id))}"
    )
    return page(UP, f"{theme.name} · {theme.name_zh}", body)


def _rules(site: Site, en: str, zh_: str, rules: Sequence[Rule], root: str = UP) -> str:
    """Coding rules under a heading, numbered: each rule's text in both languages (the English
    in both where it has no Chinese), and its example: the item, a link where the site has its
    page, and the words of its quote; the example's tags where the rule gives them. Nothing
    when there are none."""
    if not rules:
        return ""
    rows = []
    for rule in rules:
        example = text(rule.example)
        if rule.example in site.held:
            example = link(f"{root}items/{rule.example}.html", example)
        said = f"{both('e.g.', '例：')} <code>{example}</code> “{zh(rule.words)}”"
        if rule.gives is not None:
            tags = ", ".join(f"<code>{text(tag)}</code>" for tag in rule.gives)
            said += f" · {both('tags:', '标签：')} {tags or both('none', '无')}"
        said_in_both = both(rule.rule, rule.rule_zh or rule.rule)
        rows.append(f'<li>{said_in_both}<br><span class="meta">{said}</span></li>')
    return f'{_heading(en, zh_)}<ol class="rules">{"".join(rows)}</ol>'


def region_page(site: Site, region: Region) -> str:
    catalogue = site.catalogue
    by_id = {each.id: each for each in catalogue.regions}
    # the way up the tree: the parent's parent first; a region also within others names them
    path: list[str] = []
    current = region
    while current.parent and current.parent in by_id and current.parent not in path:
        path.insert(0, current.parent)
        current = by_id[current.parent]
    trail = " › ".join(site.facet_link("regions", id) for id in path)
    children = catalogue.children.get(region.id, ())
    fields = _definition_list(
        [
            ("Id", "编号", f"<code>{text(region.id)}</code>"),
            ("Level", "层级", text(region.level)),
            ("Within", "所属", trail),
            (
                "Also within",
                "亦属",
                ", ".join(site.facet_link("regions", id) for id in region.also_within),
            ),
            ("Code", "代码", text(region.code or "")),
            ("Aliases", "别名", ", ".join(text(alias) for alias in region.aliases)),
            ("Note", "备注", text(region.note or "")),
        ]
    )
    inside = (
        '<ul class="children">'
        + "".join(f"<li>{site.facet_link('regions', id)}</li>" for id in children)
        + "</ul>"
        if children
        else f"<p>{both('None.', '无。')}</p>"
    )
    body = (
        f"<h1>{text(region.name)} {zh(region.name_zh)}</h1>{fields}"
        f"{_heading('Places within it', '下辖地区')}{inside}"
        f"{_heading('Items, places within it included', '条目（含下辖地区）')}"
        f"{_item_list(site, _all_kinds(site, Facet.region, region.id))}"
    )
    return page(UP, f"{region.name} · {region.name_zh}", body)


def source_page(site: Site, source: Source) -> str:
    catalogue = site.catalogue
    whole = full_source(catalogue, source_id=source.id)
    figures = {figure.id: figure for figure in catalogue.figures}
    paragraphs = []
    anchored: set[str] = set()
    for paragraph in whole.paragraphs:
        # each piece is marked with the innermost quote over it, and the first piece of each
        # quote carries its anchor
        pieces = []
        for start, end, over in _pieces(paragraph):
            piece = text(paragraph.text[start:end])
            if not over:
                pieces.append(f'<span class="uncovered">{piece}</span>')
                continue
            innermost = min(over, key=lambda m: m.end - m.start)
            anchors = "".join(
                f'<span id="q-{text(m.id)}"></span>' for m in over if m.id not in anchored
            )
            anchored.update(m.id for m in over)
            target = _quote_target(site, innermost.id, figures)
            marked = f'<mark title="{text(innermost.id)}">{piece}</mark>'
            pieces.append(anchors + (link(target, marked) if target else marked))
        paragraphs.append(
            f'<p id="p{paragraph.number}"><span class="number">¶{paragraph.number}</span> '
            f"{''.join(pieces)}</p>"
        )
    fields = _definition_list(
        [
            ("Id", "编号", f"<code>{text(source.id)}</code>"),
            ("Kind", "类型", text(source.kind or "")),
            ("Publisher", "发布者", text(source.publisher or "")),
            ("Date", "日期", text(source.date.isoformat() if source.date else "")),
            ("Period", "时期", _pair(source.period, source.period_zh)),
            ("Framing", "背景", _pair(source.framing, source.framing_zh)),
            ("URL", "网址", external(source.url)),
            ("Note", "备注", text(source.note or "")),
        ]
    )
    key = both(
        "Highlighted: the passages items and figures quote, each a link to its record; "
        "the rest is text no record quotes.",
        "高亮：条目和数据引用的段落，各链接到其记录；其余为未被引用的文字。",
    )
    body = (
        f"<h1>{text(source.title_en)} {zh(source.title)}</h1>{fields}"
        f"{_heading('Items', '条目')}"
        f"{_item_list(site, (item for item in site.items if item.source == source.id))}"
        f'{_heading("The text", "全文")}<p class="meta">{key}</p>'
        f'<div class="source-text" lang="zh">{"".join(paragraphs)}</div>'
    )
    return page(UP, f"{source.title_en} · {source.title}", body)


def _pieces(paragraph: SourceParagraph) -> Iterator[tuple[int, int, list[Marked]]]:
    """The paragraph cut where a quote starts or ends: each piece's start and end, and the
    quotes over it, in the paragraph's order of quotes. In one pass: the quotes over a piece
    are those started at it or before and not ended."""
    cuts = sorted(
        {
            0,
            len(paragraph.text),
            *(m.start for m in paragraph.quotes),
            *(m.end for m in paragraph.quotes),
        }
    )
    starting: dict[int, list[Marked]] = {}
    for mark in paragraph.quotes:
        starting.setdefault(mark.start, []).append(mark)
    over: dict[Marked, None] = {}  # in the order they started, as paragraph.quotes is
    for start, end in zip(cuts, cuts[1:]):
        over.update(dict.fromkeys(starting.get(start, ())))
        for mark in [m for m in over if m.end <= start]:
            del over[mark]
        yield start, end, list(over)


def _quote_target(site: Site, id: str, figures: dict[str, Figure]) -> str | None:
    if id in site.held:
        return f"{UP}items/{id}.html"
    if id in figures:
        return f"{UP}experts/{figures[id].expert}.html#figure-{id}"
    return None


def listing_page(site: Site, facet: Facet) -> str:
    """The list of one facet's values, each a link to its page."""
    en, zh_, folder = FACETS[facet]
    records = facet_records(site.catalogue, facet)
    rows = "".join(f"<li>{site.facet_link(folder, record.id, '')}</li>" for record in records)
    coding = site.catalogue.coding
    rules = ""
    if facet is Facet.theme:
        rules = _rules(site, "The rules for every theme", "适用于所有主题的规则", coding.themes, "")
    elif facet is Facet.region:
        rules = _rules(site, "Region rules", "地区规则", coding.regions, "")
    return page("", f"{en} · {zh_}", f"<h1>{both(en, zh_)}</h1><ul>{rows}</ul>{rules}")
