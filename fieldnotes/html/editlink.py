"""'Edit this page' through furo's source_repository options, from one setting."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from fieldnotes.conflines import setting_location
from fieldnotes.routes import GENERATED_FOLDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

# The hosts whose edit URLs furo knows how to build.
_KNOWN_HOST = re.compile(r"^https://(github\.com|gitlab\.com|bitbucket\.org)/[\w.-]+/[\w.-]+$")


def repository_and_branch(setting: str, environ: dict[str, str]) -> tuple[str, str] | None:
    """The repository's web address and branch: the setting, or else Read the Docs' clone."""
    repository = setting or environ.get("READTHEDOCS_GIT_CLONE_URL", "")
    repository = re.sub(r"\.git$", "", repository.strip().rstrip("/"))
    if not repository:
        return None
    return repository, environ.get("READTHEDOCS_GIT_IDENTIFIER") or "main"


def _configure_theme(app: Sphinx, config: Config) -> None:
    setting = config.fieldnotes_source_repository
    found = repository_and_branch(setting, dict(os.environ))
    if found is None:
        return
    repository, branch = found
    if not _KNOWN_HOST.match(repository):
        if not setting:
            return  # Read the Docs' clone of a host furo cannot link to: no link, no warning
        logger.warning(f"fieldnotes_source_repository {repository!r} is not an https address of a "
                       "repository on github.com, gitlab.com or bitbucket.org; write it as "
                       "https://github.com/owner/name", location=setting_location(app.confdir, "fieldnotes_source_repository"),
                       type="fieldnotes", subtype="config")
        return
    # conf.py sits at the repository's root, so a page's source path is its docname.
    config.html_theme_options = {**config.html_theme_options, "source_repository": repository,
                                 "source_branch": branch, "source_directory": "",
                                 "top_of_page_buttons": ["edit"]}


def _hide_on_generated_pages(app: Sphinx, pagename: str, templatename: str,
                             context: dict[str, Any], doctree) -> None:
    """Category and tag pages are written by the build: there is no file to edit."""
    if pagename.split("/", 1)[0] in GENERATED_FOLDERS:
        context["page_source_suffix"] = ""
