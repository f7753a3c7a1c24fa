from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "clinch.accounts"
    label = "accounts"
    verbose_name = "Accounts"
