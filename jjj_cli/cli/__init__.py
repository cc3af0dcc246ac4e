"""The jjj command line: parse options, ask the library, print what a renderer returns.

`shared` holds the root app and what the commands share; browse, explore and elsewhere define
the commands, and shared.COMMANDS says which module holds which, in the order of `jjj --help`.
A run imports only the module of the command it runs.
"""

from .shared import app, main

__all__ = ["app", "main"]
