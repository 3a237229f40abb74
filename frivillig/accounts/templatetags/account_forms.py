"""Form controls in DKFDS markup, with the ARIA that ties each control to its hint and errors.
Used by the profile and apply pages and by the allauth element templates."""

from django import forms, template

register = template.Library()

CHOICE_WIDGETS = (forms.CheckboxSelectMultiple, forms.RadioSelect)


@register.filter
def control_kind(bound_field) -> str:
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


def _described_by(bound_field) -> str:
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}-error")
    return " ".join(ids)


@register.filter
def dkfds_control(bound_field):
    """The control with DKFDS classes, aria-invalid when it has errors and aria-describedby
    pointing at its hint and error message."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-checkbox"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-input"
    attrs = {"class": " ".join(filter(None, [css, widget.attrs.get("class", "")]))}
    described_by = _described_by(bound_field)
    if described_by:
        attrs["aria-describedby"] = described_by
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)


@register.filter
def dkfds_options(bound_field):
    """The options of a check-box group or radio group, each with the DKFDS class."""
    widget = bound_field.field.widget
    # Sub-widgets take their attributes from the widget when first built, so set them first.
    widget.attrs["class"] = (
        "form-radio" if isinstance(widget, forms.RadioSelect) else ("form-checkbox")
    )
    return bound_field.subwidgets


@register.filter
def error_anchor(bound_field) -> str:
    """Where an error-summary link should jump: the control, or a group's first option."""
    if isinstance(bound_field.field.widget, CHOICE_WIDGETS):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id or ""


@register.filter
def described_by(bound_field) -> str:
    return _described_by(bound_field)
