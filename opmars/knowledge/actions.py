"""Every write to the knowledge library and questions: policy, validation, transaction, audit."""

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any, TypeGuard

from django import forms as django_forms
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opmars.accounts import policy
from opmars.accounts.actors import Actor
from opmars.accounts.audit import AuditAction, record
from opmars.accounts.models import User
from opmars.common.errors import ActionError, error_list
from opmars.common.mail import mail_after_commit
from opmars.common.slugs import unique_slug
from opmars.knowledge import forms
from opmars.knowledge.models import (
    KnowledgeItem,
    KnowledgeTag,
    Message,
    Question,
    Report,
    UsefulMark,
)
from opmars.registry.models import Collective
from opmars.registry.reach import relay_addresses
from opmars.text import stemmed

# Relayed messages per user per day: enough to contact a handful of peers, too few to spam.
MESSAGES_PER_DAY = 10
FACETS = {"kinds": "kind", "domains": "domain", "themes": "theme"}


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _signed_in(actor: Actor) -> TypeGuard[User]:
    return bool(actor and actor.is_authenticated)


def _valid(form_class: type[django_forms.Form], data: Mapping[str, Any]) -> dict[str, Any]:
    form = form_class(data)
    if not form.is_valid():
        raise ActionError(error_list(form), form)
    return form.cleaned_data


# /kennis/nieuw/ and /vragen/nieuw/ are pages, not items or questions.
RESERVED_SLUGS = {"nieuw"}


def search_text_for(item: KnowledgeItem, tag_codes: Iterable[str] = ()) -> str:
    return stemmed(" ".join([item.title, item.summary, item.body, *tag_codes]))


def _save_item(item: KnowledgeItem, data: Mapping[str, Any]) -> KnowledgeItem:
    for name in ("title", "item_type", "summary", "body", "last_reviewed"):
        setattr(item, name, data.get(name))
    codes = [c for key in FACETS for c in data.get(key) or []]
    item.search_text = search_text_for(item, codes)
    item.save()
    item.tags.all().delete()
    KnowledgeTag.objects.bulk_create(
        KnowledgeTag(item=item, facet=facet, code=code)
        for key, facet in FACETS.items()
        for code in data.get(key) or []
    )
    return item


@transaction.atomic
def create_item(
    actor: Actor,
    collective: Collective,
    data: Mapping[str, Any],
    answer_to: Question | None = None,
    is_demo: bool = False,
) -> KnowledgeItem:
    """A collective's editor shares an item; the collective is linked as having experience."""
    if not policy.can_answer_for_collective(actor, collective):
        raise PermissionDenied
    cleaned = _valid(forms.KnowledgeItemForm, data)
    item = KnowledgeItem(
        slug=unique_slug(KnowledgeItem, cleaned["title"], RESERVED_SLUGS),
        created_by=actor,
        answer_to=answer_to,
        is_demo=is_demo,
    )
    _save_item(item, cleaned)
    item.collectives.add(collective)
    record(actor, AuditAction.KNOWLEDGE_CREATE, item, {"collective": collective.slug})
    return item


@transaction.atomic
def update_item(actor: Actor, item: KnowledgeItem, data: Mapping[str, Any]) -> KnowledgeItem:
    _require(policy.can_edit_knowledge(actor, item))
    cleaned = _valid(forms.KnowledgeItemForm, data)
    _save_item(item, cleaned)
    record(actor, AuditAction.KNOWLEDGE_UPDATE, item)
    return item


@transaction.atomic
def mark_useful(actor: Actor, item: KnowledgeItem) -> bool:
    """One 'nuttig' per user per item; a second click takes it back. Returns the new state."""
    if not _signed_in(actor):
        raise PermissionDenied
    deleted, _rows = UsefulMark.objects.filter(item=item, user=actor).delete()
    if not deleted:
        UsefulMark.objects.create(item=item, user=actor)
    record(actor, AuditAction.KNOWLEDGE_USEFUL, item, {"useful": not deleted})
    return not deleted


