"""Sphinx: the places the extension reaches past Sphinx's documented extension interface.

- ``leave_out``: a source that must not be read (not UTF-8, or a link out of the project) is
  dropped from ``env.found_docs`` and the sets ``env-get-outdated`` hands its handlers; Sphinx
  offers no event to exclude a file found on disk.
- ``own_label``: an article's label is written into the standard domain's ``labels`` and
  ``anonlabels``, as ``sphinx.ext.autosectionlabel`` does; there is no public method to add
  a label that points at a page's title.
- ``label_nodes``: which explicit names of a document the standard domain takes as labels is
  decided in ``StandardDomain.process_doc``, which warns about a duplicate only within one
  process; the same rule is applied here so duplicates are found across ``-j`` workers.
- ``SPHINX_PAGES`` (``model/reserved.py``): the labels the standard domain starts with
  (``initial_data['anonlabels']``), written out so that the model needs no Sphinx.
- ``mark_reported``: the standard domain's ``warn-missing-reference`` handler runs after ours
  (every handler runs) and would add a bare "undefined label"; it only speaks for nodes whose
  ``reftype`` is ``ref``, so the node is marked as reported under another reftype.
- ``render_titles_once``: ``StandaloneHTMLBuilder.render_partial`` renders every parent, next
  and previous title on every page; an instance wrapper renders each text-only title once.
- ``keep_compiled_templates``: the HTML builder's template loader keeps its Jinja environment
  as ``environment``, which the documented ``TemplateBridge`` interface does not expose; a
  bytecode cache set on it keeps compiled templates for later builds.
- ``page_body``: a feed entry's content is a page's resolved doctree rendered as
  ``StandaloneHTMLBuilder.write_doc`` renders the page's body, with the builder's own
  translator; the translator reads which page it renders (for image and download paths and
  section numbers) and whether to add permalinks from builder attributes that ``write_doc``
  sets, and no public method renders a whole page's body to a string.
- ``after_content_opf``: the EPUB builder writes the book's package file, ``content.opf``,
  from its own template (not one the project's templates can replace), in ``build_content``,
  and packs the book later in ``handle_finish``; its manifest items carry no properties.
  An instance wrapper lets the extension add them (``mathml``, ``svg``) before the book is
  packed.
- ``discover_sources``: the sources a build would find, found without a build (for the labels
  a new article's slug must not take), through ``sphinx.project.Project``, which Sphinx's
  documentation does not list.
- ``turn_off_sphinx_search``: the HTML builder's class attribute ``search`` (documented only as
  a way for help builders to suppress search) is set to False on the builder, so Sphinx writes
  neither its index nor its search page; Pagefind answers searches.
- ``leave_out_of_book``: the pages the e-book leaves out are added to ``epub_exclude_files``
  once the build is under way; the EPUB builder reads the setting when it writes the manifest
  (``build_content``), after every page is written.
- ``focusable_code``: a highlighted code block's ``<pre>`` is written by Pygments through
  Sphinx's ``PygmentsBridge``, bare, with no way to give it attributes; the translator's
  output is rewritten to make it reachable by keyboard (``tabindex="0"``).
- ``take_page_title``: the article's title moves into its header, taken out of the page body
  Sphinx's HTML writer renders, where the document title is the first ``<h1>`` (a bare tag,
  the title's ids being on its section) up to its ``</h1>`` and one newline.
- ``absolute_urls``: a feed entry's links and images are made absolute in the body the
  translator rendered (``page_body``), whose every ``href`` and ``src`` is written with
  docutils' ``starttag`` as ``name="value"``, in double quotes.
- ``PYGMENTS_STYLESHEETS``: the HTML builder adds its highlighting stylesheets to every page
  under these names (``init_css_files``); a page without code drops them by name.

Public-looking names that Sphinx's extension API pages (https://www.sphinx-doc.org/en/master/
extdev/index.html: Utilities, events, Logging API) do not list, so Sphinx may change them in
any release without a deprecation:

- ``docname_join``, ``relative_uri``, ``excluded_by`` and ``equation_number``: Sphinx's own
  helpers ``sphinx.util.docname_join``, ``sphinx.util.osutil.relative_uri``,
  ``sphinx.util.matching.Matcher`` and ``sphinx.util.math.get_node_equation_number``, used so
  that references, links, ``exclude_patterns`` and equation numbers mean what they mean to
  Sphinx. (Sphinx's own documentation build lists ``sphinx.util.relative_uri`` among the
  names it knows to be undocumented: ``nitpick_ignore`` in its ``doc/conf.py``.)
- ``IncludeBase``, ``LiteralIncludeBase``, ``TocTreeBase``, ``FigureBase``: the directive
  classes ``safety/confine.py`` subclasses or runs to confine what a page may read. Only
  ``SphinxDirective`` is documented; these are relied on for their option names, for
  reading ``self.arguments[0]`` and ``self.options`` when ``run()`` is called (not before),
  and for ``run()`` returning a list of nodes.
- ``HTMLTranslatorBase``: the HTML writer ``html/translator.py`` subclasses. Registering a
  translator (``app.set_translator``) is documented, the class is not: the subclass extends
  ``starttag``, ``visit_entry``, ``visit_Text`` and ``visit_literal_block`` through
  ``super()`` and edits what they leave in ``self.body`` and ``self.context``; the math
  renderer (``safety/mathml.py``) calls ``add_permalink_ref``.
"""

