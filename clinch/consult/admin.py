from django.contrib import admin

from clinch.consult.models import ConsultationRequest, RequestNote, SpamCount


class RequestNoteInline(admin.TabularInline):
    model = RequestNote
    extra = 0
    readonly_fields = ("author", "created_at")


@admin.register(ConsultationRequest)
class ConsultationRequestAdmin(admin.ModelAdmin):
    list_display = ("first_name", "last_name", "email", "organisation", "status", "assigned_to", "created_at")
    list_filter = ("status", "organisation")
    list_select_related = ("assigned_to", "organisation")
    search_fields = ("first_name", "last_name", "email")
    inlines = [RequestNoteInline]


@admin.register(SpamCount)
class SpamCountAdmin(admin.ModelAdmin):
    list_display = ("day", "reason", "count")
    list_filter = ("reason",)
