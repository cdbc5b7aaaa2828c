from modeltranslation.translator import TranslationOptions, register

from .models import Activity, Category, Exhibitor, PlanMarker, SetupPeriod, Stand


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Exhibitor)
class ExhibitorTranslation(TranslationOptions):
    fields = ("description",)


@register(Stand)
class StandTranslation(TranslationOptions):
    fields = ("accessibility_notes",)


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "description")


@register(SetupPeriod)
class SetupPeriodTranslation(TranslationOptions):
    fields = ("label",)


@register(PlanMarker)
class PlanMarkerTranslation(TranslationOptions):
    fields = ("label",)
