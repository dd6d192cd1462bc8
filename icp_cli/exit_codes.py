"""The exit codes every command uses (the command-line contract, docs/spec/cli.md)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # ran; nothing at or above --fail-on
    FINDINGS = 1  # ran; at least one finding at or above --fail-on (or a plan not reached)
    ERROR = 2  # could not run: usage error, unreadable or invalid input
