"""The HTML report in real headless Chromium: every figure loads, no error text, nothing fetched from the
network; a screenshot is saved under the test's temporary folder."""

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import websocket

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("html")
    out = subprocess.run([sys.executable, "-m", "analysis", "monthly", "2023-11", "--quiet", "--figures",
                          str(root / "figures"), "--reports", str(root / "reports")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return root / "reports/2023-11/monthly_report.html"


def devtools(ws, state, method, **params):
    state["id"] += 1
    ws.send(json.dumps({"id": state["id"], "method": method, "params": params}))
    while True:
        msg = json.loads(ws.recv())
        if msg.get("method"):
            state["events"].append(msg)
        if msg.get("id") == state["id"]:
            assert "error" not in msg, msg
            return msg.get("result", {})


@pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="chromium not installed (CI installs it)")
def test_report_renders_offline_with_every_figure(report, tmp_path):
    assert CHROMIUM, "chromium is missing: .ci/run installs the Debian package"
    profile = tmp_path / "profile"
    browser = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}", "--remote-debugging-port=0",
         "--window-size=1100,1400", "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if (profile / "DevToolsActivePort").exists() and (profile / "DevToolsActivePort").read_text().strip():
                break
            time.sleep(0.2)
        port = (profile / "DevToolsActivePort").read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            page = next(t for t in json.loads(response.read()) if t["type"] == "page")
        ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        state = {"id": 0, "events": []}
        devtools(ws, state, "Network.enable")
        devtools(ws, state, "Page.enable")
        devtools(ws, state, "Page.navigate", url=report.as_uri())
        deadline = time.monotonic() + 30
        while not any(e["method"] == "Page.loadEventFired" for e in state["events"]) and time.monotonic() < deadline:
            state["events"].append(json.loads(ws.recv()))
        found = devtools(ws, state, "Runtime.evaluate", returnByValue=True, expression=(
            "JSON.stringify({images: Array.from(document.images).map(i => [i.complete, i.naturalWidth]),"
            " text: document.body.innerText})"))
        page_state = json.loads(found["result"]["value"])
        shot = devtools(ws, state, "Page.captureScreenshot", format="png", captureBeyondViewport=True)
        (tmp_path / "screenshot.png").write_bytes(base64.b64decode(shot["data"]))
        ws.close()
    finally:
        browser.terminate()
        browser.wait(timeout=30)
    assert len(page_state["images"]) == 5
    assert all(complete and width > 0 for complete, width in page_state["images"])
    text = page_state["text"]
    assert "11 confirmed ISIS sleeper cell attacks across NES in November" in text
    assert not re.search(r"Traceback|\bError\b|\bnan\b|<NA>|\bNone\b", text, re.I), "error text on the page"
    requested = [e["params"]["request"]["url"] for e in state["events"] if e["method"] == "Network.requestWillBeSent"]
    assert requested and all(url.startswith(("file:", "data:")) for url in requested), requested
    assert (tmp_path / "screenshot.png").stat().st_size > 10_000
