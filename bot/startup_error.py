"""Start-up errors: raised by the Discord bot, reported by the command line (which imports no discord.py for them)."""


class StartupError(Exception):
    """The bot could not start or stay connected, for a reason the message explains."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code
