from bot.discord_app.exts.stories import StoriesPage, pager
from bot.discord_app.render import DESCRIPTION_LIMIT, STORIES_PER_PAGE
from tests.discord_app.bot_process import bot_on_fake_discord
from tests.discord_app.test_end_to_end import callback


async def test_story_pages_have_previous_and_next_only_when_needed():
    assert pager(15, 0, 7) is None
    first = pager(40, 0, 7)
    assert first is not None
    previous, following = first.children
    assert isinstance(previous, StoriesPage) and isinstance(following, StoriesPage)
    assert previous.item.disabled and not following.item.disabled
    assert following.item.custom_id == "storybot:stories:1:next:7"  # 7 asked: their clicks page in place
    last = pager(40, 2, 7)
    assert last is not None and isinstance(last.children[1], StoriesPage)
    assert last.children[1].item.disabled


async def test_a_page_of_long_titles_shared_and_shown_with_their_files_shows_every_story_of_it(tmp_path):
    """15 stories of one long title, each shown with its file: the page passed Discord's 4,096 characters of a
    description and was clipped, its last stories never shown on any page. The real bot against the fake Discord."""
    folder = tmp_path / "stories" / "stories-that-share-one-long-title-kept-together-in-a-folder-of-their-own"
    folder.mkdir(parents=True)
    title = ("The_Mill at the_Weir, " * 7)[:150]  # its marks escaped: longer shown than written
    for number in range(17):
        (folder / f"the-mill-at-the-weir-{number:02}.md").write_text(
            f"# {title}\n\nOttilie opened weir number {number} at dawn.\n", encoding="utf-8"
        )
    async with bot_on_fake_discord(tmp_path / "data", STORYBOT_CORPUS=str(tmp_path / "stories")) as (fake, _):
        step = await fake.slash("stories")
        (embed,) = (await callback(fake, step))["data"]["embeds"]
    lines = embed["description"].split("\n")
    assert len(embed["description"]) <= DESCRIPTION_LIMIT and len(lines) == STORIES_PER_PAGE
    for number, line in enumerate(lines):
        assert line.startswith(r"**The\_Mill at the\_Weir") and f"the-mill-at-the-weir-{number:02}.md" in line
    assert embed["footer"]["text"] == "Page 1 of 2"
