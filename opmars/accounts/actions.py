"""Every write about people and their roles: co-editors, claims, the public listing, consent,
and the account itself. Each checks the policy, writes in one transaction and is audited."""

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from opmars.accounts import policy
from opmars.accounts.actors import Actor
from opmars.accounts.audit import AuditAction, actor_code, record
from opmars.accounts.forms import ClaimForm, InviteEditorForm, SignupForm
from opmars.accounts.models import (
    AuditEvent,
    Claim,
    EditorInvitation,
    User,
    new_token,
    token_hash,
)
from opmars.common.errors import ActionError, error_list
from opmars.common.mail import after_commit, mail_after_commit
from opmars.registry.models import Collective
from opmars.siteurl import absolute

INVITATION_DAYS = 14
CONFIRMATION_DAYS = 3
CONFIRMATION_SALT = "opmars.accounts.email-confirmation"
# Against floods of mail from one account: open claims per user, invitations per collective a day.
MAX_OPEN_CLAIMS = 5
MAX_INVITATIONS_PER_DAY = 10


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _validated(form: forms.BaseForm) -> dict[str, Any]:
    if not form.is_valid():
        raise ActionError(error_list(form), form=form)
    return form.cleaned_data


def _link(name: str, token: str) -> str:
    return absolute(reverse(name, args=[token]))


# Sign-up and the confirmed address


@transaction.atomic
def sign_up(data: Mapping[str, Any]) -> User:
    """A new account from the sign-up form. It may sign in at once; adding collectives, claims
    and API tokens wait until the link mailed to the address is opened."""
    cleaned = _validated(SignupForm(data))
    user = User.objects.create_user(
        email=cleaned["email"], password=cleaned["password1"], email_confirmed=False
    )
    record(user, AuditAction.ACCOUNT_SIGNUP, user)
    after_commit(send_confirmation, user)
    return user


def send_confirmation(user: User) -> None:
    """Mail the link that confirms the address; the link names the address, so it stops
    working if the address changes."""
    token = signing.dumps({"user": user.pk, "email": user.email}, salt=CONFIRMATION_SALT)
    send_mail(
        _("Bevestig je e-mailadres voor Opmars"),
        _(
            "Welkom bij Opmars. Open deze link om te bevestigen dat dit jouw e-mailadres is "
            "(hij werkt %(days)s dagen):\n%(link)s\n\nDaarna kun je collectieven aanmelden, "
            "een collectief claimen en API-sleutels maken.\n\n"
            "Heb je geen account gemaakt? Dan kun je dit bericht negeren."
        )
        % {"days": CONFIRMATION_DAYS, "link": _link("email_confirm", token)},
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )


@transaction.atomic
def confirm_email(token: str) -> User:
    """The account whose address the link confirms, or an error saying why it does not."""
    try:
        claimed = signing.loads(
            token, salt=CONFIRMATION_SALT, max_age=timedelta(days=CONFIRMATION_DAYS)
        )
    except signing.SignatureExpired:
        raise ActionError.on(
            "token",
            "verlopen",
            _("Deze link is verlopen. Log in en vraag op je accountpagina een nieuwe aan."),
        ) from None
    except signing.BadSignature:
        raise ActionError.on("token", "onbekend", _("Deze link klopt niet (meer).")) from None
    user = User.objects.filter(pk=claimed["user"], email=claimed["email"]).first()
    if user is None:
        raise ActionError.on("token", "onbekend", _("Deze link klopt niet (meer)."))
    _mark_confirmed(user, "link")
    return user


def _mark_confirmed(user: User, via: str) -> None:
    if not user.email_confirmed:
        user.email_confirmed = True
        user.save(update_fields=["email_confirmed"])
        record(user, AuditAction.ACCOUNT_EMAIL_CONFIRM, user, {"via": via})


# Co-editors


