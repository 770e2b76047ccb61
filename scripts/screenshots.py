#!/usr/bin/env python3
"""Screenshots of Letzshop OMS screens, taken from a running server.

Usage (the demo database, logged in as the demo vendor)::

    python scripts/screenshots.py --url http://127.0.0.1:8069 --db oms \\
        --login vendor --password vendor \\
        --out addons/letzshop_oms/static/description

By default it takes the OMS home at desktop (1366x768) and phone (390x844) size:
``home_desktop.png`` and ``home_phone.png``. Other screens are named with
``--shot NAME=PATH@CSS`` (repeatable; replaces the default list): PATH is the web
client path to open (e.g. ``/odoo/action-letzshop_oms.action_oms_vendor_home``) and
CSS an element only that screen has, waited for before the shot: the web client
shows the home instead of a path it does not know, and the shot is then not taken.
Each shot is taken at every ``--size NAME=WIDTHxHEIGHT`` (default
``desktop=1366x768`` and ``phone=390x844``), saved as ``<shot>_<size>.png``; with
``--full``, also the whole screen in one tall image, ``<shot>_<size>_full.png``.

How: it logs in through Odoo's JSON-RPC (``/web/session/authenticate``) and drives a
headless Chromium over the DevTools protocol (the ``websocket-client`` package,
which Odoo itself requires), giving it the session cookie. ``chromium --screenshot``
alone cannot log in, and an HttpCase would need a test run of its own. The script
fails when the page shows a login form or an error dialog instead of the screen.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import websocket

DEFAULT_SHOTS = [
    "home=/odoo/action-letzshop_oms.action_oms_vendor_home@.o_oms_home_work"
]
DEFAULT_SIZES = ["desktop=1366x768", "phone=390x844"]
#: Widths below this are taken as a phone (touch, mobile layout of the web client).
PHONE_WIDTH = 768


class Cdp:
    """A minimal Chrome DevTools Protocol client on one page target."""

    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        return result.get("result", {}).get("value")

    def close(self):
        self.ws.close()


def login(url, db, user, password):
    """The session id of ``user`` on ``url`` (JSON-RPC authentication)."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"db": db, "login": user, "password": password},
    }
    request = urllib.request.Request(
        f"{url}/web/session/authenticate",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with opener.open(request, timeout=60) as response:
        answer = json.load(response)
    if answer.get("error") or not (answer.get("result") or {}).get("uid"):
        sys.exit(f"login as {user} on {db} refused: {answer.get('error')}")
    for cookie in jar:
        if cookie.name == "session_id":
            return cookie.value
    sys.exit("the server set no session cookie")


def start_chromium(binary, profile):
    """Headless Chromium with a DevTools port; (process, websocket URL of a page)."""
    process = subprocess.Popen(
        [
            binary,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    port_file = os.path.join(profile, "DevToolsActivePort")
    for _i in range(300):
        if os.path.exists(port_file) and os.path.getsize(port_file):
            break
        time.sleep(0.1)
    else:
        process.kill()
        sys.exit(f"{binary} did not open its DevTools port")
    with open(port_file) as handle:
        port = handle.read().split()[0]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
        pages = [t for t in json.load(r) if t["type"] == "page"]
    return process, pages[0]["webSocketDebuggerUrl"]


def wait_for(cdp, selector, timeout):
    """Wait until ``selector`` is shown and the web client is idle; fail on a
    login page or an error dialog."""
    check = f"""(() => {{
        if (document.querySelector('.o_error_dialog, .o_dialog_error')) return 'error';
        if (document.querySelector('form.oe_login_form')) return 'login';
        const el = document.querySelector({json.dumps(selector)});
        const busy = document.querySelector('.o_loading_indicator, .o_blockUI');
        return el && !busy ? 'ready' : 'wait';
    }})()"""
    deadline = time.time() + timeout
    while time.time() < deadline:
        state = cdp.evaluate(check)
        if state != "wait":
            return state
        time.sleep(0.25)
    return f"no {selector} after {timeout:g} s"


def full_height(cdp, height):
    """The window height that shows the whole action: the web client scrolls
    inside the action (a client action) or its content (a list, a form), or lets
    it overflow the page hidden (a form on a phone)."""
    needed = cdp.evaluate(
        """(() => {
            const scrolled = Array.from(
                document.querySelectorAll('.o_action, .o_content'),
                (el) => el.scrollHeight - el.clientHeight,
            );
            const bottoms = Array.from(
                document.querySelectorAll('.o_action_manager *'),
                (el) => el.offsetParent ? el.getBoundingClientRect().bottom : 0,
            );
            return Math.max(
                window.innerHeight + Math.max(0, ...scrolled),
                Math.ceil(Math.max(0, ...bottoms)),
            );
        })()"""
    )
    return max(height, int(needed or 0))


def parse_pairs(values, what):
    pairs = []
    for value in values:
        name, sep, rest = value.partition("=")
        if not sep or not name or not rest:
            sys.exit(f"{what} {value!r}: expected NAME=VALUE")
        pairs.append((name, rest))
    return pairs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", default="vendor")
    parser.add_argument("--password", default=None, help="default: the login")
    parser.add_argument("--out", default="addons/letzshop_oms/static/description")
    parser.add_argument("--shot", action="append", help="NAME=PATH@CSS")
    parser.add_argument("--size", action="append", help="NAME=WIDTHxHEIGHT")
    parser.add_argument("--settle", type=float, default=1.5, help="seconds after ready")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument(
        "--full",
        action="store_true",
        help="also the whole screen, scrolled part included (<shot>_<size>_full.png)",
    )
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args()

    url = args.url.rstrip("/")
    shots = []
    for name, rest in parse_pairs(args.shot or DEFAULT_SHOTS, "--shot"):
        path, _sep, selector = rest.partition("@")
        if not selector:
            sys.exit(f"--shot {name}: give the CSS of an element only that screen has")
        shots.append((name, path, selector))
    sizes = []
    for name, rest in parse_pairs(args.size or DEFAULT_SIZES, "--size"):
        try:
            width, height = (int(n) for n in rest.lower().split("x"))
        except ValueError:
            sys.exit(f"--size {rest!r}: expected WIDTHxHEIGHT, e.g. 390x844")
        sizes.append((name, width, height))

    session = login(url, args.db, args.login, args.password or args.login)
    host = urllib.parse.urlsplit(url).hostname
    os.makedirs(args.out, exist_ok=True)
    failed = False
    # Chromium's helper processes may still write to the profile after the browser
    # has exited: a profile left half-removed in the temporary directory is no
    # failure of the screenshots.
    with tempfile.TemporaryDirectory(
        prefix="oms-shots-", ignore_cleanup_errors=True
    ) as profile:
        process, ws_url = start_chromium(args.chromium, profile)
        cdp = Cdp(ws_url)
        try:
            cdp.call("Page.enable")
            cdp.call("Network.enable")
            cdp.call(
                "Network.setCookie",
                name="session_id",
                value=session,
                domain=host,
                path="/",
            )
            for size_name, width, height in sizes:
                phone = width < PHONE_WIDTH
                cdp.call(
                    "Emulation.setDeviceMetricsOverride",
                    width=width,
                    height=height,
                    deviceScaleFactor=2 if phone else 1,
                    mobile=phone,
                )
                cdp.call("Emulation.setTouchEmulationEnabled", enabled=phone)
                for shot_name, path, selector in shots:
                    target = f"{url}{path}"
                    cdp.call("Page.navigate", url=target)
                    time.sleep(0.5)
                    state = wait_for(cdp, selector, args.timeout)
                    file_name = os.path.join(args.out, f"{shot_name}_{size_name}.png")
                    if state != "ready":
                        print(
                            f"{file_name}: not taken, the page shows {state} ({target})"
                        )
                        failed = True
                        continue
                    time.sleep(args.settle)
                    data = cdp.call("Page.captureScreenshot", format="png")["data"]
                    with open(file_name, "wb") as handle:
                        handle.write(base64.b64decode(data))
                    print(f"{file_name}: {width}x{height}")
                    if args.full:
                        full = height
                        # the layout changes with the height: grow until it fits
                        for _i in range(4):
                            grown = full_height(cdp, full)
                            if grown <= full:
                                break
                            full = grown
                            cdp.call(
                                "Emulation.setDeviceMetricsOverride",
                                width=width,
                                height=full,
                                deviceScaleFactor=2 if phone else 1,
                                mobile=phone,
                            )
                            time.sleep(args.settle)
                        data = cdp.call("Page.captureScreenshot", format="png")["data"]
                        full_name = file_name.replace(".png", "_full.png")
                        with open(full_name, "wb") as handle:
                            handle.write(base64.b64decode(data))
                        print(f"{full_name}: {width}x{full}")
                        cdp.call(
                            "Emulation.setDeviceMetricsOverride",
                            width=width,
                            height=height,
                            deviceScaleFactor=2 if phone else 1,
                            mobile=phone,
                        )
        finally:
            cdp.close()
            process.terminate()
            process.wait(timeout=10)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
