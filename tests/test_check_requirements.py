"""scripts/check_requirements.py tells scripts/lib.sh when to run pip: a missing
package, one older than its lower bound, or one at or above its upper bound."""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _check(tmp_path, line):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(f"# a comment\n{line}  # why\n")
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_requirements.py"), requirements],
        capture_output=True,
        text=True,
        check=False,
    )


def test_installed_within_bounds_needs_nothing(tmp_path):
    assert _check(tmp_path, "pip>=1,<100000").returncode == 0


def test_below_the_lower_bound_is_missing(tmp_path):
    done = _check(tmp_path, "pip>=100000")
    assert done.returncode == 1
    assert "pip>=100000 (found " in done.stdout


def test_at_or_above_the_upper_bound_is_missing(tmp_path):
    done = _check(tmp_path, "pip>=1,<2")
    assert done.returncode == 1
    assert "pip<2 (found " in done.stdout


def test_a_package_not_installed_is_missing(tmp_path):
    done = _check(tmp_path, "no-such-package-for-oms>=1")
    assert done.returncode == 1
    assert "no-such-package-for-oms" in done.stdout


def test_the_websocket_worker_can_start():
    """gevent 22.10 (Odoo 19 on Python 3.11) imports pkg_resources at start: the
    requirements keep a setuptools that has it."""
    assert "setuptools>=40,<82" in (ROOT / "requirements.txt").read_text()
    done = subprocess.run(
        [sys.executable, "-c", "import gevent.events"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
