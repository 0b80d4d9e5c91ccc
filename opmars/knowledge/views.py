"""Knowledge library, questions, relayed messages and the moderation queue: thin views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opmars.accounts import policy
from opmars.common.limits import limited
from opmars.knowledge import actions, forms, query, suggestions
from opmars.knowledge.markdown import render as render_markdown
from opmars.knowledge.models import ItemType, KnowledgeItem, Message, Question, Report, Theme
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
            messages.success(request, _("Dank u wel voor het delen."))
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
    actions.mark_useful(request.user, item)
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
    return list(Message.objects.filter(sender=user, question=question).select_related("recipient"))


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
    messages.success(request, _("Uw antwoord staat nu ook in de kennisbank."))
    return redirect(item)


# Messages through the platform


@login_required
@limited("mail_actions", methods=("POST",), per_ip=True)
def contact(request, slug):
    recipient = get_object_or_404(policy.visible_collectives(request.user), slug=slug)
    slug_asked = request.GET.get("vraag", "")
    question = policy.visible_questions(request.user).filter(slug=slug_asked).first()
    form = forms.MessageForm()
    if request.method == "POST":
        try:
            actions.send_message(request.user, recipient, request.POST, question=question)
        except actions.ActionError as exc:
            # The form comes back with the typed text, whatever the error: it is never lost.
            form = exc.form or forms.MessageForm(request.POST)
            if exc.form is None:
                form.is_valid()
                for error in exc.errors:
                    form.add_error(None, error["message"])
        else:
            messages.success(
                request, _("Uw bericht is doorgestuurd naar %(name)s.") % {"name": recipient}
            )
            return redirect(question or recipient)
    return render(
        request,
        "knowledge/contact_form.html",
        {
            "recipient": recipient,
            "question": question,
            "form": form,
            "reachable": bool(reach.relay_addresses(recipient)),
            "networks": recipient_networks(recipient),
        },
    )


def recipient_networks(collective):
    """The networks a collective belongs to: a way to reach it when a message cannot."""
    return Network.objects.filter(membership__collective=collective).order_by("name")


# Moderation

REPORTABLE = {"kennis": KnowledgeItem, "vraag": Question}


def report(request, target_type, slug):
    model = REPORTABLE.get(target_type)
    if model is None:
        raise PermissionDenied
    target = get_object_or_404(model, slug=slug)
    form = forms.ReportForm()
    if request.method == "POST":
        try:
            actions.report_abuse(request.user, target, request.POST)
        except actions.ActionError as exc:
            form = exc.form
        else:
            messages.success(
                request, _("Dank u wel. Een medewerker van Opmars bekijkt uw melding.")
            )
            return redirect(target)
    return render(request, "knowledge/report_form.html", {"target": target, "form": form})


@login_required
def moderation_queue(request):
    if not policy.can_moderate(request.user):
        raise PermissionDenied
    if request.method == "POST":
        pending = get_object_or_404(Report, pk=request.POST.get("report"))
        actions.resolve_report(request.user, pending)
        return redirect("moderation")
    return render(
        request,
        "knowledge/moderation.html",
        {"reports": Report.objects.filter(is_resolved=False)[:200]},
    )


def collective_sharing(request, slug):
    """Recognition: what a collective shared and how it helped (a section of its page)."""
    collective = get_object_or_404(policy.visible_collectives(request.user), slug=slug)
    return render(
        request,
        "knowledge/includes/recognition.html",
        {
            "collective": collective,
            "shared": query.recognition(collective),
            "reachable": bool(reach.relay_addresses(collective)),
        },
    )


@require_POST
@login_required
def message_helped(request, pk):
    message = get_object_or_404(Message, pk=pk, sender=request.user)
    actions.mark_helped(request.user, message)
    messages.success(
        request, _("Dank u wel. Dat telt mee bij %(name)s.") % {"name": message.recipient}
    )
    return redirect(message.question or message.recipient)
