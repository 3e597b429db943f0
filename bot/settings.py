"""Typed settings from the environment and `.env`, checked once at start."""

from __future__ import annotations

import errno
import hashlib
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from dotenv import dotenv_values
from dotenv.parser import parse_stream
from platformdirs import user_config_path, user_data_path

from bot.core.saved_index import default_index_folder

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DISTRIBUTION = "storybot-discord"
"""The name storybot is installed by (pip install storybot-discord); "storybot" on PyPI is another project."""
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class SettingsFault(StrEnum):
    """Why a setting cannot work: the reason code bot.messages words for the owner, with the facts SettingsError
    carries. Which facts each code has is said beside it."""

    NOT_UTF8 = "not_utf8"
    """`file` is not UTF-8: `number` is the first byte that is not, at `position`."""
    UNREADABLE_FILE = "unreadable_file"
    """`file` is there but cannot be read (its permissions, or a folder on its way's): `detail` is the system's
    reason."""
    CURRENT_FOLDER_CLOSED = "current_folder_closed"
    """`file`, the current folder's .env, cannot be looked for: the current folder is closed to this user (`detail`,
    the system's reason)."""
    CURRENT_FOLDER_GONE = "current_folder_gone"
    """The current folder was removed (a shell left in a folder deleted under it): no `.env` can be looked for there,
    nor any relative path found (`detail`, the system's reason)."""
    HOME_UNKNOWN = "home_unknown"
    """No home folder is known for this user (`number`, its uid): `name`, HOME, is not set and the system lists no such
    user (a container run with `--user 54321`), so neither the config folder's .env nor the data folder can be
    found."""
    CONFIG_FOLDER_CLOSED = "config_folder_closed"
    """`file`, the config folder's .env, cannot be looked for: a folder on its way is closed to this user (`detail`,
    the system's reason)."""
    NUL_CHARACTER = "nul_character"
    """`file` holds a NUL, which the environment cannot hold."""
    UNREADABLE_LINE = "unreadable_line"
    """`file`'s line `position` cannot be read as NAME=value; `name` is the setting it names, or ""."""
    INLINE_COMMENT = "inline_comment"
    """`name`'s `value` holds " #", a comment to python-dotenv but not to docker's --env-file; value None for a
    secret."""
    NOT_A_LOG_LEVEL = "not_a_log_level"
    """`value` is none of LOG_LEVELS."""
    NOT_A_NUMBER = "not_a_number"
    """`value` is not what `takes` says (a whole number, or a list of them)."""
    OUT_OF_RANGE = "out_of_range"
    """`number` is outside what `takes` says."""
    NO_SHARD = "no_shard"
    """STORYBOT_SHARD_IDS is set to no shard at all."""
    SHARDS_UNCOUNTED = "shards_uncounted"
    """STORYBOT_SHARD_IDS is set without STORYBOT_SHARD_COUNT."""
    SHARD_PAST_COUNT = "shard_past_count"
    """A shard id is not below STORYBOT_SHARD_COUNT, `number`."""
    TOO_MANY_SHARDS = "too_many_shards"
    """STORYBOT_SHARD_COUNT, `number`, is past MAX_SHARD_COUNT."""
    NO_HOME = "no_home"
    """`value` starts with "~user" (`detail`), a user without a known home folder."""
    TOKEN_CHARACTER = "token_character"
    """The token holds the character `value` (a space, an invisible one) at character `position` from 1."""
    NOT_A_BOT_TOKEN = "not_a_bot_token"
    """The token's first part is not an application's id."""
    NOT_A_DISCORD_ID = "not_a_discord_id"
    """`value` is digits, but 0 or past DISCORD_ID_LIMIT."""
    NOT_A_BUDGET = "not_a_budget"
    """`value` is not questions/seconds."""
    BUDGET_OUT_OF_RANGE = "budget_out_of_range"
    """`value`'s questions or seconds are outside MAX_BUDGET_QUESTIONS or MAX_BUDGET_SECONDS."""


