"""The knowledge library, questions (hulpvraag), needs & offers, platform messages, moderation."""

from django.conf import settings
from django.db import models
from django.urls import reverse
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


class Message(models.Model):
    """A message relayed by the platform: neither side sees the other's address."""

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL)
    body = models.TextField(_("bericht"))
    helped = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.sender_id} -> {self.recipient_id}"


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
