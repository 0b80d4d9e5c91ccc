"""Every write to the knowledge library and questions: policy, validation, transaction, audit."""

import logging
import smtplib
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any, TypeGuard

from django import forms as django_forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from opmars.accounts import policy
from opmars.accounts.actors import Actor
from opmars.accounts.audit import AuditAction, record
from opmars.accounts.models import User
from opmars.common.errors import ActionError, error_list
from opmars.common.mail import after_commit
from opmars.common.slugs import unique_slug
from opmars.knowledge import forms
from opmars.knowledge.models import (
    Delivery,
    HelpedMark,
    KnowledgeItem,
    KnowledgeTag,
    Message,
    Question,
    Reply,
    Report,
    SharingActivity,
    UsefulMark,
)
from opmars.registry.models import Collective
from opmars.siteurl import absolute
from opmars.text import stemmed

logger = logging.getLogger(__name__)

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
        if item.created_by_id == actor.pk or item.collectives.filter(editors=actor).exists():
            raise ActionError.on(
                "item",
                "eigen_kennis",
                _("Je kunt je eigen kennis niet nuttig noemen: dat doen de anderen."),
            )
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
    """Messages and answers this user wrote in the last day: one limit for both."""
    since = timezone.now() - timedelta(days=1)
    return (
        Message.objects.filter(sender=user, created_at__gte=since).count()
        + Reply.objects.filter(author=user, created_at__gte=since).count()
    )


def _check_daily_limit(user: User) -> None:
    if _sent_today(user) >= MESSAGES_PER_DAY:
        raise ActionError.on(
            "body",
            "te_veel_berichten",
            _(
                "Je hebt vandaag al %(limit)s berichten verstuurd. Dat is het maximum per dag. "
                "Je tekst staat hieronder nog: probeer het morgen opnieuw."
            )
            % {"limit": MESSAGES_PER_DAY},
        )


def _active_editors(collective: Collective) -> "models.QuerySet[User]":
    return collective.editors.filter(is_active=True)


def _editor_addresses(collective: Collective) -> list[str]:
    editors = _active_editors(collective).filter(email_confirmed=True).exclude(email="")
    return list(editors.values_list("email", flat=True))


def _sender_label(actor: User, cleaned: Mapping[str, Any]) -> tuple[Collective | None, str]:
    """The collective the sender writes for, or none; and the name the other side sees."""
    if cleaned["sign_as"] != forms.NAME_ONLY:
        collective = actor.edited_collectives.get(slug=cleaned["sign_as"])
        return collective, collective.name
    return None, cleaned["name"] or actor.get_full_name() or _("iemand via Opmars")


@transaction.atomic
def send_message(
    actor: Actor,
    recipient: Collective,
    data: Mapping[str, Any],
    question: Question | None = None,
) -> Message:
    """Start a conversation with a collective. It lands in the collective's inbox on Opmars
    and each editor gets a mail (the contact address too, where there is one). Without
    editors it is kept for Opmars staff, who forward it (decision 0047). Nobody sees an
    e-mail address: the sender shows the name they chose, the collective answers by name."""
    if not _signed_in(actor):
        raise PermissionDenied
    # An unlisted collective is out of reach as it is out of sight (decision 0024).
    _require(policy.visible_collectives(actor).filter(pk=recipient.pk).exists())
    form = forms.MessageForm(data, collectives=actor.edited_collectives.order_by("name"))
    if not form.is_valid():
        raise ActionError(error_list(form), form)
    if recipient.editors.filter(pk=actor.pk).exists():
        raise ActionError.on(
            "recipient",
            "eigen_collectief",
            _("Je bent zelf redacteur van %(name)s. Een bericht aan jezelf is niet nodig.")
            % {"name": recipient.name},
        )
    _check_daily_limit(actor)
    sender_collective, label = _sender_label(actor, form.cleaned_data)
    has_editors = _active_editors(recipient).exists()
    message = Message.objects.create(
        sender=actor,
        sender_collective=sender_collective,
        sender_label=label,
        recipient=recipient,
        question=question,
        body=form.cleaned_data["body"],
        delivery=Delivery.EDITORS if has_editors else Delivery.STAFF,
    )
    addresses = [recipient.contact_email] if recipient.contact_email else []
    addresses += [a for a in _editor_addresses(recipient) if a not in addresses]
    _notify_after_commit(
        message,
        _("Bericht via Opmars voor %(name)s") % {"name": recipient.name},
        _notice_text(message, message.body, label),
        addresses,
    )
    if not has_editors:
        after_commit(_tell_staff, recipient.name)
    record(
        actor,
        AuditAction.MESSAGE_SEND,
        recipient,
        {"message": message.pk, "delivery": message.delivery},
    )
    return message


