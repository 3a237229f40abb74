"""Recognition on pages owned by others: the thanks on a back-office engagement page, and the
thanks on Min side. Each tag runs its own one query, from the object the page already has."""

from django import template

from frivillig.organisations.permissions import MANAGE_APPLICATIONS
from frivillig.recognition.models import Thanks

register = template.Library()


@register.inclusion_tag("backoffice/recognition/_engagement_thanks.html", takes_context=True)
def engagement_thanks(context, engagement):
    request = context["request"]
    thanks = Thanks.objects.filter(
        organisation=engagement.organisation, volunteer=engagement.volunteer
    )
    return {
        "thanks": list(thanks[:20]),
        "engagement": engagement,
        "slug": request.organisation.slug,
        "can_thank": request.can(MANAGE_APPLICATIONS),
    }


@register.inclusion_tag("portal/recognition/_my_page.html", takes_context=True)
def my_recognition(context):
    user = context["request"].user
    thanks = Thanks.objects.filter(volunteer=user).select_related("organisation")
    return {"thanks": list(thanks[:3])}
