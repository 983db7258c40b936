"""Every reach into a third-party package's inside has a contract, and the installed versions
keep it: an upgrade that breaks one fails here, naming the package and what changed."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import sys
from pathlib import Path

import pytest

import fieldnotes.integrations as integrations
from fieldnotes.integrations import UpstreamChanged, require
from fieldnotes.outputs.search import INDEX_OPTIONS
from fieldnotes.pipeline import PHASES

MODULES = sorted(m.name for m in pkgutil.iter_modules(integrations.__path__))


def test_every_integration_states_a_contract():
    assert MODULES, "no integration modules found"
    for name in MODULES:
        module = importlib.import_module(f"fieldnotes.integrations.{name}")
        assert callable(getattr(module, "contract", None)), f"{name} has no contract()"
        assert module.__doc__ and len(module.__doc__) > 80, f"{name} does not say what it relies on"


@pytest.mark.parametrize("name", MODULES)
def test_the_installed_version_keeps_the_contract(name):
    module = importlib.import_module(f"fieldnotes.integrations.{name}")
    if name == "pagefind":
        module.contract(tuple(INDEX_OPTIONS))
    else:
        module.contract()


def test_a_broken_contract_names_the_package_and_the_change():
    with pytest.raises(UpstreamChanged, match=r"^furo changed: the hook is gone\. Update "):
        require(False, "furo", "the hook is gone")


def test_myst_fills_in_only_a_named_substitution():
    """The hook in MyST's substitution renderer, without Sphinx: a name is filled in from the
    configured values; an expression or an unknown name reaches ``refuse`` with its line, and
    nothing of it is rendered."""
    from docutils.core import publish_doctree
    from myst_parser.mdit_to_docutils.base import DocutilsRenderer
    from myst_parser.parsers.docutils_ import Parser

    from fieldnotes.integrations import myst

    refused = []
    text = ("Known {{ known }}.\n\nCode {{ ''.__class__.__mro__[1] }} {{ known | upper }} "
            "{{ unknown }}.\n")
    settings = {"myst_enable_extensions": ["substitution"], "report_level": 5,
                "myst_substitutions": {"known": "filled-in-value"}}
    installed = DocutilsRenderer.render_substitution
    try:
        myst.fill_only_named_substitutions(lambda *found: refused.append(found))
        page = publish_doctree(text, parser=Parser(), settings_overrides=settings).astext()
    finally:
        DocutilsRenderer.render_substitution = installed  # the next build installs its own
    assert "Known filled-in-value." in page
    assert "FILLED-IN-VALUE" not in page and "object" not in page
    assert [(where, written) for where, written, _known in refused] == [
        ("<string>:3", "''.__class__.__mro__[1]"), ("<string>:3", "known | upper"),
        ("<string>:3", "unknown")]
    assert refused[0][2] == ["known"]


# The boundary: outside fieldnotes/integrations/, no module reaches into a third party's inside.
PACKAGE = Path(integrations.__file__).parent.parent
# The names an extension's code gives Sphinx's and docutils' objects by convention; ``X._name``
# on one of them (or on ``self.env``, ``app.builder``, ``self.state.document``...) is a private
# attribute of another package's object.
SPHINX_OBJECTS = {"app", "env", "builder", "config", "registry", "events", "project", "domain",
                  "state", "state_machine", "translator", "document", "doctree", "inliner",
                  "reporter"}
# Of those, the objects whose attributes a feature must never set: Sphinx's own. (A docutils
# node's ``children`` or ``source`` is its documented data.)
SPHINX_SETTABLE = {"app", "env", "builder", "config", "registry", "events", "project", "domain"}
# Sphinx documents config-inited as the moment an extension may change configuration values:
# https://www.sphinx-doc.org/en/master/extdev/event_callbacks.html#event-config-inited
CONFIG_INITED = {(step.__module__, step.__qualname__) for phase in PHASES
                 if phase.event == "config-inited" for step in phase.steps}


# Public-looking but undocumented: go through integrations/. Names without a leading "_"
# that Sphinx's extension API (https://www.sphinx-doc.org/en/master/extdev/index.html),
# MyST-Parser's documented API and docutils' directive howto do not list; each has a named
# stand-in with a contract() in fieldnotes/integrations/ (sphinx.py, myst.py, docutils.py).
# An import only for annotations (under ``if TYPE_CHECKING:``) relies on nothing and is allowed.
UNDOCUMENTED = {f"{module}.{name}" for module, name in [
    ("sphinx.util", "docname_join"),                      # sphinx.docname_join
    ("sphinx.util.osutil", "relative_uri"),               # sphinx.relative_uri
    ("sphinx.util.matching", "Matcher"),                  # sphinx.excluded_by
    ("sphinx.util.math", "get_node_equation_number"),     # sphinx.equation_number
    ("sphinx.directives.other", "Include"),               # sphinx.IncludeBase
    ("sphinx.directives.other", "TocTree"),               # sphinx.TocTreeBase
    ("sphinx.directives.code", "LiteralInclude"),         # sphinx.LiteralIncludeBase
    ("sphinx.directives.patches", "Figure"),              # sphinx.FigureBase
    ("sphinx.writers.html5", "HTML5Translator"),          # sphinx.HTMLTranslatorBase
    ("docutils.parsers.rst.directives", "tables"),        # docutils.CSVTableBase
    ("docutils.parsers.rst.directives.tables", "CSVTable"),
    ("myst_parser.parsers.sphinx_", "MystParser"),        # myst.MystParserBase
]}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"
            or isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _private(name: str) -> bool:
    return name.startswith("_") and name != "_" and not name.endswith("__")


def _third_party(module: str | None) -> bool:
    top = (module or "").split(".")[0]
    return bool(top) and top != "fieldnotes" and top not in sys.stdlib_module_names


class _Boundary(ast.NodeVisitor):
    def __init__(self, module: str, where: str, imported: set[str],
                 bound: dict[str, str]) -> None:
        self.module, self.where, self.imported, self.bound = module, where, imported, bound
        self.functions: list[str] = []
        self.found: list[str] = []
        self.type_only = 0  # inside ``if TYPE_CHECKING:``

    def _undocumented(self, node: ast.AST, full: str) -> None:
        if full in UNDOCUMENTED and not self.type_only:
            self._report(node, f"uses {full}, public-looking but undocumented: go through "
                               "fieldnotes/integrations/")

    def _dotted(self, expr: ast.expr) -> str | None:
        """The full dotted name ``expr`` stands for, through the module's imports."""
        if isinstance(expr, ast.Name):
            return self.bound.get(expr.id)
        if isinstance(expr, ast.Attribute):
            base = self._dotted(expr.value)
            return f"{base}.{expr.attr}" if base else None
        return None

    def visit_If(self, node: ast.If) -> None:
        if not _is_type_checking(node.test):
            self.generic_visit(node)
            return
        self.visit(node.test)
        self.type_only += 1
        for child in node.body:
            self.visit(child)
        self.type_only -= 1
        for child in node.orelse:
            self.visit(child)

    def _report(self, node: ast.AST, what: str) -> None:
        self.found.append(f"{self.where}:{node.lineno}: {what}")

    def _theirs(self, expr: ast.expr, names: set[str]) -> bool:
        """Whether ``expr`` is another package's object: a name bound by importing from one,
        an attribute chain on such a name, or a conventional Sphinx object (``app``,
        ``self.env``, ``app.builder``)."""
        if isinstance(expr, ast.Name):
            return expr.id in names or expr.id in self.imported
        if isinstance(expr, ast.Attribute):
            return expr.attr in names or self._theirs(expr.value, set())
        return False

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if _third_party(alias.name) and any(map(_private, alias.name.split("."))):
                self._report(node, f"import {alias.name}")
            self._undocumented(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level == 0 and _third_party(node.module):
            for alias in node.names:
                if _private(alias.name) or any(map(_private, node.module.split("."))):
                    self._report(node, f"from {node.module} import {alias.name}")
                self._undocumented(node, f"{node.module}.{alias.name}")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if _private(node.attr) and self._theirs(node.value, SPHINX_OBJECTS):
            self._report(node, f"{ast.unparse(node)} reads a private attribute of "
                               f"{ast.unparse(node.value)}")
        dotted = self._dotted(node)
        if dotted in UNDOCUMENTED:
            self._undocumented(node, dotted)
            return  # the chain's inner parts name a module, not the denied name
        self.generic_visit(node)

    def _setting(self, node: ast.AST, target: ast.expr, attribute: str | None) -> None:
        if not self._theirs(target, SPHINX_SETTABLE):
            return
        is_config = (isinstance(target, ast.Name) and target.id == "config"
                     or isinstance(target, ast.Attribute) and target.attr == "config")
        if is_config and attribute is not None and attribute.startswith("fieldnotes_"):
            return  # the engine's own setting, declared with add_config_value
        if is_config and (self.module, ".".join(self.functions[:1])) in CONFIG_INITED:
            return
        self._report(node, f"sets {ast.unparse(target)}.{attribute or '<name>'}"
                           + (" outside a config-inited step" if is_config else ""))

    def _targets(self, node: ast.AST, targets: list[ast.expr]) -> None:
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Attribute) and isinstance(part.ctx, ast.Store):
                    self._setting(node, part.value, part.attr)

    def visit_Assign(self, node: ast.Assign) -> None:
        self._targets(node, node.targets)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._targets(node, [node.target])
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._targets(node, [node.target])
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id in ("setattr", "delattr") and node.args:
            name = node.args[1] if len(node.args) > 1 else None
            literal = name.value if isinstance(name, ast.Constant) else None
            self._setting(node, node.args[0], literal)
        self.generic_visit(node)


