"""How the build scales: N synthetic articles in a temp copy of the real site.

For each N (and each ``--corpus``) it times a cold build (serial and -j auto), a no-op
rebuild, a rebuild after one body edit, one after a title edit and one after adding an
article; checks that the new title reached the listing pages and every sidebar that lists the
article, that every article is two clicks from the home page, and compares the incrementally
built pages with a clean build. ``--baseline`` repeats the steps with furo's stock navigation
(``fieldnotes_sidebar = "furo"``); ``--floor`` adds cold builds (serial and -j) of the same
articles in a bare Sphinx project, the least any site of them could cost; ``--mkdocs`` a cold
build of the same bodies as a MkDocs Material blog (benchmarks/mkdocs_baseline.py). So the
ratios come from one run on one machine. ``--repeat K`` keeps the fastest of K cold builds,
taken in turns across the modes.

    .venv/bin/python benchmarks/build_scale.py                 # N = 100, 300, 1000
    .venv/bin/python benchmarks/build_scale.py --sizes 300 1000 --corpus spread team \\
        --mkdocs --floor --repeat 2
    .venv/bin/python benchmarks/build_scale.py --sizes 20 --baseline --keep /tmp/scale
    .venv/bin/python benchmarks/build_scale.py --live --sizes 300 1000 --corpus team
"""

from __future__ import annotations

import argparse
import html
import os
import platform
import posixpath
import random
import re
import runpy
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import live_preview, mkdocs_baseline  # noqa: E402
from benchmarks.synthetic import CORPORA, article_text, docname, write_articles  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
# What is not part of the site: the real articles are replaced by synthetic ones.
NOT_SITE = (".git", ".venv", "_build", "articles", "categories", "tags", "page", "tests",
            "benchmarks", "__pycache__", ".pytest_cache", "screenshots", "node_modules")
STRICT = ["-W", "--keep-going", "-n", "-q"]
MODES = ("catalog", "furo")
# The least any Sphinx build of the same articles costs: MyST and sphinx-design with the basic
# theme, no navigation, no listings, no extension. Article labels come from the Field Notes
# extension, so here {ref} links stay unresolved and the build is not strict.
FLOOR_CONF = """project = "floor"
extensions = ["myst_parser", "sphinx_design"]
myst_enable_extensions = ["colon_fence", "attrs_inline", "attrs_block"]
myst_title_to_header = True
myst_heading_anchors = 3
html_theme = "basic"
suppress_warnings = ["myst", "ref"]
"""
FLOOR_INDEX = "# Floor\n\n```{toctree}\n:glob:\n\narticles/*\n```\n"
SIDEBAR = re.compile(r'<div class="sidebar-tree">(.*?)</div>', re.S)
CARD_TITLE = re.compile(r'<div class="sd-card-title[^"]*">(.*?)</div>', re.S)
TAGS = re.compile(r"<[^>]+>")
HREF = re.compile(r'href="([^"#]*)')
LISTING = re.compile(r"(index|page/[0-9]+|(categories|tags)/.+)\.html")


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system, of the build and its workers: steady on a busy machine
    peak_rss_mb: float


@dataclass
class Result:
    """Every measurement and check for one N, one corpus and one mode."""

    articles: int
    mode: str
    corpus: str = "spread"
    cold_serial: Run | None = None
    cold_parallel: Run | None = None
    noop: Run | None = None
    body_edit: Run | None = None
    title_edit: Run | None = None
    add_article: Run | None = None
    output_bytes: int = 0
    median_article_bytes: int = 0
    largest_listing_bytes: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def correct(self) -> bool:
        return not self.problems

    def runs(self) -> list[Run]:
        return [run for run in (self.cold_serial, self.cold_parallel, self.noop, self.body_edit,
                                self.title_edit, self.add_article) if run]


