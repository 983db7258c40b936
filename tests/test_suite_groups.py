"""The suite's own promise to its runner: tests that share an expensive fixture run on one
pytest-xdist worker, through `make test`'s real command. pytest 9.2 broke this silently
(pytest-dev/pytest-xdist#1386): the tests ran, each worker built the fixture again."""

from __future__ import annotations

import ast
import os
import shlex
import subprocess
import sys

from tests.siteconf import REPO

GROUPED = '''
import os, pytest

pytestmark = pytest.mark.xdist_group("shared")

@pytest.mark.parametrize("case", range(6))
def test_grouped(case, tmp_path_factory):
    folder = tmp_path_factory.getbasetemp().parent
    (folder / f"grouped-{case}").write_text(os.environ["PYTEST_XDIST_WORKER"])
'''
UNGROUPED = '''
import os, pytest, time

@pytest.mark.parametrize("case", range(6))
def test_alone(case, tmp_path_factory):
    time.sleep(0.2)  # long enough that both workers take some
    folder = tmp_path_factory.getbasetemp().parent
    (folder / f"alone-{case}").write_text(os.environ["PYTEST_XDIST_WORKER"])
'''


def _make_test_command() -> list[str]:
    """The pytest arguments `make test` passes, as make prints them."""
    printed = subprocess.run(["make", "-s", "-n", "-o", ".venv/.installed", "-o",
                              "node_modules/.test-tools", "test", "TESTJOBS=2"],
                             cwd=REPO, capture_output=True, text=True, check=True).stdout
    [line] = [line for line in printed.splitlines() if " -m pytest " in line]
    return shlex.split(line.split(" -m pytest ", 1)[1])


def test_make_test_keeps_each_group_on_one_worker(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "pytest.ini").write_text("[pytest]\n")
    (project / "test_grouped.py").write_text(GROUPED)
    (project / "test_alone.py").write_text(UNGROUPED)
    base = tmp_path / "base"
    # A run of its own, even when this test runs on a worker of the suite's run.
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    result = subprocess.run([sys.executable, "-m", "pytest", *_make_test_command(), "-p",
                             "no:cacheprovider", "--basetemp", str(base), str(project)],
                            cwd=project, env=environment, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout[-2000:]
    workers = {p.name: p.read_text() for p in base.glob("*-*") if p.is_file()}
    grouped = {w for name, w in workers.items() if name.startswith("grouped-")}
    alone = {w for name, w in workers.items() if name.startswith("alone-")}
    assert len([n for n in workers if n.startswith("grouped-")]) == 6
    assert len(alone) == 2, "the ungrouped tests should spread over both workers"
    assert len(grouped) == 1, f"one xdist_group ran on workers {sorted(grouped)}"


def _modules_building_per_worker(folder) -> list[str]:
    """Test modules with a module-scoped fixture and no xdist_group: pytest-xdist spreads their
    tests over the workers, and each worker then runs the fixture again."""
    found = []
    for path in sorted(folder.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_scoped = any(
            isinstance(decorator, ast.Call) and any(
                k.arg == "scope" and getattr(k.value, "value", None) == "module"
                for k in decorator.keywords)
            for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
            for decorator in node.decorator_list)
        grouped = any(isinstance(node, ast.Attribute) and node.attr == "xdist_group"
                      for node in ast.walk(tree))
        if module_scoped and not grouped:
            found.append(path.name)
    return found


def test_a_module_fixture_runs_once_a_run(tmp_path):
    assert _modules_building_per_worker(REPO / "tests") == []
    # The check sees a module that would build on every worker.
    (tmp_path / "test_spread.py").write_text(
        'import pytest\n\n@pytest.fixture(scope="module")\ndef built():\n    return 1\n')
    assert _modules_building_per_worker(tmp_path) == ["test_spread.py"]
