"""The scale-out profile (docker-compose.scale.yml, config/nginx-scale.conf) holds
together: one job node, web nodes without crons nor job runner, one shared
filestore, the proxy in front of every web node. Docker is not needed; when
`docker compose` is there, it validates the file as well."""

import pathlib
import re
import shutil
import subprocess

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.scale.yml"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE.read_text())


def _odoo_services(compose):
    return {
        name: service
        for name, service in compose["services"].items()
        if service.get("image", "").startswith("odoo:")
    }


def _options(service):
    return [part for part in service["command"] if str(part).startswith("--")]


def test_one_job_node_runs_the_runner_and_the_crons(compose):
    nodes = {
        name: _options(service)
        for name, service in _odoo_services(compose).items()
        if "node" in service["command"]
    }
    assert set(nodes) == {"web", "jobs"}
    runners = [
        name for name, opts in nodes.items() if any("queue_job" in o for o in opts)
    ]
    assert runners == ["jobs"]
    assert "--max-cron-threads=0" in nodes["web"]
    assert "--max-cron-threads=2" in nodes["jobs"]
    env = compose["services"]["jobs"]["environment"]
    assert env["ODOO_QUEUE_JOB_HOST"] == "127.0.0.1"
    for opts in nodes.values():
        assert "--proxy-mode" in opts  # client addresses for per-IP limits
        assert any(
            o.startswith("--workers=") and int(o.split("=")[1]) >= 2 for o in opts
        )


def test_nodes_come_back_after_a_database_restart(compose):
    # Odoo's prefork master exits when PostgreSQL goes away (scripts/load shows it)
    for name in ("web", "jobs"):
        assert compose["services"][name]["restart"] == "unless-stopped"
    assert compose["services"]["init"]["restart"] == "no"


def test_every_node_shares_the_filestore_and_the_database(compose):
    for name, service in _odoo_services(compose).items():
        assert "filestore:/var/lib/odoo" in service["volumes"], name
        assert service["environment"]["PGHOST"] == "db", name
    assert "filestore" in compose["volumes"]
    assert compose["services"]["web"]["deploy"]["replicas"] >= 2


def test_nodes_wait_for_the_database_to_be_created(compose):
    for name in ("web", "jobs"):
        depends = compose["services"][name]["depends_on"]
        assert depends["init"]["condition"] == "service_completed_successfully"
    assert compose["services"]["init"]["command"][-1] == "init"
    script = (ROOT / "scripts" / "docker-odoo.sh").read_text()
    assert "serve | init | node)" in script
    subprocess.run(["bash", "-n", str(ROOT / "scripts" / "docker-odoo.sh")], check=True)


def test_the_proxy_serves_every_web_node(compose):
    proxy = compose["services"]["proxy"]
    mount = proxy["volumes"][0].split(":")
    conf = (ROOT / mount[0]).read_text()
    assert mount[1] == "/etc/nginx/conf.d/default.conf"
    assert re.search(r"upstream odoo_web \{\s*server web:8069;", conf)
    assert re.search(r"upstream odoo_websocket \{\s*server web:8072;", conf)
    assert "--gevent-port=8072" in _options(compose["services"]["web"])
    assert "X-Forwarded-For" in conf
    assert proxy["ports"] == ["8069:80"]


@pytest.mark.skipif(
    subprocess.run(
        ["docker", "compose", "version"], capture_output=True, check=False
    ).returncode
    != 0
    if shutil.which("docker")
    else True,
    reason="docker compose is not installed here",
)
def test_docker_compose_accepts_the_file():
    subprocess.run(
        ["docker", "compose", "-f", str(COMPOSE), "config", "-q"], check=True, cwd=ROOT
    )


def _load_topology():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "topology", ROOT / "scripts" / "load" / "topology.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_load_suite_runs_the_profile_proxy_file(tmp_path):
    """scripts/load --topology scale serves config/nginx-scale.conf itself, only
    with local ports for Docker's service names; nginx accepts the result."""
    topology = _load_topology()
    shipped = (ROOT / "config" / "nginx-scale.conf").read_text()
    # the port the client typed is kept: links and the PDF styles point back to it
    assert "proxy_set_header X-Forwarded-Host $http_host;" in shipped
    site = topology.nginx_site(shipped, 8080, [9001, 9002], [9101, 9102], "a.log")
    assert "server web:" not in site
    assert "listen 127.0.0.1:8080;" in site
    assert re.search(
        r"upstream odoo_web \{\s*server 127.0.0.1:9001;\s*server 127.0.0.1:9002;", site
    )
    assert re.search(r"upstream odoo_websocket \{\s*server 127.0.0.1:9101;", site)
    for line in shipped.splitlines():
        if "proxy_set_header" in line or "location" in line:
            assert line in site, line
    nginx = topology.nginx_binary()
    if not nginx:
        pytest.skip("nginx is not installed here")
    (tmp_path / "site.conf").write_text(site.replace("a.log", str(tmp_path / "a.log")))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'};\n"
        "events {}\nhttp {\n    log_format upstream '$status $upstream_addr';\n"
        f"    include {tmp_path / 'site.conf'};\n}}\n"
    )
    done = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
