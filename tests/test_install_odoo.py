"""scripts/install_odoo.sh and the start banner of scripts/run.sh, without network
nor PostgreSQL: a tiny fake "Odoo 19 source archive" (a package `odoo` whose `odoo`
command prints "Odoo Server 19.0", built by a backend of its own so that pip needs
nothing from an index) is installed into a virtual environment in a temporary folder.
"""

import hashlib
import http.server
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tarfile
import textwrap
import threading

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
INSTALL = ROOT / "scripts" / "install_odoo.sh"

BACKEND = '''
"""PEP 517/660 backend of the fake Odoo: wheels written by hand, nothing to install."""
import base64, hashlib, os, zipfile

NAME, VERSION = "odoo", "19.0"
HERE = os.path.dirname(os.path.abspath(__file__))
DIST = "%s-%s.dist-info" % (NAME, VERSION)


def _wheel(directory, files):
    files = dict(files)
    meta = "Metadata-Version: 2.1\\nName: %s\\nVersion: %s\\n" % (NAME, VERSION)
    files[DIST + "/METADATA"] = meta
    files[DIST + "/WHEEL"] = (
        "Wheel-Version: 1.0\\nGenerator: fake\\n"
        "Root-Is-Purelib: true\\nTag: py3-none-any\\n"
    )
    files[DIST + "/entry_points.txt"] = "[console_scripts]\\nodoo = odoo.cli:main\\n"
    record = []
    for path, text in files.items():
        data = text.encode()
        digest = hashlib.sha256(data).digest()
        digest = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        record.append("%s,sha256=%s,%d" % (path, digest, len(data)))
    record.append(DIST + "/RECORD,,")
    files[DIST + "/RECORD"] = "\\n".join(record) + "\\n"
    name = "%s-%s-py3-none-any.whl" % (NAME, VERSION)
    with zipfile.ZipFile(os.path.join(directory, name), "w") as whl:
        for path, text in files.items():
            whl.writestr(path, text)
    return name


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    files = {}
    for sub in ("__init__.py", "release.py", "cli.py"):
        with open(os.path.join(HERE, "odoo", sub)) as handle:
            files["odoo/" + sub] = handle.read()
    return _wheel(wheel_directory, files)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _wheel(wheel_directory, {"odoo_fake_editable.pth": HERE + "\\n"})
'''


FAKE_CLI = """
import http.server, sys, time


def main():
    # as Odoo does when run as root: the install must not take it for a failure
    print("Running as user root is a security risk.", file=sys.stderr)
    if "--version" in sys.argv:
        print("Odoo Server 19.0")
        return
    # serving: /web/login answers on the last --http-port given, for 3 seconds
    ports = [a.split("=")[1] for a in sys.argv if a.startswith("--http-port=")]

    class Login(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200 if self.path == "/web/login" else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", int(ports[-1])), Login)
    server.timeout = 0.2
    print("fake odoo serving", flush=True)
    stop = time.time() + 3
    while time.time() < stop:
        server.handle_request()
    print("fake odoo stopped", flush=True)
"""


def _fake_tree(parent, name="odoo-19.0"):
    tree = parent / name
    (tree / "odoo").mkdir(parents=True)
    (tree / "setup.py").write_text("# the fake's pyproject.toml backend builds it\n")
    (tree / "pyproject.toml").write_text(
        textwrap.dedent(
            """\
            [build-system]
            requires = []
            build-backend = "fake_backend"
            backend-path = ["."]
            """
        )
    )
    (tree / "fake_backend.py").write_text(BACKEND)
    (tree / "requirements.txt").write_text("# Odoo's Python requirements: none here\n")
    (tree / "odoo" / "__init__.py").write_text("")
    (tree / "odoo" / "release.py").write_text(
        "version_info = (19, 0, 0, 'final', 0, '')\n"
    )
    (tree / "odoo" / "cli.py").write_text(FAKE_CLI)
    return tree


def _sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    work = tmp_path_factory.mktemp("odoo-archive")
    tree = _fake_tree(work)
    path = work / "odoo_19.0.20260101.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        tar.add(tree, arcname=tree.name)
    return path


