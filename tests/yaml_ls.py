"""A minimal client of the real `yaml-language-server`, spoken to over stdio as an editor does.

Language Server Protocol messages are JSON-RPC with a `Content-Length` header. A reader
thread puts every message the server sends on a queue; every wait has a timeout, so a server
that hangs fails the test instead of stalling the suite.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any

BINARY = "yaml-language-server"
TIMEOUT = 30.0  # seconds for any one answer; the server answers in well under one


def available() -> str | None:
    return shutil.which(BINARY)


class YamlLanguageServer:
    def __init__(self, workspace: Path) -> None:
        binary = available()
        if binary is None:  # pragma: no cover - callers skip first
            raise RuntimeError(f"{BINARY} is not installed")
        self._proc = subprocess.Popen(
            [binary, "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=workspace,
        )
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._next_id = 0
        self.notifications: list[dict[str, Any]] = []
        assert self._proc.stdout is not None
        threading.Thread(target=self._read, args=(self._proc.stdout,), daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": workspace.as_uri(),
                "capabilities": {
                    "textDocument": {
                        "completion": {"completionItem": {"documentationFormat": ["plaintext"]}},
                        "publishDiagnostics": {},
                    },
                    "workspace": {"configuration": True},
                },
            },
        )
        self.notify("initialized", {})
        settings = {"yaml": {"validate": True, "completion": True, "hover": True}}
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    # -- protocol -------------------------------------------------------------------------
    def _read(self, stream: IO[bytes]) -> None:
        try:
            while True:
                length = None
                while True:
                    line = stream.readline()
                    if not line:
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.decode("ascii").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                if length is None:
                    continue
                self._messages.put(json.loads(stream.read(length)))
        finally:
            self._messages.put(None)

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self._proc.stdin is not None
        self._proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self._proc.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self._next_id += 1
        ident = self._next_id
        self._send({"id": ident, "method": method, "params": params})
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._next(deadline, f"an answer to {method}")
            if message.get("id") == ident and "method" not in message:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result")

    def _next(self, deadline: float, waiting_for: str) -> dict[str, Any]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"{BINARY} gave no {waiting_for} within {TIMEOUT:.0f} s")
        try:
            message = self._messages.get(timeout=remaining)
        except queue.Empty:
            raise TimeoutError(f"{BINARY} gave no {waiting_for} within {TIMEOUT:.0f} s") from None
        if message is None:
            raise RuntimeError(f"{BINARY} exited while waiting for {waiting_for}")
        if "method" in message and "id" in message:
            self._answer_server_request(message)
        elif "method" in message:
            self.notifications.append(message)
        return message

    def _answer_server_request(self, message: dict[str, Any]) -> None:
        # workspace/configuration asks for settings section by section.
        result: Any = None
        if message["method"] == "workspace/configuration":
            items = message.get("params", {}).get("items", [])
            result = [
                {"validate": True, "completion": True, "hover": True, "schemas": {}}
                if item.get("section") == "yaml"
                else None
                for item in items
            ]
        self._send({"id": message["id"], "result": result})

    # -- documents --------------------------------------------------------------------------
    def open(self, path: Path, text: str) -> str:
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        return uri

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        """The first diagnostics the server publishes for the document."""
        deadline = time.monotonic() + TIMEOUT
        for seen in self.notifications:
            if _diagnostics_for(seen, uri) is not None:
                return _diagnostics_for(seen, uri) or []
        while True:
            message = self._next(deadline, f"diagnostics for {uri}")
            found = _diagnostics_for(message, uri)
            if found is not None:
                return found

    def completion(self, uri: str, line: int, character: int) -> list[dict[str, Any]]:
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        if isinstance(result, dict):
            return list(result.get("items", []))
        return list(result or [])

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self._proc.wait(timeout=5)
        except Exception:  # a server that will not stop is killed below
            pass
        finally:
            if self._proc.poll() is None:
                self._proc.kill()
                self._proc.wait(timeout=5)


def _diagnostics_for(message: dict[str, Any], uri: str) -> list[dict[str, Any]] | None:
    if message.get("method") != "textDocument/publishDiagnostics":
        return None
    params = message.get("params", {})
    if params.get("uri") != uri:
        return None
    return list(params.get("diagnostics", []))
