"""A build that is stopped, runs out of disk or meets another build leaves no wrong site.

Stopped builds are real child processes killed with SIGKILL; the next plain build must write
what a clean build of the same sources writes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.building import configure, pages, strict_cli_build
from tests.siteconf import REPO
from tests.stopping import VARIABLE as KILL_AT
from tests.test_incremental import EDITS, assert_same_pages

pytestmark = pytest.mark.xdist_group("crashsafe")


def _with_stopping(src: Path) -> None:
    configure(src, 'extensions.append("tests.stopping")')


@pytest.fixture
def stoppable_site(built_once) -> Path:
    """The minisite with the test extension that can kill its build, as its first build left it."""
    return built_once("stoppable", _with_stopping)


def cli_build(src: Path, **environment: str) -> subprocess.CompletedProcess:
    """The strict command, as `make html` runs it, in a child process."""
    command = [sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-n", "-b", "html",
               "-d", str(src / "_build/doctrees"), str(src), str(src / "_build/html")]
    return subprocess.run(command, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO), **environment})


#: An edit, and where the build after it is killed: once the environment holds the new title
#: and before any page is written; before the end of a build that removed a page.
KILLS = [("title", "articles/01-overview"), ("delete", "event:build-finished")]


@pytest.mark.parametrize(("edit", "point"), KILLS)
def test_build_killed_after_saving_is_finished_by_the_next(stoppable_site, clean_pages, edit, point):
    src = stoppable_site
    EDITS[edit](src)
    killed = cli_build(src, **{KILL_AT: point})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    finished = cli_build(src)
    assert finished.returncode == 0, finished.stderr
    assert_same_pages(pages(src / "_build/html"), clean_pages(src), f"{edit} (killed at {point})")
