"""The people finder's fast paths find what its patterns find over the whole text."""

import random
import re

import pytest

from bot.core import people_finder
from bot.core.invisible_characters import without_inside_words
from bot.core.people_finder import (
    _AFTER_PARTICLE,
    _LOWERCASE_WORD,
    _NAME_RUN,
    _NAME_WORD,
    _PARTICLE,
    PEERAGES,
    _lowercase_words,
    find_people,
)
from bot.core.sentences import sentence_spans

VARIED = [
    "Ivan's dog's 'tis a''b don't rock'n'roll o' the ' ' dogs' _under_score snake_case",
    "Sébastien’s café — “quoted” naïve ‘single’ don’t élan über",
    "東京タワー and Sofia, 😀 emoji here’s x; tab\tand\u00a0nbsp\u2028line",
    "Grace may come; grace and May. NASA, mRNA, 25-year-old fine-tuned 3.14 x2y",
    "नमस्ते दुनिया café\u0301 e\u0301tude İstanbul ß straße",
    "a" * 5000 + " b'" * 300,
    "fa\u200dther Pa\u200cvel \u200dend\u200d zw\u200c\u200dnj 👨\u200d👩",
    "",
]


def expected(texts):
    """A word holding a zero-width joiner or non-joiner is read whole, as the analysis reads it."""
    return set(_LOWERCASE_WORD.findall(without_inside_words("\n\n".join(texts))))


def test_lowercase_words_are_the_pattern_s_over_the_whole_story():
    for first in range(len(VARIED)):
        for last in range(first, len(VARIED) + 1):
            assert _lowercase_words(VARIED[first:last]) == expected(VARIED[first:last])
    assert {"father", "end", "zwnj"} <= _lowercase_words(VARIED) and not {"fa", "ther", "vel"} & _lowercase_words(
        VARIED
    )


def test_lowercase_words_of_random_texts_of_awkward_characters():
    rng = random.Random(18)
    alphabet = [*"abZ9'’ _-é.\n\t", "\u0301", "東", "😀", "\xa0", "ß", "İ", "“", "\x1f", "\u200d", "\u200c"]
    for _ in range(3000):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(15))) for _ in range(rng.randrange(1, 4))]
        assert _lowercase_words(texts) == expected(texts), texts


def test_the_scan_for_names_finds_the_runs_of_the_plain_pattern():
    """The scan is written for speed; these are the runs it must find."""
    peerage_of = "|".join(rf"(?<=\b{title} )of " for title in PEERAGES)
    name_word = rf"(?:{_PARTICLE}|{_AFTER_PARTICLE}|[B-HJ-UWYZ]\. |[ae]l-|{peerage_of})?{_NAME_WORD}"
    initials = r"(?:[A-Z]\. ){2,3}|[B-HJ-Z]\. "
    plain = re.compile(
        rf"(?<![\w'’-])(?:(?:Mr|Mrs|Ms|Dr|St)\. {_PARTICLE}?|{initials})?{_NAME_WORD}(?: {name_word}){{0,3}}(?![\w-])"
    )
    rng = random.Random(18)
    alphabet = [*"aZMDSrst9'’ _-.\n", "Mr. ", "Mrs. ", "Ms. ", "Dr. ", "St. ", "Mr.", "É", "é", "\u0301", "東", "𝐀"]
    alphabet += ["😀", "\xa0", "İ", "“", "\x1f", "5", "van ", "der ", "Van ", "de la ", "da "]
    alphabet += ["C. ", "S. ", "A. ", "I. ", "V. ", "R.", "al-", "el-", "Duke ", "Count", " of ", "of "]
    texts = VARIED + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(40))) for _ in range(5000)]
    texts += ["Mr. Smith", "Mrs. Tiggy-winkle met Ms. Dr. St. Lawrence", "Mr Smith", "Mr. 5", "St.", "x-Mr. A"]
    assert sum(1 for text in texts for _ in plain.finditer(text)) > 5000
    for text in texts:
        assert [(m.start(), m.group()) for m in _NAME_RUN.finditer(text)] == [
            (m.start(), m.group()) for m in plain.finditer(text)
        ], text


def test_a_full_name_that_only_ever_opens_a_sentence_is_a_person():
    # Every mention at a sentence's start left "Ella Wheeler Wilcox" out: the capitals might have been the
    # sentence's. A charm or a song opening a quotation ("Chemaun Poll!") twice is no one.
    story = (
        "Ella Wheeler Wilcox wrote verses at a kitchen table.\n\nElla Wheeler Wilcox sent them to the paper. The "
        'boy cried, "Chemaun Poll!" and the canoe moved. Then he called "Chemaun Poll!" again.'
    )
    assert [p.name for p in find_people([story])] == ["Ella Wheeler Wilcox"]
    once = "Ella Wheeler Wilcox wrote verses at a kitchen table. The paper printed them."
    assert find_people([once]) == []


def test_a_name_the_story_also_writes_in_lowercase_is_a_person_when_introduced_by_name():
    # "pepper" in the soup made "Pepper" no name, though the story named the cat so: a word the story writes in
    # lowercase is a name only when something is called by it. "Grace" alone, with "grace" in lowercase, is not.
    story = (
        "The widow put pepper in the soup. She kept a grey cat named Pepper. Every evening Pepper sat by the fire, "
        "and the dog barked at Pepper. Grace was a fine thing at the table, and grace was said."
    )
    assert [p.name for p in find_people([story])] == ["Pepper"]


def test_a_full_name_of_words_also_in_lowercase_is_a_person_unless_it_describes():
    # "kitten" and "rabbit" in lowercase made "Tom Kitten" and "Mrs. Rabbit" no names; "the High King", whose every
    # word the story writes in lowercase and whose last says what he is, stays a description.
    story = (
        "The kitten slept while the old rabbit dug. Then Tom Kitten woke, and Mrs. Rabbit called him in. The high "
        "hills rang, for the High King rode by; the king was old. At dusk Tom Kitten ate, and Mrs. Rabbit sang, and "
        "the High King rode home."
    )
    assert sorted(p.name for p in find_people([story])) == ["Mrs. Rabbit", "Tom Kitten"]


def test_a_full_name_only_ever_opening_a_sentence_may_start_with_a_given_name_the_dictionary_knows():
    # "Sofia", "Mary" and "Thomas" are in the dictionary (capitalised, as names): the rule's guard against a
    # sentence's own first word ("Meanwhile", "Poor") left out every full name starting with such a given name, the
    # bundled corpus's Sofia Kalmurzaeva too. A word the dictionary knows in lowercase still guards; and "East Grand
    # Forks", a town that only ever opens SciFact's sentences, stays no one ("east" is a lowercase word).
    for name in ("Sofia Kalmurzaeva", "Mary Wollaston", "Thomas Wren"):
        story = f"{name} danced at the theatre that winter.\n\n{name} bowed, and the hall rose to its feet."
        assert [p.name for p in find_people([story])] == [name]
    for opening in ("Poor Anatole", "Meanwhile Anatole", "East Grand Forks"):
        story = f"{opening} danced at the theatre that winter.\n\n{opening} bowed, and the hall rose to its feet."
        assert find_people([story]) == [], opening


def test_a_full_name_opening_narration_after_a_closed_quotation_opens_a_sentence():
    # After a quotation that ends a sentence ('"Go home." Ella ...'), the narration's sentence opens: only a
    # quotation's own opening ('"Chemaun Poll!"') is a charm's or a song's words. Such mentions were not counted.
    story = (
        '"Write it down," said the editor.\n\n"Go home." Ella Wheeler Wilcox went home that night.\n\n'
        '"Stay!" Ella Wheeler Wilcox stayed at the kitchen table until dawn.'
    )
    assert [p.name for p in find_people([story])] == ["Ella Wheeler Wilcox"]


def names_in(*passages: str) -> list[str]:
    return [p.name for p in find_people(list(passages))]


def test_a_name_no_dictionary_knows_that_the_story_says_three_times_is_a_person():
    # The attack's office story: "Priya" and "Nair" are in no dictionary, so a name that only ever opened sentences
    # was no one however often the story said it ("Mara" the dictionary knows, and was found). Said three times, the
    # name is a person unless it stands where places and things do: a town sailed to, from and through is not.
    assert names_in(
        "Priya Nair had worked in the office for six years.", "Priya fixed the printer.", "Priya drank cider."
    ) == ["Priya Nair"]
    assert names_in(
        "Mara and Tobias couldn't agree on the colour.", "Tobias wanted yellow.", "But Tobias painted it grey."
    ) == ["Tobias"]
    assert (
        names_in("They sailed to Taianfu at dawn.", "From Taianfu the road ran north.", "In Taianfu it rained.") == []
    )
    assert (
        names_in(
            "He drew the great sword Sickersnapper.", "The sword Sickersnapper shone.", "Sickersnapper cut the rope."
        )
        == []
    )
    # Nor is a word the dictionary knows capitalised alone, a place's name ("Paris", "France"), however often said.
    assert names_in("Paris was grey.", "Paris slept.", "Paris woke.") == []


def test_a_given_name_the_dictionary_knows_that_the_story_says_three_times_is_a_person():
    # The western's widow: the dictionary knows "Ellen" and "Hayes" as it knows "Paris", and nothing she did was said
    # with a verb of speech, so its protagonist was no one (`performer Ellen` found nobody). WordNet writes neither
    # capitalised as anything but a person, as it writes "Boston" a place; nor is "I'll" anyone.
    widow = [
        "In 1878, in the mining town of Copper Creek, Ellen Hayes is widowed when her husband is shot.",
        "Ellen, thirty years old, refuses to leave. Ellen turns him down.",
        "Garrity is hired by Ellen to dig out the mine, and Ellen rides to the land office alone.",
    ]
    assert names_in(*widow) == ["Ellen Hayes"]
    assert names_in("but Boston was grey.", "and Boston lay still.", "so Boston grew.") == []
    assert names_in("but I'll go.", "and I'll stay.", "yet I'll sing.") == []
    # Nor many of a people, whose one WordNet writes as a people's name or a kind of person (review new67r1 2).
    assert names_in("and Nazis burned books.", "though Nazis searched the street.", "and Nazis came.") == []
    assert names_in("and Vikings sailed.", "but Vikings burned it.", "so Vikings left.") == []
    # A people WordNet names as a group alone (second review new67r6 F4).
    assert names_in("when Maoris met the ship.", "and Maoris offered water.", "but Maoris fought.") == []
    assert names_in("and Anglo-Saxons farmed.", "but Anglo-Saxons fought.", "so Anglo-Saxons won.") == []
    # But a surname whose one is a book's and a given name whose part is a city's are names (review new67r3 3).
    for name in ("Matthews", "Jean-Pierre"):
        assert names_in(f"The report blamed {name}.", f"The board fired {name}.", f"Even then {name} kept quiet.") == [
            name
        ]


def test_a_given_name_wordnet_knows_mostly_as_people_is_a_person_said_three_times():
    # "James" is seven people in WordNet, and a river, a book and a bay: the baker said three times was no one.
    baker = [
        "The river froze by November, and the bakery kept its ovens burning.",
        "Every morning James lit the fires before dawn. When the carts stopped, James walked down for the flour.",
        "In February the roof gave way, and James carried the sacks upstairs.",
    ]
    assert names_in(*baker) == ["James"]
    # "Paris" is one prince, and a capital, a city and a genus; "Lincoln" one president, and two cities.
    for place in ("Paris", "Lincoln"):
        assert names_in(f"but {place} was grey.", f"and {place} lay still.", f"so {place} grew.") == []


def test_a_full_name_is_a_person_whose_surname_a_person_of_the_story_bears():
    # The detective story's Margaret Whitcombe, named once, is Mr. Whitcombe's wife.
    assert "Margaret Whitcombe" in names_in(
        "Mr. Whitcombe was found dead.",
        "Julian Whitcombe, his nephew, wept. Mr. Whitcombe had left him nothing.",
        "Margaret Whitcombe admitted she had written the letter.",
    )


def test_born_a_role_after_her_and_a_title_before_the_run_say_a_person():
    assert names_in("Amélie Dubois-Carter was born on 14 March 1921.") == ["Amélie Dubois-Carter"]
    assert names_in("Mara Lindqvist and her brother Tobias couldn't agree on the colour of the kitchen.") == ["Tobias"]
    assert names_in("Her colleague Kofi Mensah brought her a coffee.") == ["Kofi Mensah"]
    assert names_in("The navigator, Lt. Ingrid Søndergaard, plotted a slingshot.") == ["Ingrid Søndergaard"]
    # Not a saint's day ("St. Tibb's Eve"), nor a name after a title in capitals, which opens Potter's sentences
    # ("MR. McGREGOR" is the Mr. McGregor the story names).
    assert names_in("'St. Tibb's Eve,' says she.") == []
    assert names_in(
        "Mr. McGregor was planting cabbages. 'Stop thief!' said Mr. McGregor.",
        "MR. McGREGOR ran after Peter. MR. McGREGOR gave up. MR. McGREGOR went home.",
    ) == ["Mr. McGregor"]


