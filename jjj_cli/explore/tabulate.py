"""The matrix: item counts for every pair of values of two facets, each a `list` result."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..catalogue import Catalogue
from ..query import Facet, QueryError, Selection, facet_values, select_items, with_facet


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

    `selected` gives the ids of the items a selection lists (a compiled catalogue's SQL); by
    default, query.select_items over the catalogue's own items."""
    if rows is cols:
        raise SameFacet(f"rows and columns are both '{rows.value}'; choose two different facets")
    row_ids = tuple(record.id for record in facet_values(catalogue, rows, selection))
    col_ids = tuple(record.id for record in facet_values(catalogue, cols, selection))

    def ids(selection: Selection) -> tuple[str, ...]:
        if selected is not None:
            return tuple(selected(selection))
        return tuple(item.id for item in select_items(catalogue, selection))

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
