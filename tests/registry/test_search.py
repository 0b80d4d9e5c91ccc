"""Dutch full-text search: the same results on SQLite and PostgreSQL."""

from opmars.registry.models import Collective
from opmars.registry.search import apply_search


def names(q):
    return set(apply_search(Collective.objects.all(), q).values_list("name", flat=True))


def test_plural_finds_singular(make_collective):
    make_collective(name="Zon op het dak", description="Wij leggen een zonnepaneel op elk dak.")
    make_collective(
        name="Dorpsraad Oost", kind="dorpsraad", description="Wij praten met de gemeente."
    )
    assert names("zonnepanelen") == {"Zon op het dak"}


def test_diacritics_are_folded(make_collective):
    make_collective(name="Zorgcoöperatie Hoogland", kind="zorgcooperatie")
    assert names("zorgcooperatie") == names("zorgcoöperatie") == {"Zorgcoöperatie Hoogland"}


def test_every_term_must_match(make_collective):
    make_collective(name="Energie Noord", description="windmolen en zonnepark")
    make_collective(name="Energie Zuid", description="zonnepark")
    assert names("windmolens zonnepark") == {"Energie Noord"}


def test_prefix_matches_while_typing(make_collective):
    make_collective(name="Voedselbos Kralingen", kind="voedselcollectief")
    assert names("voedsel") == {"Voedselbos Kralingen"}


def test_update_reindexes(make_collective, editor_user):
    from opmars.registry import actions
    from tests.conftest import collective_data

    c = make_collective(name="Buurthuis De Linde")
    actions.update_collective(editor_user, c, collective_data(name="Repair Café De Linde"))
    assert names("repair") == {"Repair Café De Linde"}
    assert names("buurthuis") == set()


def test_relevance_annotated(make_collective):
    make_collective(name="Tuin", description="moestuin")
    results = list(apply_search(Collective.objects.all(), "moestuin"))
    assert results and results[0].relevance > 0


def test_a_number_is_found_as_it_is_written(make_collective):
    """Numbers skip the stemmer (an import of numbered names would stem as many as rows) and
    match as typed, whole or as a prefix."""
    make_collective(name="Dorpshuis 1884", kind="dorpsraad")
    make_collective(name="Dorpshuis 1920", kind="dorpsraad")
    assert names("1884") == {"Dorpshuis 1884"}
    assert names("dorpshuis 19") == {"Dorpshuis 1920"}
