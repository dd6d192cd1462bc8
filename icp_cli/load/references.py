"""Resolving who a seat or a chair is: `person:` ids, inline names, `chair:` values."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from icp_cli.load.errors import did_you_mean
from icp_cli.load.nodes import Invalid, pos_of
from icp_cli.model import Body, Person, Pos
from icp_cli.people.matching import normalise_name

if TYPE_CHECKING:
    from icp_cli.load.nodes import NodeReader


class IdentityResolver:
    """Resolves `person:` references, inline names and `chair:` values to people."""

    def __init__(
        self, builder: NodeReader, by_id: dict[str, Person], by_norm: dict[str, list[Person]]
    ) -> None:
        self.builder = builder
        self.by_id = by_id
        self.by_norm = by_norm
        self.inline: dict[str, Person] = {}
        self.unknown_seats: list[tuple[str, Pos, str]] = []

    def by_reference(self, node: Any) -> Person | None:
        try:
            ref = self.builder.text(node, "person")
        except Invalid:
            return None
        person = self.by_id.get(ref)
        if person is None:
            self.builder.error(
                node,
                f"person '{ref}' is not in people[]",
                hint=did_you_mean(ref, self.by_id) or "add it to 'people:' or write the "
                "member inline with 'name:'",
            )
        return person

    def inline_person(
        self, name: str, node: Any, organisation: str | None, sectors: tuple[str, ...] = ()
    ) -> Person | None:
        norm = normalise_name(name)
        registered = self.by_norm.get(norm, [])
        if len(registered) == 1:
            return registered[0]
        if len(registered) > 1:
            self.builder.error(
                node,
                f"the name '{name}' matches {len(registered)} people[] entries "
                f"({', '.join(p.ref for p in registered)})",
                hint="use 'person:' with the right id",
            )
            return None
        person = self.inline.get(norm)
        if person is None:
            person = Person(
                ref=norm,
                name=name,
                norm=norm,
                pos=pos_of(node),
                organisation=organisation,
                sector=sectors[0] if sectors else None,
                sectors=sectors,
            )
            self.inline[norm] = person
        return person

    def with_chair(self, body: Body, node: Any) -> Body:
        value = body.chair or ""
        person = self.by_id.get(value)
        if person is None:
            norm = normalise_name(value)
            registered = self.by_norm.get(norm, [])
            if len(registered) > 1:
                self.builder.error(
                    node,
                    f"chair '{value}' matches {len(registered)} people[] entries",
                    hint="write the person id instead",
                )
            elif registered:
                person = registered[0]
            else:
                person = self.inline.get(norm)
        return replace(body, chair_person=person)