def test_a_title_does_not_make_a_name_the_story_s_lowercase_words():
    # "the captain" written in lowercase made "Captain Elena Voss" a name of the story's own lowercase words, no one.
    assert names_in("The captain gave her override code.", "Captain Elena Voss signs off.") == ["Captain Elena Voss"]
    assert names_in("The high king was old.", "The High King rode by, and the High King sang.") == []


def test_a_place_after_a_place_and_a_comma_is_a_place():
    # "in Lyon, France, the second of four children": France was a person, by the description of the one born there.
    assert names_in(
        "Amélie Dubois-Carter was born in Lyon, France, the second of four children.",
        "In the 1980s she returned to France.",
    ) == ["Amélie Dubois-Carter"]
    # Of a land the King of is no place of a place: Conn is the King.
    assert names_in("The King of Ireland, Conn, the Hundred-Fighter, sat at the feast. 'Welcome,' said Conn.") == [
        "Conn"
    ]


def test_a_name_acting_on_what_is_its_own_is_a_person():
    # Named once, with nothing said of who he is: "Oliver Crane" was no one, and no question about him found his story.
    story = (
        "The audience sees the crime first: in the opening scene, Oliver Crane poisons his uncle, Simon Hurst, at a "
        "dinner party. Later Agnes visits her mother."
    )
    assert names_in(story) == ["Oliver Crane", "Simon Hurst", "Agnes"]
    # No verb, or a verb a place may be the subject of, or "her" nothing's own, or a place after a preposition.
    assert (
        names_in(
            "Kilbride was his home. Rome crowned her queen. In Lisbon lies his grave. Oliver Crane and his uncle left."
        )
        == []
    )


def test_will_capitalised_within_its_sentences_is_a_name_and_will_you_no_one():
    # "Will" was a stop word to the people finder as to the index: "Will Ashby" was "Ashby", and no one at all.
    story = (
        '"Will you come?" asked Priya. Her colleague Will Ashby brought her a coffee. Will Ashby was kind, and she '
        "will remember him. Priya met Will Ashby at the pub. Will it rain? It will."
    )
    assert "Will Ashby" in names_in(story) and "Will" not in names_in(story)
    assert "Will" not in names_in('"Will you come?" she asked. Will it rain? Will they stay? It will.')


def test_a_name_looked_at_is_whom_not_where():
    # One "looked at Nadia Rahman" was place evidence that erased a protagonist named five times.
    story = (
        "Nadia Rahman had studied for six weeks. Nadia Rahman knew the syllabus well. In the hall the invigilator "
        "looked at Nadia Rahman for a long moment. Nadia Rahman looked back. Later Nadia Rahman walked out."
    )
    assert names_in(story) == ["Nadia Rahman"]
    assert names_in(story.replace("looked at Nadia Rahman", "arrived at Nadia Rahman")) == []  # a place after all


def test_an_honorific_without_a_full_stop_makes_a_trade_or_an_animal_a_surname():
    # British books write "Mrs Smith" and "Dr Fox": a title and a trade read as a role, and the street had no one.
    story = (
        "Mrs Smith at number nine knew everything. Mrs Smith kept the same curtains. Mr Baker, her lodger, was a "
        "retired schoolmaster, and Mr Baker read. The doctor, Dr Fox, called on Tuesdays; Dr Fox was kind."
    )
    assert sorted(names_in(story)) == ["Dr Fox", "Mr Baker", "Mrs Smith"]
    assert names_in("The King spoke. The King of the hills, the Baker of the town, came.") == []  # roles stay roles


def test_a_word_in_lowercase_ends_a_name_in_any_script():
    # Any letter but ASCII's lowercase started a name's word: "Lena über", "Jeanne était" were people.
    german = "Jeden Morgen ging Lena über die Brücke. Lena öffnete das Tor. Lena übte Geige, und Lena sang."
    french = "Jeanne était une élève sérieuse. Jeanne écrivait bien. Jeanne était là, et Jeanne était heureuse."
    assert names_in(german) == ["Lena"] and names_in(french) == ["Jeanne"]


def test_a_repeated_full_name_is_introduced_where_first_named_though_it_opened_that_sentence():
    # The intro was the first sentence the name stood within: the book's last, not "Joe Doyle joined the IRA".
    found = find_people(
        [
            "Joe Doyle joined the IRA at seventeen. Joe Doyle was quiet.",
            "London never knew what to make of Joe Doyle, and the city forgot Joe Doyle soon.",
        ]
    )
    assert [(p.name, p.intro, p.passage) for p in found] == [("Joe Doyle", "Joe Doyle joined the IRA at seventeen.", 0)]


def test_a_role_right_before_a_name_says_a_person_as_news_and_memoirs_write_it():
    # "The poet Seamus Heaney read at the library": no comma, no "called", and the many people a local history
    # names once were no one.
    story = (
        "The poet Seamus Heaney read at the library in 1987. The novelist Edna O'Brien opened the festival, and "
        "the actor Peter O'Toole was thrown out of the Spaniard. The ship Mary Rose sailed."
    )
    assert sorted(names_in(story)) == ["Edna O'Brien", "Peter O'Toole", "Seamus Heaney"]


def test_a_given_name_only_ever_opening_sentences_is_a_person_when_its_mentions_say_so():
    # "Mary" the dictionary knows, so a name said only at sentences' starts was no one, though "Mary said" said so.
    story = (
        "Mary woke at six, before the baby. Mary put the kettle on. Tom came down at seven, and Tom said the baby had "
        'been up twice. Mary said she knew. "Tea?" said Tom. Mary nodded.'
    )
    assert sorted(names_in(story)) == ["Mary", "Tom"]
    assert names_in("Indeed the wind rose. Indeed, said the king, it did. Thus it ended.") == []  # words, not names


def test_a_regnal_number_keeps_its_capitals_where_a_name_in_capitals_is_written_as_a_name():
    assert names_in("Pope Clement VII was a Medici. Pope Clement VII fled. They met Pope Clement VII in Rome.") == [
        "Pope Clement VII"
    ]  # it was "Pope Clement Vii"
    assert names_in("MARY SMITH was a baker. Then MARY SMITH sang, and the boys heard MARY SMITH.") == ["Mary Smith"]


def test_a_person_named_by_a_first_name_is_their_full_name_when_the_story_says_it_in_passing():
    # "Mara Lindqvist and her brother Tobias", then "Mara" throughout: she was stored as "Mara", and her full name
    # found no one.
    story = (
        "Mara Lindqvist and her brother Tobias could not agree. Mara wanted white walls, said Mara, and Tobias "
        "wanted yellow. In the end Mara painted the door."
    )
    people = find_people([story])
    assert "Mara Lindqvist" in [p.name for p in people] and "Mara" not in [p.name for p in people]
    assert next(p.intro for p in people if p.name == "Mara Lindqvist").startswith("Mara Lindqvist and her brother")
    # A place that starts so is no one's full name.
    placed = story.replace("Mara Lindqvist and her", "Mara and her") + " Then Mara walked to Mara Street."
    assert "Mara" in names_in(placed) and "Mara Street" not in names_in(placed)


def test_a_given_name_the_dictionary_knows_said_once_is_a_person_when_introduced_by_name():
    # Memoirs and local histories name a side character once: "a girl called Lucia", "The bride's father, Thomas,".
    story = (
        "Years later I had a letter from the elder child, a girl called Lucia, who had become a doctor. "
        "The bride's father, Thomas, gave a long speech. Her sister, Mary, sang at the altar."
    )
    assert sorted(names_in(story)) == ["Lucia", "Mary", "Thomas"]
    # A vocative after a role, and a list of kinds, set no one apart.
    assert names_in('"Give me a bit of pancake, mother, I\'m so hungry!" said the boy.') == []
    assert names_in("His head was filled with stories of Trolls and Giants, Elves and Goblins.") == []
    assert names_in("Lucia was a word on a map.") == []  # a known given name, once, with nothing said of it


def test_a_name_someone_is_known_as_is_a_person_introduced_there():
    story = (
        "Third-shift warden Iolanthe Vasquez-Mbeki, known to everyone on the lower decks as Lanthe, was in the "
        'gardens. Lanthe woke the engineer. "Can you clean it?" Lanthe asked.'
    )
    (found,) = find_people([story])
    assert found.intro.startswith("Third-shift warden")  # not '"Can you clean it?" Lanthe asked.'
    # Named within the full name she is introduced with, as a nickname is written: found by either, and mentioned by
    # both (her full name once, after her role, and "Lanthe" three times).
    assert found.name == 'Iolanthe "Lanthe" Vasquez-Mbeki' and found.mentions == 4
    assert [p.name for p in find_people(["Long ago there lived a brave warrior known to all as Tawara Toda."])] == [
        "Tawara Toda"
    ]
    # Someone found by their full name too is one person, named by both, introduced where first named.
    story = "Elena Voss, known to her crew as Lena, stood up. Elena Voss said go. Lena left, and Elena Voss followed."
    (found,) = find_people([story])
    assert (found.name, found.mentions, found.intro) == ('Elena "Lena" Voss', 5, story[: story.index(".") + 1])
    # The words before the full name that are no part of it stay out, a title or a person's name before it stays in,
    # and two names each known as the other stay two people, as written.
    story = "Yesterday Marcus Brown, known to friends as Mab, came home. Mab slept. Mab woke."
    assert names_in(story) == ['Marcus "Mab" Brown']
    story = "Mr. Marcus Brown, known as Mab, came home. Mab slept. Mr. Marcus Brown woke. Mr. Marcus Brown ate."
    assert names_in(story) == ['Mr. Marcus "Mab" Brown']
    # "also known as", "better known as", "aka" and "a.k.a." say so as "known as" does, in capitals too ("AKA Mab" was
    # a run of capitalised words, read as the name "Aka Mab").
    for known in ("also known as", "better known as", "aka", "a.k.a.", "AKA", "A.K.A."):
        story = f"Marcus Brown, {known} Mab, ran the docks. Mab slept. Marcus Brown woke."
        assert [(p.name, p.mentions) for p in find_people([story])] == [('Marcus "Mab" Brown', 4)], known
    story = (
        "Diana Prince, known as Wonder Woman, flew. Wonder Woman, known as Diana Prince, landed. Diana Prince said "
        "hi. Wonder Woman said bye."
    )
    assert sorted(names_in(story)) == ["Diana Prince", "Wonder Woman"]
    # Two names known of one full name are one person, named by all.
    story = "Elena Voss, known as Lena, sailed. Lena slept. Elena Voss, known to the crew as Lenka, ate. Lenka ran."
    assert [(p.name, p.mentions) for p in find_people([story])] == [('Elena "Lena" "Lenka" Voss', 6)]
    # A place or a thing known by a name is no one.
    assert names_in("They lived in a hut known as Ingas, below Mosled.") == []
    assert names_in("The sword of Murakumo, afterwards known as Kusanagi, was kept at the shrine.") == []
    assert names_in("They lived in a hut, also known as Ingas, below Mosled.") == []


def test_a_name_others_call_someone_set_apart_before_is_that_person_s_nickname():
    # "whom everybody called Sparrow" made Sparrow a second person beside Teodor (bench/untuned2's canal-street-job).
    story = (
        "The third member of the crew was a boy of nineteen named Teodor, whom everybody called Sparrow because he "
        'was small. "What about the cameras?" Sparrow wanted to know. Sparrow took the train.'
    )
    (found,) = find_people([story])
    assert (found.name, found.mentions, found.intro) == ('Teodor "Sparrow"', 4, story[: story.index("small.") + 6])
    # The nearest name set apart before "whom" within the sentence, past words said of him (the-ashworth-inheritance).
    story = (
        "They had three children: Harold in 1920, Winifred in 1922 and, much later, a boy called Edmund, born in "
        "1931, whom everybody called Ted. Ted, who was twenty-one, did not care. Ted became a composer."
    )
    assert 'Edmund "Ted"' in names_in(story) and "Ted" not in names_in(story)
    story = "The captain, Elias Boone, whom the whole crew called Boney, sailed. Boney slept. Elias Boone woke."
    assert names_in(story) == ['Elias "Boney" Boone']
    story = "The shepherd had a son called Pavel, nicknamed Pip, who was small. Pip ran. Pavel said no."
    assert names_in(story) == ['Pavel "Pip"']
    # A name of one word known as another is the same person, where the story has it as a person.
    story = "Her brother Tobias, known as Toby, was late. Toby ran. Tobias said no."
    assert names_in(story) == ['Tobias "Toby"']
    story = "There was a boy called Alexander, Sandy for short, who lived by the sea. Sandy sang."
    assert names_in(story) == ['Alexander "Sandy"']
    # Nobody set apart before "whom", or a word that is no one's name: the name stays its own.
    assert names_in("The king had a fool whom everybody called Patch. Patch sang.") == ["Patch"]
    assert names_in("Then, known to all as Patch, he came. Patch sang.") == ["Patch"]