class Unit(StrEnum):
    """What a number setting counts, or the kind of list it takes: the words are bot.messages'."""

    SHARDS = "shards"
    DAYS = "days"
    MINUTES = "minutes"
    SECONDS = "seconds"
    MEGABYTES = "megabytes"
    SHARD_NUMBERS = "shard_numbers"
    """A list of shard numbers, each below STORYBOT_SHARD_COUNT."""
    DISCORD_ID = "discord_id"
    """A Discord id, all digits (from 1 to DISCORD_ID_LIMIT - 1)."""


@dataclass(frozen=True, kw_only=True)
class Takes:
    """What a number setting takes: whole `unit`s from `low` to `high` (None: no bound above)."""

    unit: Unit
    low: int = 1
    high: int | None = None


class SettingsError(Exception):
    """A setting has a value that cannot work: a reason code and the facts bot.messages names in its message (the
    setting, the value as it was written, cut to its start, never a secret's; what it takes). Its str() is the code
    and the setting, for a log: no words, no value."""

    def __init__(
        self,
        fault: SettingsFault,
        *,
        name: str = "",
        value: str | None = None,
        number: int | None = None,
        position: int = 0,
        takes: Takes | None = None,
        file: Path | None = None,
        detail: str = "",
    ):
        super().__init__(f"{fault.value}: {name or file or ''}")
        self.fault = fault
        self.name = name
        self.value = value
        self.number = number
        self.position = position
        self.takes = takes
        self.file = file
        self.detail = detail


@dataclass(frozen=True)
class QuestionBudget:
    """How many questions one person may ask in a window of seconds (buttons that page count too)."""

    questions: int = 5
    seconds: int = 30

    def within_limits(self) -> bool:
        """1 to MAX_BUDGET_QUESTIONS questions per 1 to MAX_BUDGET_SECONDS seconds: -1 questions refused every
        question, -5 seconds none."""
        return 1 <= self.questions <= MAX_BUDGET_QUESTIONS and 1 <= self.seconds <= MAX_BUDGET_SECONDS


MAX_BUDGET_QUESTIONS = 100
MAX_BUDGET_SECONDS = 3600
ANSWER_DAYS = 90
"""How long an answer given in Discord is kept for its buttons by default (STORYBOT_ANSWER_DAYS)."""
MAX_ANSWER_DAYS = 3650
SHARDS_NAMED = 100
"""Characters of a process's shard ids spelt out in its files' names; more are named by their digest."""
VIEWS_MB = 1024
"""Memory the servers' own stories may take, built and searchable, by default (STORYBOT_VIEWS_MB)."""
EDIT_MINUTES = 15
"""How long after a question an edit of it is answered again in the bot's reply, by default
(STORYBOT_EDIT_MINUTES; 0: never)."""
MAX_EDIT_MINUTES = 1440
UPLOAD_SECONDS = 60
"""How long an upload may take to read by default (STORYBOT_UPLOAD_SECONDS): a long novel takes a few seconds."""
MAX_UPLOAD_SECONDS = 600
UPLOAD_MB = 1024
"""Memory an upload's reader may take by default (STORYBOT_UPLOAD_MB): the largest Word file the other limits let
through (under 64 MB unpacked, 42 million characters) peaks at 0.7 GB, a long novel's text at 0.2 GB."""
MIN_UPLOAD_MB = 256
"""Below this even a short story would not read: the reader's libraries take some 100 MB before it starts."""
MAX_UPLOAD_MB = 65536
SHELF_STORED_MB = 256
"""What one server may store in the database by default (STORYBOT_SHELF_STORED_MB): its stories and every version
it keeps, 4 times the 64 MB it may have searched at once (bot.state.shelf_rules.SHELF_BYTES); restores may store
bot.state.shelf_rules.RESTORE_ROOM past it."""


def default_data_folder() -> Path:
    """The user's data directory (on Linux ~/.local/share/storybot), where the SQLite database lives."""
    return user_data_path("storybot", appauthor=False)


def env_files() -> tuple[Path, Path]:
    """Where `.env` is looked for: the current folder, then the user's config folder (on Linux
    ~/.config/storybot/.env), so a service or a shell started elsewhere finds the token."""
    return Path.cwd() / ".env", user_config_path("storybot", appauthor=False) / ".env"


