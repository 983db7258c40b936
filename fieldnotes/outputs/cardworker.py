"""Share images drawn in a child process while Sphinx reads and writes the pages.

Drawing is a quarter of a cold build's CPU at 1,000 articles (Pillow's text, palette and PNG
encoder), and none of it needs Sphinx, so the build hands the missing cards to a child process
once the catalog is known and collects it when the build ends: on two cores the cards cost
no wall time of a serial build. Each card is written to a temporary name and renamed, so a
card file is always whole, even when the build is stopped.

    python -m fieldnotes.outputs.cardworker < cards.json
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import fieldnotes

PARTIAL = ".partial"


def start(folder: Path, cards: dict[str, tuple[str, ...]]) -> subprocess.Popen | None:
    """Start drawing ``cards`` (file name -> what it shows) into ``folder``; None if none."""
    if not cards:
        return None
    package_root = str(Path(fieldnotes.__file__).resolve().parents[1])
    path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
    process = subprocess.Popen([sys.executable, "-m", "fieldnotes.outputs.cardworker"],
                               stdin=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": path})
    process.stdin.write(json.dumps({"folder": str(folder), "cards": cards}).encode())
    process.stdin.close()
    return process


def finish(process: subprocess.Popen, *, stop: bool = False) -> str | None:
    """Wait for the child (or stop it); the end of its error output if it failed."""
    if stop:
        process.kill()
    errors = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.wait() != 0 and not stop:
        return errors[-2000:] or f"exit status {process.returncode}"
    return None


def main() -> None:
    from fieldnotes.outputs.cardimage import draw_card

    job = json.load(sys.stdin)
    folder = Path(job["folder"])
    for name, (kicker, title, footer, colour) in job["cards"].items():
        partial = folder / (name + PARTIAL)
        try:
            partial.write_bytes(draw_card(kicker, title, footer, colour))
            partial.replace(folder / name)
        except OSError as error:
            # One line for the build's warning (sharecards.py), not a traceback.
            partial.unlink(missing_ok=True)
            sys.exit(f"{error.filename}: {error.strerror}")


if __name__ == "__main__":
    main()
