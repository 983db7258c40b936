"""Synthetic articles for the scale benchmark: valid front matter, sections, code, references."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

TOPICS = ("batch inference", "GPU memory", "label quality", "retraining cadence", "queue depth",
          "prompt drift", "model rollout", "feature stores", "cold starts", "vector search",
          "cost reviews", "on-call load", "data contracts", "eval suites", "token budgets")
ANGLES = ("what we measured", "what broke first", "what we changed", "what it cost",
          "what we would repeat", "what we stopped doing")
SECTIONS = ("Where it started", "The first measurement", "What the numbers said",
            "The change we made", "How it held up", "What we keep doing")
SENTENCES = (
    "We sampled a week of production traffic and kept every request that crossed the threshold.",
    "The dashboard showed the problem two days before anyone filed a ticket about it.",
    "Half of the latency came from a retry loop that nobody remembered adding.",
    "A smaller batch size cut tail latency without moving the median at all.",
    "The fix was a config change, but finding it took a careful read of the traces.",
    "We wrote the rule down next to the code so the next person would find it.",
    "Throughput doubled once the data loader stopped copying every tensor twice.",
    "The second model disagreed with the first on about four percent of the cases.",
)


#: The team corpus's popular tags, each with the percentage of articles that carry it.
POPULAR = (("gpu", 45), ("kafka", 30), ("mlops", 25), ("llm-inference", 22))
#: Corpora: "spread" (one to three tags drawn evenly, about 350 words) and "team" (a few
#: popular tags on most articles, about 1,100 words: how a team's knowledge base grows).
CORPORA = ("spread", "team")
_SENTENCES_PER_SECTION = {"spread": 4, "team": 13}


def article_tags(number: int, tags: list[str], rng: random.Random, corpus: str) -> list[str]:
    """One to three tags drawn evenly, or the popular tags by their shares plus one other."""
    if corpus == "spread":
        return rng.sample(tags, k=1 + number % 3)
    popular = [tag if tag in tags else tags[i] for i, (tag, _) in enumerate(POPULAR)]
    # Residues of 37n cycle through 0..99 every hundred articles: exact shares at N = 100k.
    chosen = [tag for i, (tag, (_, share)) in enumerate(zip(popular, POPULAR))
              if (number * 37 + i * 11) % 100 < share]
    others = [tag for tag in tags if tag not in popular]
    if not chosen or number % 2:
        chosen.append(rng.choice(others))
    return chosen


def _link(kind: str, number: int, flavour: str) -> str:
    """A cross-reference to another article: MyST's roles, or a Markdown link for MkDocs."""
    if flavour == "mkdocs":
        return f"[note {number}]({docname(number)}.md)"
    return f"{{ref}}`{label(number)}`" if kind == "ref" else f"{{doc}}`/articles/{docname(number)}`"


def article_text(number: int, total: int, categories: list[str], tags: list[str],
                 rng: random.Random, corpus: str = "spread", flavour: str = "myst") -> str:
    """One article: front matter, six sections, a Python block and two cross-references.
    ``flavour`` "mkdocs" writes the same article as a MkDocs Material blog post."""
    topic = TOPICS[number % len(TOPICS)]
    title = f"{topic.capitalize()}, {ANGLES[number % len(ANGLES)]}: note {number}"
    category = categories[number % len(categories)]
    chosen_tags = article_tags(number, tags, rng, corpus)
    date = dt.date(2024, 1, 1) + dt.timedelta(days=number)
    summary = f"How {topic} behaved in production, and {ANGLES[number % len(ANGLES)]}."
    if flavour == "mkdocs":
        lines = ["---", f"date: {date.isoformat()}", f"categories: [{category}]",
                 f"tags: [{', '.join(chosen_tags)}]", "---", "", f"# {title}", "", summary, "",
                 "<!-- more -->", ""]
    else:
        lines = ["---", f"title: '{title}'", f"number: {number}", f"category: {category}",
                 f"date: {date.isoformat()}", f"summary: {summary}",
                 f"tags: [{', '.join(chosen_tags)}]"]
        lines += ["featured: true"] if number == 1 else []
        lines += ["---", ""]
    before = number - 1 if number > 1 else total
    other = rng.randint(1, total)
    for index, heading in enumerate(SECTIONS):
        lines += [f"## {heading}", ""]
        count = _SENTENCES_PER_SECTION[corpus]
        # The spread corpus as it always was: four different sentences a section.
        picked = rng.sample(SENTENCES, k=count) if corpus == "spread" else rng.choices(SENTENCES, k=count)
        lines.append(" ".join(picked))
        lines.append("")
        if index == 1:
            lines += [f"This follows {_link('ref', before, flavour)} and compares with "
                      f"{_link('doc', other, flavour)}.", ""]
        if index == 3:
            lines += ["```python", "def batch_size(memory_gb: int) -> int:",
                      f"    return max(1, memory_gb * {number % 7 + 2} // 3)", "```", ""]
    return "\n".join(lines)


def label(number: int) -> str:
    return f"note-{number}"


def docname(number: int) -> str:
    return f"{number:04d}-{label(number)}"


def write_articles(folder: Path, count: int, categories: list[str], tags: list[str],
                   seed: int = 6, corpus: str = "spread", flavour: str = "myst") -> list[Path]:
    """Write ``count`` articles into ``folder``; the same seed gives the same files, and the
    same bodies in either flavour."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        path = folder / f"{docname(number)}.md"
        path.write_text(article_text(number, count, categories, tags, rng, corpus, flavour),
                        encoding="utf-8")
        paths.append(path)
    return paths
