"""Development call scripts, second set: the product brief's categories said the way callers and
agents really say them, plus a precision trap next to each family. Read by build_corpus.py; see
README.md for the line format, the markers and the labelling decisions.

What this set adds to the other scripts (the engine is scored against these labels):
- upset callers without the obvious words: threats to leave or to go to the regulator or the
  press, sarcasm about the service, quiet resignation, exasperation idioms, tears, money and
  health fear, a pet's or relative's death or illness said by euphemism, repeated failure and
  being passed around;
- agents who hide behind policy or the terms, give orders, refuse flatly, pass the buck, or give
  "no idea" as the whole answer;
- insults aimed at the agent in new words; confusion said in new words;
- traps: the same words in a calm or past or third-person sense ("wrong day" about a ticket,
  "passed her driving test", "i was confused but it's clear now", an insult quoted while laughing,
  "i don't know why but i'll find out", swearing at a printer).
"""

# One utterance per line reads like a call transcript, so lines stay long and unformatted.
# ruff: noqa: E501
# fmt: off

CALLER_CUES = ["empathy", "boundary", "escalation", "callback", "clarify"]
QUIET = ["avoid-phrase", "boundary", "escalation", "callback", "clarify"]
ALL_WORDS = ["avoid-phrase", "empathy", "boundary", "escalation", "callback", "clarify"]

