"""Whose words? The outlet's own voice, quoted and reported speech, scare quotes."""

from __future__ import annotations

from .map import VOICE_FILTERS, VOICES, Span, Voice, VoiceInfo, VoiceMap, analyse_voice

__all__ = [
    "VOICES",
    "VOICE_FILTERS",
    "Span",
    "Voice",
    "VoiceInfo",
    "VoiceMap",
    "analyse_voice",
]
