"""Write a generated site into a folder of its own and build it with the strict command, as a
child process with a timeout, so that a hang or a crash is contained and reported."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import ROOTS
from tests.hostile.strategies import Site
from tests.siteconf import REPO

CANARY_NAME = "canary.txt"
BENIGN_ARTICLE = """---
title: A Benign Article
number: 1
category: infrastructure
date: 2026-11-25
summary: The article every generated site has, with a diagram and a formula.
tags: [kafka]
---

Text with a [link](https://example.org/) and math {math}`a^2`.

```mermaid
graph TD
A --> B
```

(benign-target)=
## A section

More text.
"""


@dataclass
class Built:
    """One strict build of a site: where it is, and what the command gave."""

    base: Path  # the site's parent: the canary lies here, nothing may be written here
    src: Path
    out: Path
    returncode: int | None  # None: it did not finish in time
    log: str
    canary: str
    written_outside: list[str] = field(default_factory=list)


def write_site(site: Site, base: Path) -> tuple[Path, str]:
    """The site under ``base``/site, the canary beside it; its canary's token."""
    token = f"fieldnotes-canary-{secrets.token_hex(8)}"
    (base / CANARY_NAME).write_text(token, encoding="utf-8")
    src = base / "site"
    (src / "articles").mkdir(parents=True)
    shutil.copy(ROOTS / "test-minisite" / "index.md", src / "index.md")
    (src / "conf.py").write_text("from tests.siteconf import *  # noqa: F403\n"
                                 + "".join(f"{line}\n" for line in site.config), encoding="utf-8")
    (src / "articles" / "01-benign.md").write_text(BENIGN_ARTICLE, encoding="utf-8")
    absolute, relative = str(base / CANARY_NAME), f"../../{CANARY_NAME}"
    for article in site.articles:
        text = (article.text().replace("@CANARY_ABS@", absolute)
                .replace("@CANARY_REL@", relative))
        path = src / "articles" / f"{article.stem}{article.suffix}"
        # surrogates and other unencodable characters are written as the bytes they would be
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
    if site.symlink_loop:
        os.symlink(src / "articles", src / "articles" / "loop")
        os.symlink("self.md", src / "articles" / "self.md")
    return src, token


def snapshot(base: Path, skip: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``base`` but those under ``skip``: its size and modification time."""
    found = {}
    for folder, dirs, files in os.walk(base):
        if Path(folder) == skip:
            dirs.clear()
            continue
        for name in files:
            path = Path(folder) / name
            if path.is_symlink():
                continue
            stat = path.stat()
            found[str(path.relative_to(base))] = (stat.st_size, stat.st_mtime_ns)
    return found


def strict_build(src: Path, out: Path, *, jobs: int = 1, timeout: float = 120) -> tuple[int | None, str]:
    """The documented strict command; its return code (None on timeout) and its output."""
    command = [sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-n", "-b", "html",
               "-d", str(out.parent / "doctrees"), str(src), str(out)]
    if jobs > 1:
        command[3:3] = ["-j", str(jobs)]
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        done = subprocess.run(command, capture_output=True, env=environment, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired as expired:
        output = (expired.stdout or b"") + (expired.stderr or b"")
        return None, output.decode("utf-8", "replace")
    return done.returncode, (done.stdout + done.stderr).decode("utf-8", "replace")


def build_site(site: Site, base: Path, *, timeout: float = 120) -> Built:
    src, token = write_site(site, base)
    build_dir = src / "_build"
    before = snapshot(base, build_dir)
    returncode, log = strict_build(src, build_dir / "html", timeout=timeout)
    after = snapshot(base, build_dir)
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    # Kept beside the site (after the snapshot), for whoever looks into a broken one.
    (base / "build.log").write_text(log, encoding="utf-8")
    return Built(base, src, build_dir / "html", returncode, log, token, changed)
