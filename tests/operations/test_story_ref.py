from bot.core.story_ids import story_id
from bot.operations.story_ref import story_position, story_ref


def test_a_reference_names_the_story_by_its_path_and_knows_a_shared_title(lookalikes):
    refs = [story_ref(lookalikes, i) for i in range(len(lookalikes.corpus.stories))]
    by_path = {ref.path: ref for ref in refs}
    assert by_path["a/chapter.md"].title == by_path["b/chapter.md"].title == "Chapter"
    assert by_path["a/chapter.md"].title_shared and by_path["sofia-ballerina.md"].title_shared
    assert not by_path["the-old-mill.md"].title_shared
    assert all(ref.id == story_id(ref.path) for ref in refs) and len({ref.id for ref in refs}) == len(refs)
    assert [story_position(lookalikes, ref) for ref in refs] == list(range(len(refs)))
    assert by_path["b/chapter.md"].passages == 3
