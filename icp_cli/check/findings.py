"""The records a check produces: findings (with severity) and per-file results."""

from __future__ import annotations

from dataclasses import field
from enum import IntEnum

from icp_cli.immutable import frozen
from icp_cli.load.errors import InputError


@frozen
class Note:
    """Something worth saying that is not a finding and never changes the exit code, with
    the line it is about when it is about one. As text (`str(note)`, what the plain,
    Markdown and JSON outputs show) a note with a line reads "line 45: …"; GitHub and
    SARIF put the line in the annotation's position instead."""

    text: str
    line: int | None = None

    def __str__(self) -> str:
        return self.text if self.line is None else f"line {self.line}: {self.text}"


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.strip().upper()]


@frozen
class Finding:
    """One problem a rule found, pointing at the YAML node it is about."""

    path: str
    code: str
    name: str
    severity: Severity
    message: str
    line: int
    column: int
    body: str | None = None
    people: tuple[str, ...] = ()
    hint: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "body": self.body,
            "people": list(self.people),
            "line": self.line,
            "column": self.column,
            "hint": self.hint,
        }


@frozen
class FileResult:
    """What checking one file gave: findings and notes, or input errors."""

    path: str
    system: str | None = None
    findings: tuple[Finding, ...] = ()
    notes: tuple[Note, ...] = ()
    errors: tuple[InputError, ...] = ()
    body_names: dict[str, str] = field(default_factory=dict)
    regime: str = "act-2022"  # the regime the file was checked under (regimes.py)
    # Findings silenced by `# icp: ignore[...]` comments (suppression.py): not in findings.
    suppressed: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity.label] += 1
        return counts