def test_whom_is_said_of_the_name_right_before_it_not_one_set_apart_earlier():
    # "whom" took the first name set apart up to 80 characters back: the butcher became Jack "Bully", the doctor
    # Tom "Doc" (review new65f F1). A clause that names a noun stands between: no nickname, the name stays its own.
    story = (
        "One morning Jack, the miller's son, sold the cow to a butcher, whom everybody called Bully. Bully cheated "
        "poor Jack. The next day Jack went home."
    )
    assert names_in(story) == ["Jack"]
    story = (
        "Tom, who was tired, went to see the old doctor, whom everybody called Doc. Doc gave him medicine. Later Tom "
        "slept. Then Tom woke."
    )
    assert names_in(story) == ["Tom"]
    # A description set apart between them, a determiner and words in lowercase, is the name's: "whom" is too
    # (Elizabeth and Lizzy were two people; review new66c 2).
    story = (
        "A girl called Elizabeth lived in a big house. Elizabeth, the cleverest, whom everybody called Lizzy, went "
        "to the town. Lizzy laughed at the baker."
    )
    assert names_in(story) == ['Elizabeth "Lizzy"']
    story = "A boy called Jack lived by a mill. Jack, the miller's son, whom everybody called Bully, sold the cow."
    assert names_in(story) == ['Jack "Bully"']
    # Not where a preposition stands in it: "whom" may be said of the noun after it (review new66d).
    story = (
        "Long ago in the forest lived Hansel with his sister. One day Hansel, the brother of the girl, whom the witch "
        "called Gretel, went out. Gretel cried. Hansel came back."
    )
    assert names_in(story) == ["Hansel", "Gretel"]
    # "nicknamed" after a full name set apart is that full name's ("Robert Tanner", not "Tanner" and a second Bob).
    story = "The captain, Robert Tanner, nicknamed Bob, sailed. Bob slept. Then Robert Tanner woke."
    assert names_in(story) == ['Robert "Bob" Tanner']


def test_a_possessive_others_call_someone_is_no_nickname():
    # "whom everybody called Tom's shadow" made Harry "Tom", and "tom" found Harry (review new65f F2).
    story = "At the inn Tom met Harry, whom everybody called Tom's shadow. Harry laughed. Later Tom sighed."
    assert not any('"' in name for name in names_in(story))
    story = (
        "Harold, whom everybody called Freddie's shadow, followed him. Freddie laughed. Harold sighed. Harold waited."
    )
    assert sorted(names_in(story)) == ["Freddie", "Harold"]


def test_a_nickname_of_a_place_or_a_ship_is_no_one():
    # The name others call a place, a ship or a body by was a person: Babylon, Dustbowl, Mary, "Raf", and 'Diemen's
    # "Tasmania" Land' (review new65f F5, F6). It is someone's nickname only where what it is said of is a person.
    assert names_in("They reached Port Royal, nicknamed Babylon, at noon. Babylon was wicked.") == []
    assert names_in("They crossed the Great Plain, nicknamed Dustbowl by the settlers. Dustbowl was dry.") == []
    assert names_in("The ship, Queen Mary, nicknamed Mary, sailed.") == []
    assert names_in("He joined the Royal Air Force, RAF for short, in 1940. The RAF trained him.") == []
    assert names_in("They sailed to Van Diemen's Land, Tasmania for short.") == []
    # A body's name with "of" in it is whole: "Technology" was read as a name someone has, and MIT made a person.
    story = "She studied at the Massachusetts Institute of Technology, MIT for short. MIT was cold."
    assert names_in(story) == []
    # A person's name with "of" in it is not run back over: 'Katherine of "Catalina" Aragon' (review new66d).
    story = "Katherine of Aragon, known as Catalina, was queen. Catalina was pious. Catalina prayed every day."
    assert names_in(story) == ["Catalina"]
    assert names_in("They flew to Kuala Lumpur, KL for short, in May. KL was hot. KL was loud.") == []
    assert names_in("They sailed to Saint Helena, nicknamed Exile, in May. Exile was cold. Exile was far.") == []
    story = "The ship, Mary Rose, nicknamed Rosie, sailed in May. Rosie leaked. Rosie sank."
    assert not any("Mary" in name for name in names_in(story))  # no 'Mary "Rosie" Rose'
    # A name of one word said after a preposition is a person's all the same.
    story = "A boy named Teodor lived with Ivan, whom everybody called Sparrow. Sparrow was small. Teodor was tall."
    assert sorted(names_in(story)) == ["Sparrow", "Teodor"]
    # What else the story says of the name still says it is someone: "Babylon said"; and a name of one word is no
    # place's, where the story has no person of that name: Bill is someone.
    assert names_in("They reached Port Royal, nicknamed Babylon, at noon. Babylon said hello.") == ["Babylon"]
    story = "His sons, Robert, nicknamed Bob, and William, nicknamed Bill, went to sea. Bob drowned. Bill came home."
    assert names_in(story) == ['Robert "Bob"', "Bill"]


def test_a_quoted_nickname_after_a_naming_word_is_the_full_name_s():
    # 'Teodora Vasquez, called "Teddy", a safecracker' found neither (bench/untuned6's the-orsolo-job): the quotation
    # mark before "Teddy" hid "called", and "called" after a name set apart was read as a noun's ("a sailor called").
    story = (
        'They are Teodora Vasquez, called "Teddy", a safecracker who hates the sea. Teddy rehearses opening the safe. '
        "Teddy is trapped inside the vault."
    )
    (found,) = find_people([story])
    assert (found.name, found.intro) == ('Teodora "Teddy" Vasquez', story[: story.index("sea.") + 4])
    assert names_in('The gang was led by Marcus Brown, known as "Mab". Mab was cruel.') == ['Marcus "Mab" Brown']
    # Quoted words after other words are what was said; a thing's word after "the" or an owner is no one's name.
    assert names_in('He said "Dutchie" twice.') == []
    story = "The ship's AI, called HALCYON, refused to open the doors until the captain gave her override code."
    assert names_in(story) == []
    story = 'The ship\'s AI, called "HALCYON", a machine of the old fleet, refused to open the doors. HALCYON said no.'
    assert names_in(story) == []


def test_a_nickname_where_a_place_may_stand_or_named_by_many_is_someone_s():
    # Review r2 of stop 67 (F2, F3, F4): reverted rules made these nicknames and names places' or things': ", where"
    # after a nickname, "reached" and "confided in" before its owner, and a plural after "which" before "called".
    assert names_in("She went to see Marcus Brown, known as Mab, where he worked. Mab was cruel.") == [
        'Marcus "Mab" Brown'
    ]
    assert names_in("She found her brother Robert, nicknamed Bob, where she had left him. Bob was asleep.") == ["Bob"]
    assert names_in("The telegram reached Margaret, nicknamed Peggy, on Monday. She cried.") == ["Peggy"]
    assert names_in("The news finally reached Ivan, whom the village called Sparrow, and he wept.") == ["Sparrow"]
    assert names_in("She confided in Margaret, nicknamed Peggy, and told her everything.") == ["Peggy"]
    assert names_in("Tom had a pony, which the girls called Star. Star trotted. Star ate the apples.") == ["Star"]
    assert names_in("The dragon which the villagers called Smaug slept. Smaug woke.") == ["Smaug"]
    story = (
        "There stood two flowerpots, which two sailors named Christian and Peter had brought from the sea. Christian "
        "was kind. Peter was cruel."
    )
    assert "Christian" in names_in(story)


def test_called_after_a_name_set_apart_is_mostly_the_verb():
    # Every name after "X, called" was X's nickname (review r2 of stop 67, F1): the cook Silver and the boy Jim he
    # called to the galley became one, 'Silver "Jim"'. Unquoted, or quoted and followed by more of the verb's clause,
    # it is whom someone calls.
    assert names_in("The boy, Tom, called Jim, and they ran.") == ["Tom"]
    story = (
        "A boy named Jim worked on the ship. One morning the cook, Silver, called Jim, his helper, to the galley. "
        "Then Jim peeled potatoes. Silver laughed."
    )
    assert names_in(story) == ["Jim", "Silver"]
    story = "The captain, Ahab, called Starbuck, the first mate, to the deck. Starbuck obeyed. Ahab raged."
    assert names_in(story) == ["Ahab", "Starbuck"]
    story = (
        "His sister, Anna, called Michael, who came with the truck. Later Michael fixed the roof. Then Michael drove."
    )
    assert names_in(story) == ["Anna", "Michael"]
    story = (
        "Everyone called the boy Jim. His mother, Martha, called Jim by his full name when she was angry. Later Jim "
        "ran away. Martha wept."
    )
    assert names_in(story) == ["Jim", "Martha"]
    story = (
        "After the accident his wife, Claire, called Daniel, their lawyer, who drove over at once. Later Daniel read "
        "the will. Claire signed it."
    )
    assert "Claire" in names_in(story)
    story = 'The mother, Martha, called "Jack" three times, but Jack did not come. Jack was in the woods.'
    assert names_in(story) == ["Martha"]
    story = 'The mother, Martha, called "Jack" herself, but Jack did not come. Jack was in the woods.'
    assert names_in(story) == ["Martha", "Jack"]
    assert names_in('Her father, Tom, called "Jim", who came at once. Jim helped.') == ["Tom", "Jim"]
    story = 'The man whom the boy, Tom, called "Jim" was a stranger to him. Jim left.'
    assert names_in(story) == ["Tom", "Jim"]
    # Nor quoted before a description of whom is called, after a noun and the caller's name set apart (second review
    # new67r5 R1): the bot would show 'Ahab "Starbuck"', a fact the story never says.
    story = 'The captain, Ahab, called "Starbuck", the first mate, to the deck. Starbuck obeyed. Ahab raged.'
    assert names_in(story) == ["Ahab", "Starbuck"]
    story = 'The mother, Martha, called "Jack", her eldest son, but Jack did not come. Jack was in the woods.'
    assert names_in(story) == ["Martha", "Jack"]
    assert names_in('Claire, called "Daniel", a note of fear in her voice, ran. Claire hid. Claire wept.') == ["Claire"]


def test_a_thing_s_quoted_name_says_nothing_of_a_person_of_that_name():
    # 'his boat, named "Hope"' made Hope a thing's name, and his daughter Hope was lost (review r2 of stop 67, F7).
    story = 'The old fisherman loved his boat, named "Hope". His daughter Hope laughed at him. Then Hope sailed away.'
    assert names_in(story) == ["Hope"]
    story = (
        'The old fisherman loved his boat, named "Hope", a fine old sloop. His daughter Hope laughed at him. Then Hope '
        "sailed away."
    )
    assert names_in(story) == ["Hope"]


def test_a_nickname_is_said_of_the_name_a_sentences_opening_word_runs_into():
    # "Then Teodor" was the owner read, no person of the story: the nickname was dropped as a place's, or stood as a
    # second person (second review new65i N1). The owner's ending that is a person is whom it is said of.
    story = "A boy named Teodor lived in the city. Then Teodor, whom everybody called Sparrow, ran away. Sparrow hid."
    assert names_in(story) == ['Teodor "Sparrow"']
    story = "A boy named Pavel lived in the city. When Pavel, nicknamed Pip, ran away, Pip hid. Pavel wept."
    assert names_in(story) == ['Pavel "Pip"']
    story = "Then Elias Boone, whom the whole crew called Boney, sailed. Boney slept. Then Elias Boone woke."
    assert names_in(story) == ['Elias "Boney" Boone']
    # Only a word of no meaning of its own runs into a name of one word: "Anna Kowalski" is no Kowalski, the smith,
    # nor "Port Arthur" King Arthur (review new65j 1, 2).
    story = (
        "Kowalski was the village smith. Kowalski worked. Then Anna Kowalski, whom everybody called Nan, came. Nan "
        "sang. Kowalski slept."
    )
    assert sorted(names_in(story)) == ["Kowalski", "Nan"]
    assert names_in("King Arthur ruled. King Arthur slept. They sailed to Port Arthur, nicknamed Hell.") == [
        "King Arthur"
    ]
    # The nickname is no owner of itself: "Queen Mary, nicknamed Mary" is a ship's, though "Queen" opens "Queen Mary".
    assert names_in("The ship, Queen Mary, nicknamed Mary, sailed.") == []


