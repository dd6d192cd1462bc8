"""SARIF 2.1.0 output of `check`, for code-scanning services (GitHub, Azure DevOps...).

One run; the driver lists every rule of the catalogue (not only those selected), so that a
result's `ruleIndex` and the rule's help are there whatever the options. Input errors and
notes are tool execution notifications, not results: they are not findings about the file.

Fingerprints: `partialFingerprints["icpFinding/v1"]` is a SHA-256 of the rule code, the
file's URI, the body, the sorted people and the message with every run of digits made 0.
Line numbers are left out, so adding a seat above a finding does not make it a new alert;
counts are masked, so "31 members" becoming "32 members" does not either. The message is
kept (masked) because one rule may report several gaps on one body (R303: no chair, no
chief executive), which only the message tells apart.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import PurePath, PurePosixPath, PureWindowsPath

from icp_cli import __version__
from icp_cli.check.findings import FileResult, Finding, Severity
from icp_cli.check.rules.base import Rule
from icp_cli.load.errors import InputError
from icp_cli.render import links
from icp_cli.render.json_out import dumps
from icp_cli.safe_text import uri_path

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "icpFinding/v1"

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FAMILY = {
    "S": "size",
    "D": "duplication",
    "R": "statutory",
    "V": "voice",
    "B": "balance",
    "C": "chairs",
    "G": "governance",
}
_DIGITS = re.compile(r"\d+")
def artifact_location(path: str) -> dict[str, str]:
    """The path as given: a relative URI against %SRCROOT%, or a file: URI when absolute.
    The URI percent-encodes the file name's own bytes, those that are not UTF-8 too."""
    pure: PurePath = PureWindowsPath(path) if "\\" in path else PurePosixPath(path)
    if pure.is_absolute():
        if isinstance(pure, PurePosixPath):
            return {"uri": "file://" + uri_path(pure.as_posix())}
        try:
            return {"uri": pure.as_uri()}
        except UnicodeEncodeError:  # bytes that are not UTF-8 in a Windows-style path
            posix = pure.as_posix()
            if pure.drive.startswith("\\\\"):  # \\server\share: file://server/share/…
                return {"uri": "file:" + uri_path(posix)}
            return {"uri": f"file:///{pure.drive}{uri_path(posix[len(pure.drive):])}"}
    return {"uri": uri_path(pure.as_posix()), "uriBaseId": SRCROOT}


def fingerprint(finding: Finding) -> str:
    material = "\x1f".join(
        (
            finding.code,
            artifact_location(finding.path)["uri"],
            finding.body or "",
            "\x1e".join(sorted(finding.people)),
            _DIGITS.sub("0", finding.message),
        )
    )
    return hashlib.sha256(material.encode("utf-8", "surrogateescape")).hexdigest()


def rule_descriptor(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.summary} Source: {rule.source}"},
        "help": {"text": rule.explanation, "markdown": rule.explanation},
        "helpUri": links.rule_page(rule.code),
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": [FAMILY.get(rule.family, rule.family)]},
    }


def _descriptor(rule: Rule, off: bool) -> dict[str, object]:
    """A rule's descriptor; a rule the run's regime does not run is marked disabled."""
    descriptor = rule_descriptor(rule)
    if off:
        descriptor["defaultConfiguration"] = {"level": LEVEL[rule.severity], "enabled": False}
    return descriptor


def _message(message: str, hint: str | None) -> dict[str, str]:
    return {"text": f"{message}\nHint: {hint}" if hint else message}


def _physical(path: str, line: int | None, column: int | None) -> dict[str, object]:
    location: dict[str, object] = {"artifactLocation": artifact_location(path)}
    if line is not None:
        region: dict[str, int] = {"startLine": line}
        if column is not None:
            region["startColumn"] = column
        location["region"] = region
    return {"physicalLocation": location}


def result(finding: Finding, rule_index: int, suppressed: bool = False) -> dict[str, object]:
    out: dict[str, object] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVEL[finding.severity],
        "message": _message(finding.message, finding.hint),
        "locations": [_physical(finding.path, finding.line, finding.column)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding)},
        "properties": {"body": finding.body, "people": list(finding.people)},
    }
    if suppressed:
        # Listed with --show-suppressed; code scanning shows such a result as suppressed.
        out["suppressions"] = [{"kind": "inSource"}]
    return out


def _notification(error: InputError) -> dict[str, object]:
    return {
        "level": "error",
        "message": _message(error.message, error.hint),
        "locations": [_physical(error.path, error.line, error.column)],
    }


def render(
    results: Sequence[FileResult], version: str = __version__, *, show_suppressed: bool = False
) -> str:
    from icp_cli.check.regimes import REGIMES, default
    from icp_cli.check.rules.registry import all_rules

    rules = all_rules()
    used = {r.regime for r in results if r.ok}
    regime_used = REGIMES.get(used.pop()) if len(used) == 1 else None
    if regime_used is not None:
        # The driver's rules as the run's regime has them (severity, source).
        rules = tuple(regime_used.effective(r) or r for r in rules)
    off = {r.code for r in rules if not (regime_used or default()).runs(r.code)}
    index = {r.code: i for i, r in enumerate(rules)}
    errors = [e for r in results for e in r.errors]
    notifications = [_notification(e) for e in errors]
    for file in results:
        for note in file.notes:
            notifications.append(
                {
                    "level": "note",
                    "message": {"text": note.text},
                    "locations": [_physical(file.path, note.line, None)],
                }
            )
    invocation: dict[str, object] = {"executionSuccessful": not errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {
            "driver": {
                "name": "icp",
                "version": version,
                "semanticVersion": version,
                "informationUri": links.homepage(),
                "rules": [_descriptor(r, r.code in off) for r in rules],
            }
        },
        "invocations": [invocation],
        # YAML columns count characters, not UTF-16 code units (SARIF's default).
        "columnKind": "unicodeCodePoints",
        "results": [result(f, index[f.code]) for file in results if file.ok for f in file.findings],
    }
    if show_suppressed:
        run["results"] += [  # type: ignore[operator]
            result(f, index[f.code], suppressed=True)
            for file in results
            if file.ok
            for f in file.suppressed
        ]
    from icp_cli.check.regimes import json_regime

    # Under a proposed regime, a run property says so (docs/spec/regimes.md).
    regime = json_regime((r.path, r.regime) for r in results if r.ok)
    if regime is not None:
        run["properties"] = {"regime": regime}
    return dumps({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]})
