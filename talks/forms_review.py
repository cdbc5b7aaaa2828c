from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import Decision
from .models import SCORE_MAX, Criterion

SCORE_CHOICES = [(n, str(n)) for n in range(SCORE_MAX + 1)]


class ReviewForm(forms.Form):
    """A score per criterion of the call, and a comment; or only a declared conflict of interest."""

    conflict = forms.BooleanField(
        label=_("I have a conflict of interest with this proposal (I will not score it)."), required=False
    )
    comment = forms.CharField(
        label=_("Comment for the other reviewers (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                choices=SCORE_CHOICES,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                help_text=_("From 0 (poor) to {max} (excellent).").format(max=SCORE_MAX),
            )

    def clean(self):
        data = super().clean()
        if not data.get("conflict"):
            for criterion in self.criteria:
                if data.get(f"score_{criterion.pk}") in (None, ""):
                    self.add_error(
                        f"score_{criterion.pk}", _("Give a score from 0 to {max}.").format(max=SCORE_MAX)
                    )
        return data

    def scores(self) -> dict[int, int]:
        return {
            c.pk: self.cleaned_data[f"score_{c.pk}"]
            for c in self.criteria
            if not self.cleaned_data["conflict"]
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision)
