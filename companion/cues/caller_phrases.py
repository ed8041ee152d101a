"""What callers say when they are upset, busy, abusive, asking for a manager, or confused.

Patterns only ever run on the caller channel. Each is written against normalised text (see
`text.py`) and generalises a family of ways of saying one thing; negation ("I'm not upset",
"it's not a bad time", "I don't want a manager") is guarded. Upset said sideways (idioms,
threats to leave, euphemisms for a death) is in `upset_families.py`; frustration both miss is
caught by the VADER lexicon (`sentiment.py`). Swearing at a thing is empathy, not boundary.
"""

from __future__ import annotations

from companion.cues.patterns import NEG_BEFORE, Pattern, PatternSet

# Words that only strengthen what follows; "not" is deliberately absent, so "I am not upset"
# never matches "I am (really) upset".
INTENS = (
    r"(?:(?:so|really|very|getting|absolutely|just|completely|totally|pretty|quite|extremely"
    r"|beyond|incredibly|actually|honestly|seriously|bloody|fucking|a bit|a little|kind of"
    r"|rather|now|currently|literally|still|right|all|flipping|flaming|bleeding|effing|ruddy"
    r"|damn|total|complete|real|proper) ){0,3}"
)
PERSON = (
    r"(?:mother|mom|mum|mommy|mummy|father|dad|daddy|husband|wife|partner|son|daughter|brother"
    r"|sister|grandmother|grandma|gran|nan|granny|grandfather|grandpa|grandad|grandson"
    r"|granddaughter|aunt|auntie|uncle|cousin|friend|baby|child|kid|fiance|fiancee|boyfriend"
    r"|girlfriend|parent|parents|mother in law|father in law|nephew|niece|dog|cat)"
)
FEEL = (
    r"(?:frustrated|frustrating|upset|angry|annoyed|furious|livid|fuming|mad|disappointed"
    r"|fed up|sick of|tired of|sick and tired|at my wits end|losing my patience|done with"
    r"|exasperated|disgusted|appalled|outraged|unhappy|not happy|beyond angry)"
)
DISTRESS = (
    r"(?:scared|worried|panicking|panicked|desperate|terrified|in tears|crying|stressed"
    r"|stressed out|anxious|overwhelmed|distraught|heartbroken|devastated|struggling|afraid"
    r"|frightened|petrified|shaken up|worry|very worry|beside myself|at my wits end)"
)
INSULT = (
    r"(?:idiot|idiots|stupid|moron|morons|useless|incompetent|pathetic|clown|clowns|a joke"
    r"|imbecile|imbeciles|dumb|brainless|worthless|liar|liars|bitch|asshole|arsehole|bastard"
    r"|prick|dick|jerk|loser|losers|retard|retarded|thick|ignorant|scum|fool|fools|a disgrace"
    r"|a waste of space|hopeless|clueless|rude|a robot|an idiot|a moron|an imbecile|a liar"
    r"|brain dead|dense|daft|dim|dimwit|halfwit|nitwit|numpty|numpties|muppet|muppets"
    r"|eejit|eejits|plonker|pillock|wally|cretin|cretins|buffoon|jobsworth|lying|thieving"
    r"|crook|crooks|cheat|cheats|fraud|frauds|parasite|parasites|leech|leeches)"
)
PROFANITY = (
    r"(?:fuck|fucking|fucked|fucker|motherfucker|shit|shitty|bullshit|cunt|bitch|asshole"
    r"|arsehole|bastard|piss off|pissed off|dickhead|wanker|twat)"
)
BOSS = (
    r"(?:manager|managers|supervisor|supervisors|boss|superior|team leader|team lead"
    r"|someone senior|somebody senior|someone in charge|somebody in charge|person in charge"
    r"|someone higher up|somebody higher up|someone above you|management|line manager"
    r"|head of (?:\w+ )?department|complaints department|whoever is (?:above you|in charge"
    r"|higher up|senior|your (?:boss|manager|supervisor|superior)))"
)
ASK_VERB = r"(?:speak|talk|speaking|talking|chat) (?:to|with)"

