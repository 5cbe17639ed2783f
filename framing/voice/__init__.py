"""Whose words? The outlet's own voice, quoted and reported speech, scare quotes.

:func:`voices_of` gives the voice of a document's hits and :func:`keep_voice`
keeps those of one voice; :func:`analyse_voice` returns the
:class:`VoiceMap` of a whole text. The rules are in :mod:`framing.voice.map`.
Modules, from the bottom up: ``words`` (cue word lists), ``records``
(shared records and constants), ``reader`` (words around an offset),
``marks`` (pass 1: quotation marks, sentences), ``cues`` (speech cues and
speakers), ``scan`` (one paragraph's voices), ``map`` (a document),
``attribute`` (the hits of a document).
"""

from __future__ import annotations

from .attribute import VOICE_FILTERS, Voice, in_voice, keep_voice, voices_of
from .map import VoiceMap, analyse_voice
from .records import VOICES, HitVoice, Span, VoiceInfo

__all__ = [
    "VOICES",
    "VOICE_FILTERS",
    "HitVoice",
    "Span",
    "Voice",
    "VoiceInfo",
    "VoiceMap",
    "analyse_voice",
    "in_voice",
    "keep_voice",
    "voices_of",
]
