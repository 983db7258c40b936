"""The README and the authoring guide point at files that exist."""

from __future__ import annotations

import re

import pytest

from tests.siteconf import REPO

GUIDES = ["README.md", "articles/README.md", "docs/engine.md", "docs/security.md",
          "docs/testing.md", "docs/scale.md", "docs/readers.md", "fieldnotes/README.md"]


@pytest.mark.parametrize("guide", GUIDES)
def test_every_module_a_guide_names_exists(guide):
    named = set(re.findall(r"`((?:fieldnotes|tests)/[\w/]+\.py)`", (REPO / guide).read_text(encoding="utf-8")))
    assert named or guide != "docs/engine.md", "the engine's guide names no module: the pattern is wrong"
    assert sorted(path for path in named if not (REPO / path).is_file()) == []
