"""The matrix: item counts for every pair of values of two facets, each a `list` result."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..catalogue import Catalogue, Item
from ..language import _
from ..query import (
    Facet,
    QueryError,
    Selection,
    containing,
    facet_values,
    select_items,
    with_facet,
)


@dataclass(frozen=True)
class Cell:
    row: str
    col: str
    items: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Matrix:
    row_facet: Facet
    col_facet: Facet
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    cells: tuple[Cell, ...]  # row-major
    # distinct items in a row's (a column's, the table's) cells: not the sum of its cells, and
    # without items that have no value of the other facet (an item that names no place)
    row_totals: dict[str, int]
    col_totals: dict[str, int]
    total: int


class SameFacet(QueryError):
    """Rows and columns must be different facets: within one facet, filters mean 'any of'."""


def matrix(
    catalogue: Catalogue,
    rows: Facet,
    cols: Facet,
    selection: Selection,
    selected: Callable[[Selection], Iterable[str]] | None = None,
) -> Matrix:
    """Item counts for every row × column value, each equal to `list` with those two filters.

    `selected` gives the ids of the items a selection lists (a compiled catalogue's SQL), asked
    for each cell; by default the catalogue's own items are counted, in one pass."""
    if rows is cols:
        message = _("rows and columns are both '{facet}'; choose two different facets")
        raise SameFacet(message.format(facet=rows.value))
    row_ids = tuple(record.id for record in facet_values(catalogue, rows, selection))
    col_ids = tuple(record.id for record in facet_values(catalogue, cols, selection))
    if selected is None:
        return _counted(catalogue, rows, cols, selection, row_ids, col_ids)
    select = selected  # a name the closures below see as set

    def ids(selection: Selection) -> tuple[str, ...]:
        return tuple(select(selection))

    def within(row_ids: tuple[str, ...] = row_ids, col_ids: tuple[str, ...] = col_ids) -> Selection:
        return with_facet(with_facet(selection, rows, row_ids), cols, col_ids)

    cells = tuple(
        Cell(row, col, ids(with_facet(with_facet(selection, rows, {row}), cols, {col})))
        for row in row_ids
        for col in col_ids
    )
    return Matrix(
        row_facet=rows,
        col_facet=cols,
        rows=row_ids,
        cols=col_ids,
        cells=cells,
        row_totals={row: len(ids(within(row_ids=(row,)))) for row in row_ids},
        col_totals={col: len(ids(within(col_ids=(col,)))) for col in col_ids},
        total=len(ids(within())),
    )


def _counted(
    catalogue: Catalogue,
    rows: Facet,
    cols: Facet,
    selection: Selection,
    row_ids: tuple[str, ...],
    col_ids: tuple[str, ...],
) -> Matrix:
    """The matrix of the catalogue's own items, in one pass over those the other filters
    select: each goes into the cell of every row and column value it has (a region's cells
    hold its places' items too)."""
    pool = select_items(catalogue, with_facet(with_facet(selection, rows, ()), cols, ()))
    row_of, col_of = _values_of(catalogue, rows, row_ids), _values_of(catalogue, cols, col_ids)
    cells: dict[tuple[str, str], list[str]] = {}
    row_totals = dict.fromkeys(row_ids, 0)
    col_totals = dict.fromkeys(col_ids, 0)
    total = 0
    for item in pool:
        in_rows, in_cols = row_of(item), col_of(item)
        # totals leave out an item with no value of the other facet; with no values to
        # choose from (a filter naming none there is), that facet does not filter them
        if (row_ids and not in_rows) or (col_ids and not in_cols):
            continue
        total += 1
        for row in in_rows:
            row_totals[row] += 1
            for col in in_cols:
                cells.setdefault((row, col), []).append(item.id)
        for col in in_cols:
            col_totals[col] += 1
    return Matrix(
        row_facet=rows,
        col_facet=cols,
        rows=row_ids,
        cols=col_ids,
        cells=tuple(
            Cell(row, col, tuple(cells.get((row, col), ()))) for row in row_ids for col in col_ids
        ),
        row_totals=row_totals,
        col_totals=col_totals,
        total=total,
    )


def _values_of(
    catalogue: Catalogue, facet: Facet, ids: tuple[str, ...]
) -> Callable[[Item], Sequence[str]]:
    """Which of the facet's values `ids` an item has, each once: as `list --<facet> ID`
    finds it, a region holding its places."""
    wanted = frozenset(ids)
    if facet is Facet.expert:
        return lambda item: (item.expert,) if item.expert in wanted else ()
    if facet is Facet.source:
        return lambda item: (item.source,) if item.source in wanted else ()
    if facet is Facet.theme:
        return lambda item: [theme for theme in dict.fromkeys(item.themes) if theme in wanted]
    above = {  # the wanted regions each region is in, itself included
        region.id: [each for each in ids if each in containing(catalogue, region.id)]
        for region in catalogue.regions
    }
    return lambda item: list(dict.fromkeys(a for r in item.regions for a in above.get(r, ())))
