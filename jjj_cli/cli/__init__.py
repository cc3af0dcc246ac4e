"""The jjj command line: parse options, ask the library, print what a renderer returns.

`shared` holds what the commands share; browse, explore and elsewhere add the commands, in the
order `jjj --help` lists them.
"""

# Importing a module registers its commands; this order is the order of `jjj --help`.
from . import browse  # noqa: F401
from . import explore  # noqa: F401
from . import elsewhere  # noqa: F401
from .shared import app, main

__all__ = ["app", "main"]
