"""The sitemap's <lastmod> from git, and furo's 'Edit this page' from one setting."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

from tests.building import build, soup
from tests.siteconf import REPO

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://fieldnotes.example.org/"
REPOSITORY = "https://github.com/example-owner/field-notes"


def _commit_all(src: Path, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "articles"]):
        subprocess.run(["git", *args], cwd=src, env=env, check=True)


def _lastmods(out: Path) -> dict[str, str | None]:
    root = ET.parse(out / "sitemap.xml").getroot()
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
            for url in root.iter(f"{SITEMAP}url")}


def test_sitemap_gives_each_committed_page_its_last_commit_even_after_an_incremental_build(site):
    src = site()
    (src / ".gitignore").write_text("_build/\ncategories/\ntags/\n")
    # Later than any commit of the repository's templates, which listing pages depend on, so the
    # sources' commit is the newest of each page's inputs.
    when = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)).replace(microsecond=0).isoformat()
    _commit_all(src, when)
    want = dt.datetime.fromisoformat(when).strftime("%Y-%m-%dT%H:%M:%SZ")
    sources = [p.relative_to(src).with_suffix(".html").as_posix()
               for p in [src / "index.md", *(src / "articles").glob("*.md")]]
    first = _sphinx_build(src)
    assert first.returncode == 0 and "WARNING" not in first.stderr, first.stderr
    lastmods = _lastmods(src / "_build")
    assert {page: lastmods[BASE + page] for page in sources} == dict.fromkeys(sources, want)
    # A rebuild that writes no page: every date must then come from the environment.
    again = _sphinx_build(src)
    assert again.returncode == 0 and "no targets are out of date" in again.stdout, again.stdout
    assert _lastmods(src / "_build") == lastmods


def _sphinx_build(src: Path) -> subprocess.CompletedProcess:
    """The command line build: a test app rewrites every page on each build."""
    return subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", str(src), str(src / "_build")],
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def test_edit_link_on_authored_pages_only(built_site):
    src = built_site
    # Committed, as a checkout that tracks the generated pages would have them: the link
    # needs a tracked source (sphinx-last-updated-by-git hides it otherwise).
    _commit_all(src, "2026-11-30T08:15:00+00:00")
    out, warnings = build(src, fresh=True, fieldnotes_source_repository=REPOSITORY + ".git")
    assert warnings == ""
    link = soup(out, "articles/03-gpu-sizing.html").select_one('a[rel="edit"]')
    assert link["href"] == f"{REPOSITORY}/edit/main/articles/03-gpu-sizing.md"
    assert soup(out, "index.html").select_one('a[rel="edit"]')["href"].endswith("/edit/main/index.md")
    for generated in ("categories/gpu-compute.html", "tags/gpu.html", "tags/index.html"):
        assert soup(out, generated).select_one('a[rel="edit"]') is None, generated


def test_read_the_docs_clone_and_branch_drive_the_link_when_unset(site, monkeypatch):
    monkeypatch.setenv("READTHEDOCS_GIT_CLONE_URL", REPOSITORY + ".git")
    monkeypatch.setenv("READTHEDOCS_GIT_IDENTIFIER", "drafts")
    src = site()
    _commit_all(src, "2026-11-30T08:15:00+00:00")
    out, warnings = build(src)
    assert warnings == ""
    link = soup(out, "articles/03-gpu-sizing.html").select_one('a[rel="edit"]')
    assert link["href"] == f"{REPOSITORY}/edit/drafts/articles/03-gpu-sizing.md"


def test_no_setting_no_link_and_a_bad_setting_is_a_warning(site, monkeypatch):
    monkeypatch.delenv("READTHEDOCS_GIT_CLONE_URL", raising=False)
    src = site()
    _commit_all(src, "2026-11-30T08:15:00+00:00")
    out, warnings = build(src)
    assert warnings == "" and soup(out, "articles/03-gpu-sizing.html").select_one('a[rel="edit"]') is None
    out, warnings = build(src, fresh=True, fieldnotes_source_repository="github.com/owner/name")
    assert f"{src / 'conf.py'}:1: WARNING: fieldnotes_source_repository 'github.com/owner/name'" in warnings
