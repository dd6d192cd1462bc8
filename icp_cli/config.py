"""Project configuration: `[tool.icp]` in the nearest pyproject.toml, or `--config FILE`.

It sets defaults for every file a run checks: thresholds (a policy layer below each file's
own `policy:`), `select`, `ignore` and `fail-on` (each replaced by its command-line option).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from icp_cli.check.policy import Layer
from icp_cli.immutable import frozen
from icp_cli.load import fields as S
from icp_cli.load.errors import UsageError, did_you_mean

PYPROJECT = "pyproject.toml"
DISCOVERED_NAME = "pyproject.toml [tool.icp]"
FAIL_ON = ("error", "warning", "info", "never")
_KEYS = ("select", "ignore", "fail-on", "policy", "regime")
_ALIASES = {"fail_on": "fail-on"}


@frozen
class ProjectConfig:
    """What a configuration file sets; None (or no layer) where it is silent."""

    path: Path | None = None
    layer: Layer | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: str | None = None
    regime: str | None = None  # below --regime and the file's policy.regime (docs/spec/regimes.md)


def load_config(
    explicit: Path | None = None, start: Path | None = None, *, no_config: bool = False
) -> ProjectConfig:
    """The configuration given with --config, else the nearest icp.toml, .icp.toml or
    pyproject.toml [tool.icp] (discovery.py); none at all with --no-config."""
    if no_config:
        if explicit is not None:
            raise UsageError("--config and --no-config contradict each other")
        return ProjectConfig()
    if explicit is not None:
        return _from_file(explicit, explicit=True)
    from icp_cli.discovery import find_config

    found = find_config(start or Path.cwd())
    return _from_file(found, explicit=False) if found else ProjectConfig()


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above `start` that has a [tool.icp] table.

    A pyproject.toml without one is passed over, as ruff and black do, so a project's icp
    settings can sit beside a parent's unrelated Python packaging.
    A pyproject.toml that cannot be read (not UTF-8, not TOML, unreadable) is passed over
    too, with a warning on stderr naming it: it may be any project's file above the working
    folder, and one broken file there must not stop every check. One whose text has a
    [tool.icp] table is meant for icp, and its mistake is a usage error.
    """
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / PYPROJECT
        if is_for_icp(candidate):
            return candidate
    return None


def is_for_icp(candidate: Path) -> bool:
    """Whether this pyproject.toml exists and has a [tool.icp] table (find_pyproject says
    what happens to one that cannot be read)."""
    try:
        if not candidate.is_file():
            return False
        tool = _read(candidate).get("tool")
    except UsageError as exc:
        if _mentions_icp(candidate):
            raise  # meant for icp: a mistake in it is the user's to fix
        sys.stderr.write(
            f"icp: warning: {exc.message}; its [tool.icp] settings, if any, are not used\n"
        )
        return False
    except OSError:
        return False
    return isinstance(tool, dict) and "icp" in tool


MAX_CONFIG_BYTES = 1024 * 1024


def _mentions_icp(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return re.search(rb"\[\s*tool\s*\.\s*icp\b", handle.read(MAX_CONFIG_BYTES)) is not None
    except OSError:
        return False


def _read(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
        if len(data) > MAX_CONFIG_BYTES:
            raise UsageError(f"{path}: more than {MAX_CONFIG_BYTES:,} bytes: not a configuration")
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{path}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start:,})",
            hint="TOML files are UTF-8",
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    except (ValueError, RecursionError) as exc:  # a number past Python's digits, deep arrays
        raise UsageError(f"{path}: cannot be read as TOML ({type(exc).__name__})") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the configuration ({exc.strerror})") from None


def _from_file(path: Path, explicit: bool) -> ProjectConfig:
    if explicit and not path.is_file():
        raise UsageError(f"{path}: no such configuration file", hint="--config takes a TOML file")
    data = _read(path)
    if "tool" in data:
        # A pyproject.toml (or any file with [tool.*] tables): only [tool.icp] is ours.
        table = data["tool"].get("icp") if isinstance(data["tool"], dict) else None
        if table is None:
            raise UsageError(f"{path}: has no [tool.icp] table")
        where = f"{path} [tool.icp]"
        name = DISCOVERED_NAME if path.name == PYPROJECT else f"{path.name} [tool.icp]"
    else:
        table, where, name = data, str(path), path.name
    if not isinstance(table, dict):
        raise UsageError(f"{where}: must be a table")
    return _parse(table, path, where, name)


