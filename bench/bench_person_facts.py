"""How the rules that find what a story tells of a person grow with the story, side by side.

    .venv/bin/python bench/bench_person_facts.py [--sizes 250 1000 4000]

Each rule reads a story's whole text once for a person (bot.core.job_asked.job_told, bot.core.age_asked.age_told,
bot.core.origin_asked.origin_told, bot.core.spouse_asked.marriage_told, bot.core.named_thing_asked.named_thing_told,
bot.core.kind_asked.kind_told, bot.core.study_asked.study_told, bot.core.death_asked.death_told,
bot.core.killer_asked.killer_told, bot.core.named_kind_asked.named_kind_told, bot.core.fate_asked.fate_told: first, last
and after an event), for two people (bot.core.tie_asked.tie_told, asked how they met, which reads on past a tie for a
meeting) or, for a thing of no one, once for the noun (bot.core.named_thing_asked.thing_named), or for a named place,
once for the name (bot.core.place_asked.place_told), or, for a role asked of the library, once for the role
(bot.core.role_asked.writes_role, whose word held within others' is no stop: "year" of "twelve-year-old", "do" of
"dog"), so each must be linear in it: a story of one paragraph saying the person's name, an age, a "from" and a marriage
again and again is read at each size, and one
sentence growing with the size, and the time of each (the least of 3 runs) is printed as a ratio to the smallest
size's, beside the others'. A rule whose ratio grows with the square of the size is a finding (stop 71's review found
marriage_told at 0.62 s for 33 KB and 41.75 s for 264 KB before it read pronouns within a bounded window). A story
naming as many people as its size, each of them killed, is read for one of them (death_many_people): stop 73's review
found the death rule reading every other person's pronouns over the whole story, 1.3 s at 18 KB and 42 s at 142 KB;
the killer rule is read for one of them too (killer_many_people).
The forms every rule reads a person and the story's others by (bot.core.person_forms) are made for one person among
as many people as the size (forms_many_people).
"""

from __future__ import annotations

import argparse
import functools
import re
import time
from collections.abc import Callable, Sequence

from bot.core.age_asked import age_told
from bot.core.analysis import shared_analyzer
from bot.core.death_asked import death_told
from bot.core.fate_asked import fate_told
from bot.core.job_asked import job_told
from bot.core.killer_asked import killer_told
from bot.core.kind_asked import kind_told, kinds_of
from bot.core.named_kind_asked import named_kind_told
from bot.core.named_thing_asked import named_thing_told, thing_named, things_named
from bot.core.origin_asked import origin_told
from bot.core.person_forms import person_pattern
from bot.core.place_asked import place_told
from bot.core.role_asked import writes_role
from bot.core.spouse_asked import SpouseAsked, marriage_told
from bot.core.study_asked import study_told
from bot.core.tie_asked import tie_told

ROUNDS = 3
OWNER = "Tom Berg"
OTHERS = ["Gregor Holm", "Anna Lind"]
SAID = (
    "Later he married Anna Lind in Oslo, and then Gregor Holm met her. Tom was a long way from the sea, and the "
    "twelve-year-old boy watched Gregor Holm. "
)
"""A sentence pair each rule reads and none answers from the first time: every size repeats it."""
ONE_SENTENCE = "Tom walks the dog, Rex and "
"""One sentence that grows with the size (64,000 repeats, 1.7 MB, took 17 s in named_thing_told while it copied the
sentence's rest at each dog; kind_told, asked what animal Tom rides, searched the words back to his name for another
clause at each dog, 14 s at 60 KB): rules reading a sentence at positions stay linear within it."""
DYING_SENTENCE = "Tom walks the dog, and he nearly drowns and kills Mara and watches him die and "
"""One sentence that grows with the size for death_told: a pronoun, a death of someone else's and one undone at every
few words, each read back a bounded number of words."""
HALLS_SENTENCE = "Tom walks past Mr Fox Hall Hall Hall and "
"""One sentence that grows with the size for named_kind_told: a run of capitalised words holding a title, and many a
noun asked ending it, none a proper name of the noun (each read back over the run would be quadratic)."""
KILLER_SENTENCE = (
    "Tom shoots Mara and the man who killed Tom, whom Holm's son, the killer, revealed as Gregor Holm Mara Lind, "
    "confesses to killing Tom's dog, and he kills Tom and kills him and "
)
"""One sentence that grows with the size for killer_told: a killing of another, a doer no one named, "the killer", a
run of names, a confession of another's death, a killing of the person by a pronoun and "him" killed at every few
words, each read back or ahead a bounded number of words (whether a killing was survived, read to the sentence's
end, is read once: at every killing it was 10 s at 90 KB)."""

