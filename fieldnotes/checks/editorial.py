"""Editorial rules: how long a published article is, how many sections, references to other
articles and tags it has, whether it shows code, how many list items open in bold, and no
placeholder text.

Each rule is a ``fieldnotes_article_*`` setting that is off by default, so a site opts in to
the rules it wants (conf.py) and turns one off by setting it back. The rules are checked on
every build from the sources, like the front matter, so a broken rule fails every later build
too, incremental ones included, until the article is fixed. Drafts are exempt: they are
unfinished by definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from fieldnotes.model.catalog import read_text
from fieldnotes.model.errors import Problem
from fieldnotes.model.filenames import label_for
from fieldnotes.model.frontmatter import Article, split_front_matter
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

_FENCED = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[ \t]*$", re.M | re.S)
_WORD = re.compile(r"[\w'’-]+")
_SECTION = re.compile(r"^ {0,3}## +\S", re.M)
# {ref}`label`, {ref}`text <label>`, {doc}`/articles/03-x`, [text](03-x.md#part)
_ROLE = re.compile(r"\{(?:ref|doc)\}`(?:[^`<]*<)?([^`<>]+?)>?`")
_LINK = re.compile(r"\]\(([^)\s]+)\)")
# A list item that opens with a bold phrase: for reference lists a reader scans, not a habit.
_BOLD_LEAD = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\*\*", re.M)


@dataclass(frozen=True)
class Rules:
    """A site's editorial rules; an empty range or a zero turns a rule off."""

    words: tuple[int, ...] = ()
    sections: int = 0
    references: int = 0
    tags: tuple[int, ...] = ()
    code: bool = False
    bold_leads: int = 0
    placeholders: tuple[str, ...] = ()


def rules_from(config) -> Rules:
    """The rules a Sphinx config, or the mapping a conf.py defines, sets."""
    return Rules(tuple(config["fieldnotes_article_words"]), config["fieldnotes_article_sections"],
                 config["fieldnotes_article_references"], tuple(config["fieldnotes_article_tags"]),
                 config["fieldnotes_article_code"], config["fieldnotes_article_bold_leads"],
                 tuple(config["fieldnotes_article_placeholders"]))


def prose_words(body: str) -> int:
    """Words outside fenced code."""
    return len(_WORD.findall(_FENCED.sub("", body)))


def referenced_articles(body: str, docname: str, docnames: set[str]) -> set[str]:
    """The other articles this body links to, by label, document path or Markdown link."""
    by_name = {label_for(doc).lower(): doc for doc in docnames}
    by_name |= {doc.rsplit("/", 1)[-1].lower(): doc for doc in docnames}
    prose = _FENCED.sub("", body)
    targets = _ROLE.findall(prose) + _LINK.findall(prose)
    found = set()
    for target in targets:
        name = target.split("#")[0].strip().rstrip("/").rsplit("/", 1)[-1].lower()
        name = name.removesuffix(".md").removesuffix(".html")
        if name in by_name:
            found.add(by_name[name])
    return found - {docname}


