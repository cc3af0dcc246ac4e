"""The JSON Schema for editors: made from the loader's field specs, kept in the repo, and in
agreement with the loader about the shipped catalogue and broken ones."""

import json
import sys
from pathlib import Path

import jsonschema
import pytest

from jjj_cli.catalogue.json_schema import json_schema
from jjj_cli.cli import app

from .invoke import runner
from .paths import DATA, MINI, SHIPPED

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "schema" / "catalogue.schema.json"
BROKEN = DATA / "broken"


def errors(path: Path) -> list:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return list(jsonschema.Draft202012Validator(json_schema()).iter_errors(data))


def test_jjj_schema_prints_the_committed_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    assert result.stdout == COMMITTED.read_text(encoding="utf-8")
    assert json.loads(result.stdout) == json_schema()


def test_it_is_a_draft_2020_12_schema():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_catalogue_points_editors_at_it():
    first_line = SHIPPED.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "#:schema ../schema/catalogue.schema.json"
    assert (SHIPPED.parent / first_line.removeprefix("#:schema ")).resolve() == COMMITTED


@pytest.mark.parametrize("path", [SHIPPED, MINI], ids=["shipped", "mini"])
def test_good_catalogues_pass(path):
    assert errors(path) == []


# What one table says about itself is the schema's to check, as the loader does.
@pytest.mark.parametrize(
    "name", ["missing-fields", "unknown-fields", "wrong-types", "tables-as-values"]
)
def test_broken_catalogues_fail(name):
    assert errors(BROKEN / f"{name}.toml")


# What needs the whole catalogue is only the loader's: `jjj validate` catches these. An empty
# file is a sound file to include (it may hold tables later); only as the whole catalogue is it
# a mistake.
@pytest.mark.parametrize(
    "name", ["empty", "duplicate-ids", "ambiguous-names", "unknown-references", "region-cycle"]
)
def test_what_only_the_loader_checks(name):
    assert errors(BROKEN / f"{name}.toml") == []


@pytest.mark.parametrize(
    "field, old, new",
    [
        ("kind", 'kind = "proposal"', 'kind = "idea"'),
        ("seq", "seq = 2", "seq = 0"),
        ("id", 'id = "wang-research-to-hebei"', 'id = "Wang Research"'),
        ("related", 'relation = "addresses"', 'relation = "likes"'),
        ("code", 'code = "130000"', "code = 130000"),
    ],
)
def test_a_broken_field_fails_both_schema_and_loader(catalogue_copy, field, old, new):
    text = MINI.read_text(encoding="utf-8")
    assert old in text
    broken = catalogue_copy(text.replace(old, new, 1))
    assert errors(broken)
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 1
    assert f"field '{field}'" in result.stdout
