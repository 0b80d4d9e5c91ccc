"""One shape for every refused input, on pages, in API answers and in import reports:
a list of {"field", "code", "message"} with the message in Dutch."""

from typing import Self, TypedDict

from django import forms


class FieldError(TypedDict):
    """One refused input: the field (or parameter, or "version"), a code and a Dutch message."""

    field: str
    code: str
    message: str


def field_error(field: str, code: str, message: str) -> FieldError:
    return {"field": field, "code": code, "message": message}


class QueryError(Exception):
    """Query parameters refused (a directory filter, a bounding box, an API parameter); `errors`
    lists every one (field_error shape)."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(errors)
        self.errors = errors


class ActionError(Exception):
    """An action refused its input; `errors` lists why (field_error shape).

    `form` and the other forms or values a page needs to show its form again travel along:
    `outcome_forms` (impact reports) and `version` (after an edit conflict, the record's
    current version, for the page to post next time).
    """

    def __init__(
        self,
        errors: list[FieldError],
        form: forms.BaseForm | None = None,
        *,
        outcome_forms: list[forms.BaseForm] | None = None,
        version: str | None = None,
    ) -> None:
        super().__init__(errors)
        self.errors = errors
        self.form = form
        self.outcome_forms = outcome_forms or []
        self.version = version

    @classmethod
    def on(cls, field: str, code: str, message: str) -> Self:
        """The error for one field, the common case."""
        return cls([field_error(field, code, message)])


def error_list(form: forms.BaseForm) -> list[FieldError]:
    """A Django form's errors in the field_error shape."""
    return [
        field_error(
            name,
            error.code or "ongeldig",
            # Only a message with parameters is %-formatted: a literal "%" must stay as written.
            str(error.message % error.params) if error.params else str(error.message),
        )
        for name, errors in form.errors.as_data().items()
        for error in errors
    ]
