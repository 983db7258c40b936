"""The scale benchmark as a smoke test at a small N: every step runs and every check passes.

No timing is asserted; benchmarks/build_scale.py prints the ratios for people to read.
"""

from __future__ import annotations

import random
import re
import runpy
from collections import Counter

from benchmarks import build_scale, live_preview, mkdocs_baseline
from benchmarks.synthetic import article_text, docname
from tests.siteconf import REPO

CONF = runpy.run_path(str(REPO / "conf.py"))
CATEGORIES, TAGS = list(CONF["fieldnotes_categories"]), list(CONF["fieldnotes_tags"])


def test_benchmark_runs_every_step_correctly_for_both_navigations(capsys):
    results = build_scale.main(["--sizes", "8", "--baseline", "--floor"])
    assert [(r.articles, r.mode) for r in results] == [(8, "catalog"), (8, "furo"), (8, "floor")]
    floor = results.pop()
    assert floor.cold_serial.seconds > 0 and floor.cold_parallel.seconds > 0
    assert floor.median_article_bytes > 0
    for result in results:
        assert result.problems == [], result.mode
        steps = (result.cold_serial, result.cold_parallel, result.noop, result.body_edit,
                 result.title_edit, result.add_article)
        assert all(step.seconds > 0 and step.peak_rss_mb > 0 for step in steps)
        assert result.output_bytes > result.largest_listing_bytes > 0
        assert result.output_bytes > result.median_article_bytes > 0
    printed = capsys.readouterr().out
    assert "| spread | 8 | Field Notes |" in printed and "| spread | 8 | stock furo |" in printed
    assert "| spread | 8 | bare Sphinx floor |" in printed
    assert "spread N=8: stock furo takes" in printed and "INCORRECT" not in printed
    assert "spread N=8: cold build, serial (make html SPHINXJOBS=1):" in printed
    assert "spread N=8: cold build, -j auto (make html):" in printed
    assert "the bare Sphinx -j build (target <= 1.3x)" in printed
    assert "spread N=8: adding one article:" in printed


def test_title_check_reports_pages_that_kept_the_old_title(tmp_path):
    src = build_scale.make_site(tmp_path / "src", 4)
    build_scale.sphinx_build(src, tmp_path / "build", "catalog")
    pages = build_scale.html_pages(tmp_path / "build" / "html")
    article = src / "articles" / f"{docname(2)}.md"
    title = build_scale.front_matter(article, "title")
    category = build_scale.front_matter(article, "category")
    before = build_scale.sidebar_lists(pages, title)
    assert f"categories/{category}.html" in before
    # The pages as they were before the edit: nothing shows the new title yet.
    problems = build_scale.check_title_edit(pages, before, title, ", revisited",
                                            f"categories/{category}.html", f"articles/{article.stem}.html")
    assert any("home page" in p for p in problems)
    assert any("sidebars differ" in p for p in problems)
    assert any("still show the old title" in p for p in problems)
    # A sidebar set that leaves out the article's own page is reported.
    problems = build_scale.check_title_edit(pages, before - {f"articles/{article.stem}.html"}, title,
                                            ", revisited", f"categories/{category}.html",
                                            f"articles/{article.stem}.html")
    assert any(f"articles/{article.stem}.html's sidebar did not list" in p for p in problems)


def test_team_corpus_has_popular_tags():
    """The issue's corpus: one tag on at least 40 % of the articles, four on at least 20 %."""
    rng = random.Random(6)
    counts = Counter()
    for number in range(1, 201):
        text = article_text(number, 200, CATEGORIES, TAGS, rng, "team")
        counts.update(re.search(r"^tags: \[(.*)\]$", text, re.M).group(1).split(", "))
    shares = sorted((count / 200 for count in counts.values()), reverse=True)
    assert shares[0] >= 0.4 and shares[3] >= 0.2
    assert set(counts) <= set(TAGS)


def _sections(text: str) -> str:
    return text[text.index("## Where it started"):]


def test_mkdocs_posts_have_the_articles_bodies(tmp_path):
    src = mkdocs_baseline.make_mkdocs_site(tmp_path / "mkdocs", 5, "team")
    rng = random.Random(6)
    for number in range(1, 6):
        article = article_text(number, 5, CATEGORIES, TAGS, rng, "team")
        post = (src / "docs/blog/posts" / f"{docname(number)}.md").read_text(encoding="utf-8")
        # The same words; only the cross-references are written MkDocs' way.
        plain = re.sub(r"\{(ref|doc)\}`[^`]*`", "REF", _sections(article))
        assert re.sub(r"\[note \d+\]\([^)]*\)", "REF", _sections(post)) == plain
        title = re.search(r"^title: '(.*)'$", article, re.M).group(1)
        assert f"\n# {title}\n" in post and "<!-- more -->" in post


def test_two_click_check_finds_an_article_three_clicks_away():
    pages = {"index.html": '<a href="page/2.html">2</a>',
             "page/2.html": '<a href="../articles/01-a.html">A</a> <a href="3.html">3</a>',
             "page/3.html": '<a href="../articles/02-b.html">B</a>',
             "articles/01-a.html": "", "articles/02-b.html": ""}
    problems = build_scale.check_two_clicks(pages)
    assert problems == ["1 articles are more than two clicks from home, e.g. ['articles/02-b.html']"]
    pages["index.html"] += ' <a href="page/3.html">3</a>'
    assert build_scale.check_two_clicks(pages) == []


def test_live_mode_runs_sphinx_autobuild_as_make_livehtml_does(tmp_path):
    """The live preview is timed with the Makefile's own livehtml options and ignores."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^livehtml:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    command = live_preview.makefile_command(tmp_path, 8000)
    assert command[0].endswith("sphinx-autobuild") and command[-2:] == [
        str(tmp_path), str(tmp_path / "_build" / "live")]
    ignored = re.search(r"^LIVE_IGNORE\s*:=\s*(.*)$", makefile, re.M).group(1).split()
    assert [command[i + 1] for i, arg in enumerate(command) if arg == "--ignore"] == [
        str(tmp_path / path.replace("$(BUILDDIR)", "_build")) for path in ignored]
    for option in re.search(r"^SPHINXOPTS\s*\?=\s*(.*)$", makefile, re.M).group(1).split():
        assert option in command
    assert "FIELDNOTES_SHOW_DRAFTS=1" in recipe and "--re-ignore '/__pycache__/'" in recipe
