"""The jjj command line: parse options, ask the library, print what a renderer returns.

`process` is how a run ends (exit codes, errors, closed pipes); `commands` the root app and its
table of commands; `options` the options they share and the reading of their input;
`environment` what they write to, and `output` how they print to it.
browse, explore and exports define the commands. A run imports only the module of its command.

Importing this package imports none of them: `main` starts a run with the collector paused
(below), and `app` is imported on first use.
"""

from typing import TYPE_CHECKING, Any, NoReturn

__all__ = ["app", "main", "script"]

if TYPE_CHECKING:
    from .commands import app


def script() -> NoReturn:
    """Entry point of the `jjj` console script (and of `python -m jjj_cli`): `main`, and then
    the end of the process, at once where nothing is left for Python's own ending to do
    (process.end)."""
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
    runs jjj in its own process may catch.

    Python's cyclic garbage collector is held off while typer and jjj's modules are imported:
    each collection those imports set off scans every object made so far and frees none of
    them (modules, classes and functions live as long as the run), which cost a cached query
    about 3 ms of the 12 it took beyond `import typer` (benchmarks/bench.py --scale). What
    the imports made is then frozen, as Python's documentation of gc.freeze suggests for a
    process's start-up: the collections of the run itself, set on again, leave it alone.
    """
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        from . import commands  # noqa: F401  (typer, and the modules every run needs)
        from .process import main as run
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    run()


def __getattr__(name: str) -> Any:
    if name == "app":
        from .commands import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
