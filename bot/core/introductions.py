"""The person whose introduction answers a question: a plot says who someone is where it brings them in.

"Who is Ivan?", "What is Hannah's job?", "leonie job" (bot.core.query.name_asked), "Who is Gwen's father?"
(bot.core.kin_asked), "Who is the captain?" (bot.core.role_asked), "Who is the main character?"
(bot.core.lead_asked): each is answered by the passage introducing one person, and its excerpt leads with the
sentence that does (bot.core.library).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from functools import partial

from bot.core.analysis import fold, words
from bot.core.corpus import Passage, Story
from bot.core.kin_asked import (
    KIN,
    MEN,
    WOMEN,
    KinAsked,
    introduces_as_blood_kin,
    introduces_as_kin,
    kin_asked_about,
    kin_named,
)
from bot.core.lead_asked import asks_for_lead
from bot.core.people import FindsPeople, Person
from bot.core.people_finder import kinds_of_people
from bot.core.query import ASKED_OF_NAME, Correction, NameAsked, name_asked
from bot.core.role_asked import (
    RoleOf,
    given_alone,
    introduces_as_role_of,
    introduces_in_role,
    kinds_answer,
    misspelt_role,
    named_last,
    owning_role,
    role_asked_about,
    role_asked_alone,
    role_of_asked_about,
    role_term,
    role_terms,
    role_words,
    role_words_in,
    role_written_apart,
    roles_owned_at,
    roles_said_in,
    writes_role,
    writes_role_stem,
)
from bot.core.slips import bare_word, possessive_end, slip_of
from bot.core.spouse_asked import SPOUSES, SpouseAsked, asks_of_now, marriage_told, spouse_asked_about


@dataclass(frozen=True)
class Introduction:
    person: Person
    """Whose introducing passage answers."""
    forgiven: str | None = None
    """The name asked about as typed, where the person was found by forgiving its misspelling ("ron" for Ro): the
    answer says so, as it says a word's correction."""


def person_introduced(
    question: str,
    people: FindsPeople,
    stories: Sequence[Story],
    passages: Sequence[Passage],
    within: range | None,
    ranked_stories: Sequence[int],
    written: Callable[[str], bool],
) -> Introduction | None:
    """The person a question asks who they are, or what a story says when it introduces them ("What is X's job?"),
    where one person of the stories (of one story: `within` its passages) has that name and a passage introducing
    them; None where the name is no one's, or may be another's too: "Karim" may be Karim Benali as well as Karim,
    whose whole name it is, whom a lookup takes. Or the relative asked for ("Who is Gwen's father?"), whose
    introduction says who they are to that person; or the one person of the story ranked first (the first of
    `ranked_stories`, the stories in their rank, each once) brought in with the role asked for ("Who is the captain?",
    _role_holder: asked alone, of the first story that writes the role's word), or its most mentioned ("Who is the
    main character?").
    Or the one person brought in as holding a role for the person named ("Who is Priya's boss?": "her manager, Don
    Keller", where Priya is the person last named before it in the story's `passages`); where no one is, the question
    is read as the rules below read it. Whom someone marries or is engaged to ("Who does Beatrice marry?", and "Who
    is Guilhem's wife?" where no one is brought in as his wife) moves the person's introduction to the sentence
    telling it (bot.core.spouse_asked); where none does, a relative asked for has no answer here, and a verb's
    question is read as the rules below read it.
    `written` says whether the stories write a word as typed: a name they write is no one's misspelling."""
    kin = kin_asked_about(question)
    if kin is not None:
        relative = _introducing(_kin_introduced(people, stories, passages, kin, within, written, alone=False))
        if relative is not None or kin.called[0] not in SPOUSES:
            return relative
        spouse: SpouseAsked | None = SpouseAsked(
            kin.owner,
            engaged=SPOUSES[kin.called[0]],
            now=asks_of_now([fold(word) for word, _, _ in words(question)]) and not SPOUSES[kin.called[0]],
        )
    else:
        spouse = spouse_asked_about(question)
    if spouse is not None:
        told = _marriage_told(people, stories, passages, spouse, within, written)
        if told is not None or kin is not None:
            return told
    role_of = role_of_asked_about(question)
    holder = None if role_of is None else _role_of_introduced(people, stories, passages, role_of, within, written)
    if holder is not None:
        return Introduction(holder)
    if asks_for_lead(question):  # before a role: "Who is the protagonist?" is asked in a role's words too
        return None if not ranked_stories else _introducing(lead_of(people, stories[ranked_stories[0]]))
    role = role_asked_about(question)
    if role is not None:
        if not role_asked_alone(question):  # "at the abbey": the role's own word, in the story ranked first, as asked
            first = ranked_stories[:1]
            return None if not first else _introducing(_brought_in_as(people, stories[first[0]], (role,)))
        return _introducing(_role_holder(people, [stories[story] for story in ranked_stories], passages, role))
    about = name_asked(question)
    if about is None:
        return None
    kin = kin_named(about.name)  # "What does Nora's father do for a living?"
    if kin is None:
        return _one_person(people, about, within, written)
    return _introducing(_kin_introduced(people, stories, passages, kin, within, written, alone=about.alone))


