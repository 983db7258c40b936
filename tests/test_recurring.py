"""A problem found once is found on every later build until it is fixed, serial or -j."""

from __future__ import annotations

import logging
import re
import shutil
from contextlib import nullcontext
from io import StringIO
from pathlib import Path
from typing import NamedTuple

import pytest
from sphinx.testing.util import SphinxTestApp

from fieldnotes.building.recurring import _WarningRecorder
from tests.building import build, pages, strict_cli_build, touch_later

COPY, ORIGINAL = "articles/05-gpu-sizing.md", "articles/03-gpu-sizing.md"
QUEUE = "articles/04-queue-design.md"
BAD_BLOCK = "\n```python\ndef broken(:\n```\n"


class Problem(NamedTuple):
    message: str
    make: object
    fix: object


def _copy_article(src: Path) -> None:
    text = (src / ORIGINAL).read_text()
    (src / COPY).write_text(text.replace("number: 3", "number: 5").replace(
        "title: Sizing a GPU", "title: Sizing a GPU Again"))


def _rename_copy(src: Path) -> None:
    (src / COPY).rename(src / "articles/05-gpu-sizing-again.md")


def _break_code(src: Path) -> None:
    path = src / QUEUE
    path.write_text(path.read_text() + BAD_BLOCK)


def _fix_code(src: Path) -> None:
    path = src / QUEUE
    path.write_text(path.read_text().replace(BAD_BLOCK, ""))
    touch_later(path)


def _delete_queue(src: Path) -> None:
    shutil.move(src / QUEUE, src.parent / "queue-design.md")


def _restore_queue(src: Path) -> None:
    shutil.move(src.parent / "queue-design.md", src / QUEUE)
    touch_later(src / QUEUE)


PROBLEMS = {
    "label collision": Problem("the article label 'gpu-sizing' (the file name without its "
                               "number) is already used", _copy_article, _rename_copy),
    "code that does not parse": Problem("python code block does not parse", _break_code, _fix_code),
    # Found while pages are resolved, after Sphinx has saved the environment.
    "deleted article": Problem("broken {ref} reference to 'queue-design'", _delete_queue,
                               _restore_queue),
}


@pytest.mark.parametrize("parallel", [0, 2], ids=["serial", "parallel"])
@pytest.mark.parametrize("name", PROBLEMS)
def test_problem_is_reported_by_every_build_until_fixed(site, clean_pages, name, parallel):
    problem = PROBLEMS[name]
    src = site()
    problem.make(src)
    status = StringIO()
    for attempt in ("first", "second, with nothing changed,"):
        _, warnings = build(src, parallel=parallel, status=status)
        assert problem.message in warnings, f"the {attempt} build with a {name} passed"
    if parallel:
        # Worker processes read the documents (in chunks, "first .. last"), and Sphinx hands
        # their warnings back to the main process.
        assert re.search(r"reading sources.*\S+ \.\. \S+", status.getvalue())
    problem.fix(src)
    fixed, warnings = build(src, parallel=parallel)
    assert warnings == ""
    got, want = pages(fixed), clean_pages(src)
    assert sorted(got) == sorted(want)  # the renamed copy's old page is gone too
    assert [page for page in want if got.get(page) != want[page]] == []


def test_strict_build_fails_again_with_nothing_changed(site):
    """The documented command: its exit status, not only its output."""
    src = site()
    _break_code(src)
    for attempt in ("first", "second"):
        result = strict_cli_build(src)
        assert result.returncode == 1, f"{attempt} build: {result.stderr}"
        assert "python code block does not parse" in result.stderr


@pytest.mark.parametrize("fails", [False, True], ids=["build passes", "build raises"])
def test_warnings_are_noted_only_while_a_build_runs(site, fails):
    app = SphinxTestApp("html", srcdir=site(), status=StringIO(), warning=StringIO())

    def crash(app, env):
        raise RuntimeError("a handler failed")

    if fails:
        app.connect("env-updated", crash)
    try:
        with pytest.raises(Exception, match="a handler failed") if fails else nullcontext():
            app.build()
    finally:
        app.cleanup()
    assert not [h for h in logging.getLogger("sphinx").handlers if isinstance(h, _WarningRecorder)]
