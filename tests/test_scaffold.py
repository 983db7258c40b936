"""`make new` and `python -m fieldnotes new`: titles pass through exactly, numbers never clash,
categories by slug or name, labels never collide; and what `make livehtml` watches."""

from __future__ import annotations

import multiprocessing
import re
import runpy
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from fieldnotes.__main__ import main
from fieldnotes.model.fields import TITLE_MAX_CHARS
from fieldnotes.scaffold import ScaffoldError, new_article
from tests.siteconf import REPO
from tests.sitepages import published_articles

CATEGORIES = runpy.run_path(str(REPO / "conf.py"))["fieldnotes_categories"]

SENTINEL = "pwned"  # every hostile title tries to create this file
HOSTILE_TITLES = [
    "Why `torch.compile` Is Slow",
    f"Run `touch {SENTINEL}` Now",
    f"Run $(touch {SENTINEL}) Now",
    f"Run $$(touch {SENTINEL}) Now",
    f"Make Runs $(shell touch {SENTINEL}) and ${{shell touch {SENTINEL}}}",
    f'He Said "Hi"; touch {SENTINEL}; echo "Bye"',
    f"O'Brien's '; touch {SENTINEL}; echo ' Turn",
    f"Back\\slash, \\n, \\$(touch {SENTINEL}) and \\`touch {SENTINEL}\\`",
    "Ends With a Backslash \\",
    f"100% of #comments & <tags> | touch {SENTINEL} > out",
    "Café, Naïve Ünïcödé — 東京 ✓",
    ("Long " + f"$(touch {SENTINEL}) `touch {SENTINEL}` " * 8)[:TITLE_MAX_CHARS].rstrip(),
    "Supercalifragilistic" * (TITLE_MAX_CHARS // 20),
]


@pytest.fixture
def site_copy(tmp_path) -> Path:
    """A copy of the real site with everything `make new` uses, and the shared venv."""
    dest = tmp_path / "site"
    dest.mkdir()
    for name in ("Makefile", "conf.py", "index.md"):
        shutil.copy2(REPO / name, dest / name)
    for name in ("fieldnotes", "articles"):
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    (dest / ".venv").symlink_to((REPO / ".venv").resolve())
    return dest


def make_new(site: Path, *assignments: str) -> subprocess.CompletedProcess:
    """`make new` as an author runs it; -o: the venv is the shared one, never reinstalled."""
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", "new",
                           *assignments], cwd=site, capture_output=True, text=True, check=False)


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def created(site: Path, before: set[Path]) -> list[Path]:
    return sorted(set((site / "articles").glob("*.md")) - before)


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_make_new_keeps_a_hostile_title_exactly(site_copy, title):
    assert title == " ".join(title.split()) and len(title) <= TITLE_MAX_CHARS
    before = set((site_copy / "articles").glob("*.md"))
    result = make_new(site_copy, f"TITLE={title}", "CATEGORY=GPU & Compute")
    assert result.returncode == 0, result.stderr
    [path] = created(site_copy, before)
    assert front_matter(path)["title"] == title
    assert front_matter(path)["category"] == "gpu-compute"
    assert len(path.name) <= 70
    assert not list(site_copy.parent.rglob(SENTINEL)), "a command in the title ran"


def test_make_new_turns_newlines_into_spaces(site_copy):
    before = set((site_copy / "articles").glob("*.md"))
    result = make_new(site_copy, f"TITLE=Two\nLines; touch {SENTINEL}", "CATEGORY=production")
    assert result.returncode == 0, result.stderr
    [path] = created(site_copy, before)
    assert front_matter(path)["title"] == f"Two Lines; touch {SENTINEL}"
    assert not list(site_copy.parent.rglob(SENTINEL))


