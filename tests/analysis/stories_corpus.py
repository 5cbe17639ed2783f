"""Constructed corpora for near-copies, stories, matched comparison and controlled discovery.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pandas as pd

from framing.io import Document

# Six events, each told in about seventy words of its own vocabulary.
EVENTS = {
    "palms": (
        "أعلنت وزارة الزراعة اليوم إطلاق برنامج وطني لزراعة مليون شجرة نخيل في المناطق الشرقية والجنوبية. "
        "وقال وكيل الوزارة إن البرنامج يستمر ثلاث سنوات ويشارك فيه المزارعون والجمعيات التعاونية. "
        "وأضاف أن الوزارة خصصت مراكز لتوزيع الفسائل مجانا على أصحاب المزارع الصغيرة. "
        "وأوضح أن المرحلة الأولى تبدأ الشهر المقبل في واحات الأحساء والقطيف ونجران، وأن فرقا فنية "
        "ستزور المزارع لتدريب العاملين على الري بالتنقيط ومكافحة سوسة النخيل الحمراء."
    ),
    "flood": (
        "غمرت السيول أحياء واسعة من مدينة الساحل بعد أمطار غزيرة استمرت يومين متتاليين، وأغلقت فرق "
        "الدفاع المدني الطرق المؤدية إلى الوادي الكبير. وأجلت الفرق مئات الأسر إلى المدارس القريبة "
        "ووزعت عليها البطانيات والطعام. وقال مدير الدفاع المدني إن منسوب المياه بدأ ينخفض صباح اليوم، "
        "لكنه حذر السكان من الاقتراب من مجاري السيول. وتتوقع الأرصاد موجة جديدة من العواصف الرعدية "
        "خلال الأيام المقبلة على المرتفعات الشمالية."
    ),
    "match": (
        "فاز نادي الجبل على نادي البحر بثلاثة أهداف مقابل هدف في المباراة النهائية لكأس الموسم، وسجل "
        "المهاجم الشاب هدفين في الشوط الثاني أمام جمهور ملأ مدرجات الملعب الكبير. وقال مدرب الفريق "
        "الفائز إن لاعبيه قدموا أفضل مباراة لهم هذا العام، فيما اعترف مدرب الخاسر بأخطاء دفاعية كلفته "
        "اللقب. وتسلم قائد الفريق الكأس من رئيس الاتحاد وسط احتفالات امتدت حتى منتصف الليل."
    ),
    "museum": (
        "افتتح متحف الفنون معرضا للخط العربي يضم مخطوطات نادرة من القرن الثامن عشر ولوحات لخطاطين "
        "معاصرين من عدة دول. ويستمر المعرض شهرين، وتنظم على هامشه ورش لتعليم الأطفال أساسيات الكتابة "
        "بالقلم والحبر. وقالت مديرة المتحف إن المعرض يهدف إلى تعريف الجيل الجديد بتاريخ الخط وأنواعه، "
        "مثل الثلث والنسخ والديواني. وأضافت أن الدخول مجاني طوال أيام الأسبوع عدا يوم الجمعة."
    ),
    "hospital": (
        "افتتحت وزارة الصحة مستشفى جديدا في مدينة الوادي يضم مئتي سرير وقسما للطوارئ ومختبرا حديثا "
        "ووحدة لغسيل الكلى. وقال الوزير خلال الافتتاح إن المستشفى سيخدم سكان القرى المجاورة الذين كانوا "
        "ينقلون مرضاهم إلى العاصمة في رحلة تستغرق ثلاث ساعات. وأوضح أن الوزارة عينت أكثر من مئة طبيب "
        "وممرض للعمل فيه، وأن العيادات الخارجية ستفتح أبوابها الأسبوع المقبل."
    ),
    "road": (
        "بدأت أعمال توسعة الطريق الساحلي الذي يربط الميناء بالمنطقة الصناعية، ويشمل المشروع إنشاء ثلاثة "
        "جسور وأربعة أنفاق للمشاة. وقال المهندس المشرف إن العمل سيستمر عامين وإن حركة المرور ستحول إلى "
        "طرق بديلة خلال ساعات الذروة. ويهدف المشروع إلى تخفيف الزحام الذي تشهده المنطقة يوميا بسبب "
        "شاحنات النقل، وتقدر كلفته بمئات الملايين بحسب بيان الهيئة العامة للطرق."
    ),
}

DISPATCH = EVENTS["palms"]
SENTENCES = DISPATCH.split(". ")
#: The same dispatch with a sentence dropped, with a few words changed, and under another headline.
COPY_DROPPED = ". ".join(SENTENCES[:2] + SENTENCES[3:])
COPY_EDITED = (DISPATCH.replace("مليون شجرة", "مليون نخلة").replace("ثلاث سنوات", "ثلاثة أعوام")
               .replace("مجانا", "دون مقابل"))
COPY_HEADLINE = "برنامج النخيل ينطلق من الأحساء\n\n" + DISPATCH
#: An article that quotes two sentences of the dispatch inside much text of its own: not a copy.
QUOTING = (
    "في زيارة إلى مزارع الأحساء تحدث عدد من المزارعين عن معاناتهم مع شح المياه وارتفاع كلفة العمالة "
    "خلال السنوات الأخيرة، وقال أحدهم إن أسعار التمور لم تعد تغطي تكاليف الموسم. وفي هذا السياق "
    "قالت الوزارة في بيانها: " + ". ".join(SENTENCES[:2]) + ". غير أن المزارعين الذين التقيناهم "
    "يطالبون بدعم مباشر للأسمدة وبتنظيم أسواق البيع، ويرون أن توزيع الفسائل وحده لن يحل مشكلة "
    "العطش التي تهدد البساتين القديمة، ويأملون أن تستمع الوزارة إلى مقترحاتهم في الاجتماعات المقبلة "
    "مع ممثلي الجمعيات التعاونية في المنطقة."
)
#: A copy of the edited copy that shares little with the dispatch itself (a chain of edits).
CHAIN = (COPY_EDITED.replace("المناطق الشرقية والجنوبية", "مناطق الشمال والوسط")
         .replace("المزارعون والجمعيات التعاونية", "الطلاب والبلديات")
         .replace("أصحاب المزارع الصغيرة", "المدارس والحدائق العامة")
         .replace("واحات الأحساء والقطيف ونجران", "مدن حائل وتبوك والجوف")
         .replace("الري بالتنقيط ومكافحة سوسة النخيل الحمراء", "الزراعة المنزلية والعناية بالحدائق"))


def wire_corpus() -> list[Document]:
    """An agency dispatch, three edited copies, a quoting article, and other events."""
    return [
        Document("wire-1", "agency", DISPATCH, "2024-04-30 23:00:00"),
        Document("p-1", "paper", COPY_DROPPED, "2024-05-01T20:15:00+03:00"),
        Document("d-1", "daily", COPY_EDITED, "2024-05-02"),
        Document("w-1", "weekly", COPY_HEADLINE, "2024-05-03"),
        Document("d-2", "daily", QUOTING, "2024-05-02"),
        Document("p-2", "paper", EVENTS["flood"], "2024-05-02"),
        Document("d-3", "daily", EVENTS["match"], "2024-05-03"),
        Document("w-2", "weekly", EVENTS["museum"], "2024-05-02"),
        Document("p-3", "paper", EVENTS["hospital"], "2024-05-01"),
        Document("d-4", "daily", EVENTS["road"], "2024-05-01"),
    ]


#: The near-copies planted in :func:`wire_corpus` and their original.
PLANTED = {"p-1": "wire-1", "d-1": "wire-1", "w-1": "wire-1"}


# ----------------------------------------------------------------------------
# Matched comparison: agenda against framing
# ----------------------------------------------------------------------------

PLACES = ["الشمال", "الجنوب", "الساحل", "الوادي", "الجبل", "السهل", "البادية", "الميناء", "الواحة",
          "الحدود", "الضاحية", "المرفأ"]


def _attack(label: str, place: str, k: int) -> str:
    return (f"هاجمت {label} موقعا عسكريا قرب {place} فجر اليوم رقم {k}، وقالت {label} في بيان إن العملية "
            f"جاءت ردا على القصف الذي استهدف البلدات المجاورة.")


def framing_corpus() -> tuple[list[Document], pd.DataFrame]:
    """Two outlets cover the same twelve stories; «alpha» always says المقاومة, «beta» الميليشيات."""
    docs, rows = [], []
    for k, place in enumerate(PLACES):
        for outlet, label in (("alpha", "المقاومة"), ("beta", "الميليشيات")):
            doc = Document(f"{outlet}-{k}", outlet, _attack(label, place, k), f"2024-05-{k + 1:02d}")
            docs.append(doc)
            rows.append((doc.doc_id, outlet, k + 1))
    return docs, _stories(rows)


def agenda_corpus() -> tuple[list[Document], pd.DataFrame]:
    """Same words within every shared story; «alpha» also covers stories where everyone says
    المقاومة, «beta» stories where everyone says الميليشيات: an agenda, not a framing."""
    docs, rows = [], []
    for k, place in enumerate(PLACES):
        label = "المقاومة" if k % 2 else "الميليشيات"
        for outlet in ("alpha", "beta"):
            doc = Document(f"{outlet}-{k}", outlet, _attack(label, place, k), f"2024-05-{k + 1:02d}")
            docs.append(doc)
            rows.append((doc.doc_id, outlet, k + 1))
        extra = "alpha" if k % 2 else "beta"  # each outlet's own stories, in the story type it covers
        for j in range(3):
            doc = Document(f"{extra}-{k}-{j}", extra, _attack(label, place, 100 + 10 * k + j),
                           f"2024-05-{k + 1:02d}")
            docs.append(doc)
            rows.append((doc.doc_id, extra, 100 + 10 * k + j))
    return docs, _stories(rows)


def _stories(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=["doc_id", "outlet", "story_id"])
    table["duplicate_of"] = ""
    return table


# ----------------------------------------------------------------------------
# Controlled discovery: different event mixes, same words; same events, planted words
# ----------------------------------------------------------------------------

#: Words each outlet plants in the shared stories (alpha's, beta's), as written in the texts.
PLANTED_WORDS = {"alpha": ["الاستبداد", "الانتفاضة"], "beta": ["الفوضى", "الشغب"]}


def mix_corpus(planted: bool) -> tuple[list[Document], pd.DataFrame]:
    """Two outlets and six events. Without ``planted``: each story is told in the same words by
    both, «alpha» tells the first three events five times as often, «beta» the last three. With
    ``planted``: both tell every event equally often, and each adds its own words."""
    docs, rows = [], []
    names = list(EVENTS)
    for e, name in enumerate(names):
        for outlet in ("alpha", "beta"):
            copies = 1 if planted else (5 if (outlet == "alpha") == (e < 3) else 1)
            for j in range(copies):
                text = EVENTS[name]
                if planted:  # in the middle of the text, far from its edges (where bylines sit)
                    a, b = PLANTED_WORDS[outlet]
                    first, rest = text.split(". ", 1)
                    text = (f"{first}. وفي خلفية الخبر حديث عن {a} و{b} في المنطقة، إذ يرى كثيرون أن {a} "
                            f"و{b} سبب ما جرى، ويحذر آخرون من {a}. {rest}")
                doc = Document(f"{outlet}-{name}-{j}", outlet, f"{text} رقم {j}", "2024-05-01")
                docs.append(doc)
                rows.append((doc.doc_id, outlet, e + 1))
    return docs, _stories(rows)
