from django.contrib import admin

from frivillig.dialog.ideas.models import Idea, IdeaEvent


class IdeaEventInline(admin.TabularInline):
    model = IdeaEvent
    extra = 0
    fields = ("status", "note", "by", "by_organisation", "created_at")
    readonly_fields = fields
    can_delete = False


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "may_publish", "routed_organisation", "created_at")
    list_filter = ("status", "may_publish", "area")
    search_fields = ("title",)
    raw_id_fields = ("proposer", "routed_organisation")
    inlines = [IdeaEventInline]
