"""What a caller says when someone's life or safety is at risk: the `safeguarding` cue.

Four risks, each a category with its own line: ending their life or harming themselves
(`self-harm`), violence threatened to the agent or anyone else (`threat`), a medical emergency
happening now (`medical`), and a child or vulnerable adult at risk (`at-risk`). A missed risk is
the worst miss this tool can make, so the patterns are wide within each risk; what keeps them
honest is the figures of speech every call is full of, each guarded where its pattern would
catch it: "this router is killing me", "I could murder a cup of tea", "my phone died", "I nearly
died laughing", "I nearly had a heart attack when I saw the bill". The agent's own safety script
("if you ever feel unsafe…") never reaches these: they run on the caller channel only.
"""

from __future__ import annotations

from companion.cues.patterns import Pattern, PatternSet

# somebody who may be hurt, or who may hurt someone
ANYONE = (
    r"(?:someone|somebody|people|anyone|anybody|you|he|she|they|whoever|one of you|one of"
    r" your (?:\w+ )?(?:staff|lot|people|drivers|engineers)|your (?:\w+ )?(?:staff|driver"
    r"|engineer|warden|manager|guy|bloke|lad|man|woman))"
)
HURT_VERB = (
    r"(?:kill|hurt|batter|smash|punch|stab|shoot|deck|thump|strangle|knock out|beat up"
    r"|break (?:his|her|your|their) (?:\w+ )?(?:neck|legs|arms|face|jaw)|burn down|torch"
    r"|glass|headbutt|smack|slap|knock (?:his|her|your|their) (?:\w+ )?(?:head|teeth|block)"
    r" (?:off|in|out))"
)
HURT_TARGET = (
    r"(?:you|him|her|them|someone|somebody|whoever|anyone|anybody|everyone|the lot of you"
    r"|the (?:\w+ )?(?:driver|engineer|warden|manager|guy|bloke|lad|man|woman|staff|place"
    r"|office|depot|branch|shop)|that (?:\w+ )?(?:driver|engineer|warden|manager|guy|bloke"
    r"|lad|man|woman|place|office|depot|branch|shop)|your (?:\w+ )?(?:driver|engineer|warden"
    r"|manager|staff|office|depot|branch|shop|place))"
)
CHILD = (
    r"(?:kid|kids|child|children|baby|babies|toddler|toddlers|little ones?|wee ones?|bairns?"
    r"|youngsters?|little (?:boy|girl|lad|lass|fella|fellow|one|man)|(?:only|about|aged|just)"
    r" (?:\w+ )?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?: and (?:a half|one|two|three|four|five|six|seven|eight|nine|ten))?"
    r"(?: years old| year old)?)"
)
ALONE = (
    r"(?:on (?:their|his|her|its) own|alone|by (?:themselves|himself|herself|itself)"
    r"|home alone|unattended|locked in|with no (?:food|adult|grown up|one))"
)
# how the cue names each risk ("Safety risk (medical emergency): …")
RISK_NAMES: dict[str, str] = {
    "self-harm": "self-harm",
    "threat": "threat of violence",
    "medical": "medical emergency",
    "at-risk": "someone at risk",
    "custom": "risk",
}
FIGURE_OF_SPEECH_AFTER = r" (?:laughing|with laughter|of embarrassment|of boredom)\b"

