"""MyST-Parser: ``include`` in Markdown goes through MyST's own include directive,
substitutions are filled in only when they name a value, and MyST's report of its whole
configuration stays out of the build's output.

MyST never calls a directive's ``run()`` for a subclass of docutils' ``Include``; it reads the
file itself with ``MockIncludeDirective``, which needs the renderer that MyST keeps on its
state as the private ``_renderer``. There is no public way to hand MyST a checked path.

MyST renders a substitution (``{{ ... }}``) in ``DocutilsRenderer.render_substitution``: an
exact name is looked up, anything else becomes a Jinja template given Sphinx's build
environment. No setting turns the template off, so that method is wrapped: only an exact
name of ``md_config.substitutions`` reaches it.

``target_parser`` is MyST's own markdown-it parser, built outside a build to find the project's
``(name)=`` targets: ``create_md_parser`` is not in MyST's documented API.

``MystParserBase`` is MyST's Sphinx parser, which ``safety/boundedparse.py`` subclasses to
bound how deep a page may nest. MyST documents its docutils ``Parser`` (docs/docutils.md) and
Sphinx documents registering a parser (``app.add_source_parser``); the Sphinx parser class
appears only in MyST's generated module listing, with no promise about subclassing. The
subclass relies on ``parse(inputstring, document)``, called twice on one document, and on
the ``supported`` suffixes it inherits.
"""

from __future__ import annotations

import functools
import inspect
import logging
from typing import TYPE_CHECKING, Callable

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer, token_line
from myst_parser.mocking import MockIncludeDirective, MockState
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.sphinx_ext import main as myst_main

from fieldnotes.integrations import require

if TYPE_CHECKING:
    from docutils.parsers.rst.directives.misc import Include
    from markdown_it import MarkdownIt


def is_myst(state: object) -> bool:
    return isinstance(state, MockState)


def include_in_myst(state: MockState, name: str, path: str, options: dict, content: list[str],
                    lineno: int, klass: type[Include]) -> list:
    """Include ``path`` (already checked) as MyST's own include directive would."""
    return MockIncludeDirective(state._renderer, name=name, klass=klass, arguments=[path],
                                options=options, body=content, lineno=lineno).run()


# MyST's own substitution renderer, kept before any wrapping.
_FILL = DocutilsRenderer.render_substitution


def fill_only_named_substitutions(refuse: Callable[[object, str, list[str]], None]) -> None:
    """Make MyST fill in a substitution only when it is the exact name of a configured one;
    otherwise call ``refuse(location, written, known names)`` and write nothing. Each Sphinx
    application calls this as it starts, so the latest ``refuse`` is the one called."""

    @functools.wraps(_FILL)
    def render_substitution(self: DocutilsRenderer, token, inline: bool) -> None:
        written = token.content.strip()
        known = self.md_config.substitutions
        if written in known:
            return _FILL(self, token, inline)  # MyST looks an exact name up, with no template
        line = token_line(token, 0)
        env = self.sphinx_env
        location = (env.docname, line) if env is not None else f"{self.document['source']}:{line}"
        refuse(location, written, list(known))
        return None

    DocutilsRenderer.render_substitution = render_substitution


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


def target_parser() -> MarkdownIt:
    """MyST's parser for a Markdown file's tokens, with ``:::`` fences as the site uses them."""
    return create_md_parser(MdParserConfig(enable_extensions={"colon_fence"}), RendererHTML)


# The Sphinx parser for Markdown that safety/boundedparse.py subclasses.
MystParserBase = MystParser


def contract() -> None:
    from sphinx.parsers import Parser as SphinxParser

    require(isinstance(MystParserBase, type) and issubclass(MystParserBase, SphinxParser)
            and list(inspect.signature(MystParserBase.parse).parameters)
            == ["self", "inputstring", "document"]
            and "md" in MystParserBase.supported, "myst-parser",
            "myst_parser.parsers.sphinx_.MystParser is no longer a Sphinx Parser for 'md' with "
            "parse(inputstring, document), which safety/boundedparse.py's BoundedMystParser "
            "subclasses")
    tokens = target_parser().parse("(some-target)=\n\n:::{note}\ntext\n:::\n")
    require([(t.type, t.content) for t in tokens[:1]] == [("myst_target", "some-target")]
            and any(t.type == "colon_fence" and t.info.startswith("{") for t in tokens),
            "myst-parser", "its markdown-it parser no longer gives a (name)= target as a "
            "myst_target token or a ::: fence as colon_fence, so a new article's slug is not "
            "checked against the project's labels")
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
    require(list(inspect.signature(DocutilsRenderer.render_substitution).parameters)
            == ["self", "token", "inline"], "myst-parser",
            "DocutilsRenderer.render_substitution no longer takes (token, inline)")
    for kind in ("inline", "block"):
        require("self.render_substitution(token" in inspect.getsource(
            getattr(DocutilsRenderer, f"render_substitution_{kind}")), "myst-parser",
            f"substitutions ({kind}) are no longer rendered by render_substitution")
    exact = inspect.getsource(_FILL)
    require("if content in variable_context:" in exact, "myst-parser",
            "render_substitution no longer looks an exact name up without a template")
