"""Time whole jjj commands against the floor of starting Python with typer, in the same run.

    python benchmarks/bench.py                 # startup, 1k/10k/100k-item catalogues, add item
    python benchmarks/bench.py --sizes 1000 --repeat 5
    python benchmarks/bench.py --sizes --sources 1000x100   # 1,000 sources of 100, a file each
    python benchmarks/bench.py --markdown      # the table in docs/benchmarks.md
    python benchmarks/bench.py --scale 1000,10000,100000   # the compiled catalogue's targets
    python benchmarks/bench.py --site 1000,10000   # jjj site, and its index in a browser

Machines are noisy, so every number is reported as a ratio to a floor measured alongside it:
`python -c "import typer"` (and, for the large catalogues, importing typer and parsing the same
TOML files with tomllib; for a cached catalogue of many files, the same items in one file; for
`add item`, `validate`; for a query with --scale, `import typer` plus 3 times what the sqlite3
command-line tool takes to answer it from jjj's own SQLite export). Each case runs a few times
to warm up, then --repeat times; the median is the figure, min-max its spread. Peak memory is
the largest resident set of one run.

Needs nothing beyond the project and the standard library. Run it with the Python of the
environment jjj is installed in.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import platform
import pty
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from sqlite_answers import (
    QUESTIONS,
    SEARCH_INDEX,
    THEME,
    Question,
    UnknownIndex,
    index_bytes,
    indexed_text_bytes,
    questions_sql,
    searched_text_bytes,
)

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "proposals.toml"
JJJ = Path(sys.executable).parent / "jjj"
PARSE_FLOOR = Path(__file__).resolve().parent / "parse_floor.py"

# Targets from the issue that asked for this benchmark: ratio to the floor, at most.
STARTUP_TARGET = 1.3
SCALE_TARGET = 1.5
# A catalogue of many files, cached: as quick as one file of as many items, cached.
CACHED_TARGET = 1.1
# `jjj add item` on the shipped catalogue: ratio to `jjj validate` of it, at most.
ADD_ITEM_TARGET = 2.0


# --- synthetic catalogues ------------------------------------------------------------------

_TABLE = re.compile(r"^\[\[(proposals|figures)\]\]\s*$", re.MULTILINE)
_ID_LINE = re.compile(r'^id = "([^"]+)"$', re.MULTILINE)
_SEQ_LINE = re.compile(r"^seq = (\d+)$", re.MULTILINE)
_LINK = re.compile(r'\{ id = "([^"]+)"')
# the shipped quotes are plain strings with no escapes, so their text is what stands there
_QUOTE_LINE = re.compile(r'^quote = "([^"\\]+)"$', re.MULTILINE)
_SOURCE_FILE = re.compile(r'^file = "([^"]+)"$', re.MULTILINE)
_SHA256_LINE = re.compile(r'^sha256 = "[0-9a-f]+"$', re.MULTILINE)
# a theme's rules, `include = [` or `exclude = [` to its closing `]` (the entry file's own
# `include = [...]` of files is one line); the `[coding]` table to the next table or the end
_THEME_RULES = re.compile(r"^(?:include|exclude) = \[\n(?:[ \t].*\n)*\]\n", re.MULTILINE)
_CODING_TABLE = re.compile(r"^\[coding\]\n(?:(?!\[).*\n?)*", re.MULTILINE)
_INCLUDE_LINE = re.compile(r"^include = .*$", re.MULTILINE)
_TITLE_LINE = re.compile(r'^(title|title_en) = "([^"\\]+)"$', re.MULTILINE)


def generate(items: int, directory: Path, shipped: Path = SHIPPED) -> Path:
    """A catalogue of `items` items made by copying the shipped ones under new ids.

    Everything else (experts, codebook, figures) is kept, so the result validates as the
    shipped catalogue does: related links point within a copy, and quotes are verbatim. No two
    items may quote the same words, so the items of copy N quote `〔N〕` and the original's
    words, and the source is the shipped text followed by those quotes, one a line. The result
    is one file: the shipped entry file's people and codebooks, then its one source's file.
    """
    source_file, text = _shipped_source(shipped)
    people = _INCLUDE_LINE.sub("", _without_rules(shipped.read_text(encoding="utf-8")), count=1)
    head, proposals, figures = _parts(text)
    out, quotes = _copied_items(proposals, items, suffix="")
    out += figures

    directory.mkdir(parents=True, exist_ok=True)
    (directory / "sources").mkdir(exist_ok=True)
    source = _SOURCE_FILE.search(head)
    assert source is not None, "the shipped source names no file"
    original_text = (source_file.parent / source.group(1)).read_bytes()
    synthetic = original_text + "".join(quotes).encode("utf-8")
    (directory / "sources" / source.group(1)).write_bytes(synthetic)
    head = _SHA256_LINE.sub(f'sha256 = "{hashlib.sha256(synthetic).hexdigest()}"', head, count=1)
    head = _SOURCE_FILE.sub(f'file = "sources/{source.group(1)}"', head, count=1)
    path = directory / f"catalogue-{items}.toml"
    path.write_text(people + "\n" + head + "".join(out), encoding="utf-8")
    return path


def generate_sources(sources: int, items: int, directory: Path, shipped: Path = SHIPPED) -> Path:
    """A catalogue of `sources` sources of `items` items each, every source in a file of its
    own, as a growing catalogue is kept: returns the entry file, `proposals.toml`.

    The entry file is the shipped one (experts, codebooks, `include = ["sources/*.toml"]`).
    Source n (from 1) is `sources/sNNNN.toml`: the shipped source under the id `sNNNN` (its
    titles followed by that id, as no two sources may share one), the
    shipped appearances, `items` items and the shipped figures, their ids ending `-sNNNN`; its
    text, `sources/sNNNN.zh.txt`, is the shipped text followed by the quotes of its copies, as
    `generate` makes one source of that many items. Related links stay within a source.
    """
    source_file, text = _shipped_source(shipped)
    head, proposals, figures = _parts(text)
    source_id = _first_id(head)
    source = _SOURCE_FILE.search(head)
    assert source is not None, "the shipped source names no file"
    original_text = (source_file.parent / source.group(1)).read_bytes()
    names_source = re.compile(rf'^source = "{re.escape(source_id)}"$', re.MULTILINE)

    directory.mkdir(parents=True, exist_ok=True)
    (directory / "sources").mkdir(exist_ok=True)
    entry = directory / "proposals.toml"
    entry.write_text(_without_rules(shipped.read_text(encoding="utf-8")), encoding="utf-8")
    for number in range(1, sources + 1):
        name = f"s{number:04d}"
        out, quotes = _copied_items(proposals, items, suffix=f"-{name}")
        out += [
            _ID_LINE.sub(lambda m: f'id = "{m.group(1)}-{name}"', body, count=1) for body in figures
        ]
        synthetic = original_text + "".join(quotes).encode("utf-8")
        (directory / "sources" / f"{name}.zh.txt").write_bytes(synthetic)
        digest = hashlib.sha256(synthetic).hexdigest()
        own = _ID_LINE.sub(f'id = "{name}"', head, count=1)
        # two sources may not share a title
        own = _TITLE_LINE.sub(lambda m: f'{m.group(1)} = "{m.group(2)} {name}"', own, count=2)
        own = _SHA256_LINE.sub(f'sha256 = "{digest}"', own, count=1)
        own = _SOURCE_FILE.sub(f'file = "{name}.zh.txt"', own, count=1)
        body = names_source.sub(f'source = "{name}"', own + "".join(out))
        (directory / "sources" / f"{name}.toml").write_text(body, encoding="utf-8")
    return entry


def _without_rules(text: str) -> str:
    """The entry file's text without its coding rules (each theme's `include` and `exclude`,
    and `[coding]`): their examples name shipped items, which the copies rename or leave out."""
    text = _THEME_RULES.sub("", text)
    return _CODING_TABLE.sub("", text)


def _shipped_source(shipped: Path) -> tuple[Path, str]:
    """The shipped catalogue's one source file, and its text."""
    [source_file] = sorted(shipped.parent.glob("sources/*.toml"))
    return source_file, source_file.read_text(encoding="utf-8")


