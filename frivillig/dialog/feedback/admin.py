from django.contrib import admin

from frivillig.dialog.feedback.models import FeedbackAnswer, FeedbackRequest


@admin.register(FeedbackRequest)
class FeedbackRequestAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "organisation", "engagement", "event", "created_at", "answered_at"]
    list_select_related = ["volunteer", "organisation", "engagement__opportunity", "event"]
    raw_id_fields = ["volunteer", "organisation", "engagement", "event"]
    readonly_fields = ["created_at", "answered_at"]


@admin.register(FeedbackAnswer)
class FeedbackAnswerAdmin(admin.ModelAdmin):
    # Read-only: an answer is what a volunteer said, anonymously; nobody edits it.
    list_display = ["organisation", "kind", "satisfaction", "would_recommend", "answered_on"]
    list_filter = ["kind", "satisfaction", "would_recommend"]
    list_select_related = ["organisation"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
