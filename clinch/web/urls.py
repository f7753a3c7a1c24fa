from django.urls import path

from clinch.web import articles, calendar_feed, capture, contacts, followups, opportunities, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("interviews/new/", capture.interview_new, name="interview_new"),
    path("interviews/read-date", capture.read_date, name="read_decision_date"),
    path("interviews/<uuid:public_id>/edit/", capture.interview_edit, name="interview_edit"),
    path("interviews/<uuid:public_id>/decision-date", opportunities.decision_date, name="decision_date"),
    path("opportunities/", opportunities.opportunity_list, name="opportunity_list"),
    path("opportunities/<uuid:public_id>/", opportunities.opportunity, name="opportunity"),
    path("opportunities/<uuid:public_id>/outcome", opportunities.outcome, name="opportunity_outcome"),
    path("opportunities/<uuid:public_id>/replied", opportunities.replied, name="opportunity_replied"),
    path("opportunities/<uuid:public_id>/reply-seen", opportunities.reply_seen, name="opportunity_reply_seen"),
    path("followups/<uuid:public_id>/", followups.editor, name="followup"),
    path("followups/<uuid:public_id>/check", followups.check, name="followup_check"),
    path("followups/<uuid:public_id>/second-opinion", followups.second_opinion, name="followup_second_opinion"),
    path("followups/<uuid:public_id>/<str:action>", followups.act, name="followup_act"),
    path("contacts/", contacts.contact_list, name="contact_list"),
    path("contacts/new/", contacts.contact_new, name="contact_new"),
    path("contacts/<uuid:contact_id>/", contacts.contact_detail, name="contact_detail"),
    path("contacts/<uuid:contact_id>/edit/", contacts.contact_edit, name="contact_edit"),
    path("contacts/<uuid:contact_id>/vcard/", contacts.contact_vcard, name="contact_vcard"),
    path("calendar/", calendar_feed.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", calendar_feed.calendar_feed, name="calendar_feed"),
    path("reading-list/", articles.reading_list, name="reading_list"),
    path("reading-list/<uuid:article_id>/remove/", articles.article_remove, name="article_remove"),
    path("reading-list/interview/<uuid:interview_id>/", articles.interview_reading, name="interview_reading"),
    path("reading-list/interview/<uuid:interview_id>/topic/", articles.topic_article, name="topic_article"),
]
