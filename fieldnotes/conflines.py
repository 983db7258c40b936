"""Where conf.py sets a value: a warning about a setting names conf.py and that line."""

from __future__ import annotations

from pathlib import Path


def conf_line(confdir: str | Path, value: str, setting: str = "") -> str:
    """conf.py and the first line that quotes ``value``, on the line that names ``setting``
    when there is one (1 when it is set elsewhere), as file:line."""
    path = Path(confdir, "conf.py")
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    quoting = [n for n, text in enumerate(lines, 1) if f'"{value}"' in text or f"'{value}'" in text]
    naming = [n for n in quoting if setting and setting in lines[n - 1]]
    return f"{path}:{(naming or quoting or [1])[0]}"
