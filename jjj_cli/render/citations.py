"""Citations written out: as a reference a person reads, or as BibTeX, RIS or CSL-JSON for a
reference manager. Pure functions from explore/citations.py's records to text.

In every format, what the catalogue holds and nothing more: a source's publisher, date and
address only where it gives them. Names stay whole (a literal, never cut into family and given
names the catalogue does not mark), since a Chinese name written in pinyin or in characters
cannot be split reliably by a reference manager either.

How each is typed (docs/commands.md#jjj-cite says the same for users): what an expert said is
part of a larger work, so BibTeX's `@incollection` (the source's title as `booktitle`) and
RIS's `CHAP` (the source's as `T2`); in CSL-JSON, where the type decides how a style prints
it, `speech` for what was said at a roundtable or in a speech, `interview` in an interview,
`chapter` in a written work, the source's title as `container-title`. A source alone
is `@misc` and `GEN` (RIS `RPRT` for a report); in CSL-JSON by its kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..explore.citations import Citation
from .output import Lang, Mode, to_json
from .plain import escape_char, visible

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

# CSL types of what an expert said, by the kind of the source it was said in (else `chapter`),
# and of the sources themselves (else `article`).
_CSL_SPOKEN = {"roundtable": "speech", "speech": "speech", "interview": "interview"}
_CSL_SOURCE = {**_CSL_SPOKEN, "article": "article", "report": "report"}


def locator(citation: Citation, lang: Lang) -> str:
    """Where it stands: the item's seq (a contribution's first and last), then the lines of
    the stored source file (`seq 3, lines 20–24 of sources/x.txt`); a source's, its file."""
    seqs = "–".join(str(seq) for seq in dict.fromkeys(citation.seqs))
    lines = "" if citation.lines is None else "–".join(map(str, dict.fromkeys(citation.lines)))
    if lang is Lang.zh:
        parts = [f"序号 {seqs}"] if seqs else []
        parts.append(f"{citation.file} 第 {lines} 行" if lines else f"文本：{citation.file}")
        return "，".join(parts)
    parts = [f"seq {seqs}"] if seqs else []
    parts.append(f"lines {lines} of {citation.file}" if lines else f"text: {citation.file}")
    return ", ".join(parts)


def _author(citation: Citation, lang: Lang) -> str | None:
    if citation.expert is None:
        return None
    return citation.expert.name_zh if lang is Lang.zh else citation.expert.name


def _title(citation: Citation, lang: Lang) -> str | None:
    if citation.cited == "source":
        return _container(citation, lang)
    return citation.title_zh if lang is Lang.zh else citation.title


def _container(citation: Citation, lang: Lang) -> str:
    """The source's title: in English the translation, the Chinese being the original."""
    source = citation.source
    return source.title if lang is Lang.zh else source.title_en


def _date(citation: Citation) -> str | None:
    date = citation.source.date
    return None if date is None else date.isoformat()


def _question(citation: Citation, lang: Lang) -> str | None:
    return citation.question_zh if lang is Lang.zh else citation.question


# ---------------------------------------------------------------------------------------
# Text, for people


def _closed(text: str) -> str:
    """A title in an English reference, ending in a full stop unless it ends in a mark."""
    return text if text[-1:] in ".?!" else text + "."


def _sentence(citation: Citation, lang: Lang) -> list[tuple[str, str]]:
    """The reference as (style, text) runs: the author bold, the source italic."""
    source = citation.source
    author, title = _author(citation, lang), _title(citation, lang)
    zh = lang is Lang.zh
    runs: list[tuple[str, str]] = []
    if author is not None:
        runs += [("bold", author), ("", "：" if zh else ". ")]
    if zh:
        if citation.cited == "source":
            runs += [("italic", f"《{source.title}》"), ("", "。")]
        elif title is not None:
            runs += [("", f"{title}，载"), ("italic", f"《{source.title}》"), ("", "。")]
        else:
            runs += [("", "在"), ("italic", f"《{source.title}》"), ("", "中的发言。")]
    else:
        if citation.cited != "source":
            opening = f"“{_closed(title)}” In " if title is not None else "Contribution to "
            runs += [("", opening)]
        runs += [("italic", source.title_en), ("", f" ({source.title}). ")]
    published = [part for part in (source.publisher, _date(citation)) if part]
    if published:
        runs += [("", "，".join(published) + "。" if zh else _closed(", ".join(published)) + " ")]
    if source.url:
        runs += [("", source.url + ("。" if zh else ". "))]
    place = locator(citation, lang)
    runs += [("", place + "。" if zh else _closed(place[:1].upper() + place[1:]))]
    return [(style, visible(text)) for style, text in runs]


