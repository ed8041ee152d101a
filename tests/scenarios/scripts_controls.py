"""Precision controls: calls where a careless engine would fire and a good one stays quiet.
Read by build_corpus.py; see README.md for the line format and the markers.

Each call holds words that sit close to a cue without being one: polite negatives from the agent,
the agent's forbidden phrases in the caller's mouth, a caller who talks for a minute, "driving"
and "manager" in the past or about someone else, the agent echoing the caller's words, a calm
caller answered quickly, a caller backchannelling over the agent, a 7 s hold, and mic-only calls
(no caller channel, so no caller-side or two-channel cue can fire).
"""

# One utterance per line reads like a call transcript, so lines stay long and unformatted.
# ruff: noqa: E501
# fmt: off

EVERYTHING = ["empathy", "avoid-phrase", "callback", "boundary", "escalation", "clarify",
              "monologue", "pace", "dead-air", "interruption", "pause"]
CALLER_SIDE = ["empathy", "callback", "boundary", "escalation", "clarify",
               "dead-air", "interruption", "pause"]

SCENARIOS = [
    dict(
        name="energy_routine_meter_reading",
        description="calm routine call: a meter reading, a 7 s hold while the agent types",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "brightwatt energy it's connor how can i help"),
            ("caller", "+0.8", "hi i'd like to give a meter reading please"),
            ("agent", "+0.9", "of course go ahead when you're ready"),
            ("caller", "+0.8", "it's four five seven two one"),
            ("agent", "+1.0", "thank you bear with me a moment while i put that in"),
            ("caller", "+7.0", "no rush"),
            ("agent", "+0.8", "all done your next bill will use that reading"),
            ("caller", "+0.6", "great thanks bye"),
        ],
    ),
    dict(
        name="broadband_polite_negatives",
        description="agent says not at all, no problem, no worries, I don't know if you've seen our app",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "northlink broadband hi it's amy"),
            ("caller", "+0.8", "hi sorry to bother you i just want to check my bill date"),
            ("agent", "+0.9", "not at all it's the fourteenth of every month"),
            ("caller", "+0.7", "great and can i change it to the first"),
            ("agent", "+0.9", "no problem at all i've moved it to the first from next month"),
            ("caller", "+0.7", "thanks sorry for being a pain"),
            ("agent", "+0.8", "no worries honestly"),
            ("caller", "+0.6", "and how do i see my bills online"),
            ("agent", "+1.0", "i don't know if you've seen our new app but your bills are all in there under account"),
            ("caller", "+0.7", "oh i haven't i'll download it"),
            ("agent", "+0.8", "there's no charge for it and you can change the date yourself next time"),
            ("caller", "+0.6", "lovely thank you"),
        ],
    ),
    dict(
        name="parcel_caller_uses_agent_phrases",
        description="calm caller says it's not my fault and what you need to do; those are agent-only",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "swiftpost deliveries it's hannah"),
            ("caller", "+0.8", "hi i know it's not my fault the package is late but i'm away from tomorrow so i wanted to check"),
            ("agent", "+1.0", "that's okay let's see what we can do"),
            ("caller", "+0.7", "so basically what you need to do is leave it with my neighbour at number twelve"),
            ("agent", "+1.0", "i can add that as a safe place for the redelivery tomorrow morning"),
            ("caller", "+0.7", "brilliant and i don't know if it matters but the doorbell's broken so they should knock"),
            ("agent", "+0.9", "i'll add a note for the driver to knock"),
            ("caller", "+0.6", "perfect thank you"),
        ],
    ),
    dict(
        name="insurance_caller_rambles",
        description="cheerful caller talks fast for about a minute about a delayed suitcase; the agent listens",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "meridian travel insurance it's rosa how can i help"),
            ("caller", "+0.8", "hiya so right i'm calling about my travel insurance we went to tenerife for two weeks in august lovely time the weather was gorgeous and the hotel was right on the beach", 3.4),
            ("caller", "+0.5", "anyway on the way out the airline sent my suitcase to madrid of all places so for the first two days i had nothing but the clothes i was stood in", 3.4),
            ("caller", "+0.5", "so i went to the little shops by the harbour and bought a couple of t shirts some shorts a swimming costume and sun cream and i kept all the receipts like you're meant to", 3.4),
            ("caller", "+0.5", "then the case turned up on the third day completely fine nothing missing so that was a relief and we just got on with the holiday", 3.4),
            ("caller", "+0.5", "my sister said i could claim for the things i had to buy while it was lost so i've got the receipts here and the letter from the airline confirming the delay", 3.4),
            ("caller", "+0.5", "so i suppose i just wanted to know how i go about doing that and whether i send the receipts by post or can i upload them somewhere", 3.4),
            ("agent", "+0.9", "thanks for explaining all that you can upload the receipts in the app under claims and we usually pay within ten days"),
            ("caller", "+0.6", "oh perfect i'll do that tonight"),
        ],
    ),
    dict(
        name="medical_sincere_thanks",
        description="caller rings only to thank the doctor; warm and sincere, no cue",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "riverside medical centre it's beth"),
            ("caller", "+0.8", "hello i'm ringing to say thank you to doctor patel she was so kind to my dad last week"),
            ("agent", "+1.0", "oh that's really lovely i'll make sure she gets the message"),
            ("caller", "+0.8", "and thank you too you've all been brilliant i really appreciate it"),
            ("agent", "+0.9", "not at all it's what we're here for"),
            ("caller", "+0.6", "take care bye"),
        ],
    ),
    dict(
        name="bank_calm_quick_replies",
        description="balance enquiry: the agent answers a calm caller 0.1 s after they stop (no pause cue)",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "harbour bank it's kim"),
            ("caller", "+0.8", "hi could you tell me my account balance please"),
            ("agent", "+1.0", "of course can you confirm the first line of your address"),
            ("caller", "+0.7", "twelve orchard lane"),
            ("agent", "+0.1", "{!pause} thank you your balance is one thousand two hundred and forty pounds"),
            ("caller", "+0.7", "lovely thanks"),
            ("agent", "+0.15", "{!pause} you're welcome anything else today"),
            ("caller", "+0.6", "no that's everything"),
            ("agent", "+0.8", "have a good day"),
        ],
    ),
    dict(
        name="parcel_driving_and_manager_in_passing",
        description="caller drove past the depot yesterday and mentions a manager at work: not callback, not escalation",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "swiftpost deliveries it's ellie"),
            ("caller", "+0.8", "hi i was driving past your depot yesterday and wondered if i could just pick my parcel up from there"),
            ("agent", "+1.0", "yes you can collect it from tomorrow with some photo id"),
            ("caller", "+0.7", "great because my manager at work needs the documents in it for a meeting on friday"),
            ("agent", "+0.9", "that's fine it'll be ready from eight in the morning"),
            ("caller", "+0.7", "and my supervisor said i can pop out at lunch so i'll come then"),
            ("agent", "+0.9", "perfect bring the card we left or the tracking number"),
            ("caller", "+0.6", "will do thanks"),
        ],
    ),
    dict(
        name="broadband_agent_echoes_caller_words",
        description="agent says second time you've called, what do you mean, my supervisor; caller is calm",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "northlink broadband it's george"),
            ("caller", "+0.8", "hi i rang last week about the orange light on my router and it's come back"),
            ("agent", "+1.0", "i understand this is the second time you've called so let's get it properly fixed what do you mean by orange exactly is it flashing or solid"),
            ("caller", "+0.8", "it's flashing"),
            ("agent", "+1.0", "okay a flashing orange light usually means an update failed let me check with my supervisor whether we can push it again"),
            ("caller", "+0.7", "sure"),
            ("agent", "+5.0", "good news my supervisor says yes so i've sent the update it'll take about five minutes"),
            ("caller", "+0.7", "perfect thank you"),
        ],
    ),
    dict(
        name="mobile_happy_third_order",
        description="loyal caller: third order this year, always spot on; says I understand and I know what you mean",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "kestrel mobile it's fiona"),
            ("caller", "+0.8", "hi it's the third time i've ordered a phone from you this year and it's always been spot on so i thought i'd stick with you"),
            ("agent", "+1.0", "oh that's lovely to hear what can i do for you today"),
            ("caller", "+0.7", "i want to add a sim for my daughter to my account"),
            ("agent", "+1.0", "sure she'd share your data allowance and the bill would come to you as one payment"),
            ("caller", "+0.7", "yeah i understand that makes sense"),
            ("agent", "+0.9", "and we'll post the sim to the address we have on file"),
            ("caller", "+0.6", "oh i know what you mean we moved last month but i updated it online"),
            ("agent", "+0.9", "yes i can see the new address here so that's all fine"),
            ("caller", "+0.6", "brilliant thanks fiona"),
        ],
    ),
    dict(
        name="broadband_caller_backchannels",
        description="caller says yeah over the agent's instructions: the caller overlapping is not an interruption",
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "northlink broadband it's fran how can i help"),
            ("caller", "+0.8", "hi i want to set up parental controls on the wifi"),
            ("agent", "+1.0", "sure so first open the northlink app and tap on the devices tab at the bottom of the screen"),
            ("caller", "-1.5", "yeah"),
            ("agent", "+2.0", "then pick the device your son uses choose the schedule option and set the hours you want it blocked"),
            ("caller", "-2.0", "yeah okay"),
            ("agent", "+2.0", "and finally tap save and it takes effect straight away"),
            ("caller", "+0.7", "brilliant that's easy thanks"),
        ],
    ),
    dict(
        name="mic_only_energy_missed_payment",
        description="mic-only call (no caller channel): agent listens in long gaps and once blames the caller",
        channels=["agent"],
        must_not=[*CALLER_SIDE, "monologue", "pace"],
        lines=[
            ("agent", 0.5, "brightwatt energy you're speaking with olivia how can i help"),
            ("agent", 13.0, "okay so you've had a letter about a missed payment"),
            ("agent", "+9.0", "right i can see the direct debit bounced on the fifth"),
            ("agent", "+14.0", "well you really should have {avoid-phrase} called us before it bounced"),
            ("agent", "+10.0", "i'll set up the new direct debit now and the missed amount will be added to next month"),
            ("agent", "+12.0", "you're welcome thanks for calling brightwatt"),
        ],
    ),
    dict(
        name="mic_only_agent_echoes",
        description="mic-only call: the agent repeats the caller's driving, third time, supervisor and confusion",
        channels=["agent"],
        must_not=EVERYTHING,
        lines=[
            ("agent", 0.5, "kestrel mobile this is harry"),
            ("agent", "+8.0", "oh you're driving at the moment okay that's fine we can keep it quick"),
            ("agent", "+9.0", "i understand you're frustrated this is the third time you've called about it"),
            ("agent", "+10.0", "and you'd like to speak to a supervisor okay i'll arrange that"),
            ("agent", "+8.0", "so the bill doesn't make sense to you okay let me go through the charges"),
            ("agent", "+9.0", "you've been billed for a full month because the contract renews on the tenth"),
            ("agent", "+7.0", "okay thanks for your patience my supervisor will call you within the hour"),
        ],
    ),
]
