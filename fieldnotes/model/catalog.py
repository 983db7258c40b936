"""Read every article's front matter and apply the rules that span files."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from fieldnotes.model.errors import Problem, shown
from fieldnotes.model.filenames import file_name_problems, label_for, number_problem, slug_of
from fieldnotes.model.frontmatter import Article, parse_article
from fieldnotes.model.related import more_in_category, related_by_docname
from fieldnotes.model.reserved import reserved_label
from fieldnotes.model.series import parts_by_docname
from fieldnotes.routes import category_key, key_parts


@dataclass
class Catalog:
    """Valid articles keyed by docname, and every problem found on the way."""

    articles: dict[str, Article] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)
    #: Each article label and the one document that owns it (see ``_check_labels``).
    label_owners: dict[str, str] = field(default_factory=dict)
    # Every page asks for the ordered list; it is sorted once, after the catalog is built.
    _ordered: dict[bool, list[Article]] = field(default_factory=dict, compare=False, repr=False)
    _related: dict[bool, dict[str, list[Article]]] = field(default_factory=dict, compare=False,
                                                            repr=False)
    _parts: dict[bool, dict] = field(default_factory=dict, compare=False, repr=False)
    _more: dict[bool, dict[str, tuple[int, list[Article]]]] = field(
        default_factory=dict, compare=False, repr=False)

    def published(self, include_drafts: bool = False) -> list[Article]:
        """Articles in number order; drafts only when asked for. Callers must not modify it."""
        if include_drafts not in self._ordered:
            chosen = (a for a in self.articles.values() if include_drafts or not a.draft)
            self._ordered[include_drafts] = sorted(chosen, key=lambda a: (a.number, a.docname))
        return self._ordered[include_drafts]

    def related(self, docname: str, include_drafts: bool = False) -> list[Article]:
        """The articles shown as related to this one, worked out once for the whole catalog."""
        if include_drafts not in self._related:
            self._related[include_drafts] = related_by_docname(self.published(include_drafts))
        return self._related[include_drafts].get(docname, [])

    def more_in_category(self, docname: str,
                         include_drafts: bool = False) -> tuple[int, list[Article]]:
        """How many published articles the article's category holds, and the few "More in
        <category>" shows under it (nearest by number, none of its related articles); worked
        out once for the whole catalog, and on its own for a draft's page."""
        if include_drafts not in self._more:
            by_category: dict[str, list[Article]] = defaultdict(list)
            for article in self.published(include_drafts):
                by_category[article.category].append(article)
            self._more[include_drafts] = {
                a.docname: (len(by_category[a.category]), more_in_category(
                    a, by_category[a.category],
                    {other.docname for other in self.related(a.docname, include_drafts)}))
                for a in self.published(include_drafts)}
        found = self._more[include_drafts].get(docname)
        if found is None:  # a draft outside the published catalog: it has no related articles
            article = self.articles[docname]
            listed = self.in_category(article.category, include_drafts)
            found = (len(listed), more_in_category(article, listed))
        return found

    def series_parts(self, docname: str, include_drafts: bool = False) -> tuple[str, tuple] | None:
        """(the article's series, each part's link in number order), or None outside a series;
        worked out once for the whole catalog."""
        if include_drafts not in self._parts:
            self._parts[include_drafts] = parts_by_docname(self.published(include_drafts))
        return self._parts[include_drafts].get(docname)

    def in_category(self, slug: str, include_drafts: bool = False) -> list[Article]:
        return self.listed({category_key(slug)}, include_drafts)

    def listed(self, keys: set[str], include_drafts: bool = False) -> list[Article]:
        """The articles a listing shows, in number order: those matching every key, each
        "*" (any article), "category:<slug>", "tag:<slug>", "series:<slug>" or "author:<slug>"
        (see routes)."""
        def matches(article: Article, key: str) -> bool:
            kind, value = key_parts(key)
            return (kind == "*" or (kind == "category" and article.category == value)
                    or (kind == "tag" and value in article.tags)
                    or (kind == "series" and article.series == value)
                    or (kind == "author" and value in article.authors))

        return [a for a in self.published(include_drafts) if all(matches(a, key) for key in keys)]


