"""The author's side: friendly errors, drafts, the new-article scaffold, live preview."""

from __future__ import annotations

import datetime as dt
import os
import re
import runpy
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fieldnotes.outputs.search import INDEX_DIR, fragments
from fieldnotes.scaffold import ScaffoldError, new_article, slugify
from tests.building import (
    build,
    card_titles,
    keep_as_built,
    restore_as_built,
    sidebar_titles,
    soup,
    touch_later,
)
from tests.conftest import ROOTS
from tests.siteconf import REPO

# The module's tests share its builds of bad-input cases: one worker builds them,
# rather than every worker that runs one of its tests.
pytestmark = pytest.mark.xdist_group("authoring")

TARGET = "articles/04-queue-design.md"
OVERVIEW = "articles/01-overview.md"  # links to the other articles by their labels
CATEGORIES = runpy.run_path(str(REPO / "conf.py"))["fieldnotes_categories"]


def _edit(old: str, new: str):
    def apply(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def _append(extra: str):
    def apply(path: Path) -> None:
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return apply


def _bad_bytes(path: Path) -> None:
    path.write_bytes(path.read_bytes() + b"\nA stray \xff byte.\n")


# Each case: how to break the article, the line the warning must name, and words of the fix.
MATRIX = {
    "yaml-does-not-parse": (_edit("title: Designing the Queue", "title: [Designing"), 2, "check quoting"),
    "not-a-mapping": (_edit("title: Designing the Queue\nnumber: 4\ncategory: infrastructure\n"
                            "date: 2026-11-25\nsummary: Consumers that commit after work.\n"
                            "tags: [kafka]\n", "- just a list\n"), 2, "write it like"),
    "key-typo": (_edit("tags: [kafka]", "tgas: [kafka]"), 7, "did you mean 'tags'"),
    "wrong-type": (_edit("summary: Consumers that commit after work.", "summary: [a, b]"), 6, "quote it"),
    "number-07": (_edit("number: 4", "number: 07"), 3, "without a leading zero, as 7"),
    "number-zero": (_edit("number: 4", "number: 0"), 3, "must be 1 or more"),
    "number-negative": (_edit("number: 4", "number: -4"), 3, "must be 1 or more"),
    "number-duplicate": (_edit("number: 4", "number: 3"), 3, "03-gpu-sizing.md has the same number"),
    "date-not-iso": (_edit("date: 2026-11-25", "date: 25 Nov 2026"), 5, "ISO date like 2026-01-31"),
    "date-not-real": (_edit("date: 2026-11-25", "date: 2026-13-45"), 5, "not a real date"),
    "unknown-category": (_edit("category: infrastructure", "category: infra"), 4,
                         "use one of: open-source (Open Source), gpu-compute"),
    "empty-summary": (_edit("summary: Consumers that commit after work.", "summary: ''"), 6,
                      "write one or two sentences"),
    "long-summary": (_edit("summary: Consumers that commit after work.", "summary: " + "word " * 90), 6,
                     "keep it under 400"),
    "missing-title": (_edit("title: Designing the Queue\n", ""), 2, "add a 'title:' line"),
    "two-titles": (_append("\n# Another Title\n"), 12, "make this a '## ' section"),
    "broken-ref": (_append("\nSee {ref}`gpu-sizng`.\n"), 12, "did you mean 'gpu-sizing'"),
    "code-does-not-parse": (_append("\n```python\ndef broken(:\n```\n"), 13, "mark the block as ```text"),
    "not-utf8": (_bad_bytes, 12, "re-save it with UTF-8"),
    "listing-header-without-category": (_append("\n:::{fieldnotes-listing-header}\n:::\n"), 12,
                                        "as :category: <slug>, one of: open-source"),
    "broken-markdown-link": (_append("\n[the queue](nowhere)\n"), 12,
                             "cross-reference target not found: 'nowhere'"),
    "missing-image": (_append("\n![A diagram](missing.png)\n"), 12, "image file not readable"),
}


def warning_lines(log: str) -> list[str]:
    # Sphinx colours warnings when the terminal does; compare the words.
    plain = re.sub(r"\x1b\[[0-9;]*m", "", log)
    return [line for line in plain.splitlines() if "WARNING" in line or "ERROR" in line]


@dataclass(frozen=True)
class CaseArticle:
    """A case's own article in a build shared by many cases, and the places (path, or path and
    line) that its warnings name."""

    path: Path
    places: tuple[str, ...]


@dataclass
class SharedBuild:
    """One build of the minisite with an article of its own for each case of a family: a whole
    build a case made these tests a large share of the suite's time."""

    src: Path
    out: Path
    log: str
    cases: dict[object, CaseArticle]
    warnings: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.warnings = warning_lines(self.log)

    def about(self, case) -> list[str]:
        places = self.cases[case].places
        return [w for w in self.warnings if any(place in w for place in places)]

    def warnings_about_cases(self) -> int:
        """Equals the number of warnings only when each names exactly one case."""
        return sum(len(self.about(case)) for case in self.cases)


def shared_build(tmp_path_factory, add_cases: Callable[[Path], dict[object, CaseArticle]]) -> SharedBuild:
    """Build a minisite to which ``add_cases(src)`` added the case articles it returns."""
    src = Path(shutil.copytree(ROOTS / "test-minisite", tmp_path_factory.mktemp("cases") / "src"))
    cases = add_cases(src)
    out, log = build(src)
    return SharedBuild(src, out, log, cases)


def add_case_article(src: Path, slug: str, number: int, breaker: Callable[[Path], None]) -> CaseArticle:
    """A copy of the queue article, broken by ``breaker``, as articles/<number>-<slug>.md (so its
    label is ``slug``), and a link to it from the overview, as the overview links to the queue
    article: a broken article must still build under its label."""
    path = src / f"articles/{number:02d}-{slug}.md"
    shutil.copyfile(src / TARGET, path)
    breaker(path)
    # After the breaker, which edits the queue article's own lines: the number and title it left
    # become the case's own, so that cases never collide; one it changed stays as it made it
    # (number-duplicate must collide with article 03 alone).
    data = path.read_bytes()  # bytes: a case may not be UTF-8
    own = re.search(rb"\nnumber: ([1-9][0-9]*)\n", data)
    if own and own.group(1) != b"4":
        # A number the case set is its file name's too, as an article's always is.
        path.unlink()
        path = src / f"articles/{int(own.group(1)):02d}-{slug}.md"
    data = data.replace(b"\nnumber: 4\n", b"\nnumber: %d\n" % number, 1)
    data = data.replace(b"\ntitle: Designing the Queue\n", b"\ntitle: Case %s\n" % slug.encode(), 1)
    path.write_bytes(data)
    overview = src / OVERVIEW
    text = overview.read_text(encoding="utf-8")
    # A paragraph of its own, so that a warning about the link names a line no other case has.
    overview.write_text(f"{text}\nSee {{ref}}`{slug}`.\n", encoding="utf-8")
    link_line = text.count("\n") + 2
    return CaseArticle(path, (f"{path}:", f"{overview}:{link_line}:"))


NON_ASCII_TITLE = "Café Ünïcode: 東京 and 🚀 launches"
HUGE_BODY = "\n\n".join(f"## Part {i}\n\n{' '.join(['throughput'] * 100)}" for i in range(500))
# Tests of one article each that must build without a warning, built with the matrix's cases:
# how each changes its copy of the queue article.
GOOD_CASES = {
    "non-ascii-title": _edit("title: Designing the Queue", f"title: '{NON_ASCII_TITLE}'"),
    "huge-article": _append(f"\n{HUGE_BODY}\n"),
}


@pytest.fixture(scope="module")
def matrix_build(tmp_path_factory) -> SharedBuild:
    breakers = {case: breaker for case, (breaker, _line, _fix) in MATRIX.items()} | GOOD_CASES
    return shared_build(tmp_path_factory, lambda src: {
        case: add_case_article(src, case, number, breaker)
        for number, (case, breaker) in enumerate(breakers.items(), start=10)})


@pytest.mark.parametrize("case", MATRIX)
def test_bad_input_gives_one_warning_with_file_line_and_fix(matrix_build, case):
    _, line, fix = MATRIX[case]
    ours = matrix_build.about(case)
    assert "Traceback" not in matrix_build.log
    if case == "not-utf8":
        # The file is left out of the build until it is fixed, so links to it are broken too;
        # those warnings name the linking files, not this one.
        ours = [w for w in ours if f"reference to '{case}'" not in w]
    assert len(ours) == 1, ours
    assert f"{matrix_build.cases[case].path}:{line}: WARNING" in ours[0], ours[0]
    assert fix in ours[0], ours[0]


def test_the_matrix_build_warns_about_its_cases_only(matrix_build):
    assert len(matrix_build.warnings) == matrix_build.warnings_about_cases(), matrix_build.log


def test_duplicate_number_names_both_files(matrix_build):
    warnings = "\n".join(matrix_build.about("number-duplicate"))
    assert str(matrix_build.src / "articles/03-gpu-sizing.md") in warnings
    assert str(matrix_build.cases["number-duplicate"].path) in warnings


def _make_draft(src: Path) -> None:
    _edit("tags: [kafka]", "tags: [kafka]\ndraft: true")(src / TARGET)


def test_draft_is_built_but_left_out_of_listings_count_and_search(site):
    src = site()
    _make_draft(src)
    out, warnings = build(src)
    assert warnings == ""
    assert "Designing the Queue" not in card_titles(out, "index.html")
    assert card_titles(out, "categories/infrastructure.html") == []
    assert soup(out, "index.html").select_one(".fn-banner-count").get_text() == "3 Articles"
    assert "Designing the Queue" not in sidebar_titles(out, "index.html")
    page = soup(out, "articles/04-queue-design.html")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.select_one(".fn-badge-draft").get_text() == "Draft"
    assert soup(out, "articles/03-gpu-sizing.html").select_one("a.next-page") is None
    indexed = {fragment["url"] for fragment in fragments(out / INDEX_DIR)}
    assert indexed == {"/articles/01-overview.html", "/articles/02-model-choice.html",
                       "/articles/03-gpu-sizing.html"}


def test_live_preview_shows_drafts_with_a_badge(site):
    src = site()
    _make_draft(src)
    out, warnings = build(src, fieldnotes_show_drafts=True)
    assert warnings == ""
    home = soup(out, "index.html")
    assert "Designing the Queue" in card_titles(out, "index.html")
    assert home.select_one(".fn-card-draft .fn-badge-draft").get_text() == "Draft"
    assert home.select_one(".fn-banner-count").get_text() == "4 Articles"


def test_non_ascii_titles_render_and_slug_sensibly(matrix_build):
    title, out = NON_ASCII_TITLE, matrix_build.out
    assert matrix_build.about("non-ascii-title") == []
    assert title in card_titles(out, "index.html")
    page = f"articles/{matrix_build.cases['non-ascii-title'].path.stem}.html"
    assert soup(out, page).select_one("h1").get_text().startswith(title)
    assert slugify(title) == "cafe-unicode-and-launches"
    assert slugify("東京") == ""


def test_huge_article_builds(matrix_build):
    assert matrix_build.about("huge-article") == []
    page = f"articles/{matrix_build.cases['huge-article'].path.stem}.html"
    header = soup(matrix_build.out, page).select_one(".fn-article-header-reading")
    assert int(header.get_text().split()[0]) >= 50_000 // 230


def test_scaffold_takes_next_number_and_writes_valid_draft(site):
    src = site()
    conf = runpy.run_path(str(src / "conf.py"))
    path = new_article(src / "articles", "Sizing the Next Fleet!", "gpu-compute",
                       conf["fieldnotes_categories"], conf["fieldnotes_tags"], today=dt.date(2026, 11, 25))
    assert path.name == "05-sizing-the-next-fleet.md"
    text = path.read_text()
    assert "draft: true" in text and "date: 2026-11-25" in text and "number: 5" in text
    out, warnings = build(src)
    assert warnings == ""
    assert (out / "articles/05-sizing-the-next-fleet.html").exists()


@pytest.mark.parametrize(
    ("title", "category", "message"),
    [
        ("Fresh", "gpus", "use one of: open-source (Open Source), gpu-compute (GPU & Compute)"),
        ("sizing a gpu", "gpu-compute", "already exists"),
        ("  ", "gpu-compute", "the title is empty"),
    ],
)
def test_scaffold_refuses_with_the_fix(site, title, category, message):
    src = site()
    with pytest.raises(ScaffoldError, match=re.escape(message)):
        new_article(src / "articles", title, category, CATEGORIES)


def test_scaffold_never_overwrites(site):
    src = site()
    (src / "articles/05-fresh.md").write_text("an unrelated file without front matter")
    with pytest.raises(ScaffoldError):
        new_article(src / "articles", "Fresh", "gpu-compute", CATEGORIES)
    assert (src / "articles/05-fresh.md").read_text() == "an unrelated file without front matter"


def test_cli_reports_errors_without_a_traceback(site):
    src = site()
    result = subprocess.run([sys.executable, "-m", "fieldnotes", "new", "--title", "X",
                             "--category", "nope", "--root", str(src)],
                            capture_output=True, text=True, cwd=REPO, check=False)
    assert result.returncode == 2
    assert result.stderr.startswith("error: unknown category 'nope'")


def _sphinx_build(src: Path) -> subprocess.CompletedProcess:
    """The command sphinx-autobuild runs on every change."""
    env = dict(os.environ, FIELDNOTES_SHOW_DRAFTS="1", PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going",
                           str(src), str(src / "_build/live")],
                          capture_output=True, text=True, env=env, check=False)


