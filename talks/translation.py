from modeltranslation.translator import TranslationOptions, register

from .models import Call, Criterion, DecisionTemplate


@register(Call)
class CallTranslation(TranslationOptions):
    fields = ("text",)


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name",)


@register(DecisionTemplate)
class DecisionTemplateTranslation(TranslationOptions):
    fields = ("subject", "body")
