"""Deterministic synthetic membership files at national scale, for the benchmarks.

`python benchmarks/generate.py` writes benchmarks/data/national-x1/ (42 systems, about
17,000 seats, about 1.3 MB), national-x2/ and national-x4/. In the ×k sets each file is a
merged system: one ICB spanning k former partnerships, each with its own ICP naming the
councils it covers, so a file grows k-fold (that is what stresses per-file work such as
identity matching; more files of the same size would only stress the loop).

Every file is valid under the membership format, and looks like a real one: an ICB with
its committees, ICPs, one health and wellbeing board and one place partnership per council,
locality boards, provider collaboratives, ICP sub-groups and engagement routes; a people
registry for everyone on several bodies and inline members elsewhere, with the same
inline person written differently on different bodies ("Dr Amara Okoye" / "Amara Okoye
MRCGP"), a few near-duplicates that D204 should ask about ("Rob Hale" / "Robert Hale"), a
few pairs marked `not_same_as`, and the usual scattering of findings.

Everything is fictional. The output depends only on the seed and the scale, never on the
machine, the Python version or the time of day (random.Random seeded with a string).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

SEED = "icp-national-benchmark-1"
SYSTEMS = 42
SCALES = (1, 2, 4)
DATA = Path(__file__).resolve().parent / "data"


def _words(text: str) -> list[str]:
    return text.split()


FORENAMES = _words("""
Aaliyah Abdul Adam Adebayo Adrian Afua Aidan Aisha Alan Alastair Alice Alison Amara Amir
Amrit Andrew Angela Anil Anita Anna Anthony Arjun Asha Barbara Barry Beatrice Bethan Bilal
Brendan Bridget Bronwen Callum Carmen Caroline Catherine Chidi Chloe Ciaran Claire Colin
Conor Craig Damian Daniel Deborah Declan Deepa Derek Diane Dominic Donna Duncan Eamon
Eilidh Eleanor Elaine Emeka Emma Eric Esther Fatima Felix Fergus Fiona Frances Gareth
Gemma Geraint Gillian Gordon Grace Graham Gwen Hamza Hannah Harriet Hassan Heather Helen
Hugh Ibrahim Imogen Imran Iona Isaac Ivan Jacqueline Jasmine Jasvinder Jeremy Joanna
Jocelyn Jolene Jude Julian Kamala Karen Keith Kemi Kenneth Kiran Kwame Lakshmi Laura
Lawrence Leanne Leon Lindsay Lorna Lucy Luke Lydia Malcolm Marcus Mariam Martin Maureen
Meera Miriam Mohammed Moira Morag Nadia Naomi Nathan Neil Niamh Nigel Nkechi Norman Olivia
Omar Oonagh Owen Pamela Patrick Pauline Priya Rachel Rajesh Rebecca Rhiannon Roisin Rosa
Ruth Sadia Saira Samira Sarah Seamus Shanice Sharon Sian Simon Siobhan Sophie Stuart Tariq
Tendai Teresa Thandiwe Theo Tobias Ursula Usha Vanessa Vikram Vivienne Warren Wendy Yasmin
Yusuf Zainab Zoë José Ciarán Renée Robert William Elizabeth Jonathan Catherine Stephen
Michael Thomas Christopher Nicholas Margaret Susan Richard Edward Philippa
""")

SURNAMES = _words("""
Abbott Achterberg Adeyemi Ahmed Ainsworth Akhtar Aldridge Appleby Armitage Ashdown Atkins
Bainbridge Banerjee Barraclough Beckwith Bellamy Bhatt Blackwood Bostock Bowers Bradshaw
Brannigan Brightwell Brockway Buckley Calloway Carberry Carmody Cartwright Chadwick
Chaudhry Clegg Coates Colquhoun Cowley Crabtree Cresswell Dalgleish Danvers Darby
Delahunty Desai Dobson Donnelly Drummond Dunmore Eastwood Edmondson Ellison Elsworth
Entwistle Etheridge Fairbairn Farrant Fenwick Fitzgerald Fletcher Forsyth Foulkes Frobisher
Gallagher Garside Gillespie Goldsmith Greenhalgh Grimshaw Gupta Haigh Halloran Hargreaves
Hartigan Haslam Hathaway Hebden Henshaw Hollins Holroyd Houghton Hussain Ibbotson Iqbal
Jagger Jarvis Kaur Kavanagh Kendrick Khan Kilbride Kirkbride Lamb Latimer Leadbetter
Lindqvist Lloyd Lockwood Lomax Lowther Macaulay Maguire Malik Marchbank Marsden McAllister
McCready McKenna Mehta Merriman Metcalfe Moorcroft Mottram Mukherjee Nair Naylor Nettleton
Northcott Nwosu Oduya Okafor Okonjo Okoye Oldroyd Onyango Ormerod Osei Ottaway Padgett
Pannell Patel Pemberton Penrose Pickering Pilkington Prendergast Pritchard Quayle Quinlan
Qureshi Radcliffe Rahman Ramsbottom Rathbone Redfern Rennie Rhodes Rigby Rowbotham
Rushworth Sandhu Scargill Sefton Shackleton Sharma Sheard Shuttleworth Sidebottom Singh
Slater Sowerby Stirrup Sutcliffe Swindells Tattersall Thackeray Thistlethwaite Threlfall
Tindall Tomlinson Tranter Tremayne Uddin Umeh Varley Venables Voss Wadsworth Wainwright
Walmsley Warburton Whitfield Whittaker Wilberforce Winstanley Wolstenholme Woodhouse
Worsley Yardley Yeomans Zaman O'Neill O'Hara McBride Ní-Bhriain
""")

# Given names written two ways for one person: a careless second entry makes D204 ask.
NICKNAMES = {
    "Robert": "Rob", "William": "Bill", "Elizabeth": "Liz", "Jonathan": "Jon",
    "Catherine": "Kate", "Stephen": "Steve", "Michael": "Mike", "Thomas": "Tom",
    "Christopher": "Chris", "Nicholas": "Nick", "Margaret": "Maggie", "Susan": "Sue",
    "Daniel": "Dan", "Richard": "Rich", "Edward": "Ed", "Philippa": "Pippa",
}  # fmt: skip

STEMS = _words("""
ash bar beck bird black bram brock bur cald can car chester clay cot crom dal dun eden
elm fair far fen ford gar glen green ham har hazel heath holm hurst ick kel kings lang
lark lin long low mar mel mere mill moor nor oak ock pen pick red ridge ros rush salt
sand sel shep stan stock stone sut tam thorn wal wark well wen west whit wick wil win wold
wood wren yar
""")
ENDINGS = _words("""
bury by caster combe dale don field ford gate ham holme hurst ington leigh ley minster
mouth ness port stead stow thorpe ton well wick worth
""")

PLAIN = re.compile(r"^[A-Za-z0-9À-ÿ][A-Za-z0-9À-ÿ ,.'()&/+-]*$")


def scalar(text: str, flow: bool = False) -> str:
    """A YAML scalar as a person would type it: plain where that reads back as the same
    text, double-quoted where it would not (in a flow mapping, a comma ends a plain one)."""
    if (
        PLAIN.match(text)
        and not text.endswith(" ")
        and text.lower() not in _YAML_WORDS
        and not (flow and "," in text)
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


_YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower().replace("'", "")).strip("-")


@dataclass
class Person:
    name: str
    organisation: str
    sector: str
    pid: str | None = None  # set when the person is in the people[] registry
    not_same_as: list[str] = field(default_factory=list)


@dataclass
class Seat:
    person: Person
    role: str | None = None
    seat: tuple[str, ...] = ()
    attendance: str | None = None
    appointed_by: str | None = None
    written_name: str | None = None  # how an inline person's name is written here


@dataclass
class BodySpec:
    id: str
    type: str
    name: str
    seats: list[Seat]
    chair: str | None = None
    reports_to: str | None = None
    place: str | None = None
    local_authorities: list[str] | None = None
    meetings: str | None = None
    comment: str | None = None


@dataclass
class Area:
    """One former partnership: its councils, places and trusts."""

    name: str
    councils: list[str]
    places: list[str]
    icp_id: str


class SystemBuilder:
    """Builds one synthetic system; every choice comes from its own seeded generator."""

    def __init__(self, index: int, scale: int) -> None:
        self.rng = random.Random(f"{SEED}/{scale}/{index}")
        self.scale = scale
        self.index = index
        self.used_names: set[str] = set()
        self.used_places: set[str] = set()
        self.used_ids: set[str] = set()
        self.registry: list[Person] = []
        self.bodies: list[BodySpec] = []
        self.engagement: list[tuple[str, str, str, list[str]]] = []
        self.trusts: dict[str, list[dict]] = {}  # by area
        self.gp_members: dict[str, list[Person]] = {}  # by area

    # -- names ----------------------------------------------------------------------------

    def place_name(self) -> str:
        while True:
            stem = self.rng.choice(STEMS)
            name = (stem + self.rng.choice(ENDINGS)).capitalize()
            if self.rng.random() < 0.15:
                name = self.rng.choice(("North ", "South ", "East ", "West ", "Mid ")) + name
            if name not in self.used_places:
                self.used_places.add(name)
                return name

    def full_name(self) -> tuple[str, str]:
        while True:
            forename = self.rng.choice(FORENAMES)
            surname = self.rng.choice(SURNAMES).replace("-", " ")
            key = f"{forename} {surname}".lower()
            if key not in self.used_names:
                self.used_names.add(key)
                return forename, surname

    def person(
        self, organisation: str, sector: str, *, title: str = "", registered: bool = False
    ) -> Person:
        forename, surname = self.full_name()
        name = f"{title}{forename} {surname}"
        if self.rng.random() < 0.04:
            name += self.rng.choice((" OBE", " MBE", " CBE"))
        p = Person(name, organisation, sector)
        if registered:
            self.register(p, f"{forename} {surname}")
        return p

    def register(self, p: Person, base: str) -> None:
        pid = slug(base)
        n = 2
        while pid in self.used_ids:
            pid, n = f"{slug(base)}-{n}", n + 1
        self.used_ids.add(pid)
        p.pid = pid
        self.registry.append(p)

    def variant(self, p: Person) -> str:
        """The same name written another way: a title, a post-nominal or spacing added."""
        choice = self.rng.random()
        if choice < 0.3 and not p.name.startswith(("Dr ", "Cllr ", "Prof ")):
            return "Dr " + p.name
        if choice < 0.5:
            return p.name + " MRCGP" if p.sector == "primary-care" else p.name + " MBA"
        if choice < 0.6:
            return p.name.replace(" ", "  ", 1)
        return p.name

    def near_duplicate(self, p: Person) -> Person | None:
        """Someone written with a nickname elsewhere: a different identity D204 asks about."""
        forename, _, rest = p.name.partition(" ")
        short = NICKNAMES.get(forename)
        if short is None or f"{short} {rest}".lower() in self.used_names:
            return None
        self.used_names.add(f"{short} {rest}".lower())
        return Person(f"{short} {rest}", p.organisation, p.sector)

    # -- the system -----------------------------------------------------------------------

    def build(self) -> str:
        rng = self.rng
        areas = [self.area(k) for k in range(self.scale)]
        region = self.place_name()
        if self.scale == 1:
            system_name = f"{areas[0].name} ICS"
            icb_org = f"NHS {areas[0].name} Integrated Care Board"
        else:
            system_name = f"Greater {region} ICS"
            icb_org = f"NHS Greater {region} Integrated Care Board"
        self.icb_org = icb_org
        self.ambulance = f"{region} Ambulance Service NHS Foundation Trust"

        icb = self.icb(icb_org, areas)
        self.bodies.append(icb)
        committees_at = len(self.bodies)
        for area in areas:
            self.area_bodies(area, icb_org)
        # The ICB's committees draw on the trusts' executives and the practices' GPs.
        area_bodies = self.bodies[committees_at:]
        del self.bodies[committees_at:]
        self.icb_committees(icb_org, areas)
        self.bodies += area_bodies
        population = sum(len(a.councils) for a in areas) * rng.randrange(260, 420) * 1000
        councils = [c for a in areas for c in a.councils]
        places = [p for a in areas for p in a.places]
        return self.write(system_name, population, councils, places)

    def area(self, k: int) -> Area:
        rng = self.rng
        count = rng.choices(range(1, 11), weights=(4, 10, 14, 14, 10, 6, 3, 2, 1, 1))[0]
        name = self.place_name()
        councils, places = [], []
        for _ in range(count):
            place = self.place_name()
            kind = rng.choices(
                ("County Council", "City Council", "Council", "Borough Council"),
                weights=(3, 2, 4, 2),
            )[0]
            councils.append(f"{place} {kind}")
            places.append(place)
        icp_id = "icp" if self.scale == 1 else f"icp-{slug(name)}"
        return Area(name, councils, places, icp_id)

    # -- the ICB and its committees -----------------------------------------------------------

    def icb(self, org: str, areas: list[Area]) -> BodySpec:
        rng = self.rng
        indep = "independent"
        self.icb_chair = self.person(org, indep, registered=True)
        self.icb_ceo = self.person(org, "icb", registered=True)
        self.neds = [self.person(org, indep, registered=True) for _ in range(rng.randint(2, 4))]
        self.cfo = self.person(org, "icb", registered=True)
        self.cmo = self.person(org, "icb", title="Dr ", registered=True)
        self.cno = self.person(org, "icb", registered=True)
        self.strategy = self.person(org, "icb", registered=True)
        self.cpo = self.person(org, "icb", registered=True)
        seats = [
            Seat(self.icb_chair, "Chair", ("chair",)),
            Seat(self.icb_ceo, "Chief Executive", ("chief-executive",)),
        ]
        seats += [Seat(n, "Non-executive Member", ("non-executive",)) for n in self.neds]
        self.trust_partner = self.person(
            f"{areas[0].name} Hospitals NHS Foundation Trust", "nhs-acute", registered=True
        )
        seats.append(
            Seat(self.trust_partner, "Partner Member, NHS trusts", ("partner-trusts",))
        )
        if rng.random() < 0.9:
            mh = self.person(
                f"{areas[0].name} Mental Health NHS Foundation Trust", "nhs-mental-health"
            )
            seats.append(
                Seat(mh, "Partner Member, NHS trusts (mental health)", ("partner-trusts",))
            )
        gp = self.person(f"{self.place_name()} Medical Practice", "primary-care", title="Dr ")
        seats.append(
            Seat(gp, "Partner Member, primary medical services", ("partner-primary-care",))
        )
        for area in areas:
            council = area.councils[0]
            ceo = self.person(council, "local-government")
            seats.append(
                Seat(ceo, f"Partner Member, local authorities ({council})",
                     ("partner-local-authority",))
            )
        seats += [
            Seat(self.cfo, "Chief Finance Officer", ("finance-director",)),
            Seat(self.cmo, "Chief Medical Officer", ("medical-director",)),
            Seat(self.cno, "Chief Nursing Officer", ("nursing-director",)),
            Seat(self.cpo, "Chief People Officer", attendance="participant"),
            Seat(self.strategy, "Director of Strategy", attendance="participant"),
        ]
        lmc = self.person(f"{areas[0].name} Local Medical Committee", "primary-care", title="Dr ")
        seats.append(Seat(lmc, "Medical Secretary, LMC", attendance="observer"))
        return BodySpec(
            "icb", "icb", f"{org}", seats,
            meetings=f"{{public: true, frequency: bi-monthly, quorum: {rng.randint(5, 8)}}}",
            comment="The Integrated Care Board (NHS Act 2006 Sch. 1B)",
        )

    def icb_committees(self, org: str, areas: list[Area]) -> None:
        """The board's own committees once; the working committees once per former
        partnership in a merged system (a ×k file holds k of everything but the board)."""
        names = [
            ("audit", "Audit and Risk Committee"),
            ("remuneration", "Remuneration Committee"),
            ("quality", "Quality and Performance Committee"),
            ("finance", "Finance and Investment Committee"),
            ("people", "People Committee"),
            ("primary-care", "Primary Care Commissioning Committee"),
            ("strategic-commissioning", "Strategic Commissioning Committee"),
            ("system-quality-group", "System Quality Group"),
        ]
        every_trust = [t for a in areas for t in self.trusts[a.name]]
        every_gp = [gp for a in areas for gp in self.gp_members[a.name]]
        for short, name in names[:2]:
            self.committee(org, f"icb-{short}", short, name, every_trust, every_gp)
        for short, name in names[2:]:
            if len(areas) == 1:
                self.committee(org, f"icb-{short}", short, name, every_trust, every_gp)
                continue
            for area in areas:
                self.committee(
                    org, f"icb-{short}-{slug(area.name)}", short, f"{name} ({area.name})",
                    self.trusts[area.name], self.gp_members[area.name],
                )

    def committee(
        self, org: str, body_id: str, short: str, name: str, trusts: list[dict],
        gps: list[Person],
    ) -> None:
        rng = self.rng
        execs = [self.cfo, self.cmo, self.cno, self.cpo, self.strategy, self.icb_ceo]
        chair = rng.choice(self.neds)
        seats = [Seat(chair, "Chair of the Committee", ("chair",))]
        seats += [
            Seat(n, rng.choice(("Non-executive Member", None))) for n in self.neds
            if n is not chair
        ][: rng.randint(1, 3)]
        seats += [Seat(e, rng.choice(("Executive lead", None))) for e in
                  rng.sample(execs, rng.randint(2, 4))]
        for _ in range(rng.randint(1, 3)):
            p = self.person(org, rng.choice(("icb", "icb", "independent")))
            seats.append(Seat(p, rng.choice(("Associate Member", "Deputy Director", None))))
        if short in ("quality", "system-quality-group"):
            seats += [Seat(t["nd"], "Chief Nurse") for t in trusts]
            seats += [Seat(t["md"], None) for t in trusts if rng.random() < 0.5]
        elif short in ("finance", "strategic-commissioning", "people"):
            seats += [Seat(t["ceo"], None) for t in rng.sample(trusts, 2)]
        elif short == "primary-care":
            seats += [Seat(gp, "GP member", written_name=self.variant(gp)) for gp in gps]
        if rng.random() < 0.5:
            seats.append(Seat(self.person("Thornbury Audit LLP", "business"),
                              "External auditor", attendance="observer"))
        self.bodies.append(BodySpec(
            body_id, "committee", name, seats, reports_to="icb",
            meetings=f"{{public: false, quorum: {rng.randint(2, 4)}}}",
        ))

    def trust(self, organisation: str, sector: str) -> dict:
        return {
            "name": organisation,
            "ceo": self.person(organisation, sector, registered=True),
            "chair": self.person(organisation, sector, registered=True),
            "md": self.person(organisation, sector, title="Dr ", registered=True),
            "nd": self.person(organisation, sector, registered=True),
        }

    def leadership_group(self, area: Area, councils: list[dict], trusts: list[dict]) -> None:
        """The executives' forum: nearly everyone in it sits somewhere else too."""
        seats = [Seat(self.icb_ceo, "Chair", ("chair",)), Seat(self.cfo), Seat(self.strategy)]
        seats += [Seat(t["ceo"]) for t in trusts]
        for c in councils:
            seats += [Seat(c["ceo"]), Seat(c["dass"]), Seat(c["dcs"]), Seat(c["dph"])]
        self.bodies.append(BodySpec(
            f"{slug(area.name)}-leadership", "other", f"{area.name} System Leadership Group",
            seats, reports_to=area.icp_id,
        ))

    # -- one partnership ------------------------------------------------------------------------

    def area_bodies(self, area: Area, icb_org: str) -> None:
        rng = self.rng
        acute = [f"{self.place_name()} Hospitals NHS Foundation Trust"
                 for _ in range(rng.randint(1, 3))]
        mh = f"{area.name} Mental Health NHS Foundation Trust"
        community = f"{area.name} Community Health NHS Trust"
        trusts = [self.trust(t, "nhs-acute") for t in acute]
        trusts += [self.trust(mh, "nhs-mental-health"), self.trust(community, "nhs-community")]
        trust_ceos = [t["ceo"] for t in trusts[:-2]]
        mh_ceo, community_ceo = trusts[-2]["ceo"], trusts[-1]["ceo"]
        self.trusts[area.name] = trusts
        self.gp_members[area.name] = []
        councils = []
        for council, place in zip(area.councils, area.places, strict=True):
            councils.append(self.council(council, place, icb_org))
        # A shared director of public health for some neighbouring councils.
        for a, b in itertools.pairwise(councils):
            if rng.random() < 0.2:
                b["dph_shared_from"] = a

        icp = self.icp(area, councils, trust_ceos, mh_ceo, community_ceo)
        self.bodies.append(icp)
        for c in councils:
            hwb = self.hwb(c, area)
            self.bodies.append(hwb)
            self.bodies.append(BodySpec(
                f"bcf-{slug(c['place'])}", "committee", f"{c['place']} Better Care Fund Board",
                [Seat(c["dass"], "Chair", ("chair",)), Seat(c["place_director"]), Seat(c["ceo"]),
                 Seat(c["healthwatch"]), Seat(c["vcse"]), Seat(community_ceo), Seat(c["dph"]),
                 Seat(trust_ceos[0]), Seat(self.cfo, attendance="participant")],
                reports_to=hwb.id,
            ))
        for c, trust_ceo in zip(councils, trust_ceos * len(councils), strict=False):
            self.place_partnership(c, area, trust_ceo, community_ceo)
        self.provider_collaboratives(area, trusts)
        self.sub_groups(area, councils)
        self.leadership_group(area, councils, trusts)
        self.engagement += [
            (f"{area.name} Citizens' Panel", "citizens-panel", area.icp_id, ["lived-experience"]),
            (f"{area.name} VCSE Alliance Assembly", "assembly", area.icp_id, ["vcse"]),
        ]
        if rng.random() < 0.7:
            self.engagement.append(
                (f"{area.name} Care Providers' Forum", "network", area.icp_id,
                 ["social-care-provider"])
            )

    def council(self, council: str, place: str, icb_org: str) -> dict:
        lg = "local-government"
        return {
            "name": council,
            "place": place,
            "leader": self.person(council, lg, title="Cllr ", registered=True),
            "cabinet": self.person(council, lg, title="Cllr ", registered=True),
            "dass": self.person(council, "adult-social-care", registered=True),
            "dcs": self.person(council, "childrens-services", registered=True),
            "dph": self.person(council, "public-health", title="Dr ", registered=True),
            "healthwatch": self.person(f"Healthwatch {place}", "healthwatch", registered=True),
            "place_director": self.person(icb_org, "icb", registered=True),
            "ceo": self.person(council, lg, registered=True),
            "vcse": self.person(f"{place} Voluntary Action", "vcse", registered=True),
            "pcn": [
                self.person(f"{place} {self.place_name()} Primary Care Network", "primary-care",
                            title=self.rng.choice(("Dr ", "")))
                for _ in range(self.rng.randint(4, 7))
            ],
            "dph_shared_from": None,
        }

    def icp(self, area: Area, councils: list[dict], trust_ceos: list[Person],
            mh_ceo: Person, community_ceo: Person) -> BodySpec:
        rng = self.rng
        chair = rng.choice((councils[0]["leader"], self.icb_chair))
        seats = []
        for i, c in enumerate(councils):
            kinds = ("councillor",) if c["leader"] is not chair else ("co-chair", "councillor")
            seats.append(Seat(c["leader"], f"Leader, {c['name']}", kinds))
            if i < 3:
                seats.append(Seat(c["dass"], "Director of Adult Social Services",
                                  ("director-adult-social-services",)))
            if i < 2:
                seats.append(Seat(c["dcs"], "Director of Children's Services",
                                  ("director-childrens-services",)))
        if chair is self.icb_chair:
            seats.insert(0, Seat(self.icb_chair, "Co-chair", ("co-chair",)))
        seats.append(Seat(self.strategy if rng.random() < 0.5 else self.icb_ceo,
                          "ICB representative", ("icb-representative",), appointed_by="icb"))
        seats.append(Seat(councils[0]["dph"], "Director of Public Health",
                          ("director-public-health",)))
        seats += [Seat(c["healthwatch"], "Healthwatch", ("healthwatch",)) for c in councils[:3]]
        seats += [Seat(c["vcse"], "VCSE Alliance", ("vcse",)) for c in councils[:2]]
        seats.append(Seat(trust_ceos[0], "Chief Executive"))
        seats.append(Seat(mh_ceo, "Chief Executive", ("provider-collaborative",)))
        if rng.random() < 0.6:
            seats.append(Seat(community_ceo, "Chief Executive"))
        seats.append(Seat(self.person(f"{area.name} Care Association", "social-care-provider"),
                          "Chair, Care Association", ("social-care-provider",)))
        seats.append(Seat(councils[0]["pcn"][0], "Clinical Director", ("clinical-lead",)))
        for org, sector, role in (
            (f"{area.name} Homes", "housing", "Chief Executive"),
            (f"University of {area.name}", "university", "Pro Vice-Chancellor"),
            (f"{area.name} Police", "police-justice", "Assistant Chief Constable"),
            (f"{area.name} Fire and Rescue Service", "fire-rescue", "Area Manager"),
        ):
            if rng.random() < 0.7:
                seats.append(Seat(self.person(org, sector), role,
                                  attendance=rng.choice((None, None, "participant"))))
        seats.append(Seat(self.person(f"{area.name} Citizens' Panel", "lived-experience"),
                          "Lived Experience Partner", ("lived-experience",)))
        if rng.random() < 0.3:
            seats.append(Seat(self.person(councils[0]["name"], "public-health"),
                              "Deputy Director of Public Health", attendance="substitute"))
        members = sum(1 for s in seats if s.attendance is None)
        return BodySpec(
            area.icp_id, "icp", f"{area.name} Integrated Care Partnership", seats,
            chair=chair.pid,
            local_authorities=area.councils if self.scale > 1 else None,
            meetings=f"{{public: true, frequency: quarterly, quorum: {max(3, members // 3)}}}",
            comment=f"The Integrated Care Partnership for {area.name} (LGPIHA 2007 s.116ZA)",
        )

    def hwb(self, c: dict, area: Area) -> BodySpec:
        rng = self.rng
        seats = [
            Seat(c["cabinet"], "Cabinet Member for Health and Wellbeing", ("chair", "councillor")),
            Seat(c["leader"], f"Leader, {c['name']}", ("councillor",)),
        ]
        for _ in range(rng.randint(2, 4)):
            seats.append(Seat(self.person(c["name"], "local-government", title="Cllr "),
                              "Cabinet Member", ("councillor",)))
        seats.append(Seat(c["dass"], "Director of Adult Social Services",
                          ("director-adult-social-services",)))
        if rng.random() < 0.95:
            seats.append(Seat(c["dcs"], "Director of Children's Services",
                              ("director-childrens-services",)))
        shared = c["dph_shared_from"]
        if shared is not None:
            seats.append(Seat(shared["dph"], "Director of Public Health (shared service)",
                              ("director-public-health",), appointed_by=c["name"]))
        else:
            seats.append(Seat(c["dph"], "Director of Public Health", ("director-public-health",)))
        seats.append(Seat(c["healthwatch"], "Healthwatch", ("healthwatch",)))
        seats.append(Seat(c["place_director"], "Place Director", ("icb-representative",)))
        seats.append(Seat(c["vcse"], "Chief Officer", ("vcse",)))
        for org, sector in ((f"{c['place']} Police", "police-justice"),
                            (f"{c['place']} Homes", "housing")):
            if rng.random() < 0.5:
                seats.append(Seat(self.person(org, sector), "Partner member"))
        return BodySpec(
            f"hwb-{slug(c['place'])}", "hwb", f"{c['place']} Health and Wellbeing Board", seats,
            local_authorities=[c["name"]],
            meetings=f"{{public: true, frequency: quarterly, quorum: {rng.randint(4, 6)}}}",
        )

    def place_partnership(self, c: dict, area: Area, trust_ceo: Person,
                          community_ceo: Person) -> None:
        rng = self.rng
        place_id = f"place-{slug(c['place'])}"
        seats = [
            Seat(c["place_director"], "Place Director", ("chair",)),
            Seat(c["dass"], "Director of Adult Social Services"),
            Seat(c["dph"], "Director of Public Health"),
            Seat(trust_ceo, "Chief Executive"),
            Seat(community_ceo, rng.choice(("Chief Executive", "Director of Operations"))),
            Seat(c["healthwatch"], "Healthwatch"),
            Seat(c["vcse"], "VCSE lead"),
        ]
        for gp in c["pcn"]:
            seats.append(Seat(gp, "PCN Clinical Director", ("clinical-lead",),
                              written_name=self.variant(gp)))
        for role, sector in (("Hospice Chief Executive", "vcse"),
                             ("Care home provider", "social-care-provider"),
                             ("Pharmacy lead", "primary-care"),
                             ("Housing lead", "housing")):
            if rng.random() < 0.6:
                seats.append(Seat(self.person(f"{c['place']} {role.split()[0]}", sector), role))
        self.bodies.append(BodySpec(
            place_id, "place-partnership", f"{c['place']} Place Partnership", seats,
            reports_to="icb", place=c["place"],
            meetings=f"{{public: {rng.choice(('true', 'false'))}, frequency: monthly}}",
        ))
        # Locality boards: the PCN directors again, written their own way.
        for n in range(rng.choice((1, 2, 2, 3))):
            locality = self.place_name()
            loc_seats = [Seat(gp, "Clinical Director", ("clinical-lead",),
                              written_name=self.variant(gp))
                         for gp in rng.sample(c["pcn"], min(len(c["pcn"]), 4))]
            loc_seats[0].seat = ("chair", "clinical-lead")
            for _ in range(rng.randint(4, 9)):
                sector = rng.choice(("vcse", "local-government", "nhs-community",
                                     "social-care-provider", "housing", "primary-care"))
                loc_seats.append(Seat(self.person(f"{locality} {sector.title()}", sector),
                                      rng.choice(("Locality lead", "Partner", None))))
            if n == 0 and rng.random() < 0.35:
                dup = self.near_duplicate(c["pcn"][0])
                if dup is not None:
                    loc_seats.append(Seat(dup, "Clinical Director"))
            self.bodies.append(BodySpec(
                f"locality-{slug(locality)}", "other", f"{locality} Locality Board", loc_seats,
                reports_to=place_id, place=c["place"],
            ))
        if rng.random() < 0.5:
            self.gp_members[area.name].append(c["pcn"][-1])

    def provider_collaboratives(self, area: Area, trusts: list[dict]) -> None:
        rng = self.rng
        specs = [("acute", "Acute Provider Collaborative", trusts[:-2]),
                 ("mental-health", "Mental Health Provider Collaborative", trusts[-2:-1])]
        for short, name, members in specs:
            seats = [Seat(members[0]["chair"], "Chair", ("chair",))]
            for t in members:
                seats += [Seat(t["ceo"], "Chief Executive"), Seat(t["md"]), Seat(t["nd"])]
                if t is not members[0]:
                    seats.append(Seat(t["chair"]))
            seats.append(Seat(trusts[-1]["ceo"], "Chief Executive"))
            for _ in range(rng.randint(1, 3)):
                org = rng.choice(members)["name"]
                sector = "nhs-mental-health" if short == "mental-health" else "nhs-acute"
                seats.append(Seat(self.person(org, sector),
                                  rng.choice(("Director of Strategy", "Chief Operating Officer"))))
            if rng.random() < 0.5:
                near = self.person(self.ambulance, "nhs-ambulance")
                seats.append(Seat(near, "Chief Executive", attendance="participant"))
            self.bodies.append(BodySpec(
                f"{slug(area.name)}-{short}-collaborative", "provider-collaborative",
                f"{area.name} {name}", seats, reports_to=area.icp_id,
            ))

    def sub_groups(self, area: Area, councils: list[dict]) -> None:
        rng = self.rng
        topics = [("population-health", "Population Health and Inequalities Group"),
                  ("workforce", "Workforce Partnership Board"),
                  ("children", "Children and Young People's Board"),
                  ("urgent-care", "Urgent and Emergency Care Board")]
        for short, name in topics[: rng.randint(3, 4)]:
            c = rng.choice(councils)
            seats = [Seat(c["dph"] if short == "population-health" else c["dcs"], "Lead",
                          ("chair",))]
            seats.append(Seat(c["vcse"], "VCSE lead"))
            for _ in range(rng.randint(4, 9)):
                sector = rng.choice(("vcse", "public-health", "housing", "education",
                                     "nhs-acute", "lived-experience", "business"))
                seats.append(Seat(self.person(f"{area.name} {sector.title()} Forum", sector),
                                  rng.choice(("Member", "Partner", None))))
            self.bodies.append(BodySpec(
                f"{slug(area.name)}-{short}", "sub-group", f"{area.name} {name}", seats,
                reports_to=area.icp_id,
            ))

    # -- writing ----------------------------------------------------------------------------

    def write(self, system: str, population: int, councils: list[str], places: list[str]) -> str:
        # A few registry pairs with close names, marked as different people.
        for p in self.registry[5:]:
            if len(self.registry) > 40 and self.rng.random() < 0.02:
                twin = self.near_duplicate(p)
                if twin is not None and p.pid:
                    self.register(twin, twin.name)
                    twin.not_same_as.append(p.pid)
                    self.bodies[-1].seats.append(Seat(twin, "Member"))
        out = [
            "# ---------------------------------------------------------------------------",
            f"# {system}: a synthetic membership file generated by benchmarks/generate.py",
            "# (deterministic; everything in it is fictional). Do not edit by hand.",
            "# ---------------------------------------------------------------------------",
            "",
            "version: 1",
            "",
            "system:",
            f"  name: {scalar(system)}",
            f"  population: {population}",
            "  local_authorities:",
            *(f"    - {scalar(c)}" for c in councils),
            f"  places: [{', '.join(scalar(p) for p in places)}]",
            "",
            "# Everyone who sits on more than one body, written once.",
            "people:",
        ]
        for p in self.registry:
            out.append(f"  - id: {p.pid}")
            out.append(f"    name: {scalar(p.name)}")
            out.append(f"    organisation: {scalar(p.organisation)}")
            out.append(f"    sector: {p.sector}")
            if p.not_same_as:
                out.append(f"    not_same_as: [{', '.join(p.not_same_as)}]")
        out += ["", "bodies:"]
        for b in self.bodies:
            if b.comment:
                out.append(f"  # {b.comment}")
            out.append(f"  {b.id}:")
            out.append(f"    type: {b.type}")
            out.append(f"    name: {scalar(b.name)}")
            if b.chair:
                out.append(f"    chair: {b.chair}")
            if b.reports_to:
                out.append(f"    reports_to: {b.reports_to}")
            if b.place:
                out.append(f"    place: {scalar(b.place)}")
            if b.local_authorities:
                out.append(
                    f"    local_authorities: [{', '.join(scalar(c) for c in b.local_authorities)}]"
                )
            if b.meetings:
                out.append(f"    meetings: {b.meetings}")
            out.append("    members:" if b.seats else "    members: []")
            # Committees and working groups are often pasted in from a table, one line a seat.
            compact = b.type in ("committee", "other", "sub-group", "provider-collaborative")
            for s in b.seats:
                out.extend(self.flow_seat(s) if compact else self.seat_lines(s))
        out += ["", "engagement:"]
        for name, kind, reports_to, involves in self.engagement:
            out.append(f"  - name: {scalar(name)}")
            out.append(f"    type: {kind}")
            out.append(f"    reports_to: {reports_to}")
            out.append(f"    involves: [{', '.join(involves)}]")
        out += ["", "policy:", "  max_members: {committee: 14}", "  many_bodies: 6", ""]
        return "\n".join(out)

    @staticmethod
    def flow_seat(s: Seat) -> list[str]:
        p = s.person
        if p.pid is not None:
            parts = [f"person: {p.pid}"]
        else:
            parts = [f"name: {scalar(s.written_name or p.name, True)}",
                     f"organisation: {scalar(p.organisation, True)}", f"sector: {p.sector}"]
        if s.role:
            parts.append(f"role: {scalar(s.role, True)}")
        if len(s.seat) == 1:
            parts.append(f"seat: {s.seat[0]}")
        elif s.seat:
            parts.append(f"seat: [{', '.join(s.seat)}]")
        if s.attendance:
            parts.append(f"attendance: {s.attendance}")
        if s.appointed_by:
            parts.append(f"appointed_by: {scalar(s.appointed_by, True)}")
        return [f"      - {{{', '.join(parts)}}}"]

    @staticmethod
    def seat_lines(s: Seat) -> list[str]:
        p = s.person
        if p.pid is not None:
            lines = [f"      - person: {p.pid}"]
        else:
            lines = [f"      - name: {scalar(s.written_name or p.name)}",
                     f"        organisation: {scalar(p.organisation)}",
                     f"        sector: {p.sector}"]
        # Where the seat kind says it all, people tend to leave the role out.
        if s.role and not (s.seat and s.person.pid and len(s.role) % 3 == 0):
            lines.append(f"        role: {scalar(s.role)}")
        if len(s.seat) == 1:
            lines.append(f"        seat: {s.seat[0]}")
        elif s.seat:
            lines.append(f"        seat: [{', '.join(s.seat)}]")
        if s.attendance:
            lines.append(f"        attendance: {s.attendance}")
        if s.appointed_by:
            lines.append(f"        appointed_by: {scalar(s.appointed_by)}")
        return lines