def _parts(text: str) -> tuple[str, list[str], list[str]]:
    """A source file's head (its source and appearances), its items and its figures."""
    first = _TABLE.search(text)
    assert first is not None, "the shipped catalogue has no [[proposals]]"
    tables = _split_tables(text[first.start() :])
    proposals = [body for name, body in tables if name == "proposals"]
    figures = [body for name, body in tables if name == "figures"]
    return text[: first.start()], proposals, figures


def _copied_items(proposals: Sequence[str], items: int, suffix: str) -> tuple[list[str], list[str]]:
    """`items` item tables copied from `proposals`, seq 1 on, and the lines of quotes the source
    needs after the shipped text: copy N of an item has the id `ID{suffix}-N` (`ID{suffix}` for
    the first copy) and quotes `〔N〕` before the original's words."""
    ids = [_first_id(body) for body in proposals]
    out, quotes = [], []
    for n in range(items):
        copy, original = divmod(n, len(proposals))
        # the last copy may be partial: its links to the items it leaves out must go
        present = ids[: items - copy * len(proposals)]
        body = _drop_links(proposals[original], keep=set(present))
        rename = f"{suffix}-{copy}" if copy else suffix
        if rename:
            body = _ID_LINE.sub(lambda m: f'id = "{m.group(1)}{rename}"', body, count=1)
            body = _LINK.sub(lambda m: f'{{ id = "{m.group(1)}{rename}"', body)
        if copy:
            body, found = _QUOTE_LINE.subn(lambda m: f'quote = "〔{copy}〕{m.group(1)}"', body)
            assert found == 1, body[:80]
            quotes.append(f"〔{copy}〕{_QUOTE_LINE.search(proposals[original]).group(1)}\n")
        out.append(_SEQ_LINE.sub(f"seq = {n + 1}", body, count=1))
    return out, quotes


def _first_id(body: str) -> str:
    match = _ID_LINE.search(body)
    assert match is not None, body[:80]
    return match.group(1)


def _drop_links(body: str, keep: set[str]) -> str:
    """The table without the lines of `related` that link outside `keep`."""

    def kept(line: str) -> bool:
        link = _LINK.search(line)
        return link is None or link.group(1) in keep

    return "".join(line for line in body.splitlines(keepends=True) if kept(line))


def _split_tables(text: str) -> list[tuple[str, str]]:
    starts = list(_TABLE.finditer(text))
    ends = [match.start() for match in starts[1:]] + [len(text)]
    return [(match.group(1), text[match.start() : end]) for match, end in zip(starts, ends)]


# --- timing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    median: float  # seconds
    low: float
    high: float
    peak_mib: float
    cpu: (
        float  # median seconds of CPU (user and system): what other work on the machine moves least
    )


def measure(
    command: Sequence[str],
    repeat: int,
    warmup: int = 2,
    tty: bool = False,
    env: dict[str, str] | None = None,
) -> Timing:
    """Run a command warmup + repeat times; its wall times and the largest resident set."""
    [timing] = measure_together([Run(command, env or {}, tty)], repeat, warmup)
    return timing


@dataclass(frozen=True)
class Run:
    command: Sequence[str]
    env: dict[str, str] = field(default_factory=dict)
    tty: bool = False
    before: Callable[[], None] | None = None  # called before each run, outside the timing
    pipe: bool = False  # stdout to a pipe the bench reads to the end, as a script would
    after: Callable[[], None] | None = None  # called after each run, outside the timing


