"""A Label Studio server for the tests that need one (the API round trip, the browser test) and
for benchmarks/label_studio_start.py: started on 127.0.0.1 at a free port with its data in a
folder of its own, with govie's privacy settings (`PRIVATE_ENV`), stopped with its workers.

The server runs from its own venv (`bash .ci/label_studio.sh` prints its `label-studio`
executable), named by GOVIE_LABEL_STUDIO_BIN.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from govie.gold.label_studio import PRIVATE_ENV

TOKEN = "govie-test-token-0123456789"
USERNAME = "annotator@example.com"
PASSWORD = "govie-test-password"
START_TIMEOUT = 240  # a first start migrates the database: 40 to 80 s here, more on a busy machine


class StartError(RuntimeError):
    """The server did not come up; the message ends with its log."""


@dataclass
class Server:
    url: str
    token: str
    username: str
    password: str
    start_seconds: float
    process: subprocess.Popen
    data_dir: Path


def executable() -> str | None:
    """The label-studio of its own venv, or None when it is not set up."""
    path = os.environ.get("GOVIE_LABEL_STUDIO_BIN", "")
    return path if path and os.access(path, os.X_OK) else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def start(label_studio: str, data_dir: Path, port: int | None = None) -> Server:
    """Start a server and wait until it answers; the user and its token are made on a first start."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, **PRIVATE_ENV, "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir)}
    command = [
        label_studio,
        "start",
        "--no-browser",
        # --internal-host is what binds; --host only writes URLs.
        "--internal-host",
        "127.0.0.1",
        "--port",
        str(port),
        "--username",
        USERNAME,
        "--password",
        PASSWORD,
        "--user-token",
        TOKEN,
        "--enable-legacy-api-token",
    ]
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = data_dir / "server.log"
    started = time.monotonic()
    with open(log_path, "ab") as log:
        # Its own process group: the server's workers go down with it.
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    while not healthy(url):
        if process.poll() is not None or time.monotonic() - started > START_TIMEOUT:
            stop(process)
            tail = log_path.read_text(encoding="utf8", errors="replace")[-3000:]
            raise StartError(f"Label Studio did not come up on {url} (exit code {process.poll()}):\n{tail}")
        time.sleep(0.5)
    return Server(url, TOKEN, USERNAME, PASSWORD, time.monotonic() - started, process, data_dir)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


def environment(pid: int) -> dict[str, str]:
    """A running process's environment as the kernel holds it (Linux)."""
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    return dict(item.split("=", 1) for item in raw.decode("utf8", "replace").split("\0") if "=" in item)
