"""Output for `jjj search`: the hits as JSON, as TSV, or as a table with the matches
highlighted, each match shown in a snippet of its field.

Kept apart from the other exploring commands' renderers, so that a search imports only what it
prints with.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ..explore.fulltext import Brief, Found, Hit
from . import plain, records, stream
from .breaks import ends_piece, starts_piece
from .output import Lang, Mode, Output, tabular, title_field

# Characters of the field shown either side of the matches, at most, in a snippet.
SNIPPET_MARGIN = 24


def search(found: Iterable[tuple[Brief, Found]], mode: Mode, lang: Lang = Lang.en) -> Output:
    """Hits in brief: TSV (id, expert, field, score, the title in `lang`, the match in its
    snippet), written as the hits are read, or a table that highlights the matches. JSON, and
    any chosen --fields, are the items' records (`search_records`)."""
    if mode is Mode.PLAIN:
        title = title_field(lang)

        def lines() -> Iterator[list[str]]:
            yield ["id", "expert", "field", "score", title, "match"]
            for brief, hit in found:
                match = snippet(hit.text, hit.spans)[0]
                yield [
                    brief.id,
                    brief.expert,
                    hit.field,
                    str(hit.score),
                    getattr(brief, title),
                    match,
                ]

        return (plain.tsv_line(cells) + "\n" for cells in lines())
    from .highlights import search_table

    shown = [(brief, hit, *snippet(hit.text, hit.spans)) for brief, hit in found]
    return search_table(shown, title_field(lang))


def search_records(hits: Iterable[Hit], mode: Mode, fields: Sequence[str] = ()) -> Output:
    """Hits as their items' records with the field that matched and the score: JSON, or the
    chosen `fields` (records.HIT_FIELDS) as JSON, TSV or a table. JSON and TSV are written as
    the hits are read (render/stream.py); a table needs them all."""
    rows = ({**records.item(hit.item), "field": hit.field, "score": hit.score} for hit in hits)
    if fields:
        rows = ({name: row[name] for name in fields} for row in rows)
    if mode is Mode.JSON:
        return stream.json_array(stream.json_element(row) for row in rows)
    if mode is Mode.PLAIN:
        return stream.tsv_lines(rows, fields)
    return tabular(list(rows), fields, mode)


def snippet(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The text cut to the matches with up to SNIPPET_MARGIN characters either side, and the
    spans in it. It is cut only between the pieces a line breaks between (breaks.words), so
    that no word, id or number is split: a piece the margin would cut is left out whole, and a
    match inside a piece (part of a word) shows the whole piece. Only the characters about
    each place it might cut are read, however long the field."""
    first, last = spans[0][0], spans[-1][1]
    # the first piece to start within the margin before the matches, else the one they begin in
    start = next(
        (at for at in range(max(0, first - SNIPPET_MARGIN), first + 1) if starts_piece(text, at)),
        None,
    )
    if start is None:
        start = next((at for at in range(first, -1, -1) if starts_piece(text, at)), 0)
    # the last piece to end within the margin after them, else the one they end in
    end = next(
        (
            at
            for at in range(min(len(text), last + SNIPPET_MARGIN), last - 1, -1)
            if ends_piece(text, at)
        ),
        None,
    )
    if end is None:
        end = next((at for at in range(last, len(text) + 1) if ends_piece(text, at)), len(text))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    return prefix + text[start:end] + suffix, [(a + shift, b + shift) for a, b in spans]
