"""What the curator's commands say they did (render/added.py), on fictional catalogues: the
counts `init --from-shipped` gives, and a report wrapped on a terminal. Counts read off the
TOML files by hand (their `[[table]]` headers)."""

from pathlib import Path

from jjj_cli.catalogue import load_catalogue
from jjj_cli.render.added import added, started
from jjj_cli.render.output import Mode

from .paths import DATA, MINI
from .terminal import marked

USE = (
    "Use it with the line below (`eval` it), or name it on each command: "
    "jjj --catalogue fictional-dir/catalogue.toml …"
)


def test_a_whole_copy_of_one_source_counts_it_in_the_singular():
    said = started(
        Path("fictional-dir"), Path("fictional-dir/catalogue.toml"), load_catalogue(MINI), True
    )
    assert said == (
        "Started a catalogue in fictional-dir: a copy of the shipped catalogue: 1 source, "
        "3 experts, 10 items, 2 figures, 6 themes and 6 regions.\n" + USE
    )


def test_a_whole_copy_of_two_sources_counts_them_in_the_plural():
    catalogue = load_catalogue(DATA / "two-sources" / "catalogue.toml")
    said = started(Path("fictional-dir"), Path("fictional-dir/catalogue.toml"), catalogue, True)
    assert said == (
        "Started a catalogue in fictional-dir: a copy of the shipped catalogue: 2 sources, "
        "3 experts, 10 items, 2 figures, 3 themes and 5 regions.\n" + USE
    )


def test_a_source_added_on_a_terminal_is_wrapped_inside_the_margin_under_its_start():
    source = (
        load_catalogue(MINI).sources[0]._replace(title="A fictional title of several words to wrap")
    )
    report = added(source, [(Path("sources/fictional.txt"), True)], Mode.TABLE)
    # 38 cells between the margins: `Added source 'mini-forum': ` is 27, `A fictional` 11
    assert marked(report, 40) == [
        " Added source 'mini-forum': A fictional",
        "   title of several words to wrap",
        " new: sources/fictional.txt",
    ]
