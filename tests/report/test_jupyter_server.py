"""A real Jupyter server on a loopback port runs the monthly notebook's cells through its REST and websocket
API, as JupyterLab does, up to its first figure; a researcher's own plot then shows inline; the server shuts
down leaving no process behind. (The whole notebook runs as in Lab in tests/test_notebooks.py.)"""

import json
import secrets
import socket
import subprocess
import time
import urllib.request
import uuid

import nbformat
import psutil
import pytest
import websocket

from analysis import paths

pytestmark = pytest.mark.slow
KERNEL = "sleeper-cell-report"
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only, never via a proxy


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def api(port, token, method, path, body=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    with NO_PROXY.open(request, timeout=30) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


def execute(ws, session: str, code: str, timeout: float = 120) -> list[str]:
    """Run `code`; return the MIME types of what it displayed. Done when both the reply (shell channel) and the
    kernel's 'idle' (iopub) have come: a display can arrive after the reply."""
    msg_id = uuid.uuid4().hex
    ws.send(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "username": "test",
                    "session": session,
                    "msg_type": "execute_request",
                    "version": "5.3",
                },
                "parent_header": {},
                "metadata": {},
                "channel": "shell",
                "content": {
                    "code": code,
                    "silent": False,
                    "store_history": True,
                    "user_expressions": {},
                    "allow_stdin": False,
                    "stop_on_error": True,
                },
            }
        )
    )
    deadline, errors, shown, reply, idle = time.monotonic() + timeout, [], [], None, False
    while time.monotonic() < deadline and not (reply and idle):
        msg = json.loads(ws.recv())
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "error":
            errors.append(f"{msg['content']['ename']}: {msg['content']['evalue']}")
        if msg["msg_type"] == "display_data":
            shown.extend(msg["content"]["data"])
        if msg["msg_type"] == "execute_reply":
            reply = msg
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            idle = True
    if not (reply and idle):
        raise TimeoutError(code[:60])
    assert reply["content"]["status"] == "ok", errors
    return shown


def test_monthly_notebook_and_a_researchers_plot_run_in_a_real_server(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [
            str(paths.ROOT / ".venv/bin/jupyter"),
            "server",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            "--ServerApp.port_retries=0",
            "--allow-root",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={paths.ROOT}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    spawned = []
    try:
        for _ in range(120):
            try:
                api(port, token, "GET", "/api/status")
                break
            except OSError:
                time.sleep(0.5)
        session = api(
            port,
            token,
            "POST",
            "/api/sessions",
            {"path": "notebooks/monthly_report.ipynb", "type": "notebook", "kernel": {"name": KERNEL}},
        )
        spawned = psutil.Process(server.pid).children(recursive=True)
        assert spawned, "the server started no kernel"
        ws = websocket.create_connection(
            f"ws://127.0.0.1:{port}/api/kernels/{session['kernel']['id']}/channels?token={token}", timeout=120
        )
        nb = nbformat.read(paths.NOTEBOOKS / "monthly_report.ipynb", as_version=4)
        client = uuid.uuid4().hex
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            shown = execute(ws, client, cell.source)
            if "parameters" in cell.metadata.get("tags", []):  # keep the repo's outputs untouched
                execute(
                    ws,
                    client,
                    f"FIGURES_DIR = {str(tmp_path / 'figures')!r}\nREPORTS_DIR = {str(tmp_path / 'reports')!r}",
                )
            if "show_figure(" in cell.source:
                assert "image/png" in shown  # the figure shows in the cell
                break
        own = execute(ws, client, "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()")
        ws.close()
        assert "image/png" in own, "a researcher's plt.plot after a figure cell showed nothing"
        assert "11 confirmed ISIS sleeper cell attacks" in (tmp_path / "reports/2023-11/key_points.md").read_text()
        assert (tmp_path / "figures/2023-11/01_attacks.png").exists()
        api(port, token, "DELETE", f"/api/sessions/{session['id']}")
        api(port, token, "POST", "/api/shutdown")
        server.wait(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    gone, alive = psutil.wait_procs(spawned, timeout=30)
    assert not alive, f"processes left behind: {[p.pid for p in alive]}"