def measure_together(runs: Sequence[Run], repeat: int, warmup: int = 2) -> list[Timing]:
    """Each command once a round, in turn, warmup + repeat rounds: a machine that slows down
    for a while slows all of them, so their ratios hold better than if each ran its rounds
    alone. One Timing per command, in order."""
    times: list[list[float]] = [[] for _ in runs]
    peaks: list[list[float]] = [[] for _ in runs]
    cpus: list[list[float]] = [[] for _ in runs]
    for round in range(warmup + repeat):
        for run, own_times, own_peaks, own_cpus in zip(runs, times, peaks, cpus):
            if run.before is not None:
                run.before()
            elapsed, peak, cpu = _run_once(run.command, run.tty, run.env, run.pipe)
            if run.after is not None:
                run.after()
            if round >= warmup:
                own_times.append(elapsed)
                own_peaks.append(peak)
                own_cpus.append(cpu)
    return [
        Timing(statistics.median(own), min(own), max(own), max(peak), statistics.median(cpu))
        for own, peak, cpu in zip(times, peaks, cpus)
    ]


def _run_once(
    command: Sequence[str], tty: bool, extra: dict[str, str], pipe: bool = False
) -> tuple[float, float, float]:
    """Wall time, peak resident set (MiB) and CPU time of one run.

    The peak is the kernel's (wait4's rusage), which counts from the process the child was
    made from: a child whose own peak is below the bench's shows the bench's."""
    if tty:
        # a pseudo-terminal, so jjj draws its tables as it would for a person
        controller, terminal = pty.openpty()
        output: int = terminal
    else:
        controller, output = -1, subprocess.PIPE if pipe else subprocess.DEVNULL
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=output,
        stderr=subprocess.DEVNULL,
        env=_environment(extra),
    )
    if tty:
        os.close(terminal)
        while _drain(controller):
            pass
    elif process.stdout is not None:
        while process.stdout.read(65536):
            pass
        process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if tty:
        os.close(controller)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed ({status}): {' '.join(command)}")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, usage.ru_maxrss / 1024, cpu  # Linux reports KiB


