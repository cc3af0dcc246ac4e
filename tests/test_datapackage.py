"""`jjj export --format datapackage -o DIR`: a Frictionless Data Package, validated by the
`frictionless` package, its CSV files read back and compared with the catalogue as tomllib reads
it, not through another of jjj's outputs."""

import csv
import glob
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import frictionless
import pytest

from jjj_cli.cache import open_compiled
from jjj_cli.store.compiled import Compiled

from .invoke import jjj, usage_error
from .paths import DATA, MINI, SHIPPED

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

# The tables a package holds: those of the SQLite export (its full-text index aside).
RECORD_TABLES = ("sources", "experts", "appearances", "themes", "regions", "proposals", "figures")
LINK_TABLES = ("proposal_themes", "proposal_regions", "proposal_related", "region_within")
# Each relation and the one written on the other item (docs/json.md).
REVERSE = {
    "echoes": "echoes",
    "complements": "complements",
    "contrasts": "contrasts",
    "extends": "extended-by",
    "addresses": "addressed-by",
    "supports": "supported-by",
}
# The columns of the tables whose columns are not simply their TOML fields.
# a theme's coding rules are shown by `jjj themes --rules`, not exported (nor is [coding])
NOT_EXPORTED = {"proposals": ("note",), "figures": ("note",), "themes": ("include", "exclude")}


def read_catalogue(entry: Path) -> dict[str, list[dict]]:
    """Every table of a catalogue, its files' in the order they are read (the entry, then what
    each includes), each record with `_file`: the file that declares it."""
    tables: dict[str, list[dict]] = {name: [] for name in RECORD_TABLES}
    seen: set[Path] = set()

    def read(path: Path) -> None:
        if path in seen:
            return
        seen.add(path)
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for name in RECORD_TABLES:
            tables[name] += [{**record, "_file": path} for record in data.get(name, [])]
        for pattern in data.get("include", []):
            for found in sorted(glob.glob(str(path.parent / pattern))):
                read(Path(found).resolve())

    read(entry.resolve())
    return tables


def cell(value) -> str:
    """A TOML value as the package's CSV holds it, written here by hand."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return ";".join(
            f"{v['id']}:{v['relation']}" if isinstance(v, dict) else cell(v) for v in value
        )
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def read_csv(directory: Path, table: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(directory / f"{table}.csv", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        return list(reader.fieldnames or []), list(reader)


def export_package(directory: Path, *args: str, catalogue=MINI) -> Path:
    result = jjj(
        "export", "--format", "datapackage", "-o", str(directory), *args, catalogue=catalogue
    )
    assert result.exit_code == 0, result.output
    return directory


def assert_valid(directory: Path) -> None:
    report = frictionless.validate(str(directory / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def expected_package(entry: Path, kinds=("proposal", "finding"), experts=None) -> dict:
    """Each table's rows as a package of this catalogue should hold them, as sets of tuples
    of cells (header order aside), from the TOML alone: the codebooks and sources whole; the
    items of `kinds` (and of `experts`), their links, and the figures of `experts`."""
    tables = read_catalogue(entry)
    items = [
        item
        for item in tables["proposals"]
        if item["kind"] in kinds and (experts is None or item["expert"] in experts)
    ]
    # the reverse of each link is added on load
    related: dict[str, list[dict]] = {
        item["id"]: list(item.get("related", [])) for item in tables["proposals"]
    }
    for item in tables["proposals"]:
        for link in item.get("related", []):
            # unless the other item links back itself
            if item["id"] not in {other["id"] for other in related[link["id"]]}:
                reverse = {"id": item["id"], "relation": REVERSE[link["relation"]]}
                related[link["id"]].append(reverse)
    chosen = {item["id"] for item in items}
    rows: dict[str, dict[str, dict]] = {}
    for table in RECORD_TABLES:
        records = tables[table]
        if table == "proposals":
            records = [{**item, "related": related[item["id"]]} for item in items]
        if table == "figures" and experts is not None:
            records = [figure for figure in records if figure["expert"] in experts]
        if table == "sources":  # the text as found from the entry file's folder
            records = [
                {
                    **source,
                    "file": os.path.relpath(
                        source["_file"].parent / source["file"], entry.resolve().parent
                    ).replace(os.sep, "/"),
                }
                for source in records
            ]
        rows[table] = records
    links = {
        "proposal_themes": {(item["id"], theme) for item in items for theme in item["themes"]},
        "proposal_regions": {(item["id"], region) for item in items for region in item["regions"]},
        "proposal_related": {
            (id, link["id"], link["relation"]) for id in chosen for link in related[id]
        },
    }
    outer = {
        region["id"]: [region.get("parent"), *region.get("also_within", [])]
        for region in tables["regions"]
    }
    within = set()
    for region in outer:
        stack, reached = [region], set()
        while stack:
            here = stack.pop()
            if here and here not in reached:
                reached.add(here)
                stack += outer[here]
        within |= {(region, each) for each in reached}
    links["region_within"] = within
    return {"records": rows, "links": links}


def assert_package_holds(directory: Path, expected: dict) -> None:
    """The CSV files hold the expected rows: each record's every column, and the links."""
    for table, records in expected["records"].items():
        header, rows = read_csv(directory, table)
        assert len(rows) == len(records), table
        by_key = {tuple(row[key] for key in _key(table)): row for row in rows}
        for record in records:
            row = by_key[tuple(record[key] for key in _key(table))]
            fields = set(record) - {"_file", *NOT_EXPORTED.get(table, ())}
            assert fields <= set(header), (table, fields - set(header))
            for column in header:
                wanted = cell(record.get(column, False if column == "comparison" else None))
                if column == "related":  # its links in any order: both ways
                    assert sorted(row[column].split(";") if row[column] else []) == sorted(
                        wanted.split(";") if wanted else []
                    ), (table, record["id"])
                else:
                    assert row[column] == wanted, (table, column, record.get("id"))
    for table, links in expected["links"].items():
        header, rows = read_csv(directory, table)
        assert {tuple(row.values()) for row in rows} == links, table
        assert len(rows) == len(links), table


