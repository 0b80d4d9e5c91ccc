"""Knowledge library, questions, relayed messages and the moderation queue: thin views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_ratelimit.exceptions import Ratelimited

from opmars.accounts import policy
from opmars.common import limits
from opmars.knowledge import actions, forms, query, suggestions
from opmars.knowledge.markdown import render as render_markdown
from opmars.knowledge.models import (
    Delivery,
    HelpedMark,
    ItemType,
    KnowledgeItem,
    Message,
    Question,
    Report,
    Theme,
)
from opmars.networks.models import Network
from opmars.registry import reach
from opmars.registry.models import Collective
from opmars.registry.vocab import Domain, Kind

PAGE_SIZE = 20


def knowledge_list(request):
    params = request.GET
    items = query.search_items(
        q=params.get("q", "").strip(),
        item_types=[v for v in params.getlist("type") if v in ItemType.values],
        collective_kinds=[v for v in params.getlist("collective_kind") if v in Kind.values],
        domains=[v for v in params.getlist("domain") if v in Domain.values],
    )
    page = Paginator(items, PAGE_SIZE).get_page(params.get("pagina"))
    return render(
        request,
        "knowledge/knowledge_list.html",
        {
            "page": page,
            "q": params.get("q", ""),
            "filters": _filter_choices(params),
            "can_share": policy.editable_collectives(request.user).exists(),
        },
    )


def _filter_choices(params):
    return [
        (name, label, [(code, text, code in params.getlist(name)) for code, text in choices])
        for name, label, choices in [
            ("type", _("Soort kennis"), ItemType.choices),
            ("collective_kind", _("Soort collectief"), Kind.choices),
            ("domain", _("Terrein"), Domain.choices),
        ]
    ]


def knowledge_detail(request, slug):
    item = get_object_or_404(query.items_with_counts(), slug=slug)
    tags = {facet: [] for facet in ("kind", "domain", "theme")}
    labels = {"kind": Kind, "domain": Domain, "theme": Theme}
    for tag in item.tags.all():
        tags[tag.facet].append(labels[tag.facet](tag.code).label)
    collectives = (
        policy.visible_collectives(request.user)
        .filter(pk__in=item.collectives.values("pk"))
        .select_related("municipality")
        .order_by("name")
    )
    return render(
        request,
        "knowledge/knowledge_detail.html",
        {
            "item": item,
            "body_html": render_markdown(item.body),
            "tags": tags,
            "collectives": collectives,
            "reachable_ids": reach.reachable_ids(c.pk for c in collectives),
            "can_edit": policy.can_edit_knowledge(request.user, item),
            "marked": request.user.is_authenticated
            and item.useful_marks.filter(user=request.user).exists(),
        },
    )


def _editor_collective(request, slug):
    collective = get_object_or_404(Collective, slug=slug)
    if not policy.can_answer_for_collective(request.user, collective):
        raise PermissionDenied
    return collective


@login_required
def knowledge_create(request):
    collectives = policy.editable_collectives(request.user).order_by("name")
    if not collectives.exists():
        raise PermissionDenied
    form = forms.KnowledgeItemForm()
    if request.method == "POST":
        collective = _editor_collective(request, request.POST.get("collective", ""))
        try:
            item = actions.create_item(request.user, collective, request.POST)
        except actions.ActionError as exc:
            form = exc.form
        else:
            messages.success(request, _("Bedankt voor het delen."))
            return redirect(item)
    return render(
        request,
        "knowledge/knowledge_form.html",
        {"form": form, "collectives": collectives[:100], "item": None},
    )


@login_required
def knowledge_edit(request, slug):
    item = get_object_or_404(KnowledgeItem, slug=slug)
    if not policy.can_edit_knowledge(request.user, item):
        raise PermissionDenied
    initial = {
        **{f: getattr(item, f) for f in ("title", "item_type", "summary", "body", "last_reviewed")},
        **{
            key: [t.code for t in item.tags.all() if t.facet == facet]
            for key, facet in actions.FACETS.items()
        },
    }
    form = forms.KnowledgeItemForm(initial=initial)
    if request.method == "POST":
        try:
            actions.update_item(request.user, item, request.POST)
        except actions.ActionError as exc:
            form = exc.form
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(item)
    return render(request, "knowledge/knowledge_form.html", {"form": form, "item": item})


@require_POST
@login_required
def knowledge_useful(request, slug):
    item = get_object_or_404(KnowledgeItem, slug=slug)
    try:
        actions.mark_useful(request.user, item)
    except actions.ActionError as exc:
        for text in _messages_of(exc):
            messages.error(request, text)
    return redirect(item)


# Questions, needs and offers


def question_list(request):
    questions = policy.visible_questions(request.user).select_related("collective")
    questions = questions.filter(is_open=True)
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "knowledge/question_list.html",
        {"page": page, "can_post": policy.editable_collectives(request.user).exists()},
    )


def question_detail(request, slug):
    visible = policy.visible_questions(request.user).select_related("collective")
    question = get_object_or_404(visible, slug=slug)
    is_asker = policy.can_answer_for_collective(request.user, question.collective)
    return render(
        request,
        "knowledge/question_detail.html",
        {
            "question": question,
            "is_asker": is_asker,
            "suggested_collectives": suggestions.helpful_collectives(question),
            "suggested_items": suggestions.helpful_items(question),
            "answers": question.knowledge.all(),
            "answer_as": policy.editable_collectives(request.user).order_by("name")[:50],
            "answer_form": forms.KnowledgeItemForm(initial={"item_type": "les"}),
            "sent": _sent_about(request.user, question),
        },
    )


def _sent_about(user, question):
    """The messages this user sent about the question, to say which one helped."""
    if not user.is_authenticated:
        return []
    sent = Message.objects.filter(sender=user, question=question).select_related("recipient")
    helpful = HelpedMark.objects.filter(message=OuterRef("pk"))
    return list(sent.annotate(was_helpful=Exists(helpful)))


@login_required
def question_create(request):
    collectives = policy.editable_collectives(request.user).order_by("name")
    if not collectives.exists():
        raise PermissionDenied
    form = forms.QuestionForm()
    if request.method == "POST":
        collective = _editor_collective(request, request.POST.get("collective", ""))
        try:
            question = actions.post_question(request.user, collective, request.POST)
        except actions.ActionError as exc:
            form = exc.form
        else:
            return redirect(question)
    return render(
        request, "knowledge/question_form.html", {"form": form, "collectives": collectives[:100]}
    )


@require_POST
@login_required
def question_answer(request, slug):
    question = get_object_or_404(policy.visible_questions(request.user), slug=slug)
    collective = _editor_collective(request, request.POST.get("collective", ""))
    try:
        item = actions.answer_question(request.user, question, collective, request.POST)
    except actions.ActionError as exc:
        for error in exc.errors:
            messages.error(request, f"{error['field']}: {error['message']}")
        return redirect(question)
    messages.success(request, _("Je antwoord staat nu ook in de kennisbank."))
    return redirect(item)


# Messages through the platform


@login_required
def contact(request, slug):
    """Write to a collective. Whatever goes wrong, the page comes back with the typed text and
    says why; the rate limit too, which here is a form error and not the 429 page."""
    recipient = get_object_or_404(policy.visible_collectives(request.user), slug=slug)
    question = (
        policy.visible_questions(request.user).filter(slug=request.GET.get("vraag", "")).first()
    )
    collectives = request.user.edited_collectives.order_by("name")
    form = forms.MessageForm(
        collectives=collectives,
        initial={
            "sign_as": collectives[0].slug if collectives else forms.NAME_ONLY,
            "name": request.user.get_full_name(),
        },
    )
    status = 200
    if request.method == "POST":
        typed = forms.MessageForm(request.POST, collectives=collectives)
        try:
            limits.check(request, "mail_actions", per_ip=True)
            message = actions.send_message(request.user, recipient, request.POST, question)
        except Ratelimited:
            form, status = _kept(typed, _too_many(request)), 429
        except actions.ActionError as exc:
            form = exc.form or _kept(typed, *_messages_of(exc))
        else:
            _say_where_it_went(request, message)
            return redirect(message)
    context = {
        "recipient": recipient,
        "question": question,
        "form": form,
        "has_editors": recipient.editors.filter(is_active=True).exists(),
        "networks": recipient_networks(recipient),
    }
    response = render(request, "knowledge/contact_form.html", context, status=status)
    return limits.with_retry_after(response, request) if status == 429 else response


def _messages_of(exc):
    return [error["message"] for error in exc.errors]


def _kept(form, *errors):
    """The form bound to what was typed, with these errors on top: nothing typed is lost."""
    form.is_valid()
    for error in errors:
        form.add_error(None, error)
    return form


def _too_many(request):
    minutes = max(1, round(limits.retry_after(request) / 60))
    return ngettext(
        "Er zijn vanaf jouw adres veel berichten achter elkaar verstuurd. Wacht een minuut en "
        "probeer het dan opnieuw. Je tekst staat hieronder nog.",
        "Er zijn vanaf jouw adres veel berichten achter elkaar verstuurd. Wacht %(minutes)s "
        "minuten en probeer het dan opnieuw. Je tekst staat hieronder nog.",
        minutes,
    ) % {"minutes": minutes}


def _say_where_it_went(request, message):
    message.refresh_from_db(fields=["mail_failed"])  # the mail left after the commit
    name = {"name": message.recipient.name}
    if message.delivery == Delivery.STAFF:
        messages.info(
            request,
            _(
                "%(name)s heeft nog geen redacteur op Opmars. Je bericht is bewaard. Een "
                "medewerker van Opmars stuurt het door en je krijgt het antwoord hier."
            )
            % name,
        )
    elif message.mail_failed:
        messages.warning(
            request,
            _(
                "Je bericht staat in de inbox van %(name)s op Opmars, maar de e-mail aan de "
                "redacteuren kon niet worden verstuurd. Ze zien je bericht als ze inloggen."
            )
            % name,
        )
    else:
        messages.success(
            request,
            _("Je bericht staat in de inbox van %(name)s. De redacteuren krijgen een e-mail.")
            % name,
        )


def recipient_networks(collective):
    """The networks a collective belongs to: another way to reach it."""
    return Network.objects.filter(membership__collective=collective).order_by("name")


@login_required
def inbox(request):
    """Berichten: what the collectives you edit received, and what you sent."""
    return render(request, "knowledge/inbox.html", query.inbox(request.user))


def _conversation_for(request, pk):
    message = get_object_or_404(
        Message.objects.select_related("recipient", "question", "sender_collective"), pk=pk
    )
    side = policy.message_side(request.user, message)
    if side is None:
        raise Http404  # nobody else learns that the conversation exists
    return message, side


@login_required
def conversation(request, pk):
    message, side = _conversation_for(request, pk)
    form = forms.ReplyForm()
    status = 200
    if request.method == "POST":
        try:
            limits.check(request, "mail_actions", per_ip=True)
            actions.reply(request.user, message, request.POST)
        except Ratelimited:
            form, status = _kept(forms.ReplyForm(request.POST), _too_many(request)), 429
        except actions.ActionError as exc:
            form = exc.form or _kept(forms.ReplyForm(request.POST), *_messages_of(exc))
        else:
            message.refresh_from_db(fields=["mail_failed"])
            if message.mail_failed:
                messages.warning(
                    request,
                    _(
                        "Je antwoord staat in het gesprek, maar de e-mail kon niet worden "
                        "verstuurd. De ander ziet het bij het inloggen."
                    ),
                )
            else:
                messages.success(request, _("Je antwoord is verstuurd."))
            return redirect(message)
    actions.mark_read(request.user, message)
    context = {
        "conversation": message,
        "side": side,
        "replies": message.replies.all(),
        "form": form,
        "helped": HelpedMark.objects.filter(message=message).first(),
        "can_mark_helped": side == "sender"
        and message.sender_collective_id != message.recipient_id,
    }
    response = render(request, "knowledge/conversation.html", context, status=status)
    return limits.with_retry_after(response, request) if status == 429 else response


@login_required
def message_report(request, pk):
    message, side = _conversation_for(request, pk)
    if side not in ("sender", "recipient"):
        raise PermissionDenied
    return _report_page(request, message, actions.report_message, about=message)


@login_required
def forward_queue(request):
    """Messages to collectives without editors, for staff to forward."""
    if not policy.can_moderate(request.user):
        raise PermissionDenied
    if request.method == "POST":
        pending = get_object_or_404(Message, pk=request.POST.get("message"))
        actions.forward_message(request.user, pending)
        messages.success(request, _("Gemarkeerd als doorgestuurd."))
        return redirect("forward_queue")
    waiting = Message.objects.filter(delivery=Delivery.STAFF, forwarded_at__isnull=True)
    return render(
        request,
        "knowledge/forward_queue.html",
        {"waiting": waiting.select_related("recipient", "question").order_by("created_at")[:200]},
    )


# Moderation

REPORTABLE = {"kennis": KnowledgeItem, "vraag": Question}


def report(request, target_type, slug):
    model = REPORTABLE.get(target_type)
    if model is None:
        raise PermissionDenied
    target = get_object_or_404(model, slug=slug)
    return _report_page(request, target, actions.report_abuse)


def _report_page(request, target, file_report, **context):
    """The report form for `target`; a report is filed through `file_report(actor, target,
    data)`, and a refused one comes back with its errors."""
    form = forms.ReportForm()
    if request.method == "POST":
        try:
            file_report(request.user, target, request.POST)
        except actions.ActionError as exc:
            form = exc.form
        else:
            messages.success(request, _("Dank je. Een medewerker van Opmars bekijkt je melding."))
            return redirect(target)
    context = {"target": target, "form": form, **context}
    return render(request, "knowledge/report_form.html", context)


@login_required
def moderation_queue(request):
    if not policy.can_moderate(request.user):
        raise PermissionDenied
    if request.method == "POST":
        pending = get_object_or_404(Report, pk=request.POST.get("report"))
        actions.resolve_report(request.user, pending)
        return redirect("moderation")
    reports = list(Report.objects.filter(is_resolved=False)[:200])
    _attach_reported_messages(reports)
    return render(request, "knowledge/moderation.html", {"reports": reports})


def _attach_reported_messages(reports):
    """A reported conversation is shown to staff in the queue: they cannot judge it unseen."""
    label = Message._meta.label_lower
    ids = [int(r.target_id) for r in reports if r.target_type == label]
    found = Message.objects.select_related("recipient").prefetch_related("replies").in_bulk(ids)
    for r in reports:
        r.message = found.get(int(r.target_id)) if r.target_type == label else None


def collective_sharing(request, slug):
    """Recognition: what a collective shared and how it helped. htmx loads it as a section of
    the collective's page; without JavaScript the page's link opens it as a page of its own."""
    collective = get_object_or_404(policy.visible_collectives(request.user), slug=slug)
    template = "knowledge/includes/recognition.html" if request.htmx else "knowledge/sharing.html"
    response = render(
        request, template, {"collective": collective, "shared": query.recognition(collective)}
    )
    patch_vary_headers(response, ["HX-Request"])  # a fragment or the whole page, per request
    return response


@require_POST
@login_required
def message_helped(request, pk):
    message, _side = _conversation_for(request, pk)
    try:
        actions.mark_helped(request.user, message)
    except actions.ActionError as exc:
        for text in _messages_of(exc):
            messages.error(request, text)
    else:
        messages.success(
            request, _("Dank je. Dat telt mee bij %(name)s.") % {"name": message.recipient}
        )
    return redirect(request.POST.get("terug") == "vraag" and message.question or message)
