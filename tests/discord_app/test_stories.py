from bot.discord_app.exts.stories import StoriesPage, pager


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
