"""Where a story tells where someone comes from, for a question of their origin."""

from bot.core.origin_asked import origin_told


def test_where_someone_comes_from_is_told_next_to_their_name():
    story = [
        "The company crosses the Alps in 1916.",
        "My closest friend was a Welshman named Gethin Pryce, a coal miner's son from Merthyr who could sing.",
    ]
    assert origin_told(story, "Gethin Pryce") == (1, story[1])
    told = "Wren Tallow, a seventeen-year-old net-mender from the fishing town of Gullhaven, finds a map."
    assert origin_told([told], "Wren Tallow") == (0, told)
    told = "Born in Moscow to a family of musicians, Sébastien had been playing the violin since she was five."
    assert origin_told([told], "Sébastien Kalmurzaeva") == (0, told)
    assert origin_told(["Amélie was born on 14 March 1921 in Lyon, France."], "Amélie Dubois") is not None
    assert origin_told(["Tom Hale grew up in a mining village."], "Tom Hale") is not None


def test_from_a_person_a_day_or_nowhere_tells_no_origin():
    story = [
        "Nell had a letter from Tom Hale.",
        "Nell works from Monday to Friday.",
        "Nell never forgot where she came from.",
        "Nell was born into a family of modest means.",
    ]
    assert origin_told(story, "Nell Price", others=["Tom Hale"]) is None


def test_where_someone_else_comes_from_is_not_theirs():
    for told in (
        "Nell met Anna Bell, a girl from Leeds.",
        "Nell married a fisherman from Whitby.",
        "Nell, whose mother came from Cornwall, drives south.",
        "Nell works for a man from Leeds.",
        "Anna said: born in Leeds, Nell was proud.",
    ):
        assert origin_told([told], "Nell Price", others=["Anna Bell"]) is None, told


def test_a_journey_a_sender_or_a_birth_of_no_place_tells_no_origin():
    for told in (
        "Alwin received a silver cup from the King.",
        "Alwin, a merchant sailor, returned from France a hero.",
        "Sir Alwin rode out from Camelot.",
        "Alwin receives a letter from Vienna.",
        "Alwin was born in 1920 and trained as a nurse.",
        "Alwin was raised in poverty by his grandmother.",
        "Alwin, the husband of a girl from Leeds, sighed.",
        "Born in Texas, the stranger shot Alwin.",
        "Alwin, a trumpet player who has just returned from Chicago, plays.",
    ):
        assert origin_told([told], "Alwin Berg") is None, told
    for told in (
        "Alwin came from a poor village high in the Harz mountains.",
        "Alwin had been born in the hills of Gwynedd.",
        "Alwin grew up on a farm in Cumbria.",
        "Alwin, a shepherd from a village in the hills, sang.",
        "Alwin Berg, from Leeds, sang.",
        "Alwin Berg, originally from Leeds, sang.",
    ):
        assert origin_told([told], "Alwin Berg") == (0, told), told


def test_a_journey_a_time_or_a_clause_tells_no_origin():
    for told in (
        "Alwin arrived from London on the morning train.",
        "Alwin came from New York that evening.",
        "Alwin was born in the Depression.",
        "Alwin was born in the year of the Great Flood.",
        "Alwin, the Sun God from whom the Emperors descend, shone.",
        "Alwin, a messenger from the palace, knelt.",
        "Alwin Berg's parcel came to London from Vienna.",
        "Alwin Berg's parcel came from Vienna.",
    ):
        assert origin_told([told], "Alwin Berg") is None, told
    for told in (
        "Alwin came to England from Jamaica in 1956.",
        "Alwin arrived from Halifax to live with her grandmother.",
        "Alwin Berg, from the Netherlands, sang.",
        "Alwin came from the United States.",
        "Alwin, a fisherman from the Isle of Man, sang.",
        "Alwin was born in the Bronx.",
        "Alwin grew up in the Lake District.",
        "Alwin was born in a little cottage by the sea.",
        "Alwin, a diamond cutter from the Hague, sang.",
        "Alwin, a drifter from the West, sang.",
        "Alwin, a fiddler from the Orkneys, sang.",
        "Alwin grew up in the Outback.",
        "Alwin was a princess from the Land of Oz.",
        "Alwin was born in the Vale of Glamorgan.",
        "Alwin is all the way from Texas.",
        "Alwin came from Jamaica by ship in 1948.",
        "Alwin, who came from Ukraine last year, sang.",
        "Alwin came over from Ireland on the boat.",
        "Alwin came from Hong Kong by plane with his mother.",
        "Alwin was over from Ireland for the summer.",
        "Alwin was born in the winter of 1947 in a pit village.",
        "Alwin was born in the reign of Queen Victoria in a little village.",
        "Alwin was born at the end of the Revolution in Petrograd.",
        "Alwin grew up in the years of the Depression in a mill town.",
        "Alwin was born in Restoration London.",
    ):
        assert origin_told([told], "Alwin Berg") == (0, told), told


def test_a_coming_on_some_day_or_to_stay_is_from_where_they_lived():
    for told in (
        "Tomasz Nowak came from Poland one day in 1948 and never left Bradford.",
        "Tomasz Nowak arrived from Paris one evening and stayed for life.",
        "Tomasz Nowak arrived from Paris that evening in 1948.",
        "Tomasz Nowak came from Leeds that morning to live with her aunt.",
    ):
        assert origin_told([told], "Tomasz Nowak") == (0, told), told
    assert origin_told(["Tomasz Nowak arrived from Paris that evening."], "Tomasz Nowak") is None


def test_a_coming_to_a_place_is_from_a_named_place_to_no_person():
    for told in ("Tom Berg came to New York from Vienna.", "Tom Berg came to the city from Vienna."):
        assert origin_told([told], "Tom Berg") == (0, told), told
    story = ["Harold Finch came to London from the Ministry to inspect the docks.", "Harold grew up in a mill town."]
    assert origin_told(story, "Harold Finch") == (1, story[1])
    assert origin_told(["Tom Berg came to London from the Bank of England."], "Tom Berg") is None
    assert origin_told(["Tom Berg came to Anna Lind from Vienna."], "Tom Berg", others=["Anna Lind"]) is None


def test_a_capitalised_time_is_no_birthplace():
    for told in (
        "Tom Berg was born in the Year of the Dragon.",
        "Tom Berg was born in the Reign of Terror.",
        "Tom Berg was born in the Summer of Love.",
        "Tom Berg was born in the Great War.",
    ):
        assert origin_told([told], "Tom Berg") is None, told
    for told in ("Tom Berg was born in the Age of Steam in Manchester.", "Tom Berg was born in the Isle of Man."):
        assert origin_told([told], "Tom Berg") == (0, told), told