def _environment(extra: dict[str, str]) -> dict[str, str]:
    """A run's environment: the bench's without jjj's own variables, with `extra`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("JJJ_")}
    # Bytecode as an installed package has it: compiled once (by the warm-up runs), then read.
    # It goes to the run's own directory, for jjj and the floors alike, leaving no trace.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(COLUMNS="120", **extra)
    return env


def _drain(fd: int) -> bool:
    try:
        return bool(os.read(fd, 65536))
    except OSError:  # the terminal closed: the command has finished writing
        return False


# --- the cases -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    case: str
    items: int | str | None  # None: the shipped catalogue
    timing: Timing
    floor: Timing
    target: float | None  # the ratio's, at most; None: the ratio is only reported
    # targets besides the ratio: the median's seconds and the peak's MiB, under
    seconds_limit: float | None = None
    mib_limit: float | None = None

    @property
    def ratio(self) -> float:
        return self.timing.median / self.floor.median

    @property
    def missed(self) -> bool:
        return (
            (self.target is not None and self.ratio > self.target)
            or (self.seconds_limit is not None and self.timing.median >= self.seconds_limit)
            or (self.mib_limit is not None and self.timing.peak_mib >= self.mib_limit)
        )

    @property
    def targets(self) -> str:
        """The targets as the report says them: `≤ 1.5`, `≤ 1.0, < 600 ms, < 80 MiB`."""
        said = [] if self.target is None else [f"≤ {self.target}"]
        if self.seconds_limit is not None:
            said.append(f"< {self.seconds_limit * 1000:.0f} ms")
        if self.mib_limit is not None:
            said.append(f"< {self.mib_limit:.0f} MiB")
        return (", ".join(said) or "none") + (" (missed)" if self.missed else "")

    @property
    def cpu_ratio(self) -> float:
        return self.timing.cpu / self.floor.cpu


def run_cases(sizes: Sequence[int], repeat: int, workdir: Path) -> list[Result]:
    """Each case twice where the cache matters: as a user's second run finds it (warm: the
    warm-up runs fill the cache) and with JJJ_NO_CACHE=1 (cold: parse and check everything)."""
    python = sys.executable
    jjj = str(JJJ)
    bytecode = {"PYTHONPYCACHEPREFIX": str(workdir / "bytecode")}
    warm = {"JJJ_CACHE_DIR": str(workdir / "cache"), **bytecode}
    cold = {"JJJ_NO_CACHE": "1", **bytecode}
    results = []

    floor = measure([python, "-c", "import typer"], repeat, env=bytecode)
    table_floor = measure(
        [python, "-c", "import typer, rich.console, rich.table"], repeat, env=bytecode
    )
    for label, env in (("", warm), (", no cache", cold)):
        listing = measure([jjj, "list", "--json"], repeat, env=env)
        results.append(Result(f"list --json{label}", None, listing, floor, STARTUP_TARGET))
        table = measure([jjj, "list"], repeat, tty=True, env=env)
        results.append(
            Result(f"list, terminal table{label}", None, table, table_floor, STARTUP_TARGET)
        )
    # a <TAB> in bash: `jjj show ye-` offers the ids that complete it
    tab = {
        **warm,
        "_JJJ_COMPLETE": "complete_bash",
        "COMP_WORDS": "jjj show ye-",
        "COMP_CWORD": "2",
    }
    completion = measure([jjj], repeat, env=tab)
    results.append(Result("completing `show ye-<TAB>`", None, completion, floor, STARTUP_TARGET))
    for size in sizes:
        path = in_child(generate, size, workdir)
        parse = f"import typer, tomllib; tomllib.load(open({str(path)!r}, 'rb'))"
        size_floor = measure([python, "-c", parse], repeat, env=bytecode)
        command = [jjj, "--catalogue", str(path), "list", "--theme", "clusters", "--json"]
        for label, env in (("", warm), (", no cache", cold)):
            timing = measure(command, repeat, env=env)
            results.append(
                Result(
                    f"list --theme clusters --json{label}", size, timing, size_floor, SCALE_TARGET
                )
            )
        # verify always reads and checks everything: the cost of validation itself
        verify = measure([jjj, "--catalogue", str(path), "verify"], repeat, env=warm)
        results.append(Result("verify (every quote)", size, verify, size_floor, SCALE_TARGET))
    return results


def run_sources_cases(
    shapes: Sequence[tuple[int, int]], repeat: int, workdir: Path
) -> list[Result]:
    """A catalogue of many sources, each in a file of its own (`generate_sources`).

    Cold (JJJ_NO_CACHE=1: every file parsed, every quote placed), `validate` and a listing are
    compared with the floor of importing typer and parsing the same TOML files with tomllib
    (parse_floor.py). Cached, the listing is compared with the same listing of a one-file
    catalogue of as many items (`generate`), cached too: what the many files cost a run
    that finds the cache, which must check each of them. All five commands run in turn in
    each round (measure_together), so that a machine busy for a while slows them alike.
    """
    python, jjj = sys.executable, str(JJJ)
    bytecode = {"PYTHONPYCACHEPREFIX": str(workdir / "bytecode")}
    cold = {"JJJ_NO_CACHE": "1", **bytecode}
    results = []
    for sources, items in shapes:
        shape = f"{sources:,} files × {items:,}"
        entry = in_child(generate_sources, sources, items, workdir / f"sources-{sources}x{items}")
        single = in_child(generate, sources * items, workdir / f"one-{sources * items}")
        listing = ["list", "--theme", "clusters", "--json"]
        # one cache directory each: one entry of either is larger than the cache keeps two of
        own_cache = {"JJJ_CACHE_DIR": str(workdir / f"cache-{sources}x{items}"), **bytecode}
        single_cache = {"JJJ_CACHE_DIR": str(workdir / f"cache-{sources * items}"), **bytecode}
        floor, validate, cold_listing, cached, single_cached = measure_together(
            [
                Run([python, str(PARSE_FLOOR), str(entry)], bytecode),
                Run([jjj, "--catalogue", str(entry), "validate"], cold),
                Run([jjj, "--catalogue", str(entry), *listing], cold),
                Run([jjj, "--catalogue", str(entry), *listing], own_cache),
                Run([jjj, "--catalogue", str(single), *listing], single_cache),
            ],
            repeat,
            # one round compiles the bytecode and fills the caches
            warmup=1,
        )
        results += [
            Result("validate, no cache", shape, validate, floor, SCALE_TARGET),
            Result(
                "list --theme clusters --json, no cache", shape, cold_listing, floor, SCALE_TARGET
            ),
            Result(
                "list --theme clusters --json (floor: one file, cached)",
                shape,
                cached,
                single_cached,
                CACHED_TARGET,
            ),
        ]
    return results


def run_add_item_case(repeat: int, workdir: Path) -> list[Result]:
    """`jjj add item` on a copy of the shipped catalogue, compared with `jjj validate` of it.

    The copy lacks one item, the middle one of its source (its table removed, the items after
    it moved down one, links to it dropped), and each run adds it back with its own fields: the
    quote found in the source, the later half of the items renumbered, the whole catalogue
    validated as it would be, the file rewritten. Before each run (not timed) the copy is put
    back as it was and, for the run with the cache, read once, as the curator's previous
    command would have. The two runs and `validate` take turns.
    """
    jjj = str(JJJ)
    bytecode = {"PYTHONPYCACHEPREFIX": str(workdir / "bytecode")}
    directory = workdir / "add-item"
    shutil.copytree(SHIPPED.parent, directory)
    entry = directory / SHIPPED.name
    listed = subprocess.run(
        [jjj, "--catalogue", str(entry), "list", "--kind", "all", "--json"],
        capture_output=True,
        check=True,
    )
    # the middle item of those no coding rule gives as its example (without it, the rule's
    # example would name an item the catalogue lacks)
    examples = "".join(path.read_text(encoding="utf-8") for path in directory.rglob("*.toml"))
    items = [
        each for each in json.loads(listed.stdout) if f'example = "{each["id"]}"' not in examples
    ]
    item = sorted(items, key=lambda each: each["seq"])[len(items) // 2]
    [source_file] = [
        path
        for path in directory.glob("sources/*.toml")
        if f'id = "{item["id"]}"' in path.read_text(encoding="utf-8")
    ]
    source_file.write_text(
        _without_item(source_file.read_text(encoding="utf-8"), item), encoding="utf-8"
    )
    files = {path: path.read_bytes() for path in directory.rglob("*") if path.is_file()}

    cache = {"JJJ_CACHE_DIR": str(workdir / "cache-add-item"), **bytecode}
    cold = {"JJJ_NO_CACHE": "1", **bytecode}

    def restore() -> None:
        for path, content in files.items():
            path.write_bytes(content)

    def restore_and_read() -> None:
        restore()
        _run_once([jjj, "--catalogue", str(entry), "list", "--json"], False, cache)

    add = [jjj, "--catalogue", str(entry), "add", "item", *_add_item_options(item)]
    added, added_cold, validate = measure_together(
        [
            Run(add, cache, before=restore_and_read),
            Run(add, cold, before=restore),
            Run([jjj, "--catalogue", str(entry), "validate"], bytecode, before=restore),
        ],
        repeat,
    )
    return [
        Result("add item (floor: validate)", None, added, validate, ADD_ITEM_TARGET),
        Result("add item, no cache (floor: validate)", None, added_cold, validate, ADD_ITEM_TARGET),
    ]


def _without_item(text: str, item: dict[str, Any]) -> str:
    """A source file's text without one item's table (header to the blank line after it), the
    later items' seq one less, and no links to it."""
    lines = text.splitlines(keepends=True)
    first = lines.index(f'id = "{item["id"]}"\n') - 1
    assert _TABLE.match(lines[first]), lines[first]
    end = lines.index("\n", first) + 1
    text = "".join(lines[:first] + lines[end:])
    text = _SEQ_LINE.sub(
        lambda m: f"seq = {seq - 1 if (seq := int(m.group(1))) > item['seq'] else seq}", text
    )
    return "".join(
        line for line in text.splitlines(keepends=True) if f'{{ id = "{item["id"]}"' not in line
    )


