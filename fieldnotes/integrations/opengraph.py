"""sphinxext-opengraph: imported once without its note that matplotlib is missing.

The package prints that note to standard output when it is imported without matplotlib, which
it needs only for the card images it draws itself; the site draws its own share images
(``outputs/sharecards.py``) and turns the package's off (``ogp_social_cards``). Importing it
first, with standard output held, leaves Sphinx the imported module and the build's output
free of the note.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import io
import sys

from fieldnotes.integrations import require

MODULE = "sphinxext.opengraph"


def import_quietly() -> None:
    if MODULE not in sys.modules:
        with contextlib.redirect_stdout(io.StringIO()):
            importlib.import_module(MODULE)


def contract() -> None:
    import_quietly()
    source = inspect.getsource(sys.modules[MODULE])
    require("print('matplotlib is not installed" in source or "matplotlib" not in source,
            "sphinxext-opengraph", "the note about matplotlib is no longer printed at import")
