from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "clinch.interviews"
    label = "interviews"
