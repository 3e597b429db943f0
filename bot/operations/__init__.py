"""The use cases the front ends run, between the core and them: one module an operation.

The command line, the console and Discord call these, never the core, to open and reload the library,
ask, look up a person, resolve, list and suggest stories, and read a passage. Each returns frozen
records of plain data with reason codes (a `StrEnum` saying what happened), never English (bot.messages
words them), and imports nothing from discord, argparse or either front end. A story is named by its
stable id (StoryRef.id), a person by theirs (PersonRef.id), never by a title or a list position.

A new operation is a new module here: a function of the library (and its arguments) that returns a
record of its own.
"""
