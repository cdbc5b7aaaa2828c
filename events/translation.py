from modeltranslation.translator import TranslationOptions, register

from .models import Edition, Space, Theme


@register(Edition)
class EditionTranslation(TranslationOptions):
    fields = ("name", "tagline", "venue_address", "getting_there")


@register(Space)
class SpaceTranslation(TranslationOptions):
    fields = ("name", "accessibility_notes")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")
