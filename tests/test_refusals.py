"""What the build once let through without a word: a redirect over a page the build writes, a
label defined twice, a name the site's own pages take, a number that is not the file's, a file
that is never read. Each is refused at its file and line, by every build until it is fixed,
serial or ``-j``.

One hostile site holds every case and is built twice in a row (the second build changes
nothing), serially in one folder and with ``-j 2`` in another.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest

from tests.building import build, configure, soup
from tests.conftest import ROOTS

pytestmark = pytest.mark.xdist_group("refusals")

OVERVIEW, MODELS = "articles/01-overview.md", "articles/02-model-choice.md"
GPU, QUEUE = "articles/03-gpu-sizing.md", "articles/04-queue-design.md"
SEARCH_ARTICLE, MISNUMBERED = "articles/20-search.md", "articles/38-foo-baz.md"
NEVER_READ = ("articles/24-x.MD", "articles/25-y.markdown", "articles/26-z.txt")
#: Pages the build writes by some other route than a source of the site.
WRITTEN_PAGES = ("search", "genindex", "404", "categories/gpu-compute", "tags/index")
#: A file an author put in the output folder, which no redirect may replace or delete.
AUTHORS_FILE, AUTHORS_TEXT = "notes/kept.html", "<!doctype html><title>kept</title>"
SHARED_OLD, MOVED_OLD = "notes/shared", "notes/moved"


def _edit(src: Path, name: str, old: str, new: str) -> None:
    path = src / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _article(src: Path, name: str, number: int, title: str) -> None:
    """A new article, a copy of the queue article with its own number and title."""
    text = (src / QUEUE).read_text(encoding="utf-8")
    text = text.replace("number: 4", f"number: {number}").replace("title: ", f"title: {title} ", 1)
    (src / name).write_text(text, encoding="utf-8")


def _make_hostile(src: Path) -> None:
    old_pages = ", ".join(f"'{page}'" for page in (*WRITTEN_PAGES, "notes/kept", SHARED_OLD, MOVED_OLD))
    _edit(src, GPU, "tags: [gpu, cost]", f"tags: [gpu, cost]\nredirect_from: [{old_pages}]")
    _edit(src, MODELS, "tags: [open-source-llms]", f"tags: [open-source-llms]\nredirect_from: [{SHARED_OLD}]")
    # An explicit target that takes another article's file-name label, and one two articles define.
    with (src / MODELS).open("a", encoding="utf-8") as text:
        text.write("\n(shared-target)=\n## Shared\n\nSome text.\n\n(gpu-sizing)=\n## Sizing\n\nMore.\n")
    with (src / QUEUE).open("a", encoding="utf-8") as text:
        text.write("\n(shared-target)=\n## Also shared\n\nSome text.\n")
    _article(src, SEARCH_ARTICLE, 20, "Searching")
    with (src / SEARCH_ARTICLE).open("a", encoding="utf-8") as text:
        text.write("\nSee {ref}`search`.\n")
    _article(src, MISNUMBERED, 37, "Misnumbered")
    for index, name in enumerate(NEVER_READ):
        _article(src, name, 24 + index, f"Never read {index}")
    _edit(src, OVERVIEW, "tags: [mlops]", "tags: [mlops, index]")
    configure(src, "fieldnotes_tags = {**fieldnotes_tags, 'index': 'Index'}")
    configure(src, "fieldnotes_categories = {**fieldnotes_categories, 'index': 'Index'}")
    configure(src, "fieldnotes_category_colours = {**fieldnotes_category_colours, 'index': '#123456'}")
    authors = src / "_build/html" / AUTHORS_FILE
    authors.parent.mkdir(parents=True)
    authors.write_text(AUTHORS_TEXT, encoding="utf-8")


@dataclass
class Builds:
    src: Path
    #: The warnings of the first build, then of the second, unchanged, one.
    warnings: tuple[str, str]
    #: Whether the moved article's redirect page existed after the second build.
    moved_page_written: bool = False

    @property
    def out(self) -> Path:
        return self.src / "_build/html"

    def line_of(self, name: str, text: str) -> int:
        lines = (self.src / name).read_text(encoding="utf-8").splitlines()
        return next(n for n, line in enumerate(lines, 1) if text in line)

    def place(self, name: str, text: str) -> str:
        return f"{self.src / name}:{self.line_of(name, text)}"


def _build_twice(src: Path, parallel: int) -> Builds:
    status = StringIO()
    builds = Builds(src, tuple(build(src, parallel=parallel, status=status)[1] for _ in range(2)))
    if parallel:
        # Worker processes read the documents in chunks ("first .. last"): the duplicates were
        # read apart, as under `make html`.
        assert re.search(r"reading sources.*\S+ \.\. \S+", status.getvalue())
    return builds


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> Builds:
    """The hostile site built twice serially; then the moved article's redirect is dropped and
    the site built a third time, in place."""
    src = tmp_path_factory.mktemp("serial") / "src"
    shutil.copytree(ROOTS / "test-minisite", src)
    _make_hostile(src)
    builds = _build_twice(src, parallel=0)
    builds.moved_page_written = (builds.out / f"{MOVED_OLD}.html").is_file()
    _edit(src, GPU, f", '{MOVED_OLD}'", "")
    build(src)
    return builds


@pytest.fixture(scope="module")
def parallel(tmp_path_factory) -> Builds:
    src = tmp_path_factory.mktemp("parallel") / "src"
    shutil.copytree(ROOTS / "test-minisite", src)
    _make_hostile(src)
    return _build_twice(src, parallel=2)


@pytest.fixture(params=["serial", "parallel"])
def builds(request) -> Builds:
    return request.getfixturevalue(request.param)


def _each_build(builds: Builds):
    yield from zip(("first", "second, unchanged,"), builds.warnings)


def test_a_redirect_never_replaces_a_page_the_build_writes(serial):
    where = serial.place(GPU, "redirect_from:")
    for attempt, warnings in _each_build(serial):
        for old in (*WRITTEN_PAGES, "notes/kept"):
            assert (f"{where}: WARNING: redirect from '{old}', a page the build writes "
                    f"({old}.html)") in warnings, f"the {attempt} build let '{old}' pass"
    for old in WRITTEN_PAGES:
        page = soup(serial.out, f"{old}.html")
        assert page.select_one('meta[http-equiv="refresh"]') is None, old
    assert (serial.out / AUTHORS_FILE).read_text(encoding="utf-8") == AUTHORS_TEXT


def test_two_articles_redirecting_from_one_page_are_both_refused(serial):
    gpu, models = serial.place(GPU, "redirect_from:"), serial.place(MODELS, "redirect_from:")
    for _, warnings in _each_build(serial):
        for here, there in ((gpu, models), (models, gpu)):
            assert re.search(rf"{re.escape(here)}: WARNING: '{SHARED_OLD}' is declared a redirect "
                             rf"more than once, also to '[\w/-]+' \({re.escape(there)}\)", warnings)
    assert not (serial.out / f"{SHARED_OLD}.html").exists()


def test_a_redirect_removed_takes_its_page_along_and_nothing_else(serial):
    assert serial.moved_page_written
    assert not (serial.out / f"{MOVED_OLD}.html").exists()
    assert (serial.out / AUTHORS_FILE).read_text(encoding="utf-8") == AUTHORS_TEXT


def test_a_label_defined_twice_fails_every_build_serial_or_parallel(builds):
    shared = (builds.place(MODELS, "(shared-target)="), builds.place(QUEUE, "(shared-target)="))
    taken = (builds.place(MODELS, "(gpu-sizing)="), f"{builds.src / GPU}:1")
    for attempt, warnings in _each_build(builds):
        for label, places in (("shared-target", shared), ("gpu-sizing", taken)):
            for here, there in (places, places[::-1]):
                assert re.search(rf"{re.escape(here)}: WARNING: duplicate label '{label}': also "
                                 rf"defined by {re.escape(there)}\b", warnings), \
                    f"the {attempt} build let '{label}' at {here} pass"


def test_an_article_may_not_take_a_label_of_sphinx(serial):
    for _, warnings in _each_build(serial):
        assert (f"{serial.src / SEARCH_ARTICLE}:1: WARNING: the article label 'search' (the "
                "file name without its number) is the label of Sphinx's built-in 'search' page") in warnings
    links = soup(serial.out, "articles/20-search.html").select("article a.reference")
    assert [a["href"] for a in links if a.get_text() == "Search Page"] == ["../search.html"]


def test_a_tag_or_category_may_not_take_the_name_of_an_index(serial):
    for _, warnings in _each_build(serial):
        assert f"{serial.place(OVERVIEW, 'tags:')}: WARNING: the tag 'index' takes the name" in warnings
        for setting in ("fieldnotes_tags", "fieldnotes_categories"):
            where = serial.place("conf.py", setting)
            assert f"{where}: WARNING: the slug 'index' in {setting} takes the name" in warnings


def test_a_number_unlike_the_file_names_is_refused(serial):
    for _, warnings in _each_build(serial):
        assert (f"{serial.place(MISNUMBERED, 'number:')}: WARNING: the front matter says number "
                "37, but the file name '38-foo-baz.md' starts with 38") in warnings


def test_a_file_with_a_near_miss_suffix_is_named(serial):
    for _, warnings in _each_build(serial):
        for name in NEVER_READ:
            path = serial.src / name
            assert (f"{path}:1: WARNING: '{path.name}' is never built: only '.md' files are "
                    f"articles; rename it to '{path.stem}.md'") in warnings
