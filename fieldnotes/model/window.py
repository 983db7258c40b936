"""Which of its category's articles a page's sidebar shows, so the sidebar stays the same size
however large a category grows: the articles nearest the current one by number, the newest
ones (the highest numbers), and a gap wherever articles are skipped. No Sphinx here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from fieldnotes.model.rewrites import Link

#: Articles shown on each side of the current one.
NEAREST = 2
#: The category's newest articles, shown on each of its pages.
NEWEST = 3

#: The links a sidebar shows in number order, None for a gap, and whether some are skipped.
Window = tuple[tuple["Link | None", ...], bool]


def sidebar_window(links: Sequence[Link], current: str | None) -> Window:
    """What the sidebar of page ``current`` shows of its category's ``links`` (in number
    order). A page that is not one of them (the category page) gets the newest."""
    docnames = [docname for docname, _, _ in links]
    at = docnames.index(current) if current in docnames else len(links) - 1
    span = 2 * NEAREST + 1
    start = max(0, min(at - NEAREST, len(links) - span))
    shown = set(range(start, min(len(links), start + span)))
    shown |= set(range(max(0, len(links) - NEWEST), len(links)))
    window: list[Link | None] = []
    previous = -1
    for index in sorted(shown):
        if index != previous + 1:
            window.append(None)
        window.append(links[index])
        previous = index
    return tuple(window), len(shown) < len(links)
