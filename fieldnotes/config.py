"""Every fieldnotes_* setting in one table (its default, its type, its check, what it does), and
the check of the site's address. No Sphinx here: ``configure.py`` applies these to a build.

A check returns what is wrong and how to fix it, or ``None``: a bad value gets one message that
names conf.py, the value and the fix, and the build goes on with the default.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import yaml

from fieldnotes.model.errors import Problem, shown
from fieldnotes.model.fields import refused_character
from fieldnotes.model.frontmatter import split_front_matter
from fieldnotes.model.yamlsafe import YamlRefused, load_front_matter

Check = Callable[[object], "str | None"]

DEFAULT_PAGE_SIZE = 60
DEFAULT_FEED_LENGTH = 20
FEED_CONTENTS = ("full", "summary")
SIDEBAR_MODES = ("catalog", "furo")
# Read the Docs hands a build its address in this variable; conf.py reads it into html_baseurl.
CANONICAL_URL_VARIABLE = "READTHEDOCS_CANONICAL_URL"


def _whole_number(value: object, fix: str) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return None
    return f"must be a whole number of at least 1, not {shown(value)}: {fix}"


def _one_of(choices: tuple[str, ...]) -> Check:
    def check(value: object) -> str | None:
        if value in choices:
            return None
        return f"must be one of {', '.join(map(repr, choices))}, not {shown(value)}"
    return check


def _of_type(kind: type, example: str) -> Check:
    def check(value: object) -> str | None:
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            return None
        return f"must be {example}, not {shown(value)}"
    return check


def _iso_date_or_empty(value: object) -> str | None:
    if value == "":
        return None
    try:
        dt.date.fromisoformat(value)  # type: ignore[arg-type]
        return None
    except (TypeError, ValueError):
        return f"must be a date written YYYY-MM-DD, or '', not {shown(value)}"


def _text_mapping(value: object) -> str | None:
    if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str)
                                       for k, v in value.items()):
        return None
    return f"must be a mapping of slugs to names, like {{'gpu': 'GPU'}}, not {shown(value)}"


def _author(value: object) -> str | None:
    # Pages, feeds and share images read both keys.
    if (isinstance(value, dict) and isinstance(value.get("name"), str)
            and isinstance(value.get("role"), str)):
        return None
    return f"must be a mapping like {{'name': 'Ada', 'role': 'Engineer'}}, not {shown(value)}"


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    rebuild: str  # what Sphinx redoes when it changes: "env", "html" or ""
    check: Check
    doc: str


SETTINGS = (
    Setting("fieldnotes_articles_dir", "articles", "env", _of_type(str, "a folder like 'articles'"),
            "the folder that holds the articles, relative to conf.py"),
    Setting("fieldnotes_categories", {}, "env", _text_mapping,
            "each category's slug and display name"),
    Setting("fieldnotes_category_colours", {}, "env", _text_mapping,
            "each category's colour, as '#rrggbb'"),
    Setting("fieldnotes_category_descriptions", {}, "env", _text_mapping,
            "each category's one-line description, under its page's title (optional)"),
    Setting("fieldnotes_tags", {}, "env", _text_mapping, "each tag's slug and display name"),
    Setting("fieldnotes_author", {"name": "", "role": ""}, "env", _author,
            "the author every article is by"),
    Setting("fieldnotes_show_drafts", False, "env", _of_type(bool, "True or False"),
            "whether draft articles are built"),
    Setting("fieldnotes_build_cache", "", "", _of_type(str, "a folder or ''"),
            "where a build keeps what later builds reuse ('': in the doctree folder)"),
    Setting("fieldnotes_feed_content", "full", "html", _one_of(FEED_CONTENTS),
            "whether the site and category feeds carry whole articles or summaries"),
    Setting("fieldnotes_feed_length", DEFAULT_FEED_LENGTH, "html",
            lambda v: _whole_number(v, "the number of newest articles each feed holds"),
            "the number of newest articles each feed holds"),
    Setting("fieldnotes_page_size", DEFAULT_PAGE_SIZE, "env",
            lambda v: _whole_number(v, "the number of cards on each listing page"),
            "the number of cards on each listing page"),
    Setting("fieldnotes_mermaid_js", "node_modules/mermaid/dist/mermaid.min.js", "html",
            _of_type(str, "the path of mermaid.min.js"), "the copy of mermaid that draws diagrams"),
    Setting("fieldnotes_sidebar", "catalog", "html", _one_of(SIDEBAR_MODES),
            "the sidebar: drawn from the catalog, or furo's own tree"),
    Setting("fieldnotes_source_repository", "", "html",
            _of_type(str, "a repository's https address or ''"),
            "the repository that 'Edit this page' links to"),
    Setting("fieldnotes_redirects", {}, "env", _of_type(dict, "a mapping of old pages to new"),
            "old pages that redirect to new ones"),
    Setting("fieldnotes_substitutions_file", "", "env",
            _of_type(str, "a Markdown file's path, like 'articles/SERIES.md', or ''"),
            "the file whose front matter 'substitutions' an article writes as {{ name }}"),
    # No rebuild when it changes: the catalog is rebuilt every build, and an article whose day
    # came is read again then (sources.py).
    Setting("fieldnotes_today", "", "", _iso_date_or_empty,
            "the day the build publishes up to; '' is the day it runs"),
)


def setting_problem(setting: Setting, value: object) -> str | None:
    """What is wrong with a setting's value, and the fix, as conf.py's reader needs it."""
    problem = setting.check(value)
    if problem is None:
        return None
    return f"{setting.name} {problem} ({setting.doc}); using {shown(setting.default)}"


# -- The site's address ------------------------------------------------------------------------

# Characters an address in a page, a feed or a header must never carry: quotes and angle
# brackets end the attribute or the element it is written in; whitespace, backslashes and
# controls are read differently by different parsers.
_NEVER_IN_URL = re.compile(r"[\s\"'<>`\\\x00-\x1f\x7f-\x9f]")
_HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")
SITE_URL_EXAMPLE = "'https://example.org/' or 'https://example.org/docs/'"


def site_url_problem(url: object) -> str | None:
    """What is wrong with a site address (html_baseurl), or ``None`` when it is a plain
    absolute http(s) address of a host, with no query or fragment."""
    if not isinstance(url, str):
        return f"must be the site's address as text, not {shown(url)}"
    if not url:
        return "is empty: every page, feed and share card needs the site's address"
    found = _NEVER_IN_URL.search(url)
    if found:
        return f"holds {shown(found.group())}, which a site address never carries"
    if not url.isascii():
        return "holds a non-ASCII character: write the host in its xn-- form"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- a port that is not a number raises here
    except ValueError as exc:
        return f"is not an address ({exc})"
    if parts.scheme not in ("http", "https"):
        return f"must start with https:// (or http://), not {shown(url)}"
    if not parts.hostname or not _HOST.fullmatch(parts.hostname):
        return f"has no host name, like example.org: {shown(url)}"
    if parts.username or parts.password or parts.query or parts.fragment:
        return f"must not carry a user name, a ?query or a #fragment: {shown(url)}"
    return None


def site_url(url: str) -> str:
    """A checked site address, ending with one slash, as pages are joined to it."""
    return url.rstrip("/") + "/"


@dataclass(frozen=True)
class SiteAddress:
    """What other extensions need spelled out, each derived from the one checked address."""

    url: str

    @property
    def path(self) -> str:
        """The site's path on its host, "/" at the root: the 404 page's links start with it."""
        return urlsplit(self.url).path or "/"

    @property
    def host(self) -> str:
        """The host names the e-book (its identifier)."""
        return urlsplit(self.url).hostname or ""


# -- Substitutions -----------------------------------------------------------------------------

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def load_substitutions(path: str, text: str) -> tuple[dict[str, str], list[Problem]]:
    """The 'substitutions' mapping of a file's front matter (name -> text), or the problems
    that keep it from being read, each at its line of the file."""
    parts = split_front_matter(text)
    if parts is None:
        return {}, [Problem(path, 1, "the file must open with a '---' front matter block that "
                            "holds 'substitutions:', a mapping of names to text")]
    yaml_text, yaml_line, _, _ = parts
    try:
        loaded = load_front_matter(yaml_text, yaml_line)
    except YamlRefused as exc:
        return {}, [Problem(path, exc.line, exc.message)]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        return {}, [Problem(path, yaml_line + mark.line if mark else yaml_line,
                            f"front matter is not valid YAML ({shown(reason)[1:-1]}); check "
                            "quoting and indentation")]
    entry = loaded.entries.get("substitutions") if loaded.is_mapping else None
    if entry is None:
        return {}, [Problem(path, yaml_line, "the front matter has no 'substitutions:' mapping "
                            "of names to text; add one")]
    if not isinstance(entry.value, dict):
        return {}, [Problem(path, entry.line, "'substitutions' must be a mapping of names to "
                            f"text, like 'claims_month: 5M+ a month', not {shown(entry.value)}")]
    found, problems = {}, []
    for name, value in entry.value.items():
        if not (isinstance(name, str) and _NAME.fullmatch(name)):
            problems.append(Problem(path, entry.line, f"substitution name {shown(name)} must be "
                                    "a word of letters, digits and '_'"))
        elif isinstance(value, bool) or not isinstance(value, (str, int, float)):
            problems.append(Problem(path, entry.line, f"substitution {name!r} must be text, not "
                                    f"{shown(value)}; quote it"))
        elif (char := refused_character(str(value))) is not None:
            problems.append(Problem(path, entry.line, f"substitution {name!r} holds the control "
                                    f"character U+{ord(char):04X}; remove it"))
        else:
            found[name] = str(value)
    return found, problems
