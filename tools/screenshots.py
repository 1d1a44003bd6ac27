"""Screenshots of the four journeys' key screens, from the demo database.

    make run &   # Odoo on 127.0.0.1:8069 with cae_demo
    python3 tools/screenshots.py [--url http://127.0.0.1:8069] [--out docs]

Logs in as each demo user through Odoo's JSON-RPC, hands the session cookie to
headless Chromium through the DevTools protocol and saves one PNG per screen.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request

import websocket

SCREENS = [
    # (file, login, path) - path is an Odoo action url
    (
        "entrepreneur-dashboard.png",
        "claire",
        "/odoo/action-cae_dashboard.cae_dashboard_entrepreneur_action",
    ),
    (
        "backoffice-dashboard.png",
        "gestion",
        "/odoo/action-cae_dashboard.cae_dashboard_backoffice_action",
    ),
    (
        "entrepreneur-quotes.png",
        "julien",
        "/odoo/action-cae_member.sale_order_action_cae",
    ),
    (
        "entrepreneur-account-statement.png",
        "claire",
        "/odoo/action-cae_member.cae_account_statement_action_open",
    ),
    (
        "support-appointments.png",
        "appui",
        "/odoo/action-cae_parcours.cae_appointment_action",
    ),
    (
        "admin-contribution.png",
        "gestion",
        "/odoo/action-cae_contribution.cae_contribution_line_action",
    ),
    (
        "training-actions.png",
        "cogerance",
        "/odoo/action-cae_training.cae_training_action_action",
    ),
]


def session_id(url, db, login):
    payload = json.dumps(
        {
            "jsonrpc": "2.0",
            "params": {"db": db, "login": login, "password": login},
        }
    ).encode()
    request = urllib.request.Request(
        f"{url}/web/session/authenticate", payload, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        cookie = response.headers.get("Set-Cookie", "")
    return cookie.split("session_id=")[1].split(";")[0]


class Chrome:
    def __init__(self, port=9333):
        binary = shutil.which("chromium") or shutil.which("google-chrome")
        self.profile = tempfile.mkdtemp(prefix="cae-shots-")
        self.proc = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={self.profile}",
                f"--remote-debugging-port={port}",
                "--window-size=1366,768",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _i in range(50):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/json", timeout=2
                ) as r:
                    pages = [p for p in json.load(r) if p["type"] == "page"]
                if pages:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        self.ws = websocket.create_connection(
            pages[0]["webSocketDebuggerUrl"], timeout=60
        )
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})

    def close(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="cae_demo")
    parser.add_argument("--out", default="docs")
    opts = parser.parse_args()
    os.makedirs(opts.out, exist_ok=True)
    chrome = Chrome()
    try:
        chrome.call("Network.enable")
        chrome.call(
            "Emulation.setDeviceMetricsOverride",
            width=1366,
            height=768,
            deviceScaleFactor=1,
            mobile=False,
        )
        # warm the web client's assets once
        chrome.call("Page.navigate", url=opts.url + "/web/login")
        time.sleep(8)
        for filename, login, path in SCREENS:
            chrome.call("Network.clearBrowserCookies")
            chrome.call(
                "Network.setCookie",
                name="session_id",
                value=session_id(opts.url, opts.db, login),
                url=opts.url,
            )
            chrome.call("Page.navigate", url=opts.url + path)
            time.sleep(10)  # the web client loads and renders the action
            shot = chrome.call("Page.captureScreenshot", format="png")
            with open(os.path.join(opts.out, filename), "wb") as fh:
                fh.write(base64.b64decode(shot["data"]))
            print(f"screenshots: {filename} ({login})")
    finally:
        chrome.close()


if __name__ == "__main__":
    main()
