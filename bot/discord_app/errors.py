"""Start-up errors, apart from run.py so the command line can catch them without importing discord.py."""


class StartupError(Exception):
    """The bot could not start or stay connected, for a reason the message explains."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code