_RULE_WORDS = frozenset(
    {*KIN, *(called for calls in KIN.values() for called in calls), *(w for a in ASKED_OF_NAME for w in a.split())}
    | {"name", "called", "named", "work", "living"}
)
"""The words the rules above read a question's shape by, beside its names and roles: "father", "job", "called"."""


def as_asked(question: str, corrections: Sequence[Correction], written: Callable[[str], bool]) -> str:
    """The question with the spelling corrector's corrections of the rules' own words applied ("fathr" as
    "father", "jobb" as "job", "wrok" as "work") and of a role asked for ("who is the buttler" as "who is the
    butler"), a possessive's "'s" kept: "who is gwen's fathr" asks what "who is gwen's father" does. Names are left as
    typed, a correction falling within the name asked about too ("who is calleb", Caleb, not "who is called"): the
    people lookup forgives a misspelt name only where it should (a name typed alone never). A correction into a word
    the name holds as typed is none of the name's: "whats job hunters jobb" asks Job Hunter's job. The rules' words
    typed a letter off that the corrector leaves are read so too (_rule_words_slipped: "jbo", "wif"), but for words the
    stories write (`written`: "Hans Sohn" is no "son")."""
    corrected = _corrected(question, {c.word: c.replacement for c in corrections})
    role = role_asked_about(corrected)
    if role_asked_alone(corrected):  # asked with more, read as main reads it: the correction into the role kept
        fixed = {c.word: c.replacement for c in corrections if c.replacement in _RULE_WORDS or _role_kept(c, role)}
        fixed |= _role_misspelt(question, role, written)
    else:
        fixed = {c.word: c.replacement for c in corrections if c.replacement in _RULE_WORDS or c.replacement == role}
    fixed |= _rule_words_slipped(question, {c.word for c in corrections}, written)
    text = _corrected(question, fixed)
    kin = kin_asked_about(text)
    about = name_asked(text) if kin is None and role_asked_about(text) is None else None
    kin = kin if about is None else kin_named(about.name)
    name = kin.owner if kin is not None else about.name if about is not None else ""
    named = Counter(fold(word) for word, _, _ in words(name))
    typed_so = Counter(fold(word) for word, _, _ in words(question))
    kept = {typed: word for typed, word in fixed.items() if named[word] <= typed_so[word]}
    return text if kept == fixed else _corrected(question, kept)


def _role_kept(correction: Correction, role: str | None) -> bool:
    """Whether a correction into the role asked for is kept: unless it turns a word for a kind of person into a word
    for none ("prosecutor", which no story writes, searched as "prosecution", is still asked as "prosecutor")."""
    people = kinds_of_people()
    return correction.replacement == role and (role in people or fold(correction.word) not in people)


