"""Every built page is valid HTML, as the Nu HTML Checker (vnu) reads it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fieldnotes.html.navigation import MODES
from tests import vnu
from tests.browser import require
from tests.siteconf import REPO

INSTALL_JAVA = "the HTML check needs Java: install it with `sudo apt-get install -y default-jre-headless`"
INSTALL_VNU = f"the HTML check needs {vnu.VNU_JAR.relative_to(REPO)}: run `npm ci --ignore-scripts`"

# The one place for checker messages we accept: (a string in the message, why it is accepted).
# Empty: every page must have zero errors.
ACCEPTED_MESSAGES: list[tuple[str, str]] = []


def vnu_errors(pages: list[Path]) -> list[str]:
    require(shutil.which("java") is not None, INSTALL_JAVA)
    require(vnu.VNU_JAR.is_file(), INSTALL_VNU)
    errors = []
    # As `vnu --errors-only` reports: warnings are "info" messages; a page the checker could
    # not read is a "non-document-error", and fails the check too.
    for page, message in vnu.messages(pages):
        if message["type"] not in ("error", "non-document-error"):
            continue
        if any(part in message["message"] for part, _why in ACCEPTED_MESSAGES):
            continue
        where = str(page).rsplit("/html/", 1)[-1]
        errors.append(f"{where}:{message.get('lastLine', '?')}: {message['message']}")
    return errors


def test_the_checker_reports_invalid_html(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html lang=en><title>t</title><p><div>in a p</p></span>")
    assert vnu_errors([page])


def test_every_built_page_is_valid_html(real_site):
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 20
    assert vnu_errors(pages) == []


@pytest.mark.parametrize("sidebar", MODES)
def test_both_sidebars_are_valid_html(built, furo_sidebar_site, sidebar):
    """Ours, and furo's stock tree, whose captions Sphinx writes (see translator.py)."""
    # Each built once a session without a warning; the minisite as it is has our sidebar.
    out = {"catalog": built, "furo": furo_sidebar_site / "_build/html"}[sidebar]
    pages = sorted(out.rglob("*.html"))
    assert any('role="heading"' in p.read_text() for p in pages)
    assert vnu_errors(pages) == []
