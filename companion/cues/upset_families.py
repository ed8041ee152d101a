"""More ways a caller says they are upset, as families rather than sentences.

`caller_phrases.EMPATHY` holds the plain statements ("I'm frustrated", "third time I've rung").
Upset callers just as often say it sideways, and each family here covers one such way:

- exasperation idioms ("at the end of my tether", "had it up to here", "driving me mad");
- threats to leave or to go to a regulator or the press, only in a threatening frame ("if this
  isn't sorted I'm switching", "I'll take this to the ombudsman"), never a calm "I'm switching
  to paperless";
- quiet resignation ("I've given up expecting…", "what's the point"), not "given up smoking";
- sarcasm about the service ("thanks for nothing", "surprise surprise");
- being in bits, in tears or frightened for money or health;
- illness and death said by euphemism ("put to sleep", "we lost him in May", "rushed into
  hospital"), not "my nan passed her driving test" or "she works in the hospital";
- repeated failure and being passed around ("for the umpteenth time", "down again", "been
  passed around", "nobody ever rang back").

Negation and tense are guarded per family. Patterns run on the caller channel only.
"""

from __future__ import annotations

from companion.cues.caller_phrases import INTENS, PERSON
from companion.cues.patterns import NEG_BEFORE, Pattern

I_AM = r"(?:i am|i m|i feel|i have been|i was|we are|we have been|i get|i got)"
KIN = rf"(?:(?:my|our|his|her) (?:\w+ )?{PERSON}|he|she|they)"
HOSPITAL = r"(?:hospital|hospice|intensive care|icu|a and e|a&e|resus)"