def _parse(table: Mapping[str, Any], path: Path, where: str, name: str) -> ProjectConfig:
    seen: dict[str, str] = {}
    for key in table:
        canonical = _ALIASES.get(key, key)
        if canonical not in _KEYS:
            raise UsageError(
                f"{where}: unknown key '{key}'",
                hint=did_you_mean(key, _KEYS) or "keys: " + ", ".join(_KEYS),
            )
        if canonical in seen:
            raise UsageError(f"{where}: '{seen[canonical]}' and '{key}' are the same setting")
        seen[canonical] = key
    value = {canonical: table[key] for canonical, key in seen.items()}
    fail_on = value.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise UsageError(
            f"{where}: {seen['fail-on']} must be one of {', '.join(FAIL_ON)}, not {fail_on!r}"
        )
    regime = value.get("regime")
    if regime is not None:
        from icp_cli.check import regimes

        if not isinstance(regime, str) or regime not in regimes.REGIMES:
            message, hint = regimes.unknown_message(str(regime))
            raise UsageError(f"{where}: regime: {message}", hint=hint)
    return ProjectConfig(
        path=path,
        layer=_policy(value["policy"], where, name) if "policy" in value else None,
        select=_codes(value["select"], where, "select") if "select" in value else None,
        ignore=_codes(value["ignore"], where, "ignore") if "ignore" in value else None,
        fail_on=fail_on,
        regime=regime,
    )


def _codes(raw: Any, where: str, key: str) -> tuple[str, ...]:
    from icp_cli.check.rules.registry import parse_codes

    if isinstance(raw, str):
        text = raw
    elif isinstance(raw, list) and all(isinstance(c, str) for c in raw):
        text = ",".join(raw)
    else:
        raise UsageError(
            f"{where}: {key} must be a list of rule codes or a comma-separated string",
            hint=f'e.g. {key} = ["S101", "D2"]',
        )
    return parse_codes(text, f"{where}: {key}") or ()


def _policy(raw: Any, where: str, name: str) -> Layer:
    if not isinstance(raw, dict):
        raise UsageError(
            f"{where}: policy must be a table", hint="e.g. policy = {max_overlap = 0.25}"
        )
    known = [*S.POLICY_SCALARS, "max_members"]
    values: dict[str, float | int] = {}
    max_members: dict[str, int] = {}
    for key, value in raw.items():
        if key == "max_members":
            if not isinstance(value, dict):
                raise UsageError(
                    f"{where}: policy.max_members must be a table of body ids or types",
                    hint="e.g. policy.max_members = {icp = 30}",
                )
            for target, limit in value.items():
                max_members[target] = _whole(limit, where, f"policy.max_members.{target}")
        elif S.POLICY_SCALARS.get(key) == S.INT:
            values[key] = _whole(value, where, f"policy.{key}")
        elif S.POLICY_SCALARS.get(key) == S.NUMBER:
            values[key] = _share(value, where, f"policy.{key}")
        else:
            hint = did_you_mean(key, known) or "keys: " + ", ".join(known)
            if key == "ignore":
                hint = "write ignore at the top of [tool.icp], beside select"
            raise UsageError(f"{where}: unknown key 'policy.{key}'", hint=hint)
    return Layer(name, values, max_members)


def _whole(value: Any, where: str, key: str) -> int:
    # TOML booleans are Python ints: a `true` limit is a mistake, not 1.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise UsageError(f"{where}: {key} must be a whole number, 0 or more, not {value!r}")
    return value


def _share(value: Any, where: str, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise UsageError(
            f"{where}: {key} must be a number between 0 and 1, not {value!r}",
            hint="0.25 means 25%",
        )
    return float(value)