def _key(table: str) -> tuple[str, ...]:
    return ("expert", "source") if table == "appearances" else ("id",)


# --- the shipped catalogue, and a filtered export ------------------------------------------------


def test_the_shipped_catalogue_as_a_package_validates_and_holds_it(tmp_path):
    directory = export_package(tmp_path / "package", "--kind", "all", catalogue=SHIPPED)
    assert_valid(directory)
    assert_package_holds(directory, expected_package(SHIPPED))


def test_the_package_has_a_resource_per_table_and_nothing_else(tmp_path):
    directory = export_package(tmp_path / "package")
    package = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    names = [resource["name"] for resource in package["resources"]]
    assert sorted(names) == sorted(RECORD_TABLES + LINK_TABLES)
    assert sorted(path.name for path in directory.iterdir()) == sorted(
        ["datapackage.json", *(f"{name}.csv" for name in names)]
    )
    for resource in package["resources"]:
        header, _ = read_csv(directory, resource["name"])
        assert header == [field["name"] for field in resource["schema"]["fields"]]
        assert resource["path"] == resource["name"] + ".csv"
        # every column says what it holds
        assert all(field["description"].strip() for field in resource["schema"]["fields"])
    # the catalogue's source, titled as the catalogue has it; no licence or date of jjj's own
    assert package["sources"] == [{"title": "京津冀协同发展座谈会（测试）"}]
    assert "licenses" not in package and "created" not in package


def test_a_filtered_package_holds_the_selection_and_its_keys_still_hold(tmp_path):
    directory = export_package(tmp_path / "package", "--expert", "wang-ming")
    assert_valid(directory)
    expected = expected_package(MINI, kinds=("proposal",), experts={"wang-ming"})
    assert expected["records"]["proposals"]  # the filter leaves some items, not all
    assert len(expected["records"]["proposals"]) < len(read_catalogue(MINI)["proposals"])
    assert_package_holds(directory, expected)
    # a related item the filter left out is named, not referred to
    related = {row["related_id"] for row in read_csv(directory, "proposal_related")[1]}
    ids = {row["id"] for row in read_csv(directory, "proposals")[1]}
    assert related - ids


