"""The Odoo processes the load suite serves its database with, and the reverse proxy
of the scale-out profile (plain Python, no Odoo).

``single``: one Odoo multi-worker server, as a small seller runs it.
``scale``: docker-compose.scale.yml without Docker: two web nodes (no scheduled
action, no job runner) behind nginx with config/nginx-scale.conf, one job node
(queue_job's runner, the jobs and the scheduled actions), one data directory
(filestore and sessions) and one PostgreSQL shared by all.
"""

import os
import pathlib
import re
import shutil
import signal
import subprocess
import time

import requests


class Node:
    """One Odoo server (prefork master and its workers)."""

    def __init__(self, name, cmd, port, log_path, env=None):
        self.name = name
        self.cmd = cmd
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = log_path
        self.env = env
        self.proc = None
        self.pids = set()  # every worker seen, to tell which node ran a job

    def spawn(self):
        with open(self.log_path, "a") as log:
            self.proc = subprocess.Popen(
                self.cmd, stdout=log, stderr=subprocess.STDOUT, env=self.env
            )
        for _ in range(240):
            try:
                if requests.get(self.url + "/web/health", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            if self.proc.poll() is not None:
                break
            time.sleep(0.5)
        raise SystemExit(f"Odoo ({self.name}) did not answer /web/health")

    def exited(self):
        return self.proc is not None and self.proc.poll() is not None

    def note_workers(self):
        """Remember the node's worker processes (children of its master)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        found = subprocess.run(
            ["pgrep", "-P", str(self.proc.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        self.pids.update(int(pid) for pid in found)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.note_workers()
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        # A worker busy with a long request (a job printing invoices) outlives
        # its master: stop it too, so that the suite leaves no process behind.
        for pid in self.pids:
            try:
                cmdline = pathlib.Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if self.cmd[0].encode() in cmdline:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


def nginx_site(template, port, web_ports, websocket_ports, log_path):
    """config/nginx-scale.conf for processes on 127.0.0.1 instead of Docker's
    service names: the same locations and headers, our ports, an access log that
    names the web node that answered."""
    site = template
    site = re.sub(
        r"upstream odoo_web \{[^}]*\}",
        "upstream odoo_web {\n"
        + "".join(f"    server 127.0.0.1:{p};\n" for p in web_ports)
        + "}",
        site,
    )
    site = re.sub(
        r"upstream odoo_websocket \{[^}]*\}",
        "upstream odoo_websocket {\n"
        + "".join(f"    server 127.0.0.1:{p};\n" for p in websocket_ports)
        + "}",
        site,
    )
    site, count = re.subn(r"listen 80;", f"listen 127.0.0.1:{port};", site)
    if count != 1 or "server web:" in site:
        raise SystemExit("config/nginx-scale.conf: upstreams or listen not found")
    site = site.replace(
        "server {\n",
        f"server {{\n    access_log {log_path} upstream;\n",
        1,
    )
    return site


def nginx_binary():
    """Debian's nginx, also when /usr/sbin is not on PATH (a non-root user)."""
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


class Proxy:
    """nginx in front of the web nodes, with the profile's own site file."""

    def __init__(self, root, work, port, web_nodes, websocket_ports):
        self.dir = pathlib.Path(work) / "nginx"
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.access_log = self.dir / "access.log"
        self.web_nodes = web_nodes
        self.dir.mkdir(parents=True, exist_ok=True)
        template = (pathlib.Path(root) / "config" / "nginx-scale.conf").read_text()
        site = nginx_site(
            template,
            port,
            [node.port for node in web_nodes],
            websocket_ports,
            self.access_log,
        )
        (self.dir / "site.conf").write_text(site)
        temp = "".join(
            f"    {kind}_temp_path {self.dir / kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (self.dir / "nginx.conf").write_text(
            # the master runs as the suite's user; as root, its workers too (they
            # write request bodies into the suite's private directory)
            ("user root;\n" if _is_root() else "")
            + "worker_processes 2;\n"
            + f"pid {self.dir / 'nginx.pid'};\n"
            + f"error_log {self.dir / 'error.log'};\n"
            + "events { worker_connections 1024; }\n"
            + "http {\n"
            + "    log_format upstream '$status $upstream_addr';\n"
            + temp
            + f"    include {self.dir / 'site.conf'};\n"
            + "}\n"
        )
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            [
                nginx_binary(),
                "-p",
                str(self.dir),
                "-c",
                str(self.dir / "nginx.conf"),
                "-g",
                "daemon off;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(self.dir / "stderr.log", "w"),  # noqa: SIM115
        )
        for _ in range(60):
            try:
                if requests.get(self.url + "/web/health", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            if self.proc.poll() is not None:
                break
            time.sleep(0.5)
        raise SystemExit(
            "nginx did not answer: " + (self.dir / "stderr.log").read_text()[-2000:]
        )

    def requests_per_node(self):
        """How many requests each web node answered, from the access log."""
        counts = {node.name: 0 for node in self.web_nodes}
        by_port = {str(node.port): node.name for node in self.web_nodes}
        if not self.access_log.exists():
            return counts
        for line in self.access_log.read_text().splitlines():
            # "$upstream_addr" lists every node tried, "a:1, b:2": the last answered
            upstream = line.partition(" ")[2].split(",")[-1].strip()
            port = upstream.rsplit(":", 1)[-1]
            if port in by_port:
                counts[by_port[port]] += 1
        return counts

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def _is_root():
    return os.geteuid() == 0
