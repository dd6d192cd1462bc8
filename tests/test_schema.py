"""`icp schema`: the JSON Schema agrees with the loader on every sample, fixture and field."""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from golden import assert_golden
from typer.testing import CliRunner

from icp_cli.cli import app
from icp_cli.load import fields as S
from icp_cli.load.builder import load_path, load_text
from icp_cli.load.errors import InputErrors
from icp_cli.render.json_schema import DIALECT, membership_schema
from icp_cli.resources import sample_paths
from icp_cli.vocab import (
    ATTENDANCE,
    BODY_TYPES,
    ENGAGEMENT_TYPES,
    FUNCTIONS,
    KNOWN_SEATS,
    REGIMES,
    SEAT_MEANINGS,
    SECTORS,
    meanings,
)

jsonschema = pytest.importorskip("jsonschema")

ERRORS = Path(__file__).parent / "fixtures" / "errors"
runner = CliRunner()

# Input errors the schema sees on its own: a key, a value's type or vocabulary, a required key.
STRUCTURAL = {
    "bad-person-id",  # pattern of people[].id
    "empty-required-string",
    "integer-as-string",
    "many-errors",
    "member-without-name",
    "members-null",
    "missing-bodies",
    "missing-system",
    "not-a-mapping",
    "person-with-inline",
    "policy-ignore-unknown",  # X is no rule family's letter
    "quorum-as-string",
    "unknown-attendance",
    "unknown-body-type",
    "unknown-engagement-type",
    "unknown-key",
    "unknown-sector",
    "unsupported-version",
    "wrong-type-members",
    "wrong-type-name",
    "yaml11-boolean",  # YAML 1.2 reads `yes` as text, and public takes a boolean
    # format 1.1
    "also-icb",  # the schema's `also` vocabulary leaves out icb
    "also-unknown-type",
    "bad-term-date-text",  # not YYYY-MM-DD
    "council-entry-unknown-key",
    "substitute-for-on-member",
    "unknown-function",
    "unknown-regime",
    "vacant-seat-names-person",
    "voting-on-observer",
}
# Input errors that need the whole file (references, uniqueness) or the rule catalogue:
# the loader's alone. The schema accepts these files.
CROSS_REFERENCE = {
    "ambiguous-inline-name",
    "appointed-by-unknown",
    "dangling-person",
    "duplicate-body-id",
    "duplicate-key",
    "duplicate-person-id",
    "engagement-reports-to-unknown",
    "not-same-as-unknown",
    "policy-max-members-unknown",
    "reports-to-unknown",
    "two-icbs",
    # format 1.1
    "also-own-type",  # depends on the body's own type
    "bad-term-date",  # YYYY-MM-DD in shape, but no such day
    "in-common-with-unknown",
    "substitute-for-nobody",
    "term-from-after-to",
}
# Not YAML at all (or two documents): nothing for a schema to validate.
UNPARSEABLE = {"invalid-yaml", "second-document", "tab-indent"}
# Text to a YAML 1.2 reader (an editor's, which the schema then rejects), a number to
# ruamel.yaml's, which these tests read with: the loader's to catch.
YAML_1_2_TEXT = {"quorum-with-underscore", "share-with-underscore"}


