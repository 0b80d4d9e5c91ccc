"""The one way a new record gets its slug: the slugified text, then -2, -3, … until one is free."""

from collections.abc import Callable, Collection, Iterable

from django.db.models import Model

from opmars.text import slugify


def free_slug(text: str, taken: Callable[[str], bool]) -> str:
    """The first of slug, slug-2, slug-3, … for which `taken(slug)` is false."""
    base = slugify(text)
    slug, n = base, 1
    while taken(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug


def unique_slug(model: type[Model], text: str, reserved: Collection[str] = ()) -> str:
    """A slug no row of `model` has, nor any of `reserved` (paths that are pages, like 'nieuw')."""
    rows = model._default_manager.all()
    return free_slug(text, lambda slug: slug in reserved or rows.filter(slug=slug).exists())


class SlugPool:
    """Slugs for many new records at once (demo data, bulk imports): the slugs in use are read
    once, not asked of the database per record."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)

    def allocate(self, text: str) -> str:
        slug = free_slug(text, self.taken.__contains__)
        self.taken.add(slug)
        return slug
