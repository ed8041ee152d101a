# ruff: noqa: E501
# fmt: off
"""Blind corpus C, dev half: telecoms, broadband, mobile, streaming and tech support calls.

Odd-numbered calls of the set (1, 3, 5, ...). Voices: young callers with slang, non-native
speakers, a gamer, a remote worker. Text is written the way Vosk writes it (lowercase, numbers
as words, fillers, the odd recognition slip). `must_not` is every kind not marked in the call.
"""

import re

KINDS = (
    "empathy", "safeguarding", "boundary", "boundary-warning", "boundary-end", "escalation",
    "callback", "clarify", "avoid-phrase", "pace", "monologue", "dead-air", "interruption", "pause",
)


def call(name, description, lines):
    marked = set(re.findall(r"\{([a-z-]+)\}", " ".join(line[2] for line in lines)))
    return dict(
        name=name,
        description=description,
        must_not=[k for k in KINDS if k not in marked],
        lines=lines,
    )


SCENARIOS = [
    # 1: hardship (made redundant), then the caller says the family would be better off without them
    call(
        "c_broadband_arrears_better_off_without_me",
        "broadband arrears: caller was made redundant, later says the family would be better off without them",
        [
            ("agent", 0.5, "hello you're through to bright wave broadband my name's priya how can i help today"),
            ("caller", "+0.9", "hi yeah um i got a letter saying you're gonna cut off my internet cos i'm behind on the bill"),
            ("agent", "+1.0", "okay let me pull up the account for you can i take your postcode please"),
            ("caller", "+0.8", "yeah it's l s nine four d q"),
            ("agent", "+1.0", "thank you i can see there's about a hundred and sixty pounds outstanding from the last two months"),
            ("caller", "+0.9", "yeah i know i got laid off {empathy} in march and there's just nothing coming in at the moment"),
            ("agent", "+1.0", "i'm really sorry that's a really hard position to be in we do have a scheme that can pause the payments for a bit"),
            ("caller", "+1.2", "honestly i'm so tired of all of it my family would be better off without me {safeguarding} they really would"),
            ("agent", "+1.2", "thank you for telling me that i'm really glad you did are you safe right now"),
            ("caller", "+1.1", "i dunno i'm at home on my own"),
            ("agent", "+1.0", "okay i'm going to stay on the line with you and i'd like to give you the number for the samaritans it's free on one one six one two three"),
            ("caller", "+1.0", "yeah okay"),
            ("agent", "+0.9", "and don't worry about the bill at all today i've put a hold on so nothing will be cut off"),
            ("caller", "+0.8", "okay thanks"),
        ],
    ),
    # 3: frustrated about missed engineer visits, then threatens violence at the depot
    call(
        "c_fibre_engineer_no_show_threat",
        "fibre install: fourth missed engineer visit, caller says someone will get hurt at the depot",
        [
            ("agent", 0.5, "thanks for calling zen fiber you're speaking with holly"),
            ("caller", "+0.8", "yeah this is the fourth time i've had an engineer booked and nobody's turned up {empathy} i've took four days off work for this"),
            ("agent", "+1.0", "i'm really sorry about that let me look at what happened each time"),
            ("caller", "+0.8", "go on then"),
            ("agent", "+1.0", "okay so i can see the last visit was cancelled because the engineer couldn't get access to the pole"),
            ("caller", "+0.9", "that's rubbish their was nothing blocking the pole nothing"),
            ("agent", "+1.0", "i hear you i can rebook it for thursday morning as the first job of the day"),
            ("caller", "+1.0", "no listen if nobody comes on thursday i'm gonna go down your depot and i swear someone's getting hurt {safeguarding} i'm not even joking"),
            ("agent", "+1.2", "i can hear how angry you are but i do need to take that seriously i can't have anyone put at risk"),
            ("caller", "+1.0", "yeah well maybe then you'll actually listen"),
            ("agent", "+1.0", "i am listening i'm marking thursday as a priority and my team leader will ring you tomorrow to confirm it"),
            ("caller", "+1.0", "fine whatever"),
        ],
    ),
    # 5: landline fault call; mid-call the caller has chest pain right now
    call(
        "c_landline_crackle_chest_tight",
        "landline fault: during a line test the caller's chest goes tight and she can't breathe",
        [
            ("agent", 0.5, "good morning you're through to northway telecom faults this is sam"),
            ("caller", "+1.0", "morning love it's about my landline there's a horrible crackle on it every time i pick it up", 2.2),
            ("agent", "+1.0", "oh that's annoying let me run a line test for you it'll take about a minute"),
            ("caller", "+0.9", "right you are"),
            ("agent", "+1.0", "while that runs can i just confirm the number ending four four seven one"),
            ("caller", "+1.0", "that's it yes", 2.2),
            ("caller", "+2.0", "oh sorry love give me a second i've gone all funny my chest is really tight {safeguarding} and i can't get my breath", 2.2),
            ("agent", "+1.0", "okay can you put the phone down and call nine nine nine straight away or can i call them for you"),
            ("caller", "+1.0", "i can't i can't breathe properly", 2.0),
            ("agent", "+1.0", "stay on the line i'm calling an ambulance to your address now is your front door unlocked"),
            ("caller", "+1.0", "my neighbour's got a key", 2.0),
            ("agent", "+1.0", "okay they're on their way keep the line open and sit down somewhere comfy"),
        ],
    ),
    # 7: calm gamer, figures of speech only (killing me, nearly died laughing), no cue
    call(
        "c_gamer_ping_powerline_calm",
        "gamer with high evening ping; 'killing me' and 'nearly died laughing' are figures of speech; no cue",
        [
            ("agent", 0.5, "hey thanks for calling pulse broadband tech support i'm jordan what can i do for you"),
            ("caller", "+0.7", "yo so basically my ping's been like two hundred every night and it's lowkey killing me in ranked", 3.0),
            ("agent", "+1.0", "ah that's no good what time does it usually start"),
            ("caller", "+0.8", "like eight ish when everyone's home streaming i guess", 3.0),
            ("agent", "+1.0", "okay and are you on wifi or plugged in with a cable"),
            ("caller", "+0.8", "wifi my pc's upstairs i know i know", 3.0),
            ("agent", "+1.0", "no worries loads of people are on wifi i'd try a power line adapter it uses the wiring in your house"),
            ("caller", "+0.9", "oh that's sick my mate's got one of them he nearly died laughing when i told him i was still on wifi", 3.0),
            ("agent", "+1.0", "ha well i can send you one free it's included with your package"),
            ("caller", "+0.8", "no way for real okay send it", 3.0),
            ("agent", "+1.0", "done it'll be with you thursday and if the ping's still high after that give us a shout"),
            ("caller", "+0.8", "safe cheers man", 3.0),
        ],
    ),
    # 9: calm e-sim move, a past operation told calmly, "murder a cup of tea", helpful "you should see"
    call(
        "c_esim_move_murder_cup_of_tea_calm",
        "e-sim transfer: past hip operation told calmly, 'could murder a cup of tea', agent 'no problem'; no cue",
        [
            ("agent", 0.5, "good morning you're through to kestrel mobile my name's owen"),
            ("caller", "+0.9", "morning owen i'm trying to move my number onto one of these e sims on my new phone"),
            ("agent", "+1.0", "no problem at all i can send you a q r code by email for you to scan"),
            ("caller", "+0.9", "lovely i had a go back in january but i was laid up after my hip op then anyway that's all healed now"),
            ("agent", "+1.0", "glad to hear it right i've sent the email now can you see it"),
            ("caller", "+1.5", "hang on yes there it is"),
            ("agent", "+1.0", "great open the camera and point it at the code"),
            ("caller", "+2.0", "oh it's asking me to confirm the line"),
            ("agent", "+1.0", "that's right tap confirm and it'll take a couple of minutes"),
            ("caller", "+1.0", "okay done honestly i could murder a cup of tea after all that"),
            ("agent", "+1.0", "ha you've earned it you should see the signal bars in the corner in about five minutes"),
            ("caller", "+0.8", "perfect thanks for your help"),
        ],
    ),
    # 11: calm sports add-on, "the suspense is killing me", "no" followed by an explanation
    call(
        "c_sports_bundle_suspense_calm",
        "streaming add-on: young caller jokes the suspense is killing him; 'no' with a full explanation; no cue",
        [
            ("agent", 0.5, "hi there you're through to vista tv i'm ben"),
            ("caller", "+0.8", "heya so i wanna add the sports thing to my package before the match on saturday"),
            ("agent", "+1.0", "sure thing i can add the sports bundle for fifteen pounds a month is that on this account"),
            ("caller", "+0.8", "yeah same one"),
            ("agent", "+1.0", "lovely that's on now it can take up to an hour to show on the box"),
            ("caller", "+0.9", "an hour man the suspense is literally killing me nah only joking that's fine"),
            ("agent", "+1.0", "no worries and if it's not there by tonight give us a ring and we'll refresh it"),
            ("caller", "+0.8", "sound is there a contract for it"),
            ("agent", "+1.0", "no it's a rolling monthly add on so you can cancel it any time you like"),
            ("caller", "+0.8", "perfect cheers"),
            ("agent", "+1.0", "enjoy the match"),
        ],
    ),
    # 13: bereavement, agent answers with "that's our policy" (one avoid-phrase)
    call(
        "c_late_dad_contract_policy",
        "cancelling a late father's mobile contract; agent says that's our policy",
        [
            ("agent", 0.5, "hello you're through to kestrel mobile how can i help"),
            ("caller", "+0.9", "hi um i need to cancel my dad's phone contract he passed away {empathy} last week"),
            ("agent", "+1.0", "i'm so sorry for your loss let me help you with that can i take his number"),
            ("caller", "+0.9", "it's oh seven seven one two double four eight nine six one"),
            ("agent", "+1.0", "thank you i can see the account there are seven months left on the contract"),
            ("caller", "+0.9", "right so what happens with that"),
            ("agent", "+1.0", "there'd be an early termination charge of a hundred and twelve pounds unless we get a death certificate"),
            ("caller", "+1.0", "we haven't got the certificate yet the registrar can't see us for two weeks can you not just close it"),
            ("agent", "+1.0", "we can't close it without the certificate that's our policy {avoid-phrase} i'm afraid"),
            ("caller", "+1.0", "okay i'll send it when i get it then"),
            ("agent", "+1.0", "sorry that came out wrong i'll put a note on so no charges go out while you wait and you can email it whenever you're ready"),
            ("caller", "+0.9", "thank you that helps"),
        ],
    ),
    # 15: heating or phone (hardship), agent rattles off options (pace burst), caller lost (clarify)
    call(
        "c_heating_or_bill_options_burst",
        "overdue mobile bill: heating or phone, agent rattles off payment options, caller is lost",
        [
            ("agent", 0.5, "hello you're through to bright wave mobile billing this is chris"),
            ("caller", "+0.9", "hiya um i've had a text saying my bill's overdue and honestly it's either pay you or put the heating {empathy} on and my little girl's got a cough"),
            ("agent", "+1.0", "oh i'm really sorry you're in that position let's see what we can do"),
            ("caller", "+0.8", "thank you"),
            ("agent", "+1.2", "{pace} okay so there's the flexible payment plan over three six or twelve months with no interest then the hardship fund which needs an income and expenditure form then the social tariff at twelve pounds a month and you can also pause add ons like the insurance and the cloud storage", 4.0),
            ("caller", "+1.0", "sorry you've totally lost me {clarify} what's the difference between all them"),
            ("agent", "+1.0", "sorry that was way too quick let's just take one the social tariff would bring your bill down to twelve pounds a month from next month"),
            ("caller", "+0.9", "oh right that'd actually help a lot"),
            ("agent", "+1.0", "great i'll set that up now and i'll clear this month's late fee as well"),
            ("caller", "+0.8", "thank you so much"),
        ],
    ),
    # 17: remote worker fed up with an outage, agent talks over him, he asks for the manager
    call(
        "c_remote_worker_outage_manager",
        "broadband outage: remote worker fed up ('router is killing me' is a figure of speech), agent talks over him, he asks for the manager",
        [
            ("agent", 0.5, "hello you're through to zen fiber support my name is alex"),
            ("caller", "+0.8", "hi look my internet's been down since monday and i'm absolutely fed up {empathy} with it i work from home and i've lost three days"),
            ("agent", "+1.0", "i'm really sorry let me run some checks on the line"),
            ("caller", "+0.8", "i've already done all the checks i've rebooted the router like twenty times this thing is killing me honestly and the lights just keep"),
            ("agent", "-1.4", "{interruption} okay so have you tried the reset button on the back"),
            ("caller", "+0.7", "yeah that's what i meant i've done that as well"),
            ("agent", "+1.0", "okay then it looks like a fault at the cabinet the earliest engineer is next wednesday"),
            ("caller", "+1.0", "wednesday no i can't wait another week i want to speak to your manager {escalation} please"),
            ("agent", "+1.0", "i understand i'll transfer you to my team leader now she can look at compensation and a mobile data dongle in the meantime"),
            ("caller", "+0.8", "thank you"),
        ],
    ),
    # 19: non-native speaker worried about a double charge, then lost in jargon
    call(
        "c_streaming_double_charge_pending_reversal",
        "streaming double charge: non-native caller is worried, then does not follow 'pending reversal'",
        [
            ("agent", 0.5, "hello thanks for calling vista stream support this is kate"),
            ("caller", "+0.9", "hello my name is and jay i see on my bank they take the money two time for the streaming this month i am very worry {empathy} about this", 2.2),
            ("agent", "+1.0", "i'm sorry for the worry let me check that for you can i have the email on the account"),
            ("caller", "+0.9", "and jay k at mail dot com", 2.2),
            ("agent", "+1.0", "thank you yes i can see two payments of ten ninety nine on the fifth the second one's an authorisation that should drop off as a pending reversal within three to five working days"),
            ("caller", "+1.0", "sorry i not follow {clarify} what is pending reversal", 2.2),
            ("agent", "+1.0", "sorry that's jargon the second payment was never really taken your bank will give the money back by itself in a few days"),
            ("caller", "+0.9", "ah so i don't need to do nothing", 2.2),
            ("agent", "+1.0", "that's right nothing at all and i'll email you a note of this call"),
            ("caller", "+0.8", "okay thank you very much", 2.2),
        ],
    ),
    # 21: abuse ladder: boundary, warning, end
    call(
        "c_outage_abuse_ladder_ended",
        "broadband outage: caller insults the agent three times; boundary, warning, call ended",
        [
            ("agent", 0.5, "good evening bright wave broadband this is ryan"),
            ("caller", "+0.8", "yeah my internet's gone off can you tell me when it's back on"),
            ("agent", "+1.0", "of course let me have a look at the line for you"),
            ("caller", "+0.8", "go on then"),
            ("agent", "+1.0", "okay i can see an outage in your area and the estimate is about four hours"),
            ("caller", "+0.9", "four hours are you thick {boundary} or something i need it tonight"),
            ("agent", "+1.0", "i do want to help you but i need you not to speak to me like that please"),
            ("caller", "+0.9", "oh give over you're useless {boundary-warning} a total waste of space the lot of you"),
            ("agent", "+1.0", "if the abuse carries on i'll end the call i'd much rather help you get this sorted"),
            ("caller", "+0.9", "go on then hang up you pathetic {boundary-end} little muppet"),
            ("agent", "+1.0", "i'm ending the call now because of the language used the outage updates will come by text goodbye"),
        ],
    ),
    # 23: one insult, boundary set, caller apologises
    call(
        "c_locked_stream_account_one_insult",
        "streaming account locked before a match: one insult, the agent sets a boundary, the caller apologises",
        [
            ("agent", 0.5, "hi you're through to vista stream this is mo"),
            ("caller", "+0.8", "yeah my account's been locked and i've got people round to watch the final in ten minutes"),
            ("agent", "+1.0", "okay let's get you back in can you confirm the email address on the account"),
            ("caller", "+0.8", "it's the same one it's always been do you not have it in front of you"),
            ("agent", "+1.0", "i do i just need you to confirm it for security"),
            ("caller", "+0.9", "oh my god you're so useless {boundary} it's jay dot mills at inbox dot com"),
            ("agent", "+1.0", "i know you're in a rush but please don't speak to me like that i'm trying to help"),
            ("caller", "+1.0", "yeah fair enough sorry that was out of order"),
            ("agent", "+1.0", "no worries at all i've unlocked it and sent a reset link to that email"),
            ("caller", "+1.5", "got it i'm in cheers and sorry again"),
            ("agent", "+1.0", "enjoy the game"),
        ],
    ),
    # 25: caller driving now (callback); someone else driving yesterday is not
    call(
        "c_renewal_offer_driving_now",
        "mobile renewal: caller is driving on hands-free and asks for a call back after six",
        [
            ("agent", 0.5, "good afternoon kestrel mobile you're speaking with hannah"),
            ("caller", "+0.8", "hi hannah i had a missed call from you lot about my contract my wife was driving past your shop yesterday and said to ring"),
            ("agent", "+1.0", "yes i was calling about your renewal offer do you have a couple of minutes to go through it"),
            ("caller", "+0.9", "i'm actually driving {callback} at the minute i've got you on the hands free could you ring me back after six"),
            ("agent", "+1.0", "of course i'll book a call for quarter past six is this number best"),
            ("caller", "+0.8", "yeah this one's fine"),
            ("agent", "+1.0", "lovely speak to you later"),
        ],
    ),
    # 27: two different phrases to avoid, well apart
    call(
        "c_router_return_charge_two_phrases",
        "router non-return charge: agent says it's not my department, later you should have",
        [
            ("agent", 0.5, "hello zen fiber customer service this is gary"),
            ("caller", "+0.9", "hi i cancelled my broadband last month and now i've got a letter saying i owe sixty pounds for the router"),
            ("agent", "+1.0", "okay that's the returns team that's not my department {avoid-phrase} really"),
            ("caller", "+0.9", "well can you at least tell me why they're charging me"),
            ("agent", "+1.0", "let me look it says the router wasn't received back within thirty days of the cancellation"),
            ("caller", "+0.9", "i posted it in the first week i've got the receipt somewhere"),
            ("agent", "+1.0", "you should have {avoid-phrase} used the prepaid label we sent that's the only way it gets tracked"),
            ("caller", "+1.0", "nobody sent me a label i just took it to the post office"),
            ("agent", "+1.0", "okay if you can email the receipt i'll ask the returns team to cancel the charge"),
            ("caller", "+0.8", "fine i'll dig it out"),
        ],
    ),
    # 29: agent reads contract terms at speed (pace burst), caller didn't catch it (clarify)
    call(
        "c_fibre_key_terms_burst",
        "fibre sign-up: agent reads the key terms far too fast, the young caller didn't catch any of it",
        [
            ("agent", 0.5, "hi there zen fiber sales this is mia"),
            ("caller", "+0.8", "hey yeah i wanna sign up for the nine hundred meg package for my gaming"),
            ("agent", "+1.0", "amazing good choice let me just read you the key terms"),
            ("agent", "+0.5", "{pace} so it's a twenty four month minimum term at forty two pounds a month rising each april by the consumer price index plus three point nine percent there's a thirty pound set up fee the router stays our property and must be returned within thirty days and exit fees apply", 4.0),
            ("caller", "+1.0", "wait wait i didn't catch {clarify} any of that"),
            ("agent", "+1.0", "sorry i rushed that the main thing is it's forty two pounds a month for two years and it goes up a little bit each april"),
            ("caller", "+0.9", "okay so how much more like roughly"),
            ("agent", "+1.0", "about a pound fifty a month each year"),
            ("caller", "+0.8", "that's fine sign me up"),
        ],
    ),
    # 31: agent explains install day for over 33 s with no caller speech
    call(
        "c_fibre_install_day_walkthrough",
        "fibre install day explained in one long agent run, caller silent",
        [
            ("agent", 0.5, "hello zen fiber installations this is paul"),
            ("caller", "+0.9", "hi my fibre's being installed on tuesday and i just wanted to know what actually happens on the day"),
            ("agent", "+1.0", "{monologue} of course so i'll walk you through it the engineer arrives between eight and one and they'll give you a ring about half an hour before"),
            ("agent", "+0.6", "when they get there they'll look at where the cable comes into the house usually at the front near the old phone socket"),
            ("agent", "+0.6", "they run the fibre from the pole outside into the house and fit a small white box on the inside wall"),
            ("agent", "+0.6", "then they plug the new router into that box and check you're getting the right speeds"),
            ("agent", "+0.6", "it normally takes about three hours and someone over eighteen needs to be home"),
            ("caller", "+1.0", "okay that's really helpful thanks"),
            ("agent", "+1.0", "you're welcome is there anything else"),
            ("caller", "+0.8", "no that's everything"),
        ],
    ),
]
