"""Pagefind: the search index is written by Pagefind's command line (pagefind-bin).

Its Python API stops its service as soon as the service answers that the files are written,
and Pagefind answers before its last writes reach the disk: files came out empty. The command
line finishes its writes before it exits. Its options are documented; the contract checks
that the pinned binary still takes the ones used here.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from fieldnotes.integrations import require

OPTIONS = ("--site", "--output-path", "--quiet")


def executable() -> str:
    from pagefind_bin import get_executable

    return str(get_executable())


def run(site: Path, output: Path, options: tuple[str, ...]) -> subprocess.CompletedProcess:
    """Index ``site`` into ``output``, from within ``site``, so that no project config is read."""
    return subprocess.run([executable(), "--site", str(site), "--output-path", str(output.resolve()),
                           *options, "--quiet"], cwd=site, capture_output=True, text=True, check=False)


def contract(extra_options: tuple[str, ...] = ()) -> None:
    shown = subprocess.run([executable(), "--help"], capture_output=True, text=True, check=False)
    for option in (*OPTIONS, *(o for o in extra_options if o.startswith("--"))):
        require(option in shown.stdout, "pagefind", f"its command line no longer takes {option}")