from __future__ import annotations

import inspect
import re
import tempfile
from io import StringIO
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from docutils import nodes
from jinja2 import FileSystemBytecodeCache
from sphinx import util as sphinx_util
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include, TocTree
from sphinx.directives.patches import Figure
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.project import Project
from sphinx.util import math as sphinx_math
from sphinx.util import osutil
from sphinx.util.docutils import SphinxDirective
from sphinx.util.matching import Matcher
from sphinx.writers.html5 import HTML5Translator

from fieldnotes.integrations import require
from fieldnotes.model.links import unfollowed_links
from fieldnotes.model.reserved import SPHINX_PAGES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


# Code scrolls sideways on a narrow screen: a keyboard user must be able to reach it to scroll.
FOCUSABLE_PRE = '<pre tabindex="0">'
#: The highlighting stylesheets the HTML builder adds to every page.
PYGMENTS_STYLESHEETS = ("pygments.css", "pygments_dark.css")


def docname_join(basedocname: str, docname: str) -> str:
    """``docname`` as a reference on ``basedocname`` names it: relative to that page's folder,
    or from the project's root when it starts with '/'."""
    return sphinx_util.docname_join(basedocname, docname)


def relative_uri(base: str, to: str) -> str:
    """The relative URL from the page at ``base`` to ``to``, as Sphinx's builders write it."""
    return osutil.relative_uri(base, to)


def excluded_by(patterns: Iterable[str]) -> Callable[[str], bool]:
    """Whether a project-relative path matches one of ``patterns``, as Sphinx matches
    ``exclude_patterns`` ('**/x' also matches 'x' at the top)."""
    return Matcher(patterns)


def equation_number(translator: HTML5Translator, node: nodes.math_block) -> str:
    """The number an HTML math renderer shows for a numbered ``math_block``."""
    return sphinx_math.get_node_equation_number(translator, node)


# The directive classes safety/confine.py subclasses (or, for Include, runs) and the HTML
# writer html/translator.py subclasses; the contract checks what those subclasses use.
IncludeBase = Include
LiteralIncludeBase = LiteralInclude
TocTreeBase = TocTree
FigureBase = Figure
HTMLTranslatorBase = HTML5Translator


def leave_out(env: BuildEnvironment, docnames: Iterable[str], added: set[str],
              changed: set[str], removed: set[str]) -> None:
    """Neither read nor write ``docnames`` in this build (called from env-get-outdated)."""
    for docname in docnames:
        added.discard(docname)
        changed.discard(docname)
        env.found_docs.discard(docname)
        if docname in env.all_docs:
            removed.add(docname)


def own_label(env: BuildEnvironment, label: str, docname: str, title: str) -> None:
    """Point ``label`` at the top of ``docname``, titled ``title``."""
    std = env.domains.standard_domain
    std.anonlabels[label] = (docname, "")
    std.labels[label] = (docname, "", title)