def _extra_lines(citation: Citation, lang: Lang) -> list[tuple[str, str]]:
    """A contribution's question; the quote, verbatim: each as (label, text)."""
    zh = lang is Lang.zh
    lines = []
    question = _question(citation, lang)
    if question:
        lines.append(("问：" if zh else "Question:", question))
    if citation.quote is not None:
        lines.append(("原文：" if zh else "Quote:", citation.quote))
    return [(label, visible(line)) for label, line in lines]


def text(citations: Sequence[Citation], lang: Lang) -> str:
    """Each citation as a block: its key, the reference, then the quote; a blank line between."""
    blocks = []
    for citation in citations:
        sentence = "".join(run for _, run in _sentence(citation, lang))
        extra = [
            label + ("" if lang is Lang.zh else " ") + line
            for label, line in _extra_lines(citation, lang)
        ]
        blocks.append("\n".join([citation.key, sentence, *extra]))
    return "\n\n".join(blocks)


def styled(citations: Sequence[Citation], lang: Lang) -> RenderableType:
    """The same for a terminal: the key dim, the author bold, the source italic, the quote
    indented beside its label; wrapped as every table of jjj's wraps (render/wrap.py: Chinese
    between characters, never before closing punctuation)."""
    blocks = []
    for citation in citations:
        runs = [(text, style) for style, text in _sentence(citation, lang)]
        blocks.append((citation.key, runs, _extra_lines(citation, lang)))
    return _Citations(blocks)


# One citation on a terminal: its key, its reference as (text, style) runs, its labelled lines.
_Block = tuple[str, list[tuple[str, str]], list[tuple[str, str]]]


class _Citations:
    """Citations laid out at the console's width when printed."""

    def __init__(self, blocks: Sequence[_Block]) -> None:
        self.blocks = blocks

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.cells import cell_len
        from rich.text import Text

        from .cells import hanging, rendered
        from .wrap import wrap

        width = options.max_width
        for index, (key, runs, extra) in enumerate(self.blocks):
            if index:
                yield from rendered(console, Text(""))
            yield from rendered(console, Text(key, style="dim"))
            sentence = Text()
            for run, style in runs:
                sentence.append(run, style=style or None)
            for line in wrap(sentence, width):
                yield from rendered(console, line)
            labels = [label.removesuffix("：") for label, _ in extra]
            hang = max(map(cell_len, labels), default=0) + 1
            for label, (_, said) in zip(labels, extra):
                padded = label + " " * (hang - cell_len(label))
                labelled = Text.assemble((padded, "dim"), said)
                for each in hanging(labelled, width - 2, hang):
                    yield from rendered(console, each, 2)


def citation_text(citations: Sequence[Citation], lang: Lang, mode: Mode) -> str | RenderableType:
    """The text format: styled on a terminal, plain in a pipe."""
    return styled(citations, lang) if mode is Mode.TABLE else text(citations, lang)


# ---------------------------------------------------------------------------------------
# BibTeX

# What LaTeX reads as a command, a group or a ligature, written so that it prints as itself.
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "`": "{`}",  # `` would be an opening quotation mark, !` and ?` inverted marks
}
_LATEX_SPECIAL = re.compile(r"[\\{}&%$#_~^`]|(?<=-)-|(?<=')'")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


def _one_line(value: str) -> str:
    """A value on one line: every run of whitespace (line ends too) one space, as TeX and RIS
    read it; other control characters made visible."""
    spaced = _SPACES.sub(" ", value).strip()
    return _CONTROL.sub(lambda match: escape_char(match.group()), spaced)


