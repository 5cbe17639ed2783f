"""Word lists for :mod:`framing.voice`: speech verbs, attribution words, complementizers.

Each list is written in ordinary Arabic spelling; :func:`word_kinds` folds
them with :func:`fold`, the same folding :mod:`framing.voice` applies to the
words of a text, and a word is also recognised behind the conjunctions و/ف
(«وقال», «فأكدت», «وبحسب»).

The lists hold explicit forms (perfect 3rd person masc./fem., imperfect 3rd
person and a few plurals) rather than a stemmer's output: a speech verb is
only a cue where it governs أنّ/إنّ, a colon or a quotation, and explicit
forms keep look-alike nouns (ذكرى، بيّن "between") out.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

__all__ = [
    "ATTRIBUTIONS",
    "COMPLEMENTIZERS",
    "CUE_KINDS",
    "DESCRIBE_VERBS",
    "GLUED_PREFIXES",
    "NAME_HEADS",
    "OWN_REPORTERS",
    "PARTICIPLES",
    "PREPOSITIONS",
    "SPEECH_VERBS",
    "Kind",
    "cue_spellings",
    "fold",
    "folded",
    "last_letters",
    "last_pairs",
    "word_kind",
    "word_kinds",
]

#: Finite speech verbs. The noun phrase after one is its speaker.
SPEECH_VERBS = """
قال قالت قالوا قلن يقول تقول يقولون
أكد أكدت أكدوا يؤكد تؤكد يؤكدون
أوضح أوضحت يوضح توضح
أضاف أضافت أضافوا يضيف تضيف
ذكر ذكرت يذكرون تذكر
أفاد أفادت يفيد تفيد
صرح صرحت يصرح تصرح
زعم زعمت زعموا يزعم تزعم يزعمون
ادعى ادعت ادعوا يدعي تدعي
أعلن أعلنت أعلنوا يعلن تعلن
اعتبر اعتبرت اعتبروا يعتبر تعتبر
وصف وصفت يصف تصف
رأى رأت يرى ترى
شدد شددت يشدد تشدد
لفت لفتت يلفت تلفت
أشار أشارت يشير تشير
تابع تابعت
كشف كشفت يكشف تكشف
أورد أوردت
نفى نفت ينفي تنفي
حذر حذرت يحذر تحذر
اعترف اعترفت يعترف تعترف
أقر أقرت يقر تقر
أبلغ أبلغت
أعرب أعربت
نوه نوهت
رجح رجحت يرجح ترجح
توقع توقعت
أشاروا بينت
دعا دعت يدعو تدعو طالب طالبت يطالب تطالب
روى روت يروي تروي رد ردت يرد ترد
كتب كتبت غرد غردت
""".split()

#: Verbs whose source follows عن: «نقلت وكالة عن مسؤول أن ...» (the speaker is the مسؤول).
RELAY_VERBS = "نقل نقلت ينقل تنقل نقلوا".split()

#: Circumstantial participles that continue the last speaker: «..., مشيراً إلى أن ...».
PARTICIPLES = """
قائلا قائلة مضيفا مضيفة مشيرا مشيرة مؤكدا مؤكدة موضحا موضحة لافتا لافتة
معتبرا معتبرة مشددا مشددة منوها منوهة محذرا محذرة معربا معربة زاعما زاعمة
مدعيا مدعية كاشفا كاشفة متابعا متابعة
""".split()

#: Attribution prepositions and adverbs; the noun phrase after one is the source.
ATTRIBUTIONS = "حسب بحسب وفق وفقا طبقا نقلا استنادا لسان حسبما وفقما".split()

#: Nouns after which «في ...» ends a speaker phrase: «قال الجيش في بيان», «في وقت سابق».
STATEMENT_NOUNS = """
بيان البيان بيانه بيانها تصريح تصريحات تصريحه تصريحها التصريح حديث حديثه حديثها مقابلة
مقابلته مقابلتها كلمة كلمته كلمتها مؤتمر تغريدة تغريدته تغريدتها منشور رسالة رسالته
لقاء اتصال خطاب خطابه خطابها بيانات تقرير تقريره تقريرها دراسة وقت ختام أعقاب معرض سياق رد
""".split()

#: Words that are cues on their own (a statement speaks): «وأكد البيان أن ...».
STATEMENT_CUES = "بيان البيان".split()

#: أنّ/إنّ and their forms with a pronoun or ب/ف/و before them.
COMPLEMENTIZERS = """
أن إن أنه إنه أنها إنها أنهم إنهم أنهما إنهما أنهن إنهن أنني إنني أننا إننا أنكم
بأن بأنه بأنها بأنهم بأنهما فإن فإنه فإنها فإنهم وأن وإن وأنه وإنه وأنها وإنها وأنهم
""".split()

#: Words after which أن is not a complementizer of speech: «بعد أن», «يجب أن».
NOT_BEFORE_AN = "بعد قبل منذ دون بدون بدل بدلا بدلاً حتى حتي يجب ينبغي يمكن لابد".split()

#: After a comma, these start the outlet's own clause: «، فيما ...», «، في حين ...».
CONNECTORS = "فيما بينما وبينما وفيما حين".split()

#: Words that end a speaker phrase: time, medium, circumstance, prepositions.
SPEAKER_STOPS = """
اليوم أمس مساء صباح ظهر عصر فجر ليل الليلة مساء صباحا مساءا ليلا
الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت
خلال عبر على إلى عن حيث أيضا بدوره بدورها كذلك أمام لدى أثناء وسط بين
قد لقد قوله قولها قولهم تأكيده تأكيدها ردا تعليقا فيه فيها فيهما فيهم
ب ل لوكالة لقناة لصحيفة لموقع لشبكة لإذاعة لمراسل لمراسلة لوسائل للصحفيين للصحافيين
للميادين للجزيرة للعربية لتلفزيون للتلفزيون للإذاعة للوكالة للقناة للصحيفة
""".split()

#: Pronoun suffixes: «وفقاً لها» names nobody in its own sentence.
ENCLITICS = "ه ها هم هما هن".split()

#: Words that look like a cue behind و/ف but are not: فحسب is "only".
NOT_CUES = "فحسب".split()

#: Wording of the outlet's own correspondent: a report by one is the outlet's own voice.
OWN_REPORTERS = "مراسلنا مراسلتنا مراسلونا مراسلينا".split()

# -- words that tell a quoted name from a quotation (see framing.voice, "Scare quotes") --

#: A short quotation right after one of these is a name: «على "إسرائيل"», «وسط "إسرائيل"».
PREPOSITIONS = """
على في من إلى عن مع ضد بين حول لدى تجاه بحق وسط داخل خارج قرب نحو شمال جنوب شرق غرب شمالي جنوبي
شرقي غربي
""".split()

#: One-letter words a quotation mark is glued to: و"إسرائيل", لـ"الكنيست"; a short quotation
#: after one is a name, except after بـ following a وصف-like verb («وصفه بـ"الإرهابي"»).
GLUED_PREFIXES = "و ب ل ف ك وب ول فب فل وك".split()

#: Verbs whose بـ introduces the speaker's own word.
DESCRIBE_VERBS = "وصف وصفت يصف تصف نعت نعتت ينعت تنعت".split()

#: Nouns that a name follows: «مستوطنة "كريات شمونة"», «لموقع "ميدل إيست آي"», «عضو "الكنيست"».
NAME_HEADS = """
مستوطنة مستوطنات بلدة مدينة قرية مخيم حي منطقة محافظة مستشفى معبر سجن قاعدة مطار ميناء جبل
وكالة موقع صحيفة قناة مجلة شبكة إذاعة دورية منصة تلفزيون شركة مصرف بنك جامعة معهد مركز
حزب حركة تنظيم منظمة جماعة فصيل كتائب سرايا ألوية لواء فرقة وحدة كتيبة جيش قوات حرس جهاز
مجلس لجنة عملية معركة مناورة مناورات خطة مبادرة مشروع برنامج اتفاق اتفاقية قانون صفقة
طراز نوع صواريخ صاروخ قذائف قذيفة طائرة طائرات مسيرة مسيرات دبابة دبابات سفينة منظومة
عملة سهم أسهم عضو رئيس زعيم قائد وزير وزارة دولة كيان جنود صفوف اسم عنوان شعار يسمى تسمى
مسمى يدعى تدعى يعرف تعرف معاهدة مؤتمر أنباء حملة تطبيق نظرية
""".split()


class Kind:
    """Word kinds (small ints); 0 means an ordinary word."""

    NONE = 0
    VERB = 1
    RELAY = 2
    PARTICIPLE = 3
    ATTRIBUTION = 4
    STATEMENT = 5
    COMP = 6
    NOT_BEFORE_AN = 7
    CONNECTOR = 8
    STOP = 9
    FI = 10
    STATEMENT_NOUN = 11
    #: Added to a cue's kind when it carries the conjunction و/ف («وقال»).
    CONJ = 32
    #: ``kind & BASE`` drops :attr:`CONJ`.
    BASE = CONJ - 1

    CUES = frozenset({VERB, RELAY, PARTICIPLE, ATTRIBUTION, STATEMENT})


#: The kinds of speech cues, with and without the conjunction.
CUE_KINDS = frozenset(k | c for k in Kind.CUES for c in (0, Kind.CONJ))


_DIACRITICS = dict.fromkeys(range(0x064B, 0x0653)) | {0x0670: None, 0x0640: None}
_FOLD = str.maketrans(
    _DIACRITICS | {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
)


def fold(word: str) -> str:
    """Remove diacritics and tatweel, unify alef, alef maksura and teh marbuta.

    The subset of :class:`framing.text.normalizer.Normalizer` that the word lists
    need, as one ``str.translate`` (fast: it runs on every distinct word of a
    document with hits).

    Examples
    --------
    >>> fold("وأكّدت")
    'واكدت'
    >>> fold("مُشِيرَةً")
    'مشيره'
    """
    return word.translate(_FOLD)


def folded(words: list[str]) -> frozenset[str]:
    """The words of a list, folded (:func:`fold`), as a set.

    Examples
    --------
    >>> sorted(folded(["أكّد", "إنّ"]))
    ['اكد', 'ان']
    """
    return frozenset(fold(w) for w in words)


@lru_cache(maxsize=1)
def word_kinds() -> dict[str, int]:
    """Map each folded listed word to its :class:`Kind`."""
    table: dict[str, int] = {}
    lists = [
        (SPEAKER_STOPS, Kind.STOP), (STATEMENT_NOUNS, Kind.STATEMENT_NOUN),
        (CONNECTORS, Kind.CONNECTOR), (NOT_BEFORE_AN, Kind.NOT_BEFORE_AN),
        (COMPLEMENTIZERS, Kind.COMP), (STATEMENT_CUES, Kind.STATEMENT),
        (ATTRIBUTIONS, Kind.ATTRIBUTION), (PARTICIPLES, Kind.PARTICIPLE),
        (RELAY_VERBS, Kind.RELAY), (SPEECH_VERBS, Kind.VERB), (["في"], Kind.FI),
        (NOT_CUES, Kind.NONE),
    ]
    for words, kind in lists:  # later lists win
        for word in words:
            table[fold(word)] = kind
    return table


def last_letters(kind: int) -> frozenset[str]:
    """Every character a surface word of ``kind`` can end with (for a quick test before :func:`word_kind`).

    Examples
    --------
    >>> "د" in last_letters(Kind.NOT_BEFORE_AN), "ة" in last_letters(Kind.NOT_BEFORE_AN)
    (True, False)
    """
    removed = {chr(c) for c, v in _FOLD.items() if v is None}
    ends = {w[-1] for w, k in word_kinds().items() if k == kind}
    mapped = {chr(c) for c, v in _FOLD.items()
              if v is not None and (v if isinstance(v, str) else chr(v)) in ends}
    return frozenset(ends | removed | mapped)


def last_pairs(kind: int) -> frozenset[str]:
    """The last two letters of every folded word of ``kind`` (for a quicker test than :func:`last_letters`).

    A word whose last two characters are letters that :func:`fold` keeps,
    folding to a pair not in this set, is not of ``kind`` (every word of
    the kinds asked about has two letters or more).

    Examples
    --------
    >>> "عد" in last_pairs(Kind.NOT_BEFORE_AN), "لي" in last_pairs(Kind.NOT_BEFORE_AN)
    (True, False)
    """
    words = [w for w, k in word_kinds().items() if k == kind]
    assert all(len(w) > 1 for w in words), kind
    return frozenset(w[-2:] for w in words)


@lru_cache(maxsize=1)
def cue_spellings() -> dict[str, int]:
    """Every spelling of a speech cue without diacritics or tatweel, also behind و/ف, and its kind.

    The kind is the one :func:`word_kind` gives it; a word of letters
    only, without tatweel, that is not a key here is not a cue.

    Examples
    --------
    >>> spellings = cue_spellings()
    >>> spellings["وأكدت"] == spellings["واكدت"] == Kind.VERB | Kind.CONJ, "المقاومة" in spellings
    (True, False)
    """
    table = word_kinds()
    cues = {w: k for w, k in table.items() if k in Kind.CUES}
    for word, kind in list(cues.items()):
        for conj in "وف":
            if conj + word not in table and len(word) > 1:  # (as word_kind reads them)
                cues[conj + word] = kind | Kind.CONJ
    letters: dict[str, list[str]] = {}  # a folded letter -> the letters that fold to it
    for code, to in _FOLD.items():
        if to is not None:
            letters.setdefault(to if isinstance(to, str) else chr(to), []).append(chr(code))
    return {"".join(spelling): kind for word, kind in cues.items()
            for spelling in product(*([ch, *letters.get(ch, [])] for ch in word))}


#: Surface word -> kind, filled by :func:`word_kind` (cleared when it reaches a million words).
KIND_CACHE: dict[str, int] = {}


def word_kind(word: str) -> int:
    """The :class:`Kind` of a surface word, behind و/ف too (cues then carry ``Kind.CONJ``).

    Examples
    --------
    >>> word_kind("وأكّدت") == Kind.VERB | Kind.CONJ
    True
    >>> word_kind("أنّ") == Kind.COMP, word_kind("المقاومة")
    (True, 0)
    """
    kind = KIND_CACHE.get(word)
    if kind is not None:
        return kind
    if len(KIND_CACHE) >= 1_000_000:
        KIND_CACHE.clear()
    table = word_kinds()
    folded = fold(word)
    kind = table.get(folded)
    if kind is None:
        kind = 0
        if len(folded) > 2 and folded[0] in "وف":
            base = table.get(folded[1:], 0)
            kind = base | Kind.CONJ if base in Kind.CUES else base
    KIND_CACHE[word] = kind
    return kind
