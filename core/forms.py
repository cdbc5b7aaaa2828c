"""The one way a form field is drawn on this site (GOV.UK Design System patterns, our own markup).

`FORM_RENDERER` points at `FormRenderer`, so `{{ form.email.as_field_group }}` renders
`templates/includes/_field.html`: the visible label (a `<legend>` in a `<fieldset>` for a list of radios or
checkboxes), the hint under it, the error message, and the widget with its own attributes (autocomplete,
inputmode, required...), marked `aria-invalid` on error and described by `<auto_id>-hint` and
`<auto_id>-error`: the ids the CSS, the error summary (`templates/includes/_error_summary.html`) and the
tests rely on. A bare `{{ form.email }}` (and the admin) keeps Django's own description ids.
"""

from django.forms import BoundField, CheckboxInput, RadioSelect
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import SafeString


class AccessibleBoundField(BoundField):
    """A bound field that knows the ids of its hint and error message, and the target of a summary link."""

    @property
    def description_ids(self) -> str:
        """`<auto_id>-hint` and `<auto_id>-error`, as far as the field has a hint and an error."""
        if not self.auto_id or self.is_hidden:
            return ""
        described = []
        if self.help_text:
            described.append(f"{self.auto_id}-hint")
        if self.errors:
            described.append(f"{self.auto_id}-error")
        return " ".join(described)

    @property
    def is_choice_list(self) -> bool:
        """Radios or checkboxes, one per choice (CheckboxSelectMultiple is a RadioSelect)."""
        return isinstance(self.field.widget, RadioSelect)

    @property
    def is_checkbox(self) -> bool:
        """A single checkbox: its label follows the box."""
        return isinstance(self.field.widget, CheckboxInput)

    @property
    def described_widget(self) -> SafeString:
        """The widget, described by the field's hint and error unless it is a fieldset or says otherwise."""
        ids = self.description_ids
        if self.use_fieldset or self.field.widget.attrs.get("aria-describedby") or not ids:
            return self.as_widget()
        return self.as_widget(attrs={"aria-describedby": ids})

    @property
    def anchor(self) -> str:
        """The id an error summary links to: the widget, or the first choice of a list of choices.

        A form whose page draws a field by hand names its target in `error_anchors` ({field name: id}).
        """
        if anchor := getattr(self.form, "error_anchors", {}).get(self.name):
            return anchor
        return self.id_for_label or (f"{self.auto_id}_0" if self.auto_id else "")


class FormRenderer(TemplatesSetting):
    """Django's renderer over the project's template settings, with the site's one field template."""

    field_template_name = "includes/_field.html"
    bound_field_class = AccessibleBoundField


class LanguageRadioSelect(RadioSelect):
    """Radios whose choices are languages, each label written in its own language (`lang` on the label)."""

    choices_in_own_language = True
