"""The closed vocabularies of the membership format (membership-format.md, Vocabularies)."""

from __future__ import annotations

from .regimes import REGIMES as _REGIME_REGISTRY

FORMAT_VERSION = 1

SECTOR_GROUPS: dict[str, tuple[str, ...]] = {
    "nhs": (
        "icb",
        "nhs-acute",
        "nhs-mental-health",
        "nhs-community",
        "nhs-ambulance",
        "nhs-trust",
        "primary-care",
    ),
    "local-government": (
        "local-government",
        "public-health",
        "adult-social-care",
        "childrens-services",
    ),
    "community": ("vcse", "healthwatch", "social-care-provider", "lived-experience"),
    "wider": (
        "housing",
        "education",
        "university",
        "police-justice",
        "fire-rescue",
        "business",
        "other",
    ),
    "independent": ("independent",),
}

SECTORS: tuple[str, ...] = tuple(s for group in SECTOR_GROUPS.values() for s in group)
GROUP_OF_SECTOR: dict[str, str] = {
    sector: group for group, sectors in SECTOR_GROUPS.items() for sector in sectors
}

BODY_TYPES: tuple[str, ...] = (
    "icb",
    "icp",
    "hwb",
    "place-partnership",
    "provider-collaborative",
    "committee",
    "sub-group",
    "other",
)

BODY_TYPE_LABELS: dict[str, str] = {
    "icb": "integrated care board",
    "icp": "integrated care partnership",
    "hwb": "health and wellbeing board",
    "place-partnership": "place partnership",
    "provider-collaborative": "provider collaborative",
    "committee": "committee",
    "sub-group": "sub-group",
    "other": "body",
}

ATTENDANCE: tuple[str, ...] = ("member", "participant", "observer", "substitute")

ENGAGEMENT_TYPES: tuple[str, ...] = (
    "sub-group",
    "panel",
    "assembly",
    "workshop",
    "citizens-panel",
    "network",
    "other",
)

ICB_SEATS: tuple[str, ...] = (
    "chair",
    "chief-executive",
    "partner-trusts",
    "partner-primary-care",
    "partner-local-authority",
    "non-executive",
    "finance-director",
    "medical-director",
    "nursing-director",
    "deputy-chair",
    "senior-non-executive",
    "mayoral-authority",
)

OTHER_SEATS: tuple[str, ...] = (
    "chair",
    "co-chair",
    "vice-chair",
    "councillor",
    "local-authority",
    "icb-representative",
    "director-public-health",
    "director-adult-social-services",
    "director-childrens-services",
    "healthwatch",
    "vcse",
    "provider-collaborative",
    "social-care-provider",
    "hwb-chair",
    "primary-care",
    "clinical-lead",
    "lived-experience",
    "mayoral-authority",
)

# Seats are open-ended: any value is kept; only these carry meaning to the rules.
KNOWN_SEATS: tuple[str, ...] = tuple(dict.fromkeys(ICB_SEATS + OTHER_SEATS))

# What a committee is for (`function`); C606/C607 look for audit and remuneration.
FUNCTIONS: tuple[str, ...] = (
    "audit",
    "remuneration",
    "quality",
    "finance",
    "people",
    "primary-care-commissioning",
    "other",
)

# The rule-sets a file may name in `policy.regime` (regimes.md); the first is the default.
# The names come from the regime registry (regimes.py), the one place regimes are defined.
REGIMES: tuple[str, ...] = tuple(_REGIME_REGISTRY)

CHAIR_SEATS: frozenset[str] = frozenset({"chair", "co-chair"})
