from django.contrib import admin

from frivillig.dialog.consultations.models import Comment, Consultation, Section


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "opens_on", "closes_at", "response_published_at"]
    list_filter = ["status"]
    search_fields = ["title", "slug"]
    inlines = [SectionInline]
    raw_id_fields = ["created_by"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["section", "author", "on_behalf_of", "public", "created_at"]
    list_filter = ["public"]
    list_select_related = ["section__consultation", "author", "on_behalf_of"]
    raw_id_fields = ["section", "author", "on_behalf_of"]