EMPATHY = PatternSet(
    (
        Pattern(
            "repeat-call",
            "frustration",
            r"(?:second|third|fourth|fifth|sixth|tenth|hundredth|\w+th|umpteenth|another) time"
            r" (?:(?:that )?(?:i|we) (?:am|are|have|have been|had|was) )?(?:calling|called"
            r"|ringing|rung|rang|phoning|phoned|contacting|contacted|explaining|explained|asking"
            r"|asked|chasing|chased|trying|tried|speaking|spoken|talking|talked)",
            example="this is the third time I'm calling",
        ),
        Pattern(
            "called-many-times",
            "frustration",
            r"(?:called|calling|rung|rang|phoned|chased|asked|tried|emailed|written|wrote|sent"
            r"|posted|uploaded|submitted|explained|told you)"
            r" (?:\w+ ){0,3}(?:(?:two|three|four|five|six|seven|eight|nine|ten|several|many"
            r"|so many|multiple|a dozen|countless|numerous|\d+) times|twice|again and again"
            r"|over and over|every day|every week|repeatedly)",
            example="I've called you five times",
        ),
        Pattern(
            "how-many-times",
            "frustration",
            r"how many (?:more )?times (?:do|have|must|will|did|am|are|should) (?:i|we)",
            example="how many times do I have to explain",
        ),
        Pattern(
            "every-time",
            "frustration",
            r"every (?:single )?time (?:i|we) (?:call|ring|phone|try|ask|contact)",
            example="every time I call",
        ),
        Pattern(
            "nobody-helps",
            "frustration",
            r"(?:nobody|no one|no body|none of you|not one of you|you never|they never"
            r"|you lot never|you people never) (?:\w+ ){0,2}(?:ever |even |actually |bothers to"
            r" |bothered to"
            r" |seems to |seem to |wants to |want to )?(?:fix|fixes|fixed|help|helps|helped"
            r"|listen|listens|listened|call|calls|called|care|cares|cared|answer|answers"
            r"|answered|respond|responds|responded|get back|gets back|got back|sort|sorts"
            r"|sorted|reply|replies|replied|follow up|follows up|followed up|does anything"
            r"|turned up|turns up|showed up|shows up|came out|comes out|come out|rang back"
            r"|did anything|do anything|tell me|tells me|told me)",
            lookahead=1,
            unless_after=r" (?:better|faster|quicker|more|as well|like you)\b",
            example="nobody ever fixes anything",
        ),
        Pattern(
            "still-broken",
            "frustration",
            r"(?:still|yet again|again) (?:\w+ ){0,1}(?:not working|not fixed|not sorted|not"
            r" resolved|broken|down|waiting|nothing|wrong|no (?:one|reply|answer|response|refund"
            r"|word|signal|service|internet|power))",
            example="it's still not working",
        ),
        Pattern(
            "never-works",
            "frustration",
            r"(?:nothing|never|it never|this never) (?:ever )?(?:works|worked|gets fixed|got fixed"
            r"|gets done|got done|changes|changed|happens|happened|arrives|arrived|turns up"
            r"|turned up)",
            unless_before=r"(?:if|when|hope|hopefully|make sure)(?: \w+)?$",
            example="nothing ever works",
        ),
        Pattern(
            "long-wait",
            "frustration",
            r"(?:waiting|waited|been on hold|on hold|sat here|sitting here|hanging on|been ringing"
            r"|been calling|been chasing|been phoning|been emailing|been trying|back and forth)"
            r" (?:\w+ ){0,3}(?:hours|days|weeks|months|ages|forever|an hour|all day|all morning"
            r"|all afternoon|all week|since (?:monday|tuesday|wednesday|thursday|friday|saturday"
            r"|sunday|last \w+|january|february|march|april|may|june|july|august|september"
            r"|october|november|december|\w+ o clock)|(?:twenty|thirty|forty|fifty|sixty"
            r"|ninety|\d\d+) (?:\w+ )?minutes)",
            example="I've been waiting for three weeks",
        ),
        Pattern(
            "i-feel",
            "frustration",
            rf"(?:i am|i m|we are|i feel|i was|i have been|i get|i'm|i got) {INTENS}{FEEL}",
            example="I'm really frustrated",
        ),
        Pattern(
            "this-is-ridiculous",
            "frustration",
            rf"(?:this|that|it|which|service|your service|the service) (?:is|was|has been) {INTENS}"
            r"(?:ridiculous|unacceptable|a joke|absurd|outrageous|insane|a disgrace|disgraceful"
            r"|pathetic|terrible|awful|a nightmare|the worst|shocking|appalling|diabolical"
            r"|frustrating|infuriating|maddening|beyond a joke|not good enough|not acceptable"
            r"|not on|disgusting|a shambles|useless|a waste of time)",
            example="this is absolutely ridiculous",
        ),
        Pattern(
            "waste-of-time",
            "frustration",
            r"(?:a |complete |total )?waste of (?:my )?time",
            example="what a waste of my time",
        ),
        Pattern(
            "kept-promising",
            "frustration",
            r"(?:you|they|you people|you guys|your colleague|someone) (?:keep|kept|keeps)"
            r" (?:saying|telling me|promising|fobbing me off|passing me|transferring me"
            r"|putting me on hold|hanging up|cutting me off)",
            example="you keep telling me it's fixed",
        ),
        Pattern(
            "had-enough",
            "frustration",
            r"(?:i have had enough|i have had it (?:with|now)|i am done|enough is enough|last straw"
            r"|fed up|sick and tired|at my wits end|i give up|i cannot take this)",
            unless_before=NEG_BEFORE,
            example="I've had enough",
        ),
        Pattern(
            "i-feel-distress",
            "distress",
            rf"(?:i am|i m|i feel|we are|i have been|i was) {INTENS}{DISTRESS}",
            example="I'm really worried",
        ),
        Pattern(
            "at-a-loss",
            "distress",
            r"(?:i (?:do not|don t) know what (?:else )?(?:to do|i am going to do|we are going to"
            r" do)|i (?:can not|could not|can t) (?:afford|cope|sleep|manage|go on|take (?:it|this)"
            r" anymore)|(?:going to|about to|might|could) (?:lose|be evicted|be cut off"
            r"|be disconnected)|(?:no|without) (?:heating|heat|hot water|power|electricity|water"
            r"|food|money) (?:for|since|at all|and))",
            example="I don't know what to do",
        ),
        Pattern(
            "gone-without",
            "frustration",
            r"(?:no|without) (?:\w+ ){1,2}(?:for|since) (?:\w+ ){0,2}(?:days|weeks|months|a week"
            r"|a month|a fortnight|ages|over a week|monday|tuesday|wednesday|thursday|friday"
            r"|saturday|sunday|last \w+)",
            example="I've had no internet for two weeks",
        ),
        Pattern(
            "swearing-at-thing",
            "frustration",
            r"(?:(?:this|that|the|these|those|my|your) (?:wretched|rubbish|stupid|useless"
            r"|pathetic)|damn|damned|bloody|flipping|blooming|ruddy|sodding|blasted|godforsaken"
            r"|fucking|fuckin|effing|frigging|bleeding|shitty|crappy|flaming|flippin|blinking"
            r"|feckin|fecking|friggin)"
            r" (?!you\b|woman\b|man\b|girl\b|boy\b|idiot\b|cow\b|moron\b|people\b|lot\b"
            r"|hell\b|clown\b|clowns\b|bitch\b|prick\b|twat\b|muppet\b|joke\b)\w+"
            r"|(?:this|that|it) is (?:\w+ )?(?:bullshit|shit|crap|a load of (?:\w+ )?"
            r"(?:rubbish|crap|bollocks|shit))",
            example="this damn router",
        ),
        Pattern(
            "bereaved",
            "grief",
            rf"(?:(?:my|our) (?:\w+ )?{PERSON} (?:(?!nearly|almost)\w+ ){{0,2}}(?:passed away"
            r"|passed on"
            r"|died|has died|is dying|was killed|got killed|has cancer|had a stroke|had a heart"
            r" attack|is in (?:the )?hospital|is in hospice|is terminally ill|is very ill"
            rf"|is seriously ill)|(?:lost|losing|buried) my (?:\w+ )?{PERSON}|passed away"
            r"|bereavement|bereaved|funeral|death certificate|terminally ill|widowed|widow"
            r"|since (?:he|she) (?:died|passed))",
            example="my mother passed away",
        ),
    )
)

