"""Hypothesis strategies that compose whole hostile sites from the corpus: articles whose
bodies nest, repeat and mix its snippets with control characters and any Unicode, whose front
matter and file names are hostile, and settings from its ``config:*`` entries."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

from tests.hostile.corpus import BODY_KINDS, CORPUS, GENERATOR, Reason

CATEGORIES = ["infrastructure", "ai-llms", "open-source", "production", "gpu-compute"]
TAGS = ["kafka", "mlops", "gpu"]
FIRST_NUMBER = 2  # the site's own benign article is 01


@dataclass
class Article:
    stem: str
    front_matter: dict[str, str]  # key -> its YAML line(s)
    body: str
    suffix: str = ".md"

    def text(self) -> str:
        lines = "\n".join(self.front_matter.values())
        return f"---\n{lines}\n---\n\n{self.body}\n"


@dataclass
class Site:
    articles: list[Article]
    config: list[str] = field(default_factory=list)  # lines for conf.py
    symlink_loop: bool = False
    keys: set[str] = field(default_factory=set)  # the corpus entries (and snippets) it uses

    def __repr__(self) -> str:
        """Short, for Hypothesis's report: ``describe`` shows the whole site."""
        return f"Site({[a.stem + a.suffix for a in self.articles]}, config={self.config})"

    def describe(self) -> str:
        shown = [f"conf.py: {line}" for line in self.config]
        shown += [f"articles/{a.stem}{a.suffix}:\n{a.text()[:3000]!r}" for a in self.articles]
        return "\n".join(shown + [f"symlink loop: {self.symlink_loop}"])


def _usable(name: str, skip: frozenset[str]) -> list[tuple[str, str]]:
    """(key, snippet) of an entry's snippets that the run does not skip."""
    entry = CORPUS[name]
    if isinstance(entry, Reason) or name in skip:
        return []
    return [(f"{name}#{i}", s) for i, s in enumerate(entry) if f"{name}#{i}" not in skip]


def pools(skip: frozenset[str]) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {"body": [], "config": [], "front-matter": []}
    for name in CORPUS:
        kind = "body" if name.startswith(BODY_KINDS) else name.split(":", 1)[0]
        if kind in found:
            found[kind] += [(f"{name}|{key}", s) for key, s in _usable(name, skip)]
    return found


WRAPPERS = [
    lambda s: s,
    lambda s: f"::::{{note}}\n{s}\n::::",
    lambda s: f"`````{{admonition}} Wrapped\n{s}\n`````",
    lambda s: "\n".join("> " + line for line in s.splitlines()),
    lambda s: "- item\n\n" + "\n".join("  " + line for line in s.splitlines()),
    lambda s: f"::::::{{tab-set}}\n:::::{{tab-item}} A\n{s}\n:::::\n::::::",
    lambda s: f"## Section\n\n{s}\n\nText after.",
]
# Any Unicode but control characters and lone surrogates, which only the
# generator:control-body entry puts in a body (so that a run can skip them).
NOISE = st.one_of(
    st.sampled_from(["\u202e", "\u200f", "\ufeff", "\u0301", "\U0001F4A5", "&", "<", "{{", "}}",
                     "`", "\\", "\t", "](", "%", "|", "\ufffd", "\u00a0"]),
    st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=20),
)


def _keyed(key: str) -> str:
    return key.split("|", 1)[0]


@st.composite
def body(draw, pool: list[tuple[str, str]], keys: set[str], number: int) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        key, snippet = draw(st.sampled_from(pool))
        keys.update({_keyed(key), key.split("|", 1)[1]})
        snippet = snippet.replace("@N@", str(number))
        # Huge: the same snippet many times over (a snippet already huge stays as it is, or
        # one article would take minutes to read, which measures the machine, not the engine).
        if draw(st.integers(0, 9)) == 9 and len(snippet) < 2000:
            snippet = "\n\n".join([snippet] * draw(st.integers(20, 200)))
        for _ in range(draw(st.integers(0, 2))):
            snippet = draw(st.sampled_from(WRAPPERS))(snippet)
        if draw(st.booleans()):
            at = draw(st.integers(0, len(snippet)))
            snippet = snippet[:at] + draw(NOISE) + snippet[at:]
        parts.append(snippet)
    return "Opening text.\n\n" + "\n\n".join(parts)


