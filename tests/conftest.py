"""Shared fixtures: Sphinx's own testing fixtures, builds of copied test roots, the real site
built once with the strict command, and the browser that looks at it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import launch_chromium, require_chromium, serve
from tests.building import build
from tests.siteconf import REPO

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"
SCREENSHOTS = REPO / "screenshots"
_screenshots_taken = pytest.StashKey[list[Path]]()


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


@pytest.fixture
def built(site):
    """The minisite built without a warning."""
    out, warnings = build(site())
    assert warnings == ""
    return out


def strict_build(builder: str, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The documented strict build of the real site, as Read the Docs and `make html` run it."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-n", "-b", builder,
         "-d", str(out.parent / f"doctrees-{builder}"), str(REPO), str(out)],
        capture_output=True, text=True, check=False, env=env,
    )


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The repository's site, built from scratch with the documented strict command."""
    out = tmp_path_factory.mktemp("real") / "html"
    result = strict_build("html", out)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
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
    """The real site on a local server, as a host without our `_headers` file serves it."""
    with serve(real_site) as site:
        yield site


@pytest.fixture(scope="module")
def site_url(site_server) -> str:
    return site_server.url


@pytest.fixture(scope="module")
def csp_site_server(real_site):
    """The real site on a local server that sends the headers of its `_headers` file."""
    with serve(real_site, send_headers_file=True) as site:
        yield site


@pytest.fixture(scope="session")
def screenshot_path(pytestconfig):
    """Where screenshots go (git-ignored); the run's summary says where to look."""
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir()
    taken = pytestconfig.stash.setdefault(_screenshots_taken, [])

    def path(name: str) -> Path:
        taken.append(SCREENSHOTS / f"{name}.png")
        return taken[-1]

    return path


def pytest_runtest_setup(item):
    # Checked here rather than in the fixture, so that a missing Chromium is one skip line
    # for all browser tests (pytest reports a fixture's skip at each test's own line).
    if "chromium" in getattr(item, "fixturenames", ()):
        require_chromium()


def pytest_terminal_summary(terminalreporter, config):
    taken = [p for p in config.stash.get(_screenshots_taken, []) if p.is_file()]
    if taken:
        terminalreporter.write_line(f"{len(taken)} screenshots to look at in {SCREENSHOTS}/")
