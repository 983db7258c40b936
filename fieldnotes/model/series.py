"""The parts of each series, as each part's page lists them. No Sphinx here."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldnotes.model.frontmatter import Article

#: A part as a link shows it: its docname, number and title.
Part = tuple[str, int, str]


def parts_by_docname(published: list[Article]) -> dict[str, tuple[str, tuple[Part, ...]]]:
    """Each part's docname -> (its series, every part of that series in number order), from
    the articles a build lists, in number order."""
    parts: dict[str, list[Part]] = {}
    for article in published:
        if article.series:
            parts.setdefault(article.series, []).append(
                (article.docname, article.number, article.title))
    return {link[0]: (slug, tuple(links)) for slug, links in parts.items() for link in links}
