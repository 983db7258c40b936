"""sphinx-notfound-page: the 404 page's absolute links.

Its documented interface is its settings (``notfound_pagename``, ``notfound_urls_prefix``,
``notfound_context``). The 404 page is served at any URL, so the links the site adds to it
(home, search, categories, latest articles) must be absolute from the site root, as the
package makes the theme's. It does so by replacing the page's ``pathto`` in its
``html-page-context`` handler (``finalize_media``, at priority 400, for the page named
``notfound_pagename`` only); a step that runs after it (``PRIORITY``) makes its links with
that ``pathto`` (``absolute_pathto``).
"""

from __future__ import annotations

import inspect
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Callable

from fieldnotes.integrations import require

if TYPE_CHECKING:
    from sphinx.config import Config

#: The package's html-page-context handler runs at this priority; a step after it sees its pathto.
PRIORITY = 400
#: The package's own default name for the page, when its setting is not there.
DEFAULT_PAGENAME = "404"


def page_name(config: Config) -> str:
    """The docname of the 404 page."""
    return getattr(config, "notfound_pagename", DEFAULT_PAGENAME)


def absolute_pathto(context: dict[str, Any]) -> Callable[..., str]:
    """The 404 page's ``pathto``, once the package's handler has made it absolute."""
    return context["pathto"]


class _Setup:
    """Records what the package's ``setup`` registers."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}
        self.handlers: list[tuple[str, object, int]] = []

    def add_config_value(self, name: str, default: object, *args: object, **kwargs: object) -> None:
        self.values[name] = default

    def connect(self, event: str, handler: object, priority: int = 500) -> None:
        self.handlers.append((event, handler, priority))

    def __getattr__(self, name: str) -> Callable[..., None]:
        return lambda *args, **kwargs: None


def contract() -> None:
    from notfound import extension

    setup = _Setup()
    extension.setup(setup)
    require(setup.values.get("notfound_pagename") == DEFAULT_PAGENAME, "sphinx-notfound-page",
            f"the 404 page's default name is now {setup.values.get('notfound_pagename')!r}")
    require(("html-page-context", extension.finalize_media, PRIORITY) in setup.handlers,
            "sphinx-notfound-page", f"its html-page-context handler no longer runs at priority "
            f"{PRIORITY}, so the 404 page's links may be made before its pathto is absolute")
    require(list(inspect.signature(extension.finalize_media).parameters)
            == ["app", "pagename", "templatename", "context", "doctree"], "sphinx-notfound-page",
            "finalize_media no longer takes an html-page-context handler's arguments")
    config = SimpleNamespace(notfound_urls_prefix="/prefix/", notfound_pagename="missing")
    app = SimpleNamespace(config=config, outdir=".",
                          builder=SimpleNamespace(get_target_uri=lambda doc: f"{doc}.html"))
    context: dict[str, Any] = {"pathto": None}
    extension.finalize_media(app, "missing", "page.html", context, None)
    pathto = context["pathto"]
    require(callable(pathto) and pathto("folder/page") == "/prefix/folder/page.html",
            "sphinx-notfound-page", "its handler no longer puts a pathto giving links "
            "absolute from notfound_urls_prefix in the 404 page's context")
