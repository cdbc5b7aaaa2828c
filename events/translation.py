from modeltranslation.translator import TranslationOptions, register

from .models import Edition, Session, Space, Speaker, Theme


@register(Edition)
class EditionTranslation(TranslationOptions):
    fields = ("name", "tagline", "venue_address", "getting_there")


@register(Space)
class SpaceTranslation(TranslationOptions):
    fields = ("name", "accessibility_notes")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    fields = ("bio",)


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description")
