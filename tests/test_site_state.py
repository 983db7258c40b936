"""The site state has one owner, and a parallel build ends with what a serial build has.

The rules that span files (unique numbers, titles and labels) are checked once for the whole
site in the main process; what each document's reading notes is merged from the workers by
the domain's ``merge_domaindata``. A site with every kind of whole-site problem must fail a
serial and a ``-j 4`` build alike, and leave the same state behind.
"""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from fieldnotes.state import PER_DOCUMENT, site_state
from tests.siteconf import REPO
from tests.sitepages import published_articles

# Both builds serve every test here: they run on one worker (`--dist loadgroup`).
pytestmark = pytest.mark.xdist_group("site-state")

def _problems() -> tuple[str, dict[str, dict[str, str]]]:
    """An article of the site, and one new file per whole-site rule, each a copy of it with
    front matter lines replaced, breaking only that rule."""
    article = published_articles()[0]
    original, slug = f"{article.docname}.md", article.docname.split("-", 1)[1]
    first_free = 1 + max(int(p.name.split("-")[0]) for p in (REPO / "articles").glob("[0-9]*-*.md"))
    return original, {
        f"articles/{first_free:02d}-{slug}.md": {  # its label is the original's
            "number": str(first_free), "title": "A Second Look"},
        f"articles/{article.number:02d}-counting-gpus.md": {"title": "Counting GPUs"},
        f"articles/{first_free + 2:02d}-counting-gpus-again.md": {"number": str(first_free + 2)},
    }


def _site_with_every_problem(dest: Path) -> Path:
    for name in ("conf.py", "index.md", "articles", "fieldnotes", "_templates", "_static"):
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy2
        copy(REPO / name, dest / name)
    original, problems = _problems()
    text = (dest / original).read_text(encoding="utf-8")
    for name, edits in problems.items():
        changed = text
        for key, value in edits.items():
            changed, count = re.subn(rf"(?m)^{key}:.*$", f"{key}: '{value}'" if key == "title"
                                     else f"{key}: {value}", changed, count=1)
            assert count == 1, (original, key)
        (dest / name).write_text(changed, encoding="utf-8")
    return dest


def _build(src: Path, parallel: int) -> tuple[list[str], dict]:
    """The build's warnings, and the site state it leaves."""
    warnings = StringIO()
    app = SphinxTestApp("html", srcdir=src, builddir=src / "_build", parallel=parallel,
                        status=StringIO(), warning=warnings)
    try:
        app.build()
        state = site_state(app.env)
        kept = {store: dict(state.data[store]) for store in PER_DOCUMENT}
        kept["catalog"] = state.catalog
    finally:
        app.cleanup()
    # Without colours, and without the temporary folder each build ran in.
    plain = re.sub(r"\x1b\[[0-9;]*m", "", warnings.getvalue()).replace(str(src), "<site>")
    return sorted(line for line in plain.splitlines() if "WARNING" in line), kept


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The same site built serially and with four workers."""
    return {parallel: _build(_site_with_every_problem(tmp_path_factory.mktemp(f"j{parallel}")), parallel)
            for parallel in (0, 4)}


def test_every_whole_site_problem_fails_serial_and_parallel_alike(builds):
    (serial, _), (parallel, _) = builds[0], builds[4]
    def kinds(warnings): return [re.sub(r"^.*?WARNING: ", "", w).split(":", 1)[0] for w in warnings]
    assert [kind.split(" ", 2)[:2] for kind in kinds(serial)] == [
        ["duplicate", "number"], ["the", "article"], ["duplicate", "title"]], serial
    assert parallel == serial


def test_workers_state_is_merged_into_what_a_serial_build_keeps(builds):
    (_, serial), (_, parallel) = builds[0], builds[4]
    for store in ("reading_minutes", "listings", "references", "targets"):
        assert serial[store], f"the serial build noted no {store}: the test would prove nothing"
        assert parallel[store] == serial[store], store
    assert parallel["catalog"].articles == serial["catalog"].articles
    assert parallel["catalog"].label_owners == serial["catalog"].label_owners
