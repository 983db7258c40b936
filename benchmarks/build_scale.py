"""How the build scales: N synthetic articles in a temp copy of the real site.

For each N it times a cold build (serial and -j auto), a no-op rebuild, a rebuild after one
body edit and one after a title edit, checks that the new title reached the home page, the
category page and every sidebar that lists the article, and compares the incrementally built
pages with a clean build. ``--baseline`` repeats the steps with furo's stock navigation
(``fieldnotes_sidebar = "furo"``) so the ratios come from the same run on the same machine;
``--floor`` adds a cold build of the same articles in a bare Sphinx project, the least any
site of them could cost. ``--repeat K`` keeps the fastest of K cold builds, taken in turns
across the modes.

    .venv/bin/python benchmarks/build_scale.py                 # N = 100, 300, 1000
    .venv/bin/python benchmarks/build_scale.py --baseline --floor --repeat 3
    .venv/bin/python benchmarks/build_scale.py --sizes 20 --baseline --keep /tmp/scale
"""

from __future__ import annotations

import argparse
import html
import os
import platform
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

from benchmarks.synthetic import docname, write_articles  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
# What is not part of the site: the real articles are replaced by synthetic ones.
NOT_SITE = (".git", ".venv", "_build", "articles", "categories", "tests", "benchmarks",
            "__pycache__", ".pytest_cache", "screenshots", "node_modules")
STRICT = ["-W", "--keep-going", "-n", "-q"]
MODES = ("catalog", "furo")
NAMES = {"catalog": "Field Notes", "furo": "stock furo", "floor": "bare Sphinx floor"}
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


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system, of the build and its workers: steady on a busy machine
    peak_rss_mb: float


@dataclass
class Result:
    """Every measurement and check for one N and one navigation mode."""

    articles: int
    mode: str
    cold_serial: Run | None = None
    cold_parallel: Run | None = None
    noop: Run | None = None
    body_edit: Run | None = None
    title_edit: Run | None = None
    output_bytes: int = 0
    median_article_bytes: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def correct(self) -> bool:
        return not self.problems


def make_site(dest: Path, count: int) -> Path:
    """Copy the real site (conf.py, extension, templates, static files) and add articles."""
    shutil.copytree(REPO, dest, ignore=shutil.ignore_patterns(*NOT_SITE))
    # conf.py reads the shared figures from the series fact sheet.
    (dest / "articles").mkdir()
    shutil.copy2(REPO / "articles" / "SERIES.md", dest / "articles" / "SERIES.md")
    _add_articles(dest, count)
    return dest


def make_floor_site(dest: Path, count: int) -> Path:
    """The same articles in a bare Sphinx project."""
    dest.mkdir(parents=True)
    (dest / "conf.py").write_text(FLOOR_CONF, encoding="utf-8")
    (dest / "index.md").write_text(FLOOR_INDEX, encoding="utf-8")
    _add_articles(dest, count)
    return dest


def _add_articles(site: Path, count: int) -> None:
    conf = runpy.run_path(str(REPO / "conf.py"))
    write_articles(site / "articles", count, list(conf["fieldnotes_categories"]),
                   list(conf["fieldnotes_tags"]))


def sphinx_build(src: Path, build: Path, mode: str, *, jobs: str | None = None,
                 clean: bool = False) -> Run:
    """One strict sphinx-build in a child process: wall time and its peak RSS. ``clean``
    starts from no output and no saved environment: a cold build."""
    if clean:
        shutil.rmtree(build, ignore_errors=True)
    options = ["-q"] if mode == "floor" else [*STRICT, "-D", f"fieldnotes_sidebar={mode}"]
    command = [sys.executable, "-m", "sphinx", "-b", "html", *options,
               *(["-j", jobs] if jobs else []),
               "-d", str(build / "doctrees"), str(src), str(build / "html")]
    log = build.parent / f"{build.name}.log"
    build.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        # wait4 reports the child's own peak RSS (or its largest descendant's, with -j).
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"sphinx-build failed ({child.returncode}); see {log}:\n"
                           + log.read_text(errors="replace")[-3000:])
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


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


