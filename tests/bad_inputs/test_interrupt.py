"""Interrupting a ``--jobs 2`` run: every worker stops, nothing is written, one line says so.

``bench/interrupt.py`` does the same many times at random moments; here, once per signal.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tests.conftest import MINI, corpus_rows, write_jsonl

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals, Linux")


def _start(tmp_path: Path) -> tuple[subprocess.Popen[bytes], list[psutil.Process], Path]:
    """``framing hits`` on 24,000 constructed documents with two workers, once both run."""
    rows = [dict(row, id=f"{row['id']}-{k}") for k in range(500) for row in corpus_rows(48)]
    corpus = write_jsonl(tmp_path / "c.jsonl", rows)
    out = tmp_path / "out" / "h.parquet"
    proc = subprocess.Popen([sys.executable, "-m", "framing", "hits", str(corpus), "-l", str(MINI),
                             "--jobs", "2", "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 60
    while len(parent.children()) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = parent.children()
    assert len(workers) >= 2 and proc.poll() is None, "the run ended before it could be interrupted"
    time.sleep(0.3)
    return proc, workers, corpus


def _gone(workers: list[psutil.Process], wait: float = 10) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        alive = [w for w in workers if w.is_running() and w.status() != psutil.STATUS_ZOMBIE]
        if not alive:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize(("signum", "group", "status"), [
    (signal.SIGINT, True, 130),  # Ctrl-C: every process of the terminal's group
    (signal.SIGTERM, False, 143),  # kill PID: the main process only
])
def test_an_interrupt_stops_every_worker_and_writes_nothing(signum: int, group: bool, status: int,
                                                            tmp_path: Path) -> None:
    proc, workers, corpus = _start(tmp_path)
    if group:
        os.killpg(proc.pid, signum)
    else:
        proc.send_signal(signum)
    assert proc.wait(timeout=60) == status
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    assert stderr.strip().splitlines() == ["Interrupted; no output file was written."], stderr
    assert _gone(workers)
    assert [p.name for p in tmp_path.iterdir()] == [corpus.name]  # no output, no .part, no folder


def test_workers_die_with_a_killed_main_process(tmp_path: Path) -> None:
    """SIGKILL leaves no chance to clean up: the kernel ends the workers (PR_SET_PDEATHSIG)."""
    proc, workers, _ = _start(tmp_path)
    proc.kill()
    proc.wait(timeout=60)
    assert _gone(workers)


SWALLOWER = """
import time
from framing.cli.app import _signals
with _signals():
    while True:  # an exception raised by the signal handler is lost, as in a destructor
        try:
            print("ready", flush=True)
            time.sleep(0.05)
        except KeyboardInterrupt:
            pass
"""


def test_a_lost_interrupt_still_ends_the_process() -> None:
    proc = subprocess.Popen([sys.executable, "-c", SWALLOWER], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
    proc.send_signal(signal.SIGTERM)
    status = proc.wait(timeout=30)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    assert (status, stderr.splitlines()) == (143, ["Interrupted; no output file was written."]), stderr
