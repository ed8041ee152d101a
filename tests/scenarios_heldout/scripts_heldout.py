"""HELD-OUT call scripts: calls the cue engine was never tuned on, to measure how it generalises.
Built by `python tests/scenarios/build_corpus.py --scripts scripts_heldout --out
tests/scenarios_heldout`; the line format, markers and window rules are those of
tests/scenarios/README.md. Never tune the engine on these calls: once a miss here is fixed by
looking at it, the set stops being held out.

The calls are written apart from the engine (its code, profiles and tests were not read) and apart
from the main corpus's wording: other products (pharmacy, rail, council tax, car and pet
insurance, holidays, streaming, water, student loans), other accents of upset (sarcasm, quiet
resignation, a threat to leave, tears), more fillers and stutters, and a few Vosk-style slips on
ordinary words ("counsel tax", "anti biotic", "in sulin", "re pay").

Labelling decisions made here, on top of the corpus's (the engine is scored against them):
- A threat to leave ("i'm taking my business elsewhere") is an upset moment: empathy, not
  escalation. Sarcasm ("oh brilliant so she goes another weekend without…") and quiet
  resignation ("i've kind of given up expecting…") are empathy too.
- "i don't know why that happened but i'll find out" is the RECOMMENDED alternative to a bare
  "I don't know", so it is NOT an avoid-phrase. "i couldn't tell you" given as the answer is.
- "you need to calm down" is an order: avoid-phrase. "there's nothing i can do" is a flat refusal.
- The agent saying "no" to "is there a fee?" / "is there a charge?" is a polite answer, not a
  refusal. "you don't need to be in", "yes you should get the discount" are not orders.
- "i'm on the motorway" and "i can't really talk right now" are callback; "i was driving to work
  on tuesday", "i was really busy with exams" and "i'm working from home all week" are not.
- A caller quoting someone else's rudeness ("he said mum are you stupid") is not boundary. An
  agent reporting a caller's abuse to a team leader ("he called me a stupid useless cow") fires
  nothing: boundary and escalation are the caller's words, and reporting is not an avoid-phrase.
- A request to have a decision looked at "by somebody higher up" is escalation; the agent's own
  "i'll refer it to my senior" is not.
"""

# One utterance per line reads like a call transcript, so lines stay long and unformatted.
# ruff: noqa: E501
# fmt: off

EVERYTHING = ["empathy", "avoid-phrase", "callback", "boundary", "escalation", "clarify",
              "monologue", "pace", "dead-air", "interruption", "pause"]
CALLER_CUES = ["empathy", "callback", "boundary", "escalation", "clarify"]
CALLER_SIDE = [*CALLER_CUES, "dead-air", "interruption", "pause"]
NOT_UPSET = ["avoid-phrase", "boundary", "escalation", "callback", "clarify", "pause"]

