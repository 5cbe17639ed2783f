"""Arabic function words: the stop words of ``framing discover`` and of story matching."""

from __future__ import annotations

__all__ = ["DEFAULT_STOPWORDS"]

#: Arabic function words, in normalised spelling (أ/إ/آ → ا, ى → ي, ة → ه).
DEFAULT_STOPWORDS: frozenset[str] = frozenset("""
في من علي الي عن ان او ام ثم حتي قد لقد لا لم لن ما ماذا مما مع بين كما كان كانت يكون تكون
كانوا اصبح هذا هذه هذان هاتان هؤلاء ذلك تلك اولئك هو هي هما هم هن انا نحن انت انتم
التي الذي الذين اللذين اللتين اللواتي اللاتي عند عندما منذ خلال بعد قبل حيث كل بعض غير اي ايضا
لكن لكنه لكنها الا اذا اذ اذن لدي لو لولا لان كي ليس ليست مثل نحو دون ضد حول لدي عليه عليها
عليهم فيه فيها فيهم منه منها منهم اليه اليها اليهم به بها بهم له لها لهم هناك هنا الان كذلك
وقد بل اما سوف ان يا تم يتم عدد اكثر اقل جدا فقط
""".split())
