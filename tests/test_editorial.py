"""The site's editorial rules are the build's: each names the file, the line and the fix,
fails the strict build, and fails every later build too until the article is fixed."""

from __future__ import annotations

import pytest

from fieldnotes.checks.editorial import Rules, editorial_problems
from fieldnotes.model.frontmatter import parse_article
from tests.building import build, configure, touch_later

DOCS = {"articles/01-overview", "articles/02-model-choice", "articles/03-gpu-sizing"}
BODY = """
## First

One two three four five, see {ref}`overview` and {doc}`/articles/02-model-choice`.

## Second

```text
a fence's words do not count
```
"""


def _problems(rules: Rules, body: str = BODY, tags: str = "[kafka]", draft: str = "false"):
    text = (f"---\ntitle: T\nnumber: 4\ncategory: production\ndate: 2026-11-25\nsummary: S.\n"
            f"tags: {tags}\ndraft: {draft}\n---\n{body}")
    article = parse_article("articles/04-x", "04-x.md", text, {"production": "Production"}).article
    return [(p.line, p.message) for p in editorial_problems(article, "04-x.md", text, DOCS, rules)]


@pytest.mark.parametrize(("rules", "line", "words"), [
    (Rules(words=(20, 100)), 11, "has 14 words outside code blocks"),
    (Rules(words=(1, 5)), 11, "cut it"),
    (Rules(sections=3), 11, "has 2 '## ' sections"),
    (Rules(references=3), 11, "links to 2 other articles"),
    (Rules(tags=(2, 6)), 7, "has 1 tags"),
    (Rules(code=True), 11, "no code block"),
    (Rules(bold_leads=1), 11, "3 list items open with a bold phrase"),
    (Rules(placeholders=("tbd",)), 17, "'TBD' is placeholder text"),
])
def test_each_rule_names_the_line_and_the_setting(rules, line, words):
    body = BODY.replace("```text\na fence's words do not count\n```", "Text.") if rules.code else BODY
    if rules.bold_leads or rules.placeholders:
        body = BODY.replace("## Second\n", "- **One** a\n- **Two** b\n- **Three** c, TBD\n\n## Second\n")
    [(found_line, message)] = _problems(rules, body)
    assert found_line == line and words in message and "fieldnotes_article_" in message


def test_an_article_that_keeps_the_rules_passes_them():
    assert _problems(Rules(words=(14, 14), sections=2, references=2, tags=(1, 1), code=True)) == []


def test_a_draft_is_exempt():
    assert _problems(Rules(words=(100, 200)), draft="true") == []


def test_the_build_reports_a_rule_every_time_until_fixed(site):
    src = site()
    configure(src, "fieldnotes_article_sections = 1")
    configure(src, "fieldnotes_article_words = [3000, 1500]")  # malformed: that rule is off
    _, first = build(src)
    assert "04-queue-design.md:10: WARNING: the article has 0 '## ' sections" in first
    assert "[fieldnotes.editorial]" in first
    assert "fieldnotes_article_words must be [lowest, highest]" in first
    assert "outside code blocks" not in first
    _, again = build(src)  # nothing changed
    assert "04-queue-design.md:10: WARNING: the article has 0 '## ' sections" in again
    article = src / "articles" / "04-queue-design.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n## Offsets\n\nAfter work.\n",
                       encoding="utf-8")
    touch_later(article)
    assert "04-queue-design" not in build(src)[1]
