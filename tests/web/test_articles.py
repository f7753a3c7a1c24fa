"""The reading list, and articles attached to what people talked about, suggested offline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from clinch.interviews.models import Article, Company, Contact, Interview, Opportunity, Participant, Topic
from clinch.web.suggest import Doc, Index, words

START = datetime(2026, 5, 20, 15, 0, tzinfo=UTC)


@pytest.fixture
def panel(dana):
    company = Company.objects.create(owner=dana, name="Quillfeather Data")
    opportunity = Opportunity.objects.create(owner=dana, company=company, role="Data Engineer")
    interview = Interview.objects.create(
        owner=dana, opportunity=opportunity, starts_at=START, ends_at=START + timedelta(hours=1), timezone="UTC",
    )
    priya = Contact.objects.create(owner=dana, company=company, name="Priya Raghunathan")
    participant = Participant.objects.create(interview=interview, contact=priya, role="hiring_manager")
    topic = Topic.objects.create(participant=participant, text="their migration of streaming pipelines to Kafka")
    other = Topic.objects.create(participant=participant, text="mentoring junior engineers", position=1)
    return {"interview": interview, "topic": topic, "other": other}


@pytest.fixture
def reading(dana):
    return {
        "kafka": Article.objects.create(owner=dana, title="Exactly-once pipelines with Kafka", url="https://example.org/kafka",
                                        summary="Stream processing, idempotent producers and transactions."),
        "mentor": Article.objects.create(owner=dana, title="The mentoring playbook", url="https://example.org/mentor",
                                         summary="Growing junior engineers through pairing and feedback."),
        "bread": Article.objects.create(owner=dana, title="Sourdough at home", url="https://example.org/bread",
                                        summary="Starter, flour, patience."),
    }


def page_url(panel):
    return reverse("interview_reading", kwargs={"interview_id": panel["interview"].public_id})


def post_topic(client, panel, **data):
    return client.post(reverse("topic_article", kwargs={"interview_id": panel["interview"].public_id}), data)


# --- the ranking, offline -------------------------------------------------------------------

def test_words_drop_stopwords_and_fold_plurals():
    assert words("The pipelines of their companies") == ["pipeline", "company"]


def test_the_best_match_comes_first_and_unrelated_articles_are_left_out():
    index = Index([Doc(1, "Sourdough at home", "bread"), Doc(2, "Kafka pipelines", "streaming"), Doc(3, "Pipelines for CI", "")])
    ranked = index.rank("migrating streaming pipelines to Kafka")
    assert [s.key for s in ranked][:1] == [2]
    assert 1 not in [s.key for s in ranked]
    assert "kafka" in ranked[0].shared


def test_a_topic_with_only_stopwords_or_an_empty_list_suggests_nothing():
    assert Index([Doc(1, "Kafka", "")]).rank("what we talked about") == []
    assert Index([]).rank("Kafka") == []


def test_a_close_spelling_in_the_title_still_matches():
    assert [s.key for s in Index([Doc(1, "Kubernetes autoscaling", "")]).rank("kubernetes autoscaler")] == [1]


# --- the reading list -------------------------------------------------------------------------

def test_an_empty_reading_list_says_so_and_offers_the_form(dana_client):
    page = dana_client.get(reverse("reading_list")).content.decode()
    assert "Your reading list is empty" in page
    assert 'name="url"' in page


def test_adding_an_article(dana_client, dana):
    response = dana_client.post(reverse("reading_list"), {"title": "On panels", "url": "https://example.org/p", "summary": ""})
    assert response.status_code == 302
    assert Article.objects.get(owner=dana).title == "On panels"


def test_a_bad_address_is_refused_next_to_the_field(dana_client, dana):
    response = dana_client.post(reverse("reading_list"), {"title": "On panels", "url": "javascript:alert(1)"})
    assert response.status_code == 200
    assert 'id="id_url_error"' in response.content.decode()
    assert not Article.objects.filter(owner=dana).exists()


def test_removing_an_unused_article_deletes_it(dana_client, reading):
    dana_client.post(reverse("article_remove", args=[reading["bread"].public_id]))
    assert not Article.objects.filter(pk=reading["bread"].pk).exists()


def test_removing_a_cited_article_keeps_it_on_its_topic(dana_client, panel, reading):
    Topic.objects.filter(pk=panel["topic"].pk).update(article=reading["kafka"])
    dana_client.post(reverse("article_remove", args=[reading["kafka"].public_id]))
    reading["kafka"].refresh_from_db()
    assert reading["kafka"].in_reading_list is False
    assert Topic.objects.get(pk=panel["topic"].pk).article_id == reading["kafka"].pk


def test_the_reading_list_points_to_interviews_whose_topics_lack_an_article(dana_client, panel):
    page = dana_client.get(reverse("reading_list")).content.decode()
    assert page_url(panel) in page


# --- suggestions and attaching ---------------------------------------------------------------

def test_each_topic_gets_its_matching_article(dana_client, panel, reading):
    response = dana_client.get(page_url(panel))
    people = response.context["people"]
    (participant, topics), = people
    by_topic = {item["topic"].pk: [a.pk for a, _ in item["suggestions"]] for item in topics}
    assert by_topic[panel["topic"].pk][0] == reading["kafka"].pk
    assert by_topic[panel["other"].pk][0] == reading["mentor"].pk
    assert reading["bread"].pk not in by_topic[panel["topic"].pk] + by_topic[panel["other"].pk]


def test_one_click_attaches_a_suggestion(dana_client, panel, reading):
    response = post_topic(dana_client, panel, topic=panel["topic"].pk, action="attach", article=reading["kafka"].public_id)
    assert response.status_code == 302 and response.url.endswith(f"#topic-{panel['topic'].pk}")
    assert Topic.objects.get(pk=panel["topic"].pk).article_id == reading["kafka"].pk


def test_attaching_with_htmx_returns_the_topic_block(dana_client, panel, reading):
    response = dana_client.post(
        reverse("topic_article", kwargs={"interview_id": panel["interview"].public_id}),
        {"topic": panel["topic"].pk, "action": "attach", "article": reading["kafka"].public_id},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert "<html" not in body and f'id="topic-{panel["topic"].pk}"' in body
    assert "Attached:" in body and "Exactly-once pipelines with Kafka" in body


def test_detaching(dana_client, panel, reading):
    Topic.objects.filter(pk=panel["topic"].pk).update(article=reading["kafka"])
    post_topic(dana_client, panel, topic=panel["topic"].pk, action="detach")
    assert Topic.objects.get(pk=panel["topic"].pk).article_id is None


def test_adding_a_new_article_straight_to_a_topic(dana_client, dana, panel):
    pk = panel["topic"].pk
    post_topic(dana_client, panel, topic=pk, action="add", **{f"t{pk}-title": "Kafka at scale", f"t{pk}-url": "https://example.org/s"})
    article = Topic.objects.get(pk=pk).article
    assert article.owner == dana and article.title == "Kafka at scale" and article.in_reading_list


def test_an_invalid_new_article_shows_the_error_in_the_block(dana_client, panel):
    pk = panel["topic"].pk
    response = dana_client.post(
        reverse("topic_article", kwargs={"interview_id": panel["interview"].public_id}),
        {"topic": pk, "action": "add", f"t{pk}-title": "", f"t{pk}-url": "not a url"},
        headers={"HX-Request": "true"},
    )
    assert 'role="alert"' in response.content.decode()
    assert Topic.objects.get(pk=pk).article_id is None


def test_another_users_article_cannot_be_attached(dana_client, mallory, panel):
    theirs = Article.objects.create(owner=mallory, title="Kafka", url="https://example.org/m")
    response = post_topic(dana_client, panel, topic=panel["topic"].pk, action="attach", article=theirs.public_id)
    assert response.status_code == 404
    assert Topic.objects.get(pk=panel["topic"].pk).article_id is None


def test_a_topic_of_another_interview_is_a_404(dana_client, client, mallory, panel, reading):
    company = Company.objects.create(owner=mallory, name="M")
    opportunity = Opportunity.objects.create(owner=mallory, company=company, role="R")
    interview = Interview.objects.create(owner=mallory, opportunity=opportunity, starts_at=START, ends_at=START + timedelta(hours=1), timezone="UTC")
    participant = Participant.objects.create(interview=interview, contact=Contact.objects.create(owner=mallory, name="X"))
    theirs = Topic.objects.create(participant=participant, text="Kafka")
    response = post_topic(dana_client, panel, topic=theirs.pk, action="attach", article=reading["kafka"].public_id)
    assert response.status_code == 404
    assert Topic.objects.get(pk=theirs.pk).article_id is None


def test_an_interview_with_no_people_has_an_honest_empty_state(dana_client, dana, panel):
    Participant.objects.all().delete()
    page = dana_client.get(page_url(panel)).content.decode()
    assert "No one is recorded at this interview yet" in page


def test_topics_and_titles_are_escaped(dana_client, dana, panel):
    Topic.objects.filter(pk=panel["topic"].pk).update(text="<img src=x onerror=alert(1)>")
    Article.objects.create(owner=dana, title="<script>x</script>", url="https://example.org/x")
    for url in (page_url(panel), reverse("reading_list")):
        page = dana_client.get(url).content.decode()
        assert "<img src=x" not in page and "<script>x</script>" not in page