SCENARIOS = [
    # -- upset callers, new wording ---------------------------------------------------------
    dict(
        name="energy_threat_to_switch",
        description="energy bill doubled: caller threatens to switch supplier and go to the ombudsman",
        must_not=QUIET,
        lines=[
            ("agent", 0.5, "good morning brightwatt energy you're speaking with lauren"),
            ("caller", "+0.8", "yeah morning my direct debit's gone from sixty to a hundred and thirty and i want to know why"),
            ("agent", "+1.0", "okay let me have a look at that for you can i take your account number"),
            ("caller", "+0.8", "it's four four one nine two and honestly if this isn't sorted today i'm switching supplier {empathy} and i'll be reporting you to the ombudsman"),
            ("agent", "+1.1", "i completely understand i'd be worried by a jump like that too let me see what's driving it"),
            ("caller", "+0.7", "okay"),
            ("agent", "+1.2", "so it's been worked out on an estimate that's far too high i'll put it back to sixty two pounds now"),
            ("caller", "+0.6", "right well that's more like it thank you"),
        ],
    ),
    dict(
        name="broadband_end_of_tether",
        description="broadband dropping for a month: caller is at the end of her tether",
        must_not=QUIET,
        lines=[
            ("agent", 0.5, "northlink broadband you're through to callum"),
            ("caller", "+0.9", "hi um look i'm honestly at the end of my tether {empathy} with this connection it drops every evening and i've got two kids doing homework"),
            ("agent", "+1.0", "i'm sorry that's a rotten month you've had let's get to the bottom of it"),
            ("caller", "+0.6", "please"),
            ("agent", "+1.2", "i can see the line's been resyncing about forty times a night so i'm booking an engineer for friday"),
            ("caller", "+0.7", "friday's fine yeah"),
        ],
    ),
    dict(
        name="mobile_had_it_up_to_here",
        description="mobile signal: caller has had it up to here with dropped calls and wants to leave",
        must_not=QUIET,
        lines=[
            ("agent", 0.5, "kestrel mobile this is ben how can i help"),
            ("caller", "+0.9", "yeah i've had it up to here {empathy} with you lot every call i make in the house just drops"),
            ("agent", "+1.0", "that sounds really frustrating i'm sorry let me check the coverage at your address"),
            ("caller", "+0.7", "it's n g one four a b"),
            ("agent", "+1.1", "thank you there's a mast upgrade near you but i can also turn on wifi calling which should fix it indoors"),
            ("caller", "+0.7", "oh go on then"),
        ],
    ),
    dict(
        name="parcel_sarcastic_great_service",
        description="third missed delivery: caller is sarcastic about the service",
        must_not=QUIET,
        lines=[
            ("agent", 0.4, "swiftpost deliveries you're speaking to jade"),
            ("caller", "+0.9", "oh hi yeah so your driver's left another card saying i was out when i was sat right by the door so thanks for nothing {empathy} really"),
            ("agent", "+1.0", "oh i'm sorry that's maddening when you've waited in let me look at the tracking"),
            ("caller", "+0.7", "it's s p four four two"),
            ("agent", "+1.1", "got it i'll book it on a named day with a one hour slot so you know exactly when"),
            ("caller", "+0.6", "okay thank you"),
        ],
    ),
    dict(
        name="insurance_given_up",
        description="slow claim: caller says quietly she has given up expecting anything",
        must_not=QUIET,
        lines=[
            ("agent", 0.5, "shieldline insurance claims you're speaking with raj"),
            ("caller", "+1.0", "hello um it's about my kitchen claim i mean honestly i've given up {empathy} expecting anyone to ring me back what's the point"),
            ("agent", "+1.1", "i'm really sorry you've been left feeling like that let me find your claim and see exactly where it is"),
            ("caller", "+0.8", "it's c l nine nine three one"),
            ("agent", "+1.2", "thanks the surveyor's report came in on monday so i can approve the first payment today"),
            ("caller", "+0.7", "oh right well that's something"),
        ],
    ),
    dict(
        name="medical_in_tears_test_results",
        description="caller waiting weeks for biopsy results is in tears and frightened",
        must_not=[*QUIET, "pause"],
        lines=[
            ("agent", 0.5, "riverside surgery appointments line this is claire"),
            ("caller", "+1.0", "hi sorry i'm just i'm in bits {empathy} here i had a biopsy three weeks ago and nobody's told me anything"),
            ("agent", "+1.2", "oh i'm so sorry that waiting is awful let me look at your record right now can i take your date of birth"),
            ("caller", "+0.9", "second of june sixty four"),
            ("agent", "+1.3", "thank you the results are back and doctor amin has asked to see you i can book you in tomorrow at nine"),
            ("caller", "+0.8", "okay yes please"),
        ],
    ),
    dict(
        name="vet_dog_put_to_sleep",
        description="pet insurance: caller's dog was put to sleep at the weekend",
        must_not=[*QUIET, "pause"],
        lines=[
            ("agent", 0.5, "shieldline pet insurance this is nadia how can i help"),
            ("caller", "+1.1", "hi um we had to have our dog put to sleep {empathy} on saturday and the vet said to ring you about the bill"),
            ("agent", "+1.2", "oh i'm so sorry to hear about your dog that's a really hard weekend take all the time you need"),
            ("caller", "+0.9", "thank you she was fourteen"),
            ("agent", "+1.2", "i'll open the claim for you now and the vet can send the invoice straight to us so you don't have to deal with it"),
            ("caller", "+0.7", "that's kind thank you"),
        ],
    ),
    dict(
        name="energy_dad_in_hospital",
        description="caller's father is in hospital and his meter has run out of credit",
        must_not=[*QUIET, "pause"],
        lines=[
            ("agent", 0.5, "brightwatt energy sam speaking"),
            ("caller", "+1.0", "hiya i'm ringing for my dad he's been rushed into hospital {empathy} and his prepay meter's run out so the house is freezing for when he comes home"),
            ("agent", "+1.2", "oh i'm sorry about your dad i hope he's okay i can put emergency credit on the meter right now"),
            ("caller", "+0.8", "oh that'd be brilliant"),
            ("agent", "+1.1", "that's done it's thirty pounds and it'll show the next time the meter connects"),
            ("caller", "+0.6", "thanks so much"),
        ],
    ),
    dict(
        name="bank_rent_money_fear",
        description="payment taken twice: caller is frightened she cannot pay the rent",
        must_not=QUIET,
        lines=[
            ("agent", 0.5, "harbour bank you're speaking with owen"),
            ("caller", "+0.9", "hi a payment's come out twice and i'm really scared {empathy} i won't make my rent now and the landlord's going to chuck us out"),
            ("agent", "+1.1", "that sounds really worrying let's sort this out together first can you tell me which payment it is"),
            ("caller", "+0.8", "the council tax it went out on the first and again on the second"),
            ("agent", "+1.2", "i can see both i've raised a claim and put the money back into your account today while it's looked at"),
            ("caller", "+0.7", "oh thank god thank you"),
        ],
    ),
    dict(
        name="broadband_umpteenth_time",
        description="broadband down again: caller explains for the umpteenth time",
        must_not=QUIET,
        lines=[
            ("agent", 0.5, "northlink broadband priya speaking"),
            ("caller", "+0.9", "right so for the umpteenth time {empathy} my internet is down again same as last week and the week before"),
            ("agent", "+1.0", "i'm sorry it keeps happening that's not good enough let me look at the history"),
            ("caller", "+0.6", "go on"),
            ("agent", "+1.2", "i can see three faults in a month so i'm escalating it to our network team and giving you a month's credit"),
            ("caller", "+0.6", "okay fair enough"),
        ],
    ),
    dict(
        name="mobile_passed_around",
        description="caller has been passed from department to department and nobody calls back",
        must_not=QUIET,
        lines=[
            ("agent", 0.5, "kestrel mobile accounts team you're through to ellie"),
            ("caller", "+0.9", "hi i've been passed around {empathy} four different people today and every one of them promised a call back that never came"),
            ("agent", "+1.1", "i'm sorry you've been bounced around like that i'll stay with you on this one until it's done"),
            ("caller", "+0.7", "okay it's about an unlocking code"),
            ("agent", "+1.1", "right i can generate that here it'll come by text in a few minutes"),
            ("caller", "+0.6", "great thanks"),
        ],
    ),
    dict(
        name="insurance_press_and_cancel",
        description="claim refused: caller threatens to go to the papers and cancel every policy",
        must_not=["boundary", "escalation", "callback", "clarify", "avoid-phrase"],
        lines=[
            ("agent", 0.5, "shieldline insurance you're speaking to helen"),
            ("caller", "+0.9", "yes my claim's been turned down after eight years with you and i'm telling you now i'll be going to the papers {empathy} about this"),
            ("agent", "+1.1", "i'm sorry this has come as such a blow let me read the decision properly with you"),
            ("caller", "+0.8", "go on then"),
            ("agent", "+1.3", "it was refused because the photos weren't attached i can see them on your email from march so i'm sending it back for review today"),
            ("caller", "+0.8", "oh so it might still be paid"),
            ("agent", "+0.9", "yes it should be you'll hear back within five working days"),
            ("caller", "+0.6", "okay thank you"),
        ],
    ),
    dict(
        name="parcel_wits_end_asr",
        description="parcel late: exasperation idiom with an ASR slip ('end' heard as 'and')",
        must_not=QUIET,
        lines=[
            ("agent", 0.4, "swiftpost deliveries this is mark"),
            ("caller", "+0.8", "yeah hi honestly i'm at my wit's {empathy} and with chasing this parcel it was meant to come on tuesday"),
            ("agent", "+1.0", "i'm sorry that's a lot of chasing let me find out where it is"),
            ("caller", "+0.6", "it's s p one one eight"),
            ("agent", "+1.1", "it's at the depot it missed the van i'll make sure it's out first thing tomorrow"),
            ("caller", "+0.6", "alright cheers"),
        ],
    ),
    # -- agent phrases, new wording ----------------------------------------------------------
    dict(
        name="mobile_agent_company_policy_shield",
        description="agent shields behind the rules when asked to waive a fee",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "kestrel mobile dan speaking"),
            ("caller", "+0.8", "hi i've been charged a late fee but the payment was only a day late could you take it off"),
            ("agent", "+1.0", "i don't make the rules {avoid-phrase} the fee is added automatically"),
            ("caller", "+0.8", "right okay but could someone look at it"),
            ("agent", "+1.1", "i'll pass a note to the billing team to review it and they'll text you by friday"),
            ("caller", "+0.6", "okay thanks"),
        ],
    ),
    dict(
        name="insurance_agent_read_the_terms",
        description="agent tells the caller it was in the terms and they were supposed to report it sooner",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "shieldline insurance gareth speaking"),
            ("caller", "+0.8", "hi i'm ringing about a claim for a cracked windscreen from last month"),
            ("agent", "+1.0", "okay well you were supposed to {avoid-phrase} report it within fourteen days that's in the policy wording"),
            ("caller", "+0.8", "oh i didn't realise is there anything i can do"),
            ("agent", "+1.1", "i'll put it through as a late notification and ask the team to consider it"),
            ("caller", "+0.6", "okay thank you"),
        ],
    ),
    dict(
        name="energy_agent_youll_have_to",
        description="agent gives orders: you'll have to send it again",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "brightwatt energy ruth speaking"),
            ("caller", "+0.8", "hello i sent a meter photo last week but my bill still shows an estimate"),
            ("agent", "+1.0", "right well you'll have to {avoid-phrase} send the photo again through the app"),
            ("caller", "+0.8", "okay is there an email address instead"),
            ("agent", "+1.1", "yes it's readings at brightwatt dot co dot uk and i'll put a note on the account"),
            ("caller", "+0.6", "great thanks"),
        ],
    ),
    dict(
        name="broadband_agent_nothing_i_can_do",
        description="agent refuses flatly: nothing can be done about a speed drop",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "northlink broadband kyle speaking"),
            ("caller", "+0.8", "hi my speed has dropped to about ten megs and i'm paying for seventy"),
            ("agent", "+1.0", "yeah i'm afraid there's not a lot i can do {avoid-phrase} about that"),
            ("caller", "+0.8", "oh is there really nothing"),
            ("agent", "+1.1", "i'll run a line test and book a check if it shows a fault"),
            ("caller", "+0.6", "okay"),
        ],
    ),
    dict(
        name="parcel_agent_not_something_i_deal_with",
        description="agent passes the buck: not something they deal with",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.4, "swiftpost deliveries amy speaking"),
            ("caller", "+0.8", "hi i want to claim for a vase that arrived smashed"),
            ("agent", "+1.0", "oh that's not something i deal with {avoid-phrase} it's the claims lot"),
            ("caller", "+0.8", "okay can you put me through to them"),
            ("agent", "+1.0", "yes i'll transfer you now and i'll tell them what's happened first"),
            ("caller", "+0.6", "thank you"),
        ],
    ),
    dict(
        name="medical_agent_couldnt_tell_you",
        description="agent gives 'i couldn't tell you' as the whole answer, then later says 'i don't know why but i'll find out'",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "riverside surgery this is paula"),
            ("caller", "+0.8", "hi when will the flu jabs be available this year"),
            ("agent", "+1.0", "um i couldn't tell you {avoid-phrase}"),
            ("caller", "+0.8", "oh right and my repeat prescription hasn't gone to the chemist either"),
            ("agent", "+1.0", "ah i don't know why that happened but i'll find out and ring you back this afternoon"),
            ("caller", "+0.7", "okay thanks"),
        ],
    ),
    dict(
        name="bank_agent_no_clue",
        description="agent answers 'no idea' to a question about a charge",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "harbour bank kim speaking"),
            ("caller", "+0.8", "hi what's this two pound charge on my statement called service fee"),
            ("agent", "+1.0", "no clue {avoid-phrase} sorry"),
            ("caller", "+0.8", "okay could you check"),
            ("agent", "+1.0", "yes let me look at the account fees for you one moment"),
            ("caller", "+0.6", "thanks"),
        ],
    ),
    # -- boundary and clarify, new wording ---------------------------------------------------
    dict(
        name="broadband_are_you_deaf",
        description="caller asks whether the agent is deaf, after repeating the postcode",
        must_not=["escalation", "callback", "clarify", "avoid-phrase", "empathy"],
        lines=[
            ("agent", 0.5, "northlink broadband can i take your postcode please"),
            ("caller", "+0.8", "i've already said it b s six are you deaf {boundary} or something"),
            ("agent", "+1.1", "i'd like to help but i need us to keep this respectful could you give me the postcode once more"),
            ("caller", "+0.8", "b s six one r t"),
            ("agent", "+1.0", "thank you i've got your account up now"),
            ("caller", "+0.6", "okay"),
        ],
    ),
    dict(
        name="energy_swearing_at_agent",
        description="caller swears at the agent personally",
        must_not=["escalation", "callback", "clarify", "avoid-phrase", "empathy"],
        lines=[
            ("agent", 0.5, "brightwatt energy tom speaking"),
            ("caller", "+0.8", "you've cut my gas off you fucking {boundary} clown"),
            ("agent", "+1.1", "i want to help you get this back on but i need you not to swear at me"),
            ("caller", "+0.8", "fine just get it back on"),
            ("agent", "+1.0", "i'm checking now there's a safety lock i can lift remotely"),
            ("caller", "+0.6", "right"),
        ],
    ),
    dict(
        name="mobile_makes_no_sense_to_me",
        description="caller does not follow the bill explanation: that makes no sense to me",
        must_not=["avoid-phrase", "boundary", "escalation", "callback", "empathy"],
        lines=[
            ("agent", 0.5, "kestrel mobile this is ali"),
            ("caller", "+0.8", "hi my bill's higher than usual"),
            ("agent", "+1.0", "yes that's because the pro rata charge from the upgrade overlaps with your old plan for nine days"),
            ("caller", "+0.9", "sorry that makes no sense {clarify} to me"),
            ("agent", "+1.1", "of course so for nine days you paid for both phones and from next month it's just the new one"),
            ("caller", "+0.7", "oh okay got it"),
        ],
    ),
    dict(
        name="bank_completely_baffled",
        description="caller is baffled by a two-step verification explanation",
        must_not=["avoid-phrase", "boundary", "escalation", "callback", "empathy"],
        lines=[
            ("agent", 0.5, "harbour bank this is neil"),
            ("caller", "+0.8", "hi i can't log in to the app"),
            ("agent", "+1.0", "okay you need to approve the login on your registered device through the passkey prompt"),
            ("caller", "+0.9", "honestly i'm completely baffled {clarify} what's a passkey"),
            ("agent", "+1.1", "no problem it's the little pop up on your phone asking is this you you just tap yes"),
            ("caller", "+0.7", "oh that thing right"),
        ],
    ),
    # -- precision traps (no cue, or only the labelled one) ----------------------------------
    dict(
        name="parcel_calm_wrong_day_passed_test",
        description="calm caller booked the wrong day and mentions her nan passing her driving test",
        must_not=ALL_WORDS,
        lines=[
            ("agent", 0.4, "swiftpost deliveries this is jade"),
            ("caller", "+0.8", "hiya i think i picked the wrong day for my delivery could i move it to saturday"),
            ("agent", "+1.0", "of course saturday between eight and one is that okay"),
            ("caller", "+0.8", "perfect my nan passed her driving test so she'll be taking me out on friday"),
            ("agent", "+0.9", "oh lovely good for her all moved for you"),
            ("caller", "+0.6", "thanks again"),
        ],
    ),
    dict(
        name="insurance_quoted_insult_laughing",
        description="caller laughs about what her husband called the garage; then says she lost her card",
        must_not=ALL_WORDS,
        lines=[
            ("agent", 0.5, "shieldline insurance you're speaking to gareth"),
            ("caller", "+0.8", "hi the garage fixed the bumper and ha my husband called the mechanic an idiot for parking it in the hedge"),
            ("agent", "+1.0", "ha oh dear well i'm glad it's fixed"),
            ("caller", "+0.8", "also i lost my card so could you send the policy documents by post"),
            ("agent", "+1.0", "yes i'll post them today they'll be with you in two or three days"),
            ("caller", "+0.6", "lovely thanks"),
        ],
    ),
    dict(
        name="broadband_was_confused_now_clear",
        description="caller was confused at first but now understands; calls again only to add a detail",
        must_not=ALL_WORDS,
        lines=[
            ("agent", 0.5, "northlink broadband you're through to priya"),
            ("caller", "+0.8", "hi i'm calling again because i forgot to ask something earlier"),
            ("agent", "+1.0", "no problem what can i do for you"),
            ("caller", "+0.8", "i didn't understand the router lights at first but it's all clear now i just want to add my partner to the account"),
            ("agent", "+1.0", "easy i'll need her name and date of birth"),
            ("caller", "+0.6", "it's jo bell fourth of may ninety"),
            ("agent", "+1.0", "that's added she can call us about the account now"),
            ("caller", "+0.6", "great thanks"),
        ],
    ),
    dict(
        name="energy_agent_find_out_and_policy_to_refund",
        description="helpful agent: 'let me find out', 'it's our policy to refund', 'you won't have to do anything'",
        must_not=ALL_WORDS,
        lines=[
            ("agent", 0.5, "brightwatt energy megan speaking"),
            ("caller", "+0.8", "hi i was charged for a missed engineer visit but i was in all day"),
            ("agent", "+1.0", "oh sorry about that let me find out what the engineer recorded"),
            ("caller", "+0.7", "okay"),
            ("agent", "+1.1", "right they went to the wrong house so it's our policy to refund that straight away"),
            ("caller", "+0.7", "oh good so what do i need to do"),
            ("agent", "+1.0", "you won't have to do anything it'll be back on your account tomorrow"),
            ("caller", "+0.6", "brilliant thanks"),
        ],
    ),
    dict(
        name="mobile_calm_cancel_and_hospital_job",
        description="calm caller cancels a second line because she now works at the hospital with a work phone",
        must_not=ALL_WORDS,
        lines=[
            ("agent", 0.5, "kestrel mobile this is ben"),
            ("caller", "+0.8", "hi i'd like to cancel my second line please my daughter works in the hospital now and they've given her a phone"),
            ("agent", "+1.0", "no problem i can do that today is the number ending four two one"),
            ("caller", "+0.7", "yes that's the one"),
            ("agent", "+1.0", "that's cancelled from the end of this bill you'll get an email to confirm"),
            ("caller", "+0.6", "perfect thanks"),
        ],
    ),
    dict(
        name="parcel_swearing_at_printer",
        description="caller swears at her printer, not at the agent: empathy, never boundary",
        must_not=["boundary", "escalation", "callback", "clarify", "avoid-phrase"],
        lines=[
            ("agent", 0.4, "swiftpost returns this is amy"),
            ("caller", "+0.8", "hi i need a new returns label because this fucking printer {empathy} has eaten the last three"),
            ("agent", "+1.0", "oh printers are the worst i can send you a q r code instead you just show it at the post office"),
            ("caller", "+0.7", "oh that's better"),
            ("agent", "+1.0", "it's on its way to your email now"),
            ("caller", "+0.6", "thanks"),
        ],
    ),
    dict(
        name="bank_still_available_not_upset",
        description="calm caller asks if an offer is still available and says she's not upset about the delay",
        must_not=ALL_WORDS,
        lines=[
            ("agent", 0.5, "harbour bank owen speaking"),
            ("caller", "+0.8", "hi is the fixed rate saver still available i saw it last week"),
            ("agent", "+1.0", "yes it is it's four point one percent for a year"),
            ("caller", "+0.8", "great and the letter came a bit late but honestly i'm not bothered about that at all"),
            ("agent", "+1.0", "thanks for understanding i can open it for you now"),
            ("caller", "+0.6", "lovely"),
        ],
    ),
]
