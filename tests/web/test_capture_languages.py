"""Next steps said in German, French or Spanish: the page shows the date, the words it came from and
the language it read them in; the interview's language (else the user's) decides what the words
do not say."""

from __future__ import annotations

from django.urls import reverse

from clinch.interviews.models import Interview
from tests.web.test_capture import NEW, at_the_lobby, capture_post  # noqa: F401 (a fixture)

READ = reverse("read_decision_date")  # the interview is on Thursday 5 March 2026


def test_a_german_next_step_shows_the_date_the_words_and_the_language(dana_client, at_the_lobby):
    page = dana_client.post(READ, capture_post(next_step="Wir melden uns bis Freitag nächster Woche.")).content.decode()
    assert "We read: <strong>decision by Fri 13 Mar</strong>" in page
    assert '(from “<span class="matched" lang="de">bis Freitag nächster Woche</span>”), read as German.' in page
    assert 'value="2026-03-13"' in page


def test_vague_spanish_says_which_words_gave_no_date(dana_client, at_the_lobby):
    page = dana_client.post(READ, capture_post(next_step="Te avisamos a la brevedad.")).content.decode()
    assert "No date in that" in page and "a la brevedad" in page and "(read as Spanish)" in page


def test_a_lower_bound_alone_gives_no_date_and_says_the_earliest_day(dana_client, at_the_lobby):
    page = dana_client.post(READ, capture_post(next_step="Nicht vor dem 20., vorher ist die Chefin im Urlaub.")).content.decode()
    assert "No decision date in that" in page and "only says not before Fri 20 Mar" in page and "(read as German)" in page
    assert 'id="id_decision_date" value=""' in page


def test_the_interviews_language_decides_what_the_words_do_not_say(dana_client, dana, at_the_lobby):
    french = dana_client.post(READ, capture_post(next_step="15/03", language="fr")).content.decode()
    assert "decision by Sun 15 Mar" in french and "read as French" in french
    english = dana_client.post(READ, capture_post(next_step="3/15")).content.decode()
    assert "decision by Sun 15 Mar" in english and "read as English" in english  # the user's: English, US order
    dana.language = "es"
    dana.save()
    spanish = dana_client.post(READ, capture_post(next_step="15/03")).content.decode()
    assert "read as Spanish" in spanish


def test_the_interviews_language_is_stored_and_read_with(dana_client, dana, at_the_lobby):
    dana_client.post(NEW, capture_post(next_step="Para el 20 te confirmo.", language="es"))
    interview = Interview.objects.get(owner=dana)
    assert (interview.language, interview.decision_date.isoformat()) == ("es", "2026-03-20")
    page = dana_client.get(reverse("interview_edit", args=[interview.public_id])).content.decode()
    assert '<option value="es" selected>' in page


def test_an_unknown_language_is_refused_and_nothing_is_saved(dana_client, dana, at_the_lobby):
    response = dana_client.post(NEW, capture_post(language="it"))
    assert response.status_code == 422 and "Select a valid choice" in response.content.decode()
    assert not Interview.objects.filter(owner=dana).exists()


def test_the_usual_language_is_a_profile_setting(dana_client, dana):
    page = dana_client.get(reverse("profile")).content.decode()
    assert 'name="language"' in page
    dana_client.post(reverse("profile"), {"display_name": "Dana Whitfield", "email": "dana@example.org",
                                          "timezone": "America/Denver", "country": "US", "language": "de",
                                          "signature": ""})
    dana.refresh_from_db()
    assert dana.language == "de"
