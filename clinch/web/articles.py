"""The reading list, and articles attached to the topics people talked about.

A note that cites "the piece on X we discussed" lands better with the link in
it. Articles live in the user's reading list; one is attached to a topic
(``Topic.article``), and ``clinch.web.suggest`` proposes matches offline.

Topics have no public id of their own: they are addressed through their
interview's public id plus the topic's row id in the POST body, and a topic
that is not in that (owned) interview is a 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinch.interviews.models import Article, Interview, Participant, Topic
from clinch.owned import get_owned_or_404, owned_by
from clinch.web.suggest import Doc, Index

PAGE_SIZE = 50
RECENT_INTERVIEWS = 10


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ("title", "url", "summary")
        labels = {"url": "Address (URL)"}
        help_texts = {"summary": "A few words on what it covers: Clinch matches these against your topics."}
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


# --- services -----------------------------------------------------------------------------

def reading_index(user) -> tuple[Index, dict]:
    """``user``'s reading list as a suggestion index, and its articles by id (one query)."""
    rows = owned_by(Article, user).filter(in_reading_list=True).only("public_id", "title", "url", "summary")
    articles = {a.pk: a for a in rows.order_by("-created_at", "id")}
    return Index(Doc(key=pk, title=a.title, summary=a.summary) for pk, a in articles.items()), articles


def suggestions_for(topic: Topic, index: Index, articles: dict, *, limit: int = 3) -> list[tuple[Article, object]]:
    """The best ``limit`` reading-list articles for ``topic`` (the attached one left out), with why."""
    ranked = index.rank(topic.text, limit=limit, exclude=[topic.article_id] if topic.article_id else ())
    return [(articles[s.key], s) for s in ranked]


def attach_article(*, topic: Topic, article: Article | None) -> None:
    """Attach ``article`` to ``topic`` (None detaches). Callers have checked both belong to one user."""
    topic.article = article
    topic.save(update_fields=["article"])


def remove_from_reading_list(*, article: Article) -> bool:
    """Delete ``article``, unless a topic cites it: then it only leaves the list. True if deleted."""
    if article.topics.exists():
        Article.objects.filter(pk=article.pk).update(in_reading_list=False)
        return False
    article.delete()
    return True


def _owned_topic(user, interview: Interview, topic_id) -> Topic:
    try:
        return Topic.objects.select_related("article", "participant__contact").get(
            pk=int(topic_id), participant__interview=interview, participant__interview__owner=user
        )
    except (Topic.DoesNotExist, TypeError, ValueError):
        raise Http404("No such topic.") from None


# --- views --------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def reading_list(request):
    """The saved articles, a form to add one, and the recent interviews whose topics have none."""
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        article = form.save(commit=False)
        article.owner = request.user
        article.save()
        messages.success(request, f"Saved “{article.title}” to your reading list.")
        return redirect("reading_list")
    articles = owned_by(Article, request.user).filter(in_reading_list=True).order_by("-created_at", "id")
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    # EXISTS, not a join: newest interviews first, each checked once, stopping at the tenth.
    bare = Topic.objects.filter(participant__interview=OuterRef("pk"), article__isnull=True)
    waiting = (
        owned_by(Interview, request.user).filter(Exists(bare))
        .select_related("opportunity__company").order_by("-starts_at")[:RECENT_INTERVIEWS]
    )
    return render(request, "articles/reading_list.html", {"form": form, "page": page, "waiting": waiting})


@login_required
@require_POST
def article_remove(request, article_id):
    article = get_owned_or_404(Article, request.user, article_id)
    if remove_from_reading_list(article=article):
        messages.success(request, f"Deleted “{article.title}”.")
    else:
        messages.success(request, f"Removed “{article.title}” from your list; the topics that cite it keep it.")
    return redirect("reading_list")


@login_required
@require_GET
def interview_reading(request, interview_id):
    """For each person and topic of one interview: the attached article and suggestions to attach."""
    interview = get_owned_or_404(Interview.objects.select_related("opportunity__company"), request.user, interview_id)
    topics = Topic.objects.select_related("article").order_by("position", "id")
    participants = (
        Participant.objects.filter(interview=interview).select_related("contact")
        .prefetch_related(Prefetch("topics", queryset=topics)).order_by("position", "id")
    )
    index, articles = reading_index(request.user)
    people = [
        (participant, [_topic_context(topic, index, articles) for topic in participant.topics.all()])
        for participant in participants
    ]
    context = {"interview": interview, "people": people, "has_articles": bool(articles)}
    return render(request, "articles/interview.html", context)


def _topic_context(topic: Topic, index: Index, articles: dict, errors=None) -> dict:
    return {"topic": topic, "suggestions": suggestions_for(topic, index, articles), "errors": errors or {}}


@login_required
@require_POST
def topic_article(request, interview_id):
    """Attach a saved article, add a new one, or detach, for one topic (``action`` in the form).

    With htmx the topic's block comes back; without, the page reloads at the topic.
    """
    interview = get_owned_or_404(Interview, request.user, interview_id)
    topic = _owned_topic(request.user, interview, request.POST.get("topic"))
    action = request.POST.get("action")
    errors = None
    if action == "attach":
        attach_article(topic=topic, article=get_owned_or_404(Article, request.user, request.POST.get("article")))
    elif action == "detach":
        attach_article(topic=topic, article=None)
    elif action == "add":
        form = ArticleForm(request.POST, prefix=f"t{topic.pk}")
        if form.is_valid():
            with transaction.atomic():
                article = form.save(commit=False)
                article.owner = request.user
                article.save()
                attach_article(topic=topic, article=article)
        else:
            errors = form.errors
    else:
        raise Http404("Unknown action.")
    if request.htmx:
        index, articles = reading_index(request.user)
        context = {"interview": interview, "focus": True, **_topic_context(topic, index, articles, errors)}
        return render(request, "articles/_topic.html", context)
    if errors:
        problems = " ".join(str(error) for field_errors in errors.values() for error in field_errors)
        messages.error(request, f"The article was not added: {problems}")
    return redirect(reverse("interview_reading", kwargs={"interview_id": interview.public_id}) + f"#topic-{topic.pk}")
