"""The jjj command line: parse options, ask the library, print what a renderer returns.

`process` is how a run ends (exit codes, errors, closed pipes); `commands` the root app and its
table of commands; `options` the options they share and the reading of their input;
`environment` what they write to, and `output` how they print to it.
browse, explore and exports define the commands. A run imports only the module of its command.

Importing this package imports none of them: `main` starts a run with the collector paused
while it imports them (`prepare`), and `app` is imported on first use.
"""

from typing import TYPE_CHECKING, Any, NoReturn

__all__ = ["app", "main", "script"]

if TYPE_CHECKING:
    from .commands import app


def script() -> NoReturn:
    """Entry point of the `jjj` console script (and of `python -m jjj_cli`): `main`, in a
    process that is jjj's own, and then the end of that process, at once where nothing is
    left for Python's own ending to do (process.end).

    What typer and jjj's modules made while they were imported is frozen (gc.freeze): it lives
    as long as the run, and the collections of the run, set on again, leave it alone. A
    library caller's `main` does not freeze: the objects are the caller's too.
    """
    prepare(freeze=True)
    try:
        main()
    except SystemExit as exit:
        if isinstance(exit.code, int):  # the code `run` chose; else Click's own (None: 0)
            from .process import end

            end(exit.code)
        raise
    raise SystemExit(0)  # main always exits; a type checker cannot tell


def main() -> None:
    """Run the command line (sys.argv) and exit with its code: SystemExit, which a caller that
    runs jjj in its own process may catch."""
    prepare()
    from .process import main as run

    run()


def prepare(*, freeze: bool = False) -> None:
    """Import typer and the modules every run needs, once, with Python's cyclic garbage
    collector held off; with `freeze`, freeze what the imports made (and all else there is).

    The full collections those imports set off scan every object made so far and free none
    of them (modules, classes and functions live as long as the run): about 3 ms of the 12 a
    cached query took beyond `import typer`, measured on its wall clock (benchmarks.md, "The
    start of a cached run"). ModuleNotFoundError if typer is not installed.
    """
    import gc
    import sys

    if f"{__name__}.commands" in sys.modules:
        return
    collecting = gc.isenabled()
    gc.disable()
    try:
        from . import commands  # noqa: F401  (typer, and the modules every run needs)
    finally:
        if freeze:
            gc.freeze()
        if collecting:
            gc.enable()


def __getattr__(name: str) -> Any:
    if name == "app":
        from .commands import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