def label_nodes(doctree: nodes.document) -> dict[str, nodes.Element]:
    """Each label the document defines with an explicit target, and the node it names, as
    ``StandardDomain.process_doc`` takes them (not footnotes, links to other sites or object
    descriptions)."""
    found = {}
    for name, explicit in doctree.nametypes.items():
        node_id = doctree.nameids.get(name) if explicit else None
        node = doctree.ids.get(node_id) if node_id else None
        if isinstance(node, nodes.target) and "refid" in node:
            node = doctree.ids.get(node["refid"])
        if node is None or node.tagname == "footnote" or "refuri" in node \
                or node.tagname.startswith("desc_"):
            continue
        found[name] = node
    return found


def mark_reported(node: nodes.Element) -> None:
    """Keep the standard domain from repeating a missing-reference warning already given."""
    node["reftype"] = f"{node['reftype']}-reported"


def render_titles_once(builder: StandaloneHTMLBuilder) -> None:
    render_partial = builder.render_partial
    # Keyed by id; the cached node is kept and compared, so an id is never taken for another.
    rendered: dict[int, tuple[nodes.Node, dict[str, str]]] = {}

    def render_title_once(node: nodes.Node | None) -> dict[str, str]:
        if not (isinstance(node, nodes.title) and all(isinstance(c, nodes.Text) for c in node.children)):
            return render_partial(node)
        cached = rendered.get(id(node))
        if cached is None or cached[0] is not node:
            cached = rendered[id(node)] = (node, render_partial(node))
        return dict(cached[1])

    builder.render_partial = render_title_once


def keep_compiled_templates(builder: StandaloneHTMLBuilder, folder: Path) -> None:
    """Keep the templates the builder compiles in ``folder``, for later builds. A site with
    its own ``template_bridge`` keeps its own ways."""
    if isinstance(builder.templates, BuiltinTemplateLoader):
        builder.templates.environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def page_body(builder: StandaloneHTMLBuilder, docname: str, doctree: nodes.document) -> str:
    """``doctree`` rendered as the body of ``docname``'s page, without permalinks."""
    uri = builder.get_target_uri(docname)
    # What write_doc sets for the page it renders, and an epub's "no permalinks".
    page = {"current_docname": docname, "imgpath": relative_uri(uri, builder.imagedir),
            "dlpath": relative_uri(uri, "_downloads"), "add_permalinks": False,
            "secnumbers": builder.env.toc_secnumbers.get(docname, {}),
            "fignumbers": builder.env.toc_fignumbers.get(docname, {})}
    saved = {name: vars(builder)[name] for name in page if name in vars(builder)}
    try:
        for name, value in page.items():
            setattr(builder, name, value)
        builder.post_process_images(doctree)
        doctree.settings = builder.docsettings
        visitor = builder.create_translator(doctree, builder)
        doctree.walkabout(visitor)
        return "".join(visitor.fragment)
    finally:
        for name in page:
            if name in saved:
                setattr(builder, name, saved[name])
            else:  # a class attribute shows through again
                delattr(builder, name)


def after_content_opf(builder: Builder, change: Callable[[Path], None]) -> None:
    """Call ``change`` with the path of the book's package file once the EPUB builder has
    written it, before the book is packed."""
    build_content = builder.build_content

    def build_then_change() -> None:
        build_content()
        change(Path(builder.outdir) / "content.opf")

    builder.build_content = build_then_change


def discover_sources(root: Path, suffix: str, exclude_patterns: Iterable[str]) -> list[Path]:
    """The files with ``suffix`` that Sphinx would find under ``root``, in docname order."""
    project = Project(root, [suffix])
    # Sphinx's discovery follows links to folders, which can loop without end: leave them out,
    # as the build does (sources.py).
    exclude_patterns = list(exclude_patterns)
    excluded = excluded_by(exclude_patterns)
    exclude_patterns += [link.path for link in unfollowed_links(root, excluded)]
    return [project.doc2path(docname, absolute=True)
            for docname in sorted(project.discover(exclude_patterns))]


