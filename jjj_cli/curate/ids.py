"""The id of a record a curator adds: one the loader takes, and used by no other record."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..catalogue.schema import SLUG
from ..language import N_, _
from ..query import KIND_NAMES
from .errors import EditRefused, nothing_written


def check_new_id(catalogue: Catalogue, id: str) -> None:
    """EditRefused (a usage error) for an id that is not one (lowercase letters, digits, '-')
    or that any record of the catalogue has: ids are unique across every table."""
    if not SLUG.fullmatch(id):
        message = _("'{value}' is not an id (lowercase letters, digits and '-')")
        raise EditRefused(nothing_written(message.format(value=id)))
    if id in catalogue.by_id:
        holder = _(KIND_NAMES.get(type(catalogue.by_id[id]), N_("a record")))
        message = _("the id '{id}' is already used by {holder}").format(id=id, holder=holder)
        raise EditRefused(nothing_written(message))
