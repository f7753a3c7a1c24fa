from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "clinch.mail"
    label = "mail"
