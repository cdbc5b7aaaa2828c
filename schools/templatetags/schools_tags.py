from django import template

register = template.Library()


@register.simple_tag
def field_widget(bound_field, hint=""):
    """Render a field's widget with aria-invalid and aria-describedby pointing at its hint and error."""
    described = []
    if hint:
        described.append(f"{bound_field.id_for_label}-hint")
    if bound_field.errors:
        described.append(f"{bound_field.id_for_label}-error")
    attrs = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)