@transaction.atomic
def invite_editor(
    actor: Actor, collective: Collective, data: Mapping[str, Any]
) -> tuple[EditorInvitation, str]:
    """Send a one-time link; returns the invitation and the token (shown nowhere else)."""
    if not policy.can_manage_editors(actor, collective):
        raise PermissionDenied(_("Je bent geen redacteur hiervan."))
    email = _validated(InviteEditorForm(data))["email"].lower()
    if collective.editors.filter(email__iexact=email).exists():
        raise ActionError.on(
            "email", "al_redacteur", _("Deze persoon is al redacteur van dit collectief.")
        )
    since = timezone.now() - timedelta(days=1)
    if (
        collective.editor_invitations.filter(created_at__gte=since).count()
        >= MAX_INVITATIONS_PER_DAY
    ):
        raise ActionError.on(
            "email",
            "te_veel",
            _(
                "Er zijn vandaag al %(n)s uitnodigingen verstuurd voor dit collectief; probeer het "
                "morgen opnieuw."
            )
            % {"n": MAX_INVITATIONS_PER_DAY},
        )
    token = new_token()
    invitation = EditorInvitation.objects.create(
        collective=collective, email=email, token_hash=token_hash(token), invited_by=actor
    )
    mail_after_commit(
        _("Uitnodiging: redacteur van %(name)s op Opmars") % {"name": collective.name},
        _(
            "Je bent uitgenodigd om samen met de andere redacteuren de gegevens van %(name)s "
            "op Opmars bij te houden.\n\nOpen deze link, log in of maak een account aan en "
            "neem de uitnodiging aan (de link werkt %(days)s dagen):\n%(link)s\n\n"
            "Verwacht je dit bericht niet? Dan kun je het negeren."
        )
        % {"name": collective.name, "days": INVITATION_DAYS, "link": _link("invitation", token)},
        [email],
    )
    # The invitee's address stays out of the append-only log; the invitation row holds it.
    record(actor, AuditAction.EDITOR_INVITE, collective, {"invitation": invitation.pk})
    return invitation, token


