from modeltranslation.translator import TranslationOptions, register

from .models import SchoolSettings, Workshop


@register(Workshop)
class WorkshopTranslation(TranslationOptions):
    fields = ("title", "description", "accessibility_notes")


@register(SchoolSettings)
class SchoolSettingsTranslation(TranslationOptions):
    fields = ("group_access",)
