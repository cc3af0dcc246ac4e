"""Every field of the model has a description (catalogue/descriptions.py), in the model's order,
and every table one: what Datasette's metadata and an editor's JSON Schema show."""

import pytest

from jjj_cli.catalogue import RECORD_TABLES
from jjj_cli.catalogue.descriptions import FIELDS, TABLES
from jjj_cli.catalogue.schema import SPECS


@pytest.mark.parametrize("table", RECORD_TABLES, ids=lambda table: table.name)
def test_every_field_of_a_table_is_described_in_its_order(table):
    assert list(FIELDS[table.record]) == list(SPECS[table.record])
    assert all(text.strip() for text in FIELDS[table.record].values())
    assert TABLES[table.name].strip()