@transaction.atomic
def post_question(
    actor: Actor, collective: Collective, data: Mapping[str, Any], is_demo: bool = False
) -> Question:
    if not policy.can_answer_for_collective(actor, collective):
        raise PermissionDenied
    cleaned = _valid(forms.QuestionForm, data)
    question = Question.objects.create(
        slug=unique_slug(Question, cleaned["title"], RESERVED_SLUGS),
        collective=collective,
        created_by=actor,
        is_demo=is_demo,
        **cleaned,
    )
    record(actor, AuditAction.QUESTION_CREATE, question, {"collective": collective.slug})
    return question


@transaction.atomic
def answer_question(
    actor: Actor, question: Question, collective: Collective, data: Mapping[str, Any]
) -> KnowledgeItem:
    """An answer is a knowledge item linked to the question, so it is found by search later."""
    item = create_item(actor, collective, data, answer_to=question)
    record(actor, AuditAction.QUESTION_ANSWER, question, {"item": item.slug})
    return item


def _sent_today(user: User) -> int:
    return Message.objects.filter(
        sender=user, created_at__gte=timezone.now() - timedelta(days=1)
    ).count()


@transaction.atomic
def send_message(
    actor: Actor,
    recipient: Collective,
    data: Mapping[str, Any],
    question: Question | None = None,
) -> Message:
    """Relay a message to the collective's contact address (else its editors' addresses);
    neither side sees the other's. Where no address is known the message cannot be sent."""
    if not _signed_in(actor):
        raise PermissionDenied
    # An unlisted collective is out of reach as it is out of sight (decision 0024).
    _require(policy.visible_collectives(actor).filter(pk=recipient.pk).exists())
    cleaned = _valid(forms.MessageForm, data)
    addresses = relay_addresses(recipient)
    if not addresses:
        raise ActionError.on(
            "recipient",
            "geen_contact",
            _(
                "%(name)s heeft geen contactadres en geen redacteur met een e-mailadres, dus "
                "Opmars kan uw bericht niet doorsturen. Uw tekst staat hieronder nog; kopieer "
                "hem en neem contact op via de website of het netwerk van het collectief."
            )
            % {"name": recipient.name},
        )
    if _sent_today(actor) >= MESSAGES_PER_DAY:
        raise ActionError.on(
            "body",
            "te_veel_berichten",
            _("U hebt vandaag al %(limit)s berichten verstuurd. Probeer het morgen opnieuw.")
            % {"limit": MESSAGES_PER_DAY},
        )
    message = Message.objects.create(
        sender=actor, recipient=recipient, question=question, body=cleaned["body"]
    )
    mail_after_commit(
        _("Bericht via Opmars voor %(name)s") % {"name": recipient.name},
        _relay_text(message),
        addresses,
    )
    record(actor, AuditAction.MESSAGE_SEND, recipient, {"message": message.pk})
    return message


def _relay_text(message: Message) -> str:
    about = (
        _("Over de vraag: %(title)s") % {"title": message.question.title}
        if message.question
        else ""
    )
    return "\n\n".join(
        part
        for part in [
            _("Iemand heeft via Opmars een bericht gestuurd aan uw collectief."),
            about,
            message.body,
            _(
                "Opmars geeft geen e-mailadressen door. Wilt u antwoorden, noem dan in uw "
                "antwoord via Opmars hoe men u kan bereiken."
            ),
        ]
        if part
    )


@transaction.atomic
def report_abuse(actor: Actor, target: models.Model, data: Mapping[str, Any]) -> Report:
    cleaned = _valid(forms.ReportForm, data)
    report = Report.objects.create(
        target_type=target._meta.label_lower,
        target_id=str(getattr(target, "slug", None) or target.pk),
        reason=cleaned["reason"],
        reporter=actor if actor and actor.is_authenticated else None,
    )
    record(actor, AuditAction.MODERATION_REPORT, report)
    return report


@transaction.atomic
def resolve_report(actor: Actor, report: Report) -> None:
    _require(policy.can_moderate(actor))
    report.is_resolved = True
    report.save(update_fields=["is_resolved"])
    record(actor, AuditAction.MODERATION_RESOLVE, report)


@transaction.atomic
def mark_helped(actor: Actor, message: Message) -> None:
    """The sender says the contacted collective helped: it counts in that collective's record."""
    _require(_signed_in(actor) and message.sender_id == actor.pk)
    message.helped = True
    message.save(update_fields=["helped"])
    record(actor, AuditAction.MESSAGE_HELPED, message.recipient, {"message": message.pk})
