from django.contrib import admin

from clinch.consult.models import ConsultationRequest


@admin.register(ConsultationRequest)
class ConsultationRequestAdmin(admin.ModelAdmin):
    list_display = ("first_name", "last_name", "email", "status", "assigned_to", "created_at")
    list_filter = ("status",)
    search_fields = ("first_name", "last_name", "email")