def _add_item_options(item: dict[str, Any]) -> list[str]:
    """The `jjj add item` options that give an item all its fields but its links."""
    options = ["--source", item["source"], "--expert", item["expert"], "--kind", item["kind"]]
    options += ["--quote", item["quote"], "--id", item["id"]]
    for name in ("title", "title_zh", "summary", "summary_zh"):
        options += [f"--{name.replace('_', '-')}", item[name]]
    for theme in item["themes"]:
        options += ["--theme", theme]
    for region in item["regions"]:
        options += ["--region", region]
    return options


# --- a compiled catalogue at scale ---------------------------------------------------------

# A cached filtered query: at most `import typer` plus this many times what sqlite3 takes to
# answer it from jjj's own export (a ratio to that sum of at most 1); on catalogues of LARGE
# items or more, also under these.
SQLITE_TIMES = 3
LARGE = 100_000
LARGE_QUERY_SECONDS = 0.6
LARGE_QUERY_MIB = 80
# `export --format sqlite --kind all`: against the first run after an edit, and its peak
EXPORT_TARGET = 1.5
EXPORT_MIB = 300
# The full-text index against the text it indexes: about as large.
INDEX_TARGET = 1.0
# Rounds of the cases that load or export the whole of a catalogue of LARGE items or more
# (seconds to minutes each), where --repeat asks for more.
LARGE_REPEAT = 3

T = TypeVar("T")


def in_child(function: Callable[..., T], *args: Any) -> T:
    """`function(*args)` in a process forked for it: what it holds in memory (a catalogue of
    100,000 items, a long answer) goes with that process, and the bench stays small. A child's
    peak, as the kernel counts it, starts from the bench's own (see _run_once)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_send, args=(sender, function, args))
    process.start()
    sender.close()
    try:
        succeeded, value = receiver.recv()
    except EOFError:
        succeeded, value = False, "the process ended without an answer"
    process.join()
    if not succeeded:
        raise SystemExit(f"{function.__name__}: {value}")
    return value  # type: ignore[no-any-return]


def _send(sender: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        sender.send((True, function(*args)))
    except Exception as error:
        sender.send((False, f"{type(error).__name__}: {error}"))


@dataclass(frozen=True)
class Answer:
    """A question asked of jjj and of sqlite3 on jjj's export of the same catalogue."""

    question: Question
    items: int
    rows: int  # jjj's
    sqlite_rows: int
    same: bool  # the same items (in the same order, where jjj's is the catalogue's)
    sqlite: Timing
    floor: Timing  # import typer


@dataclass(frozen=True)
class IndexSize:
    items: int
    database: int  # bytes of `export --format sqlite --kind all`
    index: int  # bytes of its full-text index's pages
    text: int  # bytes (UTF-8) of the text that index holds
    search_index: int  # bytes of the pages of its index for Datasette's search box
    searched: int  # bytes (UTF-8) of the text that one is made from

    @property
    def ratio(self) -> float:
        return self.index / self.text

    @property
    def search_ratio(self) -> float:
        return self.search_index / self.searched


# How long a run's compiling apart (jjj_cli/cache.py) may take to write its entry.
APART_TIMEOUT = 1800.0
# size -> the seconds each entry took to appear after the first run had answered
COMPILED_APART: dict[int, list[float]] = {}


def _entry_written(directory: Path, waits: list[float]) -> Callable[[], None]:
    """A Run's `after`: wait until the process the run left to compile its catalogue has
    written the entry (its cache emptied before the run, any entry is that one), so that it
    takes no turn from the next run; note how long that was."""

    def wait() -> None:
        start = time.perf_counter()
        while not any(directory.glob("catalogue-*.sqlite")):
            if time.perf_counter() - start > APART_TIMEOUT:
                raise SystemExit(f"no compiled catalogue appeared in {directory}")
            time.sleep(0.02)
        waits.append(time.perf_counter() - start)

    return wait