def bibtex_escape(value: str) -> str:
    """A value for a BibTeX field in braces, which LaTeX prints as the value itself."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in _LATEX:
            return _LATEX[char]
        return "{}" + char  # the second of -- or '': no en dash, no closing quotation mark

    return _LATEX_SPECIAL.sub(escape, _one_line(value))


def _fields(citation: Citation, lang: Lang) -> list[tuple[str, str]]:
    source = citation.source
    fields: list[tuple[str, str]] = []
    author = _author(citation, lang)
    if author is not None:
        fields.append(("author", author))
    title = _title(citation, lang)
    if title is not None:
        fields.append(("title", title))
    if citation.cited != "source":
        fields.append(("booktitle", _container(citation, lang)))
    if source.publisher:
        fields.append(("publisher", source.publisher))
    if source.date is not None:
        fields.append(("year", str(source.date.year)))
        fields.append(("date", source.date.isoformat()))
    if source.url:
        fields.append(("url", source.url))
    fields.append(("note", locator(citation, lang)))
    if citation.quote is not None:
        fields.append(("annote", citation.quote))
    return fields


def bibtex(citations: Sequence[Citation], lang: Lang) -> str:
    """Each citation as a BibTeX entry, keyed by its key; the author in double braces, a name
    BibTeX takes whole."""
    entries = []
    for citation in citations:
        kind = "misc" if citation.cited == "source" else "incollection"
        lines = [f"@{kind}{{{citation.key},"]
        for name, value in _fields(citation, lang):
            escaped = bibtex_escape(value).replace("–", "--") if name == "note" else None
            written = escaped if escaped is not None else bibtex_escape(value)
            if name == "author":
                written = "{" + written + "}"
            lines.append(f"  {name} = {{{written}}},")
        lines.append("}")
        entries.append("\n".join(lines))
    return "\n\n".join(entries)


# ---------------------------------------------------------------------------------------
# RIS


def ris(citations: Sequence[Citation], lang: Lang) -> str:
    """Each citation as a RIS record: one line per tag, each value on one line."""
    records = []
    for citation in citations:
        source = citation.source
        if citation.cited == "source":
            kind = "RPRT" if source.kind == "report" else "GEN"
        else:
            kind = "CHAP"
        tags: list[tuple[str, str | None]] = [
            ("TY", kind),
            ("ID", citation.key),
            ("AU", _author(citation, lang)),
            ("TI", _title(citation, lang)),
            ("T2", None if citation.cited == "source" else _container(citation, lang)),
            ("PB", source.publisher),
            ("PY", None if source.date is None else str(source.date.year)),
            ("DA", None if source.date is None else source.date.strftime("%Y/%m/%d")),
            ("UR", source.url),
            ("LA", source.language),
            ("N1", locator(citation, lang)),
            ("N1", citation.quote),
        ]
        lines = [f"{tag}  - {_one_line(value)}" for tag, value in tags if value]
        records.append("\n".join([*lines, "ER  - "]))
    return "\n\n".join(records)


# ---------------------------------------------------------------------------------------
# CSL-JSON


def csl_records(citations: Sequence[Citation], lang: Lang) -> list[dict[str, Any]]:
    """Each citation as a CSL-JSON item (the input format of citeproc, Zotero, Pandoc)."""
    records = []
    for citation in citations:
        source = citation.source
        record: dict[str, Any] = {"id": citation.key}
        if citation.cited == "source":
            record["type"] = _CSL_SOURCE.get(source.kind or "", "article")
        else:
            record["type"] = _CSL_SPOKEN.get(source.kind or "", "chapter")
        author = _author(citation, lang)
        if author is not None:
            record["author"] = [{"literal": author}]
        title = _title(citation, lang)
        if title is not None:
            record["title"] = title
        if lang is Lang.en and citation.cited == "source":
            record["original-title"] = source.title
        if citation.cited != "source":
            record["container-title"] = _container(citation, lang)
        if source.publisher:
            record["publisher"] = source.publisher
        if source.date is not None:
            day = source.date
            record["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
        if source.url:
            record["URL"] = source.url
        record["language"] = source.language
        record["note"] = locator(citation, lang)
        if citation.quote is not None:
            record["annote"] = citation.quote
        records.append(record)
    return records


def csl_json(citations: Sequence[Citation], lang: Lang) -> str:
    return to_json(csl_records(citations, lang))
