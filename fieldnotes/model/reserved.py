"""The names the site's own pages take, which no article, tag or category may take too.

One list for the whole engine: the catalog refuses an article, a tag or a category that takes
one, and the scaffold never makes such an article.
"""

from __future__ import annotations

from sphinx.domains.std import StandardDomain

#: Labels Sphinx defines itself (genindex, modindex, search), each with the page that holds
#: it: an article with such a label would take Sphinx's page's links.
SPHINX_LABELS: dict[str, str] = {
    name: f"Sphinx's built-in '{docname}' page"
    for name, (docname, _) in StandardDomain.initial_data["anonlabels"].items()
}

#: Slugs a tag or a category may not have: ``tags/index`` is the tags index, and a category
#: or tag page at ``<folder>/index`` would share its path.
LISTING_SLUGS: dict[str, str] = {"index": "the index page of its folder (tags/index lists the tags)"}


def reserved_label(label: object) -> str | None:
    """What holds an article label already, or None when it is free."""
    return SPHINX_LABELS.get(str(label).lower())


def reserved_slug(slug: object) -> str | None:
    """What holds a tag or category slug already, or None when it is free."""
    return LISTING_SLUGS.get(str(slug).lower())
