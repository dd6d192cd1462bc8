"""The closed vocabularies of the membership format (docs/spec/membership-format.md,
Vocabularies)."""

from __future__ import annotations

from icp_cli.text import lazy_pattern

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

# The rule-sets a file may name in `policy.regime` (docs/spec/regimes.md); the first is the
# default. What each regime changes is in check/regimes.py, keyed by these names (a test
# holds the two together); the model layer only needs the names.
REGIMES: tuple[str, ...] = ("act-2022", "health-bill-2026")

CHAIR_SEATS: frozenset[str] = frozenset({"chair", "co-chair"})

# What each value of a vocabulary means, in the words of the format: `icp schema` gives them
# to editors (completion, hover) and docs/format.md lists them. One entry per value; a test
# checks that no value of any vocabulary above is left without one.
SECTOR_MEANINGS: dict[str, str] = {
    "icb": "The integrated care board itself (its executives and non-executives).",
    "nhs-acute": "An NHS acute (hospital) trust.",
    "nhs-mental-health": "An NHS mental health trust.",
    "nhs-community": "An NHS community services trust.",
    "nhs-ambulance": "An NHS ambulance trust.",
    "nhs-trust": "An NHS trust or foundation trust of unspecified kind.",
    "primary-care": "General practice, primary care networks, pharmacy, dentistry, optometry.",
    "local-government": "A council (elected members or officers not named below).",
    "public-health": "Council public health (the director of public health and team).",
    "adult-social-care": "Council adult social services.",
    "childrens-services": "Council children's services.",
    "vcse": "The voluntary, community and social enterprise sector.",
    "healthwatch": "Local Healthwatch.",
    "social-care-provider": "A provider of social care (care homes, home care).",
    "lived-experience": "People speaking from their own experience of care, or carers.",
    "housing": "Housing providers and housing associations.",
    "education": "Schools and colleges.",
    "university": "Universities and academic health science partners.",
    "police-justice": "Police, police and crime commissioners, probation and justice.",
    "fire-rescue": "Fire and rescue services.",
    "business": "Employers and business representatives.",
    "other": "Any other sector.",
    "independent": "Independent non-executive or lay members.",
}

BODY_TYPE_MEANINGS: dict[str, str] = {
    "icb": "The integrated care board (at most one per file).",
    "icp": "An integrated care partnership, the joint committee of the ICB and its councils.",
    "hwb": "A council's health and wellbeing board.",
    "place-partnership": "A partnership for one place within the system.",
    "provider-collaborative": "A collaborative of NHS (and other) providers.",
    "committee": "A committee of another body.",
    "sub-group": "A sub-group reporting to another body.",
    "other": "Any other body.",
}

ATTENDANCE_MEANINGS: dict[str, str] = {
    "member": "A full member (the default); counts towards the body's size.",
    "participant": "Takes part in meetings without being a member; not counted for size.",
    "observer": "Attends to observe; not counted for size.",
    "substitute": "Deputises for a member; not counted for size.",
}

ENGAGEMENT_TYPE_MEANINGS: dict[str, str] = {
    "sub-group": "A sub-group of the body.",
    "panel": "A standing panel.",
    "assembly": "A wider assembly or forum of partners.",
    "workshop": "Workshops or events held from time to time.",
    "citizens-panel": "A panel of residents or people who use services.",
    "network": "A network of organisations.",
    "other": "Any other route.",
}

