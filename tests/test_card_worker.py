"""Share images drawn in a child process: whole files, the same bytes as drawn in the build's
own process, and nothing half-written left behind by a stopped build."""

from __future__ import annotations

import subprocess
import sys

from fieldnotes.outputs import cardworker
from fieldnotes.outputs.cardimage import draw_card
from tests.building import build

CARD = ("No. 07 · GPU & Compute", "A title that wraps onto a second line of the card",
        "Jagadesh Rajendran · Field Notes", "#1d7044")


def test_child_draws_the_same_bytes_as_the_build_process(tmp_path):
    process = cardworker.start(tmp_path, {"x-0123.png": CARD})
    assert cardworker.finish(process) is None
    assert (tmp_path / "x-0123.png").read_bytes() == draw_card(*CARD)
    assert list(tmp_path.glob(f"*{cardworker.PARTIAL}")) == []


def test_the_child_imports_neither_sphinx_nor_docutils():
    """Every build starts the child, so its start-up is paid on every edit: it stays Pillow's."""
    code = ("import sys, runpy; runpy.run_module('fieldnotes.outputs.cardworker', run_name='__main__'); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sphinx', 'docutils', 'myst_parser'}))")
    shown = subprocess.run([sys.executable, "-c", code], input=b'{"folder": ".", "cards": {}}',
                           capture_output=True, check=True)
    assert shown.stdout.decode().strip() == "[]"


def test_a_failed_child_says_why(tmp_path):
    process = cardworker.start(tmp_path / "missing-folder", {"x-0123.png": CARD})
    failure = cardworker.finish(process)
    assert failure is not None and "missing-folder" in failure


def test_a_stopped_build_leaves_no_card_half_written(built_site):
    src, out = built_site, built_site / "_build/html"
    cards = sorted((out / "_share").glob("*.png"))
    # What a build stopped while drawing leaves: a card missing, and a partial file of a card
    # that is no longer wanted.
    cards[0].unlink()
    (out / "_share" / f"old-0123456789ab.png{cardworker.PARTIAL}").write_bytes(b"\x89PNG half")
    out, warnings = build(src)
    assert warnings == ""
    assert sorted((out / "_share").iterdir()) == cards


def test_the_worker_runs_as_a_module(tmp_path):
    """`python -m fieldnotes.outputs.cardworker`, as the build starts it."""
    job = f'{{"folder": "{tmp_path}", "cards": {{"y.png": {list(CARD)!r}}}}}'.replace("'", '"')
    result = subprocess.run([sys.executable, "-m", "fieldnotes.outputs.cardworker"], input=job,
                            text=True, capture_output=True, check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "y.png").read_bytes() == draw_card(*CARD)