def test_the_default_kind_is_proposals_as_for_the_other_formats(tmp_path):
    directory = export_package(tmp_path / "package")
    kinds = {row["kind"] for row in read_csv(directory, "proposals")[1]}
    assert kinds == {"proposal"}
    assert_package_holds(directory, expected_package(MINI, kinds=("proposal",)))


def test_the_schema_types_keys_and_enums(tmp_path):
    directory = export_package(tmp_path / "package")
    package = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    schemas = {resource["name"]: resource["schema"] for resource in package["resources"]}
    fields = {
        (table, field["name"]): field
        for table, schema in schemas.items()
        for field in schema["fields"]
    }
    types = {
        ("proposals", "seq"): "integer",
        ("figures", "year"): "integer",
        ("figures", "value"): "number",
        ("figures", "ratio"): "number",
        ("regions", "comparison"): "boolean",
        ("sources", "date"): "date",
        ("proposals", "themes"): "string",
        ("proposals", "quote"): "string",
    }
    assert {key: fields[key]["type"] for key in types} == types
    theme_ids = [theme["id"] for theme in read_catalogue(MINI)["themes"]]
    assert fields["proposal_themes", "theme_id"]["constraints"]["enum"] == theme_ids
    assert fields["proposals", "kind"]["constraints"]["enum"] == ["proposal", "finding"]
    # required where the catalogue requires a value; a list may be empty
    assert fields["proposals", "quote"]["constraints"]["required"] is True
    assert "required" not in fields["proposals", "themes"].get("constraints", {})
    assert "constraints" not in fields["experts", "note"]
    assert "; " not in fields["proposals", "themes"]["description"]
    assert "';'" in fields["proposals", "themes"]["description"]
    assert schemas["proposals"]["primaryKey"] == ["id"]
    assert schemas["proposal_themes"]["primaryKey"] == ["proposal_id", "theme_id"]
    references = {
        (table, key["fields"]): (key["reference"]["resource"], key["reference"]["fields"])
        for table, schema in schemas.items()
        for key in schema.get("foreignKeys", [])
    }
    assert references == {
        ("appearances", "expert"): ("experts", "id"),
        ("appearances", "source"): ("sources", "id"),
        ("regions", "parent"): ("", "id"),  # the table itself
        ("proposals", "expert"): ("experts", "id"),
        ("proposals", "source"): ("sources", "id"),
        ("proposal_themes", "proposal_id"): ("proposals", "id"),
        ("proposal_themes", "theme_id"): ("themes", "id"),
        ("proposal_regions", "proposal_id"): ("proposals", "id"),
        ("proposal_regions", "region_id"): ("regions", "id"),
        ("proposal_related", "proposal_id"): ("proposals", "id"),
        ("figures", "expert"): ("experts", "id"),
        ("figures", "region"): ("regions", "id"),
        ("figures", "compared_with"): ("regions", "id"),
        ("figures", "source"): ("sources", "id"),
        ("region_within", "region_id"): ("regions", "id"),
        ("region_within", "within_id"): ("regions", "id"),
    }


# --- awkward text ---------------------------------------------------------------------------------

# Made up for these tests, like mini.toml itself: what a CSV writer or reader gets wrong.
AWKWARD = '=SUM(A1), "quoted", a\nnew line\tand a tab; 「测试」，、。😀 +1 -1 @x'
AWKWARD_TOML = json.dumps(AWKWARD, ensure_ascii=False)[1:-1]  # TOML and JSON escapes agree here
FREE_TEXT = (
    "title|title_en|name|affiliation|headline|question|note|definition|summary|indicator|unit|"
    "period"
)


