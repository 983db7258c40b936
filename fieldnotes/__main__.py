"""Command line: ``fieldnotes init DIR`` (a new knowledge base), ``fieldnotes new`` (a draft
article), ``fieldnotes check DIR`` (a built site) and ``fieldnotes clean`` (the pages the build
generated). ``python -m fieldnotes`` is the same."""

from __future__ import annotations

import argparse
import runpy
import sys
from pathlib import Path

from fieldnotes.listings.generated import remove_generated_pages
from fieldnotes.model.labels import defined_labels
from fieldnotes.scaffold import ScaffoldError, new_article
from fieldnotes.sitecheck import check_site
from fieldnotes.starter import InitError, SiteAnswers, init_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fieldnotes")
    commands = parser.add_subparsers(dest="command", required=True)
    init = commands.add_parser("init", help="write a new knowledge base into a new folder")
    init.add_argument("dest", type=Path)
    defaults = SiteAnswers()
    for option, help_text in (("title", "the site's title"), ("tagline", "one line under it"),
                              ("author", "the author's name"), ("role", "the author's role"),
                              ("site-url", "the address the site will be served from")):
        init.add_argument(f"--{option}", help=f"{help_text} (default: {getattr(defaults, option.replace('-', '_'))!r})")
    init.add_argument("--category", action="append", dest="categories",
                      help=f"a category's name; repeat for more (default: {list(defaults.categories)!r})")
    new = commands.add_parser("new", help="create a draft article with the next free number")
    new.add_argument("--title", required=True)
    new.add_argument("--category", required=True, help="a category's slug or display name")
    new.add_argument("--root", type=Path, default=Path("."), help="the site folder (holds conf.py)")
    check = commands.add_parser("check", help="check a built site: its XML parses, its links resolve")
    check.add_argument("outdir", type=Path, nargs="?", default=Path("_build/html"))
    clean = commands.add_parser("clean", help="remove the pages the build generated, never an author's file")
    clean.add_argument("--root", type=Path, default=Path("."), help="the site folder (holds conf.py)")
    args = parser.parse_args(argv)
    if args.command == "clean":
        print(f"removed {len(remove_generated_pages(args.root))} generated pages")
        return 0
    if args.command == "init":
        return _init(args)
    if args.command == "check":
        problems = check_site(args.outdir)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{args.outdir}: {len(problems)} problems")
        return 1 if problems else 0

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


def _init(args: argparse.Namespace) -> int:
    """Options win; on a terminal each missing answer is asked for; otherwise defaults."""
    defaults = SiteAnswers()
    given = {name: getattr(args, name) for name in ("title", "tagline", "author", "role", "site_url")}
    ask = sys.stdin.isatty()
    answers = {}
    for name, value in given.items():
        if value is None and ask:
            value = input(f"{name.replace('_', ' ').capitalize()} [{getattr(defaults, name)}]: ").strip()
        answers[name] = value or getattr(defaults, name)
    categories = args.categories
    if not categories and ask:
        typed = input(f"Categories, comma-separated [{', '.join(defaults.categories)}]: ")
        categories = [c.strip() for c in typed.split(",") if c.strip()]
    answers["categories"] = tuple(categories or defaults.categories)
    try:
        init_site(args.dest, SiteAnswers(**answers))
    except InitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"created a knowledge base in {args.dest}: cd there, then `make html` and `make check`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