UPSET_FAMILIES: tuple[Pattern, ...] = (
    Pattern(
        "lost-income",
        "hardship",
        r"(?:lost|losing|lose) (?:my|our|his|her) (?:job|jobs|work|income|business|wages"
        r"|livelihood)|(?:got|been|was|were|being|get|getting|am being|have been) (?:just )?"
        r"(?:laid off|made redundant|let go|sacked|fired|furloughed)|laid off|redundancy"
        r"|(?:cut|cutting|reduced|slashed|halved|dropped) (?:my|our|his|her) (?:hours|shifts"
        r"|pay|wages)|(?:my|our|his|her) (?:hours|shifts|pay|wages) (?:have been|has been|were"
        r"|got|have|has|are being) (?:\w+ )?(?:cut|reduced|slashed|halved)|out of work"
        r"|(?:on|only getting) (?:statutory )?sick pay",
        unless_before=NEG_BEFORE,
        example="I lost my job last month",
    ),
    Pattern(
        "cannot-afford-basics",
        "hardship",
        r"(?:can not|could not|cannot|struggling to|barely|hardly) (?:\w+ )?(?:afford|pay for"
        r"|keep up with|cover) (?:\w+ ){0,2}(?:food|to eat|the heating|heating|to heat|rent"
        r"|the rent|the mortgage|bills|the bills|electric|electricity|gas|my medication|my"
        r" medicine|nappies|the shopping|groceries|the kids|school)"
        r"|(?:either|choose between|choosing between|choice between|it is) (?:\w+ ){0,5}"
        r"(?:or|and) (?:\w+ ){0,3}(?:heating|heat|eat|eating|food|feed|meals|rent)\b"
        r"|(?:skipping|skip|skipped) meals|(?:heating|heat) or (?:eating|food)"
        r"|(?:eating|food) or (?:heating|heat)",
        unless_before=NEG_BEFORE,
        example="it's either pay you or put the heating on",
    ),
    Pattern(
        "was-in-hospital",
        "hardship",
        r"(?:i|we) (?:was|were|have been|had been|am|are|only just got|just got|just came|came)"
        r" (?:\w+ )?(?:in|into|out of|back from|home from) (?:the )?(?:hospital|intensive care"
        r"|a and e|hospice|rehab|surgery)|(?:i|we) (?:have|had|got|have got|was|were) (?:just )?"
        r"(?:been )?(?:diagnosed|cancer|chemo|chemotherapy|dialysis|a stroke|dementia|an"
        r" operation|a heart attack|long covid|a breakdown)",
        unless_before=NEG_BEFORE,
        example="I was in hospital for three weeks",
    ),
    Pattern(
        "exasperation-idiom",
        "frustration",
        r"(?:at the )?end of my (?:tether|rope)|at my (?:wits|wit is|wit|whits)"
        r"|(?:had it|fed up) up to (?:here|the back teeth|my eyeballs|the eyeballs)"
        r"|(?:fed up|sick|sick and tired|sick to death) to the back (?:teeth|tea)"
        r"|sick to (?:death|the back teeth) of|up to here with|sick to death"
        r"|(?:pulling|tearing) my hair out|banging my head against a (?:brick )?wall"
        r"|(?:driving|drives|driven|sending|drove) me (?:mad|crazy|insane|nuts|up the wall"
        r"|round the bend|round the twist|spare)|doing my head in|does my head in"
        r"|my blood (?:is )?boil|at breaking point|running out of patience"
        r"|(?:lost|losing) (?:all )?(?:my )?patience|losing the will to live"
        r"|lost the will to live|beyond a joke|the last straw|going round in circles",
        unless_before=NEG_BEFORE,
        example="I'm at the end of my tether",
    ),
    Pattern(
        "threat-to-leave",
        "frustration",
        r"if (?!you do not mind)(?:\w+ ){0,4}(?:not|never|no|nothing|nobody)(?: \w+){0,6}"
        r" (?:i am|i will|i would|we are|we will|i) (?:be |just |definitely |seriously"
        r" |honestly |going to |be going to )?(?:(?:switching|switch|moving|move|going|go)"
        r" (?:\w+ )?(?:supplier|suppliers|provider|providers|network|networks|bank|banks"
        r"|insurer|insurers|company|elsewhere|somewhere else|away)|(?:leaving|leave) (?:you"
        r"|this (?:company|bank|network))|(?:cancelling|cancel|closing|close) (?:\w+ )?"
        r"(?:everything|all|contract|account|policy|policies|membership|direct debit"
        r"|subscription)|(?:reporting|report) you|complaining|complain|taking (?:this|it)"
        r" (?:further|elsewhere))"
        r"|(?:take|taking) my (?:business|custom|money|account) (?:elsewhere|somewhere else)"
        r"|(?:go|going|switch|switching) (?:elsewhere|somewhere else"
        r"|to (?:a |one of )?your (?:competitor|competitors))"
        r"|never (?:use|using|deal with|dealing with) you (?:lot |people )?again",
        example="if this isn't sorted today I'm switching",
    ),
    Pattern(
        "threat-to-report",
        "frustration",
        r"(?:report|reporting|complain|complaining|go|going|take|taking|write|writing|escalate"
        r"|escalating|straight)(?: \w+){0,3} to (?:the )?(?:ombudsman|ombudsmen|ofgem|ofcom|fca"
        r"|financial conduct authority|trading standards|regulator|papers|press|newspapers"
        r"|watchdog|bbc|my mp|social media|twitter|facebook)|(?:take|taking) (?:you|this|it)"
        r" to (?:small claims|court)",
        unless_before=NEG_BEFORE,
        example="I'll be taking this to the ombudsman",
    ),
    Pattern(
        "resignation",
        "frustration",
        r"(?:i have|we have|i|we) (?:just |completely |honestly |basically |long since )?"
        r"given up|i give up|what is the point|there is no point|no point (?:even )?(?:trying"
        r"|calling|ringing|asking|complaining)|why do i (?:even )?bother|why (?:would|should)"
        r" i (?:even )?bother|i am past caring|i have stopped expecting",
        lookahead=2,
        unless_before=NEG_BEFORE,
        unless_after=r" (?:smoking|drinking|sugar|meat|alcohol|caffeine|chocolate|the car"
        r"|my car|the flat|the house|work|my job|the lease|on (?:the|that|this) (?:idea|plan)"
        r"|of (?:the|this|that|a|an|it|having) (?:\w+ )?(?:pin|number|code|app|form|letter"
        r"|account|button|fee|card|step))\b",
        example="I've given up expecting a call back",
    ),
    Pattern(
        "sarcasm",
        "frustration",
        r"(?:thanks|thank you|cheers) (?:a lot |very much )?for nothing|surprise surprise"
        r"|(?:great|brilliant|fantastic|wonderful|excellent|top|lovely) (?:service|job|work)"
        r" (?:\w+ )?as (?:always|usual|ever)|oh (?:great|brilliant|wonderful|fantastic"
        r"|lovely|perfect) (?:another|again)|just what i needed|yeah right",
        example="thanks for nothing",
    ),
    Pattern(
        "in-bits",
        "distress",
        rf"{I_AM} {INTENS}(?:in bits|in pieces|in a (?:right )?state|beside myself"
        r"|falling apart|a (?:nervous )?wreck|at rock bottom|emotional|shaking|in a mess"
        r"|out of my mind|going out of my mind|worried sick|sick with worry|worried to death"
        r"|at my lowest)|(?:can not|could not) stop (?:crying|shaking)|in tears"
        r"|crying my eyes out|(?:been|was|keep|kept) crying|broke my heart|breaking my heart",
        unless_before=NEG_BEFORE,
        example="I'm in bits here",
    ),
    Pattern(
        "money-fear",
        "distress",
        r"(?:can not|could not|will not|not going to|not be able to) (?:make|pay|afford|cover)"
        r" (?:my|the|our|this month s|this months) (?:rent|mortgage|bills|food|shopping"
        r"|heating|gas|electric)|(?:nothing|no money|nothing left) (?:left )?(?:until|till)"
        r" (?:payday|pay day|the end of the month|friday)|(?:going to be|getting|be) evicted"
        r"|bailiffs|debt collectors|repossess|repossessed|food ?bank|chuck (?:us|me) out"
        r"|kick (?:us|me) out|behind on (?:my |the |our )?(?:rent|mortgage)",
        unless_before=NEG_BEFORE,
        example="I won't make my rent",
    ),
    Pattern(
        "put-to-sleep",
        "grief",
        r"(?:put|be put|been put|was put|were put|having (?:her|him|them) put) to sleep"
        r"|had to (?:have|let) (?:\w+ ){0,3}(?:put down|put to sleep)",
        lookahead=1,
        unless_after=r" mode\b",
        example="we had to have our dog put to sleep",
    ),
    Pattern(
        "lost-them",
        "grief",
        r"(?:we|i) (?:just |recently |sadly |only )?lost (?:her|him|them|our (?:\w+ )?"
        rf"{PERSON}) (?:last|in|on|this|recently|suddenly|yesterday|a (?:week|month|year|few)"
        r"|two|three|four|over|at|to|just|only)\b|(?:since|when|after|before) (?:he|she|they"
        rf"|(?:my|the|our) (?:\w+ )?{PERSON}) (?:passed|died)"
        rf"|(?:her|his|the|my (?:\w+ )?{PERSON} s) funeral"
        r"|(?:in|on) (?:palliative|end of life) care|in a coma|on life support"
        r"|diagnosed with|(?:had|having|has had) (?:a stroke|a heart attack|chemo|chemotherapy"
        r"|a miscarriage)|lost (?:the|our) baby|miscarriage",
        example="we lost him in May",
    ),
    Pattern(
        "kin-passed",
        "grief",
        rf"(?:my|our|his|her) (?:\w+ )?{PERSON} (?:\w+ ){{0,2}}passed",
        lookahead=2,
        unless_after=r" (?:her|his|their|the|a|an|its|my|our|your|it|me|them|this|that"
        r"|with|through|by|over|out|round|around|on (?:the|a|my|it|your|this|that))\b",
        example="my nan passed last week",
    ),
    Pattern(
        "in-hospital",
        "distress",
        rf"{KIN} (?:\w+ ){{0,2}}(?:rushed|taken|admitted|gone|went|been|is|was|ended up|still"
        rf"|now|back) (?:\w+ )?(?:in|into|to) (?:the )?{HOSPITAL}"
        rf"|(?:rushed|admitted) (?:in|into|to) (?:the )?{HOSPITAL}",
        unless_before=NEG_BEFORE,
        example="my dad's been rushed into hospital",
    ),
    Pattern(
        "repeated-failure",
        "frustration",
        r"for the (?:second|third|fourth|fifth|sixth|tenth|umpteenth|hundredth|millionth"
        r"|thousandth|nth) time|time and (?:time )?again|every single time|again and again"
        r"|over and over|here we go again|(?:down|broken|gone|wrong|dropped|dropping|happened"
        r"|happening|cut off|failed|stopped) (?:yet )?again",
        unless_before=r"(?:\bnot|\bnever|\bif|\bhope|\bhopefully|\bsure|\bso|\bin case"
        r"|\bstop it|\bprevent)(?: \w+){0,2}$",
        example="for the umpteenth time",
    ),
    Pattern(
        "passed-around",
        "frustration",
        r"(?:been|being|get|got|keep getting|kept getting|keep being|was|were) (?:\w+ )?"
        r"(?:passed|pushed|bounced|shunted|fobbed|transferred|shuffled|palmed) (?:around|round"
        r"|about|off|from pillar to post|between)|pillar to post"
        r"|(?:nobody|no one|noone) (?:has |have |had |is |ever |even )*(?:called|rang|rung|phoned"
        r"|got|gets|came|come|emailed|wrote|replied|responded|bothered|calls|rings) (?:me |us )?"
        r"back|never (?:\w+ ){0,2}(?:called|rang|rung|phoned|got|heard) (?:me |us )?back"
        r"|promised (?:a |to )?(?:call|ring|phone) (?:me )?back|(?:been|being|feel|felt|was"
        r"|keep being) (?:completely |totally |just )?ignored|(?:you|they|you lot|you people)"
        r" (?:keep |just |are |have )?(?:ignored|ignoring|ignore) (?:me|us|my)"
        r"|(?:left|kept) (?:in the dark|hanging)",
        unless_before=r"(?:\bnot|\bif)(?: \w+)?$",
        example="I've been passed around all day",
    ),
)
