"""Shell completion of ids: what `jjj show ye-<TAB>` or `--theme cl<TAB>` can become.

It runs on every <TAB>, so it asks the compiled catalogue (the cache's), reading the ids of
items and figures that fit and nothing else of them, and imports neither rich nor the
renderers. A catalogue that does not load completes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .cache import open_compiled
from .catalogue import CatalogueError, Expert, Region, Source, Theme

if TYPE_CHECKING:
    from .query import Record
    from .store.compiled import Compiled

# What an argument or option takes -> the tables whose ids complete it.
TABLES = {
    "expert": ("experts",),
    "theme": ("themes",),
    "region": ("regions",),
    "item": ("items",),
    "source": ("sources",),
    "quoted": ("sources", "items", "figures"),  # `jjj source`: a quote, or a whole source
    "any": ("sources", "experts", "themes", "regions", "items", "figures"),
}


def candidates(catalogue_path: Path | None, what: str, incomplete: str) -> list[str]:
    """The ids (and the aliases of themes and regions) that complete `incomplete`, in order.

    In a comma list (`--theme clusters,ch`) the last part is completed and the rest kept.
    """
    try:
        compiled = open_compiled(catalogue_path)
    except (CatalogueError, OSError):
        return []
    done, comma, partial = incomplete.rpartition(",")
    head = done + comma
    return [head + word for word in _words(compiled, what, partial) if word.startswith(partial)]


def _words(compiled: Compiled, what: str, start: str) -> list[str]:
    """Each record's id, then, for experts, themes and regions, its Chinese name and aliases
    (叶<TAB>, 雄<TAB>), for a source its title; not a name with a space in it, which a shell
    would take for two words."""
    words: list[str] = []
    for table in TABLES[what]:
        if table in ("items", "figures"):  # ids only, and only those that fit
            words += compiled.ids(table, start)
            continue
        records: tuple[Record, ...] = getattr(compiled.head, table)
        for record in records:
            words.append(record.id)
            if isinstance(record, (Expert, Theme, Region)):
                words.append(record.name_zh)
            if isinstance(record, (Theme, Region)):
                words += record.aliases
            if isinstance(record, Source):
                words.append(record.title)
    return [word for word in dict.fromkeys(words) if not any(c.isspace() for c in word)]
