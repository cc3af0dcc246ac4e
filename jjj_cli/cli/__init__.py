"""The jjj command line: parse options, ask the library, print what a renderer returns.

`process` is how a run ends (exit codes, errors, closed pipes); `commands` the root app and its
table of commands; `options` the options they share and the reading of their input;
`environment` what they write to, and `output` how they print to it.
browse, explore and exports define the commands. A run imports only the module of its command.
"""

from .commands import app
from .process import main

__all__ = ["app", "main"]
