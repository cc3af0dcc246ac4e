"""Reading a site `jjj site` wrote, as a browser would, with the standard library's HTML parser:
what each page links to, the ids it holds, its scripts and its event-handler attributes."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []  # every href and src, as written
        self.ids: set[str] = set()
        self.scripts: list[dict[str, str | None]] = []  # each <script>'s attributes
        self.inline: list[str] = []  # text inside <script> elements
        self.handlers: list[str] = []  # attributes named on…
        self.metas: list[dict[str, str | None]] = []
        self.data_item_ids: list[str] = []
        self.images: list[str | None] = []  # each <img>'s src
        self.text: list[str] = []
        self._in_script = False
        self._classes: list[str] = []
        self.marked: list[str] = []  # the text of <mark> elements, in order
        self._in_mark = 0
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id" and value is not None:
                self.ids.add(value)
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name == "data-item-id" and value is not None:
                self.data_item_ids.append(value)
        if tag == "script":
            self.scripts.append(dict(attrs))
            self._in_script = True
        if tag == "img":
            self.images.append(dict(attrs).get("src"))
        if tag == "meta":
            self.metas.append(dict(attrs))
        if tag == "mark":
            self._in_mark += 1
            self.marked.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        if tag == "mark":
            self._in_mark -= 1

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline.append(data)
        self.text.append(data)
        if self._in_mark:
            self.marked[-1] += data


def pages(site: Path) -> dict[Path, Page]:
    """Every page of the site by its resolved path."""
    found = sorted(site.resolve().rglob("*.html"))
    return {path: Page(path.read_text(encoding="utf-8")) for path in found}


def broken_links(site: Path) -> list[str]:
    """Every link of every page that leads nowhere inside the site: a missing file, a missing
    id in it, or a link out of the site that is not http(s)."""
    parsed = pages(site)
    broken = []
    for path, page in parsed.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                if parts.scheme not in ("http", "https"):
                    broken.append(f"{path.relative_to(site.resolve())}: {link}")
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append(f"{path.relative_to(site.resolve())}: {link}")
            elif parts.fragment and parts.fragment not in parsed[target].ids:
                broken.append(f"{path.relative_to(site.resolve())}: {link} (no such id)")
    return broken
