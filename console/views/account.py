"""A new staff member chooses their own password, through the one-time link `create_staff_user` printed."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """Django's password reset confirmation (one-time token, expiry), in the site's design."""

    template_name = "console/set_password.html"
    success_url = reverse_lazy("console:password-set")


class PasswordSetView(auth_views.PasswordResetCompleteView):
    template_name = "console/password_set.html"


set_password = SetPasswordView.as_view()
password_set = PasswordSetView.as_view()
