"""Name and organisation matching: the "Identity" section of docs/spec/membership-format.md.

Two seats are one person when their normalised names are equal (`normalise_name`); names
that are close but not equal (`close_names`) are never merged, only reported by D204.
Councils are matched on `normalise_organisation`.

Everything here is pure. rapidfuzz is imported inside the functions that measure edit
distances, so that importing this module (which every command does) stays cheap.

Resolutions of points the spec leaves open:

- Titles are stripped after folding, on whole tokens, so that the result is idempotent
  (a token like "Smith-OBE" becomes "smith obe" and must lose "obe" on the first pass, not
  on a second). The one exception is a trailing dotted post-nominal ("O.B.E.", "J.P."),
  read as one token so that it is stripped rather than left as loose initials.
- "Rt Hon" is stripped only as the pair "rt hon"; "rt" alone is kept.
- A forename of one letter is an initial: it is compatible only with forenames that start
  with it, never through the one-inserted-letter rule ("A" and "Ba" are not compatible).
- Equal forenames are compatible (the spec's list omits the obvious case), so names that
  differ only in middle tokens are close: "John Paul Smith"/"John Smith".
- A one-token name is never close to anything: it has no separate forename and surname, and
  reading the token as both would pair "Smith" with "S Smith" but not with "J Smith".
- Letters are counted as characters of the normalised token (digits count too).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from types import ModuleType

__all__ = [
    "HONORIFICS",
    "NICKNAME_GROUPS",
    "POST_NOMINALS",
    "close_name_pairs",
    "close_names",
    "forenames_compatible",
    "normalise_name",
    "normalise_organisation",
]

K = TypeVar("K", bound=Hashable)

# Stored folded; "rt" is handled apart because it is only a title when "hon" follows.
HONORIFICS: frozenset[str] = frozenset(
    {
        "dr", "prof", "professor", "cllr", "councillor", "sir", "dame", "mr", "mrs", "ms",
        "miss", "mx", "the", "hon", "lord", "lady", "baroness", "baron", "rev", "revd",
    }
)  # fmt: skip
# Not MA, BA or MD: those are also surnames.
POST_NOMINALS: frozenset[str] = frozenset(
    {
        "obe", "mbe", "cbe", "dbe", "kbe", "bem", "qc", "kc", "jp", "dl", "mp", "phd",
        "dphil", "mbbs", "mbchb", "mrcgp", "frcgp", "frcp", "frcs", "frcpsych", "ffph",
        "frcn", "rn", "fca", "aca", "cpfa", "msc", "mba",
    }
)  # fmt: skip

# Typed apostrophes in the wild: straight, curly, modifier letters, backtick, acute, prime,
# fullwidth. Deleted rather than spaced so that "O'Neill" stays one token.
_APOSTROPHES = "'\u2019\u2018\u201b\u02bc\u02bb`\u00b4\u2032\uff07"
# docs/spec/membership-format.md: zero-width characters are dropped by normalisation, so that a
# name pasted with an invisible U+200B is the same person as the one typed without it.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_DELETE_APOSTROPHES = str.maketrans("", "", _APOSTROPHES + ZERO_WIDTH)
_RAW_SPLIT = re.compile(r"[\s,]+")

# Groups of given names one person may go by. A name may sit in several groups (Chris is
# short for Christopher and for Christine) and is compatible with every name it shares a
# group with; Christopher and Christine share none, so they stay apart. Jane/Jean and
# Tom/Tim must never share a group (the spec's must-not-pair examples). One group per line;
# an indented line continues the group above.
_NICKNAME_TEXT = """
william will bill billy willie willy liam wil
robert rob bob bobby robbie robby bert bertie rab
albert bert bertie al albie
herbert bert bertie herb
elizabeth elisabeth liz lizzie lizzy beth betty bette bess bessie eliza libby lisa elsie
john jon johnny jonny johnnie jack
jonathan jon jonny john jonty
stephen steven steve stevie stefan stephan
stephanie steph stef stevie
catherine katherine kathryn catharine katharine cathryn
    kate katie katy kathy cathy kath cath kat kay kitty