def _role_misspelt(question: str, role: str | None, written: Callable[[str], bool]) -> dict[str, str]:
    """The role asked for as typed, and the word for a kind of person it misspells (bot.core.role_asked.misspelt_role:
    "who is the prosecuter"), where it does; else none."""
    right = None if role is None else misspelt_role(role, written)
    typed = next((word for word, _, _ in words(question) if fold(word) == role), None)
    return {} if right is None or typed is None else {typed: right}


def _rule_words_slipped(question: str, corrected: set[str], written: Callable[[str], bool]) -> dict[str, str]:
    """The question's words, as typed, that are one of the rules' own words with one letter more or less or two
    swapped ("jobb", "jbo", "wif", "fathr": bot.core.slips), where the spelling corrector has none: it corrects a word
    only into one the library holds, and a story that never says "job" left "whats ivans jobb" unread; nor one under
    MIN_LENGTH, "jbo" and "wif". Only a word no dictionary knows ("dan" is no "dad") and only one of one rule word."""
    slipped: dict[str, str] = {}
    for word, _, _ in words(question):
        rule = None if word in corrected else slip_of(bare_word(fold(word)), _RULE_WORDS, written)
        if rule is not None:
            slipped[word] = rule
    return slipped


def _corrected(question: str, fixed: dict[str, str]) -> str:
    """The question with each word of `fixed` replaced by its correction, its possessive's "'s" kept (one pass)."""
    if not fixed:
        return question
    parts: list[str] = []
    done = 0
    for word, start, end in words(question):
        replacement = fixed.get(word)
        if replacement is None:
            continue
        mark = possessive_end(word)
        parts += [question[done:start], replacement, mark]
        done = end
    return "".join([*parts, question[done:]])


def _marriage_told(
    people: FindsPeople,
    stories: Sequence[Story],
    passages: Sequence[Passage],
    asked: SpouseAsked,
    within: range | None,
    written: Callable[[str], bool],
) -> Introduction | None:
    """The owner's introduction moved to the sentence of their story telling whom they marry or are engaged to
    (bot.core.spouse_asked: "Guilhem, now thirty-five and married to a weaver named Isabeau" for "Who is Guilhem's
    wife?"), where one does; else None."""
    found = _one_person(people, NameAsked(asked.owner, False), within, written)
    if found is None:
        return None
    owner = found.person
    if owner.passage is None:
        return None
    story = _story_passages(stories, passages, owner.passage)
    cast = people.of_story(owner.path)
    owner_words = {fold(word) for word, _, _ in words(owner.name)}
    told = marriage_told(
        [passage.text for passage in story],
        owner.name,
        [person.name for person in cast if person.name != owner.name],
        asked,
        men=[person.name for person in cast if introduces_as_kin(person.intro, person.name, MEN)],
        women=[person.name for person in cast if introduces_as_kin(person.intro, person.name, WOMEN)],
        kin=[
            person.name
            for person in cast
            if introduces_as_blood_kin(person.intro, person.name)
            and not owner_words.isdisjoint(fold(word) for word, _, _ in words(person.intro))
        ],
    )
    if told is None:
        return None
    where, sentence = told
    first = stories[passages[owner.passage].story].first_passage
    return replace(found, person=replace(owner, passage=first + where, intro=sentence))


def relative_named(
    people: FindsPeople,
    stories: Sequence[Story],
    passages: Sequence[Passage],
    name: str,
    within: range | None,
    written: Callable[[str], bool],
) -> Person | None:
    """The one relative a name asked about is, where it is someone's relative ("Tomasa's husband", "dannys dad":
    bot.core.kin_asked.kin_named) and their story brings that relative in as such (_kin_introduced); else None."""
    kin = kin_named(name)
    return None if kin is None else _kin_introduced(people, stories, passages, kin, within, written, alone=False)


def _introducing(person: Person | None) -> Introduction | None:
    return None if person is None else Introduction(person)