@pytest.fixture(scope="module")
def postgres():
    """A listening socket standing for a PostgreSQL server (PGHOST/PGPORT)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)

    def accept():
        while True:
            try:
                server.accept()[0].close()
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield str(server.getsockname()[1])
    server.close()


def _run(target, postgres, *args, stdin=subprocess.DEVNULL, **env):
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OMS_", "PG"))
    }
    environ.update(
        OMS_INSTALL_DIR=str(target),
        OMS_PYTHON=sys.executable,
        OMS_PIP_ARGS="--no-index --no-build-isolation",
        PGHOST="127.0.0.1",
        PGPORT=postgres,
        TMPDIR=str(target),
    )
    environ.update(env)
    return subprocess.run(
        [str(INSTALL), "--odoo-only", *args],
        env=environ,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _odoo_version(target):
    return subprocess.run(
        [str(target / ".venv" / "bin" / "odoo"), "--version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def _checkout(parent):
    """The scripts run.sh needs, in a folder standing for a fresh clone."""
    root = parent / "letzshop-oms"
    for path in (
        "scripts/run.sh",
        "scripts/lib.sh",
        "scripts/install_odoo.sh",
        "scripts/odoo-source.env",
        "scripts/check_requirements.py",
        "config/odoo.conf",
        "addons/letzshop_oms_demo/data/letzshop_oms_demo.xml",
    ):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, root / path)
    # no network here: nothing of ours to install, and the database exists already
    (root / "requirements.txt").write_text("# nothing\n")
    (root / "scripts" / "pg_admin.py").write_text("import sys\nsys.exit(0)\n")
    return root


def _path_without_odoo():
    return os.pathsep.join(
        d
        for d in os.environ["PATH"].split(os.pathsep)
        if d and not os.path.exists(os.path.join(d, "odoo"))
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory, archive, postgres):
    """scripts/run.sh on a fresh clone without Odoo: it installs Odoo (the fake) into
    ./.venv and serves. The tests that rerun the install share it: a venv costs
    seconds."""
    target = _checkout(tmp_path_factory.mktemp("clone"))
    port = _free_port()
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OMS_", "PG", "ODOO_"))
    }
    environ.update(
        PATH=_path_without_odoo(),
        OMS_ODOO_ARCHIVE=str(archive),
        OMS_ODOO_SHA256=_sha256(archive).upper(),
        OMS_PYTHON=sys.executable,
        OMS_PIP_ARGS="--no-index --no-build-isolation",
        PGHOST="127.0.0.1",
        PGPORT=postgres,
    )
    result = subprocess.run(
        [
            str(target / "scripts" / "run.sh"),
            "--install-odoo",
            "oms",
            "--",
            f"--http-port={port}",
        ],
        env=environ,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    result.port = port
    return target, result


def test_run_installs_odoo_then_serves_and_prints_the_logins(installed):
    target, result = installed
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert f"Creating the virtual environment {target}/.venv" in out
    assert f"Odoo Server 19.0 installed in {target}/.venv" in out
    assert "Next: scripts/run.sh" in out
    ready = f"Letzshop OMS is ready: http://localhost:{result.port} (database 'oms')"
    assert out.count(ready) == 1, out
    assert out.index("fake odoo serving") < out.index(ready)
    assert out.index(ready) < out.index("fake odoo stopped")
    for login in ("admin / admin", "vendor / vendor", "accountant / accountant"):
        assert login in out[out.index(ready) :]


def test_archive_is_verified_and_installed(installed, archive):
    target, result = installed
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"SHA-256 {_sha256(archive)} verified" in result.stdout
    assert _odoo_version(target) == "Odoo Server 19.0"
    # the odoo found in the venv is the fake, not the Odoo running these tests
    module = subprocess.run(
        [str(target / ".venv/bin/python"), "-c", "import odoo; print(odoo.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert module.startswith(str(target / ".odoo" / "src"))
    assert "Next: scripts/run.sh" in result.stdout
    # and scripts/run.sh / scripts/test.sh take it for Odoo 19, with its own Python
    found = subprocess.run(
        ["bash", "-c", 'source "$1/scripts/lib.sh"; find_odoo; echo "$ODOO_PY"']
        + ["_", str(ROOT)],
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("ODOO_")},
            "ODOO_BIN": str(target / ".venv/bin/odoo"),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == str(target / ".venv/bin/python")


def test_rerun_changes_nothing(installed, archive, postgres):
    target, first = installed
    assert first.returncode == 0
    stamp = (target / ".venv" / ".oms-odoo-installed").stat().st_mtime_ns
    again = _run(
        target,
        postgres,
        OMS_ODOO_ARCHIVE=str(archive),
        OMS_ODOO_SHA256=_sha256(archive),
    )
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Odoo source already extracted" in again.stdout
    assert "Odoo 19 already installed" in again.stdout
    assert "Creating the virtual environment" not in again.stdout
    assert "Installing" not in again.stdout
    assert (target / ".venv" / ".oms-odoo-installed").stat().st_mtime_ns == stamp
    assert _odoo_version(target) == "Odoo Server 19.0"


def test_interrupted_install_is_finished_by_a_rerun(installed, archive, postgres):
    target, first = installed
    assert first.returncode == 0
    # as if pip had stopped before Odoo itself was installed
    (target / ".venv" / ".oms-odoo-installed").unlink()
    (target / ".venv" / "bin" / "odoo").unlink()
    result = _run(
        target,
        postgres,
        OMS_ODOO_ARCHIVE=str(archive),
        OMS_ODOO_SHA256=_sha256(archive),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Creating the virtual environment" not in result.stdout
    assert "Installing Odoo 19 from" in result.stdout
    assert _odoo_version(target) == "Odoo Server 19.0"
    assert (target / ".venv" / ".oms-odoo-installed").exists()


def test_download_unverified_only_with_no_verify(installed, archive, postgres):
    target, first = installed
    assert first.returncode == 0
    if not shutil.which("curl") and not shutil.which("wget"):
        pytest.skip("neither curl nor wget to fetch a file:// URL")
    result = _run(target, postgres, "--no-verify", OMS_ODOO_URL=archive.as_uri())
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"SHA-256 {_sha256(archive)} (not verified)" in result.stdout
    assert "Odoo 19 already installed" in result.stdout  # the same archive
    assert not list(target.glob("odoo-19.0.*"))  # the download is not left behind


def test_wrong_checksum_is_refused_and_nothing_installed(tmp_path, archive, postgres):
    wrong = "0" * 64
    result = _run(
        tmp_path, postgres, OMS_ODOO_ARCHIVE=str(archive), OMS_ODOO_SHA256=wrong
    )
    assert result.returncode != 0
    assert (
        f"wrong checksum for {archive}: expected SHA-256 {wrong}, "
        f"got {_sha256(archive)}; nothing was installed"
    ) in result.stderr
    assert not (tmp_path / ".venv").exists()
    assert not (tmp_path / ".odoo").exists()
    assert archive.exists()  # the user's file is left alone


def test_download_without_checksum_is_refused(tmp_path, archive, postgres):
    url = archive.as_uri()
    refused = _run(tmp_path, postgres, OMS_ODOO_URL=url)
    assert refused.returncode != 0
    assert "set OMS_ODOO_SHA256" in refused.stderr
    assert "--no-verify" in refused.stderr
    assert not (tmp_path / ".venv").exists()
    assert not (tmp_path / ".odoo").exists()

    wrong = _run(tmp_path, postgres, OMS_ODOO_URL=url, OMS_ODOO_SHA256="f" * 64)
    assert wrong.returncode != 0
    assert f"wrong checksum for {url} (downloaded file removed)" in wrong.stderr
    assert not (tmp_path / ".odoo").exists()
    assert not list(tmp_path.glob("odoo-19.0.*"))  # the download is not left behind


def test_unreachable_archive_says_so(tmp_path, postgres):
    result = _run(
        tmp_path,
        postgres,
        OMS_ODOO_URL=(tmp_path / "missing.tar.gz").as_uri(),
        OMS_ODOO_SHA256="a" * 64,
    )
    assert result.returncode != 0
    assert "could not download" in result.stderr
    assert not (tmp_path / ".venv").exists()


def test_source_folder_is_installed_as_it_is_after_a_pip_failure(tmp_path, postgres):
    tree = _fake_tree(tmp_path / "checkout", name="odoo")
    (tree / "requirements.txt").write_text("oms-no-such-package==1.0\n")
    target = tmp_path / "target"
    target.mkdir()
    failed = _run(target, postgres, OMS_ODOO_SRC=str(tree))
    assert failed.returncode != 0
    assert (
        f"pip could not install Odoo's requirements ({tree}/requirements.txt) "
        f"into {target}/.venv"
    ) in failed.stderr
    assert "Run scripts/install_odoo.sh again once fixed." in failed.stderr
    assert not (target / ".venv" / ".oms-odoo-installed").exists()
    assert not (target / ".venv" / "bin" / "odoo").exists()

    (tree / "requirements.txt").write_text("# fixed\n")
    result = _run(target, postgres, OMS_ODOO_SRC=str(tree))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Creating the virtual environment" not in result.stdout  # kept
    assert _odoo_version(target) == "Odoo Server 19.0"
    assert not (target / ".odoo").exists()  # nothing extracted
    (tree / "odoo" / "cli.py").write_text(
        "def main():\n    print('Odoo Server 19.0+e')\n"
    )
    assert _odoo_version(target) == "Odoo Server 19.0+e"  # editable: the folder runs


def test_checksum_pasted_at_the_terminal(installed, archive, postgres):
    target, first = installed
    assert first.returncode == 0
    if not shutil.which("curl") and not shutil.which("wget"):
        pytest.skip("neither curl nor wget to fetch a file:// URL")
    primary, secondary = os.openpty()
    os.write(primary, b"0000\n")
    try:
        refused = _run(target, postgres, stdin=secondary, OMS_ODOO_URL=archive.as_uri())
    finally:
        os.close(secondary)
        os.close(primary)
    assert refused.returncode != 0
    assert "SHA-256: " in refused.stderr  # asked
    assert "'0000' is not a SHA-256 (64 hexadecimal digits)" in refused.stderr

    primary, secondary = os.openpty()
    os.write(primary, _sha256(archive).encode() + b"\n")
    try:
        result = _run(target, postgres, stdin=secondary, OMS_ODOO_URL=archive.as_uri())
    finally:
        os.close(secondary)
        os.close(primary)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "copy the SHA-256 listed for it" in result.stdout
    assert f"SHA-256 {_sha256(archive)} verified" in result.stdout


def test_malformed_checksum_is_refused(tmp_path, archive, postgres):
    result = _run(
        tmp_path, postgres, OMS_ODOO_ARCHIVE=str(archive), OMS_ODOO_SHA256="abc"
    )
    assert result.returncode != 0
    assert "OMS_ODOO_SHA256 is not a SHA-256 (64 hexadecimal digits): 'abc'" in (
        result.stderr
    )
    assert not (tmp_path / ".odoo").exists()


def test_not_odoo_19_is_refused(tmp_path, postgres):
    tree = _fake_tree(tmp_path, name="odoo-18")
    (tree / "odoo" / "release.py").write_text(
        "version_info = (18, 0, 0, 'final', 0, '')\n"
    )
    result = _run(tmp_path, postgres, OMS_ODOO_SRC=str(tree))
    assert result.returncode != 0
    assert "is not Odoo 19" in result.stderr
    assert not (tmp_path / ".venv").exists()


def test_missing_postgresql_is_named_before_anything_is_installed(tmp_path, archive):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    result = _run(
        tmp_path,
        port,
        OMS_ODOO_ARCHIVE=str(archive),
        OMS_ODOO_SHA256=_sha256(archive),
    )
    assert result.returncode != 0
    assert f"no PostgreSQL answers at PGHOST=127.0.0.1 PGPORT={port}" in result.stderr
    assert not (tmp_path / ".venv").exists()


def test_old_python_is_refused(tmp_path, postgres):
    old = tmp_path / "python3.9"
    old.write_text(
        "#!/bin/sh\n"
        'case "$*" in *"sys.exit(sys.version_info"*) exit 1;; '
        '*"%d.%d"*) echo 3.9;; esac\n'
    )
    old.chmod(0o755)
    result = _run(tmp_path, postgres, OMS_PYTHON=str(old), OMS_ODOO_SRC=str(tmp_path))
    assert result.returncode != 0
    assert "Odoo 19 needs Python 3.10 or newer" in result.stderr
    assert "Python 3.9" in result.stderr


def test_run_without_odoo_and_without_a_terminal_says_how_to_install(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "dirname", "basename", "cat", "head", "python3"):
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OMS_", "ODOO_"))
    }
    environ["PATH"] = str(bin_dir)
    if (ROOT / ".venv" / ".oms-odoo-installed").exists():
        pytest.skip("this checkout has Odoo installed in .venv")
    result = subprocess.run(
        [str(ROOT / "scripts" / "run.sh")],
        env=environ,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "Odoo 19 is not installed here" in result.stdout
    assert "run scripts/run.sh --install-odoo" in result.stderr
    assert not (ROOT / ".venv").exists()


def test_run_without_odoo_asks_before_installing(tmp_path):
    """At a terminal, run.sh asks; anything but yes installs nothing."""
    if (ROOT / ".venv" / ".oms-odoo-installed").exists():
        pytest.skip("this checkout has Odoo installed in .venv")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "dirname", "basename", "cat", "head", "python3"):
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OMS_", "ODOO_"))
    }
    environ["PATH"] = str(bin_dir)
    primary, secondary = os.openpty()
    os.write(primary, b"n\n")
    try:
        result = subprocess.run(
            [str(ROOT / "scripts" / "run.sh")],
            env=environ,
            stdin=secondary,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(secondary)
        os.close(primary)
    assert result.returncode != 0
    assert "Install Odoo 19 Community into ./.venv? [y/N]" in result.stderr
    assert "run scripts/run.sh --install-odoo" in result.stderr
    assert not (ROOT / ".venv").exists()
    assert not (ROOT / ".odoo").exists()


# The banner: printed once, and only once the server answers.

SERVER = """
import http.server, sys, time
time.sleep(1.5)  # loading the registry
class Login(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/web/login" else 404)
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Login)
print("listening", flush=True)
server.timeout = 0.2
stop = time.time() + 4
while time.time() < stop:
    server.handle_request()