EDITORIAL_RULES_OFF = """
fieldnotes_article_words, fieldnotes_article_tags = [], []
fieldnotes_article_sections = fieldnotes_article_references = 0
fieldnotes_article_code = False
fieldnotes_article_bold_leads, fieldnotes_article_placeholders = 0, []
"""


def make_site(dest: Path, count: int, corpus: str = "spread") -> Path:
    """Copy the real site (conf.py, extension, templates, static files) and add articles."""
    shutil.copytree(REPO, dest, ignore=shutil.ignore_patterns(*NOT_SITE))
    # conf.py reads the shared figures from the series fact sheet.
    (dest / "articles").mkdir()
    shutil.copy2(REPO / "articles" / "SERIES.md", dest / "articles" / "SERIES.md")
    # The engine as a team's knowledge base runs it: this site's editorial rules (its word
    # range, its reference count) are its own, not the engine's cost.
    with (dest / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(EDITORIAL_RULES_OFF)
    _add_articles(dest, count, corpus)
    return dest


def make_floor_site(dest: Path, count: int, corpus: str = "spread") -> Path:
    """The same articles in a bare Sphinx project."""
    dest.mkdir(parents=True)
    (dest / "conf.py").write_text(FLOOR_CONF, encoding="utf-8")
    (dest / "index.md").write_text(FLOOR_INDEX, encoding="utf-8")
    _add_articles(dest, count, corpus)
    return dest


def _vocabulary() -> tuple[list[str], list[str]]:
    conf = runpy.run_path(str(REPO / "conf.py"))
    return list(conf["fieldnotes_categories"]), list(conf["fieldnotes_tags"])


def _add_articles(site: Path, count: int, corpus: str) -> None:
    write_articles(site / "articles", count, *_vocabulary(), corpus=corpus)


def timed(command: list[str], log: Path) -> Run:
    """Run a build as a child process: wall time, CPU time and its peak RSS."""
    with log.open("ab") as out:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        # wait4 reports the child's own peak RSS (or its largest descendant's, with -j).
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    # Popen learns that its child ended, or it warns that it still runs.
    child.returncode = code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{command[2]} failed ({code}); see {log}:\n"
                           + log.read_text(errors="replace")[-3000:])
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def sphinx_build(src: Path, build: Path, mode: str, *, jobs: str | None = None,
                 clean: bool = False) -> Run:
    """One strict sphinx-build in a child process. ``clean`` starts from no output and no
    saved environment: a cold build."""
    if clean:
        shutil.rmtree(build, ignore_errors=True)
    options = ["-q"] if mode == "floor" else [*STRICT, "-D", f"fieldnotes_sidebar={mode}"]
    command = [sys.executable, "-m", "sphinx", "-b", "html", *options,
               *(["-j", jobs] if jobs else []),
               "-d", str(build / "doctrees"), str(src), str(build / "html")]
    build.mkdir(parents=True, exist_ok=True)
    return timed(command, build.parent / f"{build.name}.log")


def mkdocs_build(src: Path, build: Path, venv: Path) -> Run:
    """One cold MkDocs build in a child process, into ``build``/html."""
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir(parents=True)
    return timed(mkdocs_baseline.build_command(venv, src, build / "html"),
                 build.parent / f"{build.name}.log")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{old!r} is not in {path}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def front_matter(path: Path, key: str) -> str:
    match = re.search(rf"^{key}: '?(.*?)'?$", path.read_text(encoding="utf-8"), re.M)
    return match.group(1).replace("''", "'")


def html_pages(outdir: Path) -> dict[str, str]:
    return {str(p.relative_to(outdir)): p.read_text(encoding="utf-8")
            for p in sorted(outdir.rglob("*.html"))}


def sidebar_lists(pages: dict[str, str], title: str) -> set[str]:
    """The pages whose sidebar links to an article with this title."""
    found = set()
    for name, page in pages.items():
        match = SIDEBAR.search(page)
        if match and f">{title}</a>" in html.unescape(match.group(1)):
            found.add(name)
    return found


