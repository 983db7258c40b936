"""Author content is trusted but confined: no HTML from a page, no file from outside the project.

Directives and roles that would pass HTML through are replaced by ones that refuse, and those
that read a file read it only after the file-access policy (fileaccess.py) allows it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from fieldnotes.integrations import myst
from fieldnotes.integrations.docutils import CSVTableBase
from fieldnotes.integrations.sphinx import FigureBase, IncludeBase, LiteralIncludeBase, TocTreeBase
from fieldnotes.model.filenames import in_articles_dir
from fieldnotes.safety.fileaccess import refusal
from fieldnotes.safety.mathml import setup_mathml
from fieldnotes.safety.substitutions import setup_substitutions

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

NO_HTML = ("an article may not carry HTML. To show markup, put it in a fenced code block "
           "(```html); for layout, use a directive the site provides (grid, card, tab-set, "
           "dropdown, container)")
COPY_IN = "copy the file into the project, next to the article, and name that copy"


def warn(message: str, location, subtype: str = "confine") -> None:
    logger.warning(message, location=location, type="fieldnotes", subtype=subtype)


def checked_path(env: BuildEnvironment, written: str, what: str, location) -> str | None:
    """The file ``written`` names, as a project-absolute path ('/articles/x.py') that every
    reader resolves to the checked file; None, after a warning, when the policy refuses it.

    A path that starts with '/' counts from the project folder, never the computer's root;
    a file the project does not hold is refused here, so no reader looks for it elsewhere."""
    _relative, path = env.relfn2path(written)
    reason = refusal(path, env.srcdir, env.config.exclude_patterns)
    if reason:
        warn(f"{what} '{written}' {reason}: {COPY_IN}", location)
        return None
    if not os.path.isfile(path):
        counted = (" (a path that starts with '/' counts from the project folder)"
                   if written.startswith("/") else "")
        warn(f"{what} '{written}' names no file in the project{counted}: {COPY_IN}", location)
        return None
    return "/" + Path(os.path.realpath(path)).relative_to(os.path.realpath(env.srcdir)).as_posix()


class RefusedDirective(SphinxDirective):
    """A directive that writes nothing and says what to use instead."""

    has_content = True
    optional_arguments = 10
    final_argument_whitespace = True
    instead: ClassVar[str] = NO_HTML

    # Accept whatever options the real directive takes, so the refusal is the only message.
    class _AnyOptions(dict):
        def __getitem__(self, name: str):
            return directives.unchanged

        def __contains__(self, name: object) -> bool:
            return True

    option_spec = _AnyOptions()

    def run(self) -> list:
        warn(f"the '{self.name}' directive is refused: {self.instead}", self.get_location())
        return []


class RefusedMeta(RefusedDirective):
    instead = ("it writes the page's HTML <meta> tags, which can redirect the reader; the "
               "page's description comes from the summary in its front matter")


def refused_raw_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """The raw role, and every role made from it with `.. role:: x(raw)`, writes nothing."""
    source, line = inliner.reporter.get_source_and_line(lineno)
    warn(f"the '{name}' role passes raw markup through and is refused: {NO_HTML}; to show "
         "markup inline, write it as `code`", f"{source}:{line}")
    return [], []


refused_raw_role.options = {"format": directives.unchanged, "class": directives.class_option}


class ConfinedLiteralInclude(LiteralIncludeBase):
    def run(self) -> list:
        location = self.get_location()
        self.arguments[0] = checked_path(self.env, self.arguments[0], self.name, location)
        if "diff" in self.options:
            self.options["diff"] = checked_path(self.env, self.options["diff"], ":diff:", location)
        if self.arguments[0] is None or self.options.get("diff", "") is None:
            return []
        return super().run()


class ConfinedCSVTable(CSVTableBase, SphinxDirective):
    """docutils' csv-table, reading only a checked file of the project.

    Sphinx's own csv-table reads a path that starts with '/' from the computer's root when a
    file is there; this one hands docutils the checked file's full path instead."""

    def run(self) -> list:
        if "url" in self.options:
            warn("csv-table :url: is refused: the build reads nothing from the network; save "
                 "the CSV in the project and give it with :file:", self.get_location())
            return []
        if "file" in self.options:
            checked = checked_path(self.env, self.options["file"], "csv-table :file:",
                                   self.get_location())
            if checked is None:
                return []
            self.options["file"] = str(Path(os.path.realpath(self.env.srcdir), checked[1:]))
        return super().run()


class ConfinedFigure(FigureBase, SphinxDirective):
    """`figure` without `:figwidth:`. With `image`, docutils opens the written path itself,
    from the folder the build runs in, so a path from the computer's root would be measured on
    the build machine; and any width is an inline style, which the site's policy blocks."""

    def run(self) -> list:
        if "figwidth" in self.options:
            del self.options["figwidth"]
            warn("figure :figwidth: is refused: the width would be an inline style, which the "
                 "site's Content-Security-Policy blocks; remove the option (the figure takes "
                 "its image's width)", self.get_location())
        return super().run()


class ConfinedInclude(SphinxDirective):
    """`include`, in rST and in MyST, reading only files the policy allows.

    MyST runs any subclass of docutils' Include through its own reader, never calling the
    directive's run(); so this is not a subclass, and hands the checked path to MyST's
    reader in Markdown and to Sphinx's Include in rST.
    """

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar = {**IncludeBase.option_spec, "relative-images": directives.flag,
                             "relative-docs": directives.path,
                             "heading-offset": directives.nonnegative_int}

    def run(self) -> list:
        written = "".join(line.strip() for line in self.arguments[0].splitlines())
        if written.startswith("<") and written.endswith(">"):
            warn(f"include '{written}' reads a file bundled with docutils, outside the project: "
                 f"{COPY_IN}", self.get_location())
            return []
        checked = checked_path(self.env, written, self.name, self.get_location())
        if checked is None:
            return []
        if myst.is_myst(self.state):
            return myst.include_in_myst(self.state, self.name, checked, self.options,
                                        list(self.content), self.lineno, IncludeBase)
        return IncludeBase(self.name, [checked], self.options, self.content, self.lineno,
                           self.content_offset, self.block_text, self.state,
                           self.state_machine).run()


class ConfinedTocTree(TocTreeBase):
    """A toctree on any page but an article. Articles are the leaves of the site's tree, which
    the build makes from their front matter: a toctree in one that lists the home page or a
    category loops back to the article, and Sphinx recurses down that loop until it crashes."""

    def run(self) -> list:
        if in_articles_dir(self.config.fieldnotes_articles_dir, self.env.docname):
            warn("a toctree in an article is refused: the site's navigation comes from each "
                 "article's front matter (category, number); link another page with "
                 "{doc}`/path/to/page` instead", self.get_location())
            return []
        return super().run()


def setup_confine(app: Sphinx) -> None:
    # Replacing the built-in directives and roles covers MyST, {eval-rst} and included files.
    app.add_directive("raw", RefusedDirective, override=True)
    app.add_directive("meta", RefusedMeta, override=True)
    app.add_role("raw", refused_raw_role, override=True)
    app.add_directive("include", ConfinedInclude, override=True)
    app.add_directive("literalinclude", ConfinedLiteralInclude, override=True)
    app.add_directive("csv-table", ConfinedCSVTable, override=True)
    app.add_directive("figure", ConfinedFigure, override=True)
    app.add_directive("toctree", ConfinedTocTree, override=True)
    setup_substitutions(app)
    # Formulas become MathML at build time instead of loading MathJax from a CDN.
    setup_mathml(app)
