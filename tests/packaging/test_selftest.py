"""`passerelle --self-test` from the source tree: all checks pass, and a broken part fails with one line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from appliance.service import selftest
from tests.packaging.conftest import ROOT, clean_env


def test_self_test_passes_from_the_source_tree() -> None:
    result = subprocess.run([sys.executable, "-m", "appliance.cli", "--self-test"], cwd=ROOT, timeout=120,
                            env=clean_env(PATH=f"{ROOT / '.venv' / 'bin'}:/usr/bin:/bin"),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    checks = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("ok")]
    assert checks == ["site", "keys", "database", "engine", "window"]


def test_a_failing_check_is_one_line_and_exit_code_1(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(selftest, "RENDER_MODULE", "ui.no_such_module")
    assert selftest.run_self_test(verbose=False) == 1
    out = capsys.readouterr().out
    [line] = [line for line in out.splitlines() if line.startswith("FAIL")]
    assert line.split()[1] == "window" and "ModuleNotFoundError" in line
    assert "Traceback" not in out
    assert out.splitlines()[-1] == "self-test FAILED: window"