def read_text(path: Path) -> tuple[str | None, Problem | None]:
    """The file's text, or a problem saying it is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return None, Problem(str(path), line, f"the file is not UTF-8 (byte {exc.object[exc.start]:#x}"
                             f" at offset {exc.start}); re-save it with UTF-8 encoding")


def _outside(path: Path, root: Path | None) -> Problem | None:
    """A problem when the file is a link that leads out of the project, or nowhere."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a missing target, or a link to itself
        return Problem(str(path), 1, "the file is a link that leads nowhere (its target is "
                       "missing, or it links to itself): remove it, or copy the article there")
    if root is None or resolved.is_relative_to(root.resolve()):
        return None
    return Problem(str(path), 1, "the file is a link to a file outside the project, which the "
                   "site never reads: copy the article itself into the articles folder")


def build_catalog(
    sources: dict[str, Path],
    categories: dict[str, str],
    tag_vocabulary: dict[str, str] | None = None,
    *,
    root: Path | None = None,
    articles_dir: str = "articles",
    today: dt.date | None = None,
    series: dict[str, dict] | None = None,
    authors: dict[str, dict] | None = None,
) -> Catalog:
    """Parse ``sources`` (docname -> path) and check that numbers, titles and labels are unique.

    A source that resolves outside ``root`` is never read. An article dated after ``today``
    (default: the day the build runs) is scheduled: a draft until that day. ``series`` and
    ``authors`` are the site's (fieldnotes_series, fieldnotes_authors).
    """
    today = today or dt.date.today()
    catalog = Catalog()
    for docname, path in sorted(sources.items()):
        text, problem = (None, _outside(path, root))
        if problem is None:
            text, problem = read_text(path)
        if problem:
            catalog.problems.append(problem)
            catalog.unreadable.add(docname)
            continue
        names = file_name_problems(docname, str(path), articles_dir)
        parsed = parse_article(docname, str(path), text, categories, tag_vocabulary,
                               series, authors)
        if parsed.article and not names:
            number = number_problem(docname, str(path), parsed.article.number,
                                    parsed.article.lines.get("number", 1))
            names += [number] if number else []
        catalog.problems.extend(names + parsed.problems)
        if parsed.article and not names:
            article = parsed.article
            if article.date > today and not article.draft:
                article = replace(article, draft=True, scheduled=True)
            if authors and not article.authors:
                # Without the key, an article is by the first author conf.py lists.
                article = replace(article, authors=(next(iter(authors)),))
            catalog.articles[docname] = article
    _check_labels(catalog, sources)
    _check_unique(catalog, sources, "number", lambda a: a.number)
    _check_unique(catalog, sources, "title", lambda a: a.title.casefold())
    return catalog


def _check_labels(catalog: Catalog, sources: dict[str, Path]) -> None:
    """One document per label, even when file names differ only in case or accents: the first
    by name owns it, and a later one is left out of the listings, so no card links to the owner
    in its place."""
    owners: dict[str, str] = {}
    for docname in sorted(set(sources) - catalog.unreadable):
        owner = owners.setdefault(slug_of(docname), docname)
        if owner == docname:
            # A label of Sphinx's own stays Sphinx's (file_name_problems reports the article).
            if not reserved_label(label_for(docname)):
                catalog.label_owners[label_for(docname)] = docname
            continue
        catalog.articles.pop(docname, None)
        catalog.problems.append(Problem(
            str(sources[docname]), 1, f"the article label {shown(label_for(docname))} (the file "
            f"name without its number) is already used by {sources[owner]}; rename one of the "
            "files"))


def _check_unique(catalog: Catalog, sources: dict[str, Path], key: str, value) -> None:
    seen: dict[object, list[Article]] = defaultdict(list)
    for article in catalog.articles.values():
        seen[value(article)].append(article)
    for group in seen.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda a: a.docname)
        first = group[0]
        for other in group[1:]:
            fix = ("give one of them the next free number" if key == "number"
                   else "give one of them a different title")
            catalog.problems.append(Problem(
                str(sources[other.docname]), other.lines.get(key, 1),
                f"duplicate {key} {shown(getattr(other, key))}: {sources[first.docname]} "
                f"has the same {key}; {fix}"))
