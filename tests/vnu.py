"""The Nu HTML Checker (vnu) as one local web service for a whole test run, shared by its
pytest-xdist workers: starting Java costs about a hundred times what checking a page does, so
the first check of the run starts it and the process that runs or leads the run stops it."""

from __future__ import annotations

import contextlib
import functools
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock

from tests.java import JAVA
from tests.siteconf import REPO

VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Workers inherit it from the process that leads the run: where the service's port, pid and
# log are, for every process of the run.
FOLDER_VARIABLE = "FIELDNOTES_TEST_VNU_FOLDER"
# It reads its schemas and the HTML spec first: about 5 s on an idle machine.
STARTUP_SECONDS = 120
CHECK_SECONDS = 120
USER_AGENT = {"User-Agent": "fieldnotes-tests"}  # it refuses requests without one (400)
_started: list[subprocess.Popen] = []  # kept, so that the leading process can reap its own


def make_run_folder() -> None:
    os.environ[FOLDER_VARIABLE] = tempfile.mkdtemp(prefix="fieldnotes-test-vnu-")


def stop_service() -> None:
    folder = os.environ.pop(FOLDER_VARIABLE, None)
    if folder is None:
        return
    record = Path(folder) / "service.json"
    if record.exists():
        # Killed outright: the service keeps nothing a clean shutdown would save.
        with contextlib.suppress(ProcessLookupError):
            os.kill(json.loads(record.read_text())["pid"], signal.SIGKILL)
        for process in _started:
            process.wait()
    shutil.rmtree(folder, ignore_errors=True)


def messages(pages: list[Path]) -> Iterator[tuple[Path, dict]]:
    """Each page with each message the checker gives about it, as its JSON output has it."""
    connection = http.client.HTTPConnection("127.0.0.1", _port(), timeout=CHECK_SECONDS)
    try:
        for page in pages:
            connection.request("POST", "/?out=json", body=page.read_bytes(),
                               headers={**USER_AGENT, "Content-Type": "text/html; charset=utf-8"})
            response = connection.getresponse()
            body = response.read()
            if response.status != 200:
                pytest.fail(f"the HTML checker answered {response.status} for {page}: "
                            f"{body[:500]!r}", pytrace=False)
            for message in json.loads(body)["messages"]:
                yield page, message
    finally:
        connection.close()


@functools.cache
def _port() -> int:
    folder = Path(os.environ[FOLDER_VARIABLE])
    record = folder / "service.json"
    with FileLock(folder / "lock"):
        if not record.exists():
            record.write_text(json.dumps(_start(folder / "vnu.log")))
    return json.loads(record.read_text())["port"]


def _start(log: Path) -> dict[str, int]:
    port = _free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*JAVA, "-Dnu.validator.servlet.bind-address=127.0.0.1", "-cp", str(VNU_JAR),
             "nu.validator.servlet.Main", str(port)],
            stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT)
    _started.append(process)
    deadline = time.monotonic() + STARTUP_SECONDS
    while not _answers(port):
        if process.poll() is not None:
            problem = f"exited with status {process.returncode}"
        elif time.monotonic() > deadline:
            problem = f"did not answer on port {port} within {STARTUP_SECONDS} s"
            process.kill()
            process.wait()
        else:
            time.sleep(0.2)
            continue
        pytest.fail(f"the HTML checker service {problem}; its log:\n{log.read_text()}",
                    pytrace=False)
    return {"port": port, "pid": process.pid}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/", headers=USER_AGENT)
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()
