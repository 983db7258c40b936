"""The attack surface is read from a running build, not remembered: every directive and role
registered (docutils, Sphinx and every domain), every MyST syntax rule and extension enabled,
every fieldnotes_* setting and every front matter key the engine reads must have hostile
snippets in tests/hostile/corpus.py, or a stated reason why it needs none. A feature added
without hostile cases turns this test red."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from tests.conftest import ROOTS
from tests.hostile.corpus import CORPUS, Reason
from tests.siteconf import REPO


def running_surface(src) -> list[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "tests.hostile.surface", str(src)], cwd=REPO,
                          capture_output=True, text=True, env=environment, check=True, timeout=120)
    return json.loads(done.stdout.splitlines()[-1])


def test_every_part_of_the_surface_has_hostile_cases(tmp_path):
    src = shutil.copytree(ROOTS / "test-minisite", tmp_path / "src")
    surface = running_surface(src)
    # The enumeration itself must see what the site is made of.
    for expected in ("directive:fieldnotes-cards", "role:download", "domain-role:std:ref", "domain-directive:py:function",
                     "myst-extension:colon_fence", "syntax:link", "config:fieldnotes_tags",
                     "front-matter:title"):
        assert expected in surface
    missing = [name for name in surface if not CORPUS.get(name)]
    assert missing == [], ("add hostile snippets for these to tests/hostile/corpus.py, or a "
                           f"Reason why they need none: {missing}")


def test_every_reason_says_why():
    for name, entry in CORPUS.items():
        if isinstance(entry, Reason):
            assert entry.kind in ("refused", "inert") and len(entry.why) > 20, name
        else:
            assert entry and all(isinstance(s, str) and s for s in entry), name
