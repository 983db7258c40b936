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


def article_text(number: int, total: int, categories: list[str], tags: list[str],
                 rng: random.Random) -> str:
    """One article: front matter, six sections, a Python block and two cross-references."""
    topic = TOPICS[number % len(TOPICS)]
    title = f"{topic.capitalize()}, {ANGLES[number % len(ANGLES)]}: note {number}"
    category = categories[number % len(categories)]
    chosen_tags = rng.sample(tags, k=1 + number % 3)
    date = dt.date(2024, 1, 1) + dt.timedelta(days=number)
    lines = [
        "---",
        f"title: '{title}'",
        f"number: {number}",
        f"category: {category}",
        f"date: {date.isoformat()}",
        f"summary: How {topic} behaved in production, and {ANGLES[number % len(ANGLES)]}.",
        f"tags: [{', '.join(chosen_tags)}]",
    ]
    if number == 1:
        lines.append("featured: true")
    lines += ["---", ""]
    before = number - 1 if number > 1 else total
    other = rng.randint(1, total)
    for index, heading in enumerate(SECTIONS):
        lines += [f"## {heading}", ""]
        lines.append(" ".join(rng.sample(SENTENCES, k=4)))
        lines.append("")
        if index == 1:
            lines += [f"This follows {{ref}}`{label(before)}` and compares with "
                      f"{{doc}}`/articles/{docname(other)}`.", ""]
        if index == 3:
            lines += ["```python", "def batch_size(memory_gb: int) -> int:",
                      f"    return max(1, memory_gb * {number % 7 + 2} // 3)", "```", ""]
    return "\n".join(lines)


def label(number: int) -> str:
    return f"note-{number}"


def docname(number: int) -> str:
    return f"{number:04d}-{label(number)}"


def write_articles(folder: Path, count: int, categories: list[str], tags: list[str],
                   seed: int = 6) -> list[Path]:
    """Write ``count`` articles into ``folder``; the same seed gives the same files."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        path = folder / f"{docname(number)}.md"
        path.write_text(article_text(number, count, categories, tags, rng), encoding="utf-8")
        paths.append(path)
    return paths
