"""Command line: ``python -m fieldnotes new --title "..." --category slug-or-name``, and
``python -m fieldnotes clean`` (the pages the build generated)."""

from __future__ import annotations

import argparse
import runpy
import sys
from pathlib import Path

from fieldnotes.listings.generated import remove_generated_pages
from fieldnotes.model.labels import defined_labels
from fieldnotes.scaffold import ScaffoldError, new_article


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fieldnotes")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="create a draft article with the next free number")
    new.add_argument("--title", required=True)
    new.add_argument("--category", required=True, help="a category's slug or display name")
    new.add_argument("--root", type=Path, default=Path("."), help="the site folder (holds conf.py)")
    clean = commands.add_parser("clean", help="remove the pages the build generated, never an author's file")
    clean.add_argument("--root", type=Path, default=Path("."), help="the site folder (holds conf.py)")
    args = parser.parse_args(argv)
    if args.command == "clean":
        print(f"removed {len(remove_generated_pages(args.root))} generated pages")
        return 0

    conf = runpy.run_path(str(args.root / "conf.py"))
    articles = args.root / conf.get("fieldnotes_articles_dir", "articles")
    try:
        path = new_article(articles, args.title, args.category,
                           conf["fieldnotes_categories"], conf.get("fieldnotes_tags"),
                           labels=defined_labels(args.root, conf.get("exclude_patterns", ())))
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"created {path} (draft: true; set draft: false to publish it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
