"""Sphinx configuration for Field Notes."""

import os
import sys

sys.path.insert(0, os.path.abspath("."))

project = "Field Notes & Perspectives"
author = "Jagadesh Rajendran"
copyright = "2026, Jagadesh Rajendran"
language = "en"

extensions = [
    "myst_parser",
    "sphinx_design",
    "fieldnotes",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", ".venv", "README.md", "articles/README.md", "tests", "benchmarks",
                    ".pytest_cache", "screenshots"]
templates_path = ["_templates"]

# MyST: the front matter title becomes the page's H1; raw HTML is never passed through.
myst_enable_extensions = ["colon_fence", "attrs_inline", "attrs_block"]
myst_title_to_header = True
myst_disable_syntax = ["html_inline", "html_block"]
myst_heading_anchors = 3
# The fieldnotes extension reports front matter problems itself, with the line and the fix.
suppress_warnings = ["myst.topmatter"]

html_theme = "furo"
html_title = "Field Notes & Perspectives"
html_static_path = ["_static"]
html_css_files = ["fieldnotes.css"]
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://fieldnotes.example.org/")
html_show_sourcelink = False
html_copy_source = False
smartquotes = False  # titles and summaries render exactly as written in front matter

# -- Field Notes: the one place that defines categories, tags and the author --
fieldnotes_categories = {
    "open-source": "Open Source",
    "gpu-compute": "GPU & Compute",
    "ai-llms": "AI & LLMs",
    "production": "Production",
    "infrastructure": "Infrastructure",
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
fieldnotes_show_drafts = os.environ.get("FIELDNOTES_SHOW_DRAFTS") == "1"
