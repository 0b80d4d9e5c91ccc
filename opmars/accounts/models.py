"""Users sign in with their email address; every write leaves an audit event.

The audit log never points at a user directly: it records a pseudonym, and Pseudonym links that
pseudonym to the user. Deleting an account deletes the link, so the log stays append-only and
no longer says who it was (docs/decisions/0025-pseudonymous-audit-log.md)."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager):
    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username)
        return super()._create_user(email, email, password, **extra_fields)

    def create_user(self, email=None, password=None, **extra_fields):
        return super().create_user(email, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        return super().create_superuser(email, email, password, **extra_fields)


class User(AbstractUser):
    email = models.EmailField(_("e-mailadres"), unique=True)
    # False only after a self sign-up, until the link mailed to the address is opened: until
    # then the account cannot add collectives, claim one or make API tokens. Accounts made by
    # staff, the command line or the demo are known addresses.
    email_confirmed = models.BooleanField(_("e-mailadres bevestigd"), default=True)
    # Consent to appear by name as a knowledge sharer (docs/knowledge-sharers.md): without it,
    # what a person shared counts only for their collective, never under their name.
    shows_as_sharer = models.BooleanField(
        _("laat zien wat ik deel, onder mijn naam"), default=False
    )
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    def __str__(self):
        return self.get_full_name() or self.email


def new_token():
    return secrets.token_urlsafe(32)


def token_hash(token):
    """Links carry the token; the database keeps only its hash, like a password."""
    return hashlib.sha256(token.encode()).hexdigest()


class Pseudonym(models.Model):
    """The only link from an audit pseudonym to a person; removed when the account is deleted."""

    code = models.CharField(max_length=20, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pseudonym"
    )

    def __str__(self):
        return self.code

    @classmethod
    def for_user(cls, user):
        found = cls.objects.filter(user=user).first()
        return found or cls.objects.create(user=user, code=f"u-{secrets.token_hex(6)}")


class AuditEventQuerySet(models.QuerySet):
    def by(self, user):
        """Events done by this user, while the account exists."""
        return self.filter(actor_pseudonym__in=Pseudonym.objects.filter(user=user).values("code"))


class AuditEvent(models.Model):
    """Who did what to which record, and what changed (field: [old, new]). Append-only."""

    actor_pseudonym = models.CharField(max_length=20, blank=True, db_index=True)
    action = models.CharField(max_length=60, db_index=True)
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=100)
    # The collective the event is about (its id, not a foreign key: events outlive merges).
    collective_pk = models.BigIntegerField(null=True, blank=True, db_index=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_pseudonym} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")

    @property
    def actor(self):
        """The user behind the pseudonym, or None once the account is deleted."""
        if not self.actor_pseudonym:
            return None
        link = Pseudonym.objects.filter(code=self.actor_pseudonym).select_related("user").first()
        return link.user if link else None


class MunicipalityViewer(models.Model):
    """A municipal officer: sees draft impact figures of the collectives seated in the
    municipality that consented (Collective.shares_drafts_with_municipality)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="municipality_roles"
    )
    municipality = models.ForeignKey(
        "geo.Municipality", on_delete=models.CASCADE, related_name="viewers"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="viewer_unique")
        ]

    def __str__(self):
        return f"{self.user} → {self.municipality_id}"


class EditorInvitation(models.Model):
    """An editor invites someone by email; whoever opens the link and signs in becomes editor."""

    collective = models.ForeignKey(
        "registry.Collective", on_delete=models.CASCADE, related_name="editor_invitations"
    )
    email = models.EmailField(_("e-mailadres"))
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.collective_id}"


class Claim(models.Model):
    """Someone from a collective's board asks to become editor of a record nobody edits yet
    (usually imported); confirmed by email to the registered contact address or by staff."""

    class Status(models.TextChoices):
        PENDING = "open", _("wacht op bevestiging")
        APPROVED = "goedgekeurd", _("goedgekeurd")
        REJECTED = "afgewezen", _("afgewezen")

    collective = models.ForeignKey(
        "registry.Collective", on_delete=models.CASCADE, related_name="claims"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claims"
    )
    role = models.CharField(_("rol in het collectief"), max_length=200)
    message = models.TextField(_("toelichting"), blank=True)
    wants_unlisting = models.BooleanField(_("van de openbare lijst halen"), default=False)
    # Empty when there was no contact address to send the confirmation link to.
    token_hash = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} claimt {self.collective_id}"
