"""The scale benchmark as a smoke test at a small N: every step runs and every check passes.

No timing is asserted; benchmarks/build_scale.py prints the ratios for people to read.
"""

from __future__ import annotations

from benchmarks import build_scale
from benchmarks.synthetic import docname


def test_benchmark_runs_every_step_correctly_for_both_navigations(capsys):
    results = build_scale.main(["--sizes", "8", "--baseline", "--floor"])
    assert [(r.articles, r.mode) for r in results] == [(8, "catalog"), (8, "furo"), (8, "floor")]
    floor = results.pop()
    assert floor.cold_serial.seconds > 0 and floor.median_article_bytes > 0
    for result in results:
        assert result.problems == [], result.mode
        steps = (result.cold_serial, result.cold_parallel, result.noop, result.body_edit,
                 result.title_edit)
        assert all(step.seconds > 0 and step.peak_rss_mb > 0 for step in steps)
        assert result.output_bytes > result.median_article_bytes > 0
    printed = capsys.readouterr().out
    assert "| 8 | Field Notes |" in printed and "| 8 | stock furo |" in printed
    assert "| 8 | bare Sphinx floor |" in printed
    assert "cold build at N=8" in printed and "INCORRECT" not in printed
    assert "as long as bare Sphinx" in printed


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
                                            f"categories/{category}.html")
    assert any("home page" in p for p in problems)
    assert any("sidebars differ" in p for p in problems)
    assert any("still show the old title" in p for p in problems)