CALLBACK = PatternSet(
    (
        Pattern(
            "busy-now",
            "busy",
            rf"(?:i am|i m|we are|i'm) {INTENS}(?:driving|in the car|on the road|behind the wheel"
            r"|at work|in a meeting|in the middle of (?:something|a \w+|\w+)|about to (?:board|go"
            r" into|go in|drive|leave|start|head out|get on)|busy|in a hurry|rushing|running late"
            r"|at the (?:doctors|doctor|dentist|hospital|airport|gym|shops|store|supermarket"
            r"|school gates)|walking into \w+|on my way (?:to|out|in)|on the (?:train|bus"
            r"|motorway|highway|freeway|other line)|with a (?:customer|client|patient)|cooking"
            r"|putting the kids to bed|at the wheel)",
            example="I'm driving right now",
        ),
        Pattern(
            "call-me-back",
            "busy",
            r"(?:(?:can|could|would|will) you (?:please |just )?(?:call|ring|phone) (?:me )?back"
            r"|(?:call|ring|phone) me (?:back )?(?:later|tomorrow|tonight|this afternoon|this"
            r" evening|in the morning|in (?:an|a|\w+) (?:hour|minutes|hours|bit)|another time)"
            r"|(?:can|could) (?:we|i) (?:do|talk about|continue|finish|pick up) (?:this|it) later"
            r"|(?:call|ring) me when)",
            unless_before=NEG_BEFORE,
            example="can you call me back later",
        ),
        Pattern(
            "bad-time",
            "busy",
            r"(?:not (?:a |the |really a )?(?:good|great|convenient|best) time|(?:a )?(?:bad"
            r"|terrible|awkward|inconvenient|busy) time|not now)",
            unless_before=r"(?:not|no|never|is it|if it is|hope this is|hope it is)"
            r"(?: \w+)?$",
            unless_after=r" (?:for you|to (?:talk|call))\b",
            example="it's a bad time",
        ),
        Pattern(
            "cannot-talk",
            "busy",
            r"(?:i (?:only )?have (?:a|one|two|five|a couple of|a few|about (?:a|two|five))"
            r" (?:minute|minutes|seconds|moment)|i (?:can not|can t|have to|need to|got to|gotta)"
            r" (?:talk"
            r"|go|hang up|speak) (?:right )?now|i (?:can not|can t) (?:really )?(?:talk|speak)"
            r" (?:at the moment|right now|now|here))",
            example="I can't talk right now",
        ),
    )
)

