"""Every place Field Notes relies on a third-party package beyond its documented interface.

One module per package. Each module states what it relies on, and its ``contract()`` checks
that the installed version still behaves that way; ``tests/test_integrations.py`` runs every
contract, so an upgrade that breaks one fails a test that names the upstream change, instead
of leaving a feature silently switched off.
"""

from __future__ import annotations


class UpstreamChanged(RuntimeError):
    """An installed package no longer offers what an integration relies on."""


def require(condition: object, package: str, change: str) -> None:
    """Fail, naming the package and what changed in it, when ``condition`` is false."""
    if not condition:
        raise UpstreamChanged(f"{package} changed: {change}. Update fieldnotes/integrations/ "
                              "for the new version, or pin the old one")