WORD_CUES = [
    dict(
        name="pharmacy_insulin_sarcasm",
        description="mum's insulin pens on back order again: the caller's upset comes out as sarcasm",
        must_not=NOT_UPSET,
        lines=[
            ("agent", 0.5, "greenleaf pharmacy you're through to dan"),
            ("caller", "+0.8", "hi yeah i'm ringing about my mum's repeat prescription her in sulin pens"),
            ("agent", "+0.9", "okay can i take her date of birth please"),
            ("caller", "+0.7", "second of june nineteen forty one"),
            ("agent", "+1.0", "thank you right i'm afraid the pens are still on back order from the wholesaler"),
            ("caller", "+0.8", "oh brilliant that's just brilliant so she goes another weekend without her insulin {empathy} great service as always"),
            ("agent", "+1.0", "i'm really sorry that's a real worry let me ring our other branch in town they may have some"),
            ("caller", "+0.7", "go on then"),
            ("agent", "+1.2", "good news they've got three pens and they'll hold them for you until six tonight"),
            ("caller", "+0.7", "right okay thank you"),
        ],
    ),
    dict(
        name="holiday_cancelled_flight_tears",
        description="flight for dad's seventieth cancelled: the caller breaks down, agent rebooks",
        must_not=NOT_UPSET,
        lines=[
            ("agent", 0.5, "sunway holidays this is marta how can i help"),
            ("caller", "+0.9", "hi um our flight to crete on saturday's been cancelled and it's it's for my dad's seventieth"),
            ("agent", "+1.0", "oh no okay let me pull up the booking what's the reference"),
            ("caller", "+0.8", "s w four four nine two"),
            ("agent", "+1.1", "thank you i can see the cancellation the next flight we have is tuesday"),
            ("caller", "+1.4", "sorry i'm i'm sorry i just it's been the worst week {empathy} he's not well and this was meant to be his last trip", 2.0),
            ("agent", "+1.2", "please don't apologise take your time i'm going to do everything i can to get you there"),
            ("caller", "+1.0", "thank you sorry"),
            ("agent", "+1.0", "there's a flight from bristol on saturday evening with four seats and i can move you all onto it at no extra cost"),
            ("caller", "+0.8", "oh that would be amazing yes please"),
        ],
    ),
    dict(
        name="student_loan_quiet_resignation",
        description="double deductions for the third month: the caller has quietly given up",
        must_not=NOT_UPSET,
        lines=[
            ("agent", 0.5, "student finance repayments it's owen speaking"),
            ("caller", "+0.8", "hi i think i've been charged twice for my student loan this month"),
            ("agent", "+1.0", "okay let's have a look can i take your customer reference number"),
            ("caller", "+0.8", "it's uh seven three one one eight two zero"),
            ("agent", "+1.1", "thanks yes i can see a deduction from your salary and a direct debit in the same month"),
            ("caller", "+1.0", "yeah it did that in march and april as well i've kind of given up {empathy} expecting it to get fixed i just pay it", 2.1),
            ("agent", "+1.0", "i'm sorry it's worn you down like that it shouldn't be this hard i'm stopping the direct debit and refunding the double payments now"),
            ("caller", "+0.8", "oh okay right thanks"),
        ],
    ),
    dict(
        name="car_insurance_threat_to_leave",
        description="renewal up by three hundred pounds: loyal caller threatens to take their business elsewhere",
        must_not=NOT_UPSET,
        lines=[
            ("agent", 0.5, "shieldline car insurance renewals this is gary"),
            ("caller", "+0.8", "hi my renewal's come through and it's gone up from four hundred to seven hundred and twenty pounds"),
            ("agent", "+1.0", "let me have a look for you could you confirm your registration"),
            ("caller", "+0.8", "y k one nine b x r"),
            ("agent", "+1.1", "thanks so the increase is mostly down to repair costs going up across the market"),
            ("caller", "+0.9", "honestly if that's the best you can do i'm taking my business elsewhere {empathy} seven years i've been with you"),
            ("agent", "+1.0", "i completely understand that's a big jump let me see what discounts i can apply before you decide"),
            ("caller", "+0.7", "go on"),
            ("agent", "+1.2", "i can bring it down to five hundred and sixty with your loyalty discount and the black box option"),
            ("caller", "+0.8", "mm that's more like it okay"),
        ],
    ),
    dict(
        name="water_agent_says_calm_down",
        description="no water with a newborn: the caller is at her wits' end and the agent orders her to calm down",
        must_not=["boundary", "escalation", "callback", "clarify", "pause"],
        lines=[
            ("agent", 0.5, "severn valley water this is kieran"),
            ("caller", "+0.8", "hi we've had no water since six this morning and i'm at my wits end {empathy} i've got a newborn"),
            ("agent", "+0.9", "okay you need to calm down {avoid-phrase} and give me your postcode"),
            ("caller", "+0.8", "i am calm i just need water it's g l two four d p"),
            ("agent", "+1.0", "sorry there's a burst main on your road we're delivering bottled water to priority households and i'll add you to that list now"),
            ("caller", "+0.7", "thank you"),
        ],
    ),
    dict(
        name="rail_agent_dont_make_the_rules",
        description="advance ticket on the wrong day: the agent hides behind the rules",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "crossline rail ticket office this is bev"),
            ("caller", "+0.8", "hi i bought an advance ticket for the wrong day can i move it to tomorrow"),
            ("agent", "+1.0", "advance tickets can be changed for a ten pound admin fee plus any difference in fare"),
            ("caller", "+0.8", "ten pounds just to change the date that seems quite a lot"),
            ("agent", "+0.9", "well i don't make the rules {avoid-phrase} that's just how advance fares work"),
            ("caller", "+0.8", "okay fair enough do it then"),
            ("agent", "+1.0", "done your new ticket's for the ten fifteen tomorrow same seat number"),
            ("caller", "+0.6", "thanks"),
        ],
    ),
    dict(
        name="council_tax_agent_you_were_supposed_to",
        description="summons for a flat the caller left in march: the agent blames the caller",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "westbury council revenues team it's sandra"),
            ("caller", "+0.8", "hello i've got a summons for counsel tax but i moved out of that flat in march"),
            ("agent", "+1.0", "okay let me find the account what's the address"),
            ("caller", "+0.7", "flat two twenty nine kingsley road"),
            ("agent", "+1.1", "right we've got nothing saying you moved out you were supposed to {avoid-phrase} let us know within twenty one days"),
            ("caller", "+0.9", "i did tell you i filled in the form online"),
            ("agent", "+1.0", "okay if you've got the confirmation email i'll put the summons on hold while we check"),
            ("caller", "+0.7", "yes i'll forward it now"),
        ],
    ),
    dict(
        name="streaming_agent_couldnt_tell_you",
        description="subscription price rise: the agent answers why with a bare 'couldn't tell you'",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "flixa support this is ryan"),
            ("caller", "+0.8", "hi my subscription's gone up by three pounds and i didn't get an email about it"),
            ("agent", "+1.0", "okay i can see the new price started this month"),
            ("caller", "+0.7", "why did it go up though"),
            ("agent", "+0.9", "honestly i couldn't tell you {avoid-phrase} sorry"),
            ("caller", "+0.8", "right and can i go back to the old plan"),
            ("agent", "+1.0", "you can switch to the basic plan with adverts which is cheaper than before"),
            ("caller", "+0.7", "okay i'll think about it thanks"),
        ],
    ),
    dict(
        name="pet_insurance_caller_on_motorway",
        description="agent returns a claim call; the caller is on the motorway on hands-free",
        must_not=["empathy", "avoid-phrase", "boundary", "escalation", "clarify"],
        lines=[
            ("agent", 0.5, "hi it's lucy from pawcover pet insurance returning your call about the claim for bella"),
            ("caller", "+0.8", "oh hiya yeah um i'm on the motorway {callback} at the minute you're on the hands free"),
            ("agent", "+0.9", "no problem at all shall i ring you back this afternoon"),
            ("caller", "+0.7", "yeah after four would be perfect ta"),
            ("agent", "+0.9", "lovely i'll call you after four speak then"),
        ],
    ),
    dict(
        name="holiday_caller_cant_talk_at_work",
        description="agent rings about a booking; the caller can't talk on the shop floor",
        must_not=["empathy", "avoid-phrase", "boundary", "escalation", "clarify"],
        lines=[
            ("agent", 0.5, "hello it's jordan from sunway holidays i'm calling about your booking to lanzarote"),
            ("caller", "+0.8", "oh hi um i can't really talk {callback} right now i'm on the shop floor"),
            ("agent", "+0.9", "of course what time suits you better"),
            ("caller", "+0.7", "after half five please"),
            ("agent", "+0.9", "no worries i'll try you then bye"),
        ],
    ),
    dict(
        name="council_tax_caller_are_you_deaf",
        description="payment applied to the wrong year: asked to repeat a number, the caller insults the agent",
        must_not=["empathy", "avoid-phrase", "escalation", "callback", "clarify", "pause"],
        lines=[
            ("agent", 0.5, "westbury council it's priya how can i help"),
            ("caller", "+0.8", "hi i think there's a mistake i've paid my council tax in full but i've had another bill"),
            ("agent", "+1.0", "okay could you give me the account number"),
            ("caller", "+0.7", "i've just typed it into the automated thing"),
            ("agent", "+1.0", "i'm sorry it doesn't come through to me could you read it out again"),
            ("caller", "+0.8", "are you deaf {boundary} or just plain thick it's four four one zero nine"),
            ("agent", "+1.0", "i'm happy to help but i won't be spoken to like that thank you four four one zero nine"),
            ("caller", "+0.8", "fine whatever"),
            ("agent", "+1.0", "i can see your payment it went to last year's account i've moved it and cancelled the bill"),
            ("caller", "+0.6", "right"),
        ],
    ),
    dict(
        name="streaming_abuse_after_boundary",
        description="cancelled account charged again: the caller calls the agent a moron, then carries on after the boundary",
        must_not=["empathy", "avoid-phrase", "callback", "clarify", "pause"],
        lines=[
            ("agent", 0.5, "flixa support it's amir"),
            ("caller", "+0.8", "hi i cancelled my account last month but i've been charged again"),
            ("agent", "+1.0", "let me check that for you can i have the email on the account"),
            ("caller", "+0.7", "it's dave eighty one at mailbox dot com"),
            ("agent", "+1.2", "thanks it looks like the cancellation didn't go through"),
            ("caller", "+0.8", "course it didn't you useless moron {boundary} i told you lot i'd cancelled"),
            ("agent", "+1.0", "i want to sort this out for you but please don't call me names"),
            ("caller", "+0.8", "i'll call you what i like you brainless idiot {boundary-warning}"),
            ("agent", "+1.0", "if that carries on i'll have to end the call i'm refunding last month's payment now"),
            ("caller", "+0.8", "yeah well about time"),
        ],
    ),
    dict(
        name="rail_refund_team_leader",
        description="delay refund stuck for six weeks: the caller calmly asks for a team leader",
        must_not=["empathy", "avoid-phrase", "boundary", "callback", "clarify"],
        lines=[
            ("agent", 0.5, "crossline rail customer relations it's tom"),
            ("caller", "+0.8", "hi i'm chasing a delay re pay claim from six weeks ago the train was two hours late"),
            ("agent", "+1.0", "okay let me look it up what's the claim number"),
            ("caller", "+0.7", "d r five five eight one"),
            ("agent", "+1.1", "i can see it it's still in the queue for review"),
            ("caller", "+0.8", "right could i speak to your team leader {escalation} please"),
            ("agent", "+1.0", "of course i'll transfer you now bear with me"),
            ("caller", "+0.6", "thanks"),
        ],
    ),
    dict(
        name="water_bill_somebody_higher_up",
        description="bill doubled for a leak the caller disputes: wants it looked at by somebody higher up",
        must_not=["empathy", "avoid-phrase", "boundary", "callback", "clarify"],
        lines=[
            ("agent", 0.5, "severn valley water billing it's nadia"),
            ("caller", "+0.8", "hello my water bill's doubled and your colleague said it's because of a leak on my side"),
            ("agent", "+1.0", "yes the meter shows water flowing all night which usually means a leak"),
            ("caller", "+0.8", "there is no leak we had a plumber out i want this looked at by somebody higher {escalation} up than you"),
            ("agent", "+1.0", "that's fine i'll refer it to my senior and they'll call you tomorrow"),
            ("caller", "+0.7", "okay thank you"),
        ],
    ),
    dict(
        name="student_loan_not_following",
        description="plan two repayments explained in jargon: the caller isn't following",
        must_not=["empathy", "avoid-phrase", "boundary", "escalation", "callback"],
        lines=[
            ("agent", 0.5, "student finance it's claire"),
            ("caller", "+0.8", "hi i've got a letter saying i'm on plan two and i wanted to know what i'll actually pay"),
            ("agent", "+1.0", "so on plan two you repay nine percent of everything above the threshold and interest is r p i plus up to three percent"),
            ("caller", "+0.9", "um sorry i'm not following {clarify} any of that what does it mean in pounds"),
            ("agent", "+1.0", "sorry let me put it simply if you earn thirty thousand a year you'd pay about thirty pounds a month"),
            ("caller", "+0.8", "oh okay that's not too bad"),
        ],
    ),
    dict(
        name="pharmacy_muddled_about_doses",
        description="elderly caller gets muddled over which tablets to take when",
        must_not=["empathy", "avoid-phrase", "boundary", "escalation", "callback"],
        lines=[
            ("agent", 0.5, "greenleaf pharmacy it's mo"),
            ("caller", "+0.8", "hello dear i've got my new tablets but the label says something different from what the doctor told me"),
            ("agent", "+1.0", "okay the label says one tablet twice daily with food and the anti biotic course runs for seven days"),
            ("caller", "+0.9", "oh i'm getting all muddled {clarify} now is it the white ones or the little yellow ones"),
            ("agent", "+1.0", "sorry that wasn't clear the white ones are the antibiotic one in the morning and one at night"),
            ("caller", "+0.8", "right white ones morning and night thank you love"),
        ],
    ),
]

