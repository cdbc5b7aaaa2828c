"""Demo data for every app, loaded by `manage.py load_demo`; the domain apps hold none."""
