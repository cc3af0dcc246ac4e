from pathlib import Path

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.toml"
SHIPPED = Path(__file__).resolve().parent.parent / "data" / "proposals.toml"