def run_scale_cases(
    sizes: Sequence[int], repeat: int, workdir: Path, sqlite3: str
) -> tuple[list[Result], list[Answer], list[IndexSize]]:
    """The compiled catalogue's targets on catalogues of each size (`generate`):

    - the first run after an edit (its cache emptied before each run) of `list --theme
      clusters --json`, against parse_floor.py, and `export --format sqlite --kind all -o
      FILE` from the cache, against that first run, taking turns;
    - each of QUESTIONS asked of jjj, cached, and of `sqlite3 -json` on that export (the SQL of
      sqlite_answers.py), with `import typer`, all taking turns, every output read through a
      pipe; jjj's target is `import typer` + SQLITE_TIMES × sqlite3; both answers are
      compared item by item;
    - the export's full-text index against the text it indexes.
    """
    python, jjj = sys.executable, str(JJJ)
    bytecode = {"PYTHONPYCACHEPREFIX": str(workdir / "bytecode")}
    results, answers, indexes = [], [], []
    for size in sizes:
        directory = workdir / f"scale-{size}"
        catalogue = in_child(generate, size, directory)
        on_catalogue = [jjj, "--catalogue", str(catalogue)]
        cached = {"JJJ_CACHE_DIR": str(directory / "cache"), **bytecode}
        first_cache = directory / "first-cache"
        database = directory / "export.sqlite"
        floor, first_run, export = measure_together(
            [
                Run([python, str(PARSE_FLOOR), str(catalogue)], bytecode),
                # the run answers as loaded, and leaves compiling to a process of its own
                Run(
                    [*on_catalogue, *THEME.arguments],
                    {"JJJ_CACHE_DIR": str(first_cache), **bytecode},
                    before=partial(shutil.rmtree, first_cache, ignore_errors=True),
                    pipe=True,
                    after=_entry_written(first_cache, COMPILED_APART.setdefault(size, [])),
                ),
                # the warm-up round fills the cache (its first export waits for the entry)
                Run(
                    [*on_catalogue, "export", "--format", "sqlite", "--kind", "all"]
                    + ["-o", str(database)],
                    cached,
                    before=partial(database.unlink, missing_ok=True),
                    after=_entry_written(directory / "cache", []),
                ),
            ],
            repeat if size < LARGE else min(repeat, LARGE_REPEAT),
            warmup=1,
        )
        results += [
            Result(
                f"first run after an edit: {' '.join(THEME.arguments)} (floor: parse_floor.py)",
                size,
                first_run,
                floor,
                SCALE_TARGET,
            ),
            Result(
                "export --format sqlite --kind all (floor: the first run)",
                size,
                export,
                first_run,
                EXPORT_TARGET,
                mib_limit=EXPORT_MIB,
            ),
        ]
        try:
            sql = questions_sql(database)
        except UnknownIndex as error:
            raise SystemExit(f"{error}: add its form to SEARCH_FORMS (sqlite_answers.py)") from None
        asked = [
            (
                Run([*on_catalogue, *question.arguments], cached, pipe=True),
                Run([sqlite3, "-json", str(database), sql[question.name]], bytecode, pipe=True),
            )
            for question in QUESTIONS
        ]
        typer_floor, *timings = measure_together(
            [Run([python, "-c", "import typer"], bytecode, pipe=True)]
            + [run for pair in asked for run in pair],
            repeat,
        )
        large = size >= LARGE
        for number, (question, (own, theirs)) in enumerate(zip(QUESTIONS, asked)):
            timing, sqlite_timing = timings[2 * number : 2 * number + 2]
            budget = Timing(
                typer_floor.median + SQLITE_TIMES * sqlite_timing.median,
                typer_floor.low + SQLITE_TIMES * sqlite_timing.low,
                typer_floor.high + SQLITE_TIMES * sqlite_timing.high,
                max(typer_floor.peak_mib, sqlite_timing.peak_mib),
                typer_floor.cpu + SQLITE_TIMES * sqlite_timing.cpu,
            )
            results.append(
                Result(
                    f"{' '.join(question.arguments)}, cached "
                    f"(floor: import typer + {SQLITE_TIMES} × sqlite3)",
                    size,
                    timing,
                    budget,
                    1.0,
                    seconds_limit=LARGE_QUERY_SECONDS if large else None,
                    mib_limit=LARGE_QUERY_MIB if large else None,
                )
            )
            rows, sqlite_rows, same = in_child(
                compare_answers, question, own.command, own.env, theirs.command
            )
            answers.append(
                Answer(question, size, rows, sqlite_rows, same, sqlite_timing, typer_floor)
            )
        indexes.append(
            IndexSize(
                size,
                database.stat().st_size,
                in_child(index_bytes, database),
                in_child(indexed_text_bytes, database),
                in_child(index_bytes, database, True, SEARCH_INDEX),
                in_child(searched_text_bytes, database),
            )
        )
    return results, answers, indexes


# --- the static site ------------------------------------------------------------------------

# `jjj site -o DIR` of the shipped catalogue against `jjj export --format json` of it, at most;
# on catalogues of SITE_LARGE items or more, under SITE_SECONDS, growing linearly; and the
# index filtering within KEYSTROKE_MS of a keystroke, by the browser's own clock.
SITE_TARGET = 3.0
SITE_LARGE = 10_000
SITE_SECONDS = 30.0
KEYSTROKE_MS = 100.0
# What the keystroke case types into the index's search, and the facet filters it ticks.
KEYSTROKE_QUERIES = ("雄安", "产业链", "cluster", "free trade")
# Measured in the page: the search box given a query, its input event sent (the index filters
# in the event's handler), and the page laid out again, by performance.now().
_KEYSTROKE = """query => {
  const box = document.getElementById('q');
  const start = performance.now();
  box.value = query;
  box.dispatchEvent(new Event('input', {bubbles: true}));
  document.body.getBoundingClientRect();
  const shown = document.querySelectorAll('[data-item-id]:not([hidden])').length;
  return [performance.now() - start, shown];
}"""


@dataclass(frozen=True)
class Keystrokes:
    items: int
    milliseconds: list[float]  # one per keystroke, every query repeat times
    shown: dict[str, int]  # items listed for each query


