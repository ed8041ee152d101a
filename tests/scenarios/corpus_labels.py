"""The label rules: where each cue marker's acceptable window lies, and the timeline checks.

Why: a timing label is only right if the timing really crosses the rule's threshold, and a call
is only a fair precision control if no unlabelled talk-over, quick reply, silence, monologue or
fast stretch hides in it. `expectation` turns a marker into a window (the table in README.md);
`lint` refuses a call whose timing would make an unlabelled timing cue fire.
"""

from __future__ import annotations

import itertools

from corpus_timeline import (
    AGENT_KINDS,
    ALL_KINDS,
    CALLER_KINDS,
    NEEDS_CALLER,
    WORD_SLACK,
    Built,
    Expect,
    ScriptError,
    Utterance,
    agent_run_end,
    agent_words_in,
    caller_at,
    speech_before,
)


def expectation(built: Built, u: Utterance, kind: str, before: int) -> Expect:
    """The acceptable window for one marker. Word cues: from the end of the trigger word to
    WORD_SLACK later. Timing cues: from the moment the rule's threshold is crossed."""
    where = f"{built.name} line {u.index + 1} {{{kind}}}"
    mic_only = list(built.meta.get("channels", ["agent", "caller"])) == ["agent"]
    if mic_only and kind in NEEDS_CALLER:
        raise ScriptError(f"{where}: this kind needs the caller channel")
    if kind in CALLER_KINDS | AGENT_KINDS:
        wanted = "caller" if kind in CALLER_KINDS else "agent"
        if u.channel != wanted:
            raise ScriptError(f"{where}: {kind} is said by the {wanted}")
        word = u.words[max(before, 1) - 1]
        tail = u.text(max(before, 1)).split()[-7:]
        return Expect(kind, word.end, word.end + WORD_SLACK, f"{u.channel}: {' '.join(tail)}")
    if u.channel != "agent" and kind != "dead-air":
        raise ScriptError(f"{where}: timing markers go on the agent line they concern")
    if kind == "interruption":
        caller = caller_at(built, u.start)
        if caller is None or min(caller.end, u.end) - u.start < 0.5:
            raise ScriptError(f"{where}: the agent does not overlap the caller by 0.5 s")
        return Expect(
            kind,
            u.start + 0.5,
            u.start + 3.5,
            f"agent talks over the caller by {caller.end - u.start:.1f} s",
        )
    if kind == "pause":
        gap = u.start - speech_before(built, u.start, "caller")
        if not 0.0 <= gap < 0.3:
            raise ScriptError(f"{where}: the agent starts {gap:.2f} s after the caller")
        last = max(
            (c for c in built.utterances if c.channel == "caller" and c.end <= u.start),
            key=lambda c: c.end,
        )
        upset = {"empathy", "boundary", "boundary-warning", "boundary-end", "escalation"}
        if not {k for k, _ in last.markers} & (upset | {"safeguarding"}):
            raise ScriptError(f"{where}: the caller line before is not labelled as upset")
        return Expect(kind, u.start, u.start + 3.0, f"agent replies {gap:.2f} s after upset caller")
    if kind == "monologue":
        if agent_run_end(built, u, 3.0) - u.start < 33.0:
            raise ScriptError(f"{where}: the agent run is shorter than 33 s")
        return Expect(kind, u.start + 30.0, u.start + 33.0, "agent talks 30 s, caller silent")
    if kind == "pace":
        ends = [
            w.end
            for a in built.utterances
            if a.channel == "agent"
            for w in a.words
            if u.start + 15.0 <= w.end <= u.start + 21.0
        ]
        peak = max((agent_words_in(built, t - 20.0, t) for t in ends), default=0)
        if peak >= 64:
            return Expect(
                kind, u.start + 15.0, u.start + 25.0, "agent above 180 words/min for 20 s"
            )
        # A burst inside one explanation: 200 words/min or more for 10 s from this line on, cued
        # while that explanation still runs (its end: the agent's run of speech, no caller words
        # and no gap of 1.5 s).
        if agent_words_in(built, u.start, u.start + 10.0) < 33:
            raise ScriptError(
                f"{where}: at most {peak} agent words in 20 s (need 64 by 21 s in), and under 33 "
                "in the 10 s from this line (a burst)"
            )
        run_end = agent_run_end(built, u, 1.5)
        to = min(u.start + 25.0, max(u.start + 12.0, run_end + 2.0))
        return Expect(kind, u.start + 8.0, to, "agent above 200 words/min for 10 s in one run")
    if kind == "dead-air":
        silent_from = speech_before(built, u.start)
        if u.start - silent_from < 11.5:
            raise ScriptError(f"{where}: only {u.start - silent_from:.1f} s of silence before")
        return Expect(
            kind,
            silent_from + 10.0,
            silent_from + 13.0,
            f"{u.start - silent_from:.0f} s of silence on both channels",
        )
    raise ScriptError(f"{where}: raised-voice needs level frames; transcripts cannot carry it")


