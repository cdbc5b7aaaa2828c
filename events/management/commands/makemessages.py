from django.core.management.commands import makemessages


class Command(makemessages.Command):
    # A fuzzy guess ("School group" ← "Schools only") would ship a wrong translation; leave new strings empty.
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
