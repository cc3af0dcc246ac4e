from .cli import prepare, script

try:
    prepare(freeze=True)  # typer, and the modules every run needs
except ModuleNotFoundError as missing:  # `python -m jjj_cli` in a checkout, not installed
    raise SystemExit(
        f"jjj needs {missing.name}, which is not installed: run `pip install .`"
    ) from None

script()
