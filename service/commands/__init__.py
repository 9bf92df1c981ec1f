"""Sub-commands of ``cobuild`` that live outside service/cli.py."""