def yaml_data(text: str) -> Any:
    """YAML 1.2 text as the plain data an editor's schema validator sees."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.allow_duplicate_keys = True  # keep going: duplicates are the loader's business
    return _plain(yaml.load(text))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = membership_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def messages(validator: Any, data: Any) -> list[str]:
    return [e.message for e in validator.iter_errors(data)]


def test_schema_is_draft_2020_12_and_valid() -> None:
    schema = membership_schema()
    assert schema["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", sorted(sample_paths()))
def test_every_sample_validates(validator: Any, name: str) -> None:
    text = sample_paths()[name].read_text(encoding="utf-8")
    assert messages(validator, yaml_data(text)) == []


def test_every_error_fixture_is_classified() -> None:
    names = {p.stem for p in ERRORS.glob("*.yaml")}
    assert names == STRUCTURAL | CROSS_REFERENCE | UNPARSEABLE | YAML_1_2_TEXT
    assert not (STRUCTURAL & CROSS_REFERENCE)


@pytest.mark.parametrize("name", sorted(STRUCTURAL))
def test_structural_input_errors_fail_validation(validator: Any, name: str) -> None:
    text = (ERRORS / f"{name}.yaml").read_text(encoding="utf-8")
    with pytest.raises(InputErrors):
        load_text(text)
    assert messages(validator, yaml_data(text)), f"{name} validates against the schema"


@pytest.mark.parametrize("name", sorted(CROSS_REFERENCE))
def test_cross_reference_errors_are_left_to_the_loader(validator: Any, name: str) -> None:
    text = (ERRORS / f"{name}.yaml").read_text(encoding="utf-8")
    assert messages(validator, yaml_data(text)) == []


def test_typo_in_a_key_is_reported_with_its_path(validator: Any) -> None:
    data = yaml_data((ERRORS / "unknown-key.yaml").read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    assert list(error.absolute_path) == ["people", 0]
    assert "'orgnisation' was unexpected" in error.message


# -- the schema covers exactly the fields the loader reads -------------------------------


def _walk(fields: tuple[S.Field, ...], node: dict[str, Any], where: str) -> list[str]:
    """Every field of the tables, checked against the schema node beside it."""
    seen = []
    assert node["additionalProperties"] is False, where
    assert set(node["properties"]) == {f.name for f in fields}, where
    assert set(node.get("required", [])) == {f.name for f in fields if f.required}, where
    for field in fields:
        prop = node["properties"][field.name]
        path = f"{where}.{field.name}"
        seen.append(path)
        assert prop["description"] == field.description, path
        prop = _unwrap_empty(prop, field)
        if field.kind == S.MAP:
            seen += _walk(field.fields, prop, path)
        elif field.kind == S.SEQ:
            seen += _walk(field.fields, prop["items"], path + "[]")
        elif field.kind == S.OBJECT_MAP:
            seen += _walk(field.fields, prop["additionalProperties"], path + ".*")
        elif field.kind in (S.ENUM, S.ENUM_LIST):
            one = prop if field.kind == S.ENUM else prop["items"]
            assert one["enum"] == list(field.choices), path
            assert len(one["enumDescriptions"]) == len(field.choices), path
            assert all(d and d.strip() for d in one["enumDescriptions"]), path
    return seen


def _unwrap_empty(prop: dict[str, Any], field: S.Field) -> dict[str, Any]:
    """An optional field's schema without its "left empty" alternative."""
    if field.required:
        assert "anyOf" not in prop or field.kind == S.SEAT
        return prop
    *alternatives, empty = prop["anyOf"]
    assert empty == {"not": {"type": ["string", "number", "boolean", "object", "array"]}}
    return alternatives[0] if len(alternatives) == 1 else {"anyOf": alternatives}


def test_schema_covers_exactly_the_loaders_fields() -> None:
    seen = _walk(S.TOP, membership_schema(), "")
    assert len(seen) == len(set(seen)) == 57