def focusable_code(part: str) -> str:
    return part.replace("<pre>", FOCUSABLE_PRE)


# The document title as the HTML writer renders it (with its permalink), and what follows it.
_FIRST_H1 = re.compile(r"<h1>.*?</h1>\n?", re.S)
# A link or image address as the HTML writer writes it.
_URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')


def take_page_title(body: str) -> tuple[str, bool]:
    """The page body without the document's title, and whether there was one to take."""
    taken, count = _FIRST_H1.subn("", body, count=1)
    return taken, bool(count)


def absolute_urls(body: str, page_url: str) -> str:
    """Every href and src of a rendered body made absolute, relative to the page it is on."""
    return _URL_ATTRIBUTE.sub(lambda m: f'{m.group(1)}="{urljoin(page_url, m.group(2))}"', body)


def turn_off_sphinx_search(builder: Builder) -> None:
    builder.search = False


def leave_out_of_book(config, uris: Iterable[str]) -> None:
    config.epub_exclude_files = sorted({*config.epub_exclude_files, *uris})


def contract() -> None:
    from sphinx.builders import Builder
    from sphinx.domains.std import StandardDomain, warn_missing_reference

    read = inspect.getsource(Builder.read)
    require("'env-get-outdated', self.env, added, changed, removed" in read
            and "docnames = sorted(added | changed)" in read,
            "sphinx", "Builder.read no longer reads the added and changed sets that "
            "env-get-outdated handlers receive, so leave_out may not keep a file unread")
    process_doc = inspect.getsource(StandardDomain.process_doc)
    require(all(rule in process_doc for rule in (
        "for name, explicit in document.nametypes.items():", "node = document.ids[labelid]",
        "node.tagname == 'footnote'", "'refuri' in node", "node.tagname.startswith('desc_')")),
        "sphinx", "StandardDomain.process_doc takes labels from a document by another rule, so "
        "label_nodes may miss a duplicate label or report one that is none")
    builtin = {name: docname for name, (docname, _) in
               StandardDomain.initial_data.get("anonlabels", {}).items()}
    require(builtin == SPHINX_PAGES, "sphinx", f"the standard domain's own labels are now "
            f"{builtin}, not those model/reserved.py lists: update SPHINX_PAGES")
    require(isinstance(StandardDomain.initial_data.get("labels"), dict)
            and isinstance(StandardDomain.initial_data.get("anonlabels"), dict), "sphinx",
            "the standard domain no longer keeps labels and anonlabels dicts")
    require("node['reftype'] != 'ref'" in inspect.getsource(warn_missing_reference), "sphinx",
            "the standard domain's warn-missing-reference handler no longer speaks only for "
            "reftype 'ref', so broken references may be reported twice")
    doc_context = inspect.getsource(StandaloneHTMLBuilder.get_doc_context)
    require("self.render_partial(" in doc_context, "sphinx", "StandaloneHTMLBuilder."
            "get_doc_context no longer renders titles through render_partial")
    _page_body_contract()
    _content_opf_contract()
    _discovery_contract()
    _search_and_book_contract()
    _code_block_contract()
    _page_markup_contract()
    _helpers_contract()
    _directive_bases_contract()
    _translator_base_contract()
    require("self.environment = SandboxedEnvironment(" in inspect.getsource(
        BuiltinTemplateLoader.init), "sphinx", "BuiltinTemplateLoader no longer keeps its Jinja "
        "environment as `environment`, so compiled templates may not be kept for later builds")
    css_files = inspect.getsource(StandaloneHTMLBuilder.init_css_files)
    require("self.add_css_file(" in css_files
            and all(f"'{name}'" in css_files for name in PYGMENTS_STYLESHEETS), "sphinx",
            f"the HTML builder no longer adds its highlighting stylesheets as {PYGMENTS_STYLESHEETS}")


