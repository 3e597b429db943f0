from bot.program import main

if __name__ == "__main__":  # not when a worker process (bot.core.worker) imports it as its main module
    raise SystemExit(main())
