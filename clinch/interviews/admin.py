from django.contrib import admin

from clinch.interviews.models import Article, Company, Contact, Interview, Opportunity, Participant, Topic


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    raw_id_fields = ("contact",)


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 0
    raw_id_fields = ("article",)


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ("name", "website", "owner")
    search_fields = ("name",)


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ("role", "company", "stage", "outcome", "owner")
    list_filter = ("stage", "outcome")
    search_fields = ("role", "company__name")


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ("opportunity", "round", "starts_at", "format", "decision_date", "owner")
    list_filter = ("format",)
    inlines = [ParticipantInline]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("name", "title", "company", "email", "owner")
    search_fields = ("name", "email")


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("contact", "interview", "role")
    inlines = [TopicInline]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "url", "in_reading_list", "owner")
    search_fields = ("title", "summary")
