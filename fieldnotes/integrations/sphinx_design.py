"""sphinx-design: the file names of its assets.

sphinx-design adds its stylesheet and tab script to every page; a page without a design
element drops them by name (there is no setting to add them per page).
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from docutils import nodes

from fieldnotes.integrations import require

STYLESHEET, TAB_SCRIPT = "sphinx-design.min.css", "design-tabs.js"


def uses(doctree: nodes.document | None, prefix: str) -> bool:
    """Whether any element of the page carries a class starting with ``prefix``."""
    if doctree is None:
        return False
    return any(c.startswith(prefix) for node in doctree.findall(nodes.Element) for c in node["classes"])


def drop_unused_assets(context: dict[str, Any], doctree: nodes.document | None) -> None:
    if not uses(doctree, "sd-"):
        context["css_files"] = [c for c in context.get("css_files", [])
                                if not c.filename.endswith(STYLESHEET)]
    if not uses(doctree, "sd-tab"):
        context["script_files"] = [s for s in context.get("script_files", [])
                                   if not s.filename.endswith(TAB_SCRIPT)]


def contract() -> None:
    import sphinx_design
    from sphinx_design import extension

    static = Path(sphinx_design.__file__).parent / "static"
    require((static / STYLESHEET).is_file() and (static / TAB_SCRIPT).is_file(), "sphinx-design",
            f"its assets are no longer named {STYLESHEET} and {TAB_SCRIPT}")
    added = inspect.getsource(extension)
    require(f'add_css_file("{STYLESHEET}")' in added and f'"{TAB_SCRIPT}"' in added, "sphinx-design",
            "it no longer adds its assets to every page under these names")