def person_named_alone(people: FindsPeople, name: str, within: range | None) -> Person | None:
    """The one person of the stories (of one story: `within` its passages) with a passage introducing them whose name
    holds `name` as typed, or else with its last "s" left out, a possessive typed bare ("sophies": Sophie Korolev);
    None where it is no one's or several people's. No misspelling is forgiven: a name typed alone, or in a question
    that reads any short words as one (bot.core.kind_asked), would else find someone in most questions."""
    found = set(people.holding(name) or (people.holding(name[:-1]) if name.endswith("s") else ()))
    named = [p for p in found if p.passage is not None and (within is None or p.passage in within)]
    return named[0] if len(named) == 1 else None


def _one_person(
    people: FindsPeople, about: NameAsked, within: range | None, written: Callable[[str], bool]
) -> Introduction | None:
    """The one person of the stories (of one story: `within` its passages) with that name and a passage introducing
    them; None where the name is no one's or may be another's too. A name found by forgiving a misspelling counts
    only where the stories do not write it as typed: "Colin", whom the people finder missed, is not "Con Furey" of
    another story, which a lookup forgives it as, but "whats ivans job" asks of Ivan. A name typed alone is never a
    misspelling: any short question is read as one, and "drgons" asks of dragons, not of Drago. So it is looked up
    by its words alone ("leonies job" by "leonie" too): most such questions name no one, and a lookup forgiving
    misspellings scores every name of a library (15-50 ms for 95,000), for each question."""
    name = about.name
    if about.alone:
        alone = person_named_alone(people, name, within)
        return None if alone is None else Introduction(alone)
    holding = people.holding(name)
    lookup = people.find(name)
    misspelt = lookup.misspelt
    no_misspelling = misspelt and all(written(word) for word, _, _ in words(name))
    found = {*(() if no_misspelling else lookup.matches), *holding}
    if no_misspelling and not holding and name.endswith("s"):
        found = set(_possessive_typed_bare(people, name))
        misspelt = False  # the name less its "s" exactly: no misspelling forgiven
    named = [p for p in found if p.passage is not None and (within is None or p.passage in within)]
    if len(named) != 1:
        return None
    forgiven = misspelt and named[0] not in holding
    if forgiven and _owner_written_exactly(people, name):
        return None  # "sophie korolev's enemy": an enemy the stories do not name, no misspelt Sophie Korolev
    return Introduction(named[0], name if forgiven else None)


def _owner_written_exactly(people: FindsPeople, name: str) -> bool:
    """Whether the name asked is a person's name written exactly, its possessive (its "s" typed bare or not) and a
    word after it ("sophie korolev's enemy", as "who is her enemy" of her story is read): a relative or role no rule
    found, which a lookup forgiving misspellings would take for her name and answer with her introduction, said as a
    correction of what was typed."""
    for word, _, end in words(name)[:-1]:
        mark = possessive_end(word) or ("s" if word.endswith("s") else "")  # "sophie korolevs enemy", as chats type it
        if mark and people.holding(name[: end - len(mark)]):
            return True
    return False


def _possessive_typed_bare(people: FindsPeople, name: str) -> tuple[Person, ...]:
    """The people of a name typed with a possessive's "s" and no apostrophe, as a chat types it, where the stories
    write the name with the "s" as a word of their own: "whats marks job" of Mark, where a story "marks" a page
    (the name as typed is then no misspelling of Mark's). Only the name less its "s" exactly."""
    bare = people.find(name[:-1])
    return () if bare.misspelt else bare.matches


def lead_of(people: FindsPeople, story: Story) -> Person | None:
    """The story's most mentioned person, of two as often mentioned the one it brings in first, as a plot does its
    lead ("Honoria Vale" before "Sir Aldous Penhallow", nine times each)."""
    introduced = [p for p in people.of_story(story.path) if p.passage is not None]
    return min(introduced, key=lambda p: (-p.mentions, p.passage), default=None)