def test_a_nickname_written_within_a_full_name_is_one_person_found_by_every_name():
    # "Robert (Bobby) Tanner" was no one, or two people; now one, found by Robert, Bobby and Tanner (name_words).
    story = "Then Robert (Bobby) Tanner was a sailor. Bobby laughed. Tanner said hi. Robert sang."
    (found,) = find_people([story])
    assert (found.name, found.intro) == ('Robert "Bobby" Tanner', "Then Robert (Bobby) Tanner was a sailor.")
    story = 'Robert "Bobby" Tanner ran the docks. Robert Tanner slept. Robert Tanner woke.'
    assert names_in(story) == ['Robert "Bobby" Tanner']
    # A given name that is a word of the language too is the full name's all the same.
    story = 'The foreman, Jack "Deacon" Pruett, burned a wagon. Deacon laughed. Deacon ran.'
    assert names_in(story) == ['Jack "Deacon" Pruett']
    # A place in brackets after a place is no one's nickname.
    assert names_in("He went to Paris (France) Today.") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The dragon, known to the villagers as Smaug, slept on the gold. The knights feared the beast.", "Smaug"),
        ("The jester, Pip, juggled for the king. The court laughed at every trick.", "Pip"),
        ("A robot called Unit Seven swept the deck. Nobody spoke to it.", "Unit Seven"),
    ],
)
def test_a_named_creature_of_a_story_acts_as_a_person(text, name):
    assert names_in(text) == [name]


def test_a_given_name_that_is_a_creature_s_word_too_is_a_name():
    assert names_in("A little girl named Angel lived by the sea. Angel swam daily. Angel laughed.") == ["Angel"]


def test_a_name_the_villagers_or_the_crew_call_someone_is_a_person():
    assert names_in("A man the villagers called Ivan lived by the mill. Ivan was kind.") == ["Ivan"]
    assert names_in("The old woman the travellers called Babushka sold tea. Babushka was kind.") == ["Babushka"]
    # A place the villagers call so is no one.
    assert names_in("A town the villagers called Blackwater stood by the sea. Blackwater was cold.") == []


def test_a_lowercase_particle_between_a_name_s_words_keeps_the_full_name():
    # "Pieter van der Berg" was "Berg", "Leonardo da Costa" "Leonardo"; "Marie de la Tour" and "Ali ibn Rashid" no one.
    story = (
        "The exhibition was curated by Pieter van der Berg, who had spent ten years in Delft. Van der Berg was a "
        "small, precise man, and he drove a van. His assistant was Marie de la Tour, from Lyon. De la Tour had written "
        "her thesis on him. Marie de la Tour did not say so. His lawyer, Leonardo da Costa, said nothing. A young man, "
        "Ali ibn Rashid, asked von Hassel a question. Mr. von Hassel said, who knows?"
    )
    found = names_in(story)
    assert {"Pieter van der Berg", "Marie de la Tour", "Leonardo da Costa", "Ali ibn Rashid"} <= set(found)
    assert not {"Berg", "Leonardo", "Costa", "Tour", "Van der Berg"} & set(found)
    # A town named like a surname is still a town, a place holding a particle a place, and a first name the same.
    town = "We drove to Costa for the weekend. Costa was busy. In Costa we ate fish at Rio de Janeiro's best cafe."
    assert names_in(town) == []
    assert names_in("Will da Silva met us there, and Will da Silva said the fish was fresh.") == ["Will da Silva"]


def test_initials_are_part_of_a_name_and_make_it_a_person():
    # "C. S. Lewis" and his brother "W. H. Lewis" were one "Lewis" (the initials ended sentences); "Jack B. Yeats"
    # was "Jack B".
    story = (
        "C. S. Lewis met J. R. R. Tolkien at a faculty meeting in 1926. Lewis thought Tolkien a fluent little chap. "
        "They met in Lewis's rooms with Lewis's brother, W. H. Lewis, whom everyone called Warnie. The painter Jack B. "
        "Yeats stayed at the Trident for a summer."
    )
    assert sorted(names_in(story)) == ["C. S. Lewis", "J. R. R. Tolkien", "Jack B. Yeats", 'W. H. "Warnie" Lewis']
    # A sentence ending in a capital letter, the article or the pronoun, still ends there; a king's numeral too.
    assert names_in("It was I. Mary laughed, and Mary said so. Mary went home.") == ["Mary"]
    assert names_in("They had Plan A. Tom left, said Tom.") == ["Tom"]
    assert names_in("King Henry V. Then the king died. King Henry V was brave.") == ["King Henry V"]
    assert names_in("We bought the paper in W. H. Smith and read it in the car.") == []


def test_a_king_s_number_is_part_of_his_name():
    # "Henry VIII" was no one (said twice, opening sentences, but "henry" is a word too), "Elizabeth I" was no one
    # ("I" a stop word) and her mentions were her namesake Queen Elizabeth II's.
    story = (
        "Henry VIII came to the throne in 1509. Henry VIII married six times. His daughter, Elizabeth I, reigned for "
        "forty-five years, and Elizabeth I never married. Queen Elizabeth II visited Hampton Court in 1953."
    )
    people = {p.name: p.mentions for p in find_people([story])}
    assert people == {"Henry VIII": 2, "Elizabeth I": 2, "Queen Elizabeth II": 1}
    # "I" after a name is still the pronoun where nothing says a queen, and a name said so is no fuller name of Mary.
    assert names_in('"Mary I love you," said Tom. Mary smiled, and Mary said so.') == ["Mary"]
    # After a word for a person "I" is the pronoun: "Mother I" was someone.
    assert names_in('The old woman said to the boy, "Tell Mother I am well." The boy ran home.') == []
    # After a name with a word for kin first, after "tell" and before "am", "I" is the pronoun: "Aunt Polly I" and
    # "Mama I" were people (stop 67).
    assert names_in("Aunt Polly I remember best of all. Aunt Polly said so.") == ["Aunt Polly"]
    assert names_in('"Tell Mama I am well," wrote Martha. "Tell Mama I miss her," wrote Martha.') == []
    assert names_in("She told Harriet Vance I was ill. Harriet Vance laughed.") == ["Harriet Vance"]
    story = "She told Harriet Vance I was ill. Later she told Harriet Vance I was well. Harriet Vance laughed."
    assert names_in(story) == ["Harriet Vance"]
    # A king is told things too: where the story writes his number elsewhere, "I" is his (review r2 of stop 67, F6:
    # Charles I was lost).
    story = (
        "Cromwell told Charles I that the army would not yield. Charles I was beheaded in 1649. The people wept for "
        "Charles I."
    )
    assert names_in(story) == ["Charles I"]
    # "I" before a comma, "that" or "of" is a number, the pronoun being followed by its verb (second review new67r5 R2)
    story = "Then Walsingham told Elizabeth I, the queen, that Mary plotted against her. The queen was angry."
    assert names_in(story) == ["Elizabeth I"]
    assert names_in("The envoy told King Henry I that peace was near. The king agreed.") == ["King Henry I"]
    # A mention with "I" the pronoun by its own place numbers no one.
    assert names_in("She told Ivan I was ill. She told Ivan I was well. Ivan I am sure of. Ivan laughed.") == ["Ivan"]
    assert "Lucinda I" not in names_in("Oh, Lucinda I am so tired of you, and Lucinda I am leaving.")
    # A given name may end as a word for a person does ("-ian", "-man"): the king was lost (review new66d).
    story = (
        "King Christian I ruled Denmark and Norway. Christian I founded the university. The nobles loved Christian I."
    )
    assert names_in(story) == ["King Christian I"]
    story = "Emperor Justinian I built great churches. Justinian I wrote new laws. The people feared Justinian I."
    assert names_in(story) == ["Emperor Justinian I"]
    # A numbered thing said twice is no one.
    assert names_in("After World War II we moved. World War II was hard.") == []


def test_a_title_and_a_surname_of_words_of_the_language_is_someone_after_a_or_before_of_the():
    # Review r2 of stop 67 (F5): a reverted rule made these kinds or roles, and lost them.
    story = "Captain John Smith of the colony traded with the natives. Captain John Smith of the colony was captured."
    assert names_in(story) == ["Captain John Smith"]
    story = "With the help of Detective Sergeant John Frost of the county police, Honoria found him."
    assert names_in(story) == ["Detective Sergeant John Frost"]
    story = "Father Brown of the parish heard the confession. Later Father Brown of the parish walked home."
    assert names_in(story) == ["Father Brown"]
    story = "One winter evening a Captain Brown knocked at the door and asked for bread. The children gave him some."
    assert names_in(story) == ["Captain Brown"]
    assert names_in("Captain Hook of the pirate ship hated Peter. Peter laughed at him.") == ["Captain Hook", "Peter"]


def test_a_place_named_after_a_saint_or_a_royal_is_no_one():
    # Each was a person: "St" and "Queen" are titles, and each mention after one said a person.
    memoir = (
        "We took the sleeper from Paddington to St Erth. The little train ran along the estuary to St Ives, and my "
        "sister Ruth was sick, said Ruth. From St Ives we walked to St Michael's Mount. Father drove us to St Austell. "
        "The 6:14 to St Pancras was late. We started from King William Street. My aunt worked at the King George "
        "Hospital. We crossed to Queen Victoria Street and took the Tube to Lady Margaret Hall's old office. My "
        "cousin had flown in from Prince Edward Island. We walked home along Queen Victoria Street in the dark."
    )
    assert names_in(memoir) == ["Ruth"]
    # A saint is a saint where nothing says a place, or prayed to; a titled surname that ends a place is a surname.
    assert names_in("St. John said nothing. St. John was a tall man, said Mary.") == ["St. John"]
    assert names_in("She prayed to St Anthony for her keys. St Anthony, who finds things, found them.") == [
        "St Anthony"
    ]
    assert names_in("Sir Peter Hall, who directed the play, was late. Mrs. Hall said so.") == [
        "Sir Peter Hall",
        "Mrs. Hall",
    ]


def test_an_honorific_with_a_full_stop_says_a_person_as_one_without():
    # "Mr. Hale", said three times with nothing else to say who he is, was no one ("Mr" said a person, "Mr." not).
    story = (
        "Mr. Hale, the vicar, was a gentle scholar. Mr. Hale had doubts. One evening in the study, Mr. Hale told "
        "Margaret that he could no longer remain in the Church."
    )
    assert "Mr. Hale" in names_in(story)
    # A saint with a full stop is still a place after "to": "the Mount of St. Michael" is no one.
    assert names_in("They sailed to St. Michael's Mount. The giant lived at St. Michael's Mount.") == []


def test_a_council_or_a_radio_station_that_speaks_is_no_one():
    # News and memoir: "Wirral Council said", "Radio Kerry said" were people.
    story = (
        "Wirral Council said it had not been consulted. Wirral Council said so twice. We listened to Radio Kerry "
        "until the power went. Radio Kerry said the gusts were over a hundred miles an hour."
    )
    assert names_in(story) == []
    # Who speaks for one is a person.
    assert names_in(story + " Anne Byrne, a spokeswoman for Wirral Council, said sorry.") == ["Anne Byrne"]


def test_a_war_or_a_contest_named_again_and_again_is_no_one():
    # "World War II" and "Super Bowl XL", repeated as a story's protagonist is, were people.
    story = (
        "In 1939 World War II began, and he hated World War II. World War Two, his mother called it. Super Bowl XL "
        "was played in Detroit. He watched Super Bowl XL twice."
    )
    assert names_in(story) == []
    assert names_in("World Series began. World Series ended. He said World Series was great.") == []
    # A surname like a war's word is still a surname.
    assert names_in("Tom Battle met the mayor. Tom Battle said hi. Tom Battle left.") == ["Tom Battle"]
    assert names_in("Mrs. Bowl met the mayor. Mrs. Bowl said hi. Mrs. Bowl left.") == ["Mrs. Bowl"]
    assert names_in("Mr. Series met the mayor. Mr. Series said hi. Mr. Series left.") == ["Mr. Series"]


