"""A future date schedules an article: absent from every output until a build on or after
that day, which then writes what a clean build of that day writes."""

from __future__ import annotations

from io import StringIO

from tests.building import build, configure, pages
from tests.test_incremental import assert_same_pages

ARTICLE = "articles/04-queue-design.md"


def _schedule(src, day: str) -> str:
    """Date article 04 ``day``; return its title."""
    path = src / ARTICLE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("date: 2026-11-25", f"date: {day}"), encoding="utf-8")
    return next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("title: "))


def _outputs_holding(outdir, text: str) -> list[str]:
    return sorted(str(p.relative_to(outdir)) for p in outdir.rglob("*")
                  if p.is_file() and text.encode() in p.read_bytes())


def test_a_scheduled_article_appears_on_its_day_as_a_clean_build_has_it(site, clean_pages):
    src = site()
    title = _schedule(src, "2030-01-15")
    configure(src, 'fieldnotes_today = "2030-01-14"')
    status = StringIO()
    outdir, warnings = build(src, status=status)
    assert f"{src / ARTICLE}:5: scheduled for 2030-01-15" in status.getvalue()
    # A published article may not link to it yet: the link would lead nowhere.
    assert "01-overview.md:11: WARNING: {ref} reference to 'queue-design', which is scheduled for 2030-01-15" in warnings
    opening = src / "articles/01-overview.md"
    opening.write_text(opening.read_text().replace("{ref}`queue-design` and ", ""))
    outdir, warnings = build(src)
    assert warnings == ""
    assert _outputs_holding(outdir, title) == [] and _outputs_holding(outdir, "queue-design") == []
    assert not (outdir / "articles/04-queue-design.html").exists()
    # Its day comes: the same sources, built again.
    configure(src, 'fieldnotes_today = "2030-01-15"')
    status = StringIO()
    outdir, warnings = build(src, status=status)
    assert warnings == "" and "scheduled for" not in status.getvalue()
    holding = _outputs_holding(outdir, title)
    for page in ("index.html", "articles/04-queue-design.html", "feeds/atom.xml", "llms.txt"):
        assert page in holding
    assert "04-queue-design" in (outdir / "sitemap.xml").read_text()
    assert_same_pages(pages(outdir), clean_pages(src), "scheduled day")
