"""Each listing page's cards are its own: parsed on the page that shows them, linked from it, and
its saved doctree holds no other page's nodes."""

from __future__ import annotations

import pickle
from urllib.parse import urljoin

from docutils import nodes
from sphinx import addnodes
from sphinx_design.grids import GridItemCardDirective

from tests.building import build, soup

LISTINGS = ["index", "categories/gpu-compute", "tags/gpu", "tags/index"]


def test_every_card_on_every_listing_links_to_the_article_it_names(built):
    pages = ["index.html", *sorted(p.relative_to(built).as_posix() for p in built.glob("categories/*.html")),
             *sorted(p.relative_to(built).as_posix() for p in built.glob("tags/*.html"))]
    seen = 0
    for page in pages:
        for card in soup(built, page).select(".fn-grid .fn-card"):
            target = urljoin(page, card.select_one("a.sd-stretched-link")["href"])
            title = card.select_one(".sd-card-title").get_text(" ", strip=True)
            assert soup(built, target).select_one("h1").get_text(" ", strip=True) == title, (page, target)
            seen += 1
    assert seen > 4  # the home page and at least one page a folder down


def test_a_listing_doctree_holds_only_its_own_nodes(built):
    doctrees = built.parent / "doctrees"
    for docname in LISTINGS:
        doctree = pickle.loads((doctrees / f"{docname}.doctree").read_bytes())
        strays = [n for n in doctree.findall(nodes.Element) if n.document is not doctree]
        assert strays == [], (docname, strays[:3])
        refdocs = {xref["refdoc"] for xref in doctree.findall(addnodes.pending_xref)}
        assert refdocs == {docname}, docname


def test_a_card_on_several_listings_is_parsed_once(site, monkeypatch):
    """sphinx-design parses each distinct card once a build; every other listing that shows
    it gets a copy, with the same text and link as the first. A category's own listing leaves
    its category off the card: that is the card's second form."""
    parsed: list[str] = []
    parse = GridItemCardDirective.run_with_defaults

    def counted(directive):
        parsed.append(directive.env.docname)
        return parse(directive)

    monkeypatch.setattr(GridItemCardDirective, "run_with_defaults", counted)
    out, warnings = build(site())
    assert warnings == ""
    shown: dict[str, set[tuple[str, str]]] = {}
    times_shown = 0
    pages = ["index.html", *(p.relative_to(out).as_posix() for p in out.glob("*/*.html")
                             if p.parent.name in ("categories", "tags"))]
    for page in pages:
        for card in soup(out, page).select(".fn-grid .fn-card"):
            title = card.select_one(".sd-card-title").get_text(" ", strip=True)
            target = urljoin(page, card.select_one("a.sd-stretched-link")["href"])
            form = (title, page.startswith("categories/"))
            shown.setdefault(form, set()).add((target, card.get_text(" ", strip=True)))
            times_shown += 1
    assert all(len(copies) == 1 for copies in shown.values()), shown
    assert times_shown > len(shown) and len(parsed) == len(shown)
