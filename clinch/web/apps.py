from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "clinch.web"
    label = "web"
