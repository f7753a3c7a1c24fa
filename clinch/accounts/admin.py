from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from clinch.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (
        ("Clinch", {"fields": ("role", "display_name", "timezone", "country", "signature", "email_verified_at")}),
    )
    list_display = ("username", "email", "display_name", "role", "is_staff")
    list_filter = ("role", "is_staff", "is_superuser")
