"""The requirements table (icp_cli/check/requirements.py) that the R3xx rules and the terms
of reference both read."""

from __future__ import annotations

from icp_cli.check.requirements import REQUIREMENTS, requirements
from icp_cli.vocab import KNOWN_SEATS


def test_every_seat_kind_in_the_table_is_a_known_seat() -> None:
    for req in REQUIREMENTS:
        assert set(req.kinds) <= set(KNOWN_SEATS), req.key


def test_keys_are_unique_per_body_type() -> None:
    for body_type in ("icp", "icb", "hwb"):
        keys = [r.key for r in requirements(body_type)]
        assert len(keys) == len(set(keys)), body_type


def test_kind_rows_name_what_fills_them_and_guidance_is_marked() -> None:
    for req in REQUIREMENTS:
        if req.test == "kind":
            assert req.kinds, req.key
        assert (req.source == "guidance") == (req.citation == "NHS England guidance"), req.key
