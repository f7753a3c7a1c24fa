from django.apps import AppConfig


class ConsultConfig(AppConfig):
    name = "clinch.consult"
    label = "consult"
