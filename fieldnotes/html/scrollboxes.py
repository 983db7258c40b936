"""Boxes that scroll sideways on a phone: furo wraps each table and each display formula in
one. A keyboard must reach such a box to scroll it, and a screen reader says what it holds,
under a name no other box on the page has (each is a landmark, and landmarks must differ)."""

from __future__ import annotations

from docutils import nodes

# furo's class for each kind of box -> what the box holds, said first in its name.
SCROLL_BOXES = {"table-wrapper": "Table", "math-wrapper": "Formula"}


def box_kind(node: nodes.Element) -> str | None:
    """What ``node`` holds, when it is one of the scrolling boxes."""
    return next((kind for cls, kind in SCROLL_BOXES.items() if cls in node.get("classes", ())), None)


def drop_copied_ids(box: nodes.Element) -> None:
    """furo's wrapper takes a copy of the ids of what it wraps (a captioned table's, a
    labelled formula's): the page would hold each id twice. What it wraps keeps them."""
    inner = {i for child in box.children if isinstance(child, nodes.Element) for i in child["ids"]}
    box["ids"] = [i for i in box["ids"] if i not in inner]


def _caption(box: nodes.Element) -> str:
    table = next(box.findall(nodes.table), None)
    if table is None:
        return ""
    title = next((child for child in table.children if isinstance(child, nodes.title)), None)
    return title.astext().strip() if title is not None else ""


def _section_title(box: nodes.Element) -> str:
    parent = box.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    if parent is not None and parent.children and isinstance(parent[0], nodes.title):
        return parent[0].astext().strip()
    return ""


def box_name(box: nodes.Element, kind: str) -> str:
    """A table's caption; else what the box holds and the title of its section."""
    if caption := _caption(box):
        return caption
    section = _section_title(box)
    return f"{kind}: {section}" if section else kind


class PageBoxNames:
    """The names given on one page: a name given before gets a number, " (2)" and on."""

    def __init__(self) -> None:
        self._given: dict[str, int] = {}

    def name(self, box: nodes.Element, kind: str) -> str:
        name = box_name(box, kind)
        self._given[name] = self._given.get(name, 0) + 1
        return name if self._given[name] == 1 else f"{name} ({self._given[name]})"