TIMING_CUES = [
    dict(
        name="holiday_agent_monologue_cancellation",
        description="agent explains every cancellation band in one 40 s turn; the caller stays silent",
        must_not=["pace", "interruption", "dead-air", "avoid-phrase", "empathy", "clarify"],
        lines=[
            ("agent", 0.5, "sunway holidays it's fatima how can i help"),
            ("caller", "+0.8", "hi we might need to cancel our cruise in may what would we lose"),
            ("agent", "+1.0", "{monologue} right so it depends how close to departure you cancel more than ninety days before you just lose the deposit", 2.3),
            ("agent", "+0.4", "between ninety and sixty days it's half the total price and between sixty and thirty days it's seventy five percent", 2.3),
            ("agent", "+0.4", "inside thirty days it's the full amount unless your travel insurance covers the reason for cancelling", 2.3),
            ("agent", "+0.4", "and the other option is moving the cruise to a later date which we can do once for fifty pounds per person", 2.3),
            ("caller", "+0.8", "okay moving it sounds better i'll talk to my wife and ring back"),
        ],
    ),
    dict(
        name="car_insurance_agent_races_renewal_terms",
        description="agent reads the renewal's important information at about 220 words/min for 23 s",
        must_not=["monologue", "interruption", "dead-air", "avoid-phrase", "empathy", "clarify"],
        lines=[
            ("agent", 0.5, "shieldline car insurance it's oscar"),
            ("caller", "+0.8", "hi i'm happy with the renewal price so i'd like to go ahead"),
            ("agent", "+0.9", "great i just need to read you the important information first"),
            ("caller", "+0.6", "sure"),
            ("agent", "+0.8", "{pace} your policy is comprehensive with a compulsory excess of two hundred and fifty pounds and a voluntary excess of one hundred pounds and windscreen claims have an excess of seventy five", 3.7),
            ("agent", "+0.4", "a courtesy car is provided only while your car is at an approved garage and cover abroad is limited to ninety days in any one year", 3.7),
            ("agent", "+0.4", "please tell us about any change of driver address or modification or a claim may be refused is all of that okay", 3.7),
            ("caller", "+0.9", "um yeah i think so"),
            ("agent", "+0.9", "thank you you're renewed from the fourteenth and your documents are in your online account"),
            ("caller", "+0.6", "cheers"),
        ],
    ),
    dict(
        name="council_tax_dead_air_recalculation",
        description="agent recalculates a single person discount in silence for 12.5 s; caller waits",
        must_not=["monologue", "pace", "interruption", "pause", "empathy", "avoid-phrase"],
        lines=[
            ("agent", 0.5, "westbury council revenues it's jamal"),
            ("caller", "+0.8", "hi my partner's moved out so i think i should get the single person discount"),
            ("agent", "+1.0", "yes you should let me recalculate the bill it might take a moment"),
            ("caller", "+0.6", "okay"),
            ("agent", "+12.5", "{dead-air} sorry for the silence there your new bill is one hundred and four pounds a month from june"),
            ("caller", "+0.8", "oh that's a nice surprise thank you"),
        ],
    ),
    dict(
        name="rail_agent_talks_over_assistance_booking",
        description="agent repeats the journey 1.3 s before the calm caller has finished giving the train time",
        must_not=["pause", "empathy", "boundary", "avoid-phrase"],
        lines=[
            ("agent", 0.5, "crossline rail assisted travel it's gemma"),
            ("caller", "+0.9", "hello i'd like to book assistance for my mother she uses a wheelchair and she's going from derby to sheffield next thursday on the ten past nine"),
            ("agent", "-1.3", "{interruption} right derby to sheffield thursday"),
            ("caller", "+0.7", "on the ten past nine yes"),
            ("agent", "+1.0", "sorry i jumped in there i've booked staff to meet her at the ticket office at twenty to nine"),
            ("caller", "+0.7", "lovely thank you"),
        ],
    ),
    dict(
        name="pet_insurance_quick_reply_to_grief",
        description="dog put to sleep yesterday: agent asks for the policy number 0.15 s after the caller stops",
        must_not=["avoid-phrase", "boundary", "escalation", "callback", "clarify", "interruption"],
        lines=[
            ("agent", 0.5, "pawcover pet insurance it's will"),
            ("caller", "+1.0", "hi um we had to have our dog put to sleep {empathy} yesterday so i need to cancel his policy", 2.2),
            ("agent", "+0.15", "{pause} right can i take the policy number"),
            ("caller", "+1.2", "it's p c eight eight two one"),
            ("agent", "+1.0", "thank you i'm sorry for your loss i've cancelled it and refunded the rest of this month"),
            ("caller", "+0.8", "thanks"),
        ],
    ),
]

