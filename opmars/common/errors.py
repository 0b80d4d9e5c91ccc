"""One shape for every refused input, on pages, in API answers and in import reports:
a list of {"field", "code", "message"} with the message in Dutch."""


def field_error(field, code, message):
    return {"field": field, "code": code, "message": message}


class ActionError(Exception):
    """An action refused its input; `errors` lists why (field_error shape).

    `form` and the other forms or values a page needs to show its form again travel along:
    `outcome_forms` (impact reports) and `version` (after an edit conflict, the record's
    current version, for the page to post next time).
    """

    def __init__(self, errors, form=None, *, outcome_forms=None, version=None):
        super().__init__(errors)
        self.errors = errors
        self.form = form
        self.outcome_forms = outcome_forms or []
        self.version = version

    @classmethod
    def on(cls, field, code, message):
        """The error for one field, the common case."""
        return cls([field_error(field, code, message)])


def error_list(form):
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
