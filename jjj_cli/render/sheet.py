"""A blank coding sheet (`jjj export --format sheet`): the items to code, each by its id and
quote, for a second coder who gives them themes and regions from the rules alone. It holds
nothing of the first coding (no tag, kind, title or summary): a coder who saw it would agree
more than an independent reading does. catalogue/sheet.py reads it back, filled in or not.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..catalogue import Item
from .stream import Chunks

# What the coder reads first. A file for the coder to edit, not a message: in English, as
# the catalogue's own files are commented.
HEADER = """\
# A coding sheet: a second, independent coding of the themes and regions of items of jjj's
# catalogue, to measure how reliably its coding rules are applied (`jjj agree`).
#
# For each [[codings]] below, read the quote, and where it needs them the sentences around it
# in its source (`jjj source ID`), and give it the themes and regions the coding rules call
# for, by their ids, in the two lines under it, taking away their '#': themes =
# ["coordination"], regions = ["jingjinji"]; [] where none applies. A coding with neither
# line is not coded yet: `jjj agree` leaves it out and says how many, so a sheet may be coded
# in batches. The rules: `jjj themes --rules`, `jjj regions --rules` and docs/codebook.md. Code
# from the rules and the source text alone, never from the catalogue's own coding (`jjj show`,
# `jjj list`, the catalogue's files and exports show it): a coding that has seen it agrees
# more than an independent one, and the measure means nothing.
#
# Leave id and quote as they are: they say what is coded. A coding may add kind = "proposal"
# or "finding", and note = "..." (your reason). In [sheet], codebook names the catalogue whose
# themes and regions you give, relative to this file; fill in coder, and add date = 2021-03-05
# (a calendar date, without quotes) and a note if you wish.
#
# Then `jjj agree THIS-FILE CATALOGUE` measures how far the two codings agree.
"""


def blank_sheet(items: Iterable[Item], codebook: str) -> Chunks:
    """The sheet's text in chunks, one per item (in the order given), after its header.
    `codebook`: the catalogue's entry file as the sheet names it (relative to its folder)."""
    yield f'{HEADER}\n[sheet]\ncodebook = {_string(codebook)}\ncoder = ""\n'
    for item in items:
        # an id is a slug: nothing in it to escape
        yield (
            f'\n[[codings]]\nid = "{item.id}"\nquote = {_string(item.quote)}\n'
            "# themes = []\n# regions = []\n"
        )


def _string(text: str) -> str:
    """Text as a TOML basic string, escaped where TOML asks it to be."""
    import tomlkit

    return tomlkit.string(text).as_string()
