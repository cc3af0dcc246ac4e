"""The documented contracts name the fields the code declares, in its order: the JSON fields of
every record, and the fields of each table of a catalogue file. The prose around the names is
written by hand; the names are checked here against the one declaration of each field (the
model, and the records and specs made from it)."""

import re
from pathlib import Path

import pytest

from jjj_cli.catalogue import Appearance, Expert, Region, Source, Theme
from jjj_cli.catalogue.schema import SPECS
from jjj_cli.query import Facet
from jjj_cli.render.records import (
    ENTRY_FIELDS,
    FIGURE_FIELDS,
    ITEM_FIELDS,
    NAME_FIELDS,
    REGION_ENTRY_FIELDS,
    SOURCE_FIELDS,
)

ROOT = Path(__file__).resolve().parent.parent
# Where the JSON contract ("JSON fields") and the catalogue file's table of fields are written.
JSON_CONTRACT = ROOT / "docs" / "json.md"
CATALOGUE_FORMAT = ROOT / "docs" / "catalogue.md"

# A bullet of the JSON contract: `- **record** (where it is printed): fields...`, wrapped.
BULLET = re.compile(r"^- \*\*(?P<record>[^*]+)\*\*(?P<text>.*(?:\n  .*)*)", re.MULTILINE)
# A row of the catalogue's table of fields: | `[[table]]` | fields |
ROW = re.compile(r"^\| `\[\[?(?P<table>[a-z]+)\]\]?` \| (?P<text>.*) \|$", re.MULTILINE)
ASIDE = re.compile(r"\([^()]*\)")  # what a field's name is followed by, in brackets
NAME = re.compile(r"`([a-z][a-z0-9_]*)`")


def names(text: str) -> list[str]:
    """The field names a piece of the contract lists, leaving out what the brackets say."""
    return NAME.findall(ASIDE.sub("", text))


def contract() -> dict[str, str]:
    """Each record's bullet of the JSON contract, without its title and where it is printed."""
    text = JSON_CONTRACT.read_text(encoding="utf-8")
    section = text[text.index("JSON fields") :]
    bullets = {m["record"]: ASIDE.sub("", m["text"], count=1) for m in BULLET.finditer(section)}
    return {record: " ".join(text.split()) for record, text in bullets.items()}


def first_sentence(text: str) -> str:
    return ASIDE.sub("", text).split(". ")[0]


# What `show` and the commands add to a record after its own fields: written here by hand.
SHOWN = {
    "item": ITEM_FIELDS,
    "expert": (*Expert._fields, "items", "figures"),
    "figure": (*FIGURE_FIELDS, "note"),
    "theme": (*Theme._fields, "items"),
    "region": (*REGION_ENTRY_FIELDS, "also_within", "children", "note", "items"),
    "source record": (*SOURCE_FIELDS, "experts", "counts"),
    "source entry": (*ENTRY_FIELDS[Facet.source], "count"),
    "added source": SOURCE_FIELDS,
    "added expert": Expert._fields,
}


@pytest.mark.parametrize("record", SHOWN)
def test_the_json_contract_names_each_records_fields_in_order(record):
    assert names(first_sentence(contract()[record])) == list(SHOWN[record])


def test_the_json_contract_names_the_codebook_entries_fields_in_order():
    everyone, themes, regions = first_sentence(contract()["codebook entry"]).split(";")
    assert names(everyone) == [*NAME_FIELDS, "count"]
    assert themes.split()[0] == "themes"
    assert names(themes) == list(ENTRY_FIELDS[Facet.theme][len(NAME_FIELDS) :])
    assert regions.split()[0] == "regions"
    assert names(regions) == list(ENTRY_FIELDS[Facet.region][len(NAME_FIELDS) :])


@pytest.mark.parametrize(
    "table, record",
    [
        ("sources", Source),
        ("experts", Expert),
        ("appearances", Appearance),
        ("themes", Theme),
        ("regions", Region),
    ],
)
def test_the_catalogue_format_names_each_tables_fields_in_order(table, record):
    rows = {m["table"]: m["text"] for m in ROW.finditer(CATALOGUE_FORMAT.read_text("utf-8"))}
    assert names(rows[table]) == list(SPECS[record])