def boundary_violations(path: Path, source: str | None = None) -> list[str]:
    """Each place in the module at ``path`` that touches a third party's inside."""
    source = path.read_text(encoding="utf-8") if source is None else source
    tree = ast.parse(source, str(path))
    imported = set()
    bound = {}  # a local name bound by importing a third party -> the dotted name it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {(a.asname or a.name).split(".")[0] for a in node.names if _third_party(a.name)}
            # "import a.b" binds a (to "a"); "import a.b as x" binds x to "a.b".
            bound |= {alias.asname or alias.name.split(".")[0]:
                      alias.name if alias.asname else alias.name.split(".")[0]
                      for alias in node.names if _third_party(alias.name)}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and _third_party(node.module):
            imported |= {a.asname or a.name for a in node.names}
            bound |= {a.asname or a.name: f"{node.module}.{a.name}" for a in node.names}
    relative = path.relative_to(PACKAGE.parent)
    module = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
    checker = _Boundary(module, relative.as_posix(), imported, bound)
    checker.visit(tree)
    return checker.found


def _modules_outside_integrations() -> list[Path]:
    return [path for path in sorted(PACKAGE.rglob("*.py"))
            if "integrations" not in path.relative_to(PACKAGE).parts]


def test_no_module_outside_integrations_touches_a_third_partys_inside():
    modules = _modules_outside_integrations()
    assert len(modules) > 50, f"found only {len(modules)} modules under {PACKAGE}"
    assert CONFIG_INITED, "the pipeline lists no config-inited steps"
    found = [where for path in modules for where in boundary_violations(path)]
    assert not found, ("reach into another package's inside only from fieldnotes/integrations/, "
                       "behind a function with a contract():\n" + "\n".join(found))