QUEUE_PAGE = "articles/04-queue-design.html"
RENUMBERED_PAGE = "articles/08-queue-design.html"
LIVE_RENAMES = {"number": "articles/08-queue-design.md"}
# Each edit sphinx-autobuild rebuilds after: the front matter line before and after, then the
# pages that must show the new value and the pages that must no longer show the old one.
LIVE_EDITS = {
    "title": ("title: Designing the Queue", "title: Designing the Kafka Queue",
              {"index.html": "Designing the Kafka Queue",
               "articles/01-overview.html": "Designing the Kafka Queue"},  # its {ref} text
              {"index.html": "Designing the Queue", "articles/01-overview.html": "Designing the Queue"}),
    "summary": ("summary: Consumers that commit after work.", "summary: Commit late.",
                {"index.html": "Commit late.", QUEUE_PAGE: "Commit late."},
                {"index.html": "Consumers that commit after work.",
                 QUEUE_PAGE: "Consumers that commit after work."}),
    "category": ("category: infrastructure", "category: production",
                 {"categories/production.html": "Designing the Queue"},
                 {"categories/infrastructure.html": "Designing the Queue"}),
    # The file is renamed with it (LIVE_RENAMES): a file name gives the article's number.
    "number": ("number: 4", "number: 8", {"index.html": ">08<", RENUMBERED_PAGE: "No. 08"},
               {"index.html": ">04<", QUEUE_PAGE: "No. 04"}),
    "body": ("Commit offsets after the work is done.", "Offsets wait for the work.",
             {QUEUE_PAGE: "Offsets wait for the work."},
             {QUEUE_PAGE: "Commit offsets after the work is done."}),
}


