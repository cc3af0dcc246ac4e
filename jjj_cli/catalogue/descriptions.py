"""What each table of the catalogue and each of its fields is, in a sentence: for the tools that
show a description beside the data (an editor's JSON Schema, Datasette's metadata.json).
tests/test_descriptions.py checks that every field of the model has one.
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import ITEMS_TABLE, Appearance, Expert, Figure, Item, Region, Source, Theme

TABLES = {
    "sources": "The source texts (a roundtable, an interview, an article...), each stored "
    "beside the catalogue file that declares it.",
    "experts": "The experts: people, whatever sources they speak in.",
    "appearances": "What an expert has in one source: the headline over their section, the "
    "question put to them, a note on the attribution.",
    "themes": "The codebook of themes.",
    "regions": "The codebook of places, a tree through parent (and also_within) links.",
    ITEMS_TABLE: "Items: each a proposal or a finding, with the expert's own words.",
    "figures": "The statistics the experts cite.",
}

_NOTE = "A curator's note, or null."
_ID = "The id: lowercase letters, digits and '-'."

FIELDS: Mapping[type, Mapping[str, str]] = {
    Source: {
        "id": _ID,
        "title": "The title, in the source's language.",
        "title_en": "The title in English.",
        "file": "The stored text, relative to the entry catalogue file's folder.",
        "sha256": "The SHA-256 of the stored text.",
        "language": "The language of the text (zh: Chinese).",
        "kind": "roundtable, interview, article, plan, speech, report or other; or null.",
        "publisher": "The publisher, where the text gives it; else null.",
        "date": "The date (ISO 8601), where the text gives it; else null.",
        "url": "Where the text was published, or null.",
        "period": "The period the text speaks of, or null.",
        "period_zh": "The period, in Chinese, or null.",
        "framing": "The occasion and framing of the text, or null.",
        "framing_zh": "The framing, in Chinese, or null.",
        "note": _NOTE,
    },
    Expert: {
        "id": _ID,
        "name": "The name in English.",
        "name_zh": "The name in Chinese.",
        "affiliation": "Position and institution, in English.",
        "affiliation_zh": "Position and institution, in Chinese.",
        "note": "About the person, or null.",
    },
    Appearance: {
        "expert": "The expert (id).",
        "source": "The source (id).",
        "headline": "The headline over the expert's section, in English, or null.",
        "headline_zh": "The headline, in Chinese, or null.",
        "question": "The question put to the expert, in English, or null.",
        "question_zh": "The question, in Chinese, or null.",
        "note": "A note on the attribution, or null.",
    },
    Theme: {
        "id": _ID,
        "name": "The name in English.",
        "name_zh": "The name in Chinese.",
        "definition": "When a curator applies the theme.",
        "aliases": "Other names of the theme.",
    },
    Region: {
        "id": _ID,
        "name": "The name in English.",
        "name_zh": "The name in Chinese.",
        "aliases": "Other names of the place.",
        "level": "What kind of place it is (province, city, district...).",
        "parent": "The region it lies in (id), or null.",
        "also_within": "Further regions it lies in (ids), for places that straddle a border.",
        "code": "The GB/T 2260 administrative division code, or null.",
        "comparison": "1 for a place outside Beijing–Tianjin–Hebei named only to compare.",
        "note": _NOTE,
    },
    Item: {
        "id": _ID,
        "kind": "proposal (something to do) or finding (how things are).",
        "expert": "The expert who said it (id).",
        "seq": "Its order in its source.",
        "title": "A title in English.",
        "title_zh": "A title in Chinese.",
        "summary": "A summary in English.",
        "summary_zh": "A summary in Chinese.",
        "themes": "Its themes (ids).",
        "regions": "The places it names (ids).",
        "quote": "The expert's own words, exactly as in the source.",
        "related": "Items by other experts it relates to, as id:relation.",
        "source": "The source it quotes (id).",
        "note": _NOTE,
    },
    Figure: {
        "id": _ID,
        "expert": "The expert who cites it (id).",
        "indicator": "What is measured, in English.",
        "indicator_zh": "What is measured, in Chinese.",
        "value": "The value, as the source gives it.",
        "unit": "The unit of the value.",
        "year": "The year the value is of.",
        "region": "The place the value is of (id).",
        "compared_with": "The place it is set against (id), or null.",
        "ratio": "The ratio to that place's value, where the source gives it; or null.",
        "quote": "The expert's words that give it.",
        "source": "The source it quotes (id).",
        "note": _NOTE,
    },
}
