"""render/explore: `related` on a terminal too narrow for what links the items, its JSON
records, and a Mermaid label with a backtick, on the fictional mini catalogue: what mutation
testing found unpinned. Expected values are worked out by hand from the catalogue."""

import json

from .invoke import jjj, unstyled, written
from .paths import MINI


def test_related_too_narrow_for_the_id_relation_and_title_is_one_block_an_item():
    # at their narrowest: the id 27 (zhang-leading-firms-xiongan), the relation 11
    # (complements), the title 20: 58 cells and 6 around them, one more than 63 leave;
    # rather than one of them, each item is a block headed by its id
    result = written("--catalogue", str(MINI), "related", "wang-world-class-clusters", width=63)
    assert result.exit_code == 0, result.output
    lines = unstyled(result.stdout).splitlines()
    assert lines[0] == " zhang-chain-gap"
    assert lines[1].split()[0] == "expert"


def test_related_in_json_gives_each_items_kind():
    result = jjj("related", "wang-world-class-clusters", "--json")
    assert result.exit_code == 0, result.output
    kinds = {record["id"]: record["kind"] for record in json.loads(result.stdout)}
    assert kinds["zhang-chain-gap"] == "finding"
    assert kinds["li-linked-ftzs"] == "proposal"


def test_a_backtick_in_a_mermaid_label_is_written_as_its_entity(catalogue_copy):
    text = MINI.read_text(encoding="utf-8").replace('name = "Wang Ming"', 'name = "Wang `Ming`"')
    path = catalogue_copy(text)
    mermaid = jjj("graph", "--format", "mermaid", catalogue=path).stdout
    assert 'n0["Wang #96;Ming#96; 王明"]' in mermaid
