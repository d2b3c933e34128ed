"""Grammatical gender of the people an article names, for pronoun resolution.

A pronoun ("he said") goes to the nearest preceding person whose gender is compatible: the
same, or unknown (CoreNLP's deterministic coreference uses the same agreement constraint, Lee
et al. 2013). Gender comes only from cues in the text: an honorific before the name ("Mr.",
"Ms.", "Mrs."), a gendered title ("spokeswoman", "chairman", "queen") in the person's role, or a
short list of common first names (:data:`FIRST_NAMES`, a convenience, deliberately small; an
unlisted name stays unknown). When no compatible person precedes, the nearest one is taken.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

__all__ = [
    "FIRST_NAMES",
    "gender_cues",
    "nearest_compatible",
    "person_gender",
    "pronoun_gender",
    "role_gender",
]

T = TypeVar("T")
#: How many mentions back a pronoun may reach past incompatible ones.
_WINDOW = 30


def _words(text: str) -> list[str]:
    return text.split()


#: A small list of common English and international first names, by gender.
FIRST_NAMES: dict[str, str] = {
    **dict.fromkeys(
        _words(
            "john james robert michael william david richard joseph thomas charles daniel paul mark "
            "donald george kenneth steven edward brian ronald anthony kevin jason matthew gary "
            "timothy larry jeffrey frank scott eric stephen andrew raymond gregory joshua jerry "
            "dennis walter peter harold douglas henry carl arthur ryan roger joe juan jack albert "
            "jonathan justin terry gerald keith samuel willie ralph lawrence nicholas roy benjamin "
            "bruce brandon adam harry fred wayne billy steve louis jeremy aaron randy howard eugene "
            "carlos russell bobby victor martin ernest phillip todd jesse craig alan shawn clarence "
            "sean philip chris johnny earl jimmy antonio mike tom lars hans omar ali ahmed mohammed "
            "muhammad khalid hassan ivan sergei vladimir igor dmitry pierre francois emmanuel "
            "olaf boris giuseppe marco luca jose luis miguel"
        ),
        "m",
    ),
    **dict.fromkeys(
        _words(
            "mary patricia linda barbara elizabeth jennifer maria susan margaret dorothy lisa nancy "
            "karen betty helen sandra donna carol ruth sharon michelle laura sarah kimberly deborah "
            "jessica shirley cynthia angela melissa brenda amy anna rebecca virginia kathleen "
            "pamela martha debra amanda stephanie carolyn christine marie janet catherine frances "
            "ann joyce diane alice julie heather teresa doris gloria evelyn jean cheryl mildred "
            "katherine joan ashley judith rose janice kelly nicole judy christina kathy theresa "
            "beverly denise tammy irene jane lori rachel marilyn andrea kathryn louise sara anne "
            "jacqueline wanda bonnie julia ruby lois tina phyllis norma paula diana annie lillian "
            "emily robin peggy crystal gladys rita dawn connie florence tracy edna tiffany carmen "
            "rosa cindy grace wendy victoria edith sherry sylvia josephine thelma shannon "
            "sheila ethel ellen elaine marjorie carrie charlotte monica esther pauline emma juanita "
            "elena ursula angela noura fatima aisha leila olga natalia irina hillary kamala "
            "condoleezza madeleine nikki samantha"
        ),
        "f",
    ),
}
_HONORIFIC = re.compile(r"\b(?P<h>Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord)\.? (?P<name>[A-Z][\w’'\-]+)")
_HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f"}
_HONORIFIC_GENDER |= {"dame": "f", "lady": "f"}
_ROLE_WORDS = {
    "m": ("spokesman", "chairman", "king", "prince", "emir", "sultan", "congressman"),
    "f": ("spokeswoman", "chairwoman", "queen", "princess", "congresswoman"),
}


def pronoun_gender(pronoun: str) -> str:
    """``"m"`` for he/him/his, ``"f"`` for she/her/hers.

    >>> pronoun_gender("She"), pronoun_gender("he")
    ('f', 'm')
    """
    return "f" if pronoun.lower() in ("she", "her", "hers") else "m"


def role_gender(role: str) -> str | None:
    """The gender a role states ("spokeswoman" -> ``"f"``), else ``None``.

    >>> role_gender("State Department spokeswoman"), role_gender("foreign minister")
    ('f', None)
    """
    words = set(re.findall(r"[a-z]+", role.lower()))
    return next((g for g, cue in _ROLE_WORDS.items() if words.intersection(cue)), None)


def gender_cues(text: str) -> dict[str, str]:
    """Surname (lower case) -> gender from honorifics in ``text`` ("Ms. Lund" -> lund: f).

    >>> gender_cues("Ms. Lund and Mr. Berg met.")
    {'lund': 'f', 'berg': 'm'}
    """
    cues: dict[str, str] = {}
    for match in _HONORIFIC.finditer(text):
        gender = _HONORIFIC_GENDER.get(match.group("h").lower())
        if gender is not None:
            cues.setdefault(match.group("name").lower(), gender)
    return cues


def person_gender(name: str, role: str, cues: dict[str, str]) -> str | None:
    """A person's gender from the text's honorifics, the role, then the first-name list.

    >>> person_gender("Pia Lund", "", {}), person_gender("Kim Berg", "spokesman", {})
    (None, 'm')
    """
    parts = name.lower().split()
    if not parts:
        return None
    return cues.get(parts[-1]) or role_gender(role) or FIRST_NAMES.get(parts[0])


def nearest_compatible(
    people: list[T], k: int, pronoun: str, gender_of: Callable[[T], str | None]
) -> T | None:
    """The nearest of ``people[:k + 1]`` (searching back from ``k``) whose gender agrees with
    ``pronoun`` or is unknown; the nearest one when none agrees; ``None`` when ``k < 0``.

    >>> nearest_compatible(["Ann", "Bob"], 1, "she", {"Ann": "f", "Bob": "m"}.get)
    'Ann'
    >>> nearest_compatible(["Bob"], 0, "she", {"Bob": "m"}.get)
    'Bob'
    """
    if k < 0:
        return None
    wanted = pronoun_gender(pronoun)
    for i in range(k, max(k - _WINDOW, -1), -1):
        if gender_of(people[i]) in (None, wanted):
            return people[i]
    return people[k]
