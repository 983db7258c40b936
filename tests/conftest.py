"""Shared fixtures: Sphinx's own testing fixtures, and builds of copied test roots."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.siteconf import REPO

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"


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


def strict_build(builder: str, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The documented strict build of the real site, as Read the Docs and `make html` run it."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-n", "-b", builder,
         "-d", str(out.parent / f"doctrees-{builder}"), str(REPO), str(out)],
        capture_output=True, text=True, check=False, env=env,
    )


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("real") / "html"
    result = strict_build("html", out)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return out