def test_an_honorific_and_a_surname_of_two_words_is_the_person_of_that_surname():
    # "Mr. von Hassel" was a second person beside Ludwig von Hassel.
    story = (
        "The lender was an elderly American, Ludwig von Hassel, who lived in Boston. Mr. von Hassel arrived late. "
        "Mr. von Hassel said nothing."
    )
    assert names_in(story) == ["Ludwig von Hassel"]
    # A surname of one word is a family's: Mr. Hale is not his daughter.
    family = "Margaret Hale, who was eighteen, came home. Mr. Hale, the vicar, said so. Mr. Hale had doubts."
    assert sorted(names_in(family)) == ["Margaret Hale", "Mr. Hale"]


def test_a_woman_named_by_an_honorific_is_the_one_named_by_it_and_her_given_name():
    # "Mrs. Kelly" and "Mrs. Frank Kelly" were two people.
    story = (
        "She was born May Doherty, but after the wedding she was Mrs. Frank Kelly to the whole street, said Ada. "
        "Mrs. Kelly, who kept the shop, said nothing."
    )
    assert "Mrs. Kelly" not in names_in(story) and "Mrs. Frank Kelly" in names_in(story)
    # A man of one name is not his son: old Mr. Bunny is Mr. Benjamin Bunny's father.
    father = "Then old Mr. Bunny, who was strict, came. Mr. Benjamin Bunny, his son, ran, said Mr. Benjamin Bunny."
    assert sorted(names_in(father)) == ["Mr. Benjamin Bunny", "Mr. Bunny"]


def test_people_introduced_as_the_eldest_a_teenager_an_aged_son_or_by_a_months_name_are_people():
    # A blind set's family drama lost four of its people: "The eldest, Margaret, is a tax lawyer" (a comma before
    # "is a"), "a clumsy teenager named Wilf Brannigan", "Stephen's 16-year-old son Owen", "their mother, June,".
    story = (
        "The eldest, Margaret, is a tax lawyer in London. Stephen accuses Margaret of leaving after their mother, "
        "June, died. His assistant, a clumsy teenager named Wilf Brannigan, sets fire to the oven. Stephen's "
        "16-year-old son Owen takes an interest in the cider, and Owen finds a rare tree."
    )
    assert {"June", "Margaret", "Owen", "Wilf Brannigan"} <= set(names_in(story))
    assert names_in("The orchard flowered in June. In June the rain came, and June was wet.") == []  # a month


def test_a_titled_name_with_a_nickname_written_within_is_one_person_found_by_the_nickname_and_surname():
    # 'Lieutenant Robert "Bobby" Sandoval', then "Bobby Sandoval" and "Bobby": the title made "Lieutenant Robert" a
    # person of his own, and "Bobby Sandoval" another.
    story = (
        'His executive officer, Lieutenant Robert "Bobby" Sandoval, is his brother-in-law. He sends Bobby Sandoval '
        "and two men back for orders. Only Haskell returns, reporting that Bobby was killed by a sniper."
    )
    assert [p.name for p in find_people([story]) if "Sandoval" in p.name or "Robert" in p.name] == [
        'Lieutenant Robert "Bobby" Sandoval'
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Plot summaries name people by trades no hand-kept list holds; WordNet files them under people.
        (
            "The crew includes a retired firefighter, Colin Braddock, aged 58. The boat capsizes in March.",
            "Colin Braddock",
        ),
        ("The club's coxswain, Harriet Vance, shouts the stroke. The eight wins by a length.", "Harriet Vance"),
        ("A property developer, Fenwick Larch, wants the boathouse. The club must raise the money.", "Fenwick Larch"),
    ],
)
def test_a_name_set_apart_after_any_word_for_a_kind_of_person_is_a_person(text, name):
    assert names_in(text) == [name]


def test_a_capitalised_word_before_a_name_is_no_kind_of_person_though_wordnet_has_one():
    # "a tease" is a person in WordNet; a chant's capitalised words are no role before a name.
    assert names_in('She heard a voice saying, "TEASE, TEASENS, TEASE; CARD, CARDENS, CARD." She ran home.') == []


def test_a_name_that_is_a_word_for_a_kind_of_person_is_still_a_name():
    # "cinderella" and "finn" are nouns for people in WordNet (a woman unrecognised, a Finn): no role words here.
    assert names_in("Cinderella swept the hearth. Cinderella wept. The prince came, and Cinderella smiled.") == [
        "Cinderella"
    ]
    assert names_in("Finn said he would fight the giant. Finn was brave, and Finn won.") == ["Finn"]


def test_someone_named_after_their_age_is_a_person():
    story = "The third member of the crew was a boy of nineteen named Teodor. The van leaked all night."
    assert names_in(story) == ["Teodor"]
    assert names_in("She hired a man of 40 called Anselm to mend the roof. It rained.") == ["Anselm"]


def test_a_name_in_quotes_that_someone_was_to_others_is_introduced_there():
    story = [
        'Nobody in Rotterdam used his real name. To the crew he was "Dutchie", although he had been born in Aarhus.',
        '"Two guards at night," Dutchie said. "Neither of them carries a gun."',
    ]
    (found,) = find_people(story)
    assert (found.name, found.passage) == ("Dutchie", 0) and found.intro.startswith("To the crew")
    # Words said in quotes are no one: 'he said "Stop"'.
    assert names_in('He stood up. Then he said "Stop" and left. The door shut.') == []


def test_a_name_written_in_capitals_and_in_the_story_s_sentences_is_one_person():
    story = [
        "JEMIMA PUDDLE-DUCK was a widow: not even the mention of sage made her suspicious.",
        '"Quack?" said Jemima Puddle-duck, with her head on one side. Jemima Puddle-duck flew off.',
    ]
    assert [p.name for p in find_people(story)] == ["Jemima Puddle-Duck"]


def test_a_full_name_only_ever_said_where_places_stand_is_no_one():
    # Said twice within sentences, as a protagonist's full name is, but each time after "to" or "from".
    story = [
        "In 1955 Harold sold his third to Winifred and emigrated to New Zealand, where he bought a sheep farm.",
        "Margaret flew over from New Zealand in 1988 to thank her aunt in person. Winifred wept.",
    ]
    assert "New Zealand" not in [p.name for p in find_people(story)]


def test_an_italian_or_spanish_title_says_a_person():
    story = "Clara lodges at a house run by Signora Fabbri. Roberto was alerted by Signora Fabbri's letters."
    assert "Signora Fabbri" in names_in(story)


@pytest.mark.parametrize(
    "story",
    [
        # An organisation, a country or a team set apart after a role WordNet files under people, a name of one word.
        "Her employer, Lufthansa, sent her to Frankfurt. Lufthansa paid for the flat.",
        "The victor, England, took the cup home. England celebrated for a week.",
        # A word for a thing as well as for a person: a boat, a hospital ward.
        "The crew sails on a swordfishing trawler named Andrea Gail. The Andrea Gail sinks in the storm.",
        "She works on the children's ward, Rainbow Ward, at night. Rainbow Ward is quiet.",
        # People after the description's head are no kind of the place described.
        "Tortuga was a haven for smugglers. Ships put in at Tortuga, and Tortuga grew rich.",
        # A state in quotes is no name.
        'After the crash he was "MIA" for a year. Then she was "Missing" too, and nobody came.',
    ],
)
def test_wordnet_s_people_say_no_person_of_a_company_a_boat_or_a_place(story):
    assert names_in(story) == []


def test_a_name_after_a_scene_set_at_a_sentence_s_start_is_not_that_place_s_place():
    story = "In Vienna, Harry Lime is presumed dead. Holly meets Harry Lime's friends. Harry Lime is alive."
    assert "Harry Lime" in names_in(story)


@pytest.mark.parametrize(
    ("story", "name"),
    [
        ("The family forget a 12-year-old named Kevin at home. The house is quiet.", "Kevin"),
        ("Everyone calls him Tiny, though he is huge. The bar is loud.", "Tiny"),
        ("Sheriff Kettle rides into town at noon. The town waits.", "Sheriff Kettle"),
        ("Judge Miriam Okonkwo hears the case in March. The jury is out.", "Judge Miriam Okonkwo"),
        (
            "The shark returns, and the town is joined by oceanographer Matt Hooper. The beach stays shut.",
            "Matt Hooper",
        ),
    ],
)
def test_someone_named_by_an_age_a_present_calling_or_a_title_is_a_person(story, name):
    assert names_in(story) == [name]


def test_a_title_and_a_surname_is_the_one_person_of_that_title_given_name_and_surname():
    story = [
        "The trial begins before Judge Rosalind Achebe, a strict former military lawyer. The jury is sworn in.",
        "Judge Achebe allows the evidence. Judge Achebe adjourns the court.",
    ]
    assert names_in(*story) == ["Judge Rosalind Achebe"]
    # A man's honorific still names a family: Mr. Bunny is Mr. Benjamin Bunny's father.
    assert names_in(
        "Mr. Benjamin Bunny came. Mr. Bunny said he was late.", "Mr. Bunny laughed at Mr. Benjamin Bunny."
    ) == [
        "Mr. Benjamin Bunny",
        "Mr. Bunny",
    ]


def test_a_title_and_a_surname_is_the_one_person_the_story_brings_in_with_that_title_s_word():
    # A plot summary nobody tuned for (bench/untuned5): "who is halda" found two people, Viktor Halda and Inspector
    # Halda, and so answered neither.
    story = [
        "When Leonie reports the incident, the inspector in charge, Viktor Halda, takes her passport.",
        "She learns that Inspector Halda is being paid by the consortium. Inspector Halda is arrested.",
    ]
    (found,) = find_people(story)
    assert found.name == "Viktor Halda" and found.intro.startswith("When Leonie reports")
    # Brought in with no such word, a titled namesake may be another of the family.
    assert names_in(
        "Harold Ashworth sold the mill in 1950. Harold Ashworth moved to Leeds.",
        "Captain Ashworth, his father, had built it. Captain Ashworth died in 1931.",
    ) == ["Harold Ashworth", "Captain Ashworth"]


# A plot summary nobody tuned for (bench/untuned5's Tidewell Station): "Administrator" is in no hand-kept list of
# titles, so Corvin Hale was no one, and "what happens to hale" was read as about no person.
TIDEWELL = [
    "The station is run by Administrator Corvin Hale, a former naval engineer in his sixties.",
    "As oxygen supplies run low, Administrator Hale wants to evacuate using the station's only escape submarine.",
    "Hale stays behind to seal the drilling shaft and is presumed dead.",
]


def test_a_word_wordnet_files_under_people_before_a_name_is_a_title():
    (found,) = find_people(TIDEWELL)
    assert (found.name, found.mentions) == ("Administrator Corvin Hale", 3)
    assert found.intro == TIDEWELL[0]
    assert {"administrator", "commissioner", "warden", "seneschal"} <= people_finder.named_titles()
    # Names the dictionary keeps capitalised, kin, and words WordNet writes capitalised as things are no titles.
    assert not {"tom", "bobby", "dean", "pastor", "hunter", "brother"} & people_finder.named_titles()


@pytest.mark.parametrize(
    ("story", "name"),
    [
        ("Commissioner Lydia Brandt opens the inquiry. The commissioner is tired.", "Commissioner Lydia Brandt"),
        # bench/untuned3's, where he was no one; the story writes the title in lowercase too.
        (
            "The Sparrow is hired by Chancellor Oren Abashe of the Concord Senate. The chancellor lies.",
            "Chancellor Oren Abashe",
        ),
    ],
)
def test_a_name_after_a_title_the_hand_kept_lists_lack_is_a_person(story, name):
    assert names_in(story) == [name]


@pytest.mark.parametrize(
    "story",
    [
        "The Security Chief locks the door. The Security Chief waits.",
        "A fire breaks out at the Harbour Master's Office. The Harbour Master's Office burns.",
        "Station Control said nothing. Station Control called again.",
        # A title before a word the story writes in lowercase, or a thing's word, names a place.
        "They reach Gull Rock at dawn. The rocks are sharp, and Gull Rock is cold. Gull Rock is bare.",
        "The convoy waits on Warden Street. Warden Street is empty, and Warden Street floods.",
        # Words of the language after it, as a paper's title writes them (SciFact's abstracts).
        "Consumer Fact Sheet: a guide. They read the Consumer Fact Sheet. The Consumer Fact Sheet helps.",
    ],
)
def test_a_title_before_no_name_makes_no_person(story):
    assert names_in(story) == []
    # Before another title, the name is read from that one (bench/untuned7's Cascade Point).
    assert names_in("Seismologist Dr. Maya Torres reads the drum. Seismologist Dr. Maya Torres leaves.") == [
        "Maya Torres"
    ]


