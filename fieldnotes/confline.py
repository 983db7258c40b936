"""Where conf.py sets a value, for warnings about that setting."""

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