SECRET_SETTINGS = ("DISCORD_TOKEN", "STORYBOT_DATABASE_URL")
"""Never shown in a message: the token, and a database URL's password."""
PATH_SETTINGS = ("STORYBOT_CORPUS", "STORYBOT_DATA", "STORYBOT_INDEX", "STORYBOT_LOG_FILE")
INDEX_OFF = "off"
"""STORYBOT_INDEX's word for no saved index, in any case: "OFF" or "Off" made a folder of that name and filled it."""


def load_env_files() -> frozenset[str]:
    """Loads both, if they exist: the environment wins over the current folder's, which wins over the
    config folder's (a project's own .env in the current folder cannot hide the token kept there). A relative
    path in a .env is taken from its folder, as compose takes its file's: the config folder's .env names the same
    folders wherever the bot is started. Returns the names set from them: python-dotenv has taken their
    comments and quotes off already."""
    loaded: set[str] = set()
    try:
        Path.home()  # what the user's folders are found from (platformdirs, "~" in a path setting)
    except RuntimeError as error:  # it raised this from the first of them, a traceback
        raise SettingsError(SettingsFault.HOME_UNKNOWN, name="HOME", number=os.getuid()) from error
    try:
        here, config = env_files()
    except OSError as error:  # the current folder was removed under the shell: Path.cwd raised it, a traceback
        fault = (
            SettingsFault.CURRENT_FOLDER_GONE if error.errno == errno.ENOENT else SettingsFault.CURRENT_FOLDER_CLOSED
        )
        raise SettingsError(fault, file=Path(".env"), detail=str(error.strerror or error)) from error
    for path in (here, config):
        try:
            if not path.is_file():
                continue
        except OSError as error:  # a folder on its way the user may not enter: Path.is_file raised it. The current
            # folder's: `sudo -u storybot ...` run from root's home; the config folder's: a HOME that is another user's.
            fault = SettingsFault.CONFIG_FOLDER_CLOSED if path == config else SettingsFault.CURRENT_FOLDER_CLOSED
            raise SettingsError(fault, file=path, detail=str(error.strerror)) from error
        for name, value in _env_file_values(path).items():
            if "\0" in name or "\0" in (value or ""):  # the environment cannot hold one: a ValueError traceback
                raise SettingsError(SettingsFault.NUL_CHARACTER, file=path)
            if value is not None and name not in os.environ:
                os.environ[name] = _from_folder(value, path.parent) if name in PATH_SETTINGS else value
                loaded.add(name)
    return frozenset(loaded)