def editorial_problems(article: Article, path: str, text: str, docnames: set[str],
                       rules: Rules) -> list[Problem]:
    """What a published article lacks under ``rules``, each at a line with its fix."""
    parts = split_front_matter(text)
    if parts is None or article.draft:
        return []
    _, _, body, body_line = parts
    # Whole-article rules point at the body's first line of text.
    body_line += len(body) - len(body.lstrip("\n")) if body.strip() else 0
    problems = []

    def problem(line: int, message: str) -> None:
        problems.append(Problem(path, line, message + " (or keep 'draft: true' until it is "
                                "ready; the rule is set in conf.py)"))

    if len(rules.words) == 2:
        low, high = rules.words
        count = prose_words(body)
        if not low <= count <= high:
            problem(body_line, f"the article has {count} words outside code blocks; "
                    f"fieldnotes_article_words asks for {low} to {high}: "
                    + ("write more" if count < low else "cut it, or split it into two articles"))
    sections = len(_SECTION.findall(_FENCED.sub("", body)))
    if sections < rules.sections:
        problem(body_line, f"the article has {sections} '## ' sections; "
                f"fieldnotes_article_sections asks for at least {rules.sections}: "
                "divide it into sections, each under a '## ' heading")
    if rules.references:
        linked = referenced_articles(body, article.docname, docnames)
        if len(linked) < rules.references:
            problem(body_line, f"the article links to {len(linked)} other articles; "
                    f"fieldnotes_article_references asks for at least {rules.references}: "
                    "link related articles with {ref}`their-label`")
    if len(rules.tags) == 2:
        low, high = rules.tags
        if not low <= len(article.tags) <= high:
            problem(article.lines.get("tags", 2), f"the article has {len(article.tags)} tags; "
                    f"fieldnotes_article_tags asks for {low} to {high} from fieldnotes_tags")
    if rules.bold_leads:
        leads = len(_BOLD_LEAD.findall(_FENCED.sub("", body)))
        if leads > rules.bold_leads:
            problem(body_line, f"{leads} list items open with a bold phrase; "
                    f"fieldnotes_article_bold_leads allows {rules.bold_leads}: keep them for "
                    "reference lists a reader scans, and write the other items plainly")
    if rules.placeholders:
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, rules.placeholders)) + r")\b",
                             re.I)
        for offset, text in enumerate(body.splitlines()):
            found = pattern.search(text)
            if found:
                problem(parts[3] + offset, f"'{found.group(0)}' is placeholder text "
                        "(fieldnotes_article_placeholders): finish the passage")
                break
    if rules.code and not _FENCED.search(body):
        problem(body_line, "the article has no code block; fieldnotes_article_code asks for "
                "one: show the configuration, command or code, fenced with its language")
    return problems


def _check_articles(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    rules = rules_from(app.config)
    if rules == Rules():
        return []
    catalog = site_state(env).catalog
    docnames = set(catalog.articles)
    for article in catalog.published():
        path = Path(env.doc2path(article.docname))
        text, unreadable = read_text(path)
        if unreadable:
            continue  # reported with the front matter
        for found in editorial_problems(article, str(path), text, docnames, rules):
            logger.warning(found.message, location=f"{found.path}:{found.line}",
                           type="fieldnotes", subtype="editorial")
    return []


def _check_settings(app: Sphinx) -> None:
    config = app.config
    for name in ("fieldnotes_article_words", "fieldnotes_article_tags"):
        value = config[name]
        if not (isinstance(value, (list, tuple)) and (
                not value or (len(value) == 2 and all(isinstance(v, int) for v in value)
                              and 0 <= value[0] <= value[1]))):
            logger.warning(f"{name} must be [lowest, highest] (or [] for no rule), not "
                           f"{value!r}; the rule is off", location="conf.py",
                           type="fieldnotes", subtype="config")
            config[name] = []
    placeholders = config.fieldnotes_article_placeholders
    if not (isinstance(placeholders, (list, tuple))
            and all(isinstance(word, str) and word.strip() for word in placeholders)):
        logger.warning("fieldnotes_article_placeholders must be a list of words, not "
                       f"{placeholders!r}; the rule is off", location="conf.py",
                       type="fieldnotes", subtype="config")
        config.fieldnotes_article_placeholders = []
    for name in ("fieldnotes_article_sections", "fieldnotes_article_references",
                 "fieldnotes_article_bold_leads"):
        value = config[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            logger.warning(f"{name} must be a whole number (0 for no rule), not {value!r}; "
                           "the rule is off", location="conf.py", type="fieldnotes",
                           subtype="config")
            config[name] = 0


def setup_editorial(app: Sphinx) -> None:
    app.add_config_value("fieldnotes_article_words", [], "env", types=[list, tuple])
    app.add_config_value("fieldnotes_article_sections", 0, "env", types=[int])
    app.add_config_value("fieldnotes_article_references", 0, "env", types=[int])
    app.add_config_value("fieldnotes_article_tags", [], "env", types=[list, tuple])
    app.add_config_value("fieldnotes_article_code", False, "env", types=[bool])
    app.add_config_value("fieldnotes_article_bold_leads", 0, "env", types=[int])
    app.add_config_value("fieldnotes_article_placeholders", [], "env", types=[list, tuple])
