from django.apps import AppConfig


class HooksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clinch.hooks"
    label = "hooks"
    verbose_name = "Webhooks"