def _env_file_values(path: Path) -> Mapping[str, str | None]:
    """The file's settings, read once: its lines are checked, and its values (${NAME}s filled in) taken, from the same
    text, so a file changed meanwhile cannot pass the check with one text and give the values of another.

    A line python-dotenv cannot read (a quote left open, text after the closing quote) is a SettingsError: it
    skips it, warning without the file's name or the setting's, and the bot ran on without that setting (from the
    bundled stories, or saying that no token was set). The value is not shown: it may be the token."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SettingsError(
            SettingsFault.NOT_UTF8, file=path, number=error.object[error.start], position=error.start
        ) from error
    except OSError as error:  # written as root (sudo) for a bot run as another user: a traceback at every start
        raise SettingsError(SettingsFault.UNREADABLE_FILE, file=path, detail=str(error.strerror)) from error
    bindings = list(parse_stream(io.StringIO(text)))
    for binding in bindings:
        if binding.error:
            original = binding.original.string
            line = binding.original.line + original[: len(original) - len(original.lstrip())].count("\n")
            written = original.strip().split("=", 1)
            name = written[0].removeprefix("export ").strip() if len(written) == 2 else ""
            raise SettingsError(
                SettingsFault.UNREADABLE_LINE, file=path, position=line, name=name if name.isidentifier() else ""
            )
    return dotenv_values(stream=io.StringIO(text), interpolate=True)  # the same text, its ${NAME}s filled in


def _from_folder(value: str, folder: Path) -> str:
    """A relative path taken from `folder`; an absolute one, one from a home (~), "off" or nothing as it is.

    Resolved, so that it is shown as the folder it is ("/home/u/stories", not "/home/u/.config/storybot/../..
    /stories"): resolving follows links as opening it does, where os.path.normpath would drop a linked folder's
    ".." by its name and could name another folder. A link loop is left as it is, for opening it to say so."""
    path = _unquoted(value.strip())
    if not path or path.lower() == INDEX_OFF or path.startswith("~") or Path(path).is_absolute():
        return value
    try:
        return str((folder / path).resolve())
    except (OSError, RuntimeError):  # a link loop (RuntimeError before Python 3.13)
        return str(folder / path)


def bundled_corpus() -> Path:
    """The stories that ship with the project (found from a checkout, else the current folder)."""
    bundled = PROJECT_ROOT / "corpus"
    return bundled if bundled.is_dir() else Path("corpus")


@dataclass(frozen=True, kw_only=True)
class Settings:
    discord_token: str | None = field(default=None, repr=False)
    corpus: Path = field(default_factory=bundled_corpus)
    guild_id: int | None = None
    channels: frozenset[int] = frozenset()
    log_level: str = "INFO"
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    index: Path | None = field(default_factory=default_index_folder)
    """Where saved indexes live (one folder per corpus); None: never save or open one."""
    data: Path = field(default_factory=default_data_folder)
    """Where the bot keeps what servers set and readers said (SQLite), unless database_url is set."""
    database_url: str | None = field(default=None, repr=False)
    """A PostgreSQL server for that instead (it may hold a password: never shown)."""
    question_budget: QuestionBudget = QuestionBudget()
    log_file: Path | None = None
    """Where the bot also writes its log, rotated (None: the console only)."""
    answer_days: int = ANSWER_DAYS
    """Days an answer's question is kept for its buttons (More results, reading on, votes), then deleted."""
    views_mb: int = VIEWS_MB
    """Megabytes the views of servers with stories of their own may hold; least recently asked go first."""
    edit_minutes: int = EDIT_MINUTES
    """Minutes after a question during which an edit of it is answered again, in the bot's reply (0: never)."""
    shelf_stored_mb: int = SHELF_STORED_MB
    """Megabytes of files one server may store in the database, its stories and their kept versions: one database
    serves every server, and nothing a server keeps is deleted by the bot."""
    upload_seconds: int = UPLOAD_SECONDS
    """Seconds an upload may take to download, and then to read (in a worker process, ended past them): a file made
    to come or to read slowly must not hold the uploads waiting behind it for long."""
    upload_mb: int = UPLOAD_MB
    """Megabytes of memory an upload's worker process may take: a file made to balloon as it is read (a packed
    Word file of millions of paragraphs) must not take the machine's memory."""

    @property
    def shards_tag(self) -> str | None:
        """This process's shards in a file name ("shards-0-1"), for the files each process of a sharded bot
        keeps to itself (its heartbeat, its log); None for a bot in one process."""
        if self.shard_ids is None:
            return None
        shards = "-".join(map(str, self.shard_ids))
        if len(shards) > SHARDS_NAMED:  # hundreds of shards in one process: a file name has 255 bytes
            shards = hashlib.sha256(shards.encode()).hexdigest()[:16]
        return f"shards-{shards}"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Reads `env` (default: os.environ after loading the `.env` files, which never override it)."""
        from_files: frozenset[str] = frozenset()
        if env is None:
            from_files = load_env_files()
            env = os.environ

        def get(name: str) -> str | None:
            written = env.get(name, "").strip()
            value = _unquoted(written)
            if value == written and " #" in value.replace("\t", " ") and name not in from_files:
                shown = None if name in SECRET_SETTINGS else value
                raise SettingsError(SettingsFault.INLINE_COMMENT, name=name, value=shown)
            return value or None

        corpus = get("STORYBOT_CORPUS")
        data = get("STORYBOT_DATA")
        index = get("STORYBOT_INDEX")
        log_file = get("STORYBOT_LOG_FILE")
        level = (get("STORYBOT_LOG_LEVEL") or "INFO").upper()
        if level not in LOG_LEVELS:
            raise SettingsError(SettingsFault.NOT_A_LOG_LEVEL, name="STORYBOT_LOG_LEVEL", value=level)
        shard_count = _within(get("STORYBOT_SHARD_COUNT"), "STORYBOT_SHARD_COUNT", Takes(unit=Unit.SHARDS))
        shard_ids = _ids(get("STORYBOT_SHARD_IDS"), "STORYBOT_SHARD_IDS", Takes(unit=Unit.SHARD_NUMBERS))
        if shard_ids is not None:
            if not shard_ids:  # discord.py would run every shard, those of the other processes too
                raise SettingsError(SettingsFault.NO_SHARD, name="STORYBOT_SHARD_IDS")
            shard_ids = tuple(sorted(set(shard_ids)))  # one connection each, and one name for its files
            if shard_count is None:
                raise SettingsError(SettingsFault.SHARDS_UNCOUNTED, name="STORYBOT_SHARD_IDS")
            if any(i >= shard_count for i in shard_ids):
                raise SettingsError(SettingsFault.SHARD_PAST_COUNT, name="STORYBOT_SHARD_IDS", number=shard_count)
        if shard_count is not None and shard_count > MAX_SHARD_COUNT:
            raise SettingsError(SettingsFault.TOO_MANY_SHARDS, name="STORYBOT_SHARD_COUNT", number=shard_count)
        answer_days = _within(
            get("STORYBOT_ANSWER_DAYS"), "STORYBOT_ANSWER_DAYS", Takes(unit=Unit.DAYS, high=MAX_ANSWER_DAYS)
        )
        views_mb = _within(get("STORYBOT_VIEWS_MB"), "STORYBOT_VIEWS_MB", Takes(unit=Unit.MEGABYTES))
        edit_minutes = _within(
            get("STORYBOT_EDIT_MINUTES"),
            "STORYBOT_EDIT_MINUTES",
            Takes(unit=Unit.MINUTES, low=0, high=MAX_EDIT_MINUTES),
        )
        shelf_stored_mb = _within(
            get("STORYBOT_SHELF_STORED_MB"), "STORYBOT_SHELF_STORED_MB", Takes(unit=Unit.MEGABYTES)
        )
        upload_seconds = _within(
            get("STORYBOT_UPLOAD_SECONDS"), "STORYBOT_UPLOAD_SECONDS", Takes(unit=Unit.SECONDS, high=MAX_UPLOAD_SECONDS)
        )
        upload_mb = _within(
            get("STORYBOT_UPLOAD_MB"),
            "STORYBOT_UPLOAD_MB",
            Takes(unit=Unit.MEGABYTES, low=MIN_UPLOAD_MB, high=MAX_UPLOAD_MB),
        )
        return cls(
            discord_token=_token(get("DISCORD_TOKEN")),
            corpus=_path(corpus, "STORYBOT_CORPUS") if corpus else bundled_corpus(),
            guild_id=_discord_id(get("STORYBOT_GUILD_ID"), "STORYBOT_GUILD_ID"),
            channels=frozenset(_discord_ids(get("STORYBOT_CHANNELS"), "STORYBOT_CHANNELS")),
            log_level=level,
            shard_count=shard_count,
            shard_ids=shard_ids,
            index=None
            if (index or "").lower() == INDEX_OFF
            else _path(index, "STORYBOT_INDEX")
            if index
            else default_index_folder(),
            data=_path(data, "STORYBOT_DATA") if data else default_data_folder(),
            database_url=get("STORYBOT_DATABASE_URL"),
            question_budget=_budget(get("STORYBOT_QUESTION_BUDGET")),
            log_file=_path(log_file, "STORYBOT_LOG_FILE") if log_file else None,
            answer_days=ANSWER_DAYS if answer_days is None else answer_days,
            views_mb=VIEWS_MB if views_mb is None else views_mb,
            edit_minutes=EDIT_MINUTES if edit_minutes is None else edit_minutes,
            shelf_stored_mb=SHELF_STORED_MB if shelf_stored_mb is None else shelf_stored_mb,
            upload_seconds=UPLOAD_SECONDS if upload_seconds is None else upload_seconds,
            upload_mb=UPLOAD_MB if upload_mb is None else upload_mb,
        )


DISCORD_ID_LIMIT = 1 << 63
"""Discord's ids (snowflakes) are positive and below 2**63, the database's integers."""
MAX_SHARD_COUNT = 2**31 - 1
"""A shard id is the second key of a PostgreSQL advisory lock (an int4) while the bot runs, and this one is not
a shard: it stands for every shard (bot.discord_app.database_lock)."""
MOST_DIGITS = 30
"""No setting takes a number of more digits (a Discord id has at most 19); int() refuses one of over 4,300 with a
ValueError, which was a traceback at start."""


def _unquoted(value: str) -> str:
    """The value without one pair of quotes around it: `docker run --env-file .env` (and podman's) pass
    DISCORD_TOKEN="abc" on as it is written, quotes and all, where python-dotenv and compose take them off.
    No token, path, id or budget starts and ends with a quote."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def _path(value: str, name: str) -> Path:
    """A folder or file setting, "~" and "~user" taken as their home folders."""
    try:
        return Path(value).expanduser()
    except RuntimeError as error:  # "~nobody-here/stories": pathlib finds no such home
        home = value.split("/", 1)[0]
        raise SettingsError(SettingsFault.NO_HOME, name=name, value=_start(value), detail=home) from error


def _token(value: str | None) -> str | None:
    """A token is one word: a space or an invisible character in it is named here, not sent to Discord, whose 401
    would send the owner to reset a good token."""
    for position, character in enumerate(value or ""):
        if character.isspace() or not (character.isascii() and character.isprintable()):
            raise SettingsError(
                SettingsFault.TOKEN_CHARACTER, name="DISCORD_TOKEN", value=character, position=position + 1
            )
    return value


def _within(value: str | None, name: str, takes: Takes) -> int | None:
    """A whole number of what `takes` counts, within its bounds, or None when the setting is not given."""
    if value is None:
        return None
    number = _number(value, name, takes)
    if number < takes.low or (takes.high is not None and number > takes.high):
        raise SettingsError(SettingsFault.OUT_OF_RANGE, name=name, number=number, takes=takes)
    return number


def _number(value: str, name: str, takes: Takes) -> int:
    if not _is_digits(value) or len(value) > MOST_DIGITS:
        raise SettingsError(SettingsFault.NOT_A_NUMBER, name=name, value=_start(value), takes=takes)
    return int(value)


def _start(value: str) -> str:
    """A value as a message quotes it: its start, for one too long to read in a line."""
    return value if len(value) <= MOST_DIGITS else value[:MOST_DIGITS] + "…"


def _is_digits(value: str) -> bool:
    """ASCII digits only: str.isdigit() also takes "²" and "³", which int() refuses."""
    return value.isascii() and value.isdigit()


def _ids(value: str | None, name: str, takes: Takes) -> tuple[int, ...] | None:
    if value is None:
        return None
    return tuple(_number(p, name, takes) for p in _listed(value))


def _listed(value: str) -> list[str]:
    """The items of a list separated by commas or spaces."""
    return [p for p in value.replace(" ", ",").split(",") if p]


def is_discord_id(text: str) -> bool:
    """Whether `text` can name a server or a channel: digits, never 0 (it was taken for "not set") nor a
    number past 64 bits (Discord answers 404, which read as an outage)."""
    return _is_digits(text) and len(text) <= MOST_DIGITS and 0 < int(text) < DISCORD_ID_LIMIT


def _discord_id(value: str | None, name: str) -> int | None:
    return None if value is None else _checked_id(value, name)


def _discord_ids(value: str | None, name: str) -> tuple[int, ...]:
    return () if value is None else tuple(_checked_id(p, name) for p in _listed(value))


def _checked_id(text: str, name: str) -> int:
    if _is_digits(text) and not is_discord_id(text):
        raise SettingsError(SettingsFault.NOT_A_DISCORD_ID, name=name, value=_start(text))
    return _number(text, name, Takes(unit=Unit.DISCORD_ID))


def _budget(value: str | None) -> QuestionBudget:
    if value is None:
        return QuestionBudget()
    questions, _, seconds = value.partition("/")
    questions, seconds = questions.strip(), seconds.strip()
    if not (_is_digits(questions) and _is_digits(seconds)) or max(len(questions), len(seconds)) > MOST_DIGITS:
        raise SettingsError(SettingsFault.NOT_A_BUDGET, name="STORYBOT_QUESTION_BUDGET", value=_start(value))
    budget = QuestionBudget(int(questions), int(seconds))
    if not budget.within_limits():
        raise SettingsError(SettingsFault.BUDGET_OUT_OF_RANGE, name="STORYBOT_QUESTION_BUDGET", value=value)
    return budget