PLACE_SENTENCE = 'Tom walks to Hollin End, a house at Hollin End Hall, and "the Hollin End, and '
"""One sentence that grows with the size for place_told: the name at every few words, apposed, within a longer name
and in a quotation, each read around a bounded number of words."""
FATE_SENTENCE = "Tom walks the dog, and Tom, who is tired, is nearly sent home and leaves a note and Tom is called "
"""One sentence that grows with the size for fate_told: the person at every few words, a clause between commas after
them, a fate undone, a thing left and a name, each read ahead a bounded number of words."""
TIE_SENTENCE = "Tom sees the farmer and his son, Mara Lind, whom he met, and the captain's new engineer, his brother "
"""One sentence that grows with the size for tie_told: a pronoun owning a word for a kind of person before a name, a
relative clause after one and a role's possessive at every few words, each read back a bounded number of words."""
HE = frozenset({"he", "his", "him"})
TERMS = shared_analyzer(True, True, True, True).terms
RULES: dict[str, Callable[[Sequence[str]], object]] = {
    "job_told": lambda texts: job_told(texts, OWNER, OTHERS),
    "age_told": lambda texts: age_told(texts, OWNER, OTHERS),
    "origin_told": lambda texts: origin_told(texts, OWNER, OTHERS),
    "marriage_told": lambda texts: marriage_told(texts, OWNER, OTHERS, SpouseAsked("tom berg", engaged=False)),
    "named_thing_told": lambda texts: named_thing_told(texts, OWNER, things_named("sea"), OTHERS),
    "study_told": lambda texts: study_told(texts, OWNER, OTHERS, frozenset({"he", "his", "him"})),
    "taught_told": lambda texts: study_told(texts, OWNER, OTHERS, frozenset({"he", "his", "him"}), teacher=True),
    "death_told": lambda texts: death_told(texts, OWNER, OTHERS),
    "killer_told": lambda texts: killer_told(texts, OWNER, OTHERS, told_as_he),
    "named_kind_told": lambda texts: named_kind_told(texts, OWNER, "composer", "love", OTHERS, frozenset({"he"})),
    "fate_told": lambda texts: fate_told(texts, OWNER, OTHERS, TERMS),
    "fate_told_last": lambda texts: fate_told(texts, OWNER, OTHERS, TERMS, last=True),
    "fate_told_after": lambda texts: fate_told(texts, OWNER, OTHERS, TERMS, after="the flood"),
    "tie_told": lambda texts: tie_told(texts, OWNER, "Gregor Holm", ["Anna Lind"], (HE, HE), met=True),
    "thing_named": lambda texts: thing_named(texts, things_named("sea"), [OWNER, *OTHERS]),
    "place_told": lambda texts: place_told(texts, ("oslo",), "A Story", where=True, people=[OWNER, *OTHERS]),
    "writes_role": lambda texts: writes_role(texts, "year"),
}
ONE_SENTENCE_RULES: dict[str, tuple[str, Callable[[Sequence[str]], object]]] = {
    "thing_1_sentence": (
        ONE_SENTENCE,
        lambda texts: named_thing_told(texts, "Tom Reyes", things_named("dog"), ["Mara Lind"]),
    ),
    "named_1_sentence": (
        ONE_SENTENCE,
        lambda texts: thing_named(texts, things_named("dog"), ["Tom Reyes", "Mara Lind"]),
    ),
    "study_1_sentence": (
        ONE_SENTENCE,
        lambda texts: study_told(texts, "Tom Reyes", ["Mara Lind"], frozenset({"he", "his", "him"})),
    ),
    "taught_1_sentence": (
        ONE_SENTENCE,
        lambda texts: study_told(texts, "Tom Reyes", ["Mara Lind"], frozenset({"he", "his", "him"}), teacher=True),
    ),
    "kind_1_sentence": (
        ONE_SENTENCE,
        lambda texts: kind_told(texts, "Tom Reyes", kinds_of("animal"), ["Mara Lind"], verbs=frozenset({"ride"})),
    ),
    "death_1_sentence": (DYING_SENTENCE, lambda texts: death_told(texts, "Tom Reyes", ["Mara Lind"])),
    "killer_1_sentence": (
        KILLER_SENTENCE,
        lambda texts: killer_told(texts, "Tom Reyes", ["Mara Lind", "Gregor Holm"], told_as_he),
    ),
    "kinds_1_sentence": (
        HALLS_SENTENCE,
        lambda texts: named_kind_told(texts, "Tom Reyes", "hall", "play", ["Mara Lind"], frozenset({"he"})),
    ),
    "fate_1_sentence": (FATE_SENTENCE, lambda texts: fate_told(["Tom Reyes came.", *texts], "Tom Reyes", [], TERMS)),
    "role_1_sentence": (ONE_SENTENCE, lambda texts: writes_role(texts, "do")),
    "tie_1_sentence": (
        TIE_SENTENCE,
        lambda texts: tie_told(texts, "Tom Reyes", "Gregor Holm", ["Mara Lind"], (HE, HE), met=True),
    ),
    "place_1_sentence": (
        PLACE_SENTENCE,
        lambda texts: place_told(texts, ("hollin", "end"), "A Story", where=True, people=["Mara Lind"]),
    ),
}