@pytest.mark.parametrize(
    ("story", "names"),
    [
        # A given name the dictionary lacks is no title, nor is a relative's surname hers (a review's stories).
        (
            "Donna Kessler, the company's accountant, meets her husband Martin Kessler. Donna Kessler is afraid.",
            ["Donna Kessler", "Martin Kessler"],
        ),
        (
            "Eli finds a chandlery run by Cyril Tregarth with his wife Morwen Tregarth. Cyril Tregarth drowns.",
            ["Cyril Tregarth", "Morwen Tregarth"],
        ),
        (
            "Her oldest friend, Colleen Farrell, runs the post office with her brother Declan Farrell.",
            ["Colleen Farrell", "Declan Farrell"],
        ),
    ],
)
def test_a_given_name_or_a_surname_is_no_title(story, names):
    assert names_in(story) == names


@pytest.mark.parametrize(
    ("story", "name"),
    [
        # A review's stories: a person said to be called so by a noun for a thing before, or after "of the <thing>".
        ("The keeper of the lighthouse was called Silas Penn, a widower of sixty. Silas Penn walked.", "Silas Penn"),
        (
            "The leader of the gang was called Jack Coldwater, a former cavalry officer. He robs banks.",
            "Jack Coldwater",
        ),
        ("The newest recruit in the security squad was called Dani Ortiz, a nineteen-year-old.", "Dani Ortiz"),
        ("The next morning, a clinic called Ruth Dunne about her biopsy. Ruth Dunne wept.", "Ruth Dunne"),
        ("Nadia hires a lab tech named Ruiz from a private laboratory. Ruiz says nothing.", "Ruiz"),
        ("An agency called Tom Baker to ask about the job. Tom Baker said yes.", "Tom Baker"),
        ("Tobin is helped by a talking raven named Bellwether. Bellwether said no more.", "Bellwether"),
        ("The ferry's crew called Hannah Kessler a hero. Hannah Kessler said nothing.", "Hannah Kessler"),
    ],
)
def test_a_person_called_a_name_after_a_word_for_a_thing_is_a_person(story, name):
    assert names_in(story) == [name]


def test_a_run_of_several_words_of_one_name_is_one_mention():
    # "Sir Aldous" counted twice, once for "Sir" and once for "Aldous", and outnumbered the protagonist.
    story = "Sir Aldous Penhallow owns the marsh. Sir Aldous rides out. Sir Aldous returns. Aldous sleeps."
    (found,) = find_people([story])
    assert (found.name, found.mentions) == ("Sir Aldous Penhallow", 4)


@pytest.mark.parametrize(
    ("story", "name"),
    [
        ("Nell wrote to Harriet Vance every week. She was living with Harriet Vance by June.", "Harriet Vance"),
        ("The portrait was painted by Tobias Wren in 1880. Nobody paid for Tobias Wren's time.", "Tobias Wren"),
        ("She was married to Arthur Penhallow at twenty. She had two sons from Arthur Penhallow.", "Arthur Penhallow"),
    ],
)
def test_a_full_name_said_only_after_to_by_with_or_from_is_still_a_protagonist_s(story, name):
    # "emigrated to New Zealand" is a place: "to" and "from" say where only after a verb of going.
    assert names_in(story) == [name]


@pytest.mark.parametrize(
    ("story", "name"),
    [
        # Nouns for people that name a substance or an organism too are people's words still.
        ("Moreau's supervisor, Jack Crawford, sends her. The case is cold.", "Jack Crawford"),
        ("The letter reaches a translator, Mara Lindqvist, in Oslo. The snow falls.", "Mara Lindqvist"),
        # A full name said after "of" or "at", or owning a house, is a person's still.
        ("Nell mourns the death of Harriet Vance. She smiled at Harriet Vance once.", "Harriet Vance"),
        ("Nell went to Harriet Vance's house. Nell sat with Harriet Vance.", "Harriet Vance"),
        # A title of kin names a family, as a man's honorific does: Father Brown is Father Michael Brown's uncle.
        (
            "Father Michael Brown came. Father Brown said his nephew was late. Father Brown laughed.",
            "Father Michael Brown",
        ),
    ],
)
def test_people_the_review_found_lost_are_found(story, name):
    assert name in names_in(story)


@pytest.mark.parametrize(
    "story",
    [
        "Jenna hosts Morning Glory on weekdays. Morning Glory is the top show.",
        "The pilots must pilot Air Force One today. Air Force One is late.",
        "The club's owner, Castlegate Holdings, sold it. Castlegate Holdings made money.",
    ],
)
def test_a_verb_or_a_company_before_or_as_a_name_is_no_one(story):
    assert names_in(story) == []


@pytest.mark.parametrize(
    ("story", "name"),
    [
        (
            "Billy Elliot is an eleven-year-old boy. He loves ballet. Billy Elliot trains. His father catches Billy.",
            "Billy Elliot",
        ),
        ("Lily Bart is a beautiful woman in New York. Lily Bart refuses Simon Rosedale. Lily dies.", "Lily Bart"),
        ("Finally Kung said nothing. Kung left, and Kung never came back.", "Kung"),
        # Adverbs of no base and "-ly" ("true", "due", "whole") are adverbs too: "Truly Harry" was a person.
        ("Truly Harry is a wizard. Harry Potter lives in a cupboard. Harry Potter runs away.", "Harry Potter"),
    ],
)
def test_a_given_name_ending_in_ly_at_a_sentence_s_start_is_no_adverb(story, name):
    # "Finally" is an adverb of "final"; "Billy" and "Lily" are no adverbs of anything.
    assert names_in(story) == [name]


@pytest.mark.parametrize(
    ("story", "names"),
    [
        (
            "Anna Blake moves to the city. She finds work. Anna Blake meets a man. Anna Blake marries him.",
            ["Anna Blake"],
        ),
        ("Peter Walsh returns from India. Peter visits the house. Peter Walsh loves her still.", ["Peter Walsh"]),
        (
            "Molly Brown grew up poor in Missouri. She married a miner. Molly Brown survived the sinking.",
            ["Molly Brown"],
        ),
        # Words of the language the dictionary knows in lowercase only are no given names.
        ("Good Friday comes. Good Friday is quiet. New Year comes. New Year is cold.", []),
    ],
)
def test_a_full_name_opening_sentences_only_is_a_person_though_its_given_name_is_a_word(story, names):
    # "Anna", "Peter" and "Molly" are words in lowercase too (a coin, a fish): given names the dictionary keeps
    # capitalised as well, where it keeps "Good" and "New" in lowercase only.
    assert names_in(story) == names


@pytest.mark.parametrize(
    "story",
    [
        "Norma Desmond, a faded silent-film star, lives alone. Norma Desmond hires him. Norma Desmond shoots him.",
        "Kiki Dunne is a pop star. The band tours with Kiki Dunne. Tonight Kiki Dunne sings.",
        "Eric Taylor, a high school football coach, moves to Dillon. Eric Taylor loses. Later Eric Taylor wins.",
    ],
)
def test_a_star_of_film_or_pop_or_a_coach_is_a_person(story):
    # "star" and "coach" were things' words, and a description by them said no person for good.
    assert names_in(story) == [story.split(" is ")[0].split(",")[0]]


@pytest.mark.parametrize(
    "story",
    [
        '"Thanks, buddy, Merry Christmas!" shouted Dale\'s neighbour. The snow fell.',
        '"Come on, slowpoke, Happy Hour ends at six!" The bar was full.',
        '"Mother, Godspeed," the boy whispered. The ship sailed.',
    ],
)
def test_a_greeting_after_someone_spoken_to_is_no_one(story):
    # A role set apart before a name says who the name is ("the captain, Elias Boone"), not one spoken to.
    assert names_in(story) == []


@pytest.mark.parametrize(
    ("story", "names"),
    [
        (
            "The Bennet sisters, Jane, Elizabeth, Mary, Kitty and Lydia, live at Longbourn. Jane loves Bingley. "
            "Lydia elopes with Wickham. Elizabeth marries Darcy.",
            ["Jane", "Elizabeth", "Mary", "Kitty", "Lydia"],  # each introduced by name, said once too
        ),
        # ("Frank", a word of the language said once, is no one either way.)
        ("Nell's parents, Frank and Siobhan, fight. The summer is long.", ["Siobhan"]),
        # The first after a colon too, which starts no sentence there (Brian, a role by his ending, was missed).
        ("Old Seamus had three sons: Brian, Conor and Fergus. Brian was the eldest.", ["Brian", "Conor", "Fergus"]),
        ("He had two daughters: Vivian and Siobhan. Siobhan sang.", ["Vivian", "Siobhan"]),
        # Introduced by name as the first is, words of the language said once too (Lily and Violet were missed).
        ("The king had three daughters: Rose, Lily and Violet. Rose was the eldest.", ["Rose", "Lily", "Violet"]),
        # A list after no role, or after a role of companies or countries too, names no people.
        ("They visited the cities, Paris, Rome and Vienna. Vienna was cold. Rome was hot.", []),
        ("The sponsors, Nike and Adidas, pull out. Adidas signs a rival.", []),
        ("The finalists, Brazil and Germany, meet in Rio. Germany wins. The fans cheer for Germany.", []),
    ],
)
def test_each_name_of_a_list_after_a_plural_role_is_a_person(story, names):
    assert names_in(story) == names


@pytest.mark.parametrize(
    ("story", "names"),
    [
        ("Hunter is a boy of twelve. Hunter loves trains. His mother calls Hunter home.", ["Hunter"]),
        ("Robin lives in the forest with Marian. Robin robs the rich. Marian loves Robin.", ["Robin"]),
        ("Wren lives with her grandmother. Wren rescues a boy. The boy thanks Wren.", ["Wren"]),
        # Introduced by name, once is enough.
        ("Once there was a girl named Piper, who lived by the sea.", ["Piper"]),
        # Introduced by name, a determiner before it elsewhere makes it no role ("an elderly Wren", years later).
        (
            "She finds a girl named Wren. Wren leads her home. The story ends with an elderly Wren in an orchard.",
            ["Wren"],
        ),
        # After a determiner, or in the plural, the word is a role or a kind still.
        ('The Hunter went into the wood. "Stop!" said the Hunter. The Hunter shot the wolf.', []),
        ("The frozen Goblins screamed at the awful Monster. The Goblins fled from the awful Monster.", []),
    ],
)
def test_a_given_name_that_is_a_word_for_a_kind_of_person_is_a_person_where_no_determiner_stands_before_it(
    story, names
):
    assert names_in(story) == names


def test_a_given_name_that_is_a_word_for_a_kind_of_person_is_introduced_where_first_said():
    # bench/untuned2: "who is sparrow" was answered with "until Sparrow whispered in her earpiece", where something
    # first said he was a person, not with the sentence that names him.
    story = [
        "The third of the crew was a boy named Teodor, whom everybody called Sparrow because he was small.",
        '"What about the cameras?" Sparrow wanted to know. Sparrow complained that the van leaked.',
        "She waited until Sparrow whispered in her earpiece.",
    ]
    sparrow = next(p for p in find_people(story) if p.name == 'Teodor "Sparrow"')
    assert sparrow.intro.startswith("The third of the crew")


def test_a_place_described_after_where_places_stand_is_no_one():
    story = "The story is set on Gannet Skerry, a tiny island. Gannet Skerry has no trees. People leave Gannet Skerry."
    assert names_in(story) == []
    # Described after "to" or "by", a name may be a person's still, "coach" a word of a thing's too.
    story = "She sends the video to Maureen Hollis, a gruff former Olympic coach. Maureen Hollis calls. Maureen laughs."
    assert names_in(story) == ["Maureen Hollis"]


@pytest.mark.parametrize(
    "story",
    [
        "They watch Major League Baseball every week. Major League Baseball is on. He loves Major League Baseball.",
        "They stay at the President Hotel. The President Hotel is cheap. The President Hotel closes.",
    ],
)
def test_a_league_or_a_hotel_a_title_opens_is_no_one(story):
    assert names_in(story) == []


def test_a_surname_after_arabic_s_article_is_part_of_the_full_name():
    story = "Her uncle, Mohammed al-Hassan, runs a shop in Cairo. Al-Hassan is kind. Al-Hassan dies in the riots."
    assert names_in(story) == ["Mohammed al-Hassan"]