@transaction.atomic
def reply(actor: Actor, message: Message, data: Mapping[str, Any]) -> Reply:
    """An answer in the conversation, from either side; the other side gets a mail and sees it
    marked unread. The collective answers under its name, the sender under the name they chose."""
    side = policy.message_side(actor, message)
    if not (_signed_in(actor) and side in ("sender", "recipient")):
        raise PermissionDenied
    cleaned = _valid(forms.ReplyForm, data)
    _check_daily_limit(actor)
    from_recipient = side == "recipient"
    answer = Reply.objects.create(
        message=message, author=actor, from_recipient=from_recipient, body=cleaned["body"]
    )
    message.unread_by_sender = from_recipient
    message.unread_by_recipient = not from_recipient
    message.last_activity_at = timezone.now()
    message.save(update_fields=["unread_by_sender", "unread_by_recipient", "last_activity_at"])
    if from_recipient:
        addresses = [message.sender.email] if message.sender.is_active else []
        author_label = message.recipient.name
    else:
        addresses = _editor_addresses(message.recipient)
        author_label = message.sender_label
    _notify_after_commit(
        message,
        _("Antwoord via Opmars van %(name)s") % {"name": author_label},
        _notice_text(message, answer.body, author_label),
        addresses,
    )
    record(actor, AuditAction.MESSAGE_REPLY, message.recipient, {"message": message.pk})
    return answer


def mark_read(actor: Actor, message: Message) -> None:
    """Opening the conversation marks it read for the reader's side. Not audited: reading
    changes no content, and the log would fill with page views."""
    side = policy.message_side(actor, message)
    field = {"sender": "unread_by_sender", "recipient": "unread_by_recipient"}.get(side or "")
    if field and getattr(message, field):
        setattr(message, field, False)
        message.save(update_fields=[field])


def _notice_text(message: Message, text: str, author_label: str) -> str:
    """A notice mail: who wrote (by the name they show), the text, and the link to answer on
    Opmars. Replying to the mail reaches no one, so no address travels."""
    about = (
        _("Over de vraag: %(title)s") % {"title": message.question.title}
        if message.question
        else ""
    )
    return "\n\n".join(
        part
        for part in [
            _("%(name)s schreef via Opmars:") % {"name": author_label},
            about,
            text,
            _("Lees en beantwoord het bericht op Opmars: %(url)s")
            % {"url": absolute(message.get_absolute_url())},
            _(
                "Opmars geeft geen e-mailadressen door. Antwoord via de link hierboven, niet op "
                "deze e-mail."
            ),
        ]
        if part
    )


def _notify_after_commit(
    message: Message, subject: str, body: str, addresses: Iterable[str]
) -> None:
    after_commit(_send_notices, message.pk, str(subject), str(body), list(addresses))


def _send_notices(message_pk: int, subject: str, body: str, addresses: list[str]) -> None:
    """One mail per address, so editors do not see each other's. A mail server that fails
    loses nothing: the message is in the inbox, and `mail_failed` lets the page say so."""
    failed = False
    for address in addresses:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        except (smtplib.SMTPException, OSError):
            logger.exception("Notice mail for message %s not sent", message_pk)
            failed = True
    Message.objects.filter(pk=message_pk).update(mail_failed=failed)