def told_as_he(_: str) -> frozenset[str]:
    """Every person's pronouns, as a story may tell them: the killer rule asks of the person and of a possessive's
    owner."""
    return frozenset({"he", "him", "his", "himself"})


def crowd(size: int) -> tuple[list[str], list[str]]:
    """A story of `size` people, each argued with and killed, one paragraph each, and their names."""
    names = [f"Miner{number} Quarry{number}" for number in range(size)]
    texts = [f"{name} works at the mill. Hero Lane argues with {name}. He is killed in the fight." for name in names]
    return ["Hero Lane comes to town.", *texts, "Finally Hero Lane dies of old age."], names


def seconds(rule: Callable[[Sequence[str]], object], texts: Sequence[str]) -> float:
    """The least of ROUNDS timings of the rule over `texts`."""
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        rule(texts)
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000], help="repeats of the sentences")
    sizes = parser.parse_args().sizes
    print("rule".ljust(16) + "".join(f"x{size}".rjust(12) for size in sizes) + "   (time / smallest size's time)")
    for name, rule in RULES.items():
        times = [seconds(rule, ["Tom Berg came home. " + SAID * size]) for size in sizes]
        print(name.ljust(16) + "".join(f"{t / times[0]:.1f}".rjust(12) for t in times))
    for name, (sentence, rule) in ONE_SENTENCE_RULES.items():
        times = [seconds(rule, [sentence * size]) for size in sizes]
        print(name.ljust(16) + "".join(f"{t / times[0]:.1f}".rjust(12) for t in times))
    crowds = [crowd(size) for size in sizes]
    times = [seconds(functools.partial(death_told, name="Hero Lane", others=names), texts) for texts, names in crowds]
    print("death_many_people".ljust(16) + "".join(f"{t / times[0]:.1f}".rjust(12) for t in times))
    times = [
        seconds(functools.partial(killer_told, name="Hero Lane", others=names, pronouns=told_as_he), texts)
        for texts, names in crowds
    ]
    print("killer_many_people".ljust(16) + "".join(f"{t / times[0]:.1f}".rjust(12) for t in times))
    times = [seconds(functools.partial(forms_among, names=names), ()) for _, names in crowds]
    print("forms_many_people".ljust(16) + "".join(f"{t / times[0]:.1f}".rjust(12) for t in times))


def forms_among(_: Sequence[str], names: Sequence[str]) -> object:
    """What every fact rule reads Hero Lane by among a story's `names` (bot.core.person_forms): his pattern and each
    other's, as named_thing_told reads them. Each pattern is compiled afresh at every size: the `re` module's cache
    keeps 512, all the smallest size's."""
    re.purge()
    return person_pattern("Hero Lane", names), [person_pattern(other, ["Hero Lane"]) for other in names]


if __name__ == "__main__":
    main()
