from dataclasses import replace
from pathlib import Path

import discord

import bot.discord_app.render as render
from bot.core.answer import Excerpt
from bot.core.corpus import capped_title
from bot.core.library import StoryLibrary
from bot.core.query import Correction
from bot.discord_app.render import (
    CHOICE_LIMIT,
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    FIELD_LIMIT,
    MESSAGE_LIMIT,
    TITLE_LIMIT,
    answer_embed,
    candidates_embed,
    clip,
    marked_excerpt,
    no_answer_text,
    not_found_text,
    person_embed,
    stories_embed,
    story_label,
    story_mention,
)
from bot.operations.ask import ask
from bot.operations.list_stories import list_page
from bot.operations.look_up_person import PersonFound, PersonLookup, PersonRef
from bot.operations.resolve_story import resolve_story
from bot.operations.story_ref import StoryRef
from tests.discord_app.bot_process import bot_on_fake_discord
from tests.discord_app.fake_discord import MANAGE_SERVER
from tests.discord_app.test_end_to_end import callback
from tests.discord_app.test_shelves import ask as asked_by_mention
from tests.discord_app.test_shelves import followup


def within_limits(embed: discord.Embed) -> bool:
    return (
        len(embed) <= EMBED_TOTAL_LIMIT
        and len(embed.title or "") <= TITLE_LIMIT
        and len(embed.description or "") <= DESCRIPTION_LIMIT
        and all(len(f.value or "") <= FIELD_LIMIT for f in embed.fields)
    )


def test_matched_words_bold_and_markdown_shown_literally():
    text = "She *played* the `violin` in __Moscow__"
    excerpt = Excerpt(text, ((text.index("violin"), text.index("violin") + 6),))
    assert marked_excerpt(excerpt) == r"She \*played\* the \`**violin**\` in \_\_Moscow\_\_"


def test_adjacent_matches_share_one_bold_span():
    excerpt = Excerpt("Sophie Korolev played", ((0, 6), (7, 14)))
    assert marked_excerpt(excerpt) == "**Sophie Korolev** played"


def test_a_matched_word_holding_a_zero_width_joiner_is_bold_whole(tmp_path):
    # A zero-width joiner or non-joiner cut its word in two: asked without it, the word was not found, and the
    # halves were no match to mark.
    (tmp_path / "garden.md").write_text(
        "# The Garden\n\nAnatole's fa\u200dther mended the gate.\n\nمن می\u200cخواهم به باغ بروم.", encoding="utf-8"
    )
    (tmp_path / "baker.md").write_text("# The Baker\n\nMarta baked bread.\n\nThe oven was hot.", encoding="utf-8")
    library = StoryLibrary.load(tmp_path)
    for question, bold in [("Whose father?", "**fa\u200dther**"), ("میخواهم", "**می\u200cخواهم**")]:
        best = library.ask(question).best
        assert best is not None and bold in marked_excerpt(best.excerpt), question


def test_clip_cuts_between_words():
    assert clip("one two three four", 12) == "one two…"
    assert clip("short", 10) == "short"


def test_answer_embed_stays_within_discord_limits_whatever_the_corpus(tmp_path):
    title = "An *Exceedingly* Long Title " * 300
    paragraph = " ".join(["The violinist_played **loudly** at <@123> and @everyone cheered."] * 18)
    others = "\n\n".join(f"Chapter {n}: the {w} came and went." for n, w in enumerate(["rain", "snow", "wind"] * 5))
    for n in range(5):
        (tmp_path / f"story{n}.md").write_text(f"# {title}{n}\n\n{paragraph}\n\n{others}")
    library = StoryLibrary.load(tmp_path)
    asked = ask(library, "violinist " * 100)
    embed = answer_embed(asked)
    assert within_limits(embed)
    assert embed.footer.text == f"Q: {asked.answer.question}"
    assert "**violinist**" in (embed.description or "")


def test_a_word_searched_for_several_typos_is_said_once(library):
    # A hundred typos of "audience" (under the question's limit) were a hundred "*audience*" over the passage.
    typos = ["audiance", "audeince", "adience", "auddience", "audienec", "audiience", "audince", "auidence"]
    asked = ask(library, "How did the " + " ".join(typos) + " react to Sophie?")
    assert len(asked.answer.corrections) == len(typos)
    description = answer_embed(asked).description or ""
    assert description.startswith("Showing results for *audience*\n\n")


