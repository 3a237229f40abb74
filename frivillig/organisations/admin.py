from django.contrib import admin

from frivillig.organisations.models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "is_approved"]
    list_filter = ["kind", "is_approved"]
    search_fields = ["name", "slug"]
    readonly_fields = ["path"]
    inlines = [MembershipInline]
