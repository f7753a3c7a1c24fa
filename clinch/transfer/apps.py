from django.apps import AppConfig


class TransferConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clinch.transfer"
    label = "transfer"
    verbose_name = "Export and import"