SEAT_MEANINGS: dict[str, str] = {
    "chair": "The body's chair.",
    "chief-executive": "The ICB's chief executive.",
    "partner-trusts": "ICB partner member nominated by NHS trusts and foundation trusts.",
    "partner-primary-care": "ICB partner member nominated by primary medical services.",
    "partner-local-authority": "ICB partner member nominated by the councils.",
    "non-executive": "An ICB independent non-executive member.",
    "finance-director": "The ICB's director of finance.",
    "medical-director": "The ICB's medical director.",
    "nursing-director": "The ICB's director of nursing.",
    "co-chair": "One of two (or more) joint chairs.",
    "vice-chair": "The body's vice-chair.",
    "councillor": "An elected councillor.",
    "local-authority": "A council's representative (officer or member).",
    "icb-representative": "The ICB's appointee to the body.",
    "director-public-health": "A council's director of public health.",
    "director-adult-social-services": "A council's director of adult social services.",
    "director-childrens-services": "A council's director of children's services.",
    "healthwatch": "Local Healthwatch's representative.",
    "vcse": "A voluntary, community and social enterprise sector representative.",
    "provider-collaborative": "A provider collaborative's representative.",
    "social-care-provider": "A social care providers' representative.",
    "hwb-chair": "A health and wellbeing board's chair.",
    "primary-care": "A primary care representative.",
    "clinical-lead": "A clinical or care professional lead.",
    "lived-experience": "A member with lived experience of care, or a carer.",
    "deputy-chair": "The ICB's deputy chair.",
    "senior-non-executive": "The ICB's senior independent non-executive member.",
    "mayoral-authority": "A member nominated by a mayoral combined authority.",
}

FUNCTION_MEANINGS: dict[str, str] = {
    "audit": "An audit (and risk) committee.",
    "remuneration": "A remuneration committee.",
    "quality": "A quality (and safety) committee.",
    "finance": "A finance (and performance) committee.",
    "people": "A people (workforce) committee.",
    "primary-care-commissioning": "A primary care commissioning committee.",
    "other": "Any other purpose.",
}

REGIME_MEANINGS: dict[str, str] = {
    "act-2022": "The Health and Care Act 2022, the law in force (the default).",
    "health-bill-2026": "The Health Bill 2026 as proposed: not law yet.",
}

# Each closed vocabulary with its meanings, found by the vocabulary itself.
_MEANINGS: tuple[tuple[tuple[str, ...], dict[str, str]], ...] = (
    (SECTORS, SECTOR_MEANINGS),
    (BODY_TYPES, BODY_TYPE_MEANINGS),
    (ATTENDANCE, ATTENDANCE_MEANINGS),
    (ENGAGEMENT_TYPES, ENGAGEMENT_TYPE_MEANINGS),
    (KNOWN_SEATS, SEAT_MEANINGS),
    (FUNCTIONS, FUNCTION_MEANINGS),
    (REGIMES, REGIME_MEANINGS),
)


def meanings(choices: tuple[str, ...]) -> dict[str, str]:
    """The meaning of each value of `choices`: a vocabulary above, or part of one (the body
    types `also` takes). KeyError if no vocabulary holds them all."""
    for vocabulary, described in _MEANINGS:
        if set(choices) <= set(vocabulary):
            return {value: described[value] for value in choices}
    raise KeyError(f"no meanings for the vocabulary {choices!r}")

# The codes of the rule catalogue (docs/spec/rules.md, catalogue 1.1). A file's
# `policy.ignore` names them, so the loader needs them; the rules themselves live in
# check/rules/, and a test holds the registry to this list. Codes never change meaning.
RULE_CODES: tuple[str, ...] = (
    "B501", "B502", "C601", "C602", "C603", "C604", "C605", "C606", "C607", "C608", "D201",
    "D202", "D203", "D204", "D205", "D206", "D207", "D208", "G701", "G702", "G703", "G704",
    "G705", "G706", "G707", "G708", "R301", "R302", "R303", "R304", "R305", "R306", "R307",
    "R308", "R309", "R310", "R311", "R312", "S101", "S102", "S103", "S104", "V401", "V402",
    "V403", "V404", "V405", "V406", "V407", "V408", "V409",
)
_SELECTOR = lazy_pattern(r"^[A-Z]\d{0,3}$")


def valid_selector(text: str) -> bool:
    """A full rule code or a prefix of at least one (`S`, `D2`, `V401`)."""
    text = text.strip().upper()
    return bool(_SELECTOR().match(text)) and any(code.startswith(text) for code in RULE_CODES)