def role_held(people: FindsPeople, story: Story, passages: Sequence[Passage], role: str) -> Person | None:
    """The one person of the story (its passages among the library's `passages`) a fact question asks of by a role
    ("How did the captain die?", "the violinist": bot.core.role_asked.role_in_name): the one brought in with it
    ("Captain Ingrid Solheim"); only where no one is, the one said to hold it where brought in ("Sébastien Kalmurzaeva
    was a renowned violinist", not a former role: "Peter Lund was a captain before he was dismissed"), unless the
    story writes "the" role of another ("The ship's captain ... dies of fever"). None where no one or several hold
    it. "Who is the captain?" reads strictly (_role_holder): a summary often leaves the holder unnamed ("The ship's
    captain, a gruff old sailor"), whose sentence the ranking finds. Not the lead ("the main character"): lead_of's
    most mentioned person need not be the one a summary says it follows or is narrated by, and a fact told of the
    wrong one is worse than the ranking's answer."""
    cast = [person for person in people.of_story(story.path) if person.passage is not None]
    for held in (False, True):
        holding = [person for person in cast if introduces_in_role(person.intro, person.name, role, held=held)]
        if not holding:
            continue
        holder = holding[0] if len(holding) == 1 else None
        if holder is None or not held:
            return holder
        return None if role_written_apart(_texts_of(passages, story), role, holder.name) else holder
    return None


def _role_holder(people: FindsPeople, ranked: Sequence[Story], passages: Sequence[Passage], role: str) -> Person | None:
    """The one person brought in with the role asked alone, or else with a synonym of it ("the physician, Dr. Ilse
    Brandt" for "doctor"), of the first of the `ranked` stories that brings anyone in so, passing over only those that
    never write the role's own word (in any of its forms: "medics"): "Who is the medic?" ranks first a story saying
    "medical" alone, whose stem it shares, and no one of it is one. A story that writes the word and brings no one in
    with it answers no one: its medic is unnamed, or named where the rule does not read it. Where no story brings
    anyone in so, the story ranked first by a narrower word for the role ("district attorney Craig Mollenhauer" for
    "Who is the prosecutor?"), which it calls the role by, writing no word of the role's stem (writes_role_stem: a
    story saying "the villainous magistrate" tells its villain so, and its "charming rogue" is none); none for a role
    as general as "man" ("Pip Sedge, a cheerful boy", bot.core.role_asked.kinds_answer). Synonyms and narrower words
    are WordNet's first sense's (bot.core.role_asked.role_words)."""
    synonyms = role_words(role, narrower_too=False)
    for story in ranked:
        holder = _brought_in_as(people, story, (role,)) or _brought_in_as(people, story, synonyms)
        if holder is not None:
            return holder
        if writes_role(_texts_of(passages, story), role):
            return None
    if not ranked or not kinds_answer(role):
        return None
    if writes_role_stem(_texts_of(passages, ranked[0]), role):
        return None
    return _brought_in_as(people, ranked[0], role_words(role, narrower_too=True))


def _brought_in_as(people: FindsPeople, story: Story, roles: Collection[str]) -> Person | None:
    """The one person of the story brought in with one of the `roles` (the role asked's own word, or its synonyms or
    narrower words, bot.core.role_asked.role_words), if one is."""
    holding = [
        person
        for person in people.of_story(story.path)
        if person.passage is not None
        and any(introduces_in_role(person.intro, person.name, said) for said in roles_said_in(person.intro, roles))
    ]
    return holding[0] if len(holding) == 1 else None