def _generator(draw, name: str, skip: frozenset[str], chance: int) -> str | None:
    """One of a generator entry's values, now and then, unless the run skips it."""
    options = [s for key, s in _usable(name, skip)]
    # The simplest draw leaves the feature out, so that Hypothesis starts from plain sites.
    if not options or draw(st.integers(0, chance)) != chance:
        return None
    return draw(st.sampled_from(options))


def _deep(kind: str, depth: int) -> tuple[str, str]:
    """(front matter line or "", body) nested ``depth`` deep."""
    if kind == "blockquote":
        return "", ">" * depth + " deep"
    if kind == "colon-fence":
        opens = "".join(":" * (depth + 3 - i) + "{note}\n" for i in range(depth))
        return "", opens + "deep\n" + "".join(":" * (i + 3) + "\n" for i in range(depth))
    if kind == "list":
        return "", "\n".join("  " * i + "- x" for i in range(depth))
    if kind == "json":
        return "", "```json\n" + "[" * depth + "]" * depth + "\n```"
    return f"tags: {'[' * depth}{']' * depth}", "Deep front matter."


@st.composite
def article(draw, number: int, pools, skip: frozenset[str], keys: set[str]) -> Article:
    fm = {
        "title": f"title: Generated Article {number}",
        "number": f"number: {number}",
        "category": f"category: {draw(st.sampled_from(CATEGORIES))}",
        "date": f"date: 2026-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}",
        "summary": f"summary: What generated article {number} is about.",
        "tags": f"tags: [{draw(st.sampled_from(TAGS))}]",
    }
    for _ in range(draw(st.integers(0, 2)) if pools["front-matter"] else 0):
        key, line = draw(st.sampled_from(pools["front-matter"]))
        keys.update({_keyed(key), key.split("|", 1)[1]})
        fm[_keyed(key).split(":", 1)[1]] = line
    text = draw(body(pools["body"], keys, number))
    stem, suffix = f"{number:02d}-generated-{number}", ".md"
    if (reserved := _generator(draw, "generator:reserved-slug", skip, 8)) is not None:
        stem = f"{number:02d}-{reserved}"
        keys.add("generator:reserved-slug")
    if (name := _generator(draw, "generator:bad-file-name", skip, 12)) is not None:
        stem = f"{name}-{number}"
        keys.add("generator:bad-file-name")
    if (suffix_drawn := _generator(draw, "generator:suffix", skip, 12)) is not None:
        suffix = suffix_drawn
        keys.add("generator:suffix")
    if _generator(draw, "generator:number-mismatch", skip, 12) is not None:
        fm["number"] = f"number: {number + 50}"
        keys.add("generator:number-mismatch")
    if (control := _generator(draw, "generator:control-body", skip, 6)) is not None:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + control + text[at:]
        keys.add("generator:control-body")
    if (kind := _generator(draw, "generator:deep-nesting", skip, 10)) is not None:
        line, deep = _deep(kind, draw(st.integers(30, 3000)))
        if line:
            fm["tags"] = line
        text += "\n\n" + deep
        keys.add("generator:deep-nesting")
    if _generator(draw, "generator:duplicate-target", skip, 8) is not None:
        text += "\n\n(dup-target)=\n## A shared target\n\nText."
        keys.add("generator:duplicate-target")
    return Article(stem, fm, text, suffix)


@st.composite
def sites(draw, skip: frozenset[str] = frozenset(), min_articles: int = 2,
          max_articles: int = 5) -> Site:
    keys: set[str] = set()
    available = pools(skip)
    articles = [draw(article(FIRST_NUMBER + i, available, skip, keys))
                for i in range(draw(st.integers(min_articles, max_articles)))]
    config = []
    for _ in range(draw(st.integers(0, 2)) if available["config"] and draw(st.integers(0, 3)) == 3 else 0):
        key, value = draw(st.sampled_from(available["config"]))
        keys.update({_keyed(key), key.split("|", 1)[1]})
        config.append(f"{_keyed(key).split(':', 1)[1]} = {value}")
    loop = _generator(draw, "generator:symlink-loop", skip, 15) is not None
    if loop:
        keys.add("generator:symlink-loop")
    return Site(articles, config, loop, keys)


__all__ = ["GENERATOR", "Article", "Site", "sites"]
