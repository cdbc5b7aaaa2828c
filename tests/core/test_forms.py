"""The one form field (core.forms.FormRenderer) and the one error summary, on a small form of every kind."""

import re

from django import forms
from django.template.loader import render_to_string

from core.forms import LanguageRadioSelect


class SampleForm(forms.Form):
    error_anchors = {"stand": "stand-picker"}

    email = forms.EmailField(
        label="Email address",
        help_text="We send the tickets there.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": "Enter an email address like name@example.com"},
    )
    language = forms.ChoiceField(
        label="Language",
        choices=[("fr", "Français"), ("nl", "Nederlands")],
        widget=LanguageRadioSelect,
        error_messages={"required": "Choose a language."},
    )
    consent = forms.BooleanField(label="I agree", error_messages={"required": "Tick the box."})
    stand = forms.CharField(label="Stand", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)


def tag(html: str, element_id: str) -> str:
    return re.search(rf'<[a-z]+ [^>]*id="{element_id}"[^>]*>', html).group(0)


def test_field_with_hint_and_error_is_labelled_described_and_invalid():
    form = SampleForm(data={"email": ""})
    html = form["email"].as_field_group()
    widget = tag(html, "id_email")
    assert '<div class="field field--error">' in html
    assert '<label for="id_email">Email address</label>' in html
    assert '<p class="hint" id="id_email-hint">We send the tickets there.</p>' in html
    assert 'id="id_email-error"' in html
    assert "Enter an email address like name@example.com" in html
    assert 'aria-describedby="id_email-hint id_email-error"' in widget
    assert 'aria-invalid="true"' in widget
    assert ('autocomplete="email"' in widget, " required" in widget, 'type="email"' in widget) == (
        True,
        True,
        True,
    )


def test_valid_field_is_described_by_its_hint_only():
    widget = tag(SampleForm()["email"].as_field_group(), "id_email")
    assert 'aria-describedby="id_email-hint"' in widget
    assert "aria-invalid" not in widget


def test_choice_list_is_a_fieldset_with_a_legend_and_labels_in_their_own_language():
    html = SampleForm(data={})["language"].as_field_group()
    assert html.count("<fieldset") == 1
    assert '<fieldset class="field field--error" aria-describedby="id_language-error">' in html
    assert '<legend id="id_language-legend">Language</legend>' in html
    assert '<label for="id_language_1" lang="nl">Nederlands</label>' in html
    assert 'aria-invalid="true"' in tag(html, "id_language_0")


def test_single_checkbox_has_its_label_after_the_box():
    html = SampleForm(data={})["consent"].as_field_group()
    assert re.search(
        r'<div class="choice"><input type="checkbox"[^>]*id="id_consent"[^>]*>'
        r'<label for="id_consent">I agree',
        html,
    )
    assert 'aria-describedby="id_consent-error"' in tag(html, "id_consent")


def test_error_summary_links_each_message_to_its_field_in_the_form_order():
    form = SampleForm(data={"stand": "Z9"})
    form.add_error("stand", "No stand with this code.")
    html = render_to_string("includes/_error_summary.html", {"form": form})
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', html)
    assert links == [
        ("id_email", "Enter an email address like name@example.com"),
        ("id_language_0", "Choose a language."),
        ("id_consent", "Tick the box."),
        ("stand-picker", "No stand with this code."),
    ]
    assert "data-error-summary" in html
    assert 'tabindex="-1"' in html


def test_no_summary_without_errors():
    assert render_to_string("includes/_error_summary.html", {"form": SampleForm()}).strip() == ""


def test_hidden_field_renders_the_bare_input():
    assert (
        SampleForm()["token"].as_field_group().strip() == '<input type="hidden" name="token" id="id_token">'
    )
