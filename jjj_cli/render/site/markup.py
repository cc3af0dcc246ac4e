"""HTML as strings, every catalogue string escaped on the way in: element text and quoted
attribute values through `html.escape`; a URL becomes a link only when it is http(s).

No template engine: the pages are a few fixed shapes, and one escaping function called at
every place a value enters them is easier to check (tests/test_site.py feeds them hostile
text) than a second language with its own escaping rules.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

# The only scripts a page runs are the site's own files; no inline script, style or handler,
# nothing from elsewhere. Chromium lets 'self' match the page's own directory from file://
# as well as over http(s) (tests/test_site_browser.py runs the pages from file://).
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'"
)


def text(value: str) -> str:
    """A catalogue string as element text or a quoted attribute value."""
    return escape(value, quote=True)


def both(en: str, zh: str) -> str:
    """What the site says, in both languages; the stylesheet shows the one chosen (lang=)."""
    return (
        f'<span class="en" lang="en">{text(en)}</span><span class="zh" lang="zh">{text(zh)}</span>'
    )


def zh(value: str) -> str:
    """Chinese from the catalogue (names, titles, quotes): shown in either language."""
    return f'<span lang="zh">{text(value)}</span>'


def link(href: str, inner: str) -> str:
    """A link inside the site (`href` is made by the site, never taken from the catalogue)
    around markup already escaped."""
    return f'<a href="{text(href)}">{inner}</a>'


def web_url(url: str | None) -> str | None:
    """The URL if it is one a browser fetches over http(s), else None: a `javascript:` or
    `data:` URL from the catalogue is shown as text, never made a link."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def external(url: str | None) -> str:
    """A catalogue URL: a link if it is http(s), else its text."""
    if not url:
        return ""
    safe = web_url(url)
    if safe is None:
        return f"<code>{text(url)}</code>"
    return f'<a href="{text(safe)}" rel="noopener noreferrer">{text(url)}</a>'


def page(root: str, title: str, body: str, *, scripts: tuple[str, ...] = ()) -> str:
    """A whole page: `root` leads from the page's folder to the site's (`""` or `"../"`)."""
    loaded = "".join(
        f'<script src="{root}{name}" defer></script>' for name in (*scripts, "site.js")
    )
    nav = "".join(
        f"<li>{link(root + href, both(en, zh_))}</li>"
        for href, en, zh_ in (
            ("index.html", "Items", "条目"),
            ("experts.html", "Experts", "专家"),
            ("themes.html", "Themes", "主题"),
            ("regions.html", "Regions", "地区"),
            ("sources.html", "Sources", "来源"),
            ("pictures.html", "Pictures", "图表"),
        )
    )
    toggle = (
        '<button type="button" class="lang-toggle" aria-pressed="false">'
        '<span class="en" lang="zh">中文</span><span class="zh" lang="en">English</span></button>'
    )
    return (
        '<!doctype html>\n<html lang="en" data-lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f"<title>{text(title)}</title>\n"
        f'<link rel="stylesheet" href="{root}site.css">\n{loaded}\n</head>\n<body>\n'
        f'<a class="skip" href="#main">{both("Skip to content", "跳到正文")}</a>\n'
        f'<header><nav aria-label="Site"><ul>{nav}</ul>{toggle}</nav></header>\n'
        f'<main id="main">\n{body}\n</main>\n'
        f"<footer><p>{both('Made by jjj.', '由 jjj 生成。')}</p></footer>\n"
        "</body>\n</html>\n"
    )
