"""Test helper: turn a simplified sentence into the kind of mojibake some web pages show.

Such pages convert the text to traditional characters and print the tone-marked pinyin of some
converted characters in parentheses after them: `关于东区经济发展` -> `關(guān)于東區(qū)經(jīng)濟發展`.
`normalize` must undo this exactly; the tests build the variants here from made-up sentences.
"""

from __future__ import annotations

import random

import opencc
from pypinyin import Style, pinyin

_S2T = opencc.OpenCC("s2t")


def _gloss(chars: str, rng: random.Random) -> str:
    """Tone-marked pinyin of `chars`, in ASCII or full-width parentheses, syllables spaced or not."""
    syllables = [item[0] for item in pinyin(chars, style=Style.TONE, heteronym=False)]
    body = rng.choice([" ", ""]).join(syllables)
    open_, close = rng.choice([("(", ")"), ("（", "）")])
    return f"{open_}{body}{close}"


def mojibake(simplified: str, *, seed: int = 0, share: float = 0.6) -> str:
    """s2t, then a pinyin gloss after a random `share` of the characters the conversion changed.

    Now and then the gloss covers the changed character and the next one (`經濟(jīng jì)`), as pages
    that gloss whole words do. The result has the same characters as `s2t(simplified)` plus glosses.
    """
    rng = random.Random(seed)
    traditional = _S2T.convert(simplified)
    if len(traditional) != len(simplified):  # s2t is length-preserving for ordinary text
        return traditional
    out: list[str] = []
    index = 0
    while index < len(traditional):
        char = traditional[index]
        changed = char != simplified[index]
        if changed and rng.random() < share:
            pair = index + 1 < len(traditional) and "\u4e00" <= traditional[index + 1] <= "\u9fff"
            if pair and rng.random() < 0.25:
                out.append(traditional[index : index + 2] + _gloss(simplified[index : index + 2], rng))
                index += 2
                continue
            out.append(char + _gloss(simplified[index], rng))
        else:
            out.append(char)
        index += 1
    return "".join(out)
