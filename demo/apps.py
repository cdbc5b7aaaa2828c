from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo editions and the `load_demo` command; sits above the domain apps and imports them."""

    name = "demo"
    verbose_name = "Demo"
