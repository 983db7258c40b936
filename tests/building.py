"""Build helpers for tests: run Sphinx on a folder and read what it wrote."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from io import StringIO
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from tests.siteconf import REPO
from fieldnotes.outputs.search import INDEX_DIR

# Written from every article's resolved doctree, kept across builds (outputs/llmstxt.py).
LLMS_FILES = ("llms.txt", "llms-full.txt")


def build(srcdir: Path, builddir: Path | None = None, *, parallel: int = 0,
          fresh: bool = False, status: StringIO | None = None,
          **confoverrides) -> tuple[Path, str]:
    """Build ``srcdir`` as HTML; return the output folder and the warnings."""
    builddir = builddir or srcdir / "_build"
    warnings = StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, builddir=builddir, parallel=parallel,
                        freshenv=fresh, confoverrides=confoverrides or None,
                        status=status or StringIO(), warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    return builddir / "html", warnings.getvalue()


def strict_cli_build(srcdir: Path, timeout: float | None = None,
                     **variables: str) -> subprocess.CompletedProcess:
    """The documented strict command (`make html`) on a test site, as a child process, with
    these environment variables besides the test run's own; a build that runs past
    ``timeout`` seconds raises TimeoutExpired."""
    command = [sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-n", "-b", "html",
               "-d", str(srcdir / "_build/doctrees"), str(srcdir), str(srcdir / "_build/html")]
    # Test roots import tests.siteconf from the repository.
    environment = {**os.environ, "PYTHONPATH": str(REPO), **variables}
    return subprocess.run(command, capture_output=True, text=True, env=environment, check=False,
                          timeout=timeout)


def keep_as_built(src: Path) -> Path:
    """A copy of a built source tree, to put back with ``restore_as_built``."""
    return Path(shutil.copytree(src, src.with_name(f"{src.name}-as-built")))


def restore_as_built(kept: Path, src: Path) -> Path:
    """Put the kept tree back at the path it was built in: Sphinx keeps an environment only
    for that folder, so the next build of it is incremental, as a second build there would be.
    Copies keep their modification times."""
    shutil.rmtree(src, ignore_errors=True)
    return Path(shutil.copytree(kept, src))


def configure(src: Path, line: str) -> None:
    """Add a setting to a test root's conf.py (after the site's, so it wins)."""
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"\n{line}\n")


def touch_later(path: Path) -> None:
    """Mark an edit as newer than the last build, whatever the clock's resolution."""
    later = time.time() + 2
    os.utime(path, (later, later))


def pages(outdir: Path) -> dict[str, str]:
    """Every HTML page, feed, sitemap and llms text of a build, by relative path, and a digest
    of each file of its search index."""
    found = {str(p.relative_to(outdir)): p.read_text(encoding="utf-8")
             for p in sorted(outdir.rglob("*"))
             if p.suffix in (".html", ".xml") or p.name in LLMS_FILES}
    index = sorted(p for p in (outdir / INDEX_DIR).rglob("*") if p.is_file())
    return found | {str(p.relative_to(outdir)): hashlib.sha256(p.read_bytes()).hexdigest() for p in index}


def source_digest(srcdir: Path) -> str:
    """A digest of every file of a source tree but its build output."""
    digest = hashlib.sha256()
    sources = (p for p in srcdir.rglob("*") if "_build" not in p.relative_to(srcdir).parts)
    for path in sorted(p for p in sources if p.is_file()):
        digest.update(f"{path.relative_to(srcdir).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def once_per_source(folder: Callable[[], Path],
                    built: Callable[[Path], dict[str, str]]) -> Callable[[Path], dict[str, str]]:
    """``built`` of a clean copy of a source tree (without its ``_build``, in a new ``folder()``),
    worked out once for each distinct content of the tree."""
    known: dict[str, dict[str, str]] = {}

    def of(tree: Path) -> dict[str, str]:
        key = source_digest(tree)
        if key not in known:
            copy = folder() / "src"
            shutil.copytree(tree, copy, ignore=shutil.ignore_patterns("_build"))
            known[key] = built(copy)
        return known[key]

    return of


def soup(outdir: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")


# Parsed once a run (a worker's run, under xdist), for the real site alone: it is built once and
# no test changes it, while its pages and feeds are read over and over. What these return is
# shared: a test that changes the tree (``decompose``) parses a page of its own with ``soup``.
@cache
def read_only_soup(real_site: Path, page: str) -> BeautifulSoup:
    return soup(real_site, page)


@cache
def read_only_feed(path: Path) -> feedparser.FeedParserDict:
    """A feed of the real site, as feed readers parse it."""
    return feedparser.parse(path.read_bytes())


def card_titles(outdir: Path, page: str) -> list[str]:
    return [t.get_text(" ", strip=True) for t in soup(outdir, page).select(".fn-grid .sd-card-title")]


def sidebar_titles(outdir: Path, page: str) -> list[str]:
    return [a.get_text(" ", strip=True) for a in soup(outdir, page).select(".sidebar-tree a.reference")]


@dataclass(frozen=True)
class CaseBuild:
    """One build of a site that holds an article of its own for each case of a test family
    (``cases``: the family's key -> the case, whose ``stem`` names its article): a whole build a
    case made such families a large share of the suite's time."""

    src: Path
    warnings: str
    cases: dict

    @cached_property
    def out(self) -> Path:
        return self.src / "_build" / "html"

    def path(self, case) -> Path:
        return self.src / "articles" / f"{case.stem}.md"

    def page(self, case) -> Path:
        return self.out / "articles" / f"{case.stem}.html"

    def warnings_about(self, case) -> str:
        """The warning lines that name the case's article."""
        return "\n".join(line for line in self.warnings.splitlines() if f"{self.path(case)}:" in line)

    def assert_each_warning_names_one_case(self) -> None:
        """None is stray, and none is about two cases: a warning the build gives for no case
        still fails every test of the family."""
        per_case = sum(len(self.warnings_about(case).splitlines()) for case in self.cases.values())
        assert per_case == len(self.warnings.splitlines()), self.warnings


def replace_step(monkeypatch, module, name: str, new) -> None:
    """Replace one of the pipeline's steps for the builds a test makes: the pipeline holds the
    step itself, so patching the module alone would change nothing once it is imported."""
    from fieldnotes import pipeline

    old = getattr(module, name)
    monkeypatch.setattr(module, name, new)
    phases = tuple(phase._replace(steps=tuple(new if step is old else step for step in phase.steps))
                   for phase in pipeline.PHASES)
    assert phases != pipeline.PHASES, f"{module.__name__}.{name} is no step of the pipeline"
    monkeypatch.setattr(pipeline, "PHASES", phases)

