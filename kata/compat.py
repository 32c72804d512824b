"""What differs between the Pythons the kata supports (3.10 to 3.13), in one place."""

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10 (Gradescope's default image): the same parser, from PyPI
    try:
        import tomli as tomllib
    except ModuleNotFoundError:  # not installed yet (before `python -m kata setup`): texts stay English
        tomllib = None

__all__ = ["tomllib"]