@pytest.mark.parametrize(
    ("story", "names"),
    [
        (
            "The Duke of Wellington defeats Napoleon. Wellington returns to London. The Duke of Wellington becomes "
            "prime minister.",
            ["Duke of Wellington"],
        ),
        (
            "Dantes escapes and becomes the Count of Monte Cristo. The Count of Monte Cristo takes revenge.",
            ["Count of Monte Cristo"],
        ),
        # A king's "of" is his kingdom's, a place.
        ("The King of Ulster came. The King of Ulster said no. The King of Ulster left.", []),
    ],
)
def test_a_peer_known_by_the_place_they_hold_is_a_person(story, names):
    assert names_in(story) == names


def test_someone_acting_after_a_scene_set_within_a_sentence_is_not_that_place_s_place():
    story = (
        "The young English privateer Thomas Kestell sails to Lisbon. In Lisbon, Kestell meets a spy. Back in "
        "England, Kestell warns the queen. Kestell fights the Armada."
    )
    assert names_in(story) == ["Thomas Kestell"]
    # A place's place is followed by a mark or a stop word, not a verb: France is no one (Marie, born, is someone).
    assert names_in("Marie was born in Lyon, France, the second of four children. Lyon, France is far.") == ["Marie"]


def test_a_nickname_of_someone_gone_to_is_that_person_s():
    # People are come to and walked to as places are: Meg, said four times, was found by no one (review new66d).
    story = "Every evening she walked to Margaret, whom the children called Meg. Meg was old. Meg told stories."
    assert names_in(story) == ["Meg"]
    story = "The orphan came to Ivan, whom everybody called Sparrow, and asked for bread. Sparrow gave him a loaf."
    assert names_in(story) == ["Sparrow"]


def test_a_nickname_stands_before_the_last_word_of_a_full_name_the_surname():
    # "May" is a surname as often as a second given name: 'John May "Jack"' read it as one (review new66d).
    story = "The old farmer, John May, whom everybody called Jack, sold cows. Jack laughed. John May wept."
    assert names_in(story) == ['John "Jack" May']
    story = "Old Tom met Mary Ann Smith, nicknamed Polly, at the fair. Polly laughed. Mary Ann Smith sang."
    assert names_in(story) == ['Mary Ann "Polly" Smith']


def test_a_given_name_that_is_another_s_surname_before_a_plural_is_a_person_s():
    # Henry Banks, said four times, was read as a family's firm: Mrs Henry's surname before "banks" (review new66d).
    story = (
        "Mrs Henry kept the inn. Her lodger was Henry Banks. Henry Banks walked along the river banks every evening. "
        "Mrs Henry liked Henry Banks. Henry Banks became rich."
    )
    assert names_in(story) == ["Mrs Henry", "Henry Banks"]


def test_a_driver_is_a_word_for_a_person():
    # WordNet files drivers and truckers under "operator", a causal agent, not under person: the court drama's
    # "city snowplough driver" was read by its "city", a place's word, and its husband was a thing.
    assert names_in("Her husband, Rick Dunn, a city snowplough driver, has no alibi.") == ["Rick Dunn"]
    assert names_in("His father, a long-haul trucker named Lars, left the family.") == ["Lars"]
    assert names_in("Mia Lund, a taxi driver, found the bag.") == ["Mia Lund"]


def test_a_full_name_s_given_name_may_be_a_word_of_the_language():
    # The western's Billy Oakes: "billy" is a word (a club), and a name holding a word of the language was never
    # found by being said three times ("Will", "New York"), though the story never writes "billy" in lowercase.
    assert names_in(
        "Eli recognises one of them, Billy Oakes, as the rider.",
        "Under pressure, Billy confesses.",
        "Before Billy can repeat the story, he is found hanged.",
    ) == ["Billy Oakes"]
    # Only a given name the story says alone: a word opening a sentence before a surname, a rank and a kind of thing
    # are no one's (review new67r3 2A-C: "Meanwhile Calder", "Private Haskell" beside Private Eugene Haskell).
    assert names_in(
        "The novel follows Ruth Calder, a forensic accountant. Calder finds the ledgers altered.",
        "Meanwhile Calder's brother loses his job. Undaunted Calder returns to the office.",
    ) == ["Ruth Calder"]
    assert names_in(
        "Among the soldiers is Private Eugene Haskell, a nineteen-year-old replacement.",
        "Only one of them, Private Haskell, returns. Haskell and Madeleine swim the river. Nobody salutes a Private.",
    ) == ["Private Eugene Haskell"]
    assert (
        names_in(
            "In June 1941 the Wehrmacht launched Operation Barbarossa against the Soviet Union.",
            "Barbarossa stalled before Moscow in December. Hitler blamed his generals, and Barbarossa failed.",
        )
        == ["Hitler"]  # the operation is no one; he, who blamed his generals, is someone
    )


def test_an_adverb_opening_a_sentence_before_a_name_is_no_word_of_the_name():
    # Issue 15: plot summaries open sentence after sentence with an adverb the story never writes in lowercase;
    # "Later Martha" and "Meanwhile Martha" were names of two words, so Martha was said once alone, and no one.
    assert names_in(
        "Later Martha walked to the village with her basket.",
        "Meanwhile Martha counted the eggs the hens had laid. Then Martha slept. Martha woke at dawn.",
    ) == ["Martha"]
    assert names_in(
        "Soon Teodor left the farm. Afterwards Teodor sold the cow at the fair.",
        "Instead Teodor bought a goat, and Teodor was happy.",
    ) == ["Teodor"]
    # Words mostly adjectives, though WordNet has them as adverbs too ("little", "long"), still open names.
    assert names_in(
        "Little John fought Robin on the bridge. Little John fell into the water.",
        "Robin laughed, and Little John laughed too.",
    ) == ["Robin", "Little John"]
    story = "Long John Silver limped aboard. Long John Silver smiled. The boy feared Long John Silver."
    assert names_in(story) == ["Long John Silver"]


def test_an_adverb_before_a_name_the_story_writes_within_a_sentence_too_is_the_name_s_first_word():
    # "pretty" is tagged mostly as an adverb ("pretty good"): the ballad's "Pretty Polly wept" read as Polly's, though
    # "the sailor loved Pretty Polly" says the word is the name's.
    assert names_in("Pretty Polly sang in the wood. Pretty Polly wept. The sailor loved Pretty Polly.") == [
        "Pretty Polly"
    ]
    # Written within a sentence before a possessive, or before more of the name, the run is the name's as well.
    assert names_in("Pretty Polly wept. Pretty Polly sang. The sailor kissed Pretty Polly's hand.") == ["Pretty Polly"]
    assert names_in("Pretty Polly wept. Pretty Polly sang. The sailor loved Pretty Polly Perkins.") == ["Pretty Polly"]


def test_a_given_name_said_once_opening_a_sentence_is_a_person_where_its_mention_says_so():
    # Issue 15: a name the dictionary knows, said once, was no one however its mention read ("Thus", "Elves" and
    # "Norway" had been taken for people so). One no word in lowercase, and no name WordNet writes capitalised as a
    # thing (Norway, a country), is a person where its mention says a person.
    assert names_in(
        "Martha said nothing when the letter came.",
        "The children went to bed, and the fire burned low in the grate.",
    ) == ["Martha"]
    assert (
        names_in(
            "Thus said the old king to his sons. Nobody said a word. Everyone said he was right.",
            "Norway said no to the treaty, and the ships sailed home.",
        )
        == []
    )


def test_a_conjunction_opening_a_sentence_before_a_name_is_no_word_of_the_name():
    # "Whenever Maidwa" was a person, and Maidwa, said four times after conjunctions, no one.
    assert names_in(
        "Although Maidwa was the youngest of the brothers, he was the best hunter.",
        "Whenever Maidwa sang, the birds listened. Since Maidwa left, the lodge is empty. Unless Maidwa returns, we "
        "starve.",
    ) == ["Maidwa"]


def test_a_given_name_said_once_after_an_adverb_or_conjunction_opening_a_sentence_is_a_person():
    # Leaving out "Meanwhile" and "Whenever" made the name said once within a sentence, so no one, where "Meanwhile
    # Agnes" had been someone: after the adverb or conjunction left out, the name opens the sentence as good as alone.
    assert names_in("Meanwhile Agnes, his sister, writes to him from the city.") == ["Agnes"]
    assert names_in("Whenever Charles sang, the birds listened.") == ["Charles"]
    assert names_in("Still Margaret said nothing.", "Later Martha said nothing when the letter came.") == [
        "Margaret",
        "Martha",
    ]
    # A stop word left out is no adverb: the name said once after it stays no one, and a place stays a place.
    assert names_in("And Martha said nothing when the letter came.") == []
    assert names_in("Later Norway said no to the treaty, and the ships sailed home.") == []
    # Nor one written in capitals, as a name said once opening a sentence in capitals is not (second review new68r3 4).
    assert names_in("LATER MARTHA said nothing when the letter came.") == names_in("MARTHA said nothing.") == []


def test_who_after_a_place_a_name_stands_in_is_said_of_the_noun_before_it():
    # "a schoolmaster from Shropshire who had taught Latin": the schoolmaster had, and Shropshire was a person.
    assert names_in(
        "Our commanding officer was Major Reginald Hollis-Brandt, a schoolmaster from Shropshire who had taught "
        "Latin before the war. My closest friend was a coal miner's son from Merthyr who could sing any hymn.",
    ) == ["Major Reginald Hollis-Brandt"]
    assert names_in("Its protagonist is a fast-talking estate agent from Croydon who has been fired.") == []
    # Set apart by a comma, after "to", or after a look, "who" is the name's; and so in a cleft sentence.
    assert names_in("He had a letter from Ingeborg, who lived by the sea.") == ["Ingeborg"]
    assert names_in("He gave the ring to Ingeborg who thanked him.") == ["Ingeborg"]
    assert names_in("He smiled at Ingeborg who blushed.") == ["Ingeborg"]
    assert names_in("It was Ingeborg who answered it.") == ["Ingeborg"]
    # With no kind of person before the preposition, "who" is the name's (a reviewer's texts, lost to the rule's first
    # version, which read every "from NAME who" so).
    assert names_in("News came from Oswin who had gone to sea. Everyone missed Oswin.") == ["Oswin"]
    assert names_in("The blame fell on Perrin who had been asleep all along. Perrin wept.") == ["Perrin"]
    assert names_in("Ysolde bought the cottage from Bertram who was leaving for the coast.") == ["Bertram"]


def test_a_plaza_is_a_place_not_the_full_name_of_the_surname_said_alone():
    # "Crudge", said three times, was read as the one full name starting with it, "Crudge Plaza", a shopping centre;
    # it is the surname of Mr. Barnaby Crudge, whom the story has. A plaza is a place, as a square is.
    assert names_in(
        "The greedy developer, Mr. Barnaby Crudge, is draining the pond to build a shopping centre called Crudge "
        "Plaza. The moles hide from Crudge. Pippa follows Crudge to the bank, and Crudge never sees her.",
    ) == ["Mr. Barnaby Crudge"]


def test_a_surname_said_alone_may_be_the_first_word_of_another_person_s_full_name():
    # "Harlow" is Captain Jack Harlow's surname and Harlow Finch's given name; the story's "Harlow climbed the mast" is
    # the cabin boy's, and both are people (a rule tried at stop 69 held every name's later words as surnames alone,
    # and lost Harlow Finch; and Ellen Price, as "Ellen" is a word of "Dr. Ellen Shaw").
    assert names_in(
        "Captain Jack Harlow commanded the ship. The cabin boy was Harlow Finch.",
        "Harlow climbed the mast. Harlow saw land first. The crew cheered for Harlow.",
    ) == ["Captain Jack Harlow", "Harlow Finch"]
    assert names_in(
        "Dr. Ellen Shaw ran the clinic by the harbour. Her new nurse was Ellen Price.",
        "Ellen worked nights. Ellen sang to the patients. The children loved Ellen.",
    ) == ["Dr. Ellen Shaw", "Ellen Price"]


def intro_of(passages: list[str], name: str) -> tuple[int, str]:
    """(passage, sentence) introducing the person of that name."""
    return next((p.passage, p.intro) for p in find_people(passages) if p.name == name)


def test_a_name_first_set_apart_as_someone_s_partner_or_kin_is_introduced_there():
    # bench/untuned7: "arrives with his partner, Simon, whom the family has never met" said nothing of Simon, whose
    # introduction was a later passage's "cold treatment of Simon, until Margaret unexpectedly asks Simon".
    partner = [
        "Tomas Reyes runs a small bakery in Valencia with his partner, Joaquin, whom his parents refuse to meet.",
        '"We cannot pay the rent," said Joaquin one winter, and Tomas admits that he has been paying his debts.',
        "Tomas's sister, Elena, lends them the money, and Joaquin paints her portrait.",
    ]
    assert intro_of(partner, "Joaquin") == (0, partner[0])
    # "Voss's wife Ingrid", then "Ingrid Voss": the full name is hers, introduced as his wife.
    wife = [
        "Captain Harald Voss commands the whaler Northern Star. Voss's wife Ingrid runs the chandlery in Tromso.",
        "When the ship is late, Ingrid sails north to find it. Ingrid Voss is the first to sight the wreck.",
    ]
    assert intro_of(wife, "Ingrid Voss") == (0, "Voss's wife Ingrid runs the chandlery in Tromso.")


