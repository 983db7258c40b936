"""MyST-Parser: ``include`` in Markdown goes through MyST's own include directive, and MyST's
report of its whole configuration stays out of the build's output.

MyST never calls a directive's ``run()`` for a subclass of docutils' ``Include``; it reads the
file itself with ``MockIncludeDirective``, which needs the renderer that MyST keeps on its
state as the private ``_renderer``. There is no public way to hand MyST a checked path.
"""

from __future__ import annotations

import inspect
import logging
from typing import TYPE_CHECKING

from myst_parser.mocking import MockIncludeDirective, MockState
from myst_parser.sphinx_ext import main as myst_main

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


# MyST logs every setting it holds at each build's start, through Sphinx's logger for its
# module; the line says nothing an author acts on.
_CONFIG_LOGGER = "sphinx." + myst_main.__name__
_CONFIG_REPORT = "myst v%s:"


class _WithoutConfigReport(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno == logging.INFO and _CONFIG_REPORT in str(record.msg))


def quiet_config_report() -> None:
    logger = logging.getLogger(_CONFIG_LOGGER)
    if not any(isinstance(f, _WithoutConfigReport) for f in logger.filters):
        logger.addFilter(_WithoutConfigReport())


def contract() -> None:
    report = inspect.getsource(myst_main.create_myst_config)
    require("logging.getLogger(__name__)" in report and f'bold("{_CONFIG_REPORT}")' in report
            and "logger.info(" in report, "myst-parser",
            "create_myst_config no longer logs its configuration as 'myst v%s:' at INFO through "
            "its module's logger")
    require("self._renderer = renderer" in inspect.getsource(MockState.__init__), "myst-parser",
            "MockState no longer keeps its renderer as _renderer")
    wanted = {"renderer", "name", "klass", "arguments", "options", "body", "lineno"}
    require(wanted <= inspect.signature(MockIncludeDirective).parameters.keys(), "myst-parser",
            "MockIncludeDirective no longer takes (renderer, name, klass, arguments, options, "
            "body, lineno)")