def _tell_staff(collective_name: str) -> None:
    """A message for a collective without editors waits until staff forward it: each staff
    member hears of it by mail, with the link to the queue (not the text, which stays on
    Opmars)."""
    subject = _("Een bericht wacht op doorsturen")
    body = _(
        "Er is een bericht via Opmars voor %(name)s, dat geen redacteuren heeft. Stuur het "
        "door vanuit de lijst: %(url)s"
    ) % {"name": collective_name, "url": absolute(reverse("forward_queue"))}
    staff = User.objects.filter(is_staff=True, is_active=True).exclude(email="")
    for address in staff.values_list("email", flat=True):
        try:
            send_mail(str(subject), str(body), settings.DEFAULT_FROM_EMAIL, [address])
        except (smtplib.SMTPException, OSError):
            logger.exception("Forward notice to staff not sent")


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
def mark_helped(actor: Actor, message: Message) -> HelpedMark:
    """'Dit hielp ons': the one who asked says the collective helped. Once per conversation,
    never for a collective of one's own; it counts as that collective's knowledge sharing."""
    if not (_signed_in(actor) and policy.message_side(actor, message) == "sender"):
        raise PermissionDenied
    if HelpedMark.objects.filter(message=message).exists():
        raise ActionError.on(
            "message", "al_gemarkeerd", _("Je hebt al gezegd dat dit gesprek je hielp.")
        )
    if message.recipient.editors.filter(pk=actor.pk).exists() or (
        message.sender_collective_id == message.recipient_id
    ):
        raise ActionError.on(
            "message",
            "eigen_collectief",
            _("Je kunt niet zeggen dat je eigen collectief je hielp."),
        )
    mark = HelpedMark.objects.create(
        message=message,
        helper=message.recipient,
        helped=message.sender_collective,
        question=message.question,
        marked_by=actor,
    )
    record(actor, AuditAction.MESSAGE_HELPED, message.recipient, {"message": message.pk})
    return mark


@transaction.atomic
def report_message(actor: Actor, message: Message, data: Mapping[str, Any]) -> Report:
    """Either side reports abuse in a conversation; staff see it in the moderation queue."""
    _require(policy.message_side(actor, message) in ("sender", "recipient"))
    return report_abuse(actor, message, data)


@transaction.atomic
def forward_message(actor: Actor, message: Message) -> None:
    """Staff say they forwarded a message to a collective without editors."""
    _require(policy.can_moderate(actor) and message.delivery == Delivery.STAFF)
    message.forwarded_at = timezone.now()
    message.save(update_fields=["forwarded_at"])
    record(actor, AuditAction.MESSAGE_FORWARD, message.recipient, {"message": message.pk})


def network_members(network: Any) -> QuerySet[Collective]:
    return Collective.objects.filter(membership__network=network).order_by("name")


@transaction.atomic
def log_sharing_activity(actor: Actor, network: Any, data: Mapping[str, Any]) -> SharingActivity:
    """A network admin records a talk, visit or workshop one of its members gave: it counts as
    that collective's knowledge sharing (sharers.py)."""
    if not policy.can_manage_network(actor, network):
        raise PermissionDenied
    members = network_members(network)
    form = forms.SharingActivityForm(data, members=members)
    if not form.is_valid():
        raise ActionError(error_list(form), form)
    cleaned = dict(form.cleaned_data)
    activity = SharingActivity.objects.create(
        network=network,
        collective=members.get(pk=cleaned.pop("collective")),
        logged_by=actor,
        is_demo=network.is_demo,
        **cleaned,
    )
    record(
        actor,
        AuditAction.SHARING_LOG,
        activity.collective,
        {"network": network.slug, "title": activity.title, "held_on": str(activity.held_on)},
    )
    return activity


@transaction.atomic
def remove_sharing_activity(actor: Actor, activity: SharingActivity) -> None:
    """A network admin or staff take back a logged activity (a mistake, or abuse)."""
    _require(policy.can_manage_network(actor, activity.network))
    record(
        actor,
        AuditAction.SHARING_REMOVE,
        activity.collective,
        {"network": activity.network.slug, "title": activity.title},
    )
    activity.delete()


@transaction.atomic
def set_sharer_consent(actor: Actor, shown: bool) -> None:
    """The person's own choice to be shown by name as a knowledge sharer; revocable."""
    if not _signed_in(actor):
        raise PermissionDenied
    actor.shows_as_sharer = shown
    actor.save(update_fields=["shows_as_sharer"])
    record(actor, AuditAction.SHARER_CONSENT, actor, {"shows_as_sharer": shown})


@transaction.atomic
def remove_mark(actor: Actor, mark: UsefulMark | HelpedMark) -> None:
    """Moderation takes away a 'nuttig' or 'dit hielp ons' that was abuse (a favour between
    friends, a mark bought): it no longer counts, and the audit log keeps what it was."""
    _require(policy.can_moderate(actor))
    target: models.Model
    if isinstance(mark, UsefulMark):
        target, changes = mark.item, {"nuttig_van": mark.user_id}
    else:
        target, changes = mark.helper, {"dit_hielp_ons": mark.message_id}
    record(actor, AuditAction.MARK_REMOVE, target, changes)
    mark.delete()
