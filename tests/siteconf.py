"""The real site's conf.py, pointed at the repository's templates and static files.

Test roots import this, so they build with exactly the configuration the site uses.
"""

import os
import runpy
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

globals().update(
    {k: v for k, v in runpy.run_path(str(REPO / "conf.py")).items() if not k.startswith("__")}
)
templates_path = [str(REPO / "_templates")]
html_static_path = [str(REPO / "_static")]
html_favicon = str(REPO / html_favicon)
fieldnotes_mermaid_js = str(REPO / fieldnotes_mermaid_js)
fieldnotes_substitutions_file = str(REPO / fieldnotes_substitutions_file)
# One build cache for a test run (tests/conftest.py), so that the test roots' hundreds of builds
# draw each share image and compile each template once; the build cache's tests set their own.
fieldnotes_build_cache = os.environ.get("FIELDNOTES_TEST_BUILD_CACHE", "")
# Test roots' articles are a few lines each: the site's editorial rules are the real articles'.
fieldnotes_article_words, fieldnotes_article_tags = [], []
fieldnotes_article_sections = fieldnotes_article_references = 0
fieldnotes_article_code = False
fieldnotes_article_bold_leads, fieldnotes_article_placeholders = 0, []
