from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "clinch.mail"
    label = "mail"

    def ready(self) -> None:
        from clinch.mail import checks  # noqa: F401 - registers the system checks