def test_a_pronoun_taken_to_mean_the_story_s_lead_is_said_over_the_answer_as_that(tmp_path):
    # It was said as words searched instead ("Showing results for *Priya Nair*"), which they were not.
    plots = Path(__file__).resolve().parents[2] / "bench" / "untuned" / "corpus"
    (tmp_path / "office.md").write_bytes((plots / "office.md").read_bytes())
    library = StoryLibrary.load(tmp_path)
    asked = ask(library, "what does she do", story=resolve_story(library, "office").story)
    description = answer_embed(asked).description or ""
    assert description.startswith('Taking "she" to mean Priya Nair.\n\n') and "Showing results" not in description
    # Under the words searched instead, where a typo was corrected too, as the command line says them
    corrected = replace(asked.answer, corrections=(Correction("wrok", "work"),))
    description = answer_embed(replace(asked, answer=corrected)).description or ""
    assert description.startswith('Showing results for *work*\n\nTaking "she" to mean Priya Nair.\n\n')


def test_a_huge_title_is_cut_before_its_markdown_is_escaped(tmp_path, monkeypatch):
    # discord.py's escape_markdown takes time quadratic in a line of "[" (its link pattern backtracks): a
    # story whose title line was 100,000 of them (any story file or upload can have one) blocked the event
    # loop for seconds at every answer from it, for every server. Only what can be shown is escaped now.
    title = "[" * 100_000
    (tmp_path / "brackets.md").write_text(f"# {title}\n\nThe wizard spoke in riddles.\n\nNobody understood him.")
    (tmp_path / "baker.md").write_text(f"# {title}\n\nThe baker baked bread.\n\nThe wizard bought some.")
    library = StoryLibrary.load(tmp_path)
    escaped: list[int] = []
    real = render.escape_markdown

    def escape_markdown(text):
        escaped.append(len(text))
        return real(text)

    monkeypatch.setattr(render, "escape_markdown", escape_markdown)
    embed = answer_embed(ask(library, "who spoke in riddles"))
    assert within_limits(embed) and embed.title == "\\[" * (TITLE_LIMIT // 2 - 1) + "…"  # as much as fits, escaped
    no_answer = no_answer_text(ask(library, "zebra", story=resolve_story(library, "brackets.md").story).answer)
    assert len(no_answer) <= MESSAGE_LIMIT and "\\[\\[\\[" in no_answer
    assert max(escaped) <= MESSAGE_LIMIT


def test_a_title_of_brackets_is_escaped_with_no_link_left_to_start(tmp_path):
    # discord.py's escape_markdown looks for masked links with `\\[.+\\]\\(.+\\)`, which backtracks: a line of "["
    # then "](" took time cubic in its length, on the event loop, at each no-answer or unclear-story message
    # naming a story so titled. The bot escapes every "[" in one pass instead; bench/bench_escape_markdown.py
    # compares the two side by side (0.27 ms against 164 ms for 2,000 characters).
    title = "[" * 1000 + "](" * 500
    (tmp_path / "brackets.md").write_text(f"# {title}\n\nThe wizard spoke in riddles.\n\nNobody understood him.")
    (tmp_path / "baker.md").write_text("# Baker\n\nThe baker baked bread.\n\nThe wizard bought some.")
    library = StoryLibrary.load(tmp_path)
    text = no_answer_text(ask(library, "zebra", story=resolve_story(library, "brackets.md").story).answer)
    shown = capped_title(title).count("[")  # the title as read: 199 of its "[" (bot.core.corpus.MAX_TITLE_CHARS)
    assert len(text) <= MESSAGE_LIMIT and text.count("[") == text.count("\\[") == shown  # none left to start a link


def test_markdown_is_escaped_where_discord_reads_it_and_links_are_left_whole():
    assert render.escape_markdown("a_b*c~d|e`f\\g [x](https://e.com/a_b)") == (
        "a\\_b\\*c\\~d\\|e\\`f\\\\g \\[x](https://e.com/a_b)"
    )
    assert (
        render.escape_markdown("> quote\n# Title\n<https://e.com/a_b>") == "\\> quote\n\\# Title\n<https://e.com/a_b>"
    )
    # a list item after a blank line: discord.py put its backslash before the blank line, leaving the "-"
    assert render.escape_markdown("Fed:\n\n- the hens\n  - the goats") == "Fed:\n\n\\- the hens\n  \\- the goats"


def test_mentions_are_escaped_and_what_only_looks_like_one_is_left_as_it_is():
    typed = "<@1> <@!2> <@&3> <#4> </help:5> @everyone @here; <3 <#x> <@me> bob@hereford.org @everyones <t:x> <:a:>"
    assert render.escape_markdown(typed) == (
        "\\<@1> \\<@!2> \\<@&3> \\<#4> \\</help:5> \\@everyone \\@here; "
        "<3 <#x> <@me> bob@hereford.org @everyones <t:x> <:a:>"
    )
    drawn = "<t:6> <t:-6:R> <:wave:123> <a:dance:456> <id:customize>"  # a time, emoji, a link to a server's page
    assert render.escape_markdown(drawn) == "\\<t:6> \\<t:-6:R> \\<:wave:123> \\<a:dance:456> \\<id:customize>"


def test_performer_and_candidate_embeds_within_limits():
    story = StoryRef(
        id="a" * 16, title="Story " * 900, path="s/" * 500 + "s.txt", passages=1, title_shared=True, version="0" * 8
    )
    giant = PersonRef(id="a" * 16 + ":bbbbbbbb", name="Anna " * 100, story=story, intro="Intro " * 2000, mentions=3)
    assert within_limits(person_embed(giant))
    lookup = PersonLookup(query="Anna", found=PersonFound.AMBIGUOUS, people=(giant,) * 25)
    assert within_limits(candidates_embed(lookup))
    nobody = PersonLookup(query="x" * 5000, found=PersonFound.NONE, suggestions=("Anna " * 100,) * 3)
    assert len(not_found_text(nobody)) <= MESSAGE_LIMIT


def test_a_name_more_people_have_than_a_pick_list_holds_lists_those_it_holds_and_says_how_to_find_the_others():
    # 40 people called Jack were all listed over "Pick one below.", where Discord's select offered the first 25.
    people = tuple(
        PersonRef(
            id=f"{n:016x}:bbbbbbbb",
            name="Jack",
            story=StoryRef(
                id=f"{n:016x}", title=f"Tale {n}", path=f"tale-{n}.md", passages=3, title_shared=False, version="0" * 8
            ),
            intro="Jack was a farmer.",
            mentions=2,
        )
        for n in range(40)
    )
    embed = candidates_embed(PersonLookup(query="jack", found=PersonFound.AMBIGUOUS, people=people))
    description = embed.description or ""
    assert within_limits(embed)
    assert "Tale 24\n" in description and "Tale 25" not in description
    assert '…and 15 others, not in the list below: ask /ask "Who is jack?" with its story option set to theirs.' in (
        description
    )
    few = candidates_embed(PersonLookup(query="jack", found=PersonFound.AMBIGUOUS, people=people[:25]))
    assert "Tale 24\n" in (few.description or "") and "others" not in (few.description or "")


def test_stories_are_paged(tmp_path):
    for n in range(40):
        (tmp_path / f"tale-{n:02}.txt").write_text(f"Tale number {n}.\n\nIt ends.")
    library = StoryLibrary.load(tmp_path)
    first, last = stories_embed(list_page(library, 0, 15)), stories_embed(list_page(library, 2, 15))
    assert first.footer.text == "Page 1 of 3" and last.footer.text == "Page 3 of 3"
    assert first.description and last.description
    assert "Tale 00" in first.description and "Tale 39" in last.description and "Tale 00" not in last.description
    assert within_limits(first)


def test_a_title_or_file_name_with_line_breaks_or_bidi_controls_is_named_on_one_line():
    # An uploaded story's title and file name are what its uploader wrote: "\n" in one broke the sentence or
    # the pick list naming it, and U+202E turned the rest of the line around.
    title, path = "The Mill\nAdded (9): `all`\u202eevil", "a\u2028b/mill\x1b[1A.md"
    story = StoryRef(id="d" * 16, title=title, path=path, passages=1, title_shared=True, version="0" * 8)
    shown = [story_mention(story), story_label(story, CHOICE_LIMIT)]
    assert shown[0] == r"*The Mill\\nAdded (9): \`all\`\\u202eevil* · `a\u2028b/mill\x1b[1A.md`"
    assert shown[1] == r"The Mill\nAdded (9): `all`\u202eevil (a\u2028b/mill\x1b[1A.md)"
    assert all(text.isprintable() for text in shown)


def test_a_story_another_has_the_title_of_is_named_with_its_file():
    shared = StoryRef(id="a" * 16, title="Chapter", path="b/chapter.md", passages=3, title_shared=True, version="0" * 8)
    alone = StoryRef(
        id="b" * 16, title="The *Old* Mill", path="mill.md", passages=2, title_shared=False, version="0" * 8
    )
    assert story_mention(shared) == "*Chapter* · `b/chapter.md`"
    assert story_mention(alone) == r"*The \*Old\* Mill*"
    long = StoryRef(
        id="c" * 16, title="Chapter", path="x/" * 80 + "chapter.md", passages=1, title_shared=True, version="0" * 8
    )
    label = story_label(long, CHOICE_LIMIT)
    assert len(label) <= CHOICE_LIMIT and label.startswith("Chapter (…") and label.endswith("chapter.md)")
    assert story_label(alone, CHOICE_LIMIT) == "The *Old* Mill"


def test_a_file_named_with_a_backtick_is_named_whole_in_its_code_span():
    # file_span took a name's backticks out, so the file it named was not the story's ("toms tale.md").
    story = StoryRef(id="e" * 16, title="Tale", path="tom`s *tale*.md", passages=1, title_shared=True, version="0" * 8)
    assert story_mention(story) == "*Tale* · ``tom`s *tale*.md``"


async def test_a_title_and_question_holding_line_breaks_and_bidi_controls_reach_discord_on_one_line(tmp_path):
    # Embed titles, fields and footers took names as written: U+202E in an uploaded story's title turned the rest
    # of the answer's title around (its line break the core makes a space), and so in the reply to the upload, the
    # list of stories and a question's footer. The real bot process against the fake Discord.
    async with bot_on_fake_discord(tmp_path) as (fake, _):
        upload = fake.attach("weir.txt", b"Ottilie opened the weir at dawn.\n\nThe water rushed through the mill.")
        title = "The Weir\nAdded (9): `all`\u202eevil"
        mark, interaction = await fake.subcommand("story", "add", permissions=MANAGE_SERVER, file=upload, title=title)
        added = (await followup(fake, interaction, mark))["content"]
        answer = await asked_by_mention(fake, "Who opened\nthe \u202eweir at dawn?")
        assert answer is not None
        step = await fake.slash("stories")
        listed = (await callback(fake, step))["data"]["embeds"][0]["description"]
    shown = r"The Weir Added (9): \`all\`\\u202eevil"  # U+202E as an escape, Discord's markdown escaped
    assert (answer["embeds"][0]["title"], answer["embeds"][0]["footer"]["text"]) == (
        shown,
        r"Q: Who opened the \u202eweir at dawn?",
    )
    assert f"**{shown}**" in listed
    assert added == f'Added "{shown}" (`weir.txt`) to this server\'s stories.'


def test_an_embed_as_text_fits_one_message_with_its_bold_closed_and_its_footer_kept():
    """Where the bot may not embed, an answer is sent as text, which holds 2,000 characters to an embed's 6,000:
    a passage cut inside its bold matched words left "**" open, and the rest of the reply bold."""
    passage = "a " * 900 + r"\*\* **" + "b " * 600 + "**"
    embed = discord.Embed(title="The Violinist", description=passage)
    embed.add_field(name="Passage", value="1 of 6")
    embed.set_footer(text="Q: where was *sofia* born")
    text = render.embed_text(embed)
    assert len(text) <= MESSAGE_LIMIT
    assert text.startswith("**The Violinist**\na a ") and text.count(" **") == 1 and text.count("…**") == 1
    assert text.endswith("**Passage**\n1 of 6\n\n-# Q: where was \\*sofia\\* born")
