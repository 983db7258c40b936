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
