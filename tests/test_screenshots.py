"""scripts/screenshots.py takes the demo vendor's OMS home, not a login page."""

import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "screenshots.py"


def _png_size(path):
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def _run(server, out, *extra, login="vendor", password="vendor"):
    return subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--url",
            server["url"],
            "--db",
            server["db"],
            "--login",
            login,
            "--password",
            password,
            "--out",
            str(out),
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def chromium():
    if not shutil.which("chromium"):
        pytest.skip("no chromium on this machine")


def test_home_at_desktop_and_phone_size(oms_server, chromium, tmp_path):
    result = _run(oms_server, tmp_path, "--settle", "0.5", "--full")
    assert result.returncode == 0, result.stdout + result.stderr
    # the phone is drawn at twice its CSS size (a phone screen's density)
    assert _png_size(tmp_path / "home_desktop.png") == (1366, 768)
    assert _png_size(tmp_path / "home_phone.png") == (780, 1688)
    # the whole home, taller than the window: the figures under the tiles
    width, height = _png_size(tmp_path / "home_desktop_full.png")
    assert width == 1366 and height > 768
    width, height = _png_size(tmp_path / "home_phone_full.png")
    assert width == 780 and height > 1688


def test_a_screen_that_does_not_load_is_not_saved(oms_server, chromium, tmp_path):
    result = _run(
        oms_server,
        tmp_path,
        "--shot",
        # the web client shows the home instead: not the screen asked for
        "nothing=/odoo/action-letzshop_oms.no_such_action@.o_no_such_screen",
        "--size",
        "desktop=800x600",
        "--timeout",
        "10",
    )
    assert result.returncode == 1
    assert "not taken" in result.stdout
    assert not (tmp_path / "nothing_desktop.png").exists()


def test_a_refused_login_says_so(oms_server, chromium, tmp_path):
    result = _run(oms_server, tmp_path, password="wrong")
    assert result.returncode != 0
    assert "login as vendor" in result.stderr
    assert not list(tmp_path.iterdir())
