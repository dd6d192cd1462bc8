"""Thresholds, layered: defaults < project configuration < the file's `policy:` < --policy."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field

from icp_cli.immutable import frozen
from icp_cli.load import fields as S
from icp_cli.load.errors import UsageError, did_you_mean
from icp_cli.model import Body, Policy
from icp_cli.vocab import BODY_TYPES

DEFAULTS: dict[str, float | int] = {
    "max_overlap": 1 / 3,
    "max_seats_per_organisation": 3,
    "many_bodies": 4,
    "max_nhs_share": 0.5,
    "term_warning_days": 90,
}
# Default size limits by body type: S101 (ICP) and S102 (ICB).
DEFAULT_MAX_MEMBERS: dict[str, int] = {"icp": 25, "icb": 22}


@frozen
class Layer:
    name: str
    values: Mapping[str, float | int] = field(default_factory=dict)
    max_members: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def from_policy(cls, policy: Policy, name: str = "file") -> Layer:
        return cls(name, dict(policy.values), dict(policy.max_members))  # type: ignore[arg-type]


@frozen
class Thresholds:
    """Layers from earliest to latest; a later layer wins key by key."""

    layers: tuple[Layer, ...] = ()

    def value(self, key: str) -> float | int:
        for layer in reversed(self.layers):
            if key in layer.values:
                return layer.values[key]
        return DEFAULTS[key]

    def max_members(self, body: Body) -> tuple[int | None, bool]:
        """The size limit for a body, and whether it was set (not a built-in default)."""
        # Looked up by the body's id, then its own type, then its `also` types.
        keys = (body.id, *body.types)
        for layer in reversed(self.layers):
            # Within one layer, a body id wins over a body type.
            for key in keys:
                if key in layer.max_members:
                    return layer.max_members[key], True
        defaults = [DEFAULT_MAX_MEMBERS[t] for t in keys[1:] if t in DEFAULT_MAX_MEMBERS]
        return (defaults[0] if defaults else None), False


def parse_assignments(items: Iterable[str], name: str = "--policy") -> Layer:
    """Parse `KEY=VALUE` pairs (`max_members.icp=30`, `max_overlap=0.25`) into a layer."""
    values: dict[str, float | int] = {}
    max_members: dict[str, int] = {}
    known = [*S.POLICY_SCALARS, "max_members.<body id or type>"]
    for item in items:
        key, sep, raw = item.partition("=")
        key, raw = key.strip(), raw.strip()
        if not sep or not key or not raw:
            raise UsageError(f"{name} '{item}' is not KEY=VALUE", hint="e.g. max_overlap=0.25")
        if key.startswith("max_members."):
            target = key.removeprefix("max_members.")
            max_members[target] = _whole(raw, key, name)
            continue
        kind = S.POLICY_SCALARS.get(key)
        if kind is None:
            raise UsageError(
                f"{name}: unknown policy key '{key}'",
                hint=did_you_mean(key, S.POLICY_SCALARS) or "keys: " + ", ".join(known),
            )
        values[key] = _whole(raw, key, name) if kind == S.INT else _share(raw, key, name)
    return Layer(name, values, max_members)


def check_targets(layer: Layer, body_ids: Iterable[str]) -> list[str]:
    """max_members keys of a layer that name neither a body nor a body type."""
    ids = set(body_ids)
    return [k for k in layer.max_members if k not in ids and k not in BODY_TYPES]


def _whole(raw: str, key: str, name: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise UsageError(f"{name} {key} must be a whole number, not '{raw}'") from None
    if value < 0:
        raise UsageError(f"{name} {key} must be 0 or more")
    return value


def _share(raw: str, key: str, name: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise UsageError(f"{name} {key} must be a number between 0 and 1, not '{raw}'") from None
    if not 0 <= value <= 1:
        raise UsageError(f"{name} {key} must be between 0 and 1", hint="0.25 means 25%")
    return value
