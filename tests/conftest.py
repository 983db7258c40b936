"""Shared fixtures: Sphinx's own testing fixtures, builds of copied test roots, the real site
built once with the strict command, and the browser that looks at it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest
from filelock import FileLock

# The run's build cache (read by tests/siteconf.py, so set before anything imports it), made by
# the process that runs or leads the run; its workers and their child processes inherit the
# variable.
BUILD_CACHE_VARIABLE = "FIELDNOTES_TEST_BUILD_CACHE"
if not os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ[BUILD_CACHE_VARIABLE] = tempfile.mkdtemp(prefix="fieldnotes-test-cache-")

from tests import vnu
from tests.browser import launch_chromium, require_chromium, serve
from tests.building import build, configure, keep_as_built, once_per_source, pages, restore_as_built
from tests.siteconf import REPO

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"
SCREENSHOTS = REPO / "screenshots"
REPO_BUILDS_LOCK = REPO / "_build" / "tests-repository-builds.lock"
_run_started = pytest.StashKey[float]()
AFTER_TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def site(tmp_path):
    """A fresh copy of a test root that a test may edit and build."""

    def copy(name: str = "minisite", to: str = "src") -> Path:
        dest = tmp_path / to
        shutil.copytree(ROOTS / f"test-{name}", dest)
        return dest

    return copy


@pytest.fixture(scope="session")
def _built_trees(tmp_path_factory):
    """Each named test root, changed by ``prepare`` and built without a warning once a session:
    where it was built, and a copy of it as that build left it."""
    kept: dict[str, tuple[Path, Path]] = {}

    def tree(name: str, prepare=lambda src: None, root: str = "minisite") -> tuple[Path, Path]:
        if name not in kept:
            src = tmp_path_factory.mktemp(name) / "src"
            shutil.copytree(ROOTS / f"test-{root}", src)
            prepare(src)
            _, warnings = build(src)
            assert warnings == ""
            kept[name] = (src, keep_as_built(src))
        return kept[name]

    return tree


@pytest.fixture(scope="session")
def built(_built_trees) -> Path:
    """The minisite built without a warning, once for the session: tests only read it."""
    return _built_trees("minisite")[1] / "_build" / "html"


@pytest.fixture
def built_site(built_once) -> Path:
    """The minisite as its first build left it, doctrees and all, at the path it was built
    in: a test may edit it, and its next build is incremental."""
    return built_once("minisite")


@pytest.fixture(scope="session")
def built_once(_built_trees):
    """A test root, changed by ``prepare`` and built without a warning once a session for each
    ``name``; each call puts it back, doctrees and all, at the path it was built in, as that
    build left it: a test may read it, or edit it and build again incrementally."""

    def restore(name: str, prepare=lambda src: None, root: str = "minisite") -> Path:
        src, kept = _built_trees(name, prepare, root)
        return restore_as_built(kept, src)

    return restore


def _queue_article_a_draft(src: Path) -> None:
    path = src / "articles/04-queue-design.md"
    path.write_text(path.read_text().replace("tags: [kafka]", "tags: [kafka]\ndraft: true"))
    # Hidden whatever FIELDNOTES_SHOW_DRAFTS says.
    configure(src, "fieldnotes_show_drafts = False")


@pytest.fixture
def draft_site(built_once) -> Path:
    """The minisite with its queue article (04) a draft, as its first build left it (see
    ``built_once``)."""
    return built_once("queue-article-draft", _queue_article_a_draft)


@pytest.fixture
def furo_sidebar_site(built_once) -> Path:
    """The minisite on furo's stock sidebar tree, as its first build left it (see
    ``built_once``)."""
    return built_once("furo-sidebar", lambda src: configure(src, 'fieldnotes_sidebar = "furo"'))


@pytest.fixture(scope="session")
def clean_pages(tmp_path_factory):
    """What a clean serial build writes for a source tree (as `pages` reads it), each tree
    built once for the session, in a copy without its `_build`."""
    return once_per_source(lambda: tmp_path_factory.mktemp("clean"),
                           lambda copy: pages(build(copy)[0]))


def strict_build(builder: str, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The documented strict build of the real site, as Read the Docs and `make html` run it.
    Builds of the repository take turns, across test workers: each writes the generated
    category and tag pages into the repository."""
    REPO_BUILDS_LOCK.parent.mkdir(exist_ok=True)
    with FileLock(REPO_BUILDS_LOCK):
        return subprocess.run(
            [sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-n", "-b", builder,
             "-d", str(out.parent / f"doctrees-{builder}"), str(REPO), str(out)],
            capture_output=True, text=True, check=False, env=env,
        )