def run_site_cases(
    sizes: Sequence[int], repeat: int, workdir: Path
) -> tuple[list[Result], list[Keystrokes], dict[int, float]]:
    """`jjj site` of the shipped catalogue and of generated ones (`generate`), each against
    the JSON export of the same catalogue, cached, taking turns; the index of each generated
    catalogue's site filtering as it is typed into, in headless Chromium, if the machine has
    it and Playwright. Also each size's milliseconds per item, to see that the time is linear."""
    jjj = str(JJJ)
    bytecode = {"PYTHONPYCACHEPREFIX": str(workdir / "bytecode")}
    results, keystrokes, per_item = [], [], {}
    shipped = ("shipped", None, [jjj], {"JJJ_CACHE_DIR": str(workdir / "cache-site"), **bytecode})
    generated = []
    for size in sizes:
        directory = workdir / f"site-{size}"
        catalogue = in_child(generate, size, directory)
        cache = {"JJJ_CACHE_DIR": str(directory / "cache"), **bytecode}
        generated.append((f"{size:,}", size, [jjj, "--catalogue", str(catalogue)], cache))
    for name, size, on, env in [shipped, *generated]:
        site = workdir / f"site-of-{name}"
        export, built = measure_together(
            [
                # the warm-up fills the cache: its first export waits for the entry
                Run(
                    [*on, "export", "--format", "json", "--kind", "all"],
                    env,
                    pipe=True,
                    after=_entry_written(Path(env["JJJ_CACHE_DIR"]), []),
                ),
                Run([*on, "site", "-o", str(site), "--force"], env),
            ],
            repeat if size is None or size < SITE_LARGE else min(repeat, LARGE_REPEAT),
            warmup=1,
        )
        large = size is not None and size >= SITE_LARGE
        results.append(
            Result(
                "site -o DIR (floor: export --format json --kind all)",
                size,
                built,
                export,
                # the ratio is the shipped catalogue's target; a generated one's, its time
                # (and that it grows linearly: per_item)
                SITE_TARGET if size is None else None,
                seconds_limit=SITE_SECONDS if large else None,
            )
        )
        if size is not None:
            per_item[size] = built.median * 1000 / size
            measured = in_child(_keystrokes, site / "index.html", repeat)
            if measured is not None:
                keystrokes.append(Keystrokes(size, *measured))
    return results, keystrokes, per_item