@pytest.fixture
def awkward(tmp_path: Path) -> Path:
    """mini.toml with the awkward text before every free-text field's own (so that it starts
    with '='), and as an alias (without the ';' that joins a list's elements)."""
    text = MINI.read_text(encoding="utf-8")
    text = re.sub(
        rf'^((?:{FREE_TEXT})(?:_zh)? = ")',
        lambda m: m.group(1) + AWKWARD_TOML,
        text,
        flags=re.MULTILINE,
    )
    alias = AWKWARD_TOML.replace(";", ",").replace("=SUM", "+SUM")
    text = text.replace('aliases = ["tech"]', f'aliases = ["tech", "{alias}", "@x"]')
    (tmp_path / "sources").mkdir()
    for source in (DATA / "sources").glob("mini*"):
        (tmp_path / "sources" / source.name).write_bytes(source.read_bytes())
    path = tmp_path / "awkward.toml"
    path.write_text("# Fictional test data.\n" + text, encoding="utf-8")
    return path


def test_awkward_text_validates_and_reads_back_exactly(tmp_path, awkward):
    assert AWKWARD in read_catalogue(awkward)["experts"][0]["name"]  # the fixture took
    directory = export_package(tmp_path / "package", "--kind", "all", catalogue=awkward)
    assert_valid(directory)
    assert_package_holds(directory, expected_package(awkward))
    # kept exact: not defused for a spreadsheet
    _, rows = read_csv(directory, "proposals")
    assert all(row["title"].startswith("=SUM") for row in rows)