def test_a_given_name_said_as_kin_before_the_full_name_introduces_that_person():
    # bench/untuned5: "a local miller, Pavel Ostrov, whose daughter Lena supplies them with bread" said nothing of
    # Lena, and "he later married Lena Ostrov", the last passage, introduced her.
    whose = [
        "The travellers stay at an inn kept by Oskar Brandt, whose son Felix looks after the horses.",
        "When the snow closes the pass, Felix guides them over the mountain. Felix is hurt in a fall.",
        "Years later Felix Brandt inherits the inn and names it after them.",
    ]
    assert intro_of(whose, "Felix Brandt") == (0, whose[0])
    # A given name only said, before the full name says who he is, is no introduction.
    said = [
        '"Where is the key?" asked Felix, looking at the travellers.',
        "Felix Brandt had been a locksmith in Basel before he took over his father's inn.",
        "Felix Brandt opens the door.",
    ]
    assert intro_of(said, "Felix Brandt") == (1, said[1])


def test_a_given_name_said_only_as_kin_introduces_a_full_name_only_of_a_family_named_before():
    # "his son, Tom, who was nineteen" gave Tom Reed, a buyer come up from Lancaster, Walter Greave's son's
    # introduction; "Oskar Brandt, whose son Felix" then "Felix Brandt" is the family named.
    farm = [
        "Walter Greave farmed two hundred acres above the river Lune for forty years. In the spring of 1961 he fell "
        "from a hayloft and broke his hip, and the work passed to his son, Tom, who was nineteen and had wanted to be "
        "a draughtsman. Tom sold the dairy herd within a month and planted barley on the low fields.",
        "Tom Reed came up from Lancaster that summer to buy the herd's old milking machine. He drove a green lorry "
        "and paid in cash.",
        "Walter never walked again. Tom kept the farm going until 1970. Tom Reed bought the farmhouse at auction.",
    ]
    assert intro_of(farm, "Tom Reed") == (
        1,
        "Tom Reed came up from Lancaster that summer to buy the herd's old milking machine.",
    )


def test_a_name_said_alone_in_speech_is_introduced_where_it_is_said_to_be_someone_s():
    # bench/untuned2: 'Then he said one word: "Katarzyna."', then "Katarzyna Wolff-Ebeling had been Dutchie's
    # partner": no one was found, as "had been" was read only before "a", "an" or "the".
    quoted = [
        'Anselm stares at the photograph for a long time. Then he says one word: "Ilse."',
        "Ilse Maurer had been Anselm's fiancee before the war, until she vanished in Vienna in 1938.",
        "Anselm searches the archives for Ilse Maurer.",
    ]
    assert intro_of(quoted, "Ilse Maurer") == (1, quoted[1])


def test_a_name_before_whose_something_is_no_thing_for_it():
    # "All that the war left Ivan was his mother's ring" and "Tom visited Margaret, Harold's farm" say whose the ring
    # and the farm are, not that Ivan and Margaret are things: each is still the person the story introduced.
    ring = [
        "A Russian refugee, Ivan, comes to Crossdale to work in the pit. All that the war left Ivan was his mother's "
        "ring. He plays the violin at the harvest dance.",
        "In the end, Ivan leaves for America.",
    ]
    assert "Ivan" in names_in(*ring)
    farm = [
        "When the war ends, Tom Wilder comes home to Greyside, the farm now run by his cousin Margaret, who has kept "
        "it going through four hard winters.",
        "By the time Tom visited Margaret, Harold's farm had already been sold to the bank.",
        "Margaret teaches Tom to shear. Margaret signs the papers at the bank in Kendal.",
    ]
    assert "Margaret" in names_in(*farm)


def test_a_name_spoken_to_at_a_quotation_s_start_is_not_described_by_what_is_said_to_them():
    # '"Margaret, the house is on fire!"' made Margaret the house, a thing, and no one; '"Tom, Harold's brother is at
    # the door,"' made Tom Harold's brother, introduced there, where "Tom, the village vicar," says who he is.
    fire = [
        'One night Anna runs into the kitchen. "Margaret, the house is on fire!" she cries, and Margaret runs out.',
        "When the fire is out, Margaret sits with Anna on the step. Margaret said nothing.",
    ]
    assert "Margaret" in names_in(*fire)
    door = [
        'Anna Lind keeps house for her uncle. "Tom, Harold\'s brother is at the door," Anna calls up the stairs.',
        "Tom, the village vicar, has not spoken to Harold for twenty years. Harold Marsh, a sailor, has come home.",
        "In the morning Anna discovers that Tom had locked the door on purpose.",
    ]
    assert intro_of(door, "Tom") == (1, "Tom, the village vicar, has not spoken to Harold for twenty years.")


def test_a_role_set_apart_after_a_name_opening_a_quotation_says_who_the_name_is():
    # '"Jory, the blacksmith, has gone to Truro"' is said of Jory, not to him: read as spoken to, Jory was no one.
    forge = [
        '"Jory, the blacksmith, has gone to Truro and will not be back before the fair," said Ned Pascoe to the '
        "squire's steward. The steward wrote it down in his book.",
        "Jory came back on the Saturday with a cartload of iron and a new wife. Ned Pascoe, the carrier, took his "
        "horseshoes to Bodmin every month.",
    ]
    assert intro_of(forge, "Jory") == (0, forge[0].split(" The steward")[0])


def test_a_full_name_that_says_who_it_is_keeps_its_own_introduction():
    # A given name said as someone's kin first moves a full name's introduction there only where the full name never
    # says who it is: "Anna Berg, a land surveyor" and "Margaret Thatcher, the prime minister" are others.
    surveyor = [
        "Harold Ashworth, a retired judge, leaves a third of his estate to his daughter, Anna, who has nursed him.",
        "In the spring, a stranger arrives. Anna Berg, a land surveyor from Oslo, has come to map the hall.",
        "Anna Berg finds that the orchard was never part of the estate.",
    ]
    assert intro_of(surveyor, "Anna Berg") == (1, "Anna Berg, a land surveyor from Oslo, has come to map the hall.")
    strike = [
        "In 1984, Harold Dunn, a union man, leads the strike. His wife, Margaret, runs the soup kitchen.",
        "Margaret Thatcher, the prime minister, refuses to meet the union. Margaret Thatcher sends more police.",
    ]
    assert intro_of(strike, "Margaret Thatcher") == (1, strike[1].split(" Margaret Thatcher sends")[0])
    # Only said to be someone's, the full name is the kin said first: "Sabine Laurent had been Luc's fiancee".
    fiancee = [
        "The eldest son, Luc, manages the estate. Luc's girlfriend, Sabine, a chemist from Dijon, tests the soil.",
        "Sabine Laurent had been Luc's fiancee once before, until she left him for a job in Lyon.",
    ]
    assert intro_of(fiancee, "Sabine Laurent") == (0, fiancee[0].split("estate. ")[1])


def test_whose_role_before_a_name_says_who_the_name_is_only_where_the_name_acts_on_something_of_its_own():
    # "whose daughter Lena supplies them" names Lena the daughter; in "whose father Anton had arrested in 1942" and
    # "whose husband Pavel shot during the uprising" the father and the husband are whom Anton and Pavel acted on.
    arrested = [
        "She is the only survivor of a family whose father Anton had arrested in 1942.",
        "She meets a young clerk, Paul, who helps her read the deeds. Anton, a former police sergeant, keeps the shop.",
        "Anton offers to buy the house for her. In the end, Anton leaves Lauben.",
    ]
    assert intro_of(arrested, "Anton") == (1, "Anton, a former police sergeant, keeps the shop.")
    shot = [
        "Marta Kovac is the woman whose husband Pavel shot during the uprising of 1944.",
        "In the spring of 1961, Pavel, a retired sergeant, comes back to Dunmore and asks Marta for work.",
        "Pavel Horak sleeps in the storeroom. Pavel Horak rises before dawn to fire the ovens.",
    ]
    assert intro_of(shot, "Pavel Horak") == (1, shot[1])
    # Set apart, the role is who the name is as after "his": ", whose brother, Tom," names a person said once.
    assert names_in(
        "Harold Finch, a weaver, lived in Leeds with his wife, whose brother, Tom, ran the mill by the river.",
        "Harold was poor.",
    ) == ["Harold Finch", "Tom"]


def test_whose_role_before_a_name_whose_verb_is_followed_by_a_time_says_nothing_of_the_name():
    # "whose daughter Marek married the winter before the war": the winter is when Marek married her, not whom, and
    # the daughter is his wife; "Marek, a beekeeper from Sanok," says who he is.
    mill = [
        "In the village of Zarna lived Jan Kowal, the miller, whose daughter Marek married the winter before the war.",
        "Marek, a beekeeper from Sanok, came back from the front in 1919 with one arm. Marek sold honey at the market.",
    ]
    assert intro_of(mill, "Marek") == (
        1,
        "Marek, a beekeeper from Sanok, came back from the front in 1919 with one arm.",
    )
    assert intro_of([mill[0].replace("the winter", "the next day"), mill[1]], "Marek")[0] == 1


def test_a_full_name_written_otherwise_than_a_given_name_is_not_that_person_s():
    # "Soren Kask", in a letter, may be another than "Søren": a name said alone is a full name written as it is.
    letter = [
        "Søren walked to the harbour with his brother. Later Søren bought bread.",
        "The letter came from Soren Kask in Tallinn, and Søren read it twice.",
    ]
    assert names_in(*letter) == ["Søren"]


def test_a_name_said_to_be_someone_s_partner_in_something_may_be_a_company():
    # "Later Blackwood became Harold's partner in the venture", then "Blackwood sells its share": a partner in a
    # venture may be a firm, and says no one is a person; "had been Anselm's fiancee" still does.
    deal = [
        "Harold Finch, a struggling inventor in Leeds, builds a new kind of loom in 1931. His only investor is "
        "Vickers, a partner of the government in the war years. Later Blackwood became Harold's partner in the "
        "venture, and the loom went into production.",
        "When the depression deepens, Blackwood sells its share to Courtaulds, Harold's old rival, and Harold loses "
        "the factory. He spends his last years teaching at the technical college, where a student named Agnes Bell "
        "rebuilds his loom.",
    ]
    assert "Blackwood" not in names_in(*deal)
    assert "Ilse Maurer" in names_in("Ilse Maurer had been Anselm's fiancee before the war.", "Anselm wept.")


def test_a_role_before_a_full_name_leaves_it_introduced_where_its_given_name_was_named():
    # A Legend of Knockmany: "another giant, named Far Rua--some say", read as "Far", then "his great foe, Far Rua":
    # a role before the full name may say who one met before is; only a description after it ("Anna Berg, a land
    # surveyor") introduces someone else.
    knockmany = [
        "There was at that time another giant, named Far Rua--some say he was Irish and some say he was Scotch--but "
        "whether Scotch or Irish, he was a targer.",
        "Finn was very melancholy, and felt himself very comfortable considering the dread he had of Far Rua.",
        "In this very thing he was very much resembled by his great foe, Far Rua; for it was well known that the "
        "huge strength that he possessed all lay in the middle finger of his right hand.",
        '"It\'s this Far Rua," said he, "that\'s troublin\' me."',
    ]
    assert intro_of(knockmany, "Far Rua") == (0, knockmany[0])


def test_a_passage_s_sentences_are_read_once_for_all_the_people_it_introduces(monkeypatch):
    # One sentence of thousands of "X's brother, Y," read its passage's sentences again for each person: 3.8 s at
    # 4,000 pairs, time growing with the square of the sentence.
    syllables = ["ka", "lo", "mi", "ru", "se", "ta", "ve", "no"]
    names = [(a + b + c).title() for a in syllables for b in syllables for c in syllables][:201]
    passage = "They met " + " ".join(f"{names[i]}'s brother, {names[i + 1]}," for i in range(200)) + " and left."
    reads = []

    def counted(text: str) -> list[tuple[int, int]]:
        reads.append(text)
        return sentence_spans(text)

    monkeypatch.setattr(people_finder, "sentence_spans", counted)
    assert len(find_people([passage])) > 100
    assert len(reads) == 1
