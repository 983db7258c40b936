"""Sphinx configuration for Field Notes."""

import os
import sys

sys.path.insert(0, os.path.abspath("."))

# sphinxext-opengraph prints a note at import when matplotlib is missing, which only its own
# card images need: the site draws its share images itself (ogp_social_cards below).
from fieldnotes.integrations.opengraph import import_quietly  # noqa: E402

import_quietly()

project = "Field Notes & Perspectives"
author = "Jagadesh Rajendran"
copyright = "2026, Jagadesh Rajendran"
language = "en"
version = release = "1.0"  # the e-book format requires a version

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinx_last_updated_by_git",
    "sphinxext.opengraph",
    "notfound.extension",
    "fieldnotes",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
# Hidden folders, at any depth, are never pages: a second virtualenv or a tool's cache in the
# project would otherwise put every README it holds on the site.
exclude_patterns = ["_build", ".*", "**/.*", "README.md", "articles/README.md", "articles/SERIES.md",
                    "tests", "benchmarks", "screenshots", "node_modules", "fieldnotes", "build", "dist", "docs"]
templates_path = ["_templates"]

# MyST: the front matter title becomes the page's H1; raw HTML is never passed through.
myst_enable_extensions = ["colon_fence", "attrs_inline", "attrs_block", "substitution", "dollarmath"]
# $x^2$ is a formula (MathML, fieldnotes/safety/mathml.py). A dollar that touches a digit on
# its outer side, or a space on its inner side, is not one: "$800 to $1,500" stays prices.
myst_dmath_allow_digits = False
myst_dmath_allow_space = False
myst_update_mathjax = False  # the site has no MathJax to steer
myst_title_to_header = True
myst_disable_syntax = ["html_inline", "html_block"]
myst_heading_anchors = 3
# Figures several articles state come from one place, the series fact sheet's front matter
# ('substitutions:'), which the fieldnotes extension reads into myst_substitutions.
fieldnotes_substitutions_file = "articles/SERIES.md"
# The fieldnotes extension reports front matter problems itself, with the line and the fix.
suppress_warnings = ["myst.topmatter"]


# "Last updated" dates come from git. In a clone too shallow to date a page, the fieldnotes
# extension says which pages lost their dates and how to fetch the history (.readthedocs.yaml
# does). Outside a checkout it quiets git's warnings itself: the pages then show no date.
html_last_updated_fmt = "%d %B %Y"

html_theme = "furo"
html_title = "Field Notes & Perspectives"
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"  # browsers ask for /favicon.ico without one
# Read the Docs sets READTHEDOCS_CANONICAL_URL; elsewhere the site's own address is used.
# The fieldnotes extension checks it and derives every other spelling of it (ogp_site_url,
# notfound_urls_prefix for the 404 page's links, epub_identifier from its host).
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://fieldnotes.example.org/")
html_show_sourcelink = False
html_math_renderer = "fieldnotes-mathml"  # MathML at build time: no script, no CDN
html_copy_source = False
# Typographic quotes in prose (“ ” ‘ ’), never in code, literals or math (Sphinx skips those
# nodes). Quotes only: "--" and "..." stay as typed, since prose often names a flag or a path.
# Pages show titles and summaries with curly quotes too; feeds, JSON-LD, llms.txt and og: tags
# carry the front matter exactly as written.
smartquotes = True
smartquotes_action = "q"

# Sitemap: page URLs are html_baseurl + page, with no extra language or version segment.

# OpenGraph and Twitter cards; articles set og:description from their summary.
ogp_site_name = project
ogp_social_cards = {"enable": False}  # generated card images would need matplotlib

copybutton_exclude = ".linenos, .gp"

# E-book: `make epub`.
epub_title = project
epub_author = author
epub_publisher = author
epub_description = "Real findings from building AI systems at scale, by Jagadesh Rajendran."
epub_contributor = author
epub_show_urls = "no"
epub_use_index = False  # the book's contents page is its index
# The book holds the home page, the categories and their articles (fieldnotes/outputs/ebook.py).
epub_exclude_files = ["search.html", "404.html"]

