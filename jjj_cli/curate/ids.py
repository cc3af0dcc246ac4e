"""The id of a record a curator adds: one the loader takes, and used by no other record."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..catalogue.schema import SLUG
from ..query import KIND_NAMES
from .errors import NOTHING_WRITTEN, EditRefused


def check_new_id(catalogue: Catalogue, id: str) -> None:
    """EditRefused (a usage error) for an id that is not one (lowercase letters, digits, '-')
    or that any record of the catalogue has: ids are unique across every table."""
    if not SLUG.fullmatch(id):
        raise EditRefused(
            f"'{id}' is not an id (lowercase letters, digits and '-'); {NOTHING_WRITTEN}"
        )
    if id in catalogue.by_id:
        holder = KIND_NAMES.get(type(catalogue.by_id[id]), "a record")
        raise EditRefused(f"the id '{id}' is already used by {holder}; {NOTHING_WRITTEN}")