def card_titles(page: str) -> list[str]:
    return [" ".join(html.unescape(TAGS.sub("", t)).split()) for t in CARD_TITLE.findall(page)]


def shows(page: str, title: str, suffix: str) -> bool:
    """Whether the page shows ``title`` itself, not a longer title that starts with it."""
    pattern = re.escape(title) + rf"(?!\d|{re.escape(suffix)})"
    return re.search(pattern, html.unescape(page)) is not None


def listing_cards(pages: dict[str, str], first: str) -> list[str]:
    """The card titles on every page of the listing whose first page is ``first``."""
    later = re.compile(re.escape("" if first == "index.html" else first.removesuffix(".html") + "/")
                       + r"page/[0-9]+\.html")
    return [title for name, page in pages.items() if name == first or later.fullmatch(name)
            for title in card_titles(page)]


def check_title_edit(pages: dict[str, str], before: set[str], old: str, suffix: str,
                     category_page: str, article_page: str) -> list[str]:
    """The new title is on a page of the home listing and of the category's, and in every
    sidebar that listed the old one (its own page's among them); the old title is nowhere."""
    new = old + suffix
    problems = []
    if new not in listing_cards(pages, "index.html"):
        problems.append("the home page does not show the new title")
    if new not in listing_cards(pages, category_page):
        problems.append(f"{category_page} does not show the new title")
    if article_page not in before:
        problems.append(f"{article_page}'s sidebar did not list the article")
    after = sidebar_lists(pages, new)
    if after != before:
        missing = sorted(before - after)[:5]
        extra = sorted(after - before)[:5]
        problems.append(f"sidebars differ after the edit: missing {missing}, unexpected {extra}")
    stale = [name for name, page in pages.items() if shows(page, old, suffix)]
    if stale:
        problems.append(f"{len(stale)} pages still show the old title, e.g. {stale[:5]}")
    return problems


def links(pages: dict[str, str], name: str) -> set[str]:
    """The pages that ``name`` links to, by their names in ``pages``."""
    folder = posixpath.dirname(name)
    targets = {posixpath.normpath(posixpath.join(folder, href))
               for href in HREF.findall(pages.get(name, "")) if href and "://" not in href}
    return targets & pages.keys()


def check_two_clicks(pages: dict[str, str]) -> list[str]:
    """Every article page is linked from the home page or from a page it links to."""
    first = links(pages, "index.html")
    reached = first.union(*(links(pages, name) for name in first))
    lost = sorted(name for name in pages if name.startswith("articles/") and name not in reached)
    return [f"{len(lost)} articles are more than two clicks from home, e.g. {lost[:3]}"] if lost else []


def fastest(runs: list[Run]) -> Run:
    """The fastest of repeated runs, as timeit reports: the others met more interference.
    Its peak RSS is the largest any of them reached."""
    best = min(runs, key=lambda run: run.seconds)
    return Run(best.seconds, best.cpu_seconds, max(run.peak_rss_mb for run in runs))


def _make(mode: str, dest: Path, count: int, corpus: str) -> Path:
    if mode == "mkdocs":
        return mkdocs_baseline.make_mkdocs_site(dest, count, corpus)
    return (make_floor_site if mode == "floor" else make_site)(dest, count, corpus)