def _keystrokes(index: Path, repeat: int) -> tuple[list[float], dict[str, int]] | None:
    """Each query typed into the index `repeat` times (after a first, not counted): how long
    the page took to filter, and how many items it then listed; None without a browser."""
    executable = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if executable is None:
        return None
    times, shown = [], {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(index.as_uri() + "?kind=all")
        for query in KEYSTROKE_QUERIES:
            page.evaluate(_KEYSTROKE, "")
            page.evaluate(_KEYSTROKE, query)  # the first: compiled, cached
            for _ in range(repeat):
                page.evaluate(_KEYSTROKE, "")
                elapsed, shown[query] = page.evaluate(_KEYSTROKE, query)
                times.append(elapsed)
        browser.close()
    return times, shown


def keystrokes_report(keystrokes: Sequence[Keystrokes], markdown: bool) -> str:
    header = ["items", "queries", "median", "max", "target", "listed"]
    rows = [
        [
            f"{measured.items:,}",
            str(len(KEYSTROKE_QUERIES)),
            f"{statistics.median(measured.milliseconds):.0f} ms",
            f"{max(measured.milliseconds):.0f} ms",
            f"< {KEYSTROKE_MS:.0f} ms"
            + (" (missed)" if statistics.median(measured.milliseconds) >= KEYSTROKE_MS else ""),
            ", ".join(f"{query} {count:,}" for query, count in measured.shown.items()),
        ]
        for measured in keystrokes
    ]
    return _table(header, rows, markdown)


def compare_answers(
    question: Question, command: Sequence[str], env: dict[str, str], sqlite_command: Sequence[str]
) -> tuple[int, int, bool]:
    """How many items jjj's answer has (asked for JSON), how many sqlite3's, and whether they
    are the same items: in the same order where jjj gives the catalogue's, else as sets (jjj
    ranks search hits its own way, sqlite3 by bm25)."""
    if "--json" not in command:
        command = [*command, "--json"]
    ours = _ids(subprocess.run(command, capture_output=True, env=_environment(env), check=True))
    theirs = _ids(subprocess.run(sqlite_command, capture_output=True, check=True))
    same = ours == theirs if question.ordered else sorted(ours) == sorted(theirs)
    return len(ours), len(theirs), same


def _ids(finished: subprocess.CompletedProcess[bytes]) -> list[str]:
    """The ids of the records of a JSON array (sqlite3 -json prints nothing for none)."""
    return [record["id"] for record in json.loads(finished.stdout or b"[]")]


def answers_report(answers: Sequence[Answer], markdown: bool) -> str:
    header = ["question", "items", "rows", "sqlite3 rows", "same items"]
    header += ["sqlite3", "min-max", "sqlite3 peak MiB", "import typer"]
    rows = [
        [
            f"jjj {' '.join(a.question.arguments)}",
            f"{a.items:,}",
            f"{a.rows:,}",
            f"{a.sqlite_rows:,}",
            "yes" if a.same else "no",
            f"{a.sqlite.median * 1000:.0f} ms",
            f"{a.sqlite.low * 1000:.0f}-{a.sqlite.high * 1000:.0f} ms",
            _peak(a.sqlite.peak_mib),
            f"{a.floor.median * 1000:.0f} ms",
        ]
        for a in answers
    ]
    return _table(header, rows, markdown)


def index_report(indexes: Sequence[IndexSize], markdown: bool) -> str:
    header = ["items", "export", "full-text index", "text indexed", "index / text", "target"]
    header += ["Datasette's index", "its text", "its index / text"]
    rows = [
        [
            f"{i.items:,}",
            f"{i.database / MIB:.1f} MiB",
            f"{i.index / MIB:.1f} MiB",
            f"{i.text / MIB:.1f} MiB",
            f"{i.ratio:.2f}",
            f"about {INDEX_TARGET}",
            f"{i.search_index / MIB:.1f} MiB",
            f"{i.searched / MIB:.1f} MiB",
            f"{i.search_ratio:.2f}",
        ]
        for i in indexes
    ]
    return _table(header, rows, markdown)


MIB = 1024 * 1024


def report(results: Sequence[Result], markdown: bool) -> str:
    header = ["case", "items", "median", "min-max", "floor", "ratio", "target", "CPU ratio"]
    header.append("peak MiB")
    rows = []
    for r in results:
        rows.append(
            [
                r.case,
                "shipped"
                if r.items is None
                else r.items
                if isinstance(r.items, str)
                else f"{r.items:,}",
                f"{r.timing.median * 1000:.0f} ms",
                f"{r.timing.low * 1000:.0f}-{r.timing.high * 1000:.0f} ms",
                f"{r.floor.median * 1000:.0f} ms",
                f"{r.ratio:.2f}",
                r.targets,
                f"{r.cpu_ratio:.2f}",
                _peak(r.timing.peak_mib),
            ]
        )
    return _table(header, rows, markdown)


def _peak(mib: float) -> str:
    """A child's peak in MiB; `≤ N` where it may be the bench's own, N MiB (see _run_once)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return f"≤ {own:.0f}" if mib <= own else f"{mib:.0f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
    else:
        widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
        lines = [
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths))
            for line in [header, *rows]
        ]
    return "\n".join(lines)


def machine() -> str:
    cpus = os.cpu_count()
    load = ", ".join(f"{average:.1f}" for average in os.getloadavg())
    return (
        f"{platform.system()} {platform.machine()}, {cpus} CPUs, Python {platform.python_version()}"
        f"; load average {load} (1, 5, 15 minutes) at the end"
    )


def main(argv: Sequence[str] | None = None) -> int:
    summary, examples = __doc__.split("\n\n")[:2]
    parser = argparse.ArgumentParser(
        description=summary,
        epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=None,
        help="items of the one-file catalogues (default: 1000 10000 100000, none with --scale; "
        "none: no such case)",
    )
    parser.add_argument(
        "--sources",
        type=_shape,
        nargs="*",
        default=[],
        metavar="NxM",
        help="catalogues of N sources of M items, a file each (the issue's case: 1000x100), "
        "compared cold with parsing their files, cached with one file of N*M items",
    )
    parser.add_argument(
        "--scale",
        type=_sizes,
        default=[],
        metavar="N,M,...",
        help="the compiled catalogue's targets on catalogues of these many items (e.g. "
        "1000,10000,100000): cached queries against sqlite3 on jjj's own export, the first "
        "run after an edit, the SQLite export and its full-text index",
    )
    parser.add_argument(
        "--site",
        type=_sizes,
        nargs="?",
        const=[],
        default=None,
        metavar="N,M,...",
        help="jjj site of the shipped catalogue (and of catalogues of these many items, e.g. "
        "1000,10000) against jjj export --format json; each index filtering as it is typed "
        "into, in headless Chromium where there is one",
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    if args.sizes is None:
        args.sizes = [] if args.scale or args.site is not None else [1_000, 10_000, 100_000]
    if not JJJ.exists():
        parser.error(f"no jjj next to {sys.executable}: install the project in this environment")
    sqlite3 = shutil.which("sqlite3")
    if args.scale and sqlite3 is None:
        parser.error("--scale compares jjj with the sqlite3 command-line tool: none on PATH")
    with tempfile.TemporaryDirectory(prefix="jjj-bench-") as workdir:
        results = run_add_item_case(args.repeat, Path(workdir))
        results += run_cases(args.sizes, args.repeat, Path(workdir))
        results += run_sources_cases(args.sources, args.repeat, Path(workdir))
        scaled, answers, indexes = run_scale_cases(
            args.scale, args.repeat, Path(workdir), sqlite3 or "sqlite3"
        )
        sites, keystrokes, per_item = (
            run_site_cases(args.site, args.repeat, Path(workdir))
            if args.site is not None
            else ([], [], {})
        )
    print(machine())
    print(report(results + scaled + sites, args.markdown))
    if per_item:
        said = ", ".join(f"{ms:.2f} ms at {size:,} items" for size, ms in per_item.items())
        print(f"\njjj site per item (linear if about the same): {said}")
    if args.site:
        print("\nThe index filtering as it is typed into, by Chromium's clock:")
        print(keystrokes_report(keystrokes, args.markdown) if keystrokes else "  no browser here")
    if args.scale:
        print(f"\nThe same questions asked of sqlite3 -json on jjj's export ({_version(sqlite3)}):")
        print(answers_report(answers, args.markdown))
        print("\nThe export's full-text index and the text it indexes:")
        print(index_report(indexes, args.markdown))
        print("\nCompiled apart after the first run had answered (median seconds until written):")
        for size, waits in COMPILED_APART.items():
            print(f"  {size:,} items: {statistics.median(waits):.2f} s" if waits else "")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nThe bench's own peak: {own:.0f} MiB; a child's peak counts from it (≤ {own:.0f}).")
    return 0


def _version(command: str | None) -> str:
    """The first word of `command --version`: sqlite3's version."""
    finished = subprocess.run([command or "sqlite3", "--version"], capture_output=True, text=True)
    return f"sqlite3 {finished.stdout.split()[0]}" if finished.stdout else "sqlite3"


def _sizes(value: str) -> list[int]:
    """`1000,10000,100000`: catalogues of those many items."""
    try:
        sizes = [int(size) for size in value.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r}: expected numbers of items, e.g. 1000,10000,100000"
        ) from None
    if min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: a catalogue has at least 1 item")
    return sizes


def _shape(value: str) -> tuple[int, int]:
    """`1000x100`: 1,000 sources of 100 items."""
    sources, _, items = value.partition("x")
    try:
        shape = int(sources), int(items)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: expected NxM, e.g. 1000x100") from None
    if min(shape) < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: N and M are at least 1")
    return shape


if __name__ == "__main__":
    sys.exit(main())
