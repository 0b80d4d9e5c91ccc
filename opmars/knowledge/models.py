"""The knowledge library, questions (hulpvraag), needs & offers, platform messages, moderation."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opmars.registry.models import Collective


class ItemType(models.TextChoices):
    GUIDE = "handleiding", _("Handleiding")
    MODEL_DOCUMENT = "modeldocument", _("Modelstatuut of -document")
    LESSON = "les", _("Geleerde les")
    FINANCING = "financiering", _("Financieringsroute")
    TOOL = "hulpmiddel", _("Hulpmiddel")


class Theme(models.TextChoices):
    GOVERNANCE = "bestuur", _("Bestuur en ALV")
    MEMBERS = "leden", _("Leden en vrijwilligers")
    MONEY = "geld", _("Geld en subsidie")
    LEGAL = "juridisch", _("Juridisch")
    MUNICIPALITY = "gemeente", _("Samenwerken met de gemeente")
    COMMUNICATION = "communicatie", _("Communicatie")
    IMPACT = "impact", _("Impact meten")


class KnowledgeItem(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    item_type = models.CharField(_("soort kennis"), max_length=20, choices=ItemType.choices)
    summary = models.CharField(_("samenvatting"), max_length=300)
    body = models.TextField(_("tekst (Markdown)"))
    # Collectives that have experience with this; the first is the one that shared it.
    collectives = models.ManyToManyField(
        Collective, blank=True, related_name="knowledge_items", verbose_name=_("collectieven")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer_to = models.ForeignKey(
        "Question", null=True, blank=True, on_delete=models.SET_NULL, related_name="knowledge"
    )
    last_reviewed = models.DateField(_("laatst nagekeken"), null=True, blank=True)
    is_demo = models.BooleanField(default=False, db_index=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("kennisitem")
        verbose_name_plural = _("kennisitems")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("knowledge_item", args=[self.slug])


class KnowledgeTag(models.Model):
    """One tag: facet 'kind' (collective kind), 'domain' or 'theme', with the vocabulary code."""

    item = models.ForeignKey(KnowledgeItem, on_delete=models.CASCADE, related_name="tags")
    facet = models.CharField(max_length=10)
    code = models.CharField(max_length=30)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["facet", "code", "item"], name="knowledge_tag_unique")
        ]

    def __str__(self):
        return f"{self.facet}:{self.code}"


class UsefulMark(models.Model):
    item = models.ForeignKey(KnowledgeItem, on_delete=models.CASCADE, related_name="useful_marks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "user"], name="useful_once")]

    def __str__(self):
        return f"{self.user_id} -> {self.item_id}"


class PostKind(models.TextChoices):
    QUESTION = "vraag", _("Hulpvraag")
    NEED = "behoefte", _("Behoefte")
    OFFER = "aanbod", _("Aanbod")


class Resource(models.TextChoices):
    KNOWLEDGE = "kennis", _("Kennis")
    MONEY = "geld", _("Geld")
    PEOPLE = "mensen", _("Mensen")
    MATERIALS = "materialen", _("Materialen")
    SPACE = "ruimte", _("Ruimte")


class Question(models.Model):
    """A question, need or offer that a collective posts."""

    slug = models.SlugField(max_length=100, unique=True)
    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("soort"), max_length=10, choices=PostKind.choices)
    resource = models.CharField(_("waarover"), max_length=12, choices=Resource.choices)
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("toelichting"))
    is_open = models.BooleanField(default=True, db_index=True)
    is_demo = models.BooleanField(default=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("question", args=[self.slug])


class Delivery(models.TextChoices):
    """Who reads a message first: the collective's editors, or (without editors) Opmars staff,
    who forward it. Either way it stays in the collective's inbox for editors who come later."""

    EDITORS = "redactie", _("bij de redacteuren")
    STAFF = "medewerkers", _("bij Opmars, om door te sturen")


class Message(models.Model):
    """The first message of a conversation through the platform; answers are Replies.

    Neither side sees the other's address: the sender shows the name they chose
    (`sender_label`, a collective they speak for or their own name), the collective answers
    under its name."""

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sender_collective = models.ForeignKey(
        Collective, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sender_label = models.CharField(_("afzender zoals getoond"), max_length=200, default="")
    recipient = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL)
    body = models.TextField(_("bericht"))
    delivery = models.CharField(max_length=12, choices=Delivery.choices, default=Delivery.EDITORS)
    # Read or unread per side of the conversation: a collective's editors share one inbox.
    unread_by_recipient = models.BooleanField(default=True)
    unread_by_sender = models.BooleanField(default=False)
    # The notice mail could not be sent: the message is still in the inbox.
    mail_failed = models.BooleanField(default=False)
    forwarded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    def __str__(self):
        return f"{self.sender_id} -> {self.recipient_id}"

    def get_absolute_url(self):
        return reverse("conversation", args=[self.pk])


class Reply(models.Model):
    """An answer in a conversation, from the collective (`from_recipient`) or from the sender."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_recipient = models.BooleanField()
    body = models.TextField(_("antwoord"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.message_id}: {self.pk}"


class HelpedMark(models.Model):
    """'Dit hielp ons': once per conversation, by the one who asked. Who helped whom (the
    asker's collective when they wrote for one), when, about which question: the data that
    knowledge-sharing credit counts."""

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="helped_mark")
    helper = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="helped_marks")
    helped = models.ForeignKey(
        Collective, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="helped_marks"
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.helper_id} helped {self.helped_id}"


class Report(models.Model):
    """'Misbruik melden': an item in the staff moderation queue."""

    target_type = models.CharField(max_length=30)
    target_id = models.CharField(max_length=100)
    reason = models.TextField(_("reden"))
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_resolved = models.BooleanField(default=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["is_resolved", "-created_at"]

    def __str__(self):
        return f"{self.target_type} {self.target_id}"


class ActivityKind(models.TextChoices):
    TALK = "lezing", _("Lezing of presentatie")
    VISIT = "werkbezoek", _("Werkbezoek")
    WORKSHOP = "workshop", _("Workshop of training")
    ADVICE = "advies", _("Advies aan een ander collectief")


class SharingActivity(models.Model):
    """A talk, visit or workshop in which a collective shared what it knows, logged by a network
    that saw it happen: knowledge sharing that leaves no trace on the site otherwise."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="sharing_activities"
    )
    collective = models.ForeignKey(
        Collective,
        on_delete=models.CASCADE,
        related_name="sharing_activities",
        verbose_name=_("collectief dat zijn kennis deelde"),
    )
    kind = models.CharField(_("soort"), max_length=12, choices=ActivityKind.choices)
    title = models.CharField(_("waarover"), max_length=200)
    held_on = models.DateField(_("datum"))
    audience = models.CharField(_("voor wie"), max_length=200)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("kennisdeling van een netwerk")
        verbose_name_plural = _("kennisdelingen van netwerken")

    def __str__(self):
        return f"{self.collective_id}: {self.title}"
