from django.contrib import admin

from frivillig.recognition.models import AwardRound, Certificate, Nomination, Thanks


@admin.register(Thanks)
class ThanksAdmin(admin.ModelAdmin):
    list_display = ["organisation", "volunteer", "created_at"]
    list_select_related = ["organisation", "volunteer"]
    raw_id_fields = ["organisation", "volunteer", "author"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "user", "issued_at", "revoked_at"]
    list_select_related = ["user"]
    search_fields = ["code"]
    raw_id_fields = ["user"]
    # The snapshot is frozen and hashed: the operator may revoke, never rewrite.
    readonly_fields = ["code", "user", "issued_at", "content", "sha256", "language"]


class NominationInline(admin.TabularInline):
    model = Nomination
    extra = 0
    raw_id_fields = ["nominator"]


@admin.register(AwardRound)
class AwardRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "opens_on", "closes_on"]
    inlines = [NominationInline]
    raw_id_fields = ["created_by"]
