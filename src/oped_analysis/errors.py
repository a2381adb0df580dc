"""Errors a user can cause, each naming the file (or entry) and the fix.

Every error the library raises on bad input derives from :class:`OpedAnalysisError`,
so a caller (and the CLI) can catch one class and print the message without a
traceback.
"""

from __future__ import annotations


class OpedAnalysisError(Exception):
    """Base class of every error caused by the user's input or options."""


class InputError(OpedAnalysisError, ValueError):
    """An input file, row or text cannot be used as an article."""


class MissingInputError(OpedAnalysisError, FileNotFoundError):
    """A path the user named does not exist or holds no articles."""


class LexiconError(OpedAnalysisError, ValueError):
    """An actor lexicon file or entry is malformed."""


class DecodingWarning(UserWarning):
    """A file was not UTF-8 and was decoded with a fallback encoding."""


class UsageError(OpedAnalysisError, TypeError, ValueError):
    """A library function was called with arguments of the wrong type or value (API misuse).

    Also a ``TypeError``/``ValueError``, so code catching those keeps working.
    """
