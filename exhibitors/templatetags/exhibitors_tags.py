from django import template

from exhibitors.models import metres as format_metres

register = template.Library()


@register.filter
def metres(value) -> str:
    return format_metres(value)


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