@pytest.mark.parametrize("line, what", [
    ("from sphinx.util.logging import _private", "from sphinx.util.logging import _private"),
    ("from sphinx.builders._epub_base import EpubBuilder",
     "from sphinx.builders._epub_base import EpubBuilder"),
    ("import sphinx.builders._epub_base", "import sphinx.builders._epub_base"),
    ("app.builder._private", "app.builder._private reads a private attribute of app.builder"),
    ("self.env._private", "self.env._private reads a private attribute of self.env"),
    ("myst_parser.mocking._x", "myst_parser.mocking._x reads a private attribute"),
    ("app.builder.search = False", "sets app.builder.search"),
    ("setattr(env, 'kept', 1)", "sets env.kept"),
    ("config.epub_exclude_files = []", "sets config.epub_exclude_files outside a config-inited"),
    ("from sphinx.util.matching import Matcher", "uses sphinx.util.matching.Matcher, public-"),
    ("from sphinx.writers.html5 import HTML5Translator as Base",
     "uses sphinx.writers.html5.HTML5Translator, public-looking but undocumented: go through "
     "fieldnotes/integrations/"),
    ("import docutils.parsers.rst.directives.tables", "uses docutils.parsers.rst.directives.tables"),
    ("from sphinx.util import osutil; osutil.relative_uri('a', 'b')",
     "uses sphinx.util.osutil.relative_uri"),
    ("import sphinx.util.math as m; m.get_node_equation_number(self, node)",
     "uses sphinx.util.math.get_node_equation_number"),
    ("import myst_parser.parsers.sphinx_; myst_parser.parsers.sphinx_.MystParser",
     "uses myst_parser.parsers.sphinx_.MystParser"),
])
def test_the_boundary_check_names_file_and_line(line, what):
    source = f"import myst_parser\n\n\ndef handler(app, env, config, self):\n    {line}\n"
    found = boundary_violations(PACKAGE / "html" / "example.py", source)
    assert len(found) == 1 and found[0].startswith("fieldnotes/html/example.py:"), found
    assert what in found[0], found


@pytest.mark.parametrize("line", [
    "self._own_helper()", "run._kept", "config.fieldnotes_series = {}", "node.children = []",
    "from sphinx.locale import _", "from sphinx import __version__", "context['meta'] = {}",
    "if TYPE_CHECKING: from sphinx.writers.html5 import HTML5Translator",
    "from sphinx.util import logging", "from docutils.parsers.rst import directives",
])
def test_the_boundary_check_leaves_the_engines_own_names(line):
    source = f"def handler(app, env, config, self, node, context):\n    {line}\n"
    assert boundary_violations(PACKAGE / "html" / "example.py", source) == []
