"""A real browser for tests: headless Chromium driven over the DevTools protocol.

`--remote-debugging-pipe` makes Chromium read commands from file descriptor 3 and write
replies and events to descriptor 4, each a JSON message ended by a NUL byte: no
websocket, no port, no third-party client. One `Page` records every console message,
uncaught exception, log entry and network request while a file loads, and can take a
screenshot and print to PDF.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TIMEOUT = 60.0


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class BrowserError(RuntimeError):
    pass


@dataclass
class Events:
    console: list[dict[str, Any]] = field(default_factory=list)  # Runtime.consoleAPICalled
    exceptions: list[dict[str, Any]] = field(default_factory=list)
    log: list[dict[str, Any]] = field(default_factory=list)  # Log.entryAdded
    requests: list[str] = field(default_factory=list)  # every URL the page asked for

    def errors(self) -> list[str]:
        found = [
            " ".join(str(a.get("value", a.get("description", ""))) for a in c.get("args", []))
            for c in self.console
            if c.get("type") in ("error", "assert")
        ]
        found += [e.get("exceptionDetails", {}).get("text", "exception") for e in self.exceptions]
        found += [e["entry"].get("text", "") for e in self.log if e["entry"]["level"] == "error"]
        return found


class Browser:
    """One headless Chromium; use as a context manager."""

    def __init__(self, executable: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="icp-chromium-")
        self._to_r, self._to_w = os.pipe()  # we write commands; Chromium reads fd 3
        self._from_r, self._from_w = os.pipe()  # Chromium writes fd 4; we read
        args = [
            executable,
            "--headless",
            "--remote-debugging-pipe",
            "--no-sandbox",  # CI containers run as root
            "--disable-gpu",
            "--disable-dev-shm-usage",  # containers give /dev/shm 64 MB
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--metrics-recording-only",
            f"--user-data-dir={self.profile}",
            "about:blank",
        ]
        self.proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=self._wire_fds,
        )
        os.close(self._to_r)
        os.close(self._from_w)
        self._buffer = b""
        self._next = 0
        self._pending: list[dict[str, Any]] = []

    def _wire_fds(self) -> None:  # in the child, before exec
        # Copies first: either end may itself be descriptor 3 or 4.
        read_end, write_end = os.dup(self._to_r), os.dup(self._from_w)
        os.dup2(read_end, 3)
        os.dup2(write_end, 4)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(BrowserError, OSError):
            self.send("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_w, self._from_r):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)

    # -- the protocol ------------------------------------------------------------------------

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_r], [], [], left)
            if ready:
                chunk = os.read(self._from_r, 1 << 20)
                if not chunk:
                    raise BrowserError("Chromium closed the pipe")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)  # type: ignore[no-any-return]

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._to_w, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})  # type: ignore[no-any-return]
            self._pending.append(reply)

    def wait_for(self, method: str, session: str, seconds: float = TIMEOUT) -> dict[str, Any]:
        deadline = time.monotonic() + seconds
        while True:
            for i, event in enumerate(self._pending):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self._pending.pop(i)
            self._pending.append(self._read_message(deadline))

    def open(self, path: Path, width: int = 1200, height: int = 900) -> Page:
        """Load a file in a new tab, recording everything from before the first byte."""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self._pending.clear()
        self.send("Page.navigate", session, url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired", session)
        # Let late console messages and requests arrive.
        self.send("Runtime.evaluate", session, expression="1", awaitPromise=True)
        page = Page(self, session)
        page.collect()
        return page


class Page:
    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session
        self.events = Events()

    def collect(self) -> None:
        kept = []
        for event in self.browser._pending:
            if event.get("sessionId") != self.session:
                kept.append(event)
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled":
                self.events.console.append(params)
            elif method == "Runtime.exceptionThrown":
                self.events.exceptions.append(params)
            elif method == "Log.entryAdded":
                self.events.log.append(params)
            elif method == "Network.requestWillBeSent":
                self.events.requests.append(params["request"]["url"])
        self.browser._pending = kept

    def evaluate(self, expression: str) -> Any:
        result = self.browser.send(
            "Runtime.evaluate", self.session, expression=expression, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise BrowserError(str(result["exceptionDetails"]))
        return result["result"].get("value")

    def screenshot(self) -> bytes:
        data = self.browser.send(
            "Page.captureScreenshot", self.session, format="png", captureBeyondViewport=False
        )["data"]
        return base64.b64decode(data)

    def pdf(self) -> bytes:
        data = self.browser.send(
            "Page.printToPDF",
            self.session,
            paperWidth=8.27,  # A4, in inches
            paperHeight=11.69,
            preferCSSPageSize=True,
            printBackground=True,
        )["data"]
        return base64.b64decode(data)


# -- a tiny PNG reader: enough to tell a blank screenshot from a drawn one -------------------


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered rows of an 8-bit RGB or RGBA PNG."""
    import struct
    import zlib

    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (2, 6):
                raise ValueError("only 8-bit RGB/RGBA PNGs are read")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    i = 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, [bytes(r) for r in rows]


def distinct_colours(data: bytes, step: int = 4) -> int:
    """How many different colours a PNG shows, sampling every `step`-th pixel."""
    width, _height, rows = png_pixels(data)
    channels = len(rows[0]) // width if rows else 3
    seen = set()
    for row in rows[::step]:
        for x in range(0, width * channels, channels * step):
            seen.add(row[x : x + 3])
    return len(seen)
