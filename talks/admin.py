from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from .models import Call, Criterion, DecisionTemplate, Proposal, ProposalSpeaker


class CriterionInline(TranslationTabularInline):
    model = Criterion
    extra = 1


@admin.register(Call)
class CallAdmin(TabbedTranslationAdmin):
    list_display = ["edition", "opens_at", "closes_at", "slides_due_at"]
    filter_horizontal = ["themes"]
    inlines = [CriterionInline]


class ProposalSpeakerInline(admin.StackedInline):
    model = ProposalSpeaker
    extra = 0
    exclude = ["speaker"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "call", "format", "state", "submitted_at"]
    list_filter = ["call", "state", "format"]
    search_fields = ["title", "speakers__name"]
    readonly_fields = ["state", "session", "decided_at", "anonymized_at"]
    filter_horizontal = ["available_days"]
    inlines = [ProposalSpeakerInline]


@admin.register(DecisionTemplate)
class DecisionTemplateAdmin(TabbedTranslationAdmin):
    list_display = ["decision", "subject"]
