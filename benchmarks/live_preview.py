"""How long the live preview takes: from saving an article to `make livehtml` serving it.

It runs sphinx-autobuild as `make livehtml` does (the Makefile's options and ignores, drafts
shown) on a benchmark site, waits for the first build to be served, then saves a body edit
and a title edit to an article and polls the article's page until the served page shows the
edit. Each time is measured from the moment the edited file is written.
"""

from __future__ import annotations

import html
import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AUTOBUILD = Path(sys.executable).with_name("sphinx-autobuild")


@dataclass
class LiveTimes:
    count: int
    corpus: str
    first_build: float
    body_edit: float
    title_edit: float


def makefile_command(src: Path, port: int) -> list[str]:
    """The livehtml target's command, its options and ignores read from the Makefile."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    options = re.search(r"^SPHINXOPTS\s*\?=\s*(.*)$", makefile, re.M).group(1).split()
    ignored = re.search(r"^LIVE_IGNORE\s*:=\s*(.*)$", makefile, re.M).group(1)
    ignored = ignored.replace("$(BUILDDIR)", "_build").split()
    return [str(AUTOBUILD), "-b", "html", *options, "--port", str(port),
            *[arg for path in ignored for arg in ("--ignore", str(src / path))],
            "--re-ignore", "/__pycache__/", str(src), str(src / "_build" / "live")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def served(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, http.client.HTTPException, OSError):  # mid-rebuild
        return None


def wait_for(url: str, text: str, started: float, timeout: float) -> float:
    """Seconds from ``started`` until the page at ``url`` holds ``text``."""
    while time.perf_counter() - started < timeout:
        page = served(url)
        if page is not None and text in page:
            return time.perf_counter() - started
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def save(path: Path, old: str, new: str) -> float:
    """Write the edit; the moment it was saved."""
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{old!r} is not in {path}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return time.perf_counter()


def measure(src: Path, count: int, corpus: str, article: Path, title: str,
            timeout: float = 600.0) -> LiveTimes:
    """Start the live preview on ``src``, then time a body edit and a title edit of ``article``
    (whose front matter title is ``title``)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/articles/{article.stem}.html"
    log = (src.parent / f"live-{count}.log").open("ab")
    started = time.perf_counter()
    child = subprocess.Popen(makefile_command(src, port), cwd=src, stdout=log,
                             stderr=subprocess.STDOUT,
                             env={**os.environ, "FIELDNOTES_SHOW_DRAFTS": "1"})
    try:
        first = wait_for(url, "<html", started, timeout)
        time.sleep(2)  # the watcher starts once the first build is served
        marker = "We measured it again with the live preview running."
        body = wait_for(url, marker, save(article, "## The first measurement\n\n",
                                          f"## The first measurement\n\n{marker} "), timeout)
        new_title = f"{title}, live"
        quoted = title.replace("'", "''")
        saved = save(article, f"title: '{quoted}'", f"title: '{quoted}, live'")
        retitled = wait_for(url, html.escape(new_title, quote=False), saved, timeout)
    finally:
        child.terminate()
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
        log.close()
    return LiveTimes(count, corpus, first, body, retitled)
