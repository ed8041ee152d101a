"""What agents should not say: blame, orders, flat refusals, passing the buck, "I don't know".

Patterns only ever run on the agent channel, so a caller who says "it's not my fault" never
triggers them. Each category carries its own better line (profile key
`cues.avoid-phrase.lines.<category>`). "No problem", "not at all", "no worries" and "I don't know
if you've seen…" are not refusals: refusal patterns need a refusing verb, and the "I don't know"
pattern waits a few words to see whether it is an answer or the start of a sentence ("I don't
know why…" waits for the final: "…but I'll find out" is the behaviour we want). Policy, the rules
and the terms used as a shield are blame; "it's our policy to refund you" is not.
"""

from __future__ import annotations

from companion.cues.patterns import NEG_BEFORE, Pattern, PatternSet

_HELPFUL_TURN = (
    r"(?: \w+){0,5}? (?:but|however|although|though|what i can|what we can|instead|let me"
    r"|i will|i ll|i can|we can)\b"
)

AVOID = PatternSet(
    (
        Pattern(
            "not-my-fault",
            "blame",
            r"(?:not|never|wasn t|isn t) (?:my|our|me|us) (?:fault|doing|mistake|error)"
            r"|(?:i|we) (?:did not|didn t|never) (?:do|cause|break) (?:it|that|this)",
            example="it's not my fault",
        ),
        Pattern(
            "take-it-out",
            "blame",
            r"(?:do not|don t|stop|no need to|there is no need to) (?:take|taking) (?:it|this"
            r"|that|your \w+) out on me",
            example="don't take it out on me",
        ),
        Pattern(
            "your-fault",
            "blame",
            r"(?:it is|that is|it was|that was|this is) (?:(?:all|just|entirely|completely"
            r"|totally) )?(?:your|the customer s|the customers) (?:own )?"
            r"(?:fault|problem|mistake|responsibility|lookout)"
            r"|you (?:must have|should have|obviously|clearly) (?:misunderstood|misread"
            r"|done it wrong|got it wrong|done something wrong|entered it wrong)"
            r"|you are (?:wrong|mistaken)",
            unless_before=NEG_BEFORE,
            example="that's your problem",
        ),
        Pattern(
            "already-told-you",
            "blame",
            r"(?:as|like) i (?:already|just) (?:said|told you|explained|mentioned)|i (?:already"
            r"|just) (?:told you|said that|explained (?:that|this|it))|i have already"
            r" (?:told you|explained)",
            example="as I already told you",
        ),
        Pattern(
            "calm-down",
            "order",
            r"(?:calm down|relax|settle down|lower your voice|watch your tone)",
            unless_before=r"(?:to help you|help you|want you to|let me|helped me|i need to"
            r"|helps me)(?: \w+)?$",
            example="calm down",
        ),
        Pattern(
            "what-you-need-to-do",
            "order",
            r"what you (?:need|have|got|ought|want) to do(?: is| now)?|what you should"
            r" (?:have )?(?:do|done|did|be doing)"
            r"|you (?:need|have) to (?:listen|understand|calm|be patient|read|stop)"
            r"|listen to me",
            example="what you need to do is",
        ),
        Pattern(
            "should-have",
            "blame",
            r"you (?:(?:really|honestly|just|actually|clearly|obviously|probably|always) )?"
            r"(?:should|ought to|could|would|must) have(?: (?:\w+ )?(?:read|checked|called"
            r"|known|done|told|asked|looked|paid|noticed|said|mentioned|let|rung|phoned"
            r"|contacted|informed|reported|declared|kept|sent|realised|realized|thought"
            r"|listened|waited))?",
            lookahead=2,
            unless_after=r" (?:received|got|gotten|seen|had|been|a|an|one|some|any|no|the"
            r"|it|them|your|access|heard|liked|enjoyed|gone)\b",
            example="you should have told us",
        ),
        Pattern(
            "policy-shield",
            "buck",
            r"(?:that is|it is|it s) (?:just )?(?:our |the |company )?policy",
            lookahead=2,
            unless_after=r" (?:to|that we|is to)\b",  # "it's our policy to refund you" helps
            example="that's company policy",
        ),
        Pattern(
            "rules-shield",
            "blame",
            r"(?:i|we) (?:do not|did not) (?:make|write|set) (?:the )?(?:rules|policy|policies"
            r"|prices|terms)|rules are rules|(?:those|them|that) are the rules|(?:it is|it was"
            r"|that is|that was) (?:all |clearly )?in the (?:terms|small print|contract|policy"
            r" wording|t and cs)|you (?:agreed|signed up) to (?:the|our|these|those) (?:terms"
            r"|conditions|contract)|it is your (?:responsibility|job|problem)",
            unless_before=NEG_BEFORE,
            example="I don't make the rules",
        ),
        Pattern(
            "supposed-to",
            "blame",
            r"you (?:were|was|are) (?:supposed|meant|required|expected|obliged) to",
            lookahead=2,
            unless_after=r" (?:get|receive|have received|be|see|hear|have|be getting|go"
            r" through)\b",
            example="you were supposed to report it",
        ),
        Pattern(
            "you-will-have-to",
            "order",
            r"you (?:will|would|are going to) (?:just )?have to",
            lookahead=1,
            unless_before=r"\b(?:all|if|unless|whether|then|may|might)(?: \w+)?$",
            unless_after=r" (?:bear with|excuse|forgive|pardon|let me|tell me|remind me)\b",
            example="you'll have to send it again",
        ),
        Pattern(
            "not-much-i-can-do",
            "refusal",
            r"(?:not (?:a lot|much|a great deal)|nothing (?:else|more)?|very little) (?:really )?"
            r"(?:that )?(?:i|we) (?:can|could) (?:do|offer)",
            lookahead=4,
            unless_before=r"\b(?:if|whether|is there|is it|anything)(?: \w+){0,2}$",
            unless_after=_HELPFUL_TURN,
            example="there's not a lot I can do",
        ),
        Pattern(
            "flat-no",
            "refusal",
            r"no (?:(?:sorry|madam|sir|i am afraid|unfortunately) )?(?:we|i) (?:can not|will not"
            r"|are not able to|am not able to|are unable to|am unable to|won t|can t)(?: \w+)?",
            lookahead=4,
            unless_after=_HELPFUL_TURN,
            example="no, we can't",
        ),
        Pattern(
            "cannot-do-that",
            "refusal",
            r"(?:we|i) (?:can not|will not|are not able to|am not able to|are unable to|am unable"
            r" to|are not allowed to|am not allowed to|won t|can t) (?:\w+ )?(?:do|help|change"
            r"|refund|give|offer|make|cancel|process|accept|waive|fix|send|approve|extend|issue)"
            r" (?:that|this|it|anything|you|any|a|an|those|these|the)",
            lookahead=4,
            unless_before=r"(?:if|unless|whether|sure|what|anything|nothing|how)(?: \w+){0,2}$",
            unless_after=_HELPFUL_TURN,
            example="we can't do that",
        ),
        Pattern(
            "impossible",
            "refusal",
            r"(?:that is|it is|this is|that s|that would be) (?:just |simply |absolutely |really )?"
            r"(?:not possible|impossible|not something (?:we|i) (?:do|can do|offer|can offer))"
            r"|(?:we|i) (?:do not|don t) do (?:that|refunds|exceptions|that here)|absolutely not"
            r"|^no way|no exceptions|the answer is no|not going to happen|out of the question"
            r"|nothing (?:i|we) can do|nothing more (?:i|we) can do",
            lookahead=4,
            unless_before=r"(?:if|whether|is|isn t|make sure|so)(?: \w+)?$",
            unless_after=r"(?: a)? (?:problem|bother|trouble|worries)\b|" + _HELPFUL_TURN,
            example="that's not possible",
        ),
        Pattern(
            "not-my-department",
            "buck",
            r"not (?:really |exactly |strictly |actually )?(?:my|our|me|us|in my|in our)"
            r" (?:department|job|problem|responsibility|area|team|issue|concern|remit|call|role"
            r"|decision|place)|(?:i|we) (?:do not|don t|can not"
            r"|can t) (?:deal|handle) with (?:that|this|those|it)|(?:i|we) (?:just )?work here"
            r"|you (?:will|would|ll) (?:have|need) to (?:call|contact|ring|speak to|talk to|email"
            r"|go to|take it up with) (?:someone else|another department|a different department"
            r"|the other department|them|somebody else)|not something (?:i|we) (?:deal with"
            r"|handle|cover|look after|can help with|do here)"
            r"|not (?:really )?(?:my|our) (?:area|side|bit)",
            example="that's not my department",
        ),
        Pattern(
            "i-dont-know",
            "dont-know",
            r"i (?:do not|don t|really do not|honestly do not) know|i have no (?:idea|clue)"
            r"|no idea|(?:no|not a) clue|i (?:have not|have never) (?:got )?(?:a|any)"
            r" (?:clue|idea)|i (?:honestly |really |just )?(?:could not|can not|would not)"
            r" (?:tell you|say)|your guess is as good as mine|beats me|search me"
            r"|(?:i am|i m) not sure (?:what to tell you|what to say)",
            lookahead=3,
            # "I don't know why that happened…" is decided on the final: a commitment may follow
            wait_for_final=r" (?:why|how|what|where|when|which|who)\b",
            unless_before=r"(?:you|they|he|she|if|let me see if|and)(?: \w+)?$",
            unless_after=(
                r" (?:if|whether|about you|how you|about that but|yet but|off hand but"
                r"|how (?:sorry|much|grateful|pleased|happy|glad)"
                r"|offhand but|why you)\b|"
                + _HELPFUL_TURN
                + r"|(?: \w+){0,5}? (?:find out|check|look into|look it up|ask|get back|see)\b"
            ),
            example="I don't know",
        ),
    )
)
