from django.contrib import admin

from clinch.agency.models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Organisations and their members only: candidates' consents and data stay out of the admin."""

    list_display = ("name", "created_at")
    search_fields = ("name",)
    inlines = [MembershipInline]