def cold_builds(count: int, modes: list[str], root: Path, repeat: int = 1, corpus: str = "spread",
                jobs: str = "auto", mkdocs_venv: Path = mkdocs_baseline.DEFAULT_VENV,
                ) -> dict[str, tuple[Path, Run, Run | None]]:
    """Each mode's site, its fastest cold serial build and, for the floor, its fastest cold
    -j build. The repetitions take turns across the modes, so a slow spell of a shared
    machine falls on all of them alike."""
    sites = {}
    for mode in modes:
        workdir = root / f"{corpus}-{mode}-{count}"
        shutil.rmtree(workdir, ignore_errors=True)
        sites[mode] = _make(mode, workdir / "src", count, corpus)
    serial: dict[str, list[Run]] = {mode: [] for mode in modes}
    parallel: list[Run] = []
    for _ in range(repeat):
        for mode in modes:
            build = sites[mode].parent / "serial"
            if mode == "mkdocs":
                serial[mode].append(mkdocs_build(sites[mode], build, mkdocs_venv))
                continue
            serial[mode].append(sphinx_build(sites[mode], build, mode, clean=True))
            if mode == "floor":
                parallel.append(sphinx_build(sites[mode], sites[mode].parent / "parallel", mode,
                                             jobs=jobs, clean=True))
    return {mode: (sites[mode], fastest(serial[mode]),
                   fastest(parallel) if mode == "floor" else None) for mode in modes}


def run_size(count: int, mode: str, src: Path, cold: Run, jobs: str = "auto",
             corpus: str = "spread") -> Result:
    """Every step after the cold build for one N and one mode; builds live next to ``src``."""
    result = Result(count, mode, corpus, cold_serial=cold)
    workdir = src.parent
    serial = workdir / "serial"
    outdir = serial / "html"
    _measure_output(result, outdir)
    result.problems += check_two_clicks(html_pages(outdir))

    result.noop = sphinx_build(src, serial, mode)

    body = src / "articles" / f"{docname(max(1, count // 2))}.md"
    edit(body, "## The first measurement\n\n", "## The first measurement\n\n"
         "We repeated the measurement a month later and got the same answer. ")
    result.body_edit = sphinx_build(src, serial, mode)

    retitled = src / "articles" / f"{docname(max(1, count // 3))}.md"
    old_title = front_matter(retitled, "title")
    suffix = ", revisited"
    category = front_matter(retitled, "category")
    before = sidebar_lists(html_pages(outdir), old_title)
    edit(retitled, f"title: '{old_title.replace(chr(39), chr(39) * 2)}'",
         f"title: '{(old_title + suffix).replace(chr(39), chr(39) * 2)}'")
    result.title_edit = sphinx_build(src, serial, mode)
    result.problems += check_title_edit(html_pages(outdir), before, old_title, suffix,
                                        f"categories/{category}.html",
                                        f"articles/{retitled.stem}.html")

    added = src / "articles" / f"{docname(count + 1)}.md"
    added.write_text(article_text(count + 1, count + 1, *_vocabulary(), random.Random(count),
                                  corpus), encoding="utf-8")
    result.add_article = sphinx_build(src, serial, mode)
    incremental = html_pages(outdir)

    # A clean parallel build of the edited site: the incremental pages must match it.
    result.cold_parallel = sphinx_build(src, workdir / "parallel", mode, jobs=jobs)
    clean = html_pages(workdir / "parallel" / "html")
    differ = sorted(name for name in clean.keys() | incremental.keys()
                    if clean.get(name) != incremental.get(name))
    if differ:
        result.problems.append(f"{len(differ)} pages differ from a clean -j build: {differ[:5]}")
    return result


def run_baseline(count: int, mode: str, src: Path, cold: Run, cold_parallel: Run | None,
                 corpus: str) -> Result:
    """The bare Sphinx project's or MkDocs' cold builds: nothing else is measured there."""
    result = Result(count, mode, corpus, cold_serial=cold, cold_parallel=cold_parallel)
    _measure_output(result, src.parent / "serial" / "html")
    return result


def _measure_output(result: Result, outdir: Path) -> None:
    files = [p for p in outdir.rglob("*") if p.is_file()]
    result.output_bytes = sum(p.stat().st_size for p in files)
    articles = (mkdocs_baseline.article_pages(outdir) if result.mode == "mkdocs"
                else (outdir / "articles").glob("*.html"))
    result.median_article_bytes = int(statistics.median(p.stat().st_size for p in articles))
    if result.mode in MODES:
        result.largest_listing_bytes = max(p.stat().st_size for p in files
                                           if LISTING.fullmatch(p.relative_to(outdir).as_posix()))


