from django.contrib import admin

from frivillig.organisations.models import Membership, Organisation
from frivillig.organisations.services import move_organisation


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

    def save_model(self, request, obj, form, change):
        # The tree path is derived from `parent`; go through the services that keep it right.
        if not change:
            super().save_model(request, obj, form, change)
            obj.path = f"{obj.parent.path if obj.parent else '/'}{obj.pk}/"
            obj.save(update_fields=["path"])
        elif "parent" in form.changed_data:
            parent = obj.parent
            super().save_model(request, obj, form, change)
            move_organisation(organisation=obj, parent=parent)
        else:
            super().save_model(request, obj, form, change)