def check_title_edit(pages: dict[str, str], before: set[str], old: str, suffix: str,
                     category_page: str) -> list[str]:
    """The new title is on the home page, the category page and every sidebar that listed
    the old one; the old title is nowhere."""
    new = old + suffix
    problems = []
    if new not in card_titles(pages["index.html"]):
        problems.append("the home page does not show the new title")
    if new not in card_titles(pages[category_page]):
        problems.append(f"{category_page} does not show the new title")
    if category_page not in before:
        problems.append(f"{category_page}'s sidebar did not list the article")
    after = sidebar_lists(pages, new)
    if after != before:
        missing = sorted(before - after)[:5]
        extra = sorted(after - before)[:5]
        problems.append(f"sidebars differ after the edit: missing {missing}, unexpected {extra}")
    stale = [name for name, page in pages.items() if shows(page, old, suffix)]
    if stale:
        problems.append(f"{len(stale)} pages still show the old title, e.g. {stale[:5]}")
    return problems


def fastest(runs: list[Run]) -> Run:
    """The fastest of repeated runs, as timeit reports: the others met more interference.
    Its peak RSS is the largest any of them reached."""
    best = min(runs, key=lambda run: run.seconds)
    return Run(best.seconds, best.cpu_seconds, max(run.peak_rss_mb for run in runs))


def cold_builds(count: int, modes: list[str], root: Path, repeat: int = 1) -> dict[str, tuple[Path, Run]]:
    """Each mode's site and its fastest cold serial build. The repetitions take turns across
    the modes, so a slow spell of a shared machine falls on all of them alike."""
    sites = {}
    for mode in modes:
        workdir = root / f"{mode}-{count}"
        shutil.rmtree(workdir, ignore_errors=True)
        sites[mode] = (make_floor_site if mode == "floor" else make_site)(workdir / "src", count)
    runs: dict[str, list[Run]] = {mode: [] for mode in modes}
    for _ in range(repeat):
        for mode in modes:
            runs[mode].append(sphinx_build(sites[mode], sites[mode].parent / "serial", mode, clean=True))
    return {mode: (sites[mode], fastest(runs[mode])) for mode in modes}


def run_size(count: int, mode: str, src: Path, cold: Run, jobs: str = "auto") -> Result:
    """Every step after the cold build for one N and one mode; builds live next to ``src``."""
    result = Result(count, mode, cold_serial=cold)
    workdir = src.parent
    serial = workdir / "serial"
    outdir = serial / "html"
    _measure_output(result, outdir)

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
    incremental = html_pages(outdir)
    result.problems += check_title_edit(incremental, before, old_title, suffix,
                                        f"categories/{category}.html")

    # A clean parallel build of the edited site: the incremental pages must match it.
    result.cold_parallel = sphinx_build(src, workdir / "parallel", mode, jobs=jobs)
    clean = html_pages(workdir / "parallel" / "html")
    differ = sorted(name for name in clean.keys() | incremental.keys()
                    if clean.get(name) != incremental.get(name))
    if differ:
        result.problems.append(f"{len(differ)} pages differ from a clean -j build: {differ[:5]}")
    return result


def run_floor(count: int, src: Path, cold: Run) -> Result:
    """The bare Sphinx project's cold build: nothing else is measured there."""
    result = Result(count, "floor", cold_serial=cold)
    _measure_output(result, src.parent / "serial" / "html")
    return result


def _measure_output(result: Result, outdir: Path) -> None:
    result.output_bytes = sum(p.stat().st_size for p in outdir.rglob("*") if p.is_file())
    result.median_article_bytes = int(statistics.median(
        p.stat().st_size for p in (outdir / "articles").glob("*.html")))


def seconds(run: Run | None) -> str:
    return f"{run.seconds:.1f}" if run else "-"


def table(results: list[Result]) -> str:
    rows = ["| articles | navigation | cold serial s | cold -j s | no-op s | body edit s "
            "| title edit s | peak RSS MB | output MB | median article KB | correct |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        rss = max(run.peak_rss_mb for run in (r.cold_serial, r.cold_parallel, r.noop,
                                              r.body_edit, r.title_edit) if run)
        name = NAMES[r.mode]
        checked = "-" if r.mode == "floor" else ("yes" if r.correct else "NO")
        rows.append(f"| {r.articles} | {name} | {seconds(r.cold_serial)} | "
                    f"{seconds(r.cold_parallel)} | {seconds(r.noop)} | {seconds(r.body_edit)} | "
                    f"{seconds(r.title_edit)} | {rss:.0f} | {r.output_bytes / 1e6:.1f} | "
                    f"{r.median_article_bytes / 1000:.1f} | {checked} |")
    return "\n".join(rows)


