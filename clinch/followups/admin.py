from django.contrib import admin

from clinch.followups.models import FollowUp


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("kind", "contact", "channel", "status", "send_at", "owner")
    list_filter = ("kind", "status", "channel")
    search_fields = ("subject", "contact__name")
