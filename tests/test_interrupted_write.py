"""An interrupted write (the process killed mid-write) leaves the earlier output intact."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import zipfile

from tests.scenario_factory import BASE


def big_scenario(lines: int) -> str:
    parts = [BASE]
    for index in range(lines):
        parts.append(f'[projects.p{index}]\nname = "Projekt {index}"\namounts = {{ 2021 = {index}, 2022 = {index + 1} }}\n')
    return "\n".join(parts)


def test_killed_mid_write_leaves_the_earlier_workbook(tmp_path):
    scenario = tmp_path / "stor.toml"
    scenario.write_text(big_scenario(4000), encoding="utf-8")
    target = tmp_path / "ut.xlsx"
    target.write_bytes(b"tidigare arbetsbok")
    command = [sys.executable, "-m", "finsam_budget", "plan", str(scenario), "-o", str(target), "--force"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".ut.xlsx.*.tmp")):
        assert process.poll() is None, "the command ended before it started writing"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert target.read_bytes() == b"tidigare arbetsbok"

    # The same command left alone replaces it with a complete workbook.
    subprocess.run(command, check=False, capture_output=True)
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
