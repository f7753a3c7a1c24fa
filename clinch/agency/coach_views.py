"""The organisation's pages: members and invitations, the coach's board, a candidate's progress, drafts.

Every view starts from the reader's own membership (``clinch.agency.access``): another
organisation's ids, and candidates who gave no consent, are 404. Every read of a candidate's
data writes an access log row the candidate can read.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from clinch.accounts.models import User
from clinch.agency import access, board as boards, comments, invitations, members
from clinch.agency.forms import BoardFilterForm, CommentForm, InviteForm, MemberForm, PolicyForm
from clinch.agency.models import Membership
from clinch.followups import states
from clinch.followups.models import FollowUp

BOARD_PAGE_SIZE = 100  # those needing attention come first; counts and filters cover every candidate


@login_required
def organisation(request, org_id):
    """Members (the owner manages them) and invitation links (coaches make them)."""
    membership = access.membership_or_404(request.user, org_id)
    org = membership.organisation
    return render(request, "agency/organisation.html", {
        "membership": membership,
        "org": org,
        "members": org.memberships.select_related("user").order_by("role", "user__username"),
        "invitations": membership.invitations.order_by("-created_at")[:20] if membership.coaches else [],
        "invite_form": InviteForm(),
        "member_form": MemberForm(),
        "now": timezone.now(),
        "new_link": request.session.pop("agency_new_link", ""),
    })


@login_required
@require_POST
def invite(request, org_id):
    """Make a single-use link; it is shown once (only its hash is kept)."""
    membership = access.coach_membership_or_404(request.user, org_id)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That email address does not look right.")
        return redirect("agency:organisation", org_id=org_id)
    made = invitations.create(membership=membership, email=form.cleaned_data["email"])
    request.session["agency_new_link"] = made.link
    messages.success(request, "A new invitation link: copy it now, it is shown only once.")
    return redirect("agency:organisation", org_id=org_id)


@login_required
@require_POST
def member_add(request, org_id):
    owner = access.membership_or_404(request.user, org_id, Membership.Role.OWNER)
    form = MemberForm(request.POST)
    if form.is_valid():
        user = User.objects.filter(username=form.cleaned_data["username"]).first()
        if user is None:
            messages.error(request, "No account has that username.")
        else:
            members.add(organisation=owner.organisation, user=user, role=form.cleaned_data["role"])
            messages.success(request, f"{user.name_for_notes} is a member now.")
    else:
        messages.error(request, "Give a username and a role.")
    return redirect("agency:organisation", org_id=org_id)


@login_required
@require_POST
def member_remove(request, org_id, member_id):
    """Remove a member: their access to every candidate ends with this request."""
    owner = access.membership_or_404(request.user, org_id, Membership.Role.OWNER)
    member = owner.organisation.memberships.filter(public_id=member_id).select_related("user").first()
    if member is None:
        raise Http404("No such member.")
    if member.pk == owner.pk:
        messages.error(request, "You cannot remove yourself: another owner can.")
    else:
        members.remove(member)
        messages.success(request, f"{member.user.name_for_notes} was removed and sees no candidate any more.")
    return redirect("agency:organisation", org_id=org_id)


@login_required
def board(request, org_id):
    """The coach's candidates and what needs attention, with counts, filters and search."""
    membership = access.coach_membership_or_404(request.user, org_id)
    filter_form = BoardFilterForm(request.GET)
    filters = filter_form.filters()
    result = boards.board(membership=membership, now=timezone.now(), q=filters.get("q") or "",
                          attention=filters.get("attention") or "")
    page = Paginator(result.candidates, BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "agency/board.html", {
        "membership": membership, "org": membership.organisation, "board": result, "page": page,
        "rows": boards.page_rows(page.object_list, membership.organisation.public_id),
        "query_without_page": query.urlencode(),
        "filter_form": filter_form, "attention": filters.get("attention") or "",
        "filtered": bool(filters.get("q") or filters.get("attention")),
    })


@login_required
def candidate(request, org_id, coaching_id):
    """One candidate's progress: interviews and each follow-up's state (no draft text without consent)."""
    membership = access.coach_membership_or_404(request.user, org_id)
    coaching = access.coaching_or_404(membership, coaching_id)
    access.log_access(membership=membership, candidate=coaching.owner, what="Progress: interviews and follow-ups")
    return render(request, "agency/candidate.html", {
        "membership": membership, "org": membership.organisation, "coaching": coaching,
        "opportunities": boards.progress(coaching.owner, now=timezone.now()),
    })


@login_required
def step(request, org_id, coaching_id, followup_id):
    """A follow-up step of the candidate, without its text, with the coach's comments; POST adds one.

    Any consent will do: a coach who sees progress only can still say "your thank-you is late".
    The subject and body are never shown here (that is ``draft``, with "progress and drafts")."""
    return _commented_step(request, org_id, coaching_id, followup_id, drafts=False)


@login_required
def draft(request, org_id, coaching_id, followup_id):
    """A draft, read-only, with the coach's comments; POST adds a comment. Needs "progress and drafts"."""
    return _commented_step(request, org_id, coaching_id, followup_id, drafts=True)


def _commented_step(request, org_id, coaching_id, followup_id, *, drafts: bool):
    """The page of one follow-up with its comments, the draft's text only when ``drafts``; the candidate
    sees each comment under the draft in their editor."""
    membership = access.coach_membership_or_404(request.user, org_id)
    coaching = access.coaching_or_404(membership, coaching_id, drafts=drafts)
    followup = (FollowUp.objects.filter(owner=coaching.owner, public_id=followup_id)
                .select_related("contact", "opportunity__company")
                .annotate(message_state=states.latest_message_state()).first())
    if followup is None:
        raise Http404("No such draft.")
    view_name = "agency:draft" if drafts else "agency:step"
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comments.add(membership=membership, followup=followup, body=form.cleaned_data["body"])
        messages.success(request, "Comment added: your candidate sees it in their draft editor.")
        return redirect(view_name, org_id=org_id, coaching_id=coaching_id, followup_id=followup_id)
    what = "Draft" if drafts else "Follow-up"
    access.log_access(membership=membership, candidate=coaching.owner,
                      what=f"{what}: {followup.get_kind_display()} to {followup.contact or 'the company'}")
    return render(request, "agency/draft.html", {
        "membership": membership, "org": membership.organisation, "coaching": coaching, "followup": followup,
        "comments": comments.for_draft(followup), "form": form, "shows_text": drafts,
    })


@login_required
def policy(request, org_id):
    """The owner sets the agency's values for a few rules; candidates choose whether to use them."""
    from clinch.agency import policy as agency_policy
    from clinch.followups.services import policy as server_policy

    owner = access.membership_or_404(request.user, org_id, Membership.Role.OWNER)
    org = owner.organisation
    rules = server_policy()
    defaults = {key: (rules.value(key), rules.rule(key).unit, rules.why(key)) for key in agency_policy.AGENCY_KEYS}
    initial = {key.replace(".", "__"): value for key, value in org.policy_overrides.items()}
    form = PolicyForm(request.POST or None, defaults=defaults, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agency_policy.set_overrides(organisation=org, overrides=form.overrides())
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved. Each candidate is asked before these values shape their plans.")
            return redirect("agency:policy", org_id=org_id)
    return render(request, "agency/policy.html", {"membership": owner, "org": org, "form": form})