@pytest.fixture(scope="module")
def _live_built_once(tmp_path_factory) -> tuple[Path, Path]:
    src = Path(shutil.copytree(ROOTS / "test-minisite", tmp_path_factory.mktemp("live") / "src"))
    assert _sphinx_build(src).returncode == 0
    return src, keep_as_built(src)


@pytest.fixture
def live_built(_live_built_once) -> Path:
    """The minisite as sphinx-autobuild's first build left it, for the next to rebuild."""
    src, kept = _live_built_once
    return restore_as_built(kept, src)


# The first build is made once for these cases: they run on one worker (`--dist loadgroup`).
@pytest.mark.xdist_group("live-preview")
@pytest.mark.parametrize("name", LIVE_EDITS)
def test_live_preview_rebuild_shows_the_change(live_built, name):
    old, new, shown, gone = LIVE_EDITS[name]
    src = live_built
    out = src / "_build/live"
    for page, text in gone.items():
        assert text in (out / page).read_text(), (page, text)  # before the edit, it was there
    _edit(old, new)(src / TARGET)
    touch_later(src / TARGET)
    if name in LIVE_RENAMES:
        (src / TARGET).rename(src / LIVE_RENAMES[name])
    result = _sphinx_build(src)
    assert result.returncode == 0, result.stderr
    for page, text in shown.items():
        assert text in (out / page).read_text(), (page, text)
    for page, text in gone.items():
        assert not (out / page).exists() or text not in (out / page).read_text(), (page, text)


def test_build_writes_no_source_files_when_nothing_changed(built_site):
    """sphinx-autobuild watches the sources: a build that rewrote one would loop forever."""
    src = built_site  # built once already

    def snapshot():
        return {p: p.stat().st_mtime_ns for p in src.rglob("*") if "_build" not in p.parts}

    before = snapshot()
    build(src)
    assert snapshot() == before
