# ruff: noqa: E501
# fmt: off
"""Blind corpus C, sealed half: telecoms, broadband, mobile, streaming and tech support calls.

Even-numbered calls of the set (2, 4, 6, ...). Voices: young callers with slang, non-native
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
    # 2: hours cut (hardship), then the caller talks about ending it all
    call(
        "c_mobile_bill_cut_hours_ending_it",
        "mobile bill: young caller's hours were cut, later says some nights they think about ending it all",
        [
            ("agent", 0.6, "good afternoon you're through to tallis mobile this is dan speaking"),
            ("caller", "+0.8", "hiya um yeah so basically my bill's gone up again and they've cut my hours {empathy} at work so i'm like proper skint"),
            ("agent", "+1.0", "oh no i'm sorry to hear that that's really tough let me have a look at what we can do"),
            ("caller", "+0.8", "yeah cheers"),
            ("agent", "+1.0", "so you're on the sixty gig plan at thirty two pounds a month i can drop you to a twelve pound sim only if that helps"),
            ("caller", "+1.0", "i mean yeah but it's not even the phone it's like everything you know rent food all of it"),
            ("agent", "+1.0", "that sounds like a lot to be carrying right now"),
            ("caller", "+1.2", "yeah honestly some nights i think about just ending it all {safeguarding} like for real"),
            ("agent", "+1.2", "i'm really glad you told me that are you safe at the minute is anyone with you"),
            ("caller", "+1.0", "my flatmate's in the other room"),
            ("agent", "+1.0", "okay that's good i'd really like you to talk to someone tonight you can ring the samaritans free on one one six one two three"),
            ("caller", "+1.0", "yeah okay i'll do that"),
            ("agent", "+1.0", "and i'll sort the cheaper plan for you now so that's one less thing"),
        ],
    ),
    # 4: non-native caller with a tv box fault mentions small children left alone next door
    call(
        "c_tv_box_children_alone_next_door",
        "tv box fault: non-native caller says the small children next door have been alone for two days",
        [
            ("agent", 0.5, "hello and welcome to vista tv support my name is kerry"),
            ("caller", "+0.9", "hello yes my tv box it is not working since yesterday the light is orange only", 2.2),
            ("agent", "+1.0", "okay no problem let's have a look can you tell me your postcode"),
            ("caller", "+0.9", "the post code is b one two eight l p", 2.2),
            ("agent", "+1.0", "thank you and is the box plugged into the router or using the wifi"),
            ("caller", "+1.1", "wifi i think sorry i am a bit distract because the children next door they are alone since two days {safeguarding}", 2.2),
            ("caller", "+0.4", "the small one is crying all night and nobody is coming", 2.2),
            ("agent", "+1.2", "oh that sounds really worrying thank you for telling me how old are the children"),
            ("caller", "+0.9", "maybe three and five years the mother she go away on friday", 2.2),
            ("agent", "+1.0", "okay please call nine nine nine now and tell the police what you told me the box can wait"),
            ("caller", "+0.9", "okay okay i call them now", 2.2),
            ("agent", "+1.0", "thank you ring us back any time and we'll sort the box out"),
        ],
    ),
    # 6: remote worker checking the alarm line finds her mother collapsed
    call(
        "c_pendant_alarm_mum_on_floor",
        "home phone alarm line: remote worker goes to check and finds her mother collapsed on the floor",
        [
            ("agent", 0.5, "hi you're through to clear line home phone how can i help"),
            ("caller", "+0.8", "hi um i work from home and my mum lives with me she's got one of those pendant alarms that goes through the landline and it's been beeping all morning"),
            ("agent", "+1.0", "okay let's check the line is the alarm unit plugged into the master socket"),
            ("caller", "+1.0", "i think so hang on i'll just go and look"),
            ("caller", "+3.0", "oh god mum's on the floor {safeguarding} in the hallway she's not answering me"),
            ("agent", "+1.0", "okay i'm here with you is she breathing can you see her chest moving"),
            ("caller", "+1.0", "yes she's breathing but she's cold and there's blood on her head"),
            ("agent", "+1.0", "right please hang up and call nine nine nine now or i can call them for you from here"),
            ("caller", "+0.9", "can you do it i need to stay with her"),
            ("agent", "+1.0", "yes i'm calling them now what's the address"),
            ("caller", "+0.8", "twenty two marsh lane"),
            ("agent", "+1.0", "thank you the ambulance is being called keep her warm and try not to move her"),
        ],
    ),
    # 8: calm remote worker: phone died, boss would kill me, agent's own safety script; no cue
    call(
        "c_hotspot_booster_phone_died_calm",
        "data booster for a remote worker: 'phone died', 'boss would kill me', the agent's safety script; no cue",
        [
            ("agent", 0.5, "hello you're through to orbit mobile this is nadia"),
            ("caller", "+0.9", "hi there sorry i was on with someone earlier and my phone died halfway through so i'm ringing back"),
            ("agent", "+1.0", "not a problem at all what was it about"),
            ("caller", "+0.9", "i'm working from home and i need a hotspot for my laptop but the data keeps running out"),
            ("agent", "+1.0", "okay i can see you're on the ten gig plan i can add an unlimited data booster for ten pounds a month"),
            ("caller", "+0.9", "oh yeah that would be perfect my boss would kill me if i missed another team call"),
            ("agent", "+1.0", "ha well we don't want that it's added now and it starts straight away"),
            ("caller", "+0.8", "brilliant thanks"),
            ("agent", "+1.0", "one last thing we now mention to everyone if you ever feel unsafe or need help in an emergency you can still dial nine nine nine with no credit"),
            ("caller", "+0.8", "oh good to know thanks"),
            ("agent", "+0.9", "you're welcome have a lovely afternoon"),
        ],
    ),
    # 10: calm non-native caller; manager in passing; was confused, now understands; no cue
    call(
        "c_pac_code_manager_now_understands_calm",
        "PAC code request: non-native caller, manager at work mentioned in passing, was confused but now understands; no cue",
        [
            ("agent", 0.5, "hello thank you for calling tallis mobile you're speaking to amira"),
            ("caller", "+0.9", "hello i want to ask about the pack code my manager at work he say i need it for the company phone", 2.2),
            ("agent", "+1.0", "of course the pac code lets your number move to the new network you can text pac to six five oh seven five"),
            ("caller", "+1.0", "ah okay before when i read the letter i was confused but now i understand it is for keep my number", 2.2),
            ("agent", "+1.0", "exactly right you keep the same number and it moves in one working day"),
            ("caller", "+0.9", "and there is a fee for this", 2.2),
            ("agent", "+1.0", "there's no charge for the code itself"),
            ("caller", "+0.8", "okay good thank you very much", 2.2),
            ("agent", "+1.0", "no problem is there anything else i can help with"),
            ("caller", "+0.8", "no that is all thank you", 2.2),
        ],
    ),
    # 12: calm home move; "dead" router, past health scare told calmly; no cue
    call(
        "c_home_move_broadband_calm",
        "broadband home move for a remote worker: old router 'dead anyway', past health scare told calmly; no cue",
        [
            ("agent", 0.5, "good afternoon sky line broadband this is martin"),
            ("caller", "+0.9", "hi martin i'm moving house next month and i need the broadband moved with me i work from home so it's quite important"),
            ("agent", "+1.0", "no problem we can do that what's the new postcode"),
            ("caller", "+0.9", "it's c f one four three r t"),
            ("agent", "+1.0", "thanks and the move date"),
            ("caller", "+0.8", "the twelfth of june"),
            ("agent", "+1.0", "okay i can get the line live on the twelfth and we'll send a new router as well"),
            ("caller", "+0.9", "oh good the old one's pretty much dead anyway it's been on its last legs since last year"),
            ("agent", "+1.0", "ha well you'll have a new one then is there anything else"),
            ("caller", "+0.9", "just one thing i had a bit of a health scare last year and was off work for a while but i'm fine now is the account still on paperless billing"),
            ("agent", "+1.0", "yes it's still paperless and glad you're doing well"),
            ("caller", "+0.8", "great thanks for your help"),
            ("agent", "+0.9", "you're welcome good luck with the move"),
        ],
    ),
    # 14: child in hospital (hardship); the agent answers straight over it (pause)
    call(
        "c_bounced_debit_son_in_hospital",
        "bounced direct debit: caller's little boy is in hospital, agent answers too quickly with the fee",
        [
            ("agent", 0.5, "good morning pulse broadband accounts you're speaking with leah"),
            ("caller", "+0.9", "hi i'm ringing because my direct debit bounced and i got charged for it"),
            ("agent", "+1.0", "okay let me find the account what's the postcode"),
            ("caller", "+0.8", "n e six two j w"),
            ("agent", "+1.0", "thanks i can see the payment was returned on the third and there's a twelve pound fee"),
            ("caller", "+1.0", "yeah i know my little boy's been in hospital {empathy} for three weeks and i've had to stop work to be with him every penny's going on parking and food"),
            ("agent", "+0.1", "{pause} right so the fee gets added to the next bill and the direct debit will try again on the tenth"),
            ("caller", "+1.0", "um i don't really have twelve pounds spare right now"),
            ("agent", "+1.0", "sorry i should have listened properly that sounds incredibly hard i'm going to remove the fee and move the payment date to the end of the month"),
            ("caller", "+0.9", "thank you that really helps"),
            ("agent", "+1.0", "and i'll put a note on so nobody chases you while he's in hospital i hope he's home soon"),
            ("caller", "+0.8", "thanks"),
        ],
    ),
    # 16: non-native caller given no hours, no money for food; agent jargon, caller lost
    call(
        "c_no_hours_no_food_arrears_jargon",
        "mobile arrears: non-native caller's work gives no hours, no money for food, then does not follow the jargon",
        [
            ("agent", 0.5, "good afternoon orbit mobile you're speaking with tom"),
            ("caller", "+0.9", "hello i call because i cannot pay the bill this month my work they give me no hours {empathy} since three week and i have no money for food even", 2.2),
            ("agent", "+1.0", "i'm really sorry that sounds very hard let me see what help there is"),
            ("caller", "+0.8", "thank you", 2.2),
            ("agent", "+1.0", "so your account's in arrears so i can put a breathing space flag on it and then set up an arrangement pro rata against the outstanding balance"),
            ("caller", "+1.0", "sorry i don't understand {clarify} what this mean for me", 2.2),
            ("agent", "+1.0", "sorry i'll say it more simply we'll stop all late fees and you can pay a little bit each month whatever you can manage"),
            ("caller", "+0.9", "ah okay so five pound is okay", 2.2),
            ("agent", "+1.0", "five pounds a month is fine and if you like we can also drop your plan to eight pounds"),
            ("caller", "+0.9", "yes please the cheap one", 2.2),
            ("agent", "+1.0", "done i've also put a note on so nobody will chase you for the next sixty days"),
            ("caller", "+0.9", "thank you very much you are kind", 2.2),
        ],
    ),
    # 18: gamer panics over in-game charges on the bill, asks for a supervisor
    call(
        "c_in_game_charges_supervisor",
        "mobile bill with in-game purchases by a younger brother: gamer panics, then asks for a supervisor",
        [
            ("agent", 0.5, "hi you're through to tallis mobile billing i'm sophie"),
            ("caller", "+0.7", "yeah hi so my bill's come through at three hundred and forty quid and i'm actually panicking {empathy} right now", 3.0),
            ("agent", "+1.0", "oh no okay let's have a look and see what's on there"),
            ("caller", "+0.8", "it's like all these charges to some game store i never bought nothing", 3.0),
            ("agent", "+1.0", "i can see eleven purchases through carrier billing on the twentieth all to a game called star raid legends"),
            ("caller", "+0.9", "that's my little brother he had my phone on the weekend oh my days can you just refund it", 3.0),
            ("agent", "+1.0", "i can raise a dispute with the store for you but it can take up to thirty days"),
            ("caller", "+0.9", "thirty days nah i can't wait that long can i talk to a supervisor {escalation} or someone who can actually sort it", 3.0),
            ("agent", "+1.0", "of course i'll get my supervisor and i'll put a block on carrier billing so it can't happen again"),
            ("caller", "+0.8", "yeah please", 3.0),
        ],
    ),
    # 20: swearing about roaming charges (empathy, not boundary)
    call(
        "c_ferry_roaming_charges_swearing",
        "roaming charges from a ferry network: young caller swears about the charges, not at the agent",
        [
            ("agent", 0.5, "hiya you're through to kestrel mobile i'm jess"),
            ("caller", "+0.7", "hi yeah i just got back from ibiza and i've got these bloody {empathy} roaming charges for ninety quid it's doing my head in"),
            ("agent", "+1.0", "oh that's annoying let me check what happened there"),
            ("caller", "+0.8", "i thought europe was included innit"),
            ("agent", "+1.0", "it is and ibiza was fine it looks like your phone connected to a ship network on the ferry which isn't covered"),
            ("caller", "+1.0", "a ship are you serious that's so long"),
            ("agent", "+1.0", "i know it catches loads of people out this time i can refund it as a goodwill gesture"),
            ("caller", "+0.8", "oh wait really you're a legend"),
            ("agent", "+1.0", "and it's worth switching roaming off when you're on a boat next time"),
            ("caller", "+0.8", "bet thanks"),
        ],
    ),
    # 22: abuse ladder: boundary, warning, end
    call(
        "c_early_upgrade_abuse_ladder_ended",
        "early upgrade refused on eligibility: young caller insults the agent three times; boundary, warning, call ended",
        [
            ("agent", 0.5, "hello orbit mobile upgrades this is lucy"),
            ("caller", "+0.8", "yeah i want the new phone on my upgrade but the website says i'm not eligible till october"),
            ("agent", "+1.0", "let me check that for you yes your contract ends on the fourth of october so the upgrade opens thirty days before"),
            ("caller", "+0.9", "that's dumb can't you just do it now"),
            ("agent", "+1.0", "i could do an early upgrade but there'd be a fee of about sixty pounds"),
            ("caller", "+0.9", "sixty quid you're having a laugh you're a proper muppet {boundary} you know that"),
            ("agent", "+1.0", "i'm happy to help but i'm not going to be spoken to like that"),
            ("caller", "+0.9", "whatever you absolute idiot {boundary-warning} just do your job"),
            ("agent", "+1.0", "if you carry on being abusive i will end this call"),
            ("caller", "+0.8", "shut up you stupid {boundary-end} cow"),
            ("agent", "+1.0", "i'm ending this call now you're welcome to call back when you're ready to talk it through"),
        ],
    ),
    # 24: gamer insults the agent once, then apologises
    call(
        "c_strict_nat_gamer_one_insult",
        "strict NAT type: gamer calls the agent stupid once, the agent sets a boundary, the gamer apologises",
        [
            ("agent", 0.5, "hello pulse broadband gaming support you're speaking with priya"),
            ("caller", "+0.7", "yeah so my nat type's strict and i can't join any lobbies with my squad", 3.0),
            ("agent", "+1.0", "okay that's usually a port setting on the router have you got u p n p switched on"),
            ("caller", "+0.8", "yeah upnp's on i checked that already", 3.0),
            ("agent", "+1.0", "okay then have you restarted the console since"),
            ("caller", "+0.8", "obviously mate are you a bot or just stupid {boundary}", 3.0),
            ("agent", "+1.0", "i'm a real person and i'm happy to help but i do need you to keep it respectful"),
            ("caller", "+0.9", "yeah my bad sorry just been a long night", 3.0),
            ("agent", "+1.0", "no problem i can put your console in the d m z from here which should open everything up"),
            ("caller", "+1.2", "okay it's saying open now let's go", 3.0),
            ("agent", "+1.0", "nice have a good game"),
        ],
    ),
    # 26: remote worker boarding a flight now (callback)
    call(
        "c_travel_pass_boarding_now",
        "travel pass add-on: remote worker's gate is called mid-security, asks for a call back after landing",
        [
            ("agent", 0.5, "hello orbit mobile how can i help"),
            ("caller", "+0.8", "hi yes quick one i'm flying to lisbon for work and i want to add the travel pass"),
            ("agent", "+1.0", "sure i can help with that i'll just take you through security first what's your date of birth"),
            ("caller", "+0.8", "fourteenth of may nineteen ninety"),
            ("agent", "+1.0", "thank you and the first line of your address"),
            ("caller", "+0.9", "oh no hang on they're calling my gate i'm literally boarding {callback} now can you call me back when i land"),
            ("agent", "+1.0", "of course what time do you land"),
            ("caller", "+0.8", "about four o'clock u k time"),
            ("agent", "+1.0", "i'll add a note and call you at half four have a good flight"),
        ],
    ),
    # 28: two different phrases to avoid, well apart; non-native caller lost on a term
    call(
        "c_contract_exit_moving_abroad_two_phrases",
        "ending a contract to move abroad: agent says what you need to do is, later you have to; caller lost on a term",
        [
            ("agent", 0.5, "good morning bright wave mobile you're speaking with steve"),
            ("caller", "+0.9", "good morning i want to finish my contract because i go back to my country in august", 2.2),
            ("agent", "+1.0", "okay what you need to do {avoid-phrase} is send us a written request with proof of your move"),
            ("caller", "+1.0", "written like a letter", 2.2),
            ("agent", "+1.0", "a letter or an email either is fine"),
            ("caller", "+0.9", "and what proof i can give i have the plane ticket", 2.2),
            ("agent", "+1.0", "you have to {avoid-phrase} send a utility bill or a tenancy end letter a plane ticket isn't enough"),
            ("caller", "+1.0", "sorry tenancy end letter i don't know {clarify} what is this", 2.2),
            ("agent", "+1.0", "sorry it's a letter from your landlord saying when you're leaving the flat"),
            ("caller", "+0.9", "ah okay my landlord can write this", 2.2),
            ("agent", "+1.0", "that'll be perfect and then there's no early exit fee"),
            ("caller", "+0.8", "good thank you", 2.2),
        ],
    ),
    # 30: agent rattles off tariffs (pace burst), later a flat "no" as the whole answer
    call(
        "c_backup_sim_tariffs_burst_flat_no",
        "backup data sim for a remote worker: agent rattles off the tariffs, later answers with a flat no",
        [
            ("agent", 0.5, "good afternoon tallis mobile sales you're speaking with jamie"),
            ("caller", "+0.9", "hi i work from home and i need a sim with loads of data as a backup connection"),
            ("agent", "+1.0", "sure let me run through what we've got"),
            ("agent", "+0.5", "{pace} there's the thirty gig at ten pounds the hundred gig at fifteen pounds the unlimited at twenty two pounds the unlimited max with five g and roaming at twenty eight pounds and the data only sim at twelve pounds for fifty gig all on twelve or twenty four month terms", 4.0),
            ("caller", "+1.0", "okay the unlimited one at twenty two can i tether my laptop on that"),
            ("agent", "+1.0", "yes tethering is included"),
            ("caller", "+0.8", "and can i get it on a thirty day rolling instead"),
            ("agent", "+1.0", "no {avoid-phrase}"),
            ("caller", "+1.2", "oh okay um why not"),
            ("agent", "+1.0", "sorry i should explain the rolling plans only go up to the hundred gig one the unlimited needs a twelve month term"),
            ("caller", "+0.9", "right fair enough i'll take the twelve months then"),
        ],
    ),
    # 32: router factory reset, nobody speaks for twelve seconds (dead air)
    call(
        "c_router_factory_reset_silence",
        "console wifi drops: router factory reset, twelve seconds of silence on both channels",
        [
            ("agent", 0.5, "hi you're through to pulse broadband tech support i'm ellie"),
            ("caller", "+0.8", "hey my wifi keeps cutting out like every ten minutes when i'm on my console"),
            ("agent", "+1.0", "okay let's try a factory reset on the router first can you find the little pinhole on the back"),
            ("caller", "+0.9", "yeah got it"),
            ("agent", "+1.0", "press and hold it with a paperclip for about ten seconds until the lights flash"),
            ("caller", "+1.0", "okay holding it now"),
            ("agent", "+12.5", "{dead-air} sorry are you still with me how are the lights looking"),
            ("caller", "+0.9", "yeah they're all blue now"),
            ("agent", "+1.0", "perfect now reconnect the console and run the network test"),
            ("caller", "+3.0", "it says connection good"),
            ("agent", "+1.0", "great that should fix the drops give us a ring if it happens again"),
            ("caller", "+0.8", "sick thanks"),
        ],
    ),
]