def ratios(results: list[Result]) -> list[str]:
    """The issue's goals as ratios measured in this run: wall time, then CPU time."""
    ours = {r.articles: r for r in results if r.mode == "catalog"}
    stock = {r.articles: r for r in results if r.mode == "furo"}

    def ratio(a: Run, b: Run) -> str:
        return f"{a.seconds / b.seconds:.2f}x (CPU {a.cpu_seconds / b.cpu_seconds:.2f}x)"

    floor = {r.articles: r for r in results if r.mode == "floor"}
    lines = []
    for n in sorted(stock.keys() & ours.keys()):
        lines.append(f"cold build at N={n}: stock furo takes {ratio(stock[n].cold_serial, ours[n].cold_serial)}"
                     " as long (goal at 300: >= 8x)")
    for n in sorted(floor.keys() & ours.keys()):
        best = (f"; stock furo takes {ratio(stock[n].cold_serial, floor[n].cold_serial)} as long as "
                "bare Sphinx, the most any site of these articles could gain on it") if n in stock else ""
        lines.append(f"cold build at N={n}: Field Notes takes "
                     f"{ratio(ours[n].cold_serial, floor[n].cold_serial)} as long as bare Sphinx{best}")
    sizes = sorted(ours)
    for small, big in zip(sizes, sizes[1:]):
        lines.append(f"cold build N={big} / N={small}: {ratio(ours[big].cold_serial, ours[small].cold_serial)}"
                     f" for {big / small:.2f}x the articles (goal 1000/300: <= 3.6x)")
    if sizes:
        top = ours[sizes[-1]]
        lines.append(f"at N={top.articles}: body edit {ratio(top.body_edit, top.noop)} the no-op "
                     f"(goal <= 1.5x); title edit {ratio(top.title_edit, top.noop)} the no-op "
                     f"(goal <= 3x)")
        lines.append(f"at N={top.articles}: median article {top.median_article_bytes / 1000:.1f} KB "
                     f"(goal <= 50); peak RSS {top.cold_serial.peak_rss_mb:.0f} MB serial, "
                     f"{top.cold_parallel.peak_rss_mb:.0f} MB per process with -j (goal < 400)")
    for r in results:
        for problem in r.problems:
            lines.append(f"INCORRECT at N={r.articles} ({r.mode}): {problem}")
    return lines


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000],
                        help="numbers of articles (default: 100 300 1000)")
    parser.add_argument("--baseline", action="store_true",
                        help="also run stock furo navigation, for N up to --baseline-max")
    parser.add_argument("--baseline-max", type=int, default=300)
    parser.add_argument("--floor", action="store_true",
                        help="also time a cold build of the same articles in a bare Sphinx "
                             "project (MyST, sphinx-design, basic theme), for N up to --baseline-max")
    parser.add_argument("--jobs", default="auto", help="sphinx-build -j for the parallel build")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each cold serial build this many times and keep the fastest")
    parser.add_argument("--keep", type=Path, help="build here and keep the sites and logs")
    args = parser.parse_args(argv)

    root = args.keep or Path(tempfile.mkdtemp(prefix="fieldnotes-scale-"))
    print(f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d')}; building in {root}; cold serial builds: fastest of "
          f"{args.repeat}", flush=True)
    results = []
    try:
        for n in args.sizes:
            small = n <= args.baseline_max
            modes = ["catalog"] + (["furo"] if args.baseline and small else []) + (
                ["floor"] if args.floor and small else [])
            for mode, (src, cold) in cold_builds(n, modes, root, args.repeat).items():
                result = (run_floor(n, src, cold) if mode == "floor"
                          else run_size(n, mode, src, cold, args.jobs))
                results.append(result)
                print(f"  N={n} {mode}: cold {seconds(result.cold_serial)} s, "
                      f"{'correct' if result.correct else 'INCORRECT'}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print()
    print(table(results))
    print()
    print("\n".join(ratios(results)))
    return results


if __name__ == "__main__":
    sys.exit(0 if all(r.correct for r in main()) else 1)