def open_invitation(token: str) -> EditorInvitation:
    """The invitation behind a link, or an error saying why it no longer works."""
    invitation = (
        EditorInvitation.objects.select_related("collective")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None:
        raise ActionError.on("token", "onbekend", _("Deze uitnodiging bestaat niet (meer)."))
    if invitation.accepted_at:
        raise ActionError.on("token", "gebruikt", _("Deze uitnodiging is al aangenomen."))
    if invitation.created_at < timezone.now() - timedelta(days=INVITATION_DAYS):
        raise ActionError.on(
            "token",
            "verlopen",
            _("Deze uitnodiging is verlopen. Vraag een redacteur om een nieuwe."),
        )
    return invitation


def invitation_is_for(invitation: EditorInvitation, user: User) -> bool:
    return user.email.strip().lower() == invitation.email.strip().lower()


def wrong_address_message(invitation: EditorInvitation) -> str:
    # Masked: whoever holds a leaked link should not learn the invitee's address from it.
    local, _at, domain = invitation.email.partition("@")
    return _(
        "Deze uitnodiging is gestuurd naar %(email)s. Log in met dat adres (of maak er een "
        "account mee aan) om haar aan te nemen."
    ) % {"email": f"{local[:1]}…@{domain}"}


@transaction.atomic
def accept_invitation(user: User | AnonymousUser, token: str) -> Collective:
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in om de uitnodiging aan te nemen."))
    invitation = open_invitation(token)
    if not invitation_is_for(invitation, user):
        # A forwarded or leaked link must not make somebody else an editor.
        raise ActionError.on("token", "ander_adres", wrong_address_message(invitation))
    # The link was mailed to this address: opening it confirms the address too.
    _mark_confirmed(user, "uitnodiging")
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    collective = invitation.collective
    collective.editors.add(user)
    record(user, AuditAction.EDITOR_ADD, collective, {"invitation": invitation.pk})
    return collective


@transaction.atomic
def remove_editor(actor: Actor, collective: Collective, editor: User) -> None:
    """Editors remove co-editors (or themselves), but a collective keeps at least one editor."""
    _require(policy.can_manage_editors(actor, collective), _("Je bent geen redacteur hiervan."))
    editors = collective.editors.select_for_update()
    if not editors.filter(pk=editor.pk).exists():
        raise ActionError.on(
            "editor", "geen_redacteur", _("Deze persoon is geen redacteur (meer).")
        )
    if editors.count() == 1:
        raise ActionError.on(
            "editor",
            "laatste_redacteur",
            _(
                "Je kunt de laatste redacteur niet verwijderen. Nodig eerst iemand anders uit, "
                "dan kan deze redacteur weg."
            ),
        )
    collective.editors.remove(editor)
    record(actor, AuditAction.EDITOR_REMOVE, collective, {"editor": actor_code(editor)})


# The public listing and the municipality's view of drafts


def _set_flag(
    actor: Actor, collective: Collective, name: str, value: bool, action: AuditAction
) -> Collective:
    _require(policy.can_manage_editors(actor, collective), _("Je bent geen redacteur hiervan."))
    old = getattr(collective, name)
    if old == value:
        return collective
    setattr(collective, name, value)
    collective.save(update_fields=[name, "updated_at"])
    record(actor, action, collective, {name: [old, value]})
    return collective


@transaction.atomic
def set_unlisted(actor: Actor, collective: Collective, unlisted: bool) -> Collective:
    action = AuditAction.COLLECTIVE_UNLIST if unlisted else AuditAction.COLLECTIVE_LIST
    return _set_flag(actor, collective, "is_unlisted", bool(unlisted), action)


@transaction.atomic
def set_municipality_consent(actor: Actor, collective: Collective, consent: bool) -> Collective:
    return _set_flag(
        actor,
        collective,
        "shares_drafts_with_municipality",
        bool(consent),
        AuditAction.COLLECTIVE_MUNICIPALITY_CONSENT,
    )


# Claims


@transaction.atomic
def start_claim(user: Actor, collective: Collective, data: Mapping[str, Any]) -> Claim:
    """Ask to become editor. With a contact address the board confirms by email; without one,
    or when the mail does not arrive, staff decide in their queue."""
    if not policy.can_claim(user, collective):
        raise PermissionDenied(
            _("Dit collectief heeft al een redactie; vraag een van hen om een uitnodiging.")
        )
    cleaned = _validated(ClaimForm(data))
    open_claims = Claim.objects.filter(user=user, status=Claim.Status.PENDING)
    if open_claims.filter(collective=collective).exists():
        raise ActionError.on("collective", "al_aangevraagd", _("Je aanvraag hiervoor loopt al."))
    if open_claims.count() >= MAX_OPEN_CLAIMS:
        raise ActionError.on(
            "collective",
            "te_veel",
            _("Je hebt al %(n)s aanvragen lopen. Wacht tot daarover beslist is.")
            % {"n": MAX_OPEN_CLAIMS},
        )
    token = new_token() if collective.contact_email else ""
    claim = Claim.objects.create(
        collective=collective,
        user=user,
        role=cleaned["role"],
        message=cleaned["message"],
        wants_unlisting=cleaned["wants_unlisting"],
        token_hash=token_hash(token) if token else "",
    )
    if token:
        _send_claim_mail(claim, token)
    record(
        user, AuditAction.CLAIM_REQUEST, collective, {"claim": claim.pk, "by_email": bool(token)}
    )
    return claim


def _send_claim_mail(claim: Claim, token: str) -> None:
    collective = claim.collective
    mail_after_commit(
        _("Bevestig: wie mag %(name)s bijhouden op Opmars?") % {"name": collective.name},
        _(
            "Iemand met de rol '%(role)s' vraagt om redacteur te worden van %(name)s op Opmars. "
            "Dit adres staat bij ons als contactadres van het collectief.\n\n"
            "Klopt dit? Bevestig het via deze link (hij werkt %(days)s dagen):\n%(link)s\n\n"
            "Klopt het niet? Doe dan niets; de aanvraag vervalt of wordt door Opmars afgewezen."
        )
        % {
            "role": claim.role,
            "name": collective.name,
            "days": INVITATION_DAYS,
            "link": _link("claim_confirm", token),
        },
        [collective.contact_email],
    )


def open_claim(token: str) -> Claim:
    """The pending claim of a confirmation link younger than INVITATION_DAYS; an older claim
    stays in the staff queue."""
    claim = (
        Claim.objects.select_related("collective", "user")
        .filter(
            token_hash=token_hash(token),
            status=Claim.Status.PENDING,
            created_at__gte=timezone.now() - timedelta(days=INVITATION_DAYS),
        )
        .exclude(token_hash="")
        .first()
    )
    if claim is None:
        raise ActionError.on("token", "onbekend", _("Deze bevestigingslink werkt niet (meer)."))
    return claim


@transaction.atomic
def confirm_claim(token: str) -> Claim:
    """The link in the mail to the collective's own address is the proof."""
    claim = open_claim(token)
    _grant(claim, claim.user, AuditAction.CLAIM_CONFIRM)
    return claim


@transaction.atomic
def decide_claim(actor: Actor, claim: Claim, approve: bool) -> Claim:
    _require(
        policy.can_review_claims(actor), _("Alleen medewerkers van Opmars beslissen hierover.")
    )
    if claim.status != Claim.Status.PENDING:
        raise ActionError.on("claim", "al_besloten", _("Over deze aanvraag is al beslist."))
    if approve:
        _grant(claim, actor, AuditAction.CLAIM_APPROVE)
    else:
        _close(claim, Claim.Status.REJECTED)
        record(actor, AuditAction.CLAIM_REJECT, claim.collective, {"claim": claim.pk})
        _tell_claimant(claim)
    return claim


def _tell_claimant(claim: Claim) -> None:
    """The person who asked hears how it ended, after the decision is committed."""
    name = claim.collective.name
    if claim.status == Claim.Status.APPROVED:
        subject = _("Je bent redacteur van %(name)s op Opmars") % {"name": name}
        body = _(
            "Je aanvraag is goedgekeurd: je kunt de gegevens van %(name)s nu bijhouden.\n%(link)s"
        ) % {"name": name, "link": absolute(claim.collective.get_absolute_url())}
    else:
        subject = _("Je aanvraag voor %(name)s op Opmars") % {"name": name}
        body = _(
            "Opmars heeft je aanvraag om redacteur te worden van %(name)s afgewezen. Hoort dit "
            "collectief wel bij jou? Vraag dan het bestuur om je via Opmars uit te nodigen."
        ) % {"name": name}
    mail_after_commit(subject, body, [claim.user.email])


def _grant(claim: Claim, actor: Actor, action: AuditAction) -> None:
    collective = claim.collective
    if collective.editors.exists():
        raise ActionError.on(
            "claim",
            "al_redactie",
            _("Dit collectief heeft inmiddels een redactie; vraag hen om een uitnodiging."),
        )
    collective.editors.add(claim.user)
    changes = {"claim": claim.pk, "editor": actor_code(claim.user)}
    if claim.wants_unlisting and not collective.is_unlisted:
        collective.is_unlisted = True
        collective.save(update_fields=["is_unlisted", "updated_at"])
        changes["is_unlisted"] = [False, True]
    _close(claim, Claim.Status.APPROVED)
    record(actor, action, collective, changes)
    _tell_claimant(claim)


def _close(claim: Claim, status: str) -> None:
    claim.status, claim.decided_at = status, timezone.now()
    claim.save(update_fields=["status", "decided_at"])


# The account itself (AVG/GDPR)


@transaction.atomic
def delete_account(user: User) -> None:
    """Delete the account and the pseudonym link; the collectives and the audit log stay (the
    log then no longer says who acted). A collective left without editors can be claimed."""
    code = actor_code(user)
    AuditEvent.objects.create(
        actor_pseudonym=code,
        action=AuditAction.ACCOUNT_DELETE,
        target_type="accounts.user",
        target_id=code,
        changes={"edited": list(user.edited_collectives.values_list("slug", flat=True))},
    )
    user.delete()