def generate_system(index: int, scale: int) -> tuple[str, str]:
    """(file name, YAML text) of system `index` of the ×`scale` set."""
    builder = SystemBuilder(index, scale)
    text = builder.build()
    return f"system-{index + 1:02d}.yaml", text


def set_dir(scale: int, root: Path = DATA) -> Path:
    return root / f"national-x{scale}"


def write_set(scale: int, root: Path = DATA, systems: int = SYSTEMS) -> dict[str, int]:
    """Write one set afresh; return its size in files, bytes and seats."""
    target = set_dir(scale, root)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    stats = {"files": 0, "bytes": 0, "seats": 0}
    for index in range(systems):
        name, text = generate_system(index, scale)
        data = text.encode("utf-8")
        (target / name).write_bytes(data)
        stats["files"] += 1
        stats["bytes"] += len(data)
        stats["seats"] += sum(
            1 for line in text.splitlines()
            if line.startswith(("      - person:", "      - name:", "      - {"))
        )
    if systems == SYSTEMS:
        (target / ".generator").write_text(_stamp())
    return stats


def _stamp() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def ensure(scales: tuple[int, ...] = SCALES, root: Path = DATA) -> None:
    """Generate any set that is missing, incomplete or made by another version of this file."""
    stamp = _stamp()
    for scale in scales:
        target = set_dir(scale, root)
        stamp_file = target / ".generator"
        current = (
            stamp_file.exists()
            and stamp_file.read_text() == stamp
            and len(list(target.glob("*.yaml"))) == SYSTEMS
        )
        if not current:
            write_set(scale, root)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DATA, help="where to write the sets")
    parser.add_argument("--scale", type=int, action="append", help="only this scale (repeat)")
    parser.add_argument("--systems", type=int, default=SYSTEMS)
    args = parser.parse_args(argv)
    for scale in args.scale or SCALES:
        stats = write_set(scale, args.out, args.systems)
        print(
            f"{set_dir(scale, args.out)}: {stats['files']} files, "
            f"{stats['bytes'] / 1e6:.2f} MB, {stats['seats']:,} seats"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
