"""The scale benchmark's table and the issue's targets as ratios measured in one run."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benchmarks.build_scale import Result, Run

NAMES = {"catalog": "Field Notes", "furo": "stock furo", "floor": "bare Sphinx floor",
         "mkdocs": "MkDocs Material"}


def seconds(run: Run | None) -> str:
    return f"{run.seconds:.1f}" if run else "-"


def table(results: list[Result]) -> str:
    rows = ["| corpus | articles | build | cold serial s | cold -j s | no-op s | body edit s "
            "| title edit s | add one s | peak RSS MB | output MB | median article KB "
            "| largest listing KB | correct |",
            "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        rss = max(run.peak_rss_mb for run in r.runs())
        checked = "yes" if r.correct else "NO"
        listing = f"{r.largest_listing_bytes / 1000:.0f}" if r.largest_listing_bytes else "-"
        rows.append(f"| {r.corpus} | {r.articles} | {NAMES[r.mode]} | {seconds(r.cold_serial)} | "
                    f"{seconds(r.cold_parallel)} | {seconds(r.noop)} | {seconds(r.body_edit)} | "
                    f"{seconds(r.title_edit)} | {seconds(r.add_article)} | {rss:.0f} | "
                    f"{r.output_bytes / 1e6:.1f} | {r.median_article_bytes / 1000:.1f} | "
                    f"{listing} | {checked if r.mode in ('catalog', 'furo') else '-'} |")
    return "\n".join(rows)


def ratio(a: Run, b: Run) -> str:
    return f"{a.seconds / b.seconds:.2f}x (CPU {a.cpu_seconds / b.cpu_seconds:.2f}x)"


def verdict(value: float, limit: float) -> str:
    return "met" if value <= limit else "MISSED"


def _targets(ours: Result, floor: Result | None, mkdocs: Result | None) -> list[str]:
    """Each target of one corpus at one N, met or missed."""
    n, lines = ours.articles, []
    if floor:
        for name, run in (("serial (make html SPHINXJOBS=1)", ours.cold_serial),
                          ("-j auto (make html)", ours.cold_parallel)):
            value = run.seconds / floor.cold_parallel.seconds
            lines.append(f"cold build, {name}: {ratio(run, floor.cold_parallel)} the bare Sphinx "
                         f"-j build (target <= 1.3x): {verdict(value, 1.3)}")
    if mkdocs:
        best = min(ours.cold_serial, ours.cold_parallel, key=lambda run: run.seconds)
        lines.append(f"cold build, fastest of serial and -j: {ratio(best, mkdocs.cold_serial)} "
                     f"MkDocs Material (moonshot <= 0.6x): "
                     f"{verdict(best.seconds / mkdocs.cold_serial.seconds, 0.6)}")
        size = ours.output_bytes / mkdocs.output_bytes
        lines.append(f"output: {size:.2f}x MkDocs Material's (target <= 1.2x): {verdict(size, 1.2)}")
    median, listing = ours.median_article_bytes / 1000, ours.largest_listing_bytes / 1000
    rss = max(ours.cold_serial.peak_rss_mb, ours.cold_parallel.peak_rss_mb)
    lines += [f"median article page: {median:.1f} KB (target <= 30): {verdict(median, 30)}",
              f"largest listing page: {listing:.0f} KB (target <= 150): {verdict(listing, 150)}",
              f"peak RSS: {ours.cold_serial.peak_rss_mb:.0f} MB serial, "
              f"{ours.cold_parallel.peak_rss_mb:.0f} MB with -j (target < 400): {verdict(rss, 399.9)}"]
    for name, run, limit in (("body edit", ours.body_edit, 1.3), ("title edit", ours.title_edit, 2),
                             ("adding one article", ours.add_article, 3)):
        lines.append(f"{name}: {ratio(run, ours.noop)} the no-op (target <= {limit}x): "
                     f"{verdict(run.seconds / ours.noop.seconds, limit)}")
    return [f"{ours.corpus} N={n}: {line}" for line in lines]


def ratios(results: list[Result]) -> list[str]:
    """The issue's targets at each corpus's largest N, and the linear cost between sizes."""
    lines = []
    for corpus in dict.fromkeys(r.corpus for r in results):
        mine = [r for r in results if r.corpus == corpus]
        ours = {r.articles: r for r in mine if r.mode == "catalog"}
        by_mode = {(r.mode, r.articles): r for r in mine}
        for n in sorted(ours):
            stock = by_mode.get(("furo", n))
            if stock:
                lines.append(f"{corpus} N={n}: stock furo takes "
                             f"{ratio(stock.cold_serial, ours[n].cold_serial)} as long")
        sizes = sorted(ours)
        for small, big in zip(sizes, sizes[1:]):
            value = ours[big].cold_serial.seconds / ours[small].cold_serial.seconds
            target = f" (target for 1000/300 <= 3.4x): {verdict(value, 3.4)}" if (small, big) == (300, 1000) else ""
            lines.append(f"{corpus} cold build N={big} / N={small}: "
                         f"{ratio(ours[big].cold_serial, ours[small].cold_serial)} for "
                         f"{big / small:.2f}x the articles{target}")
        if sizes:
            n = sizes[-1]
            lines += _targets(ours[n], by_mode.get(("floor", n)), by_mode.get(("mkdocs", n)))
        for r in mine:
            lines += [f"INCORRECT at N={r.articles} ({r.corpus}, {r.mode}): {p}" for p in r.problems]
    return lines