def test_make_never_expands_the_title_for_another_target(site_copy):
    """Make would expand an exported command-line variable for every recipe it runs."""
    result = subprocess.run(["make", "-o", ".venv/.installed", "help",
                             f"TITLE=$(shell touch {SENTINEL})", f"CATEGORY=$(shell touch {SENTINEL})"],
                            cwd=site_copy, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert not list(site_copy.parent.rglob(SENTINEL))


@pytest.mark.parametrize(("assignments", "message"), [
    ((), "usage: make new TITLE="),
    (("TITLE=" + "Far Too Long " * 20, "CATEGORY=production"), "characters long; keep it to"),
    (("TITLE=Fine", "CATEGORY=GPU and Compte"), "did you mean 'gpu-compute'? use one of: "
                                                "open-source (Open Source), gpu-compute (GPU & Compute)"),
])
def test_make_new_refuses_with_the_fix(site_copy, assignments, message):
    before = set((site_copy / "articles").glob("*.md"))
    result = make_new(site_copy, *assignments)
    assert result.returncode == 2
    assert message in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert created(site_copy, before) == []


def _new_when_released(barrier, root: Path, index: int) -> None:
    barrier.wait()
    raise SystemExit(main(["new", "--title", f"Parallel Article {index}", "--category",
                           "production", "--root", str(root)]))


def test_concurrent_scaffolds_take_different_numbers(site):
    src = site()
    existing = [front_matter(p)["number"] for p in (src / "articles").glob("*.md")]
    runs = 6
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(runs)
    workers = [context.Process(target=_new_when_released, args=(barrier, src, i)) for i in range(runs)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert [w.exitcode for w in workers] == [0] * runs
    numbers = sorted(front_matter(p)["number"] for p in (src / "articles").glob("*-parallel-*.md"))
    assert numbers == list(range(max(existing) + 1, max(existing) + 1 + runs))


@pytest.mark.parametrize("given", ["gpu-compute", "GPU-Compute", "GPU & Compute", "gpu &  compute"])
def test_category_by_slug_or_display_name(site, given):
    path = new_article(site() / "articles", "Fresh Fleet", given, CATEGORIES)
    assert front_matter(path)["category"] == "gpu-compute"


def test_unknown_display_name_suggests_the_slug():
    with pytest.raises(ScaffoldError, match=re.escape(
            "unknown category 'Ai and LLMs': did you mean 'ai-llms'? use one of: ")) as info:
        new_article(Path("unused"), "Fresh", "Ai and LLMs", CATEGORIES)
    assert "ai-llms (AI & LLMs)" in str(info.value)


def test_a_title_whose_slug_is_an_article_label_is_refused(site_copy, capsys):
    before = set((site_copy / "articles").glob("*.md"))
    taken = published_articles()[0]
    title = taken.label.replace("-", " ").title()
    assert main(["new", "--title", title, "--category", taken.category,
                 "--root", str(site_copy)]) == 2
    error = capsys.readouterr().err
    assert f"the title makes the label '{taken.label}'" in error
    assert f"{taken.docname}.md" in error and "choose another title" in error
    assert created(site_copy, before) == []


MYST_LABELS = """\
# Home

(fleet-sizing)=
## Fleet

:::{note}
(queue-notes)=
Inside a directive.
:::
"""


@pytest.mark.parametrize(("title", "where"), [
    ("Fleet Sizing", "index.md:3"),
    ("Queue Notes", "index.md:7"),
    ("Search", "Sphinx's built-in 'search' page"),
    ("Broken Front Matter", "articles/09-broken-front-matter.md"),
])
def test_a_title_whose_slug_is_any_label_is_refused(site, capsys, title, where):
    src = site()
    (src / "index.md").write_text(MYST_LABELS + (src / "index.md").read_text(encoding="utf-8"),
                                  encoding="utf-8")
    (src / "articles/09-broken-front-matter.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    assert main(["new", "--title", title, "--category", "production", "--root", str(src)]) == 2
    error = capsys.readouterr().err
    assert where in error and "choose another title" in error


# sphinx-autobuild's output, the build's generated pages, caches and tests must not trigger a
# rebuild; the sources must.
IGNORED = ["_build/html/index.html", "_build/doctrees/environment.pickle", "_build/live/index.html",
           "categories/production.md", "tags/gpu.md", "tags/index.md", "page/2.md",
           "categories/production/page/2.md", "series/living-on-a10s.md", "authors/jagadesh.md",
           "archive/index.md", ".git/index",
           "fieldnotes/__pycache__/scaffold.cpython-311.pyc", "tests/test_scaffold.py",
           "tests/roots/test-minisite/articles/01-overview.md", "screenshots/home.png",
           "benchmarks/build_scale.py", ".venv/bin/python"]
WATCHED = [f"{published_articles()[0].docname}.md", "index.md", "conf.py", "fieldnotes/scaffold.py",
           "_templates/page.html", "_static/fieldnotes.css"]


class _Captured(Exception):
    """Stops sphinx-autobuild once it has built its filter."""


def test_livehtml_ignores_its_output_and_watches_the_sources(tmp_path, monkeypatch):
    import sphinx_autobuild.__main__ as autobuild
    from sphinx_autobuild.filter import IgnoreFilter

    shutil.copy2(REPO / "Makefile", tmp_path / "Makefile")
    dry_run = subprocess.run(["make", "-n", "-o", ".venv/.installed", "livehtml"], cwd=tmp_path,
                             capture_output=True, text=True, check=True).stdout
    command = shlex.split(dry_run.replace("\\\n", " "))
    argv = command[command.index(".venv/bin/sphinx-autobuild") + 1:]

    filters = []

    def capture(*args):
        filters.append(IgnoreFilter(*args))
        raise _Captured

    monkeypatch.chdir(tmp_path)  # make runs the recipe in the project root
    monkeypatch.setattr(autobuild, "IgnoreFilter", capture)
    with pytest.raises(_Captured):
        autobuild.main(argv)
    [ignored] = filters
    assert [p for p in IGNORED if not ignored(str(tmp_path / p))] == []
    assert [p for p in WATCHED if ignored(str(tmp_path / p))] == []


def test_scaffold_never_overwrites_a_file_written_meanwhile(site, monkeypatch):
    """A writer that takes no lock creates the chosen file after the scaffold looked."""
    import fieldnotes.scaffold as scaffold

    src = site()
    foreign = src / "articles/05-fresh.md"
    build_catalog = scaffold.build_catalog

    def catalog_then_foreign_file(*args):
        catalog = build_catalog(*args)
        foreign.write_text("an unrelated file", encoding="utf-8")
        return catalog

    monkeypatch.setattr(scaffold, "build_catalog", catalog_then_foreign_file)
    with pytest.raises(ScaffoldError, match="05-fresh.md already exists"):
        new_article(src / "articles", "Fresh", "gpu-compute", CATEGORIES)
    assert foreign.read_text(encoding="utf-8") == "an unrelated file"


@pytest.mark.parametrize("port", ["8000", "8123"])
def test_make_help_shows_the_preview_port(port):
    listed = subprocess.run(["make", "--no-print-directory", "help", f"PORT={port}"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout
    [live] = [line for line in listed.splitlines() if "make livehtml" in line]
    assert f"http://127.0.0.1:{port}," in live and "$(" not in listed
