"""The MkDocs Material baseline: the same article bodies as a Material blog, built by MkDocs.

It is what a team would pick instead: Material's blog plugin (posts with dates, categories,
archive and index pages, ten posts a page), its tags plugin with a tags page, and its search,
all with their default settings. MkDocs runs from a venv of its own under the temp folder,
made from ``benchmarks/requirements.txt`` when it is missing, never the site's venv.
"""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path

from benchmarks.synthetic import write_articles

REPO = Path(__file__).resolve().parents[1]
REQUIREMENTS = REPO / "benchmarks" / "requirements.txt"
DEFAULT_VENV = Path("/tmp/fieldnotes-mkdocs-venv")
MKDOCS_YML = """site_name: Field Notes (MkDocs Material baseline)
site_url: https://example.org/
theme:
  name: material
plugins:
  - search
  - blog
  - tags
"""
INDEX = "# Field Notes\n\nThe MkDocs Material baseline of the scale benchmark.\n"
BLOG_INDEX = "# Blog\n"
TAGS_PAGE = "# Tags\n\n<!-- material/tags -->\n"


def mkdocs_command(venv: Path) -> list[str]:
    """MkDocs from ``venv``, which is made from the pinned requirements when it is missing."""
    python = venv / "bin" / "python"
    if not python.is_file():
        print(f"making the MkDocs venv in {venv} from {REQUIREMENTS.relative_to(REPO)}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "-r", str(REQUIREMENTS)], check=True)
    return [str(python), "-m", "mkdocs"]


def make_mkdocs_site(dest: Path, count: int, corpus: str) -> Path:
    """A MkDocs Material blog of the benchmark's ``count`` articles."""
    docs = dest / "docs"
    (docs / "blog").mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (docs / "index.md").write_text(INDEX, encoding="utf-8")
    (docs / "blog" / "index.md").write_text(BLOG_INDEX, encoding="utf-8")
    (docs / "tags.md").write_text(TAGS_PAGE, encoding="utf-8")
    conf = runpy.run_path(str(REPO / "conf.py"))
    write_articles(docs / "blog" / "posts", count, list(conf["fieldnotes_categories"]),
                   list(conf["fieldnotes_tags"]), corpus=corpus, flavour="mkdocs")
    return dest


def build_command(venv: Path, src: Path, outdir: Path) -> list[str]:
    return [*mkdocs_command(venv), "build", "--quiet", "--clean", "-f", str(src / "mkdocs.yml"),
            "-d", str(outdir)]


def article_pages(outdir: Path) -> list[Path]:
    """Each post's own page: blog/<year>/<month>/<day>/<slug>/index.html."""
    return sorted(outdir.glob("blog/[0-9][0-9][0-9][0-9]/*/*/*/index.html"))