def test_the_frictionless_command_validates_a_package(tmp_path, awkward):
    directory = export_package(tmp_path / "package", "--kind", "all", catalogue=awkward)
    command = Path(sys.executable).parent / "frictionless"
    finished = subprocess.run(
        [str(command), "validate", str(directory / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr


# --- what validation would catch: a package with each kind of mistake planted -------------------


def _plant_wrong_reference(package: dict, directory: Path) -> None:
    for resource in package["resources"]:
        if resource["name"] == "proposals":  # the expert's id checked against the themes
            for key in resource["schema"]["foreignKeys"]:
                if key["fields"] == "expert":
                    key["reference"]["resource"] = "themes"


def _plant_wrong_type(package: dict, directory: Path) -> None:
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            if (resource["name"], field["name"]) == ("proposals", "title"):
                field["type"] = "integer"


def _plant_short_enum(package: dict, directory: Path) -> None:
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            if (resource["name"], field["name"]) == ("proposal_themes", "theme_id"):
                field["constraints"]["enum"] = field["constraints"]["enum"][1:]


def _plant_unknown_expert(package: dict, directory: Path) -> None:
    path = directory / "proposals.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",wang-ming,", ",nobody,", 1), encoding="utf-8", newline="")


PLANTED = {
    _plant_wrong_reference: "foreign-key",
    _plant_wrong_type: "type-error",
    _plant_short_enum: "constraint-error",
    _plant_unknown_expert: "foreign-key",
}


@pytest.mark.parametrize("plant", PLANTED, ids=lambda plant: plant.__name__)
def test_validation_finds_a_planted_mistake(tmp_path, plant):
    directory = export_package(tmp_path / "package", "--kind", "all")
    assert_valid(directory)
    path = directory / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    plant(package, directory)
    path.write_text(json.dumps(package), encoding="utf-8")
    report = frictionless.validate(str(path))
    assert not report.valid
    assert PLANTED[plant] in {error[0] for error in report.flatten(["type"])}


# --- refusals, and nothing half-written ----------------------------------------------------------


def test_without_o_it_is_a_one_line_usage_error():
    result = jjj("export", "--format", "datapackage")
    assert result.exit_code == 2
    assert usage_error(result.stderr) == (
        "Invalid value for '--format': a data package goes to a directory: add -o DIR"
    )


@pytest.mark.parametrize("option", [["--fields", "id"], ["--excel"]])
def test_options_of_other_formats_are_refused(tmp_path, option):
    result = jjj("export", "--format", "datapackage", "-o", str(tmp_path / "p"), *option)
    assert result.exit_code == 2
    assert not (tmp_path / "p").exists()


def test_a_missing_directory_is_made_and_an_empty_one_used(tmp_path):
    assert_valid(export_package(tmp_path / "new"))
    (tmp_path / "empty").mkdir()
    assert_valid(export_package(tmp_path / "empty"))


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_directory_of_the_users_is_never_replaced(tmp_path, force):
    directory = tmp_path / "mine"
    directory.mkdir()
    (directory / "notes.txt").write_text("mine", encoding="utf-8")
    result = jjj("export", "--format", "datapackage", "-o", str(directory), *force)
    assert result.exit_code == 2, result.output
    assert str(directory) in result.stderr and len(result.stderr.splitlines()) == 1
    assert [path.name for path in directory.iterdir()] == ["notes.txt"]
    assert (directory / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["mine"]  # nothing left beside


def test_a_file_of_the_users_among_a_package_keeps_it_from_being_replaced(tmp_path):
    directory = export_package(tmp_path / "package")
    (directory / "analysis.R").write_text("mine", encoding="utf-8")
    result = jjj("export", "--format", "datapackage", "-o", str(directory), "--force")
    assert result.exit_code == 2
    assert (directory / "analysis.R").read_text(encoding="utf-8") == "mine"


def test_an_earlier_package_is_replaced_with_force_only(tmp_path):
    directory = export_package(tmp_path / "package", "--expert", "li-hua")
    before = (directory / "proposals.csv").read_bytes()
    result = jjj("export", "--format", "datapackage", "-o", str(directory))
    assert result.exit_code == 2
    assert (directory / "proposals.csv").read_bytes() == before
    export_package(directory, "--force")
    assert_package_holds(directory, expected_package(MINI, kinds=("proposal",)))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["package"]


def test_a_file_where_the_directory_should_be_is_refused(tmp_path):
    path = tmp_path / "package"
    path.write_text("mine", encoding="utf-8")
    result = jjj("export", "--format", "datapackage", "-o", str(path), "--force")
    assert result.exit_code == 2
    assert path.read_text(encoding="utf-8") == "mine"


def test_a_broken_catalogue_is_exit_1_with_its_file_and_line_and_writes_nothing(tmp_path):
    broken = DATA / "broken" / "duplicate-ids.toml"
    result = jjj("export", "--format", "datapackage", "-o", str(tmp_path / "p"), catalogue=broken)
    assert result.exit_code == 1
    assert re.search(r"duplicate-ids\.toml:\d+", result.stderr), result.stderr
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("earlier", [False, True])
def test_a_failure_part_way_leaves_nothing_half_written(tmp_path, monkeypatch, earlier):
    from jjj_cli.store import datapackage

    directory = tmp_path / "package"
    if earlier:
        export_package(directory, "--expert", "li-hua")
    before = {path.name: path.read_bytes() for path in directory.iterdir()} if earlier else None
    real = datapackage.delimited
    written = []

    def failing(rows, fields, *args):
        if written:  # the second table: the first is on the disk
            raise OSError(28, "No space left on device")
        written.append(fields)
        return real(rows, fields, *args)

    monkeypatch.setattr(datapackage, "delimited", failing)
    result = jjj("export", "--format", "datapackage", "-o", str(directory), "--force")
    assert result.exit_code == 3, result.output
    assert "No space left on device" in result.stderr
    assert written
    if earlier:
        assert {path.name: path.read_bytes() for path in directory.iterdir()} == before
    else:
        assert not directory.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == (["package"] if earlier else [])


def test_the_package_is_the_same_for_the_same_catalogue(tmp_path):
    # no date or other thing of the moment: a package can be diffed against the last
    one = export_package(tmp_path / "one", "--kind", "all")
    two = export_package(tmp_path / "two", "--kind", "all")
    assert _digests(one) == _digests(two)


def _digests(directory: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in directory.iterdir()
    }


def test_the_package_is_the_same_from_the_cache_and_from_a_fresh_load(tmp_path, monkeypatch):
    monkeypatch.delenv("JJJ_NO_CACHE", raising=False)
    args = ("--kind", "all", "--theme", "clusters")
    open_compiled(SHIPPED)  # compiled, if it was not yet
    assert isinstance(open_compiled(SHIPPED), Compiled)
    cached = export_package(tmp_path / "cached", *args, catalogue=SHIPPED)
    monkeypatch.setenv("JJJ_NO_CACHE", "1")
    fresh = export_package(tmp_path / "fresh", *args, catalogue=SHIPPED)
    assert _digests(cached) == _digests(fresh)
    assert_valid(fresh)
