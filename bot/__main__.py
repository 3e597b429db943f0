from bot.core.interrupts import held_interrupts


def _run() -> int:
    """The command line, with a Ctrl-C while its modules load (a second or more on a busy machine) ending it as one
    later does: exit 130, no traceback. Python raised it wherever the import stood, or lost it in a callback of
    the import machinery and ran the command on."""
    try:
        with held_interrupts():
            from bot.program import main
    except KeyboardInterrupt:
        return 130
    return main()


if __name__ == "__main__":  # not when a worker process (bot.core.worker_process) imports it as its main module
    raise SystemExit(_run())
