from django.contrib import admin

from clinch.mail.models import MailAccount, Message, WorkerHeartbeat


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("subject", "to_email", "direction", "state", "send_at", "sent_at", "attempts")
    list_filter = ("direction", "state")
    search_fields = ("subject", "to_email", "message_id")


@admin.register(MailAccount)
class MailAccountAdmin(admin.ModelAdmin):
    list_display = ("from_email", "smtp_host", "imap_host", "owner")
    exclude = ("smtp_password_encrypted", "imap_password_encrypted")


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ("name", "hostname", "pid", "started_at", "last_seen_at")
