"""Every field of a collective and of its yearly facts is declared once (opmars/registry/fields.py),
and the exports, the import, the data dictionary and the API follow that declaration."""

import io
import json

import pytest

from opmars.dataio import exporting
from opmars.dataio.fields import COLLECTIVE_SYNONYMS, FACTS_SYNONYMS
from opmars.dataio.opendata import DICTIONARY, FACTS_COLUMNS
from opmars.dataio.reading import map_headers
from opmars.registry.fields import (
    COLLECTIVE,
    FACTS,
    FACTS_INTERNAL,
    INTERNAL,
    Privacy,
    exported,
    imported,
    in_api,
    named,
)
from opmars.registry.models import Collective, YearlyFacts
from opmars.registry.schemas import Characteristics, CollectiveDetail, YearlyFactsOut

TABLES = [
    ("collectives.csv", COLLECTIVE, COLLECTIVE_SYNONYMS),
    ("yearly_facts.csv", FACTS, FACTS_SYNONYMS),
]


def stored_fields(model):
    """Its columns and its own many-to-many links (not the links other models hold)."""
    return {f.name for f in [*model._meta.concrete_fields, *model._meta.many_to_many]}


@pytest.mark.parametrize(
    ("model", "declared", "internal"),
    [(Collective, COLLECTIVE, INTERNAL), (YearlyFacts, FACTS, FACTS_INTERNAL)],
)
def test_every_stored_field_is_declared_or_internal(model, declared, internal):
    names = set(named(declared))
    assert len(names) == len(declared), "a field is declared twice"
    missing = stored_fields(model) - names - internal
    assert not missing, f"declare these in opmars/registry/fields.py: {sorted(missing)}"
    assert not names & internal


@pytest.mark.parametrize(("model", "declared"), [(Collective, COLLECTIVE), (YearlyFacts, FACTS)])
def test_a_declared_name_that_is_no_model_field_is_a_column_derived_from_one(model, declared):
    for field in declared:
        if field.name not in stored_fields(model):
            derived = field.lookup != field.name or isinstance(getattr(model, field.name), property)
            assert field.column and derived, field.name


def test_every_declared_field_has_a_label_and_every_column_a_definition():
    for _file, declared, _synonyms in TABLES:
        for field in declared:
            assert str(field.label), field.name
            assert not field.column or str(field.definition), field.name


def test_every_exported_field_is_a_column_of_the_csv_in_declaration_order():
    out = io.BytesIO()
    list(exporting.write_csv([], out))
    header = out.getvalue().decode("utf-8-sig").strip().split(";")
    assert header == [f.column for f in exported(COLLECTIVE)]
    assert FACTS_COLUMNS == [f.column for f in exported(FACTS)]


def test_the_data_dictionary_explains_every_exported_column():
    for file, declared, _synonyms in TABLES:
        entries = {name: meaning for f, name, _type, meaning in DICTIONARY if f == file}
        assert list(entries) == [f.column for f in exported(declared)]
        assert all(str(meaning) for meaning in entries.values())


@pytest.mark.parametrize(("file", "declared", "synonyms"), TABLES)
def test_every_alias_of_an_imported_field_finds_that_field(file, declared, synonyms):
    for field in imported(declared):
        for alias in field.aliases:
            assert map_headers([str(alias)], synonyms).fields == {0: field.name}, alias


def test_an_exported_column_reads_back_into_the_same_field_when_imported():
    for field in exported(COLLECTIVE):
        if field.aliases:
            assert map_headers([field.column], COLLECTIVE_SYNONYMS).fields == {0: field.name}


def test_what_is_not_public_leaves_only_in_its_public_form():
    for _file, declared, _synonyms in TABLES:
        for field in declared:
            if field.privacy == Privacy.PRIVATE:
                assert not (field.column or field.api_name), field.name
            elif field.privacy == Privacy.EDITORS and (field.column or field.api_name):
                assert field.public_form, field.name


def test_the_api_answers_show_the_declared_fields_and_only_public_ones():
    public = in_api(COLLECTIVE)
    answer = set(CollectiveDetail.model_fields)
    assert set(public) <= answer | set(Characteristics.model_fields)
    assert all(public[name].privacy == Privacy.PUBLIC for name in answer & set(public))
    # The answer's own parts, which no stored field of the collective holds.
    own = {"url", "distance_km", "characteristics", "networks", "facts", "possibly_outdated"}
    assert answer - set(public) == own
    assert list(YearlyFactsOut.model_fields) == list(in_api(FACTS))


def test_the_units_agree_with_the_model():
    facts = named(FACTS)
    assert [n for n in YearlyFacts.COUNT_FIELDS if facts[n].unit == "personen"] == (
        YearlyFacts.COUNT_FIELDS
    )
    assert [n for n in YearlyFacts.INCOME_FIELDS if facts[n].unit == "euro"] == (
        YearlyFacts.INCOME_FIELDS
    )


@pytest.mark.django_db
def test_private_and_editors_values_are_in_no_export_or_api_answer(make_collective, client):
    collective = make_collective(
        contact_email="geheim@voorbeeld.nl", postcode="1012 AB", lat=52.3731, lon=4.8922
    )
    out = io.BytesIO()
    list(exporting.write_json(exporting._rows(Collective.objects.filter(pk=collective.pk)), out))
    detail = client.get(f"/api/v1/collectives/{collective.slug}")
    assert detail.status_code == 200
    for answer in (out.getvalue().decode(), json.dumps(detail.json())):
        assert "geheim@voorbeeld.nl" not in answer
        assert "1012 AB" not in answer and "1012AB" not in answer
        assert "52.3731" not in answer


def test_a_new_public_field_reaches_the_api_answer_from_the_declaration_alone():
    from opmars.registry.fields import INT, Field
    from opmars.registry.schemas import PUBLIC, detail_schema

    repairs = Field("repairs", "Reparaties", INT, api=True, api_doc="Repairs in the last year.")
    schema = detail_schema({**PUBLIC, "repairs": repairs})
    added = schema.model_fields["repairs"]
    assert (added.annotation, added.description) == (int | None, "Repairs in the last year.")
    assert list(schema.model_fields)[:-1] == list(CollectiveDetail.model_fields)
