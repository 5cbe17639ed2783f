"""What a JIT-compiled kernel would add to every command: numba's start-up, in fresh processes.

`framing`'s per-token and per-paragraph work is Python over compiled kernels
(pyarrow, numpy, re); a core compiled at install time would need wheels that
this project does not publish, and a compiler on the user's machine otherwise.
numba compiles at run time and keeps what it compiled in a cache folder, so it
needs neither; but every process then pays for importing numba and loading
its kernels from the cache. This script times that, as a user waits for it:

* ``import numpy``: the interpreter and numpy (every `framing` command imports numpy);
* ``import numba``;
* ``import numba`` and the first call of one small kernel (``@njit(cache=True)``,
  counting words in a code-point array) already compiled into the cache by a
  first, untimed run.

Rounds interleave the three (fresh processes each); the medians and ranges are
printed, and what numba would add to a command (the last minus the first).

numba is not a dependency of `framing`; run this from an environment that has it::

    uv venv /tmp/nb && uv pip install --python /tmp/nb/bin/python numba numpy
    /tmp/nb/bin/python bench/jit_startup.py --repeat 7

Usage:  python bench/jit_startup.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import summarize

KERNEL = '''
import numba
import numpy as np


@numba.njit(cache=True, nogil=True)
def count_words(points):
    words, space = 0, True
    for c in points:
        is_space = c == 32 or c == 10 or c == 9
        if space and not is_space:
            words += 1
        space = is_space
    return words
'''

CALL = ("import numpy as np, kernel; "
        "kernel.count_words(np.frombuffer(('word ' * 1000).encode('utf-32-le'), np.uint32))")


def timed(cmd: list[str], cwd: str) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=cwd)
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    try:
        import numba  # noqa: F401
    except ImportError:
        print("numba is not installed in this environment; see the docstring.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "kernel.py").write_text(KERNEL, encoding="utf-8")
        subprocess.run([sys.executable, "-c", CALL], check=True, cwd=folder)  # compile into the cache
        sides = {"import numpy": "import numpy", "import numba": "import numba",
                 "import + cached kernel": CALL}
        times: dict[str, list[float]] = {name: [] for name in sides}
        for r in range(args.repeat):
            order = list(sides) if r % 2 == 0 else list(sides)[::-1]
            for name in order:
                times[name].append(timed([sys.executable, "-c", sides[name]], folder))
    for name, values in times.items():
        print(summarize(f"{name:<24}", values))
    added = [k - p for k, p in zip(times["import + cached kernel"], times["import numpy"], strict=True)]
    print(summarize("numba adds to a process ", added))
    print(f"(median {statistics.median(added):.2f} s per command, whatever the corpus)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
