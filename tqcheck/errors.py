"""Errors that end a run with exit status 2 and one line of explanation (never a traceback)."""


class TqcheckError(Exception):
    """Base of the errors the CLI reports as one line and exit status 2."""


class ConfigError(TqcheckError):
    """A bad option, configuration file, rule pack or glossary; the message names file and line."""


class UsageError(TqcheckError):
    """A bad command line."""
