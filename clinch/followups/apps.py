from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "clinch.followups"
    label = "followups"