def shared_folder(tmp_path_factory) -> Path:
    """A folder all pytest-xdist workers of this run share (each has a base temp of its own)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The repository's site, built from scratch with the documented strict command, once a
    run for all workers; tests only read it."""
    out = shared_folder(tmp_path_factory) / "real" / "html"
    built = out.with_name("built")
    out.parent.mkdir(exist_ok=True)
    with FileLock(out.with_name("lock")):
        if not built.exists():
            shutil.rmtree(out, ignore_errors=True)
            result = strict_build("html", out)
            assert result.returncode == 0, result.stderr
            assert "WARNING" not in result.stderr
            built.touch()
    return out


# Browser and servers live for one test module only: Playwright's event loop and the server
# threads must be gone before other modules' parallel Sphinx builds fork worker processes.
@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site_server(real_site):
    """The real site on a local server, as a host without our `_headers` file serves it
    (browsers keep Sphinx's versioned assets: no test changes this site)."""
    with serve(real_site, cache_versioned_assets=True) as site:
        yield site


@pytest.fixture(scope="module")
def site_url(site_server) -> str:
    return site_server.url


@pytest.fixture(scope="module")
def loaded_tab(chromium, site_server):
    """A page of the real site, loaded once a module for the tests that only look at it
    (layout, axe, screenshots), shown at the viewport and in the colour scheme the test asks
    for: loads, not looks, are what browser tests spend their time on. One tab serves every
    viewport, resized as a reader resizes a window: media queries and layout follow the new
    size as they do at a fresh load. A module using it runs on one worker (an `xdist_group`),
    so each page loads once a run."""
    context = chromium.new_context()  # other hosts are out of its reach (`CHROMIUM_ARGS`)
    tabs = {}

    def tab(path: str, viewport: dict[str, int], scheme: str = "light"):
        if path not in tabs:
            tabs[path] = context.new_page()
            tabs[path].set_viewport_size(viewport)
            tabs[path].goto(urljoin(site_server.url, path))
        page = tabs[path]
        page.bring_to_front()  # a tab in the background is painted late, if at all
        if page.viewport_size != viewport:
            page.set_viewport_size(viewport)
        page.emulate_media(color_scheme=scheme)
        # The page's own resize and media-query listeners run before the test looks.
        page.evaluate(AFTER_TWO_FRAMES)
        return page

    yield tab
    context.close()


@pytest.fixture(scope="module")
def csp_site_server(real_site):
    """The real site on a local server that sends the headers of its `_headers` file (browsers
    keep Sphinx's versioned assets: no test changes this site)."""
    with serve(real_site, send_headers_file=True, cache_versioned_assets=True) as site:
        yield site


@pytest.fixture(scope="session")
def screenshot_path():
    """Where screenshots go (git-ignored, emptied as the run starts); the run's summary says
    where to look."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def path(name: str) -> Path:
        return SCREENSHOTS / f"{name}.png"

    return path


def pytest_runtest_setup(item):
    # Checked here rather than in the fixture, so that a missing Chromium is one skip line
    # for all browser tests (pytest reports a fixture's skip at each test's own line).
    if "chromium" in getattr(item, "fixturenames", ()):
        require_chromium()


def pytest_configure(config):
    config.stash[_run_started] = time.time()
    if not hasattr(config, "workerinput"):  # once, in the process that runs or leads the run
        shutil.rmtree(SCREENSHOTS, ignore_errors=True)
        vnu.make_run_folder()


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput"):
        shutil.rmtree(os.environ.pop(BUILD_CACHE_VARIABLE, ""), ignore_errors=True)
        vnu.stop_service()


def pytest_terminal_summary(terminalreporter, config):
    # Counted on disk, whichever process took them.
    started = config.stash[_run_started]
    taken = [p for p in SCREENSHOTS.glob("*.png") if p.stat().st_mtime >= started]
    if taken:
        terminalreporter.write_line(f"{len(taken)} screenshots to look at in {SCREENSHOTS}/")
