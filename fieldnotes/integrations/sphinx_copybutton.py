"""sphinx-copybutton: the file names of its assets.

sphinx-copybutton adds its stylesheet and two scripts (clipboard.js and the button's own) to
every page, code or not; a page without a code block drops them by name (there is no setting
to add them per page).
"""

from __future__ import annotations

import inspect
from pathlib import Path

from fieldnotes.integrations import require

STYLESHEETS = ("copybutton.css",)
SCRIPTS = ("clipboard.min.js", "copybutton.js")


def contract() -> None:
    import sphinx_copybutton

    static = Path(sphinx_copybutton.__file__).parent / "_static"
    # copybutton.js is rendered from a template at build time; the others are copied as they are.
    require(all((static / name).is_file() for name in (*STYLESHEETS, "clipboard.min.js"))
            and (static / "copybutton.js_t").is_file(), "sphinx-copybutton",
            f"its assets are no longer named {STYLESHEETS + SCRIPTS}")
    setup = inspect.getsource(sphinx_copybutton.setup)
    require(all(f'add_css_file("{name}")' in setup for name in STYLESHEETS)
            and all(f'add_js_file("{name}")' in setup for name in SCRIPTS), "sphinx-copybutton",
            "it no longer adds its assets to every page under these names")
