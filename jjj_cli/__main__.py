try:
    from .cli import main
except ModuleNotFoundError as missing:  # `python -m jjj_cli` in a checkout, not installed
    raise SystemExit(
        f"jjj needs {missing.name}, which is not installed: run `pip install .`"
    ) from None

main()