kathleen kath kathy kay
david dave davy davey davie dai dafydd
michael mike mick mickey micky mikey
james jim jimmy jamie jem
thomas tom tommy thom
anthony antony tony ant
antonia toni tonia
andrew andy drew
christopher chris kit
christian chris
christine christina chris chrissie chrissy tina kirsty kristine kristina
susan sue susie suzie suzy susannah susanna
suzanne susanne sue suzie susie suzy
jennifer jen jenny jenni jennie
alexander alex alec alick sandy xander
alexandra alex alexa lexi lexie sandy
sandra sandy sandie
nicholas nicolas nick nicky nico nic
nicola nicole nicky nikki nic
samuel sam sammy
samantha sam sammy sammie
benjamin ben benny benji
benedict ben
daniel dan danny
danielle dani
patrick pat paddy
patricia pat patty patsy trish tricia trisha
richard rich rick ricky richie dick dickie
edward ed eddie eddy ted teddy ned
edmund ed eddie ned
edwin ed eddie
theodore theo ted teddy
margaret maggie meg peggy peg madge marge margie mags greta
megan meg
marjorie margery marge margie
joanne joanna joann jo joanie
josephine jo josie jojo
joseph joe joey
peter pete
philip phillip phil pip
philippa phillipa pippa pip
timothy tim timmy
frederick frederic fredrick fred freddie freddy
alfred alf alfie fred freddie
henry harry hal hen
harold harry hal
harriet hattie hatty
matthew matt mat matty
gregory greg gregg
gerald gerry ger jerry
geraldine gerry ger geri
gerard gerry ger
jeremy jerry jez
valerie val
valentine val
diana diane dianne di
jacqueline jackie jacky jacqui jacquie jack
nathaniel nathan nat nate
natalie nathalie nat
natasha tasha tash nat
ronald ron ronnie ronny
veronica ronnie roni
sarah sara sally sal sadie
deborah debora debra debbie debby deb debs
amanda mandy manda
victoria vicky vicki vickie vic tori tory
victor vic
rebecca rebekah becky becca bex becki beckie
abigail abi abby abbie abbey
teresa theresa tess tessa tessie terri
terence terrance terry tel
charles charlie chas chaz chuck
charlotte charlie lottie lotte
francis frank frankie fran
frances fran frankie
francesca fran frankie
gillian jillian gill jill gilly jilly
kenneth ken kenny
leonard len lenny leo
raymond ray
stanley stan
gwendolen gwendoline gwendolyn gwen wendy
gwyneth gwen
alan allan allen alun al
ann anne anna annie nan nancy
barbara barb babs barbie
bernard bernie
bernadette bernie
caroline carolyn carol carole carrie caro
dorothy dot dottie dolly dora
douglas doug dougie
eleanor elinor ellie ella nell nellie
helen helena nell nellie
emily em emmy
emma em emmie
geoffrey jeffrey jeffery geoff jeff
isabel isabella isobel izzy issy bella belle
jacob jake
jane janie janey jayne
jean jeanne jeannie jeanette
janet jan
joan joanie
judith judy judi jude
julian jules
julia julie jules
kimberley kimberly kim
lawrence laurence larry laurie
leslie lesley les
lewis louis lou lew
louise louisa lou
mary molly polly mamie
matilda tilly tilda
melanie mel
melissa mel missy
melvyn melvin mel
neil neal neill niall
oliver olly ollie
olivia liv livvy ollie
pamela pam
penelope penny pen
reginald reg reggie
rodney rod
roderick rod roddy
rosemary rosie rose ro
rosalind ros roz rosie
sean shaun shawn
simon si
sophie sophia soph
stuart stewart stu
trevor trev
vincent vince vinnie
walter walt wally
wilfred wilf
winifred winnie
zachary zach zack zak
gareth gaz
gary garry gaz
kieran kieron ciaran
mohammed mohammad muhammad muhammed mohamed mohamad mo
aisha ayesha aysha
evan ieuan
llewellyn llew
derek derrick del
sebastian seb
joshua josh
nigel nige
martin marty
malcolm mal
maurice mo
maureen mo
dominic dom
archibald archie
angus gus
augustus gus
clifford cliff
desmond des
donald don donny
ernest ernie
gabriel gabe
gabrielle gabby gabi gaby
hugh hughie
kevin kev
lucy lucie luci lucinda
mark marc marcus
norman norm
percival percy
rachel rach
sidney sydney sid
tobias toby
vivian vivien viv
georgina georgie gina
george georgie
georgia georgie
gertrude gertie trudy
florence flo florrie
eileen aileen
clare claire clara
constance connie
cassandra cass cassie
beverley beverly bev
bradley brad
brian bryan
lauren laura
lilian lillian lily lil
madeleine madeline maddie maddy
jessica jess jessie
agnes aggie nessie
alice ali allie
alison allison ali alli
alistair alastair alasdair ali al
amelia amy millie
millicent millie
mildred millie
prudence prue pru
yasmin yasmine jasmine jasmin
bridget bridie biddy
maxwell max
maximilian max
"""

NICKNAME_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split()) for group in re.split(r"\n(?! )", _NICKNAME_TEXT.strip())
)

@functools.cache
def _groups_of() -> dict[str, frozenset[int]]:
    """name -> the nickname groups it is in, made at the first comparison that needs it (a
    run that compares no names does not pay for it)."""
    groups: dict[str, set[int]] = {}
    for index, group in enumerate(NICKNAME_GROUPS):
        for name in group:
            groups.setdefault(name, set()).add(index)
    return {name: frozenset(found) for name, found in groups.items()}

_NO_GROUPS: frozenset[int] = frozenset()

# Beneath this many names a block is compared pair by pair: building deletion keys costs
# more than the handful of comparisons it would save.
_SMALL_BLOCK = 8


def _fold(text: str) -> str:
    """Delete apostrophes, remove accents (NFKD, drop nonspacing marks) and casefold."""
    text = text.translate(_DELETE_APOSTROPHES)
    if text.isascii():
        return text.lower()
    # Casefolding can yield characters NFKD would decompose again, and NFKD can yield a
    # fullwidth apostrophe's plain one: repeat until nothing changes, so folding is
    # idempotent.
    for _ in range(4):
        before = text
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
        text = text.casefold().translate(_DELETE_APOSTROPHES)
        if text == before:
            break
    return text


def _tokens(folded: str) -> list[str]:
    """Split folded text into words, every non-alphanumeric character acting as a space."""
    # `[^\W_]` is exactly str.isalnum (a word character other than the underscore).
    return _WORD.findall(folded)


_WORD = re.compile(r"[^\W_]+")


def _undot_trailing_post_nominals(folded: str) -> str:
    """Read "o.b.e." as "obe" at the end of a name, where it can only be a post-nominal.

    Elsewhere dots separate initials ("J.P. Smith" is j, p, smith), so this is limited to
    the run of post-nominals that ends the name.
    """
    if "." not in folded:
        return folded
    raw = [t for t in _RAW_SPLIT.split(folded) if t]
    end = len(raw)
    while end and raw[end - 1].replace(".", "") in POST_NOMINALS:
        end -= 1
    if end == len(raw):
        return folded
    return " ".join(raw[:end] + [t.replace(".", "") for t in raw[end:]])


def _strip_titles(tokens: list[str]) -> list[str]:
    start, count = 0, len(tokens)
    while start < count:
        if tokens[start] in HONORIFICS:
            start += 1
        elif tokens[start] == "rt" and start + 1 < count and tokens[start + 1] == "hon":
            start += 2
        else:
            break
    end = count
    while end > start and tokens[end - 1] in POST_NOMINALS:
        end -= 1
    # The spec: a name that would normalise to nothing keeps its tokens.
    return tokens[start:end] if start < end else tokens


def normalise_name(name: str) -> str:
    """Normalise a person's name as docs/spec/membership-format.md (Identity) defines.

    >>> normalise_name("Prof Sir John O'Neill-Smith OBE, FRCP")
    'john oneill smith'
    >>> normalise_name("Dr")
    'dr'
    """
    folded = _undot_trailing_post_nominals(_fold(name))
    return " ".join(_strip_titles(_tokens(folded)))


@functools.lru_cache(maxsize=4096)
def normalise_organisation(name: str) -> str:
    """Normalise an organisation's name: as `normalise_name`, without titles, `&` = `and`.

    Cached: the rules match the same few organisations against every seat.

    >>> normalise_organisation("Brighton & Hove City Council")
    'brighton and hove city council'
    """
    # After folding, so that a fullwidth or small ampersand has become "&".
    folded = _fold(name).replace("&", " and ")
    return " ".join(_tokens(folded))


def _rapidfuzz() -> ModuleType:
    from rapidfuzz import distance

    return distance


class _LazyDistance:
    """rapidfuzz.distance, imported on first use: most names are told apart without it."""

    def __getattr__(self, name: str) -> Any:
        value = getattr(_rapidfuzz(), name)
        setattr(self, name, value)  # found directly from now on
        return value


def _compatible(a: str, b: str, distance: ModuleType) -> bool:
    if a == b:
        return True
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        return len(short) == 1 and long_.startswith(short)
    if _groups_of().get(a, _NO_GROUPS) & _groups_of().get(b, _NO_GROUPS):
        return True
    gap = len(a) - len(b)
    if gap in (1, -1):
        return distance.Indel.distance(a, b, score_cutoff=1) == 1
    if gap == 0 and len(a) >= 5:
        return distance.OSA.distance(a, b, score_cutoff=1) == 1
    return False


def _surnames_one_edit(a: str, b: str, distance: ModuleType) -> bool:
    return (
        len(a) >= 5
        and len(b) >= 5
        and abs(len(a) - len(b)) <= 1
        # One edit as for forenames: an inserted, deleted or changed letter, or two
        # adjacent letters swapped (Smith/Smiht), which is the commonest typing slip.
        and distance.OSA.distance(a, b, score_cutoff=1) == 1
    )


def _close_parts(fa: str, sa: str, fb: str, sb: str, distance: ModuleType) -> bool:
    if sa == sb:
        return _compatible(fa, fb, distance)
    return fa == fb and _surnames_one_edit(sa, sb, distance)


def forenames_compatible(a: str, b: str) -> bool:
    """Whether two normalised forenames (single tokens) may name one person.

    True when they are equal; when one is a single letter that begins the other (an
    initial); when they share a nickname group (`NICKNAME_GROUPS`); when one letter
    inserted or deleted turns one into the other; or, both being five letters or more,
    when one substitution or one swap of adjacent letters does. A single letter is only
    ever an initial: "a" and "ba" are not compatible.
    """
    return _compatible(a, b, _rapidfuzz())


def close_names(a: str, b: str) -> bool:
    """Whether two normalised names are close (D204): not equal, but maybe one person.

    Close when the surnames (last tokens) are equal and the forenames (first tokens) are
    `forenames_compatible`, or when the forenames are equal and the surnames, both five
    letters or more, differ by one insertion, deletion or substitution. Names of one token
    are never close: they have no forename apart from their surname. Symmetric.
    """
    if a == b:
        return False
    ta, tb = a.split(), b.split()
    if len(ta) < 2 or len(tb) < 2:
        return False
    return _close_parts(ta[0], ta[-1], tb[0], tb[-1], _rapidfuzz())


def _deletions(word: str) -> set[str]:
    """The word and every string one deleted letter away from it."""
    keys = {word}
    keys.update(word[:i] + word[i + 1 :] for i in range(len(word)))
    return keys


def _key_sharers(members: list[int], keys_of: dict[int, set[str]]) -> Iterator[tuple[int, int]]:
    """Pairs (lower id first) of members that share at least one key, each once, made as
    they are asked for: the caller stops at its limit, so a block in which thousands of
    names share a key never holds all its pairs at once."""
    buckets: defaultdict[str, list[int]] = defaultdict(list)
    for uid in members:
        for key in sorted(keys_of[uid]):
            buckets[key].append(uid)
    for key, bucket in buckets.items():
        for j, v in enumerate(bucket):
            for u in bucket[:j]:
                # A pair sharing several keys comes from the smallest of them only.
                if key == min(keys_of[u] & keys_of[v]):
                    yield (u, v) if u < v else (v, u)


def _all_pairs(members: list[int]) -> set[tuple[int, int]]:
    return {(u, v) for j, v in enumerate(members) for u in members[:j]}


def _surname_block_pairs(members: list[int], forenames: list[str]) -> Iterator[tuple[int, int]]:
    """Candidates among names sharing a surname: forenames maybe compatible."""
    if len(members) <= _SMALL_BLOCK:
        yield from _all_pairs(members)
        return
    keys_of: dict[int, set[str]] = {}
    by_initial: defaultdict[str, list[int]] = defaultdict(list)
    initials: list[int] = []
    for uid in members:
        forename = forenames[uid]
        if len(forename) == 1:
            initials.append(uid)
            keys_of[uid] = {forename}
            continue
        # One-deletion keys find every forename within one edit; groups find nicknames.
        keys = _deletions(forename)
        keys.update(f"\x00{g}" for g in _groups_of().get(forename, _NO_GROUPS))
        keys_of[uid] = keys
        by_initial[forename[0]].append(uid)
    yield from _key_sharers(members, keys_of)
    # An initial meets every forename it begins, but the full forenames beginning with one
    # letter need not meet each other: that is why the initial is not a shared key.
    for uid in initials:
        for v in by_initial[forenames[uid]]:
            if not keys_of[uid] & keys_of[v]:  # not already met through a shared key
                yield (min(uid, v), max(uid, v))


def close_name_pairs(
    entries: Sequence[tuple[K, str]], limit: int | None = None
) -> list[tuple[K, K]]:
    """Every close pair among distinct identities, each once, as (earlier key, later key).

    With `limit`, the search stops once that many pairs are found: a machine-made file in
    which thousands of names are close to each other has millions of pairs, and nobody
    reads past the first screens of them.

    `entries` holds (key, normalised name) for each identity, keys distinct. Identities
    with equal names are not reported (callers treat them as their own case). The list is
    sorted by the position of the later entry, then of the earlier.

    Blocking keeps this far from all-pairs: the surname-equal case is compared within one
    surname, the forename-equal case within one forename, and a large block is split
    further by symmetric one-deletion keys (a word and its one-letter deletions, which two
    words within one edit always share), by nickname group, and by initial.
    """
    # Equal names never pair, so compare each distinct name once.
    uid_of: dict[str, int] = {}
    positions: list[list[int]] = []
    forenames: list[str] = []
    surnames: list[str] = []
    for position, (_, name) in enumerate(entries):
        uid = uid_of.get(name)
        if uid is not None:
            positions[uid].append(position)
            continue
        tokens = name.split()
        if len(tokens) < 2:
            continue
        uid_of[name] = len(positions)
        positions.append([position])
        forenames.append(tokens[0])
        surnames.append(tokens[-1])

    by_surname: defaultdict[str, list[int]] = defaultdict(list)
    by_forename: defaultdict[str, list[int]] = defaultdict(list)
    for uid, (forename, surname) in enumerate(zip(forenames, surnames, strict=True)):
        by_surname[surname].append(uid)
        if len(surname) >= 5:
            by_forename[forename].append(uid)

    # rapidfuzz is imported at the first pair that needs an edit distance, if any does.
    distance: Any = _LazyDistance()
    close: list[tuple[int, int]] = []
    # One surname: the forenames must be compatible. The cheap tests of _compatible come
    # first, sparing most candidates a call: lengths at most one apart, an initial, or a
    # nickname group in common.
    for members in by_surname.values():
        if len(members) < 2:
            continue
        for u, v in _surname_block_pairs(members, forenames):
            fu, fv = forenames[u], forenames[v]
            if (
                not -1 <= len(fu) - len(fv) <= 1
                and len(fu) > 1
                and len(fv) > 1
                and not _groups_of().get(fu, _NO_GROUPS) & _groups_of().get(fv, _NO_GROUPS)
            ):
                continue
            if _compatible(fu, fv, distance):
                close.append((u, v))
                if limit is not None and len(close) >= limit:
                    break
        if limit is not None and len(close) >= limit:
            break
    # One forename: the surnames must be one edit apart. Pairs that also share the surname
    # were the surname blocks' to judge (so no pair is judged twice).
    for members in by_forename.values():
        if len(members) < 2 or (limit is not None and len(close) >= limit):
            continue
        if len(members) <= _SMALL_BLOCK:
            block: Iterable[tuple[int, int]] = _all_pairs(members)
        else:
            block = _key_sharers(members, {u: _deletions(surnames[u]) for u in members})
        for u, v in block:
            su, sv = surnames[u], surnames[v]
            if su != sv and -1 <= len(su) - len(sv) <= 1 and _surnames_one_edit(su, sv, distance):
                close.append((u, v))
                if limit is not None and len(close) >= limit:
                    break

    pairs: list[tuple[int, int]] = []
    for u, v in close:
        pairs.extend((p, q) if p < q else (q, p) for p in positions[u] for q in positions[v])
    pairs.sort(key=lambda pair: (pair[1], pair[0]))
    return [(entries[p][0], entries[q][0]) for p, q in pairs[:limit]]
