"""A written name split into its parts: titles, the name itself, post-nominals.

Exports need the parts (Popolo's `honorific_prefix`, `given_name`, `family_name`,
`honorific_suffix`); identity matching does not, so this lives apart from
`icp_cli.people.matching`, whose title lists it reuses so that both agree on what a title is.
"""

from __future__ import annotations

import re
import unicodedata

from icp_cli.immutable import frozen
from icp_cli.people.matching import HONORIFICS, POST_NOMINALS, ZERO_WIDTH

__all__ = ["NameParts", "slug", "split_name"]


@frozen
class NameParts:
    """A name as written, in parts; every part keeps the user's spelling."""

    prefix: str | None  # "Prof Sir"
    core: str  # "John O'Neill-Smith"
    suffix: str | None  # "OBE, FRCP"
    given: str | None  # set only when the core is a plain forename and surname
    family: str | None


# A forename or surname that can be read with confidence: letters, optionally joined by
# a hyphen or an apostrophe ("O'Neill", "Smith-Jones"); an initial ("J.") is not one.
_PLAIN_WORD = re.compile(r"^[^\W\d_]+(?:['\u2019-][^\W\d_]+)*$")


def _key(token: str) -> str:
    """A token compared with the title lists: dots and commas dropped, case folded."""
    return token.replace(".", "").replace(",", "").casefold()


def split_name(name: str) -> NameParts:
    """Split a name into titles, the name and post-nominals, as identity.py reads them.

    >>> parts = split_name("Prof Sir John O'Neill-Smith OBE, FRCP")
    >>> parts.prefix, parts.core, parts.suffix, parts.given, parts.family
    ('Prof Sir', "John O'Neill-Smith", 'OBE, FRCP', 'John', "O'Neill-Smith")
    >>> split_name("Dr").core
    'Dr'
    """
    tokens = name.split()
    start, end = 0, len(tokens)
    while start < end:
        key = _key(tokens[start])
        if key in HONORIFICS:
            start += 1
        elif key == "rt" and start + 1 < end and _key(tokens[start + 1]) == "hon":
            start += 2
        else:
            break
    while end > start and _key(tokens[end - 1]) in POST_NOMINALS:
        end -= 1
    if start == end:  # nothing but titles: the spec keeps such a name whole
        return NameParts(None, " ".join(tokens), None, None, None)
    core_tokens = [t.rstrip(",") for t in tokens[start:end]]
    core = " ".join(core_tokens)
    given = family = None
    if len(core_tokens) == 2 and all(_PLAIN_WORD.match(t) and len(t) > 1 for t in core_tokens):
        given, family = core_tokens
    return NameParts(
        prefix=" ".join(tokens[:start]) or None,
        core=core,
        suffix=" ".join(tokens[end:]) or None,
        given=given,
        family=family,
    )


_NO_ZERO_WIDTH = str.maketrans("", "", ZERO_WIDTH)


def slug(text: str) -> str:
    """An id made of a-z, 0-9 and '-' ("Dr Jane O'Kafor" -> "dr-jane-okafor"); may be ''."""
    folded = unicodedata.normalize("NFKD", text.translate(_NO_ZERO_WIDTH))
    folded = "".join(ch for ch in folded if unicodedata.category(ch) != "Mn").casefold()
    folded = re.sub(r"['\u2019\u2018`]", "", folded).replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
