"""`icp schema`: the JSON Schema of the membership format, for editors and CI."""

from __future__ import annotations

import json
from pathlib import Path

from icp_cli.commands.common import emit
from icp_cli.exit_codes import ExitCode
from icp_cli.output import check_writable


def render() -> str:
    from icp_cli.render.json_schema import membership_schema

    return json.dumps(membership_schema(), indent=2, ensure_ascii=False) + "\n"


def run(output: Path | None, force: bool) -> int:
    if output is not None:
        check_writable(output, force)
    emit(render(), output, force)
    return ExitCode.OK