# A small valid file, and for each field path a value the loader accepts there and one it
# rejects. Both the loader and the schema must agree on each.
BASE: dict[str, Any] = {
    "system": {"name": "Test ICS", "local_authorities": ["Northshire County Council"]},
    "people": [{"id": "jane-okafor", "name": "Jane Okafor"}, {"id": "jo-bloggs", "name": "Jo B"}],
    "bodies": {"icp": {"type": "icp", "members": [{"name": "Sam Hughes"}]}},
    "engagement": [{"name": "VCSE Assembly", "reports_to": "icp"}],
    "policy": {},
}
_WHERE = {
    "": (),
    "system": ("system",),
    "people[]": ("people", 0),
    "bodies.*": ("bodies", "icp"),
    "bodies.*.members[]": ("bodies", "icp", "members", 0),
    "bodies.*.meetings": ("bodies", "icp", "meetings"),
    "bodies.*.members[].term": ("bodies", "icp", "members", 0, "term"),
    "engagement[]": ("engagement", 0),
    "policy": ("policy",),
}
_GOOD_BY_KIND: dict[str, Any] = {
    S.STR: "Some text",
    S.INT: 3,
    S.NUMBER: 0.25,
    S.BOOL: True,
    S.STR_LIST: ["Some text"],
    S.SEAT: ["chair", "a seat of our own"],
    S.INT_MAP: {"icp": 20},
    S.DATE: "2025-04-01",
    S.COUNCIL_LIST: ["Northshire County Council", {"name": "Westshire Council", "partly": True}],
}
_GOOD_BY_PATH: dict[str, Any] = {
    "version": 1,
    "people[].id": "jane-okafor",
    "people[].not_same_as": ["jo-bloggs"],
    "bodies.*.chair": "Sam Hughes",
    "bodies.*.reports_to": "icp-2",
    "bodies.*.members[].person": "jane-okafor",
    "bodies.*.members[].appointed_by": "Northshire County Council",
    "engagement[].reports_to": "icp",
    "policy.ignore": ["S101", "v4"],
    "bodies.*.also": ["hwb"],
    "bodies.*.in_common_with": ["icp-2"],
    "bodies.*.members[].vacant": False,
    "bodies.*.members[].substitute_for": "Sam Hughes",
}
_BAD_BY_KIND: dict[str, Any] = {
    S.STR: 5,
    S.INT: "3",
    S.NUMBER: 1.5,
    S.BOOL: "yes",
    S.STR_LIST: "Some text",
    S.ENUM: "nonsense",
    S.ENUM_LIST: ["nonsense"],
    S.SEAT: 5,
    S.INT_MAP: {"icp": -1},
    S.MAP: ["a list"],
    S.SEQ: {"a": "mapping"},
    S.OBJECT_MAP: ["a list"],
    S.ENUM_OR_LIST: ["nonsense"],
    S.DATE: "April 2025",
    S.COUNCIL_LIST: "Some text",
}


def _cases() -> list[tuple[str, S.Field]]:
    out = []

    def visit(fields: tuple[S.Field, ...], where: str) -> None:
        for field in fields:
            out.append((where, field))
            suffix = {S.SEQ: "[]", S.OBJECT_MAP: ".*"}.get(field.kind, "")
            if field.kind in (S.MAP, S.SEQ, S.OBJECT_MAP):
                visit(field.fields, f"{where}.{field.name}{suffix}".lstrip("."))

    visit(S.TOP, "")
    return out


