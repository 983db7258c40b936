"""Shared fixtures: Sphinx's own testing fixtures, and builds of copied test roots."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