CONTROLS = [
    dict(
        name="pharmacy_no_fee_polite_no",
        description="is there a fee for delivery: the agent's no is a polite answer, not a refusal",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "greenleaf pharmacy it's sam"),
            ("caller", "+0.8", "hi can you deliver my dad's prescription is there a fee for that"),
            ("agent", "+0.9", "no there isn't delivery is free for over sixties"),
            ("caller", "+0.7", "oh great and does somebody need to be in when it comes"),
            ("agent", "+0.9", "no you don't need to be in they can leave it with a neighbour if you sign the form"),
            ("caller", "+0.7", "and can it be tuesday"),
            ("agent", "+0.9", "no problem tuesday it is"),
            ("caller", "+0.6", "thanks very much"),
        ],
    ),
    dict(
        name="holiday_dont_know_but_will_find_out",
        description="double deposit: the agent says I don't know why but I'll find out (the recommended phrasing)",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "sunway holidays it's kate"),
            ("caller", "+0.8", "hi i've been charged twice for the deposit on our villa in the algarve"),
            ("agent", "+1.0", "let me have a look yes i can see two deposits of two hundred pounds"),
            ("caller", "+0.7", "how did that happen"),
            ("agent", "+0.9", "i don't know why that happened but i'll find out and i'm refunding the second one now"),
            ("caller", "+0.8", "okay thanks will you let me know"),
            ("agent", "+0.9", "yes i'll email you once i've heard back from the payments team"),
            ("caller", "+0.6", "great cheers"),
        ],
    ),
    dict(
        name="car_insurance_windscreen_drove_past_tense",
        description="windscreen chip: the caller was driving on tuesday and works from home all week (not callback)",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "shieldline car insurance claims it's ben"),
            ("caller", "+0.8", "hi i was driving to work on tuesday and a stone cracked my windscreen"),
            ("agent", "+1.0", "okay that's covered under your glass cover is the crack longer than a coin"),
            ("caller", "+0.7", "yeah it's about the length of a pen i drove home really carefully"),
            ("agent", "+0.9", "fine i'll book a replacement can they come to your home address"),
            ("caller", "+0.7", "yes i'm working from home all week so any day's good"),
            ("agent", "+0.9", "they'll be there on thursday between eight and twelve"),
            ("caller", "+0.6", "perfect thanks"),
        ],
    ),
    dict(
        name="streaming_caller_quotes_her_son",
        description="subtitles: the caller laughingly quotes her son calling her stupid (not boundary)",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "flixa support it's jess"),
            ("caller", "+0.8", "hiya this is a bit embarrassing my son set up the telly and i can't find the subtitles"),
            ("agent", "+1.0", "no worries at all which device are you watching on"),
            ("caller", "+0.8", "the tv stick thing he laughed at me and said mum are you stupid it's the little speech bubble"),
            ("agent", "+1.0", "ha he's right actually press down while the film's playing and choose the speech bubble"),
            ("caller", "+0.8", "oh there it is cheeky so and so he'll never let me forget it"),
            ("agent", "+0.9", "you're all set enjoy the film"),
            ("caller", "+0.6", "thanks love bye"),
        ],
    ),
    dict(
        name="council_tax_agent_reports_abuse",
        description="internal call: the agent reports a caller's abuse to her team leader, quoting it",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "hi marcus it's sandra on revenues have you got a minute"),
            ("caller", "+0.8", "yeah go ahead"),
            ("agent", "+0.9", "i need to log the call i just had the man called me a stupid useless cow and told me to shut up"),
            ("caller", "+0.8", "right thanks for telling me are you alright"),
            ("agent", "+0.9", "yeah i'm okay he also said he wanted my manager and i said you'd ring him back"),
            ("caller", "+0.8", "fine i'll call him this afternoon and put a marker on the account"),
            ("agent", "+0.9", "thanks i've written it all up in the notes"),
            ("caller", "+0.6", "good stuff take five minutes if you need it"),
        ],
    ),
    dict(
        name="water_moving_house_polite_negatives",
        description="moving house: caller asks what do I need to do; agent answers no charge, not necessarily",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "severn valley water it's ian how can i help"),
            ("caller", "+0.8", "hi we're moving house next month what do i need to do about the water"),
            ("agent", "+1.0", "nothing complicated just give us the date you move and a meter reading on the day"),
            ("caller", "+0.7", "is there a charge for closing the account"),
            ("agent", "+0.9", "no none at all and any credit comes back to you"),
            ("caller", "+0.7", "and do i have to be there when you read it"),
            ("agent", "+0.9", "not necessarily you can read it yourself and text it to us"),
            ("caller", "+0.6", "lovely that's easy thanks"),
        ],
    ),
    dict(
        name="rail_calm_quick_reply_and_mhm",
        description="booking returns: a quick reply to a calm caller, and the caller's mhm over the agent",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "crossline rail bookings it's ade"),
            ("caller", "+0.8", "hi i'd like two returns from york to leeds on saturday"),
            ("agent", "+1.0", "sure have you got any railcards"),
            ("caller", "+0.6", "yes a two together"),
            ("agent", "+0.15", "{!pause} lovely that's twenty one pounds forty for both of you"),
            ("caller", "+0.7", "perfect"),
            ("agent", "+1.0", "so you'll collect them from the machine at york with the card you pay with and the reference i'm texting you now"),
            ("caller", "-1.8", "mhm"),
            ("agent", "+2.2", "and the return's valid for a month"),
            ("caller", "+0.7", "great thanks very much"),
        ],
    ),
    dict(
        name="student_loan_busy_and_manager_past",
        description="missed email while busy with exams, a line manager's letter, a letter not understood at first",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "student finance it's lewis"),
            ("caller", "+0.8", "hi i missed your email last month because i was really busy with exams sorry"),
            ("agent", "+1.0", "that's alright what was it about"),
            ("caller", "+0.7", "it was asking for proof of my income and my line manager at the cafe has written a letter"),
            ("agent", "+1.0", "great you can upload that in your online account under documents"),
            ("caller", "+0.7", "i didn't understand the letter at first but my flatmate explained it so i think i'm fine"),
            ("agent", "+0.9", "brilliant once it's uploaded it takes about a week to check"),
            ("caller", "+0.6", "cool thanks"),
        ],
    ),
    dict(
        name="pet_insurance_puppy_quote",
        description="puppy quote: the caller doesn't know the weight; no fee, no excess surprises",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "pawcover pet insurance it's hannah"),
            ("caller", "+0.8", "hi i'd like a quote for my new puppy she's a cockapoo"),
            ("agent", "+1.0", "lovely how old is she and roughly how much does she weigh"),
            ("caller", "+0.7", "she's twelve weeks and i don't know her exact weight maybe four kilos"),
            ("agent", "+1.0", "that's close enough lifetime cover would be eighteen pounds a month"),
            ("caller", "+0.7", "and is there an excess"),
            ("agent", "+0.9", "yes it's a hundred pounds per condition per year"),
            ("caller", "+0.6", "okay and no fee to cancel"),
            ("agent", "+0.9", "no fee within the first fourteen days"),
            ("caller", "+0.6", "great let's do it"),
        ],
    ),
]