def _document(where: str, field: S.Field, value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    doc["bodies"]["icp-2"] = {"type": "committee", "members": []}
    target: Any = doc
    for step in _WHERE[where]:
        target = target.setdefault(step, {}) if isinstance(step, str) else target[step]
    if field.name == "person":
        del target["name"]  # a member is a reference or an inline person, not both
    if field.name == "substitute_for":  # a substitute deputises for a member of the body
        target.update(name="Ann Lee", attendance="substitute")
        doc["bodies"]["icp"]["members"].append({"name": "Sam Hughes"})
    target[field.name] = value
    return doc


def _good(where: str, field: S.Field) -> Any:
    path = f"{where}.{field.name}".lstrip(".")
    if path in _GOOD_BY_PATH:
        return _GOOD_BY_PATH[path]
    if field.kind == S.ENUM:
        return field.choices[0]
    if field.kind in (S.ENUM_LIST, S.ENUM_OR_LIST):
        return list(field.choices[:2])
    if field.kind in (S.MAP, S.SEQ, S.OBJECT_MAP):
        return None  # nested tables are exercised field by field
    return _GOOD_BY_KIND[field.kind]


CASES = _cases()


@pytest.mark.parametrize(
    ("where", "field"), CASES, ids=[f"{w}.{f.name}".lstrip(".") for w, f in CASES]
)
def test_loader_and_schema_agree_on_each_field(validator: Any, where: str, field: S.Field) -> None:
    good = _good(where, field)
    if good is not None:
        doc = _document(where, field, good)
        load_text(json.dumps(doc))
        assert messages(validator, doc) == []
    bad = _document(where, field, _BAD_BY_KIND[field.kind])
    with pytest.raises(InputErrors):
        load_text(json.dumps(bad))
    assert messages(validator, bad)
    misspelt = _document(where, field, good)
    target: Any = misspelt
    for step in _WHERE[where]:
        target = target[step]
    if good is not None:
        target[field.name + "x"] = target.pop(field.name)
        with pytest.raises(InputErrors):
            load_text(json.dumps(misspelt))
        assert messages(validator, misspelt)


def test_optional_key_left_empty_is_accepted_by_both(validator: Any) -> None:
    text = "system:\n  name: Test ICS\n  population:\nbodies:\n  icp:\n    type: icp\n" \
        "    members:\n      - name: Sam Hughes\n        organisation:\n"
    load_text(text)
    assert messages(validator, yaml_data(text)) == []


def test_person_with_inline_detail_left_empty_is_accepted_by_both(validator: Any) -> None:
    text = (
        "system: {name: Test ICS}\npeople: [{id: sam, name: Sam Hughes}]\nbodies:\n"
        "  icp:\n    type: icp\n    members:\n      - person: sam\n        sector:\n"
    )
    load_text(text)
    assert messages(validator, yaml_data(text)) == []


def test_seat_is_open_ended_but_lists_the_known_seats_once() -> None:
    member = membership_schema()["properties"]["bodies"]["additionalProperties"]
    seat = member["properties"]["members"]["items"]["properties"]["seat"]
    known, free, listed, _empty = seat["anyOf"]
    assert known["enum"] == list(KNOWN_SEATS)
    assert known["enumDescriptions"] == [SEAT_MEANINGS[s] for s in KNOWN_SEATS]
    assert free == {"type": "string", "minLength": 1, "pattern": r"\S"}
    assert listed["type"] == "array" and "examples" not in json.dumps(listed)


def test_no_null_is_offered_and_every_value_is_described() -> None:
    # null appears only where a member's `person`/`name` must not be left empty.
    text = json.dumps(membership_schema()).replace('{"not": {"type": "null"}}', "")
    assert "null" not in text
    vocabularies = (
        SECTORS, BODY_TYPES, ATTENDANCE, ENGAGEMENT_TYPES, KNOWN_SEATS, FUNCTIONS, REGIMES,
    )  # fmt: skip
    for choices in vocabularies:
        described = meanings(choices)
        assert list(described) == list(choices)
        assert all(d.endswith(".") and d[0].isupper() for d in described.values())


# -- the command ---------------------------------------------------------------------------


def test_icp_schema_prints_the_schema() -> None:
    result = runner.invoke(app, ["schema"], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == membership_schema()
    assert_golden("membership.schema.json", result.stdout)


def test_icp_schema_writes_a_file_and_refuses_to_replace_it(tmp_path: Path) -> None:
    target = tmp_path / "membership.schema.json"
    first = runner.invoke(app, ["schema", "-o", str(target)])
    assert first.exit_code == 0, first.stderr
    assert first.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["$schema"] == DIALECT
    again = runner.invoke(app, ["schema", "-o", str(target)])
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    forced = runner.invoke(app, ["schema", "-o", str(target), "--force"])
    assert forced.exit_code == 0


def test_samples_still_load() -> None:
    # The schema test's premise: the samples are valid for the loader too.
    for path in sample_paths().values():
        load_path(path)
