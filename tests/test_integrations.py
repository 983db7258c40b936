"""Every reach into a third-party package's inside has a contract, and the installed versions
keep it: an upgrade that breaks one fails here, naming the package and what changed."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import fieldnotes.integrations as integrations
from fieldnotes.integrations import UpstreamChanged, require
from fieldnotes.outputs.search import INDEX_OPTIONS

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
