"""Apply the settings table (``config.py``) to a build: register each fieldnotes_* setting,
check every value once conf.py is read, and derive what other extensions spell out from the one
checked site address.

A bad value is one warning that names conf.py (or the variable it came from), the value and the
fix; the build then goes on with the default, and a strict build fails, every time, until the
value is fixed. Nothing here raises.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from fieldnotes.config import (
    CANONICAL_URL_VARIABLE,
    SETTINGS,
    SITE_URL_EXAMPLE,
    SiteAddress,
    load_substitutions,
    setting_problem,
    site_url,
    site_url_problem,
)
from fieldnotes.model.catalog import read_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

# An address that cannot be mistaken for a real one: pages built with it link nowhere.
STAND_IN_URL = "https://site-address-not-set.invalid/"


def _conf_location(app: Sphinx, name: str) -> str:
    """conf.py, at the line that sets ``name`` when one does."""
    conf = Path(app.confdir, "conf.py")
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    assignment = re.compile(rf"\s*{re.escape(name)}\s*[:=]")
    line = next((i for i, text in enumerate(lines, 1) if assignment.match(text)), None)
    # A location with a colon is shown as it is; without one Sphinx would take it for a page.
    return f"{conf}:{line or 1}"


def _warn(app: Sphinx, name: str, message: str, location: str | None = None) -> None:
    logger.warning(message, location=location or _conf_location(app, name), type="fieldnotes",
                   subtype="config")


def _check_settings(app: Sphinx, config: Config) -> None:
    for setting in SETTINGS:
        problem = setting_problem(setting, config[setting.name])
        if problem is not None:
            _warn(app, setting.name, problem)
            config[setting.name] = setting.default


def _check_site_url(app: Sphinx, config: Config) -> None:
    """One checked address; every other spelling of it is derived here."""
    url = config.html_baseurl
    problem = site_url_problem(url)
    if problem is not None:
        from_variable = os.environ.get(CANONICAL_URL_VARIABLE)
        if from_variable is not None and site_url(from_variable) in (url, site_url(str(url))):
            where = (f"the {CANONICAL_URL_VARIABLE} variable, which conf.py reads into "
                     "html_baseurl,")
        else:
            where = "html_baseurl (conf.py)"
        _warn(app, "html_baseurl", f"the site's address in {where} {problem}: set it to the "
              f"absolute address the site is served at, like {SITE_URL_EXAMPLE}")
        url = STAND_IN_URL
    address = SiteAddress(site_url(url))
    config.html_baseurl = config.ogp_site_url = address.url
    config.notfound_urls_prefix = address.path
    config.epub_identifier = config.epub_uid = address.host


def _load_substitutions(app: Sphinx, config: Config) -> None:
    """The substitutions file's front matter becomes MyST's substitutions, checked line by line."""
    name = config.fieldnotes_substitutions_file
    if not name:
        return
    path = Path(app.confdir, name)
    if not path.is_file():
        _warn(app, "fieldnotes_substitutions_file", f"fieldnotes_substitutions_file names "
              f"{name!r}, which is not a file: create it, or set the setting to ''")
        return
    text, unreadable = read_text(path)
    found, problems = ({}, [unreadable]) if unreadable else load_substitutions(str(path), text)
    for problem in problems:
        _warn(app, "", problem.message, location=f"{problem.path}:{problem.line}")
    config.myst_substitutions = {**config.myst_substitutions, **found}


def setup_configuration(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, setting.rebuild,
                             types=frozenset({type(setting.default)}), description=setting.doc)
