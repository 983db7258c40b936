"""The names the site's own pages take, which no article, tag or category may take too.

One list for the whole engine: the catalog refuses an article, a tag or a category that takes
one, and the scaffold never makes such an article.
"""

from __future__ import annotations

#: The labels Sphinx defines itself, each with its page: an article with such a label would
#: take the links meant for Sphinx's page. Sphinx's standard domain starts with exactly these
#: (a contract in integrations/sphinx.py checks it; the model itself stays free of Sphinx).
SPHINX_PAGES: dict[str, str] = {"genindex": "genindex", "modindex": "py-modindex",
                                "search": "search"}
SPHINX_LABELS: dict[str, str] = {name: f"Sphinx's built-in '{page}' page"
                                 for name, page in SPHINX_PAGES.items()}

#: Slugs a tag or a category may not have: ``tags/index`` is the tags index, and a category
#: or tag page at ``<folder>/index`` would share its path.
LISTING_SLUGS: dict[str, str] = {"index": "the index page of its folder (tags/index lists the tags)"}


def reserved_label(label: object) -> str | None:
    """What holds an article label already, or None when it is free."""
    return SPHINX_LABELS.get(str(label).lower())


def reserved_slug(slug: object) -> str | None:
    """What holds a tag or category slug already, or None when it is free."""
    return LISTING_SLUGS.get(str(slug).lower())