BOUNDARY = PatternSet(
    (
        Pattern(
            "you-are-insult",
            "abuse",
            r"(?:you are|you re|you were|you sound like|you sound|you seem|you must be|you"
            r" people are|you lot are|you guys are|you people|you lot|your company is|what)"
            r" (?:(?:such|an?|so|really|completely|totally|absolutely|bloody|fucking|utterly|just"
            r"|the most|a"
            r" complete|a total|an absolute|a bloody|a fucking|an utter|nothing but|nowt but"
            r"|nought but|no better than|no more than) ){0,3}" + INSULT,
            unless_before=r"(?:not saying|not calling|never said|not that|don t mean|do not mean)"
            r"(?: \w+)?$",
            example="you're an idiot",
        ),
        Pattern(
            "are-you-insult",
            "abuse",
            r"(?:are|is) (?:you|he|she|they|you people|you lot|you guys|you all|all of you)"
            r" (?:(?:all|actually|just|really|seriously|completely|totally|some kind of|some"
            r" sort of|a bit|being|deliberately|that|so|this|a complete|a total|an absolute"
            r"|complete|total|absolute|utter|a right|deaf or|deaf or just|blind or) ){0,3}"
            + INSULT.replace("(?:", "(?:an? |", 1)
            + r"|how (?:\w+ )?(?:thick|stupid|dense|dumb|daft|useless|incompetent|dim)"
            r" (?:are|is|can) (?:you|they|you people|you lot|he|she)",
            example="are you actually thick",
        ),
        Pattern(
            "are-you-deaf",
            "abuse",
            r"are you (?:(?:actually|just|really|seriously|being|all|people|lot) ){0,2}deaf",
            lookahead=3,  # "are you deaf or just stupid" is decided at "stupid"
            unless_after=r" or (?:\w+ )?(?:stupid|thick|dumb|daft|dense|brain dead|blind|an? \w+)",
            example="are you deaf",
        ),
        Pattern(
            "you-insult",
            "abuse",
            # "you useless jobsworth", "go on then you brainless cow": an insult said to them
            r"you (?:(?:absolute|complete|total|utter|bloody|fucking|little|great|big|stupid"
            r"|right) ){0,2}(?:useless|brainless|pathetic|brain dead|incompetent|stupid|thick"
            r"|clueless|ignorant|idiot|idiots|moron|morons|muppet|muppets|clown|clowns|cretin"
            r"|imbecile|numpty|eejit|plonker|pillock|halfwit|dimwit|jobsworth|loser|losers"
            r"|joke|disgrace|liar|liars|parasite|parasites)",
            unless_before=r"(?:make|makes|made|making|feel|feels|felt|find|found|think|thought"
            r"|call|called|calling|consider|leave|leaves|left|keep|keeps|kept|said|saying|mean"
            r"|meant|not|thank|get|got|are|were|if|hope|wish|did|do|does|told|tell)(?: \w+)?$",
            example="you useless jobsworth",
        ),
        Pattern(
            "name-calling",
            "abuse",
            r"(?:stupid|useless|incompetent|bloody|fucking|dumb|pathetic|brainless|lazy"
            r"|ignorant) (?:idiot|idiots|moron|morons|woman|man|girl|boy|bitch|cow|jerk|person"
            r"|people|clown|clowns|cretin|muppet)",
            example="useless idiot",
        ),
        Pattern(
            "profanity",
            "abuse",
            PROFANITY,
            # swearing about a thing ("this fucking printer", "this is bullshit") is empathy
            unless_before=r"\b(?:no|not|without|this|that|the|these|those|my|our|his|her|their"
            r"|its|what the)(?: \w+)?$",
            example="this is bullshit",
        ),
        Pattern(
            "get-lost",
            "abuse",
            r"(?:shut (?:up|your mouth|it)|go to hell|screw you|damn you|to hell with you|get lost"
            r"|drop dead|go away|stuff it|bite me|up yours)",
            lookahead=2,
            unless_before=(
                r"(?:not|never|don t|do not|to|will|going to|want to|we|they|i)(?: \w+)?$"
            ),
            unless_after=r" (?:shop|for|on|to|until|till|the|this|that|and (?:come|then))\b",
            example="shut up",
        ),
    )
)

