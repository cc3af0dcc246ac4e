"""A catalogue named on the command line by its file, or by a git revision (`HEAD~1`, `main`, a
commit) of the repository that holds the current catalogue.

For a revision, the directory holding the current catalogue's entry file, with everything
under it (the files it includes, the source texts it names relative to itself), is checked
out of git as it was at that revision into a temporary directory, loaded there and removed.
`git checkout-index` writes the files as a checkout would (line endings, filters): the source
texts keep the sha256 their catalogue recorded. Files the catalogue names outside its own
directory are not copied.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..cache import load_cached
from ..catalogue import Catalogue, CatalogueError, Problem, display_path
from ..catalogue.reasons import system_reason
from ..language import _
from ..query import QueryError


class NotACatalogue(QueryError):
    """What was named is neither a catalogue file nor a revision of the catalogue's repository,
    or the revision has no catalogue: a usage problem (exit 2), not bad data."""


def catalogue_at(name: str, current: Path) -> Catalogue:
    """The catalogue `name` names: a file, when there is one by that name; else a revision of
    the git repository holding `current` (the current catalogue's entry file), as it was then.

    Raises NotACatalogue when it is neither, CatalogueError when what it names does not load
    (at a revision, each problem names its file as git does: `HEAD~1:data/proposals.toml`).
    """
    try:
        exists = Path(name).exists()
    except (OSError, ValueError):  # a name too long for a path, or one holding a NUL
        exists = False
    if exists:
        return load_cached(Path(name), compile=False)  # to compare, not to ask again: not compiled
    return _at_revision(name, current)


def _at_revision(revision: str, current: Path) -> Catalogue:
    neither = _("'{name}' is neither a file nor a git revision").format(name=revision)
    if revision.startswith("-"):  # git would take it for an option
        raise NotACatalogue(neither)
    shown = display_path(current)
    outside = _("'{name}' is neither a file nor a git revision: {file}")
    top = Path(
        _git(
            ["rev-parse", "--show-toplevel"],
            current.parent,
            outside.format(name=revision, file=shown),
        )
    )
    commit = _git(
        ["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
        top,
        _("'{name}' is neither a file nor a git revision of the repository holding {file}").format(
            name=revision, file=shown
        ),
    )
    try:
        entry = current.resolve().relative_to(top.resolve())
    except ValueError:  # the catalogue is reached through a link from outside the repository
        message = _("'{name}' is neither a file nor a git revision: {file} is not inside {top}")
        raise NotACatalogue(message.format(name=revision, file=shown, top=top)) from None
    with tempfile.TemporaryDirectory(prefix="jjj-diff-") as temporary:
        root = Path(temporary) / "tree"
        index = Path(temporary) / "index"
        failure = _("cannot read '{name}'").format(name=revision)
        _copy_out(top, commit, entry.parent.as_posix(), root, index, failure)
        if not (root / entry).is_file():
            message = _("revision '{name}' has no {file}")
            raise NotACatalogue(message.format(name=revision, file=entry.as_posix()))
        try:
            from ..catalogue import load_catalogue

            return load_catalogue(root / entry)
        except CatalogueError as error:
            raise CatalogueError(_as_in_git(error, root, revision)) from None


def _git(args: Sequence[str], directory: Path, failure: str) -> str:
    """What git prints (its first line) for `args` run in `directory`; NotACatalogue with the
    `failure` message, and git's own first line of complaint if any, when it fails."""
    try:
        done = subprocess.run(
            ["git", "-C", str(directory), *args], capture_output=True, text=True, check=False
        )
    except OSError as error:
        message = _("{failure}: git cannot be run ({reason})")
        raise NotACatalogue(message.format(failure=failure, reason=system_reason(error))) from None
    if done.returncode != 0:
        said = next(iter(done.stderr.strip().splitlines()), "")
        raise NotACatalogue(f"{failure} ({said})" if said else failure)
    return done.stdout.strip()


def _copy_out(
    top: Path, commit: str, directory: str, root: Path, index: Path, failure: str
) -> None:
    """Check the files under `directory` (relative to the repository's top) out of `commit`
    into `root`, at the same paths, as `git checkout` would write them; through an index of
    their own (`index`), so that the repository's index and working tree are never touched."""
    environment = {**os.environ, "GIT_INDEX_FILE": str(index)}

    def git(*args: str, input: bytes | None = None) -> bytes:
        command = ["git", "--literal-pathspecs", "-C", str(top), *args]
        done = subprocess.run(
            command, input=input, env=environment, capture_output=True, check=False
        )
        if done.returncode != 0:  # a filter that is not installed, an object not fetched
            said = next(iter(os.fsdecode(done.stderr).strip().splitlines()), "")
            raise NotACatalogue(f"{failure} ({said})" if said else failure)
        return done.stdout

    git("read-tree", commit)
    files = git("ls-files", "-z", *([] if directory == "." else ["--", directory]))
    if files:
        git("checkout-index", "-z", "--stdin", f"--prefix={root}{os.sep}", input=files)


def _as_in_git(error: CatalogueError, root: Path, revision: str) -> list[Problem]:
    """The problems with each path of the temporary copy written as git names a file at a
    revision (`HEAD~1:data/proposals.toml`): the temporary directory is gone when they show."""
    prefixes = {f"{display_path(root)}{os.sep}", f"{root}{os.sep}", f"{root.resolve()}{os.sep}"}

    def in_git(text: str) -> str:
        for prefix in prefixes:
            text = text.replace(prefix, f"{revision}:")
        return text

    return [
        problem._replace(file=in_git(problem.file), message=in_git(problem.message))
        for problem in error.problems
    ]