def _page_body_contract() -> None:
    from sphinx.writers import html5

    write_doc = inspect.getsource(StandaloneHTMLBuilder.write_doc)
    sets = ("self.current_docname = docname", "self.imgpath = relative_uri(",
            "self.dlpath = relative_uri(", "self.secnumbers = ", "self.fignumbers = ",
            "self.create_translator(doctree, self)", "''.join(visitor.fragment)")
    require(all(line in write_doc for line in sets), "sphinx", "StandaloneHTMLBuilder.write_doc "
            "no longer renders a page's body from these builder attributes, so page_body may "
            "not render a feed entry as its page: " + "; ".join(sets))
    translator = inspect.getsource(html5)
    reads = ("self.builder.add_permalinks", "self.builder.imgpath", "self.builder.dlpath")
    require(all(name in translator for name in reads), "sphinx", "the HTML translator no longer "
            "reads " + ", ".join(reads) + ", so feed entries may carry permalinks or wrong paths")


def _content_opf_contract() -> None:
    from sphinx.builders._epub_base import EpubBuilder
    from sphinx.builders.epub3 import Epub3Builder

    finish = inspect.getsource(Epub3Builder.handle_finish)
    require("self.build_content()" in finish and "self.build_epub()" in finish
            and finish.index("self.build_content()") < finish.index("self.build_epub()"),
            "sphinx", "Epub3Builder.handle_finish no longer writes content.opf (build_content) "
            "before it packs the book (build_epub), so the manifest's properties may be lost")
    require("'content.opf.jinja'" in inspect.getsource(EpubBuilder.build_content), "sphinx",
            "EpubBuilder.build_content no longer writes content.opf itself, so the manifest's "
            "properties (mathml, svg) may not be added")


def _discovery_contract() -> None:
    require({"exclude_paths"} <= inspect.signature(Project.discover).parameters.keys()
            and {"docname", "absolute"} <= inspect.signature(Project.doc2path).parameters.keys(),
            "sphinx", "Project no longer offers discover(exclude_paths) and "
            "doc2path(docname, absolute), so a new article's slug is not checked against the "
            "project's labels")


def _search_and_book_contract() -> None:
    from sphinx.builders._epub_base import EpubBuilder

    require(StandaloneHTMLBuilder.search is True
            and "if self.search:" in inspect.getsource(StandaloneHTMLBuilder.prepare_writing)
            and "if self.search:" in inspect.getsource(StandaloneHTMLBuilder.gen_additional_pages),
            "sphinx", "the HTML builder no longer writes its search index and page only when "
            "its `search` attribute is true, so Sphinx's own search may be written beside Pagefind")
    require("self.config.epub_exclude_files" in inspect.getsource(EpubBuilder.build_content),
            "sphinx", "the EPUB builder no longer reads epub_exclude_files when it writes the "
            "manifest, so pages left out of the book may be packed into it")


def _code_block_contract() -> None:
    from sphinx.highlighting import PygmentsBridge

    block = PygmentsBridge("html").highlight_block("x = 1\n", "python")
    require(block.count("<pre>") == 1 and "<pre " not in block, "sphinx",
            "a highlighted code block no longer opens with a bare <pre>, so code that scrolls "
            "sideways may not be reachable by keyboard")


# A page with a title, a link, an image and code: what the markup rules above read.
_MARKUP_PAGE = """Page title
==========

A `link <https://example.org/a>`_ and `another <other.html#part>`_.

.. image:: picture.svg

.. code-block:: python

   x = 1

Part
----

Text.
"""