ESCALATION = PatternSet(
    (
        Pattern(
            "ask-for-manager",
            "manager",
            rf"{ASK_VERB} (?:\w+ ){{0,2}}{BOSS}|(?:get|put|transfer|pass|connect|send|escalate)"
            rf" (?:me |this |my call |my complaint )?(?:(?:through|over|up) )?(?:to |on |onto )?"
            rf"(?:the |your |a |an |my )?{BOSS}|(?:want|need|demand|like|have|see|get)"
            rf" (?:to see |to have |to get )?(?:a |your |the |an |some )?{BOSS}"
            rf"|(?:where|who) is (?:your|the) {BOSS}|(?:let me|can i|could i|may i) (?:have"
            rf" |get |see )(?:a |your |the )?{BOSS}",
            unless_before=r"(?:not|never|no need to|no|don t|dont)(?: \w+){0,3}$",
            example="let me speak to a manager",
        ),
        Pattern(
            "escalate",
            "manager",
            r"(?:escalate|escalated) (?:this|it|my (?:complaint|case|call|issue))"
            r"|(?:someone|somebody|anyone|anybody) (?:else )?(?:higher|more senior|above you)",
            unless_before=r"(?:not|never|no need to|no|don t)(?: \w+){0,3}$",
            lookahead=1,  # "somebody higher up", "someone higher than you"
            example="I want this escalated",
        ),
    )
)