SAFEGUARDING = PatternSet(
    (
        Pattern(
            "better-off-without-me",
            "self-harm",
            r"(?:better off|happier|fine|be better|manage|cope|get on) (?:\w+ ){0,2}without me"
            r"|better off (?:if|when|once) i (?:was|were|am|had|would) (?:not|no longer|gone"
            r"|dead|never) (?:\w+ ){0,2}?(?:here|around|about|alive|in the picture|born|been"
            r" born|gone)?|better off (?:with me )?(?:gone|dead)"
            r"|(?:if|when|once) i (?:was|were|am) (?:not|no longer) (?:here|around|about|alive"
            r"|in the picture) (?:\w+ ){0,3}better off",
            example="my family would be better off without me",
        ),
        Pattern(
            "no-point-living",
            "self-harm",
            r"(?:do not|can not|cannot|no longer|never) see (?:the|any) point (?:in |of )?"
            r"(?:anymore|any more|going on|living|carrying on|being here|life|it all|waking up"
            r"|of anything)|no (?:reason|point) (?:to|in) (?:live|living|go on|going on|carry"
            r" on|carrying on|be here|being here|wake up|waking up)|not worth living"
            r"|(?:life|my life) is not worth|(?:there is )?nothing (?:left )?to live for",
            example="I don't see the point anymore",
        ),
        Pattern(
            "end-my-life",
            "self-harm",
            r"(?:end|ending|take|taking|took) (?:it all|my (?:own )?life|my own)"
            r"|(?:kill|killing|killed|top|topping|hurting|harm|harming) (?:myself|meself)"
            r"|self harm\w*|suicid\w*|overdose\w*"
            r"|(?:i|me|i just|i really|i honestly|part of me) (?:\w+ )?(?:want|wants|wanted|wanna"
            r"|wish|am going|am ready|am gonna) to (?:die|be dead|disappear for good|not wake up)"
            r"|wish i (?:was|were|had) (?:dead|never been born|not here|not alive|gone)"
            r"|(?:do not|don t) (?:want|wanna) to (?:be here|live|wake up|go on)"
            r"(?: anymore| any more)?|(?:can not|cannot) go on living",
            unless_after=FIGURE_OF_SPEECH_AFTER,
            lookahead=1,
            example="I just want to end it all",
        ),
        Pattern(
            "someone-gets-hurt",
            "threat",
            rf"{ANYONE} (?:is |are |will |would |s )?(?:going to |gonna |will )?(?:get|getting"
            r"|be getting|end up) (?:seriously |badly |really )?(?:hurt|a smack|a slap|a beating"
            r"|a kicking|battered|stabbed|shot|killed|in (?:hospital|an ambulance|a body bag))"
            r"|(?:going|go|end up|be leaving|leave) (?:home )?in an? (?:ambulance|body bag)"
            r"|(?:there will be|there is going to be) (?:blood|trouble|violence|a fight)"
            r"(?!\w)",
            example="I'm coming down there and someone will get hurt",
        ),
        Pattern(
            "i-will-hurt",
            "threat",
            rf"(?:i will|i am going to|i am gonna|i would|i could|gonna|going to) (?:\w+ ){{0,2}}"
            rf"{HURT_VERB} {HURT_TARGET}|(?:i will|i am going to|i am gonna) (?:come|go|be)"
            r" (?:down|round|over|up) (?:\w+ ){0,4}(?:and|to) (?:\w+ ){0,2}" + HURT_VERB,
            # "I could murder a cup of tea", "I'll kill him if he ate my biscuits" are not threats
            # to this call; a threat names a person or a place of this company
            unless_after=r" (?:a (?:cup|brew|pint|drink|curry|burger|pizza|coffee|beer)"
            r"|for (?:a|some)|laughing|if (?:he|she|they) (?:ate|eat|drank|took|forgot))\b",
            example="I'll batter whoever's behind the desk",
        ),
        Pattern(
            "weapon",
            "threat",
            r"(?:i have|i have got|i got|i keep|i own|i am bringing|i will bring|i will be"
            r" bringing|i am carrying|bring|bringing) (?:got )?(?:a|my|the|me) (?:\w+ )?"
            r"(?:gun|guns|knife|knives|shotgun|rifle|weapon|blade|machete|baseball bat|crowbar"
            r"|hammer|axe|pistol)",
            unless_before=r"(?:not|never|no)(?: \w+)?$",
            example="I've got a gun",
        ),
        Pattern(
            "chest-pain",
            "medical",
            r"(?:my|me|his|her|the) chest (?:\w+ ){0,4}(?:tight|tightening|tightness|pain|pains"
            r"|hurts|hurting|crushing|heavy|burning|on fire)|chest pains?"
            r"|(?:can not|cannot|could not|struggling to|hard to|trouble) (?:get (?:my|me|a|any)"
            r" breath|breathe|breathing|catch (?:my|me|a) breath)",
            unless_after=r" (?:in (?:this|the) (?:heat|queue|traffic)|for laughing|laughing"
            r"|after (?:the|that|those) (?:stairs|run|walk))\b",
            lookahead=3,
            example="my chest has gone tight and I can't breathe",
        ),
        Pattern(
            "collapse",
            "medical",
            r"(?:having|just had|has just had|going into) an? (?:heart"
            r" attack|stroke|seizure|fit|diabetic (?:attack|coma|hypo)|anaphylactic \w+)"
            r"|(?:he|she|i|they|someone|somebody|my (?:\w+ )?\w+|mum|mom|dad|nan|gran|grandad"
            r"|grandma|grandpa|the baby|the (?:old )?(?:man|woman|lady|gentleman))"
            r" (?:has |have |is |s |was |just |had |gone )*(?:collapsed|passed out|fainted|not"
            r" breathing|stopped breathing|unconscious|unresponsive|turning blue|gone blue"
            r"|will not wake up)|(?:can not|cannot) wake (?:him|her|them) up"
            r"|(?:bleeding|losing blood) (?:heavily|badly|a lot|everywhere|really badly)"
            r"|(?:fallen|had a fall|fell) (?:\w+ ){0,3}(?:can not|cannot|could not) (?:get up"
            r"|move)",
            unless_before=r"(?:nearly|almost|practically|near enough|near|about to|gonna|going"
            r" to|could have|would have|give me|given me|will give (?:me|you))(?: \w+){0,2}$",
            example="I think she's having a stroke",
        ),
        Pattern(
            "child-alone",
            "at-risk",
            rf"\b{CHILD}\b(?: \w+){{0,25}}? (?:(?:have|has|had|s|are|is|was|were) )?"
            rf"(?:been (?:left )?|left )(?:in there |at home |in the (?:house|flat|car|room) )?"
            rf"{ALONE}"
            r"|(?:nobody|no one|no adult) (?:has |s )?(?:come|been) (?:back|home) (?:for|to)"
            r" (?:them|him|her)"
            r"|(?:his|her|their) (?:mum|mom|mother|dad|father|parents?|carer) (?:has|have|had|s)"
            r" not been (?:home|back|seen) (?:since|for|in) \w+",
            example="the kids have been left on their own since Friday",
        ),
        Pattern(
            "harm-at-home",
            "at-risk",
            r"(?:locks|locked|locking|shuts|shut) (?:him|her|them|me|the kids) in"
            r"|(?:hits|hit|hitting|beats|beat|beating|kicks|chokes|choked|strangled"
            r") (?:me|him|her|them|the kids|the children|my (?:\w+ )?(?:mum|mom|dad"
            r"|kids|children|son|daughter|nan|gran)) (?:again|when|if|every|all the|and)"
            r"|(?:scared|afraid|frightened|terrified) (?:of|to go home to) (?:him|her|my"
            r" (?:husband|partner|boyfriend|girlfriend|wife|dad|son|ex))"
            r"|(?:is not|are not|has not been|have not been|not been|not being) (?:fed|eating"
            r"|washed|looked after|cared for) (?:\w+ ){0,3}(?:for|since|in) (?:\w+ ){0,2}(?:days"
            r"|weeks|a week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
            example="he told me she locks him in his room",
        ),
    )
)
