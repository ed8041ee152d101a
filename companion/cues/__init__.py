"""The live cue engine: events in, a few well-timed cues out.

A wrong cue is worse than none, and a tool that nags gets switched off, so every rule here is
scoped (right channel, negation, once per utterance) and every cue passes through cooldowns, a
per-call budget and a two-on-screen limit (`budget.py`). The engine never reads the wall clock:
`CueEngine.feed(event)` and `CueEngine.tick(now)` are given the time, so replay runs the very
same code as a live call, only faster.
"""
