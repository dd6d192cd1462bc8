"""The membership format's fields, declared once.

The loader validates against these tables; they can also be rendered as JSON Schema, so an
editor and the loader never disagree about what a key is called or what it holds.
"""

from __future__ import annotations

from icp_cli.immutable import frozen
from icp_cli.vocab import ATTENDANCE, BODY_TYPES, ENGAGEMENT_TYPES, FUNCTIONS, REGIMES, SECTORS

# Field kinds understood by the loader.
STR = "str"  # a non-empty text
INT = "int"  # an integer >= 0
NUMBER = "number"  # a number between 0 and 1
BOOL = "bool"
STR_LIST = "str-list"
ENUM = "enum"
ENUM_LIST = "enum-list"
SEAT = "seat"  # a seat kind or a list of them; open-ended
ENUM_OR_LIST = "enum-or-list"  # one choice or a list of choices (sector)
DATE = "date"  # an ISO 8601 calendar date, YYYY-MM-DD, plain or quoted
COUNCIL_LIST = "council-list"  # a list of council names or {name, partly} mappings
MAP = "map"  # a nested mapping with its own fields
SEQ = "seq"  # a list of nested mappings
OBJECT_MAP = "object-map"  # a mapping of ids to nested mappings (bodies)
INT_MAP = "int-map"  # a mapping of keys to integers (max_members)

PERSON_ID_PATTERN = r"^[a-z0-9._-]+$"


@frozen
class Field:
    name: str
    kind: str
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()  # for MAP, SEQ and OBJECT_MAP


MEETINGS = (
    Field("public", BOOL, "Whether formal meetings are held in public."),
    Field("frequency", STR, "How often the body meets, e.g. quarterly."),
    Field("quorum", INT, "Member seats needed for a meeting to be quorate."),
)

TERM = (
    Field("from", DATE, "First day of the term of office (YYYY-MM-DD)."),
    Field("to", DATE, "Last day of the term of office (YYYY-MM-DD); not before 'from'."),
)

COUNCIL = (
    Field("name", STR, "The council's name.", required=True),
    Field("partly", BOOL, "The council's area lies only partly in this ICB's."),
)

PERSON = (
    Field("id", STR, "Unique id, referenced by members and chairs.", required=True),
    Field("name", STR, "As written by the user; titles allowed.", required=True),
    Field("organisation", STR, "Employing or nominating organisation."),
    Field(
        "sector",
        ENUM_OR_LIST,
        "The person's sector, or a list of sectors for an organisation spanning several.",
        choices=SECTORS,
    ),
    Field(
        "not_same_as",
        STR_LIST,
        "Person ids with a close name who are known to be someone else (silences D204).",
    ),
)

MEMBER = (
    Field("person", STR, "A people[].id (instead of name, organisation and sector)."),
    Field("name", STR, "An inline person's name."),
    Field("organisation", STR, "An inline person's organisation."),
    Field(
        "sector",
        ENUM_OR_LIST,
        "An inline person's sector, or a list of sectors.",
        choices=SECTORS,
    ),
    Field("role", STR, "The post as the body's papers would write it."),
    Field("seat", SEAT, "The kind of seat, or a list of kinds for joint posts."),
    Field(
        "attendance",
        ENUM,
        "member (default, counts for size), participant, observer or substitute.",
        choices=ATTENDANCE,
    ),
    Field(
        "appointed_by",
        STR,
        "The council (as in local_authorities), mayoral authority (as in "
        "mayoral_authorities) or body id that appointed this member; 'icb' always means "
        "the system's ICB.",
    ),
    Field("voting", BOOL, "false for a member without a vote (member seats only)."),
    Field(
        "substitute_for",
        STR,
        "On a substitute seat: the member of this body deputised for (person id or name).",
    ),
    Field("vacant", BOOL, "true: the seat exists but nobody fills it (no person or name)."),
    Field("term", MAP, "The term of office: from and to dates.", fields=TERM),
)