MIC_ONLY = [
    dict(
        name="mic_only_pharmacy_agent_echoes",
        description="mic-only call: the agent repeats the caller's motorway, upset and area manager; says no fee and I'll find out",
        channels=["agent"],
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "greenleaf pharmacy it's rachel"),
            ("agent", "+9.0", "oh you're on the motorway right now okay i'll be quick"),
            ("agent", "+8.0", "i'm sorry you've been messed about it's really not fair on you"),
            ("agent", "+9.0", "you'd like to complain to the area manager okay i'll give you the number"),
            ("agent", "+8.0", "no there's no charge for the delivery"),
            ("agent", "+9.0", "i don't know the exact time but i'll find out and text you"),
            ("agent", "+7.0", "thanks for bearing with us bye now"),
        ],
    ),
    dict(
        name="mic_only_streaming_nothing_i_can_do",
        description="mic-only call: refund for unused months; the agent refuses flatly once, then offers what she can do",
        channels=["agent"],
        must_not=[*CALLER_SIDE, "monologue", "pace"],
        lines=[
            ("agent", 0.5, "flixa support it's connie"),
            ("agent", "+10.0", "okay so you'd like a refund for the months you didn't use"),
            ("agent", "+9.0", "there's nothing i can do {avoid-phrase} about past months i'm afraid"),
            ("agent", "+11.0", "what i can do is cancel it today so you're not charged again"),
            ("agent", "+9.0", "done you'll get a confirmation email in a few minutes"),
        ],
    ),
]

SCENARIOS = [*WORD_CUES, *TIMING_CUES, *CONTROLS, *MIC_ONLY]
