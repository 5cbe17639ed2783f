"""Evaluate voice detection (:mod:`framing.voice`): gold accuracy, real-text samples, scare quotes.

Three modes:

``gold`` (default)
    Runs :func:`framing.voice.map.analyse_voice` on the annotated constructed set
    ``tests/data/voice_gold.jsonl`` and prints voice accuracy, accuracy per
    gold voice, the confusion matrix, scare-quote accuracy and speaker
    exact-match (strings compared after whitespace normalisation, empty
    speaker included), then every error.
``sample``
    Prints a random sample of KWIC lines (left | match | right, with voice,
    speaker and scare flag) from Al Mayadeen's full text in
    ``../shared/data/mayadeen_aljazeera/almayadeen_articles.jsonl.gz`` (field
    ``text``) FOR MANUAL READING: nothing is scored, a person reads them.
``israel``
    The share of Al Mayadeen articles from October 2023 on that scare-quote
    «إسرائيل» (straight or guillemet quotes) per the detector, next to the
    crude string count of the dataset card (1,685 of 4,654).

``sample`` and ``israel`` need the shared data, which is not part of the
repository; they say so and exit with status 2 when it is absent.

Usage::

    .venv/bin/python eval/voice_eval.py                      # gold
    .venv/bin/python eval/voice_eval.py sample --n 50 --seed 1 [--voice quoted]
    .venv/bin/python eval/voice_eval.py israel
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from framing.voice import VOICES, analyse_voice

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "voice_gold.jsonl"
MINI = ROOT / "tests" / "data" / "mini.yaml"
MAYADEEN = ROOT.parent / "shared" / "data" / "mayadeen_aljazeera" / "almayadeen_articles.jsonl.gz"


def load_gold(path: Path = GOLD) -> list[dict]:
    """Gold hits, one dict per hit, with ``text``, ``start``, ``end`` and the gold labels."""
    hits = []
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            item = json.loads(line)
            for hit in item["hits"]:
                start = -1
                for _ in range(hit.get("n", 0) + 1):
                    start = item["text"].find(hit["match"], start + 1)
                    if start < 0:
                        raise ValueError(f"{path}:{line_no}: {hit['match']!r} (n={hit.get('n', 0)}) "
                                         "not found in the text")
                hits.append({**hit, "id": item["id"], "case": item["case"], "text": item["text"],
                             "start": start, "end": start + len(hit["match"])})
    return hits


def evaluate(hits: list[dict]) -> dict:
    """Predict every gold hit; return the counts that :func:`report` prints."""
    maps: dict[str, object] = {}
    rows = []
    for hit in hits:
        vm = maps.get(hit["id"])
        if vm is None:
            vm = maps[hit["id"]] = analyse_voice(hit["text"])
        pred = vm.at(hit["start"], hit["end"])  # type: ignore[attr-defined]
        rows.append((hit, pred))
    attributed = [(h, p) for h, p in rows if h["voice"] != "own"]
    return {
        "n": len(rows),
        "voice_correct": sum(h["voice"] == p.voice for h, p in rows),
        "scare_correct": sum(bool(h.get("scare_quoted", False)) == p.scare_quoted for h, p in rows),
        "speaker_n": len(attributed),
        "speaker_correct": sum(_ws(h.get("speaker", "")) == _ws(p.speaker) for h, p in attributed),
        "confusion": Counter((h["voice"], p.voice) for h, p in rows),
        "rows": rows,
    }


def _ws(s: str) -> str:
    return " ".join(s.split())


def report(result: dict, *, errors: bool = True) -> None:
    n = result["n"]
    print(f"gold hits: {n} in {len({h['id'] for h, _ in result['rows']})} texts ({GOLD.name})")
    print(f"voice accuracy: {result['voice_correct'] / n:.3f} ({result['voice_correct']}/{n})")
    confusion = result["confusion"]
    for v in VOICES:
        total = sum(c for (g, _), c in confusion.items() if g == v)
        if total:
            print(f"  {v:<9} recall {confusion[(v, v)] / total:.3f} ({confusion[(v, v)]}/{total})")
    print("confusion (rows gold, columns predicted):")
    print("  " + " " * 10 + "".join(f"{v:>10}" for v in VOICES))
    for g in VOICES:
        print(f"  {g:<10}" + "".join(f"{confusion[(g, p)]:>10}" for p in VOICES))
    print(f"scare_quoted accuracy: {result['scare_correct'] / n:.3f} ({result['scare_correct']}/{n})")
    sn = result["speaker_n"]
    if sn:
        print(f"speaker exact-match (quoted and reported gold hits): "
              f"{result['speaker_correct'] / sn:.3f} ({result['speaker_correct']}/{sn})")
    held = [(h, p) for h, p in result["rows"] if h["case"] == "heldout"]
    if held:
        attributed = [(h, p) for h, p in held if h["voice"] != "own"]
        voice = sum(h["voice"] == p.voice for h, p in held) / len(held)
        scare = sum(bool(h.get("scare_quoted")) == p.scare_quoted for h, p in held) / len(held)
        speaker = sum(_ws(h.get("speaker", "")) == _ws(p.speaker) for h, p in attributed) / len(attributed)
        print(f"held-out part (case 'heldout', written and annotated before the detector saw it, "
              f"{len(held)} hits): voice {voice:.3f}, scare_quoted {scare:.3f}, speaker {speaker:.3f}")
    if errors:
        print("\nerrors:")
        for hit, pred in result["rows"]:
            wrong_speaker = hit["voice"] != "own" and _ws(hit.get("speaker", "")) != _ws(pred.speaker)
            if (hit["voice"] != pred.voice or wrong_speaker
                    or bool(hit.get("scare_quoted", False)) != pred.scare_quoted):
                print(f"  [{hit['id']} {hit['case']}] {hit['match']}: gold {hit['voice']}/"
                      f"{hit.get('speaker', '')!r}/{hit.get('scare_quoted', False)} predicted "
                      f"{pred.voice}/{pred.speaker!r}/{pred.scare_quoted}")


def _need_data(path: Path) -> bool:
    if path.exists():
        return True
    print(f"{path} not found: this mode reads Al Mayadeen's full text from ../shared/data "
          "(not part of the repository); pass --path to use another copy.", file=sys.stderr)
    return False


def _articles(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def _matcher(lexicon: str):
    from framing.errors import LexiconError
    from framing.match.matcher import Matcher

    try:
        return Matcher(lexicon)
    except LexiconError:
        print(f"note: lexicon {lexicon!r} not available; using {MINI}", file=sys.stderr)
        return Matcher(str(MINI))


def sample(path: Path, *, n: int, seed: int, lexicon: str, voice: str | None) -> None:
    matcher = _matcher(lexicon)
    print("# KWIC SAMPLE FOR MANUAL READING: random hits from Al Mayadeen with the detected voice.")
    print("# Nothing here is scored; read each line and judge voice / speaker / scare_quoted yourself.")
    rng = random.Random(seed)
    articles = list(_articles(path))
    rng.shuffle(articles)
    shown = 0
    for art in articles:
        text = art.get("text") or ""
        matches = matcher.find(text)
        if not matches:
            continue
        vm = analyse_voice(text)
        m = rng.choice(matches)
        info = vm.at(m.start, m.end)
        if voice and info.voice != voice:
            continue
        left = " ".join(text[max(0, m.start - 90):m.start].split())
        right = " ".join(text[m.end:m.end + 60].split())
        flag = " SCARE" if info.scare_quoted else ""
        print(f"{shown + 1:>3} {info.voice:<8}{flag:<6} [{info.speaker}] {art.get('post_id', '')}\n"
              f"    …{left} ⟦{text[m.start:m.end]}⟧ {right}…")
        shown += 1
        if shown >= n:
            break


_ISRAEL_RE = re.compile(r'["«“]\s*إسرائيل\s*["»”]')


def israel(path: Path, *, since: str = "2023-10") -> None:
    from framing.lexicon import lexicon_from_terms
    from framing.match.matcher import Matcher

    matcher = Matcher(lexicon_from_terms(["إسرائيل"]))
    n = crude = scare_any = scare_own = quoted_any = 0
    for art in _articles(path):
        if (art.get("published_time") or "") < since:
            continue
        text = art.get("text") or ""
        n += 1
        crude += bool(_ISRAEL_RE.search(text))
        matches = matcher.find(text)
        if not matches:
            continue
        vm = analyse_voice(text)
        infos = [vm.at(m.start, m.end) for m in matches]
        scare_any += any(i.scare_quoted for i in infos)
        scare_own += any(i.scare_quoted and i.voice == "own" for i in infos)
        quoted_any += any(_ISRAEL_RE.fullmatch(text[max(0, m.start - 1):m.end + 1] or "")
                          and not i.scare_quoted for m, i in zip(matches, infos, strict=True))
    print(f"Al Mayadeen articles published {since} or later: {n:,}")
    print(f"  crude string count, «إسرائيل» or \"إسرائيل\" anywhere: {crude:,} ({crude / n:.1%})")
    print(f"  detector, a scare-quoted إسرائيل hit (any voice):      {scare_any:,} ({scare_any / n:.1%})")
    print(f"  detector, a scare-quoted إسرائيل hit in own voice:     {scare_own:,} ({scare_own / n:.1%})")
    print(f"  articles where a quoted \"إسرائيل\" was read as a quotation, not a scare quote: "
          f"{quoted_any:,}")
    print("  dataset card: 1,685 of 4,654 Oct-2023+ articles (36.2%)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", nargs="?", default="gold", choices=["gold", "sample", "israel"])
    parser.add_argument("--path", type=Path, default=None)
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lexicon", default="arabic-conflict")
    parser.add_argument("--voice", choices=VOICES, default=None)
    parser.add_argument("--quiet", action="store_true", help="gold: do not list the errors")
    args = parser.parse_args()
    if args.mode == "gold":
        report(evaluate(load_gold(args.path or GOLD)), errors=not args.quiet)
        return 0
    path = args.path or MAYADEEN
    if not _need_data(path):
        return 2
    if args.mode == "sample":
        sample(path, n=args.n, seed=args.seed, lexicon=args.lexicon, voice=args.voice)
    else:
        israel(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
