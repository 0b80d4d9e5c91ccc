"""Every write calls record(); the event carries the actor's pseudonym, never the user itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from opmars.accounts.models import AuditEvent, Pseudonym
from opmars.caching import changes as changes_queue


class AuditAction(models.TextChoices):
    """Every kind of audit event: the code stored in AuditEvent.action, and its label on the
    audit page. Codes stay as they are stored; a retired code keeps its label for old events."""

    COLLECTIVE_CREATE = "collective.create", _("collectief aangemeld")
    COLLECTIVE_UPDATE = "collective.update", _("gegevens gewijzigd")
    COLLECTIVE_VERIFY = "collective.verify", _("geverifieerd")
    COLLECTIVE_MERGE = "collective.merge", _("dubbele samengevoegd")
    COLLECTIVE_UNLIST = "collective.unlist", _("van de openbare lijst gehaald")
    COLLECTIVE_LIST = "collective.list", _("weer openbaar vermeld")
    COLLECTIVE_MUNICIPALITY_CONSENT = (
        "collective.municipality_consent",
        _("toestemming gemeente gewijzigd"),
    )
    COLLECTIVE_REMINDER = "collective.reminder", _("herinnering gestuurd om na te kijken")
    COLLECTIVE_EVENT_ADD = "collective.event.add", _("gebeurtenis in de geschiedenis vastgelegd")
    COLLECTIVE_EVENT_CORRECT = (
        "collective.event.correct",
        _("datum van een gebeurtenis gecorrigeerd"),
    )
    COLLECTIVE_CONFIRM = "collective.confirm", _("gegevens bevestigd via de herinnering")
    COLLECTIVE_IMPORT_CREATE = "collective.import.create", _("aangemaakt door een import")
    COLLECTIVE_IMPORT_UPDATE = "collective.import.update", _("bijgewerkt door een import")
    COLLECTIVE_IMPORT_FACTS = "collective.import.facts", _("jaarcijfers bijgewerkt door een import")
    COLLECTIVE_HARVEST_CREATE = "collective.harvest.create", _("aangemaakt uit een bron")
    COLLECTIVE_HARVEST_UPDATE = "collective.harvest.update", _("bijgewerkt uit een bron")
    HARVEST_SOURCE_SAVE = "harvest.source.save", _("bron voor ophalen opgeslagen")
    HARVEST_SOURCE_RUN = "harvest.source.run", _("bron laten ophalen")
    COLLECTIVES_IMPORT = "collectives.import", _("collectieven geïmporteerd")
    FACTS_IMPORT = "facts.import", _("jaarcijfers geïmporteerd")
    IMPACT_IMPORT = "impact.import", _("impactuitkomsten geïmporteerd")
    IMPORT_RETRY = "import.retry", _("import opnieuw gestart")
    IMPORT_CANCEL = "import.cancel", _("import afgebroken")
    DUPLICATE_DISMISS = "duplicate.dismiss", _("geen dubbele, volgens een beoordeling")
    FACTS_SAVE = "facts.save", _("jaarcijfers opgeslagen")
    FACTS_REVIEW_CONFIRM = "facts.review_confirm", _("opvallende jaarcijfers bevestigd door Opmars")
    EDITOR_INVITE = "editor.invite", _("redacteur uitgenodigd")
    EDITOR_ADD = "editor.add", _("redacteur toegevoegd")
    EDITOR_REMOVE = "editor.remove", _("redacteur verwijderd")
    CLAIM_REQUEST = "claim.request", _("claim aangevraagd")
    CLAIM_CONFIRM = "claim.confirm", _("claim bevestigd per e-mail")
    CLAIM_APPROVE = "claim.approve", _("claim goedgekeurd door Opmars")
    CLAIM_REJECT = "claim.reject", _("claim afgewezen door Opmars")
    IMPACT_REPORT_SAVE = "impact.report.save", _("impactrapportage opgeslagen")
    IMPACT_REPORT_PUBLISH = "impact.report.publish", _("impactrapportage gepubliceerd")
    IMPACT_REPORT_UNPUBLISH = "impact.report.unpublish", _("impactrapportage teruggetrokken")
    IMPACT_LIBRARY_NEW_VERSION = (
        "impact.library.new_version",
        _("nieuwe versie van de bibliotheek met financiële proxy's"),
    )
    NETWORK_INVITE = "network.invite", _("uitgenodigd voor een netwerk")
    NETWORK_REQUEST = "network.request", _("lidmaatschap van een netwerk gevraagd")
    NETWORK_ACCEPT = "network.accept", _("lid geworden van een netwerk")
    NETWORK_REMOVE = "network.remove", _("uit een netwerk gehaald")
    NETWORK_FACTS_CONSENT = (
        "network.facts_consent",
        _("toestemming aan een netwerk om jaarcijfers bij te werken gewijzigd"),
    )
    MONITOR_SNAPSHOT = "monitor.snapshot", _("momentopname van de monitor vastgelegd")
    OPEN_DATA_DUMP = "opendata.dump", _("nieuwe open-datadump gevraagd")
    KNOWLEDGE_CREATE = "knowledge.create", _("kennisitem geplaatst")
    KNOWLEDGE_UPDATE = "knowledge.update", _("kennisitem gewijzigd")
    KNOWLEDGE_USEFUL = "knowledge.useful", _("kennisitem nuttig gevonden (of niet meer)")
    QUESTION_CREATE = "question.create", _("vraag gesteld")
    QUESTION_ANSWER = "question.answer", _("vraag beantwoord")
    MESSAGE_SEND = "message.send", _("bericht gestuurd")
    MESSAGE_HELPED = "message.helped", _("bericht heeft geholpen")
    SHARING_LOG = "sharing.log", _("kennisdeling vastgelegd door een netwerk")
    SHARING_REMOVE = "sharing.remove", _("kennisdeling van een netwerk verwijderd")
    SHARER_CONSENT = "sharer.consent", _("toestemming om als kennisdeler getoond te worden")
    MARK_REMOVE = "sharing.mark_remove", _("markering weggehaald door de moderatie")
    MESSAGE_REPLY = "message.reply", _("bericht beantwoord")
    MESSAGE_FORWARD = "message.forward", _("bericht doorgestuurd door Opmars")
    MODERATION_REPORT = "moderation.report", _("gemeld aan de moderatie")
    MODERATION_RESOLVE = "moderation.resolve", _("melding afgehandeld")
    ACCOUNT_SIGNUP = "account.signup", _("account aangemaakt")
    ACCOUNT_EMAIL_CONFIRM = "account.email_confirm", _("e-mailadres bevestigd")
    ACCOUNT_TWO_FACTOR_ON = "account.two_factor_on", _("tweestapsverificatie aangezet")
    ACCOUNT_TWO_FACTOR_OFF = "account.two_factor_off", _("tweestapsverificatie uitgezet")
    ACCOUNT_DELETE = "account.delete", _("account verwijderd")
    API_TOKEN_CREATE = "api_token.create", _("API-sleutel gemaakt")
    API_TOKEN_REVOKE = "api_token.revoke", _("API-sleutel ingetrokken")
    LOCAL_RIGHT_SAVE = "rights.entry.save", _("lokaal recht van een gemeente vastgelegd")
    RIGHT_CASE_SAVE = "rights.case.save", _("gebruik van een lokaal recht vastgelegd")
    RIGHT_CASE_DELETE = "rights.case.delete", _("gebruik van een lokaal recht verwijderd")
    FINANCE_ROUTE_SAVE = "finance.route.save", _("financieringsroute opgeslagen")
    FINANCE_ROUTE_ARCHIVE = "finance.route.archive", _("financieringsroute gearchiveerd")


# Writes that change a collective's figures and nothing that lists of collectives show (its
# record, domains, seat, networks): the directory, the API's list and the map stay valid
# through them (decision 0059). Any other write about a collective renews those lists.
FIGURES_ONLY = frozenset(
    {
        AuditAction.FACTS_SAVE,
        AuditAction.FACTS_IMPORT,
        AuditAction.FACTS_REVIEW_CONFIRM,
        AuditAction.IMPACT_REPORT_SAVE,
        AuditAction.IMPACT_REPORT_PUBLISH,
        AuditAction.IMPACT_IMPORT,
        AuditAction.NETWORK_FACTS_CONSENT,
    }
)


def action_label(code):
    """The label of a stored code; a code this version does not know shows as it is."""
    try:
        return AuditAction(code).label
    except ValueError:
        return code


def actor_code(actor):
    if actor is None or not actor.is_authenticated:
        return ""
    return Pseudonym.for_user(actor).code


def _collective_pk(target, changes):
    """The collective an event is about, so its editors and networks find it in the log."""
    if target._meta.label_lower == "registry.collective":
        return target.pk
    if getattr(target, "collective_id", None):
        return target.collective_id
    slug = changes.get("collective") if isinstance(changes, dict) else None
    if isinstance(slug, str):
        from opmars.registry.models import Collective

        return Collective.objects.filter(slug=slug).values_list("pk", flat=True).first()
    return None


def event(actor, action, target, changes=None):
    """An unsaved event."""
    changes = changes or {}
    return AuditEvent(
        actor_pseudonym=actor_code(actor),
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(getattr(target, "slug", None) or target.pk),
        collective_pk=_collective_pk(target, changes),
        changes=changes,
    )


def record(actor, action, target, changes=None, about=None):
    """Log a write, and start a new data generation: cached figures of the old one are not
    served again, and figures kept on write follow the collective it was about (opmars/caching).
    `about`: the collectives a bulk write (an import) changed, when it names them."""
    audit_event = event(actor, action, target, changes)
    audit_event.save()
    # The generation starts at the event's own time: a report's data date then tells the
    # events its figures hold (up to it) from those after (opmars/monitor/report.py).
    at, figures_only = audit_event.created_at, action in FIGURES_ONLY
    if about is None:
        changes_queue.record_write(audit_event.collective_pk, at=at, figures_only=figures_only)
    else:
        changes_queue.record_bulk_write(about, at=at, figures_only=figures_only)
    return audit_event
