from django.apps import AppConfig


class AgencyConfig(AppConfig):
    name = "clinch.agency"
    label = "agency"
