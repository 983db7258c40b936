"""Where conf.py sets a value: a warning about a setting names conf.py and that line."""

from __future__ import annotations

import re
from pathlib import Path


def setting_location(confdir: str | Path | None, name: str) -> str:
    """``<conf.py>:<line>`` of the last line that assigns ``name`` (the one that counts), or of
    line 1 when no line does (a value given with -D, say)."""
    path = Path(confdir or ".", "conf.py")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    assigns = re.compile(rf"\s*{re.escape(name)}\s*(?::[^=]*)?=(?!=)")
    found = [number for number, line in enumerate(lines, start=1) if assigns.match(line)]
    return f"{path}:{found[-1] if found else 1}"


def conf_line(confdir: str | Path, value: str, setting: str = "") -> str:
    """conf.py and the first line that quotes ``value``, on the line that names ``setting``
    when there is one (1 when it is set elsewhere), as file:line."""
    path = Path(confdir, "conf.py")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    quoting = [n for n, text in enumerate(lines, 1) if f'"{value}"' in text or f"'{value}'" in text]
    naming = [n for n in quoting if setting and setting in lines[n - 1]]
    return f"{path}:{(naming or quoting or [1])[0]}"
