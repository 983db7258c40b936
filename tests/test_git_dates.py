"""Dates from git in a shallow clone, as Read the Docs makes one: every page keeps its date,
or the build says which pages lost it, why, and how to fetch the history."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.building import build
from tests.conftest import ROOTS

DEPTH = 3  # Read the Docs clones 50 commits deep; the mechanism is the same
LATER_COMMITS = DEPTH + 2
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "Author", "GIT_AUTHOR_EMAIL": "a@example.org",
           "GIT_COMMITTER_NAME": "Author", "GIT_COMMITTER_EMAIL": "a@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(where: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=where, env=GIT_ENV, capture_output=True,
                          text=True, check=True).stdout


def _dated_pages(out: Path) -> dict[str, bool]:
    """Each sitemap page, and whether it has a date."""
    root = ET.parse(out / "sitemap.xml").getroot()
    urls = root.findall("{*}url")
    assert urls
    return {url.find("{*}loc").text.rsplit("/", 1)[-1]: url.find("{*}lastmod") is not None
            for url in urls}


def test_a_shallow_clone_keeps_every_date_or_names_the_pages_that_lost_one(tmp_path):
    origin = Path(shutil.copytree(ROOTS / "test-minisite", tmp_path / "origin"))
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "the site")
    busy = origin / "articles" / "01-overview.md"
    for number in range(LATER_COMMITS):  # only the overview changes after the first commit
        busy.write_text(busy.read_text(encoding="utf-8") + f"\nEdit {number}.\n", encoding="utf-8")
        git(origin, "commit", "-q", "-am", f"edit {number}")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", str(DEPTH), f"file://{origin}", str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"

    out, warnings = build(clone)
    dated = _dated_pages(out)
    undated = sorted(page for page, has_date in dated.items() if not has_date)
    assert dated["01-overview.html"] and undated, "the clone should date only the overview"
    assert "git.too_shallow" not in warnings and "Git clone too shallow" not in warnings
    assert warnings.count("WARNING") == 1, warnings
    assert "too shallow to date" in warnings and "git fetch --unshallow" in warnings
    for page in undated:
        assert page.removesuffix(".html") + ".md" in warnings, page
    assert "01-overview.md" not in warnings
    # A later build that reads no page says it again: the dates are still missing.
    again_out, again = build(clone)
    assert again == warnings and _dated_pages(again_out) == dated

    # The fix the warning gives (and .readthedocs.yaml runs): every date, no warning.
    git(clone, "fetch", "-q", "--unshallow")
    out, warnings = build(clone)
    assert warnings == ""
    assert all(_dated_pages(out).values())
