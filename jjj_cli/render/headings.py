"""What a person reads for a field: a column's heading, a record's label, a table's title.

In English, the field's own name, as `--fields`, JSON and TSV call it; in another language, its
translation (language.py). A script reads the field names, which never change.
"""

from __future__ import annotations

from ..language import N_, _

# Every field a table heads or a record labels, marked for translation.
FIELDS = frozenset(
    {
        N_("#"),
        N_("a"),
        N_("affiliation"),
        N_("affiliation_zh"),
        N_("aliases"),
        N_("also_within"),
        N_("appearances"),
        N_("b"),
        N_("both"),
        N_("children"),
        N_("code"),
        N_("compared_with"),
        N_("comparison"),
        N_("count"),
        N_("counts"),
        N_("date"),
        N_("definition"),
        N_("expert"),
        N_("experts"),
        N_("field"),
        N_("figures"),
        N_("file"),
        N_("framing"),
        N_("framing_zh"),
        N_("headline"),
        N_("headline_zh"),
        N_("id"),
        N_("indicator"),
        N_("indicator_zh"),
        N_("items"),
        N_("kappa"),
        N_("kind"),
        N_("language"),
        N_("label"),
        N_("level"),
        N_("links"),
        N_("name"),
        N_("name_zh"),
        N_("note"),
        N_("parent"),
        N_("period"),
        N_("period_zh"),
        N_("publisher"),
        N_("question"),
        N_("question_zh"),
        N_("quote"),
        N_("ratio"),
        N_("region"),
        N_("regions"),
        N_("related"),
        N_("reason"),
        N_("relation"),
        N_("score"),
        N_("seq"),
        N_("sha256"),
        N_("source"),
        N_("status"),
        N_("sources"),
        N_("summary"),
        N_("summary_zh"),
        N_("theme"),
        N_("themes"),
        N_("title"),
        N_("title / match"),
        N_("title_en"),
        N_("title_zh"),
        N_("total"),
        N_("unit"),
        N_("url"),
        N_("value"),
        N_("year"),
    }
)


# Values a terminal shows in words, as each language says them: true and false, the relation
# words of curated links (a pipe and JSON keep the values as they are).
VALUES = {
    True: N_("true"),
    False: N_("false"),
    "echoes": N_("echoes"),
    "complements": N_("complements"),
    "contrasts": N_("contrasts"),
    "extends": N_("extends"),
    "extended-by": N_("extended-by"),
    "addresses": N_("addresses"),
    "addressed-by": N_("addressed-by"),
    "supports": N_("supports"),
    "supported-by": N_("supported-by"),
}


def said(value: object) -> object:
    """A value as a terminal shows it to a person: yes or no, a relation word, in the run's
    language; anything else as it is."""
    if isinstance(value, (bool, str)) and value in VALUES:
        return _(VALUES[value])
    return value


# An item's kind as a terminal names it (ids, a pipe and JSON keep the value). Only the field
# that holds it is named so: an id may be spelt as a kind.
KIND_WORDS = {"proposal": N_("proposal"), "finding": N_("finding")}


def kind_said(kind: str) -> str:
    """An item's kind in the run's language."""
    return _(KIND_WORDS[kind]) if kind in KIND_WORDS else kind


def heading(field: str) -> str:
    """The field's heading in the run's language; a name that is no field (a facet's value
    heading a matrix's column) as it is."""
    return _(field) if field in FIELDS else field