def _check_agent_runs(built: Built, mic_only: bool) -> None:
    """An agent run (no caller speech; in a mic-only call, no agent gap of 3 s) longer than
    25 s must be a labelled monologue, and a labelled one must stay under 55 s (one cue)."""
    agent = sorted(
        (w for u in built.utterances if u.channel == "agent" for w in u.words),
        key=lambda w: w.start,
    )
    caller = [w for u in built.utterances if u.channel == "caller" for w in u.words]
    labelled = [e.start - 30.0 for e in built.expects if e.cue == "monologue"]
    for i, w in enumerate(agent):
        if mic_only:
            breaks = [
                b.start for a, b in itertools.pairwise(agent[: i + 1]) if b.start - a.end >= 3
            ]
            run_start = max(breaks, default=agent[0].start)
        else:
            heard = max((c.end for c in caller if c.start < w.end), default=-1.0)
            run_start = min((a.start for a in agent[: i + 1] if a.start >= heard), default=w.end)
        length = w.end - run_start
        if any(abs(run_start - m) < 0.02 for m in labelled):
            if length >= 55.0:
                raise ScriptError(f"{built.name}: monologue run over 55 s could fire twice")
        elif length > 25.0:
            raise ScriptError(
                f"{built.name}: agent run of {length:.0f} s at {w.end:.1f} s unlabelled"
            )


def lint(built: Built) -> None:
    """Fail on timing that would make an unlabelled timing cue fire (or a label doubtful)."""
    name, utts = built.name, sorted(built.utterances, key=lambda u: u.start)
    mic_only = list(built.meta.get("channels", ["agent", "caller"])) == ["agent"]
    marked = {(u.index, k) for u in utts for k, _ in u.markers}
    for channel in ("agent", "caller"):
        own = [u for u in utts if u.channel == channel]
        for a, b in itertools.pairwise(own):
            if b.start < a.end + 0.3:
                raise ScriptError(
                    f"{name} line {b.index + 1}: starts before line "
                    f"{a.index + 1} on the same channel ends"
                )
    for u in utts:
        if u.channel != "agent":
            continue
        quiet = {(u.index, "interruption"), (u.index, "pause"), (u.index, "!pause")} & marked
        if caller_at(built, u.start) and not quiet:
            raise ScriptError(f"{name} line {u.index + 1}: unlabelled talk-over")
        gap = u.start - speech_before(built, u.start, "caller")
        caller_spoke = any(c.channel == "caller" and c.end <= u.start for c in utts)
        if caller_spoke and 0 <= gap < 0.5 and not quiet:
            raise ScriptError(f"{name} line {u.index + 1}: quick reply ({gap:.2f} s) unlabelled")
    _check_agent_runs(built, mic_only)
    fast = [e for e in built.expects if e.cue == "pace"]
    for u in utts:
        for w in u.words if u.channel == "agent" else ():
            if any(e.start - 16 <= w.end <= e.end + 20 for e in fast):
                continue
            if agent_words_in(built, w.end - 20.0, w.end) > 52:
                raise ScriptError(f"{name}: agent above 156 words/min near {w.end:.1f} s")
    if not mic_only:
        dead = [e.start - 10.0 for e in built.expects if e.cue == "dead-air"]
        heard = 0.0
        for w in sorted((w for u in utts for w in u.words), key=lambda w: w.start):
            if w.start - heard >= 8.0 and not any(abs(d - heard) < 0.02 for d in dead):
                raise ScriptError(
                    f"{name}: unlabelled {w.start - heard:.1f} s silence before {w.start:.1f} s"
                )
            heard = max(heard, w.end)
    by_kind: dict[str, list[Expect]] = {}
    for e in built.expects:
        by_kind.setdefault(e.cue, []).append(e)
    for kind, found in by_kind.items():
        found.sort(key=lambda e: e.start)
        for x, y in itertools.pairwise(found):
            if y.start <= x.end:
                raise ScriptError(f"{name}: two {kind} windows overlap; cannot score them apart")
    clash = set(built.meta.get("must_not", ())) & set(by_kind)
    if clash:
        raise ScriptError(f"{name}: {sorted(clash)} both expected and in must_not")
    unknown = set(built.meta.get("must_not", ())) - ALL_KINDS
    if unknown:
        raise ScriptError(f"{name}: unknown kinds in must_not: {sorted(unknown)}")
