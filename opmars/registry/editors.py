"""Pages about who keeps a collective: its editors, its listing, claims, and its audit trail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opmars.accounts import actions, auditlog, policy, views
from opmars.accounts.forms import ClaimForm, InviteEditorForm
from opmars.accounts.models import Claim, EditorInvitation, User
from opmars.common.limits import limited

AUDIT_PAGE_SIZE = 100


def _collective(request, slug):
    return get_object_or_404(
        policy.visible_collectives(request.user).select_related("municipality"), slug=slug
    )


def _managed(request, slug):
    collective = _collective(request, slug)
    if not policy.can_manage_editors(request.user, collective):
        raise PermissionDenied(_("Je bent geen redacteur van dit collectief."))
    return collective


@login_required
@limited("mail_actions", methods=("POST",), per_ip=True)
def editors(request, slug):
    """Co-editors, invitations, the public listing and the municipality's consent."""
    collective = _managed(request, slug)
    form = InviteEditorForm()
    if request.method == "POST":
        result = _editors_post(request, collective)
        if result is True:
            return redirect("collective_editors", collective.slug)
        form = result
    return render(
        request,
        "accounts/editors.html",
        {
            "collective": collective,
            "editors": collective.editors.order_by("email"),
            "invitations": EditorInvitation.objects.filter(collective=collective, accepted_at=None),
            "form": form,
        },
    )


def _editors_post(request, collective):
    """Do the posted change; True when done, or the invitation form with its errors."""
    what = request.POST.get("action")
    try:
        if what == "invite":
            invitation, _token = actions.invite_editor(request.user, collective, request.POST)
            messages.success(
                request,
                _("De uitnodiging is verstuurd naar %(email)s.") % {"email": invitation.email},
            )
        elif what == "remove":
            editor = get_object_or_404(User, pk=request.POST.get("editor") or 0)
            actions.remove_editor(request.user, collective, editor)
            messages.success(request, _("%(name)s is geen redacteur meer.") % {"name": editor})
        elif what == "listing":
            actions.set_unlisted(request.user, collective, request.POST.get("unlisted") == "1")
            messages.success(request, _("De vermelding is aangepast."))
        elif what == "consent":
            actions.set_municipality_consent(
                request.user, collective, request.POST.get("consent") == "1"
            )
            messages.success(request, _("De toestemming voor de gemeente is aangepast."))
        else:
            messages.error(request, _("Onbekende handeling; er is niets gewijzigd."))
    except actions.ActionError as error:
        if error.form is not None:
            return error.form
        for item in error.errors:
            messages.error(request, item["message"])
    return True


def invitation(request, token):
    """Anyone may open the link; accepting needs an account (signup and login return here)."""
    try:
        found = actions.open_invitation(token)
    except actions.ActionError as error:
        return render(request, "accounts/invitation.html", {"error": error.errors[0]["message"]})
    wrong_address = request.user.is_authenticated and not actions.invitation_is_for(
        found, request.user
    )
    if request.method == "POST" and request.user.is_authenticated and not wrong_address:
        collective = actions.accept_invitation(request.user, token)
        messages.success(
            request, _("Je bent nu redacteur van %(name)s.") % {"name": collective.name}
        )
        return redirect(collective)
    context = {"invitation": found}
    if wrong_address:
        context["wrong_address"] = actions.wrong_address_message(found)
    return render(request, "accounts/invitation.html", context)


@login_required
@limited("mail_actions", methods=("POST",), per_ip=True)
def claim(request, slug):
    collective = _collective(request, slug)
    if not request.user.email_confirmed:
        return views.confirm_first(request)
    if not policy.can_claim(request.user, collective):
        raise PermissionDenied(
            _("Dit collectief heeft al een redactie; vraag een van hen om een uitnodiging.")
        )
    form = ClaimForm()
    if request.method == "POST":
        try:
            made = actions.start_claim(request.user, collective, request.POST)
        except actions.ActionError as error:
            if error.form is not None:
                form = error.form
            else:
                messages.error(request, error.errors[0]["message"])
        else:
            messages.success(request, _claim_sent_message(made))
            return redirect(collective)
    return render(request, "accounts/claim.html", {"collective": collective, "form": form})


def _claim_sent_message(made):
    if made.token_hash:
        return _(
            "Je aanvraag is ontvangen. We hebben een bevestigingslink gestuurd naar het "
            "contactadres van het collectief; zodra iemand daar op de link klikt, ben je redacteur."
        )
    return _(
        "Je aanvraag is ontvangen. Er is geen contactadres bekend, dus een medewerker van "
        "Opmars beoordeelt hem; je krijgt bericht."
    )


def claim_confirm(request, token):
    """GET shows what is confirmed, POST confirms (mail scanners follow links, not forms)."""
    try:
        found = actions.open_claim(token)
        if request.method == "POST":
            actions.confirm_claim(token)
            return render(request, "accounts/claim_confirm.html", {"done": found})
    except actions.ActionError as error:
        return render(request, "accounts/claim_confirm.html", {"error": error.errors[0]["message"]})
    return render(request, "accounts/claim_confirm.html", {"claim": found})


@login_required
def claim_queue(request):
    if not policy.can_review_claims(request.user):
        raise PermissionDenied(_("Alleen medewerkers van Opmars beoordelen claims."))
    pending = Claim.objects.filter(status=Claim.Status.PENDING).select_related(
        "collective__municipality", "user"
    )
    return render(request, "accounts/claim_queue.html", {"claims": pending.order_by("created_at")})


@require_POST
@login_required
def claim_decide(request, pk):
    found = get_object_or_404(Claim.objects.select_related("collective", "user"), pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        actions.decide_claim(request.user, found, approve)
    except actions.ActionError as error:
        messages.error(request, error.errors[0]["message"])
    else:
        done = _("goedgekeurd") if approve else _("afgewezen")
        messages.success(
            request,
            _("De claim op %(name)s is %(done)s.") % {"name": found.collective.name, "done": done},
        )
    return redirect("claim_queue")


# Audit log


def _audit_events(request, slug):
    if slug is None:
        if not request.user.is_authenticated:
            raise PermissionDenied
        return None, policy.visible_audit_events(request.user)
    collective = _collective(request, slug)
    if not policy.can_see_audit(request.user, collective):
        raise PermissionDenied(
            _("Alleen de redactie, netwerkbeheerders en Opmars zien dit logboek.")
        )
    return collective, policy.visible_audit_events(request.user).filter(collective_pk=collective.pk)


@login_required
def audit_log(request, slug=None):
    collective, events = _audit_events(request, slug)
    shown = events.order_by("-created_at", "-id")[:AUDIT_PAGE_SIZE]
    return render(
        request,
        "accounts/audit_log.html",
        {
            "collective": collective,
            "rows": auditlog.rows(shown, request.user),
            "total": events.count(),
            "page_size": AUDIT_PAGE_SIZE,
        },
    )


@login_required
def audit_csv(request, slug=None):
    collective, events = _audit_events(request, slug)
    name = f"logboek-{collective.slug}.csv" if collective else "logboek.csv"
    response = HttpResponse(
        auditlog.csv_text(events.order_by("created_at", "id").iterator(), request.user),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