def _kin_introduced(
    people: FindsPeople,
    stories: Sequence[Story],
    passages: Sequence[Passage],
    kin: KinAsked,
    within: range | None,
    written: Callable[[str], bool],
    *,
    alone: bool,
) -> Person | None:
    """The one relative asked for ("Who is Gwen's father?") of one known person, brought in as that relative by a
    sentence naming that person too ("Gwen ... her strict father, the Reverend Alun Pryce"); else that person, where
    they are brought in as the relative's ("Lesage's daughter, Madeleine" for "Who is Madeleine's father?"); else the
    one brought in as the relative of a role the story gives that person alone (_of_owners_role: "The harbour
    master's wife, Nuala" for "Who is Seamus's wife?"); None where none is. `alone`: the question was typed with no
    question word ("gwens father")."""
    found = _one_person(people, NameAsked(kin.owner, alone), within, written)
    if found is None:
        return None
    owner = found.person
    owner_words = {fold(word) for word, _, _ in words(owner.name)}
    relatives = [
        person
        for person in people.of_story(owner.path)
        if person.passage is not None
        and person.name != owner.name
        and introduces_as_kin(person.intro, person.name, kin.called)
        and not owner_words.isdisjoint(fold(word) for word, _, _ in words(person.intro))
    ]
    if len(relatives) == 1:
        return relatives[0]
    if relatives:
        return None
    if introduces_as_kin(owner.intro, owner.name, kin.owner_called):
        return owner
    others = [person for person in people.of_story(owner.path) if person.name != owner.name]
    by_role = _of_owners_role(stories, passages, owner, others, lambda _: kin.called)
    return by_role[0] if len(by_role) == 1 else None


def _of_owners_role(
    stories: Sequence[Story],
    passages: Sequence[Passage],
    owner: Person,
    others: Sequence[Person],
    wanted: Callable[[str], Collection[str]],
) -> list[Person]:
    """The `others` brought in as a relative or role (the words `wanted` of each one's introducing sentence) of a
    role the owner's story gives the owner alone (bot.core.role_asked.given_alone): "The harbour master's wife,
    Nuala", where "Captain Seamus McAllister-Byrne took over as harbour master"; not "the master's wife", where "the
    old master, a man everyone called Grandad Pugh" is a master too."""
    if owner.passage is None:
        return []
    texts = [passage.text for passage in _story_passages(stories, passages, owner.passage)]
    alone: dict[str, bool] = {}
    found = []
    for person in others:
        if person.passage is None:
            continue
        role = owning_role(person.intro, person.name, wanted(person.intro))
        if role is None:
            continue
        if role not in alone:
            alone[role] = given_alone(texts, role, owner.name)
        if alone[role]:
            found.append(person)
    return found


def _role_of_introduced(
    people: FindsPeople,
    stories: Sequence[Story],
    passages: Sequence[Passage],
    role_of: RoleOf,
    within: range | None,
    written: Callable[[str], bool],
) -> Person | None:
    """The one person of a known person's story brought in as holding the role asked for, for them: their name before
    the role ("Morwenna's own superintendent, Gareth Lusk"), or "her", "his" or "their" in the passage introducing
    them or the next, where they are the person last named before it (_owner_named_last: "her manager, Don Keller"
    for Priya, the passage before; not "His manager, Colin Webb" after "Her husband, Raj Nair"); the role's own word
    first, then its synonyms, then its kinds' (bot.core.role_asked.role_terms: "boss" is no "manager" but a
    "supervisor"'s), these two only where the story brings no one in with the role's own word (_role_said)."""
    if people.holding(f"{role_of.owner} {role_of.role}"):
        return None  # a name: "who is tobias wren" asks of Tobias Wren, no wren of Tobias's
    found = _one_person(people, NameAsked(role_of.owner, False), within, written)
    if found is None:
        return None
    owner = found.person
    if owner.passage is None:
        return None
    owner_words = {fold(word) for word, _, _ in words(owner.name)}
    others = [p for p in people.of_story(owner.path) if p.passage is not None and p.name != owner.name]
    own = role_term(role_of.role)
    for terms in (own, role_terms(role_of.role, kinds_too=False), role_terms(role_of.role, kinds_too=True)):
        of_role = _of_owners_role(stories, passages, owner, others, partial(role_words_in, terms=terms))
        holding = []
        for person in others:
            by_name, by_pronoun = introduces_as_role_of(person.intro, person.name, terms, owner_words)
            near = person.passage is not None and owner.passage <= person.passage <= owner.passage + 1
            if (
                by_name
                or (by_pronoun and near and _owner_named_last(passages, owner, person, others))
                or person in of_role
            ):
                holding.append(person)
        if holding:
            return holding[0] if len(holding) == 1 else None
        if terms == own and _role_said(
            others, _story_passages(stories, passages, owner.passage), role_of.role, own, owner
        ):
            return None  # "Her boss from now on, the chief resident Paul Kemp": no "her supervisor" is her boss
    return None


