"""Shell completion through Typer's own protocol, as bash and zsh call the installed script."""

import os
import re
import shlex
import subprocess
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib
from pathlib import Path

import pytest

from .fresh import run_fresh
from .paths import MINI, SHIPPED

SCRIPT = Path(sys.executable).parent / ("jjj.exe" if os.name == "nt" else "jjj")


def complete(line: str, *, shell: str = "bash", env: dict | None = None) -> list[str]:
    """What the shell would offer for the last word of `line` (after a space: a new word)."""
    words = line.split(" ")
    environment = {key: value for key, value in os.environ.items() if key != "JJJ_CATALOGUE"}
    if shell == "bash":
        environment.update(COMP_WORDS=line, COMP_CWORD=str(len(words) - 1))
    else:  # zsh passes the words so far; Typer takes the last as the one to complete
        environment["_TYPER_COMPLETE_ARGS"] = line
    environment.update({"_JJJ_COMPLETE": f"complete_{shell}", **(env or {})})
    result = subprocess.run(
        [str(SCRIPT)],
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
    return [word for word in result.stdout.splitlines() if word]


def test_show_completes_every_kind_of_id():
    offered = complete("jjj show ye-")
    assert offered[0] == "ye-tanglin"  # the expert, then the items, in catalogue order
    assert "ye-chain-integration" in offered
    assert all(word.startswith("ye-") for word in offered)
    assert complete("jjj show jjj-") == ["jjj-roundtable"]


@pytest.mark.parametrize(
    "line, offered",
    [
        ("jjj list --expert z", ["zhao-hong"]),
        ("jjj list --theme cl", ["clusters", "cluster"]),  # an id, then its alias
        ("jjj list --theme 2", ["2+4+N"]),
        ("jjj search 雄安 --theme clusters,ch", ["clusters,chains"]),
        ("jjj matrix --region xi", ["xiongan"]),
        ("jjj list --region 河北", ["河北", "河北省", "河北雄安新区"]),  # name, aliases
        ("jjj list --expert 叶", ["叶堂林"]),  # a Chinese name
        ("jjj list --region Hebei", []),  # 'Hebei Province' has a space: two words to a shell
        ("jjj list --region hebei,雄", ["hebei,雄安新区", "hebei,雄安"]),
        ("jjj export --region xiongan,lang", ["xiongan,langfang", "xiongan,langfang-north"]),
        ("jjj related cong-b", ["cong-beijing-edge-untapped", "cong-break-silos"]),
        ("jjj source zhao-free", ["zhao-free-trade-port"]),
        ("jjj source jjj-", ["jjj-roundtable"]),  # the source's id: all of it
        ("jjj compare cong-yi z", ["zhao-hong"]),
        ("jjj list --source jj", ["jjj-roundtable"]),
        ("jjj sources --source jj", ["jjj-roundtable"]),
        ("jjj figures --source jj", ["jjj-roundtable"]),
    ],
)
def test_options_and_arguments_complete_their_own_ids(line, offered):
    assert complete(line) == offered


def test_an_id_of_the_wrong_kind_is_not_offered():
    assert complete("jjj list --expert clusters") == []
    assert complete("jjj related cong-yi") == []  # an expert, not an item


def test_the_catalogue_on_the_line_or_in_the_environment_is_the_one_completed():
    assert complete(f"jjj --catalogue {MINI} list --expert w") == ["wang-ming"]
    assert complete("jjj list --expert w", env={"JJJ_CATALOGUE": str(MINI)}) == ["wang-ming"]
    # after the command, too, where it beats one before it
    assert complete(f"jjj list --catalogue {MINI} --expert w") == ["wang-ming"]
    assert complete(f"jjj --catalogue {SHIPPED} list --catalogue {MINI} --expert w") == [
        "wang-ming"
    ]
    assert complete(f"jjj related --catalogue {MINI} wang-w") == ["wang-world-class-clusters"]


def test_a_broken_catalogue_completes_nothing_quietly(tmp_path):
    assert complete(f"jjj --catalogue {tmp_path / 'absent.toml'} show w") == []


def zsh_words(offered: list[str]) -> list[str]:
    """The words of zsh's `_arguments '*: :(("a" "b" ...))'` answer, one quoted word a line."""
    text = "\n".join(offered)
    assert text.startswith("_arguments '*: :((") and text.endswith("))'"), text
    return re.findall(r'"((?:[^"\\]|\\.)*)"', text)


def shipped_ids_starting(prefix: str) -> list[str]:
    """Every id in the shipped files (each table's rows) that starts with `prefix`."""
    files = [SHIPPED, *sorted(SHIPPED.parent.glob("sources/*.toml"))]
    return [
        row["id"]
        for file in files
        for table in tomllib.loads(file.read_text(encoding="utf-8")).values()
        if isinstance(table, list)
        for row in table
        if isinstance(row, dict) and row.get("id", "").startswith(prefix)
    ]


def test_zsh_gets_the_same_ids():
    assert zsh_words(complete("jjj list --region xi", shell="zsh")) == ["xiongan"]
    expected = shipped_ids_starting("ye-")
    assert len(expected) > 10  # the expert and the expert's items
    offered = zsh_words(complete("jjj show ye-", shell="zsh"))
    assert sorted(offered) == sorted(expected)
    assert offered == complete("jjj show ye-")  # and in bash's order


def test_completion_loads_neither_rich_nor_the_exporters():
    # (sqlite3 it does load: the cache is an SQLite database); as most <TAB>s find it, cached
    heavy = ["rich", "csv", "jjj_cli.render.items", "jjj_cli.render.export"]
    env = {"_JJJ_COMPLETE": "complete_bash", "COMP_WORDS": "jjj show ye-", "COMP_CWORD": "2"}
    run = run_fresh(among=heavy, env=env, runs=2)
    assert run.code == 0
    # `show` completes any id: read from the file itself, every table's ids that start so
    files = [SHIPPED, *sorted(SHIPPED.parent.glob("sources/*.toml"))]
    tables = [
        value
        for file in files
        for value in tomllib.loads(file.read_text(encoding="utf-8")).values()
        if isinstance(value, list) and value and isinstance(value[0], dict)
    ]
    expected = {
        row["id"] for table in tables for row in table if row.get("id", "").startswith("ye-")
    }
    assert set(run.stdout.split()) == expected
    assert run.loaded == set()


def test_the_completion_script_can_be_shown_and_installed():
    # run from bash, as a user would: Typer finds the shell among jjj's parent processes (a
    # second command keeps bash from replacing itself with jjj); run with no shell above it,
    # as a detached job, it says "Shell not supported"
    command = f"{shlex.quote(str(SCRIPT))} --show-completion; exit $?"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "_JJJ_COMPLETE=complete_bash" in result.stdout
    help_text = subprocess.run([str(SCRIPT), "--help"], capture_output=True, text=True).stdout
    assert "--install-completion" in help_text


def test_item_and_figure_ids_come_in_the_files_order_only_those_that_fit():
    # read from the source's own file: its items, then its figures, as the file lists them
    [file] = sorted(SHIPPED.parent.glob("sources/*.toml"))
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    expected = [
        row["id"]
        for table in ("proposals", "figures")
        for row in data[table]
        if row["id"].startswith("zhao-")
    ]
    assert len(expected) > 10
    assert complete("jjj source zhao-") == expected
    assert complete("jjj source zhao-%") == []  # not a pattern: nothing starts so