BODY = (
    Field("type", ENUM, "The kind of body.", required=True, choices=BODY_TYPES),
    Field("name", STR, "Full name; defaults to the id."),
    Field("chair", STR, "A person id, or a member's name."),
    Field("members", SEQ, "Seats on the body (may be empty).", required=True, fields=MEMBER),
    Field("meetings", MAP, "How the body meets.", fields=MEETINGS),
    Field("reports_to", STR, "The body id this body reports to."),
    Field("place", STR, "For place-level bodies."),
    Field("partial", BOOL, "The body lists only some of its members."),
    Field(
        "local_authorities",
        STR_LIST,
        "The councils this body covers, where it is not the whole system.",
    ),
    Field(
        "also",
        ENUM_LIST,
        "Further statutory roles of this body, e.g. [hwb] for an ICP that is also the HWB.",
        choices=tuple(t for t in BODY_TYPES if t != "icb"),
    ),
    Field(
        "in_common_with",
        STR_LIST,
        "Body ids that meet together with this one (committees in common).",
    ),
    Field("function", ENUM, "What a committee is for.", choices=FUNCTIONS),
)

ENGAGEMENT = (
    Field("name", STR, "The route's name.", required=True),
    Field("type", ENUM, "The kind of route.", choices=ENGAGEMENT_TYPES),
    Field("reports_to", STR, "The body id the route reports to.", required=True),
    Field("involves", ENUM_LIST, "Sectors whose voice this route carries.", choices=SECTORS),
)

POLICY = (
    Field("max_members", INT_MAP, "Size limits by body id or body type."),
    Field("max_overlap", NUMBER, "D202 limit (default 1/3)."),
    Field("max_seats_per_organisation", INT, "D205 limit (default 3)."),
    Field("many_bodies", INT, "D206 threshold (default 4)."),
    Field("max_nhs_share", NUMBER, "B501 limit (default 0.5)."),
    Field("ignore", STR_LIST, "Rule codes or prefixes switched off for this file."),
    Field(
        "regime",
        ENUM,
        "The rule-set: act-2022 (the law in force; default) or health-bill-2026 (proposed).",
        choices=REGIMES,
    ),
    Field("term_warning_days", INT, "G707 window in days (default 90)."),
)

SYSTEM = (
    Field("name", STR, "The ICS's name.", required=True),
    Field("population", INT, "People served."),
    Field(
        "local_authorities",
        COUNCIL_LIST,
        "Councils with social-care duties (upper tier or unitary): a name, or "
        "{name, partly: true} for a council whose area lies only partly in this ICB's.",
        fields=COUNCIL,
    ),
    Field("places", STR_LIST, "Place-level footprints."),
    Field(
        "mayoral_authorities",
        STR_LIST,
        "Mayoral strategic authorities whose area overlaps the ICB's.",
    ),
)

TOP = (
    Field("version", INT, "Format version; only 1 exists."),
    Field("system", MAP, "The Integrated Care System.", required=True, fields=SYSTEM),
    Field("people", SEQ, "A registry of people referenced by id.", fields=PERSON),
    Field("bodies", OBJECT_MAP, "The bodies, keyed by id.", required=True, fields=BODY),
    Field("engagement", SEQ, "Involvement without a seat.", fields=ENGAGEMENT),
    Field("policy", MAP, "Thresholds and rule selection for this file.", fields=POLICY),
)

SECTORS_CHOICES = SECTORS
FUNCTION_CHOICES = FUNCTIONS
REGIME_CHOICES = REGIMES
ATTENDANCE_CHOICES = ATTENDANCE
ENGAGEMENT_CHOICES = ENGAGEMENT_TYPES

# Policy keys that hold a single number, with their kind, for `--policy KEY=VALUE`.
POLICY_SCALARS: dict[str, str] = {f.name: f.kind for f in POLICY if f.kind in (INT, NUMBER)}