# -- Field Notes: the one place that defines categories, tags and the author --
fieldnotes_categories = {
    "open-source": "Open Source",
    "gpu-compute": "GPU & Compute",
    "ai-llms": "AI & LLMs",
    "production": "Production",
    "infrastructure": "Infrastructure",
}
# Each category's colour, defined once: a fill under white text on share images (each gives at
# least 4.5:1 there), and on cards, badges and headers darkened or lightened as each theme
# needs for readable text (fieldnotes/html/colours.py).
fieldnotes_category_colours = {
    "open-source": "#1d7044",
    "gpu-compute": "#b03a12",
    "ai-llms": "#6b3bbf",
    "production": "#0b62a8",
    "infrastructure": "#805300",
}
fieldnotes_tags = {
    "annotation": "Annotation",
    "airflow": "Airflow",
    "architecture": "Architecture",
    "chaos-engineering": "Chaos engineering",
    "class-imbalance": "Class imbalance",
    "concept-drift": "Concept drift",
    "cost": "Cost",
    "data-labeling": "Data labeling",
    "embeddings": "Embeddings",
    "evaluation": "Evaluation",
    "fastapi": "FastAPI",
    "gpu": "GPU",
    "healthcare": "Healthcare",
    "hipaa": "HIPAA",
    "human-in-the-loop": "Human in the loop",
    "idempotency": "Idempotency",
    "incident-response": "Incident response",
    "kafka": "Kafka",
    "kubernetes": "Kubernetes",
    "llm-inference": "LLM inference",
    "memory-management": "Memory management",
    "mixed-precision": "Mixed precision",
    "mlops": "MLOps",
    "model-serving": "Model serving",
    "monitoring": "Monitoring",
    "on-prem": "On-prem",
    "open-source-llms": "Open-source LLMs",
    "prompt-engineering": "Prompt engineering",
    "pytorch": "PyTorch",
    "rag": "RAG",
    "reliability": "Reliability",
    "retraining": "Retraining",
    "text-classification": "Text classification",
}
fieldnotes_author = {"name": "Jagadesh Rajendran", "role": "VP of Engineering"}
# Arcs told over several articles: an article joins one with 'series: <slug>' in its front
# matter, and each part then shows "Part n of m" and links to the others.
fieldnotes_series = {
    "after-the-outage": {
        "title": "After the Outage",
        "description": "The 2am dead-letter queue outage, the consumer redesign it forced, and "
                       "the chaos programme that now breaks things on purpose.",
    },
    "living-on-a10s": {
        "title": "Living on 24 A10s",
        "description": "Choosing the A10, fitting training into its 24 GB, and what running out "
                       "of that memory taught us.",
    },
    "keeping-models-honest": {
        "title": "Keeping Models Honest",
        "description": "Catching a model that drifts, retraining it on a schedule, and the "
                       "review loop that feeds both.",
    },
}
fieldnotes_show_drafts = os.environ.get("FIELDNOTES_SHOW_DRAFTS") == "1"
fieldnotes_feed_content = "full"  # or "summary"
fieldnotes_feed_length = 20  # entries in each feed, newest first
# "Edit this page" on authored pages: the repository's https address on GitHub, GitLab or
# Bitbucket ("" for no link). On Read the Docs its clone URL and branch are used when this is "".
fieldnotes_source_repository = ""
# Diagrams (```mermaid) are drawn by this copy of mermaid, from npm (package.json).
fieldnotes_mermaid_js = "node_modules/mermaid/dist/mermaid.min.js"
# Editorial rules for published articles, reported by the build (fieldnotes/checks/editorial.py;
# [] or 0 turns one off): words outside code, '## ' sections, other articles linked, tags,
# a code block, bold-lead list items, placeholder words.
fieldnotes_article_words = [1500, 3000]
fieldnotes_article_sections = 3
fieldnotes_article_references = 3
fieldnotes_article_tags = [3, 6]
fieldnotes_article_code = True
fieldnotes_article_bold_leads = 6  # list items that open with a bold phrase, at most
fieldnotes_article_placeholders = ["lorem", "ipsum", "todo", "tbd", "fixme", "coming soon"]
