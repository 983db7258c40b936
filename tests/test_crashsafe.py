"""A build that is stopped, runs out of disk or meets another build leaves no wrong site.

Stopped builds are real child processes killed with SIGKILL; the next plain build must write
what a clean build of the same sources writes.
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fieldnotes.building import folders as buildfolders
from fieldnotes.building.wholefiles import PARTIAL
from fieldnotes.integrations import pagefind
from fieldnotes.outputs.csp import HEADERS_FILE
from fieldnotes.outputs.search import ENTRY_FILE, INDEX_DIR
from tests.building import build, configure, once_per_source, pages, touch_later
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
    # What a kill in the middle of a whole-file write leaves, in either folder (a process id
    # no process has).
    left = [src / "_build" / folder / f".fieldnotes-kept.pickle.{2**31 - 1}{PARTIAL}"
            for folder in ("html", "doctrees")]
    for path in left:
        path.write_bytes(b"cut")
    finished = cli_build(src)
    assert finished.returncode == 0, finished.stderr
    assert_same_pages(pages(src / "_build/html"), clean_pages(src), f"{edit} (killed at {point})")
    assert not [path for path in left if path.exists()]


def _start_cli_build(src: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-n", "-b", "html",
               "-d", str(src / "_build/doctrees"), str(src), str(src / "_build/html")]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})


def test_two_builds_at_once_take_turns(site, clean_pages):
    src = site()
    builds = [_start_cli_build(src) for _ in range(2)]
    results = [(*build.communicate(), build.returncode) for build in builds]
    for out, errors, returncode in results:
        assert returncode == 0, errors
        assert "Traceback" not in errors
    # They ran at the same time: one waited for the other.
    assert sum("waiting for it to finish" in out for out, _, _ in results) == 1, results
    assert pages(src / "_build/html") == clean_pages(src)


# -- A disk that cannot take the site --------------------------------------------------------

def _full_disk_under(folder: Path, monkeypatch) -> None:
    """Every os.write into a file under ``folder`` fails as on a full disk."""
    real_write = os.write

    def write(fd: int, data) -> int:
        if Path(os.readlink(f"/proc/self/fd/{fd}")).is_relative_to(folder):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)


def test_engine_files_on_a_full_disk_are_warnings_that_name_them(built_site, monkeypatch):
    src = built_site
    out = src / "_build/html"
    before = (out / "sitemap.xml").read_bytes()
    _full_disk_under(out, monkeypatch)
    _, warnings = build(src)
    assert "Traceback" not in warnings
    for name in ("sitemap.xml", "llms.txt", "robots.txt", "_headers", "feeds/atom.xml"):
        assert re.search(rf"could not be written \({re.escape(str(out / name))}.*\): No space left "
                         r"on device; free some disk space and build again \[fieldnotes\.output\]",
                         warnings), (name, warnings)
    # Nothing half written: the old files stay as they were, and no temporary file is left.
    assert (out / "sitemap.xml").read_bytes() == before
    assert not [p for p in out.rglob("*") if p.name.endswith(PARTIAL)]


def test_a_cut_short_search_index_is_dropped_with_a_warning(built_site, monkeypatch):
    """On a full disk Pagefind exits with 0 and leaves empty files behind."""
    real_run = pagefind.run

    def run_on_full_disk(site: Path, output: Path, options):
        result = real_run(site, output, options)
        for name in (ENTRY_FILE, "wasm.en.pagefind"):
            (output / name).write_bytes(b"")
        return result

    monkeypatch.setattr(pagefind, "run", run_on_full_disk)
    # An edit, so that Pagefind runs: it runs only when an indexed page was written again.
    article = built_site / "articles/03-gpu-sizing.md"
    article.write_text(article.read_text() + "\nOne more line.\n")
    touch_later(article)
    out, warnings = build(built_site)
    assert re.search(r"the search index could not be built: Pagefind left empty files in "
                     rf"{re.escape(str(out / INDEX_DIR))}: {ENTRY_FILE}.*free some space",
                     warnings), warnings
    assert "[fieldnotes.search]" in warnings
    # No index rather than a broken one, and the policy allows no WebAssembly without one.
    assert not (out / INDEX_DIR).exists()
    assert "wasm" not in (out / HEADERS_FILE).read_text()


def _limit_file_size(limit: int):
    def limit_in_child() -> None:
        # As on a full disk, a write fails with an error (EFBIG) rather than a signal.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limit_in_child


def test_a_build_that_cannot_write_ends_with_a_message_not_a_traceback(stoppable_site):
    """Sphinx's own writes fail too (a stylesheet, a page): one clear message, no crash report."""
    src = stoppable_site
    command = [sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-n", "-b", "html",
               "-d", str(src / "_build/doctrees"), str(src), str(src / "_build/html")]
    result = subprocess.run(command, capture_output=True, text=True, check=False,
                            preexec_fn=_limit_file_size(20_000),
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "Versions\n====" not in result.stderr, result.stderr
    assert re.search(r"ERROR: the site could not be written \(.+\): File too large; .*ulimit -f",
                     result.stderr), result.stderr


# -- Kills at random points ------------------------------------------------------------------

#: How many incremental builds to kill, and the seed that picks each one's edit and moment.
#: `make test` kills a few; FIELDNOTES_TEST_KILLS=20 runs the longer check (README, Tests).
KILLS_VARIABLE, SEED_VARIABLE = "FIELDNOTES_TEST_KILLS", "FIELDNOTES_TEST_KILL_SEED"


#: Sphinx's copy of the previous build's record, made by any build whose configuration differs
#: from the previous one's (the site here was first built in this process, then from the
#: command line); a clean build has no previous one.
SPHINX_BACKUP = ".buildinfo.bak"


def site_files(outdir: Path) -> dict[str, str]:
    """A digest of every file of a build's output, by relative path."""
    return {p.relative_to(outdir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(outdir.rglob("*")) if p.is_file() and p.name != SPHINX_BACKUP}


@pytest.fixture(scope="module")
def clean_files(tmp_path_factory):
    """Every file a clean build writes for a source tree, each tree built once."""
    def files_of(copy: Path) -> dict[str, str]:
        assert cli_build(copy).returncode == 0
        return site_files(copy / "_build/html")

    return once_per_source(lambda: tmp_path_factory.mktemp("clean"), files_of)


def _kill_during(build: subprocess.Popen, lines: int, delay: float) -> bool:
    """Kill the build once it has printed ``lines`` lines and ``delay`` seconds more; False if
    it finished first."""
    for _ in range(lines):
        if not build.stdout.readline():
            break
    time.sleep(delay)
    killed = build.poll() is None
    build.kill()
    build.communicate()
    return killed


def test_builds_killed_at_random_points_are_finished_by_the_next(built_once, clean_files):
    kills = int(os.environ.get(KILLS_VARIABLE, "2"))
    chance = random.Random(int(os.environ.get(SEED_VARIABLE, "1")))
    report = []
    for _ in range(kills):
        src = built_once("minisite")
        edit, lines, delay = chance.choice(sorted(EDITS)), chance.randrange(50), chance.uniform(0, 0.5)
        EDITS[edit](src)
        killed = _kill_during(_start_cli_build(src), lines, delay)
        finished = cli_build(src)
        assert finished.returncode == 0, finished.stderr
        got, want = site_files(src / "_build/html"), clean_files(src)
        differ = sorted(name for name in got.keys() | want.keys() if got.get(name) != want.get(name))
        report.append(f"{edit} edit, killed after {lines} lines + {delay:.2f} s: "
                      f"{'killed' if killed else 'finished first'}, {len(differ)} files differ")
        assert differ == [], "\n".join(report) + f"\n{differ}"
    print("\n".join(report))


def test_a_process_forked_by_a_build_does_not_hold_its_lock(tmp_path):
    """Sphinx forks parallel readers and writers; one orphaned by a killed build (it can wait on
    its pipe for ever) must not keep every later build waiting."""

    class App:  # what the lock needs of the application
        pass

    app, path = App(), tmp_path / buildfolders.LOCK_NAME
    buildfolders._acquire(app, path)
    child = os.fork()
    if child == 0:  # the forked worker, alive after the build let go of the lock
        time.sleep(30)
        os._exit(0)
    try:
        buildfolders._release(path)
        # A later build takes the lock as a build does, and would wait while anyone holds it.
        take = ("import sys; from pathlib import Path; from fieldnotes.building import folders as buildfolders\n"
                "class App: pass\n"
                "buildfolders._acquire(App(), Path(sys.argv[1])); print('taken')")
        later_build = subprocess.run([sys.executable, "-c", take, str(path)], capture_output=True,
                                     text=True, check=False, timeout=20,
                                     env={**os.environ, "PYTHONPATH": str(REPO)})
        assert later_build.stdout.strip() == "taken", later_build.stderr
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