def main(argv: list[str] | None = None) -> list[Result]:
    from benchmarks.report import ratios, table

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000],
                        help="numbers of articles (default: 100 300 1000)")
    parser.add_argument("--corpus", nargs="+", choices=CORPORA, default=["spread"],
                        help="spread: tags drawn evenly, short articles; team: a few popular "
                             "tags on most articles, about 1,100 words each")
    parser.add_argument("--baseline", action="store_true",
                        help="also run stock furo navigation, for N up to --baseline-max")
    parser.add_argument("--baseline-max", type=int, default=300)
    parser.add_argument("--floor", action="store_true",
                        help="also time cold builds (serial and -j) of the same articles in a "
                             "bare Sphinx project (MyST, sphinx-design, basic theme)")
    parser.add_argument("--mkdocs", action="store_true",
                        help="also time a cold build of the same bodies as a MkDocs Material blog")
    parser.add_argument("--mkdocs-venv", type=Path, default=mkdocs_baseline.DEFAULT_VENV,
                        help="the venv MkDocs runs from; made from benchmarks/requirements.txt "
                             "when missing (default: %(default)s)")
    parser.add_argument("--jobs", default="auto", help="sphinx-build -j for the parallel builds")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each cold serial build this many times and keep the fastest")
    parser.add_argument("--keep", type=Path, help="build here and keep the sites and logs")
    parser.add_argument("--live", action="store_true",
                        help="only time the live preview (make livehtml): from saving a body "
                             "edit and a title edit to the rebuilt page being served")
    args = parser.parse_args(argv)
    if args.live:
        live(args)
        return []

    root = args.keep or Path(tempfile.mkdtemp(prefix="fieldnotes-scale-"))
    print(f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d')}; building in {root}; cold serial builds: fastest of "
          f"{args.repeat}", flush=True)
    results = []
    try:
        for corpus in args.corpus:
            for n in args.sizes:
                modes = ["catalog"] + (["furo"] if args.baseline and n <= args.baseline_max else [])
                modes += (["floor"] if args.floor else []) + (["mkdocs"] if args.mkdocs else [])
                built = cold_builds(n, modes, root, args.repeat, corpus, args.jobs, args.mkdocs_venv)
                for mode, (src, cold, cold_parallel) in built.items():
                    result = (run_size(n, mode, src, cold, args.jobs, corpus) if mode in MODES
                              else run_baseline(n, mode, src, cold, cold_parallel, corpus))
                    results.append(result)
                    print(f"  {corpus} N={n} {mode}: cold {cold.seconds:.1f} s, "
                          f"{'correct' if result.correct else 'INCORRECT'}", flush=True)
                    for problem in result.problems:
                        print(f"    {problem}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print()
    print(table(results))
    print()
    print("\n".join(ratios(results)))
    return results


def live(args: argparse.Namespace) -> list[live_preview.LiveTimes]:
    """The live preview mode: for each N and corpus, a fresh site, then the two edits."""
    root = args.keep or Path(tempfile.mkdtemp(prefix="fieldnotes-live-"))
    print(f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d')}; live preview in {root}", flush=True)
    times = []
    try:
        for corpus in args.corpus:
            for n in args.sizes:
                src = make_site(root / f"{corpus}-{n}" / "live-site", n, corpus)
                article = src / "articles" / f"{docname(max(1, n // 2))}.md"
                times.append(live_preview.measure(src, n, corpus, article,
                                                  front_matter(article, "title")))
                t = times[-1]
                print(f"  {corpus} N={n}: first build served after {t.first_build:.1f} s; "
                      f"body edit served {t.body_edit:.2f} s after saving (target <= 2), "
                      f"title edit {t.title_edit:.2f} s (target <= 3)", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return times


if __name__ == "__main__":
    sys.exit(0 if all(r.correct for r in main()) else 1)
