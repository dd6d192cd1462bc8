"""Tests for icp_cli.people.matching: the Identity section of membership-format.md."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icp_cli.people.matching import (
    HONORIFICS,
    NICKNAME_GROUPS,
    POST_NOMINALS,
    close_name_pairs,
    close_names,
    forenames_compatible,
    normalise_name,
    normalise_organisation,
)

# --------------------------------------------------------------------------- normalisation

NAME_CASES = [
    # The brief's and the spec's own examples.
    ("Prof Sir John O'Neill-Smith OBE, FRCP", "john oneill smith"),
    ("Cllr. Ann  Lee", "ann lee"),
    ("Dr José Álvarez", "jose alvarez"),
    ("The Rt Hon Baroness Jane Smith DBE", "jane smith"),
    ("Rt. Hon. Ed Davey MP", "ed davey"),
    # MA, BA and MD are surnames too, so they stay.
    ("Ann Ma", "ann ma"),
    ("Ann Ba", "ann ba"),
    ("Dr Ann Lee MD", "ann lee md"),
    ("Dr Ann Lee MA", "ann lee ma"),
    # A name that would normalise to nothing keeps its tokens.
    ("Dr", "dr"),
    ("Dr Sir", "dr sir"),
    ("OBE", "obe"),
    ("Dr. OBE", "dr obe"),
    ("The The", "the the"),
    ("", ""),
    ("  ", ""),
    ("!!!", ""),
    # Honorifics, repeatedly, any case, with or without dots.
    ("Sir Mr Mrs Ms Miss Mx Dr Ann Lee", "ann lee"),
    ("PROFESSOR DAME ANN LEE", "ann lee"),
    ("Mrs. Smith", "smith"),
    ("Hon John Smith", "john smith"),
    ("Revd. John Smith", "john smith"),
    ("Rev John Smith", "john smith"),
    ("Lord Smith of Leigh", "smith of leigh"),
    ("Councillor Mary O’Brien", "mary obrien"),
    ("Lady Ann Lee MBE JP DL", "ann lee"),
    # "Rt" is a title only before "Hon".
    ("Rt John Smith", "rt john smith"),
    # Honorifics only at the front, post-nominals only at the end.
    ("John Dr Smith", "john dr smith"),
    ("Obe Smith", "obe smith"),
    # Post-nominals, with commas, dots and mixed case.
    ("Dr. Jane Smith, MBChB, MRCGP", "jane smith"),
    ("Jane Smith FRCPsych FFPH", "jane smith"),
    ("John Smith Ph.D.", "john smith"),
    ("Smith O.B.E., J.P.", "smith"),
    ("Ann Lee,OBE", "ann lee"),
    ("Ann Lee (OBE)", "ann lee"),
    ("Jo Bloggs RN MSc MBA", "jo bloggs"),
    # Dots between initials at the front are initials, not a post-nominal.
    ("J.P. Smith", "j p smith"),
    ("J. Smith", "j smith"),
    # Apostrophes deleted, in all their typed forms.
    ("Chris d‘Arcy", "chris darcy"),
    ("Ann Oʼneill", "ann oneill"),
    ("Ann O`Neill", "ann oneill"),
    # Other punctuation is a space.
    ("Jane Smith-Jones", "jane smith jones"),
    ("Sarah Jones–Parry", "sarah jones parry"),
    ("Smith, John", "smith john"),
    # Accents, case, width and spacing.
    ("Zoë Brontë", "zoe bronte"),
    ("Siân Lloyd", "sian lloyd"),
    ("Renée Straße", "renee strasse"),
    ("Ｊａｎｅ Ｓｍｉｔｈ", "jane smith"),
    ("  Ann\tLee \n", "ann lee"),
    ("ANN LEE", "ann lee"),
]


@pytest.mark.parametrize(("raw", "expected"), NAME_CASES)
def test_normalise_name(raw: str, expected: str) -> None:
    assert normalise_name(raw) == expected


ORGANISATION_CASES = [
    ("Brighton & Hove City Council", "brighton and hove city council"),
    ("Brighton and Hove City Council", "brighton and hove city council"),
    ("Telford&Wrekin Council", "telford and wrekin council"),
    ("King's Lynn & West Norfolk", "kings lynn and west norfolk"),
    ("Stoke-on-Trent City Council", "stoke on trent city council"),
    ("Bath & North-East Somerset Council", "bath and north east somerset council"),
    ("  HEREFORDSHIRE   Council ", "herefordshire council"),
    # No honorific step for organisations.
    ("The Council of the Isles of Scilly", "the council of the isles of scilly"),
    ("Dr Foster Ltd", "dr foster ltd"),
    ("Ｂｒｉｇｈｔｏｎ ＆ Ｈｏｖｅ", "brighton and hove"),
]


@pytest.mark.parametrize(("raw", "expected"), ORGANISATION_CASES)
def test_normalise_organisation(raw: str, expected: str) -> None:
    assert normalise_organisation(raw) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Telford and Wrekin Council", "Telford & Wrekin Council"),
        ("Brighton & Hove City Council", "Brighton and Hove City Council"),
        ("Southend-on-Sea City Council", "Southend on Sea City Council"),
        ("St. Helens Borough Council", "St Helens Borough Council"),
    ],
)
def test_organisations_that_match(a: str, b: str) -> None:
    assert normalise_organisation(a) == normalise_organisation(b)


def test_title_tables_are_folded() -> None:
    for word in HONORIFICS | POST_NOMINALS:
        assert word == normalise_organisation(word)
    assert not {"ma", "ba", "md"} & POST_NOMINALS


# --------------------------------------------------------------------------- closeness

# Raw names as a membership file would write them; each row is one spec decision.
MUST_PAIR = [
    ("Jon Pryce", "John Pryce"),  # spec: one inserted letter
    ("J. Smith", "Jane Smith"),  # spec: an initial
    ("Bill Turner", "William Turner"),  # spec: nickname
    ("Catherine Jones", "Katherine Jones"),  # spec: substitution, 9 letters
    ("Steven Hall", "Stephen Hall"),  # nickname (two edits apart)
    ("Ann Brown", "Anne Brown"),  # inserted letter
    ("Dr Liz Carter", "Elizabeth Carter OBE"),  # nickname, titles stripped
    ("Mohammed Khan", "Mohammad Khan"),  # one substitution, 8 letters
    ("Mohammed Khan", "Muhammad Khan"),  # nickname table: transliterations
    ("Sarah Thompson", "Sarah Thomson"),  # surname deletion, 8 and 7 letters
    ("Priya Patel", "P Patel"),  # initial
    ("Sam Patel", "Sam Patil"),  # surname substitution, both 5 letters
    ("John Smith", "John Smyth"),  # surname substitution, both 5 letters
    ("Emma Clarke", "Emma Clark"),  # surname deletion, 6 and 5 letters
    ("Karen Hughes", "Karen Hughs"),  # surname deletion, 6 and 5 letters
    ("Bob Harris", "Robert Harris"),  # nickname
    ("Jonathan Pryce", "Jon Pryce"),  # nickname
    ("Kate Williams", "Catherine Williams"),  # nickname
    ("Mike O'Brien", "Michael OBrien"),  # nickname, apostrophe
    ("Alex Green", "Alexandra Green"),  # nickname
    ("Chris Taylor", "Christopher Taylor"),  # nickname
    ("Chris Taylor", "Christine Taylor"),  # nickname
    ("Sue Evans", "Susan Evans"),  # nickname
    ("Andy Robertson", "Andrew Robertson"),  # nickname
    ("Cllr Tony Blackburn", "Anthony Blackburn"),  # nickname
    ("Margaret Hodge", "Maggie Hodge"),  # nickname
    ("Gill Walker", "Jill Walker"),  # nickname (four letters: no edit rule)
    ("Stuart Jenkins", "Stewart Jenkins"),  # nickname table: spelling variants
    ("Lesley Hughes", "Leslie Hughes"),  # nickname table: spelling variants
    ("Kieran Walsh", "Ciaran Walsh"),  # nickname table: spelling variants
    ("Geoff Hurst", "Geoffrey Hurst"),  # nickname
    ("Edward Reid", "Ted Reid"),  # nickname
    ("Claire Wood", "Clare Wood"),  # deleted letter
    ("Rachel Green", "Rachael Green"),  # inserted letter
    ("Mathew Ward", "Matthew Ward"),  # inserted letter
    ("Philip Moss", "Phillip Moss"),  # inserted letter
    ("Sarah Khan", "Sara Khan"),  # deleted letter
    ("Gary Neville", "Garry Neville"),  # inserted letter
    ("Paul Smith", "Paula Smith"),  # inserted letter: the spec does not look at gender
    ("Robert Brown", "Roberta Brown"),  # inserted letter
    ("Isobel Reid", "Isabel Reid"),  # substitution, 6 letters
    ("Brian Ashworth", "Bryan Ashworth"),  # substitution, 5 letters
    ("Diane Brown", "Diana Brown"),  # substitution, 5 letters
    ("Micheal Brown", "Michael Brown"),  # adjacent transposition, 7 letters
    ("Naomi Richardson", "Naomi Richardsen"),  # surname substitution
    ("Sarah Tayler", "Sarah Taylor"),  # surname substitution
    ("John Paul Smith", "John Smith"),  # equal first and last tokens, names differ
    ("Mary Ellen Jones", "Mary Jones"),  # equal first and last tokens
    ("Helen Lloyd Jones", "Helen Jones"),  # equal first and last tokens
    ("Sarah Parry", "Sarah Jones-Parry"),  # equal first and last tokens
    ("J. P. Smith", "John Smith"),  # initial (first token "j")
    ("Jo Smith", "J Smith"),  # initial of a short name
    ("Jan Smith", "Jane Smith"),  # inserted letter
    ("Jan Smith", "Jean Smith"),  # inserted letter (though Jane/Jean do not pair)
]

MUST_NOT_PAIR = [
    ("Jane Smith", "Jean Smith"),  # spec: four letters, transposition not allowed
    ("Tom Hall", "Tim Hall"),  # spec: three letters, substitution not allowed
    ("Ann Lee", "Ann Leigh"),  # spec: surnames two edits apart, one of 3 letters
    ("Jane Smith", "Peter Smith"),  # spec: sharing only a surname
    ("John Smith", "Jane Smith"),  # sharing only a surname
    ("Mark Lee", "Mark Lea"),  # surname substitution, but 3 letters
    ("Sian Lloyd", "Sian Loyd"),  # surname deletion, but "loyd" has 4 letters
    ("Dan Ross", "Dan Rose"),  # surname substitution, 4 letters
    ("Helen Ward", "Helen Wood"),  # surnames two edits apart
    ("Mark Jones", "Mary Jones"),  # forename substitution, 4 letters
    ("Ian Hall", "Jan Hall"),  # forename substitution, 3 letters
    ("Eve Adams", "Eva Adams"),  # forename substitution, 3 letters
    ("Rose Kelly", "Ross Kelly"),  # forename substitution, 4 letters
    ("Tony Hall", "Toni Hall"),  # four letters, and different nickname groups
    ("Jean Smith", "Joan Smith"),  # forename substitution, 4 letters
    ("Lee Smith", "Leigh Smith"),  # forenames two edits apart
    ("Christopher Hall", "Christine Hall"),  # both go by Chris, but not the same name
    ("Samuel Patel", "Samantha Patel"),  # both go by Sam, but not the same name
    ("John Smith", "Jon Smyth"),  # forename and surname both differ
    ("Claire Smith", "Clare Smyth"),  # forename and surname both differ
    ("John Smith", "J Smyth"),  # initial, but the surnames differ
    ("Steven Hall", "Stephen Hale"),  # forename and surname both differ
    ("Bill Turner", "Bill Turnbull"),  # surnames several edits apart
    ("Peter Jones", "Peter Jones-Smith"),  # last tokens differ: "jones" / "smith"
    ("Amanda Pritchard", "Amanda Pritchard Jones"),  # last tokens differ
    ("A Smith", "B Smith"),  # different initials
    ("A Khan", "Ba Khan"),  # a single letter is only ever an initial
    ("B Turner", "William Turner"),  # an initial of a nickname is not an initial
    ("Smith", "J Smith"),  # one-token names are never close
    ("Smith", "S Smith"),  # one-token names are never close
    ("Smith", "Smyth"),  # one-token names are never close
    ("Sarah Jones-Parry", "Sarah Jones Parry"),  # equal after normalisation: not close
    ("Dr José Álvarez", "Jose Alvarez OBE"),  # equal after normalisation: not close
]


@pytest.mark.parametrize(("a", "b"), MUST_PAIR)
def test_must_pair(a: str, b: str) -> None:
    na, nb = normalise_name(a), normalise_name(b)
    assert close_names(na, nb)
    assert close_names(nb, na)
    assert close_name_pairs([("a", na), ("b", nb)]) == [("a", "b")]


@pytest.mark.parametrize(("a", "b"), MUST_NOT_PAIR)
def test_must_not_pair(a: str, b: str) -> None:
    na, nb = normalise_name(a), normalise_name(b)
    assert not close_names(na, nb)
    assert not close_names(nb, na)
    assert close_name_pairs([("a", na), ("b", nb)]) == []


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("jane", "jane", True),
        ("j", "jane", True),
        ("jane", "j", True),
        ("j", "jo", True),
        ("j", "j", True),
        ("j", "k", False),
        ("a", "ba", False),
        ("jane", "jean", False),
        ("tom", "tim", False),
        ("bill", "william", True),
        ("liam", "william", True),
        ("bill", "will", True),
        ("chris", "christine", True),
        ("christopher", "christine", False),
        ("jon", "john", True),
        ("jon", "jonathan", True),
        ("john", "jonathan", True),
        ("ann", "anne", True),
        ("catherine", "katherine", True),
        ("micheal", "michael", True),
        ("steven", "stephen", True),
        ("mark", "mary", False),
        ("sam", "samantha", True),
        ("samuel", "samantha", False),
        ("gill", "jill", True),
        ("toni", "tony", False),
        ("jan", "jane", True),
        ("jan", "jean", True),
        ("brian", "bryan", True),
        ("brain", "brian", True),  # transposition, 5 letters
        ("jnae", "jane", False),  # transposition, 4 letters
        ("", "", True),
        ("", "j", False),
    ],
)
def test_forenames_compatible(a: str, b: str, expected: bool) -> None:
    assert forenames_compatible(a, b) is expected
    assert forenames_compatible(b, a) is expected


def test_nickname_table() -> None:
    assert len(NICKNAME_GROUPS) >= 60
    for group in NICKNAME_GROUPS:
        assert len(group) >= 2
        for name in group:
            assert name == normalise_name(name)
            assert len(name.split()) == 1
        # The spec's must-not-pair forenames never share a group.
        assert not {"jane", "jean"} <= group
        assert not {"tom", "tim"} <= group
    spec_pairs = [("bill", "william"), ("bob", "robert"), ("liz", "elizabeth")]
    spec_pairs += [("jon", "john"), ("john", "jonathan"), ("stephen", "steven")]
    for a, b in spec_pairs:
        assert any({a, b} <= group for group in NICKNAME_GROUPS)


# --------------------------------------------------------------------------- close_name_pairs


def test_pairs_order_and_equal_names() -> None:
    entries = [
        ("p1", "john smith"),
        ("p2", "jane smith"),
        ("p3", "jon smith"),
        ("p4", "john smith"),  # equal to p1: never reported as a pair with p1
        ("p5", "j smith"),
        ("p6", "smith"),
    ]
    assert close_name_pairs(entries) == [
        ("p1", "p3"),
        ("p3", "p4"),
        ("p1", "p5"),
        ("p2", "p5"),
        ("p3", "p5"),
        ("p4", "p5"),
    ]


def test_pairs_empty_and_single() -> None:
    assert close_name_pairs([]) == []
    assert close_name_pairs([(1, "john smith")]) == []


def _naive(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        (entries[i][0], entries[j][0])
        for j in range(len(entries))
        for i in range(j)
        if close_names(entries[i][1], entries[j][1])
    ]


# Small pools full of initials, nicknames and one-letter slips, so that pairs occur, and few
# enough surnames that blocks outgrow the pair-by-pair threshold.
FORENAMES = [
    "j", "jo", "jon", "john", "johnny", "jonathan", "jane", "jean", "jayne", "jan",
    "bill", "will", "william", "liam", "tom", "tim", "catherine", "katherine", "kate",
    "cathrine", "steven", "stephen", "ann", "anne", "anna", "a", "ba", "sam", "samuel",
    "samantha", "micheal", "michael", "mike", "k", "s",
]  # fmt: skip
SURNAMES = [
    "smith", "smyth", "smiths", "smitt", "lee", "leigh", "lea", "thompson", "thomson",
    "patel", "patil", "hall", "hal", "hale", "jones",
]  # fmt: skip
MIDDLES = ["", "paul", "mary", "p"]

name_strategy = st.one_of(
    st.builds(
        lambda f, m, s: " ".join(t for t in (f, m, s) if t),
        st.sampled_from(FORENAMES),
        st.sampled_from(MIDDLES),
        st.sampled_from(SURNAMES),
    ),
    st.sampled_from(FORENAMES + SURNAMES),  # one-token names
)


@settings(max_examples=300, deadline=None)
@given(st.lists(name_strategy, max_size=40))
def test_pairs_agree_with_all_pairs(names: list[str]) -> None:
    entries = [(f"k{i}", name) for i, name in enumerate(names)]
    assert close_name_pairs(entries) == _naive(entries)


def test_pairs_agree_with_all_pairs_on_a_large_seeded_sample() -> None:
    rng = random.Random(204)
    names = [
        " ".join(t for t in (rng.choice(FORENAMES), rng.choice(MIDDLES), rng.choice(SURNAMES)) if t)
        for _ in range(400)
    ]
    entries = [(f"k{i}", name) for i, name in enumerate(names)]
    expected = _naive(entries)
    assert expected  # the sample is built to contain pairs
    assert close_name_pairs(entries) == expected


def test_pairs_accept_any_hashable_keys() -> None:
    entries = [((1, "a"), "bill turner"), ((2, "b"), "william turner")]
    assert close_name_pairs(entries) == [((1, "a"), (2, "b"))]


# --------------------------------------------------------------------------- properties


@settings(max_examples=500)
@given(st.text())
def test_normalise_name_properties(text: str) -> None:
    once = normalise_name(text)
    assert normalise_name(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert once.casefold() == once
    assert all(ch.isalnum() or ch == " " for ch in once)


# Titles and punctuation mixed in, which plain st.text() rarely produces.
titled_strategy = st.lists(
    st.sampled_from(
        [
            "Dr", "Dr.", "Rt", "Hon", "Rt.", "Sir", "The", "OBE", "O.B.E.", "J.P.", "Ph.D.",
            "MA", "Ann", "O'Neill", "Smith-Jones", "José", ",", "-", "&", "Ｊ", "İ", "ß",
        ]
    ),
    max_size=8,
).map(" ".join)  # fmt: skip


@settings(max_examples=500)
@given(st.one_of(st.text(), titled_strategy))
def test_normalise_name_idempotent_on_titled_text(text: str) -> None:
    once = normalise_name(text)
    assert normalise_name(once) == once


@settings(max_examples=300)
@given(st.one_of(st.text(), titled_strategy))
def test_normalise_organisation_properties(text: str) -> None:
    once = normalise_organisation(text)
    assert normalise_organisation(once) == once
    assert once == " ".join(once.split())
    assert once.casefold() == once
    assert "&" not in once


@settings(max_examples=300)
@given(name_strategy, name_strategy)
def test_close_names_symmetric(a: str, b: str) -> None:
    assert close_names(a, b) == close_names(b, a)
    if a == b:
        assert not close_names(a, b)


@settings(max_examples=300)
@given(st.text(), st.text())
def test_close_names_never_raises_and_is_symmetric(a: str, b: str) -> None:
    na, nb = normalise_name(a), normalise_name(b)
    assert close_names(na, nb) == close_names(nb, na)


def test_import_is_cheap() -> None:
    # Loaded by path so that the package's own __init__ (other modules) plays no part.
    path = Path(__file__).resolve().parents[1] / "icp_cli" / "people" / "matching.py"
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('identity_probe', {str(path)!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "assert 'rapidfuzz' not in sys.modules, 'rapidfuzz imported eagerly'\n"
        "assert module.close_names('jon smith', 'john smith')\n"
        "assert 'rapidfuzz' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
