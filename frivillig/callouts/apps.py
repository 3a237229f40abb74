from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalloutsConfig(AppConfig):
    name = "frivillig.callouts"
    label = "callouts"
    verbose_name = _("Emergency call-outs")
