"""The reliability record (data/reliability/) is true: its two codings code the shipped items,
the figures the documentation reports are theirs, and every disagreement is listed with a
resolution the catalogue follows.

The sheets and the catalogue are read with tomllib; the figures are computed here by direct
counting and, for alpha, by the `krippendorff` package, never by jjj.
"""

import json
import re
import subprocess
import sys

import krippendorff
import pytest

from . import independent
from .paths import SHIPPED

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = SHIPPED.parent.parent
RECORD = SHIPPED.parent / "reliability"
FACETS = {"theme": "themes", "region": "regions"}


def _codings(path):
    return {c["id"]: c for c in tomllib.loads(path.read_text("utf-8"))["codings"]}


ENTRY = independent.read(SHIPPED)
ITEMS = {item["id"]: item for item in ENTRY["proposals"]}
ROUNDS = [
    (
        int(path.name.removeprefix("round-")),
        _codings(path / "first.toml"),
        _codings(path / "second.toml"),
    )
    for path in sorted(RECORD.glob("round-*"), key=lambda path: int(path.name[6:]))
]
ROUND_IDS = [f"round-{number}" for number, _first, _second in ROUNDS]
LABELS = {
    "themes": [theme["id"] for theme in ENTRY["themes"]],
    "regions": [region["id"] for region in ENTRY["regions"]],
}
README = (RECORD / "README.md").read_text("utf-8")


def _kappa(a, b):
    """Cohen's kappa of two yes/no codings, from the 2x2 table."""
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def _figures(first, second, field):
    ids = list(first)
    same = sum(set(first[i][field]) == set(second[i][field]) for i in ids)
    first_units, second_units, kappas = [], [], {}
    for label in LABELS[field]:
        a = [int(label in first[i][field]) for i in ids]
        b = [int(label in second[i][field]) for i in ids]
        first_units += a
        second_units += b
        if (kappa := _kappa(a, b)) is not None:
            kappas[label] = kappa
    alpha = krippendorff.alpha(
        reliability_data=[first_units, second_units], level_of_measurement="nominal"
    )
    lowest = min(kappas, key=kappas.get)
    return same, alpha, lowest, kappas[lowest]


def test_there_are_rounds_in_order():
    assert [number for number, _first, _second in ROUNDS] == list(range(1, len(ROUNDS) + 1))
    assert len(ROUNDS) >= 1


@pytest.mark.parametrize("number, first, second", ROUNDS, ids=ROUND_IDS)
def test_both_codings_of_a_round_code_every_shipped_item_by_its_id_and_quote(number, first, second):
    assert list(first) == list(second) == list(ITEMS)
    for id, item in ITEMS.items():
        assert first[id]["quote"] == second[id]["quote"] == item["quote"], (number, id)


@pytest.mark.parametrize("facet", FACETS)
@pytest.mark.parametrize("number, first, second", ROUNDS, ids=ROUND_IDS)
def test_the_figures_reported_are_the_two_codings(number, first, second, facet):
    same, alpha, lowest, kappa = _figures(first, second, FACETS[facet])
    n = len(ITEMS)
    cells = [
        number,
        facet,
        same,
        f"{100 * same / n:.1f}%",
        f"{alpha:.3f}",
        f"{kappa:.3f} ({lowest})",
    ]
    row = "".join(f"| {cell} " for cell in cells) + "|"
    assert row in README
    said = f"{facet}s agree on {same} of {n} items (Krippendorff's alpha {alpha:.3f})"
    assert said in " ".join((ROOT / "docs" / "catalogue.md").read_text("utf-8").split())


def _resolutions(number):
    table = README.split(f"### Round {number}\n")[1].split("\n#")[0]
    rows = [line.split("|")[1:-1] for line in table.splitlines() if line.startswith("| ")]
    return {(cells[0].strip(), cells[1].strip()): cells[4].strip() for cells in rows[1:]}


def _reviewed():
    """The tags changed after the last round, by review: (item, facet) -> (was, now)."""
    if "\n### After round" not in README:
        return {}
    table = README.split("\n### After round")[1].split("\n#")[0]
    rows = [line.split("|")[1:-1] for line in table.splitlines() if line.startswith("| ")]

    def tags(cell):
        return {tag.strip() for tag in cell.split(",") if tag.strip() not in ("", "—")}

    return {(c[0].strip(), c[1].strip()): (tags(c[2]), tags(c[3])) for c in rows[1:]}


def test_the_tags_changed_by_review_are_what_the_record_says():
    _number, first, _second = ROUNDS[-1]
    for (id, facet), (was, now) in _reviewed().items():
        field = FACETS[facet]
        assert set(first[id][field]) == was, (id, facet)
        assert set(ITEMS[id][field]) == now, (id, facet)


def _after(number):
    """The coding that followed a round: the next round's first, or the catalogue's."""
    if number < len(ROUNDS):
        return ROUNDS[number][1]
    return ITEMS


@pytest.mark.parametrize("number, first, second", ROUNDS, ids=ROUND_IDS)
def test_every_disagreement_is_listed_and_its_resolution_followed(number, first, second):
    resolutions = _resolutions(number)
    differing = {
        (id, facet)
        for facet, field in FACETS.items()
        for id in first
        if set(first[id][field]) != set(second[id][field])
    }
    assert set(resolutions) == differing
    after = _after(number)
    for (id, facet), winner in resolutions.items():
        field = FACETS[facet]
        chosen = {"first": first, "second": second}[winner][id][field]
        assert set(after[id][field]) == set(chosen), (number, id, facet)


@pytest.mark.parametrize("number, first, second", ROUNDS, ids=ROUND_IDS)
def test_where_both_agree_the_coding_after_keeps_their_tags(number, first, second):
    after = _after(number)
    reviewed = {(id, FACETS[facet]) for id, facet in _reviewed()} if after is ITEMS else set()
    for id in ITEMS:
        for field in FACETS.values():
            if set(first[id][field]) == set(second[id][field]) and (id, field) not in reviewed:
                assert set(after[id][field]) == set(first[id][field]), (number, id, field)


@pytest.mark.parametrize("number, first, second", ROUNDS, ids=ROUND_IDS)
def test_the_command_the_record_gives_measures_it(number, first, second):
    (command,) = re.findall(rf"^\$ (jjj agree \S*round-{number}/\S* \S*)$", README, re.MULTILINE)
    result = subprocess.run(
        [sys.executable, "-m", "jjj_cli", *command.split()[1:], "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    measured = {facet["facet"]: facet for facet in json.loads(result.stdout)["facets"]}
    for facet, field in FACETS.items():
        same, alpha, _lowest, _kappa = _figures(first, second, field)
        assert (measured[facet]["items"], measured[facet]["agreeing"]) == (len(ITEMS), same)
        assert measured[facet]["alpha"] == pytest.approx(alpha)


def test_the_readme_gives_round_1s_percentages():
    _number, first, second = ROUNDS[0]
    themes, regions = (_figures(first, second, field)[0] for field in ("themes", "regions"))
    n = len(ITEMS)
    said = f"themes agree on {round(100 * themes / n)}% of items and regions on "
    said += f"{round(100 * regions / n)}%"
    assert said in " ".join((ROOT / "README.md").read_text("utf-8").split())