def _owner_named_last(passages: Sequence[Passage], owner: Person, holder: Person, people: Sequence[Person]) -> bool:
    """Whether `owner` is the person of the story named last before `holder`'s name where the sentence introducing
    them says "her", "his" or "their" role, from the start of the owner's introducing passage: so "her" is the
    owner's. Not where that sentence is not found in its passage."""
    if owner.passage is None or holder.passage is None:
        return False
    text = passages[holder.passage].text
    sentence = text.find(holder.intro)
    named = holder.intro.find(holder.name)
    if sentence < 0 or named < 0:
        return False
    before = text[:sentence] + holder.intro[:named]
    if holder.passage != owner.passage:
        before = passages[owner.passage].text + "\n" + before
    others = [p.name for p in people if p.name != holder.name]
    return named_last(before, owner.name, others) and _pronoun_may_be(owner, holder.intro[:named])


def _pronoun_may_be(owner: Person, before: str) -> bool:
    """Whether the last "her" or "his" of `before` (the holder's introducing sentence up to their name) may be the
    `owner`'s: not "her" where the story brings the owner in as a man by a relative's word ("her strict father, the
    Reverend Alun Pryce": "her schoolfriend Delyth Morgan" is not his), nor "his" where it brings them in as a
    woman."""
    said = [fold(word) for word, _, _ in words(before)]
    pronoun = next((word for word in reversed(said) if word in ("her", "his")), None)
    if pronoun is None:
        return True
    return not introduces_as_kin(owner.intro, owner.name, MEN if pronoun == "her" else WOMEN)


def _role_said(
    people: Sequence[Person], story: Sequence[Passage], role: str, own: frozenset[str], owner: Person
) -> bool:
    """Whether the `story` says the role's own word (index terms `own`) held for the `owner`: after their name
    ("Priya's boss"), or after "her", "his" or "their" where they are the person named last before it since the
    passage before ("Marta drinks cold tea." before "Her boss from now on, the chief resident Paul Kemp"); or
    brings one of its `people` in with it, held for no one ("the finance director, Helen Marsh"). It calls the role
    by its word, and a synonym or kind of it ("her supervisor", "Priya's manager") is another role. Only passages
    holding the role's letters are read."""
    if any(introduces_in_role(person.intro, person.name, role) and not _owned(person.intro, own) for person in people):
        return True
    owner_words = {fold(word) for word, _, _ in words(owner.name)}
    others = [person.name for person in people]
    for place, passage in enumerate(story):
        if role not in fold(passage.text):
            continue
        by_name, by_pronoun = roles_owned_at(passage.text, own, owner_words)
        earlier = story[place - 1].text + "\n" if place > 0 else ""
        if by_name or any(named_last(earlier + passage.text[:at], owner.name, others) for at in by_pronoun):
            return True
    return False


def _owned(sentence: str, own: frozenset[str]) -> bool:
    """Whether `sentence` says the role (index terms `own`) held for someone named, or for "her", "his" or "their"."""
    by_name, by_pronoun = roles_owned_at(sentence, own, None)
    return by_name or bool(by_pronoun)


def _texts_of(passages: Sequence[Passage], story: Story) -> list[str]:
    """The texts of the story's passages, of the library's `passages`."""
    return [passage.text for passage in passages[story.first_passage : story.first_passage + story.passage_count]]


def _story_passages(stories: Sequence[Story], passages: Sequence[Passage], at: int) -> Sequence[Passage]:
    """The passages of the story whose passage stands `at` (Passage.story indexes `stories`)."""
    story = stories[passages[at].story]
    return passages[story.first_passage : story.first_passage + story.passage_count]
