"""MyST-Parser: ``include`` in Markdown goes through MyST's own include directive.

MyST never calls a directive's ``run()`` for a subclass of docutils' ``Include``; it reads the
file itself with ``MockIncludeDirective``, which needs the renderer that MyST keeps on its
state as the private ``_renderer``. There is no public way to hand MyST a checked path.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING

from myst_parser.mocking import MockIncludeDirective, MockState

from fieldnotes.integrations import require

if TYPE_CHECKING:
    from docutils.parsers.rst.directives.misc import Include


def is_myst(state: object) -> bool:
    return isinstance(state, MockState)


def include_in_myst(state: MockState, name: str, path: str, options: dict, content: list[str],
                    lineno: int, klass: type[Include]) -> list:
    """Include ``path`` (already checked) as MyST's own include directive would."""
    return MockIncludeDirective(state._renderer, name=name, klass=klass, arguments=[path],
                                options=options, body=content, lineno=lineno).run()


def contract() -> None:
    require("self._renderer = renderer" in inspect.getsource(MockState.__init__), "myst-parser",
            "MockState no longer keeps its renderer as _renderer")
    wanted = {"renderer", "name", "klass", "arguments", "options", "body", "lineno"}
    require(wanted <= inspect.signature(MockIncludeDirective).parameters.keys(), "myst-parser",
            "MockIncludeDirective no longer takes (renderer, name, klass, arguments, options, "
            "body, lineno)")
