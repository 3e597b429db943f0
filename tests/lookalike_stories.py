"""Stories that references must keep apart: titles that repeat, a file name that only looks like another
(a Cyrillic "\u0430" for a Latin "a", put there by hand, not uploaded), a path over 100 characters, one
person's name in two stories."""

from __future__ import annotations

from pathlib import Path

LONG_FOLDER = "shelves/" + "a-very-long-folder-name-for-old-stories/" * 3
LOOKALIKES = {
    "a/chapter.md": "# Chapter\n\nMaren Holt was a lighthouse keeper on the northern cape.\n\n"
    "Every evening Maren walked across the square to the lighthouse and lit the lamp.",
    "b/chapter.md": "# Chapter\n\nMaren Holt was a baker who kneaded the dough at dawn.\n\n"
    "Maren sold warm bread and honey cakes in the square.\n\nAt night the bakery was quiet.",
    "sofia-ballerina.md": "# Sofia\n\nSofia danced at the Bolshoi theatre every winter.\n\n"
    "Her mother sewed all of her costumes by hand.",
    "sofia-ballerin\u0430.md": "# Sofia\n\nAn impostor who never danced claimed the stage.\n\nNo one believed her.",
    "the-old-mill.md": "# The Old Mill\n\nThe miller Ada ground the wheat by the river.\n\n"
    "The mill wheel creaked all night long.",
    LONG_FOLDER + "the-glass-orchard.md": "# The Glass Orchard\n\nLina grew apples of glass in her orchard.\n\n"
    "Each apple rang like a bell in the wind.",
}


def write_stories(folder: Path, stories: dict[str, str]) -> Path:
    """The stories as files of the folder (made, with their subfolders, as needed); the folder."""
    for path, text in stories.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text)
    return folder