print("stopped", flush=True)
sys.exit(3)
"""


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(tmp_path, server_code, port):
    script = tmp_path / "server.py"
    script.write_text(server_code)
    return subprocess.run(
        [
            "bash",
            "-c",
            (
                'source "$1/scripts/lib.sh"; '
                'serve_with_banner "http://127.0.0.1:$2/web/login" oms -- '
                'python3 "$3" "$2"'
            ),
            "_",
            str(ROOT),
            str(port),
            str(script),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_banner_prints_logins_once_the_server_answers(tmp_path):
    result = _serve(tmp_path, SERVER, _free_port())
    out = result.stdout
    assert result.returncode == 3  # the server's own exit status
    assert out.count("Letzshop OMS is ready") == 1, out
    assert (
        out.index("listening")
        < out.index("Letzshop OMS is ready")
        < out.index("stopped")
    )
    assert "(database 'oms')" in out
    for login in (
        "admin / admin",
        "vendor / vendor",
        "warehouse / warehouse",
        "accountant / accountant",
    ):
        assert login in out


def test_no_banner_when_the_server_never_answers(tmp_path):
    never = (
        "import sys, time\ntime.sleep(2)\nprint('gave up', flush=True)\nsys.exit(1)\n"
    )
    result = _serve(tmp_path, never, _free_port())
    assert result.returncode == 1
    assert "gave up" in result.stdout
    assert "Letzshop OMS is ready" not in result.stdout


def test_demo_logins_are_the_demo_users():
    xml = (ROOT / "addons/letzshop_oms_demo/data/letzshop_oms_demo.xml").read_text()
    out = subprocess.run(
        ["bash", "-c", 'source "$1/scripts/lib.sh"; demo_logins', "_", str(ROOT)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert out == [
        "vendor / vendor",
        "warehouse / warehouse",
        "accountant / accountant",
    ]
    for line in out:
        login = line.split(" / ")[0]
        assert f'<field name="login">{login}</field>' in xml


def test_wait_for_http_gives_up_after_its_time(tmp_path):
    port = _free_port()
    result = subprocess.run(
        [
            "bash",
            "-c",
            'source "$1/scripts/lib.sh"; wait_for_http "http://127.0.0.1:$2/" 2',
            "_",
            str(ROOT),
            str(port),
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 1
    # and answers as soon as something serves
    handler = http.server.SimpleHTTPRequestHandler
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        ok = subprocess.run(
            [
                "bash",
                "-c",
                'source "$1/scripts/lib.sh"; wait_for_http "http://127.0.0.1:$2/" 10',
                "_",
                str(ROOT),
                str(server.server_address[1]),
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    finally:
        server.shutdown()
    assert ok.returncode == 0
