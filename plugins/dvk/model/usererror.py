"""The one exception editors' commands turn into a message: no traceback, exit code 1."""


class UserError(Exception):
    """Something the editor can fix, said in Vietnamese (what is wrong, what to do)."""