CLARIFY = PatternSet(
    (
        Pattern(
            "dont-understand",
            "confused",
            r"i (?:do not|still do not|still don t|really do not|just do not|don t)"
            r" (?:understand|get it|get that|get what|follow|quite follow|know what (?:you mean"
            r"|that means|you are talking about|you are saying))",
            lookahead=1,
            unless_after=r" (?:why|how (?:this|it|you|they) (?:keeps|keep|could|can|happened)"
            r"|how come)\b",
            example="I don't understand",
        ),
        Pattern(
            "did-not-understand",
            "confused",
            r"i (?:did not|still did not) (?:understand|follow|catch|get (?:that|it|what|you"
            r"|a word|any of))",
            lookahead=5,  # room for "… at first but it's clear now"
            unless_after=r"(?: \w+){0,3}? (?:at first|initially|before|earlier|until|but now"
            r"|but it is|but i do)\b",
            example="sorry I didn't understand what you said",
        ),
        Pattern(
            "what-do-you-mean",
            "confused",
            r"what do you mean|what does (?:that|this|it) (?:mean|actually mean)|what is that"
            r" supposed"
            r" to mean|what are you (?:talking about|saying)|meaning what",
            example="what do you mean",
        ),
        Pattern(
            "confused",
            "confused",
            rf"(?:i am|i m|i'm|i feel|i got|i get) {INTENS}(?:confused|lost|muddled|mixed up)"
            r"|you (?:have )?(?:\w+ )?lost me|(?:i am|i m) not following|not with you"
            r"|i (?:not|no) (?:follow|understand)|(?:you are|you re) losing me"
            r"|(?:sorry )?(?:can|could) you say that again|i am not sure i follow"
            r"|(?:that|it) went (?:right )?over my head|what does that mean for me"
            rf"|(?:i am|i m|i feel) {INTENS}(?:baffled|bewildered|puzzled|flummoxed|stumped"
            r"|all at sea|out of my depth|none the wiser)",
            unless_before=r"(?:if)(?: \w+)?$",
            example="I'm confused",
        ),
        Pattern(
            "say-again",
            "confused",
            r"(?:can|could|would) you (?:please )?(?:explain|repeat|say|go over|run through)"
            r" (?:that|it|this|what you said)?(?: ?again| one more time| more slowly| slower"
            r"| in plain english)|(?:say|explain) that again|come again"
            r"|(?:that|this|it|which) (?:just |really |honestly )?makes (?:no|zero|little) sense"
            r"|none of (?:that|this|it) (?:really )?makes (?:any )?sense"
            r"|slow down|too fast|in plain english|(?:that|this|it) (?:does not|do not|doesn t)"
            r" make (?:any )?sense",
            unless_before=NEG_BEFORE,
            example="could you explain that again",
        ),
        Pattern(
            "sorry-what",
            "confused",
            r"^(?:(?:sorry|um|uh|oh|er) )?(?:what|pardon|pardon me|you what|come again)",
            lookahead=1,
            unless_after=r" \w",
            example="sorry what",
        ),
    )
)
