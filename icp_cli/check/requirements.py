"""The members the law (and NHS England policy) requires on each statutory body: one table,
read by the R3xx rules (check/rules/statutory.py) and the terms of reference
(tor/context.py), so a citation, label or seat kind is written once.

Each row says which body type it binds, its key, the test that fills it (seat kinds, or a
sector, or a named test the reader applies itself), the full citation the terms of reference
print, the short reference the rule messages print, the noun the rule messages use, the
label the terms of reference use, and whether it is law or guidance.
"""

from __future__ import annotations

from typing import Literal

from icp_cli.check.context import has_sector
from icp_cli.immutable import frozen
from icp_cli.model import Seat

# How a requirement is filled: `kind` (a member seat of one of `kinds`, or of `sector`), or
# a test the reader applies itself because it needs more than the seat (the ICB's chairs,
# the file's councillors, the ICB's or a council's appointee).
Test = Literal["kind", "chair", "councillor", "icb-appointee", "council-appointee"]


@frozen
class Requirement:
    body_type: str
    key: str
    test: Test
    citation: str  # as the terms of reference print it
    label: str  # the terms of reference's line ("{council}" is filled in per council)
    short: str = ""  # the reference in a rule's message
    title: str = ""  # the noun a rule's message uses
    kinds: tuple[str, ...] = ()
    sector: str | None = None
    source: Literal["law", "guidance"] = "law"
    single: bool = False  # the law asks for one appointee
    at_least: int = 1

    def matches(self, seat: Seat) -> bool:
        """For a `kind` requirement: whether the seat fills it."""
        return any(k in self.kinds for k in seat.seats) or (
            self.sector is not None and has_sector(seat, self.sector)
        )


_SCH_1B = "NHS Act 2006 Sch. 1B"
_HSCA = "HSCA 2012"
_LGPIHA = "LGPIHA 2007"
GUIDANCE = "NHS England guidance"

REQUIREMENTS: tuple[Requirement, ...] = (
    # The integrated care partnership: LGPIHA 2007 s.116ZA (R301, R302).
    Requirement(
        "icp", "icb", "icb-appointee", f"{_LGPIHA} s.116ZA(2)(a)",
        "Member appointed by the integrated care board", single=True,
    ),
    Requirement(
        "icp", "council", "council-appointee", f"{_LGPIHA} s.116ZA(2)(b)",
        "Member appointed by {council}", single=True,
    ),
    # The health and wellbeing board: HSCA 2012 s.194(2) (R306).
    Requirement(
        "hwb", "councillor", "councillor", f"{_HSCA} s.194(2)(a) and (4)",
        "At least one councillor of the council (or the elected mayor or executive leader)",
        short="s.194(2)(a)",
    ),
    Requirement(
        "hwb", "director-adult-social-services", "kind", f"{_HSCA} s.194(2)(b)",
        "The director of adult social services", short="s.194(2)(b)",
        title="director of adult social services",
        kinds=("director-adult-social-services",),
    ),
    Requirement(
        "hwb", "director-childrens-services", "kind", f"{_HSCA} s.194(2)(c)",
        "The director of children's services", short="s.194(2)(c)",
        title="director of children's services", kinds=("director-childrens-services",),
    ),
    Requirement(
        "hwb", "director-public-health", "kind", f"{_HSCA} s.194(2)(d)",
        "The director of public health", short="s.194(2)(d)",
        title="director of public health", kinds=("director-public-health",),
    ),
    Requirement(
        "hwb", "healthwatch", "kind", f"{_HSCA} s.194(2)(e)",
        "A representative of the Local Healthwatch organisation", short="s.194(2)(e)",
        kinds=("healthwatch",), sector="healthwatch",
    ),
    Requirement(
        "hwb", "icb", "kind", f"{_HSCA} s.194(2)(f)",
        "A representative of each relevant integrated care board", short="s.194(2)(f)",
        kinds=("icb-representative",), sector="icb",
    ),
    # The integrated care board: NHS Act 2006 Sch. 1B (R303) and NHS England policy (R304).
    Requirement(
        "icb", "chair", "chair", f"{_SCH_1B} paras 3(1)(a) and 5", "The chair",
        short="Sch. 1B para 3(1)(a)",
    ),
    Requirement(
        "icb", "chief-executive", "kind", f"{_SCH_1B} paras 3(1)(b) and 7",
        "The chief executive", short="Sch. 1B para 3(1)(b)", title="chief executive",
        kinds=("chief-executive",),
    ),
    Requirement(
        "icb", "partner-trusts", "kind", f"{_SCH_1B} para 8(2)(a)",
        "A partner member nominated by the NHS trusts and foundation trusts",
        short="Sch. 1B para 8(2)(a)", title="the NHS trusts and foundation trusts",
        kinds=("partner-trusts",),
    ),
    Requirement(
        "icb", "partner-primary-care", "kind", f"{_SCH_1B} para 8(2)(b)",
        "A partner member nominated by the providers of primary medical services",
        short="Sch. 1B para 8(2)(b)", title="the providers of primary medical services",
        kinds=("partner-primary-care",),
    ),
    Requirement(
        "icb", "partner-local-authority", "kind", f"{_SCH_1B} para 8(2)(c)",
        "A partner member nominated by the local authorities",
        short="Sch. 1B para 8(2)(c)", title="the local authorities",
        kinds=("partner-local-authority",),
    ),
    Requirement(
        "icb", "non-executive", "kind", GUIDANCE,
        "At least two independent non-executive members", title="non-executive",
        kinds=("non-executive",), source="guidance", at_least=2,
    ),
    Requirement(
        "icb", "finance-director", "kind", GUIDANCE, "A director of finance",
        title="director of finance", kinds=("finance-director",), source="guidance",
    ),
    Requirement(
        "icb", "medical-director", "kind", GUIDANCE, "A medical director",
        title="medical director", kinds=("medical-director",), source="guidance",
    ),
    Requirement(
        "icb", "nursing-director", "kind", GUIDANCE, "A director of nursing",
        title="director of nursing", kinds=("nursing-director",), source="guidance",
    ),
)  # fmt: skip


def requirements(body_type: str, prefix: str = "") -> tuple[Requirement, ...]:
    """The rows for one body type (with keys that start with `prefix`: `partner-`), in the
    order the terms of reference list them."""
    return tuple(r for r in REQUIREMENTS if r.body_type == body_type and r.key.startswith(prefix))


def requirement(body_type: str, key: str) -> Requirement:
    return next(r for r in REQUIREMENTS if r.body_type == body_type and r.key == key)
