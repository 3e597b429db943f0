"""A tiny excerpt of SQuAD v1.1's dev-v1.1.json (CC BY-SA 4.0, from Wikipedia), in its own layout: two articles,
the first one's second paragraph longer than a passage may be."""

import json
from pathlib import Path

NORMANS = (
    "The Normans (Norman: Nourmands; French: Normands; Latin: Normanni) were the people who in the 10th and 11th "
    'centuries gave their name to Normandy, a region in France. They were descended from Norse ("Norman" comes '
    'from "Norseman") raiders and pirates from Denmark, Iceland and Norway who, under their leader Rollo, agreed '
    "to swear fealty to King Charles III of West Francia. Through generations of assimilation and mixing with the "
    "native Frankish and Roman-Gaulish populations, their descendants would gradually merge with the "
    "Carolingian-based cultures of West Francia. The distinct cultural and ethnic identity of the Normans emerged "
    "initially in the first half of the 10th century, and it continued to evolve over the succeeding centuries.",
    "The Norman dynasty had a major political, cultural and military impact on medieval Europe and even the Near "
    "East. The Normans were famed for their martial spirit and eventually for their Christian piety, becoming "
    "exponents of the Catholic orthodoxy into which they assimilated. They adopted the Gallo-Romance language of "
    "the Frankish land they settled, their dialect becoming known as Norman, Normaund or Norman French, an "
    "important literary language. The Duchy of Normandy, which they formed by treaty with the French crown, was a "
    "great fief of medieval France, and under Richard I of Normandy was forged into a cohesive and formidable "
    "principality in feudal tenure. The Normans are noted both for their culture, such as their unique Romanesque "
    "architecture and musical traditions, and for their significant military accomplishments and innovations. "
    "Norman adventurers founded the Kingdom of Sicily under Roger II after conquering southern Italy on the "
    "Saracens and Byzantines, and an expedition on behalf of their duke, William the Conqueror, led to the Norman "
    "conquest of England at the Battle of Hastings in 1066. Norman cultural and military influence spread from "
    "these new European centres to the Crusader states of the Near East, where their prince Bohemond I founded "
    "the Principality of Antioch in the Levant, to Scotland and Wales in Great Britain, to Ireland, and to the "
    "coasts of north Africa and the Canary Islands.",
    'The English name "Normans" comes from the French words Normans/Normanz, plural of Normant, modern French '
    'normand, which is itself borrowed from Old Low Franconian Nortmann "Northman" or directly from Old Norse '
    "Norðmaðr, Latinized variously as Nortmannus, Normannus, or Nordmannus (recorded in Medieval Latin, 9th "
    'century) to mean "Norseman, Viking".',
)
SUPER_BOWL = (
    "Super Bowl 50 was an American football game to determine the champion of the National Football League (NFL) "
    "for the 2015 season. The American Football Conference (AFC) champion Denver Broncos defeated the National "
    "Football Conference (NFC) champion Carolina Panthers 24–10 to earn their third Super Bowl title. The game was "
    "played on February 7, 2016, at Levi's Stadium in the San Francisco Bay Area at Santa Clara, California. As "
    'this was the 50th Super Bowl, the league emphasized the "golden anniversary" with various gold-themed '
    "initiatives, as well as temporarily suspending the tradition of naming each Super Bowl game with Roman "
    'numerals (under which the game would have been known as "Super Bowl L"), so that the logo could '
    "prominently feature the Arabic numerals 50."
)
QUESTIONS = (
    # (article, paragraph from 1, question, answer), as SQuAD has them
    ("Normans", 1, "In what country is Normandy located?", "France"),
    ("Normans", 2, "Who was the duke in the battle of Hastings?", "William the Conqueror"),
    ("Normans", 3, "When was the Latin version of the word Norman first recorded?", "9th century"),
    ("Super_Bowl_50", 1, "Which NFL team represented the AFC at Super Bowl 50?", "Denver Broncos"),
)


def write_squad_excerpt(path: Path) -> Path:
    """The excerpt as SQuAD's JSON at `path` (its folders made)."""
    data = []
    for title, paragraphs in (("Normans", NORMANS), ("Super_Bowl_50", (SUPER_BOWL,))):
        items = []
        for number, context in enumerate(paragraphs, start=1):
            asked = [(q, a) for t, n, q, a in QUESTIONS if (t, n) == (title, number)]
            qas = [
                {"question": q, "id": f"{title}-{number}", "answers": [{"text": a, "answer_start": context.find(a)}]}
                for q, a in asked
            ]
            items.append({"context": context, "qas": qas})
        data.append({"title": title, "paragraphs": items})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": "1.1", "data": data}), encoding="utf-8")
    return path