def _rendered_body() -> str:
    """The body of a one-page project, as Sphinx's HTML builder renders it."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    bodies = []
    with tempfile.TemporaryDirectory() as folder:
        src = Path(folder, "src")
        src.mkdir()
        (src / "conf.py").write_text("", encoding="utf-8")
        (src / "index.rst").write_text(_MARKUP_PAGE, encoding="utf-8")
        (src / "picture.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>',
                                         encoding="utf-8")
        # As sphinx-build does: the nodes, directives and roles this build registers with
        # docutils are forgotten once it ends, so a later build in this process is not warned.
        with patch_docutils(src), docutils_namespace():
            app = Sphinx(str(src), str(src), str(Path(folder, "out")),
                         str(Path(folder, "doctrees")), "html", status=None, warning=StringIO(),
                         freshenv=True)
            app.connect("html-page-context", lambda _app, name, _t, context, _d:
                        bodies.append(context.get("body", "")) if name == "index" else None)
            app.build()
    return bodies[0] if bodies else ""


def _page_markup_contract() -> None:
    body = _rendered_body()
    require(body.count("<h1") == 1 and _FIRST_H1.search(body)
            and "Page title" in _FIRST_H1.search(body).group(0)
            and "<h2>Part" in take_page_title(body)[0], "sphinx",
            "the HTML writer no longer renders a page's title as the body's one bare "
            "<h1>...</h1>, so an article's title may stay in its body or another heading go")
    written = re.findall(r"\b(?:href|src)=(.)", body)
    found = {url for _name, url in _URL_ATTRIBUTE.findall(body)}
    require(written and set(written) == {'"'}
            and {"https://example.org/a", "other.html#part", "_images/picture.svg"} <= found,
            "sphinx", "the HTML writer no longer writes every href and src in double quotes, "
            f"so a feed entry may keep a relative address (found {sorted(found)})")
    require(body.count("<pre>") == 1 and "<pre " not in body, "sphinx", "a code block in a "
            "rendered page no longer opens with a bare <pre>, so code that scrolls sideways may "
            "not be reachable by keyboard")


def _helpers_contract() -> None:
    require(list(inspect.signature(sphinx_util.docname_join).parameters)
            == ["basedocname", "docname"]
            and [docname_join("articles/a", name) for name in ("b", "/index", "../tags/x")]
            == ["articles/b", "index", "tags/x"], "sphinx",
            "sphinx.util.docname_join(basedocname, docname) no longer resolves a reference "
            "from its page's folder ('/' from the root), so incremental builds may miss a page "
            "to rewrite")
    require(list(inspect.signature(osutil.relative_uri).parameters) == ["base", "to"]
            and [relative_uri("a/b.html", to) for to in ("a/c.html", "d.html", "a/b.html")]
            == ["c.html", "../d.html", ""], "sphinx",
            "sphinx.util.osutil.relative_uri(base, to) no longer gives the relative URL between "
            "two pages as before, so sidebar links may point elsewhere")
    matches = excluded_by(["_build", "**/skip.md", "drafts/*"])
    require(isinstance(Matcher, type) and all(map(matches, ("_build", "skip.md", "a/skip.md",
                                                            "drafts/x.md")))
            and not any(map(matches, ("_build2", "drafts/a/x.md", "articles/x.md"))), "sphinx",
            "sphinx.util.matching.Matcher(patterns) no longer matches paths as Sphinx's "
            "exclude_patterns do ('**/x' also at the top, '*' within one folder), so a file "
            "conf.py excludes may be read, or one it keeps refused")
    require(list(inspect.signature(sphinx_math.get_node_equation_number).parameters)
            == ["writer", "node"], "sphinx",
            "sphinx.util.math.get_node_equation_number(writer, node) changed its signature")
    plain = SimpleNamespace(builder=SimpleNamespace(config=SimpleNamespace(
        math_numfig=False, numfig=False)))
    figures = SimpleNamespace(builder=SimpleNamespace(
        name="html", fignumbers={"displaymath": {"eq": (1, 3)}},
        config=SimpleNamespace(math_numfig=True, numfig=True, math_numsep="-")))
    block = nodes.math_block("", "x", ids=["eq"], number=4)
    require(equation_number(plain, block) == 4 and equation_number(figures, block) == "1-3",
            "sphinx", "sphinx.util.math.get_node_equation_number no longer gives a numbered "
            "formula's number (its own, or its figure number with math_numsep under numfig)")


# What safety/confine.py's subclasses use of each directive class: the options they read,
# change or copy, and whether they run the class themselves (Include, with the nine
# arguments of a docutils Directive) or through super().run().
_DIRECTIVE_OPTIONS = {"IncludeBase": {"literal", "code", "parser", "encoding"},
                      "LiteralIncludeBase": {"diff"}, "FigureBase": {"figwidth"},
                      "TocTreeBase": set()}
_DIRECTIVE_ARGUMENTS = ["self", "name", "arguments", "options", "content", "lineno",
                        "content_offset", "block_text", "state", "state_machine"]


def _directive_bases_contract() -> None:
    from docutils.parsers.rst import Directive
    from docutils.parsers.rst.directives.misc import Include as DocutilsInclude

    for name, options in _DIRECTIVE_OPTIONS.items():
        base = globals()[name]
        require(isinstance(base, type) and issubclass(base, Directive)
                and callable(getattr(base, "run", None))
                and isinstance(base.option_spec, dict) and options <= base.option_spec.keys()
                and list(inspect.signature(base.__init__).parameters) == _DIRECTIVE_ARGUMENTS,
                "sphinx", f"{base.__module__}.{base.__qualname__} is no longer a docutils "
                f"Directive with run(), the usual constructor and the options "
                f"{sorted(options)}, which safety/confine.py's subclass relies on")
    require(all(issubclass(base, SphinxDirective) for base in (IncludeBase, LiteralIncludeBase,
                                                              TocTreeBase)),
            "sphinx", "Include, LiteralInclude or TocTree is no longer a SphinxDirective, so "
            "confine's subclasses have no self.env or self.config")
    require(issubclass(IncludeBase, DocutilsInclude), "sphinx", "sphinx.directives.other."
            "Include no longer subclasses docutils' Include, which MyST's include reader "
            "expects")
    literal_run = inspect.getsource(LiteralIncludeBase.run)
    require("self.env.relfn2path(self.arguments[0])" in literal_run
            and "self.env.relfn2path(self.options['diff'])" in literal_run, "sphinx",
            "LiteralInclude.run no longer resolves its argument and :diff: (which "
            "ConfinedLiteralInclude replaces with checked paths) when it runs")
    require("self.env.relfn2path(self.arguments[0])" in inspect.getsource(IncludeBase.run),
            "sphinx", "Include.run no longer resolves the (checked) path it is given against "
            "the project")
    require("self.options" in inspect.getsource(FigureBase.run), "sphinx",
            "Figure.run no longer reads its options when it runs, so ConfinedFigure's removal "
            "of :figwidth: may not take effect")


# The methods html/translator.py's FieldNotesTranslator overrides (each calling super()), and
# the one safety/mathml.py's renderer calls.
TRANSLATOR_OVERRIDES = ("starttag", "visit_entry", "visit_Text", "visit_literal_block")


def _translator_base_contract() -> None:
    missing = [name for name in (*TRANSLATOR_OVERRIDES, "add_permalink_ref", "encode")
               if not callable(getattr(HTMLTranslatorBase, name, None))]
    require(isinstance(HTMLTranslatorBase, type) and not missing, "sphinx",
            f"HTML5Translator no longer has {missing}, which html/translator.py overrides or "
            "safety/mathml.py calls")
    require(list(inspect.signature(HTMLTranslatorBase.__init__).parameters)
            == ["self", "document", "builder"]
            and list(inspect.signature(HTMLTranslatorBase.starttag).parameters)
            == ["self", "node", "tagname", "suffix", "empty", "attributes"]
            and list(inspect.signature(HTMLTranslatorBase.add_permalink_ref).parameters)
            == ["self", "node", "title"], "sphinx",
            "HTML5Translator(document, builder), its starttag(node, tagname, suffix, empty, "
            "**attributes) or add_permalink_ref(node, title) changed signature")
    entry = inspect.getsource(HTMLTranslatorBase.visit_entry)
    require("self.body.append(self.starttag(node, tagname, " in entry
            and "self.context.append('</%s>\\n' % tagname.lower())" in entry, "sphinx",
            "visit_entry no longer ends with a cell's start tag in self.body and its end tag "
            "in self.context, which FieldNotesTranslator turns into a <td> for an empty header")
    require("self.protect_literal_text" in inspect.getsource(HTMLTranslatorBase.visit_Text)
            and "self.protect_literal_text += 1" in inspect.getsource(HTMLTranslatorBase),
            "sphinx", "HTML5Translator no longer marks inline code with protect_literal_text, "
            "so long tokens of inline code may not be marked to wrap")
