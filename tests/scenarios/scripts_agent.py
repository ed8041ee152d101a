"""Call scripts for the phrases the AGENT should avoid (avoid-phrase). Read by build_corpus.py;
see README.md for the line format and the markers.

Every phrase is a paraphrase of the listed families, the way people really say them: blame and
defensiveness, orders, a flat refusal, passing the buck, and "I don't know" given as the answer.
The marker sits right after the word that makes the phrase unmistakable.
"""

# One utterance per line reads like a call transcript, so lines stay long and unformatted.
# ruff: noqa: E501
# fmt: off

CALLER_CUES = ["empathy", "boundary", "escalation", "callback", "clarify"]

SCENARIOS = [
    dict(
        name="parcel_agent_not_my_fault",
        description="parcel marked as delivered: agent says it isn't their fault",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "swiftpost deliveries this is mark"),
            ("caller", "+0.8", "hi my parcel says delivered but it's not here and i've checked with the neighbours"),
            ("agent", "+1.0", "okay can i take the tracking number"),
            ("caller", "+0.7", "s p seven seven one zero three"),
            ("agent", "+1.1", "right the driver's marked it as left in a safe place"),
            ("caller", "+0.6", "there's no safe place here it's a block of flats"),
            ("agent", "+0.8", "well that isn't my fault {avoid-phrase} i'm just reading what the driver put"),
            ("caller", "+0.9", "okay so what happens now"),
            ("agent", "+1.0", "i'll open an investigation with the depot and you'll hear back within two days"),
            ("caller", "+0.6", "fine"),
        ],
    ),
    dict(
        name="broadband_agent_take_it_out_on_me",
        description="two weeks without broadband: upset caller, agent gets defensive",
        must_not=["boundary", "escalation", "callback", "clarify", "pause"],
        lines=[
            ("agent", 0.5, "northlink broadband steve speaking"),
            ("caller", "+0.8", "i've had no internet for two weeks {empathy} and i work from home this is costing me money"),
            ("agent", "+0.9", "look there's no need to take it out on me {avoid-phrase} i didn't cause the fault"),
            ("caller", "+0.9", "i'm not taking it out on you i just want it fixed"),
            ("agent", "+1.0", "sure i'll check the engineer notes for your area"),
            ("caller", "+0.6", "thank you"),
            ("agent", "+1.2", "there's a cable repair booked in your street for tomorrow so it should be back by the evening"),
            ("caller", "+0.6", "okay"),
        ],
    ),
    dict(
        name="energy_agent_what_you_need_to_do",
        description="smart meter stopped sending readings: agent orders the caller about",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "brightwatt energy paul speaking"),
            ("caller", "+0.8", "hi my smart meter's stopped sending readings and i've had an estimated bill"),
            ("agent", "+1.0", "okay what you need to do {avoid-phrase} is go and read the meter yourself and send it in"),
            ("caller", "+0.8", "right i can do that but can you fix the smart meter"),
            ("agent", "+1.0", "i'll book a remote reset and if that doesn't work we'll send an engineer"),
            ("caller", "+0.6", "okay thanks"),
        ],
    ),
    dict(
        name="insurance_agent_should_have_told_us",
        description="home insurance leak in an undeclared extension: agent says what the caller should have done",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "meridian home insurance this is carl"),
            ("caller", "+0.8", "hi i'm claiming for a leak in the extension we built last year"),
            ("agent", "+1.0", "let me check your policy right the extension isn't listed on it"),
            ("caller", "+0.7", "oh we didn't realise we had to tell you"),
            ("agent", "+0.9", "well what you should've done {avoid-phrase} was tell us when you renewed"),
            ("caller", "+0.8", "so am i not covered"),
            ("agent", "+1.1", "the main house is covered i'll ask the underwriters about the extension and come back to you"),
            ("caller", "+0.6", "okay please do"),
        ],
    ),
    dict(
        name="bank_agent_flat_refusal",
        description="overdraft fee refund request: agent refuses flatly, then offers an alert",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "harbour bank jamie speaking"),
            ("caller", "+0.8", "hi i was charged a twenty five pound fee for going overdrawn by two pounds could that be refunded"),
            ("agent", "+0.9", "no we can't {avoid-phrase} refund fees"),
            ("caller", "+0.8", "not even once it was only two pounds"),
            ("agent", "+1.0", "the fee is in the account terms i can set up a low balance alert so it doesn't happen again"),
            ("caller", "+0.6", "okay do that then"),
        ],
    ),
    dict(
        name="mobile_agent_not_my_department",
        description="double-charged bill: technical support agent passes the buck to billing",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "kestrel mobile technical support this is dev"),
            ("caller", "+0.8", "hi i've been charged twice for my bill this month"),
            ("agent", "+0.9", "that's not my department {avoid-phrase} you'll have to ring billing"),
            ("caller", "+0.8", "can't you just put me through"),
            ("agent", "+1.0", "yes okay i'll transfer you now"),
            ("caller", "+0.6", "thanks"),
        ],
    ),
    dict(
        name="medical_agent_i_dont_know",
        description="blood test results: receptionist answers with a bare I don't know",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "riverside medical centre this is helen"),
            ("caller", "+0.8", "hi i had a blood test on monday when will the results be back"),
            ("agent", "+1.0", "i don't know {avoid-phrase}"),
            ("caller", "+0.9", "oh okay is there any way to find out"),
            ("agent", "+1.1", "results usually take about five working days i'll put a note for the doctor to text you when they're in"),
            ("caller", "+0.6", "that's great thanks"),
        ],
    ),
    dict(
        name="parcel_agent_not_my_job",
        description="parcel left in a recycling bin: agent says chasing drivers is not their job",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "swiftpost customer service this is lee"),
            ("caller", "+0.8", "hi the driver left my parcel in the recycling bin could someone have a word with them"),
            ("agent", "+0.9", "that's not really my job {avoid-phrase} to chase drivers"),
            ("caller", "+0.8", "well who should i speak to then"),
            ("agent", "+1.0", "i can log a complaint with the depot and they'll follow it up"),
            ("caller", "+0.6", "okay please"),
        ],
    ),
    dict(
        name="mobile_agent_two_slips",
        description="mid-contract upgrade: a flat refusal early on and a bare 'no idea' forty seconds later",
        must_not=CALLER_CUES,
        lines=[
            ("agent", 0.5, "kestrel mobile you're through to gemma"),
            ("caller", "+0.8", "hi i'd like to swap my phone for the new model halfway through my contract"),
            ("agent", "+0.9", "no we can't {avoid-phrase} do upgrades until the last three months"),
            ("caller", "+0.8", "oh right and when is that for me"),
            ("agent", "+1.0", "let me check your contract started in april two thousand and twenty three on a twenty four month term"),
            ("caller", "+0.8", "so that's february then"),
            ("agent", "+1.0", "yes from the first of february you can upgrade online or in store"),
            ("caller", "+0.7", "and do i keep my number when i upgrade"),
            ("agent", "+0.9", "yes your number stays the same and your photos can be moved across in the shop"),
            ("caller", "+0.8", "lovely and will the new model still be in stock by then"),
            ("agent", "+0.9", "um i've got no idea {avoid-phrase} to be honest"),
            ("caller", "+0.8", "fair enough i'll call back in february"),
            ("agent", "+0.9", "great thanks for calling"),
        ],
    ),
]
