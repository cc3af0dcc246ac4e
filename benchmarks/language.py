"""What speaking Chinese costs a run: choosing the language and loading its messages.

    python benchmarks/language.py [--repeat N]

Each round is a fresh Python that has imported what every run imports before the language is
chosen (typer, jjj's command table), then times `cli.translate.speak`: the language chosen from
the command line and the environment, the .mo read, Typer pointed at it, and (in Chinese) rich
told where Chinese lines may break. English loads nothing. The target (#14): under 2 ms.
Also timed, whole runs of `jjj list --json` in each language, taking turns.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_MS = 2.0

_SPEAK = """
import io, os, sys, time
from jjj_cli.cli import commands, translate
from jjj_cli.cli.environment import Environment
environment = Environment(stdout=io.StringIO(), stderr=io.StringIO())
start = time.perf_counter()
translate.speak(["list", "--json"], environment)
print((time.perf_counter() - start) * 1000)
"""


def speak_ms(language: str, repeat: int) -> list[float]:
    environ = {**os.environ, "JJJ_LANG": language}
    return [
        float(
            subprocess.run(
                [sys.executable, "-c", _SPEAK], env=environ, capture_output=True, text=True
            ).stdout
        )
        for _ in range(repeat)
    ]


def run_ms(language: str) -> float:
    environ = {**os.environ, "JJJ_LANG": language}
    jjj = Path(sys.executable).with_name("jjj")
    start = time.perf_counter()
    subprocess.run([str(jjj), "list", "--json"], env=environ, capture_output=True, check=True)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40)
    repeat = parser.parse_args().repeat
    for language in ("en", "zh"):
        times = speak_ms(language, repeat)
        median = statistics.median(times)
        verdict = "met" if median < TARGET_MS else "MISSED"
        print(
            f"choosing and loading {language}: median {median:.2f} ms, slowest "
            f"{max(times):.2f} ms over {repeat} runs (target < {TARGET_MS} ms: {verdict})"
        )
    runs: dict[str, list[float]] = {"en": [], "zh": []}
    for _ in range(repeat):  # taking turns, so that a busy moment weighs on both
        for language in runs:
            runs[language].append(run_ms(language))
    en, zh = (statistics.median(runs[language]) for language in ("en", "zh"))
    print(f"jjj list --json: median {en:.1f} ms in English, {zh:.1f} ms in Chinese")


if __name__ == "__main__":
    main()
