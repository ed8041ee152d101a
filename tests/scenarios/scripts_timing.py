"""Call scripts for the cues that timing drives: monologue, pace, dead-air, interruption, pause.
Read by build_corpus.py; see README.md for the line format, the markers and each kind's window.

The build checks every timing label against the word timings (talk-over of at least 0.5 s, a
reply under 0.3 s after an upset caller, 30 s of agent speech with no caller speech, more than
180 words/min over 20 s, 10 s of silence on both channels) and refuses unlabelled ones.
"""

# One utterance per line reads like a call transcript, so lines stay long and unformatted.
# ruff: noqa: E501
# fmt: off

SCENARIOS = [
    dict(
        name="insurance_agent_monologue",
        description="agent explains the whole claims process in one 40 s turn while the caller stays silent",
        must_not=["pace", "interruption", "dead-air", "avoid-phrase", "empathy", "clarify"],
        lines=[
            ("agent", 0.5, "meridian insurance claims it's olu speaking"),
            ("caller", "+0.8", "hi i've just made a claim online for a burst pipe what happens next"),
            ("agent", "+1.0", "{monologue} okay so i'll talk you through how the claim works first of all we log everything you've told us onto the system", 2.3),
            ("agent", "+0.4", "then a loss adjuster gets in touch within three working days to arrange a visit to the property", 2.3),
            ("agent", "+0.4", "they'll look at the damage take some photos and ask for any receipts you have for the damaged items", 2.3),
            ("agent", "+0.4", "once they've sent their report we make a decision usually within ten days and we'll write to you either way", 2.3),
            ("agent", "+0.4", "if it's approved the payment goes straight into your bank account minus the excess of two hundred pounds", 2.3),
            ("caller", "+0.8", "okay that all makes sense thank you"),
        ],
    ),
    dict(
        name="energy_agent_run_on_tariff",
        description="agent explains tariffs in one unbroken 36 s run-on utterance",
        must_not=["pace", "interruption", "dead-air", "avoid-phrase", "empathy", "clarify"],
        lines=[
            ("agent", 0.5, "brightwatt energy it's maya how can i help"),
            ("caller", "+0.8", "hi i'm on the standard variable tariff and i wondered if there's anything cheaper"),
            ("agent", "+1.0", "{monologue} right so there are three options at the moment the first is our twelve month fixed tariff which keeps your unit rate the same for a year and has a small exit fee of twenty pounds per fuel the second is the green tracker which follows the wholesale price every day so it can go up or down and the third is the overnight saver which is cheaper after ten at night if you have an electric car or storage heaters and most people in a home your size go for the fixed", 2.4),
            ("caller", "+0.9", "the fixed one sounds good for us"),
            ("agent", "+0.9", "great i'll switch you over from the first of next month"),
        ],
    ),
    dict(
        name="mobile_agent_races_terms",
        description="agent rattles through contract terms at about 225 words/min for 24 s; caller gets lost",
        must_not=["monologue", "interruption", "dead-air", "avoid-phrase", "empathy"],
        lines=[
            ("agent", 0.5, "kestrel mobile it's nathan"),
            ("caller", "+0.8", "hi i'd like to take the new thirty gig sim only deal"),
            ("agent", "+0.9", "great before i set that up i need to read you the key terms"),
            ("caller", "+0.6", "okay"),
            ("agent", "+0.8", "{pace} it's a twelve month contract at fifteen pounds a month with a price rise each april of inflation plus three point nine percent and you can cancel within fourteen days", 3.8),
            ("agent", "+0.4", "calls and texts are unlimited your data is thirty gigabytes and unused data doesn't roll over and roaming in europe is included up to fifteen gigabytes", 3.8),
            ("agent", "+0.4", "after that it's three pounds per gigabyte and if you leave early you pay the remaining months in full is that okay for me to set it up", 3.8),
            ("caller", "+0.9", "sorry you've lost me {clarify} there what was that about april"),
            ("agent", "+1.0", "sorry i went too fast each april the price goes up by inflation plus three point nine percent"),
            ("caller", "+0.7", "okay thanks that's fine"),
        ],
    ),
    dict(
        name="bank_agent_fast_disclosure",
        description="agent reads a loan disclosure at about 215 words/min for 24 s; caller is fine with it",
        must_not=["monologue", "interruption", "dead-air", "avoid-phrase", "empathy", "clarify"],
        lines=[
            ("agent", 0.5, "harbour bank loans it's isaac"),
            ("caller", "+0.8", "hi i was approved online for a car loan and was told to ring to confirm"),
            ("agent", "+1.0", "lovely i just need to read a short statement and then you can confirm"),
            ("caller", "+0.6", "go ahead"),
            ("agent", "+0.8", "{pace} the loan is eight thousand pounds over forty eight months at a fixed rate of six point nine percent the monthly repayment is one hundred and ninety one pounds", 3.6),
            ("agent", "+0.4", "the total amount repayable is nine thousand one hundred and sixty eight pounds you have fourteen days to withdraw and you can repay early with up to fifty eight days interest", 3.6),
            ("agent", "+0.4", "missing payments could affect your credit rating and make future borrowing harder do you confirm you have read and understood the loan agreement", 3.6),
            ("caller", "+0.9", "yes i confirm"),
            ("agent", "+0.9", "thank you the money will be in your account within two hours"),
        ],
    ),
    dict(
        name="broadband_dead_air_line_test",
        description="agent runs a line test and says nothing for 12 s; caller waits silently",
        must_not=["monologue", "pace", "interruption", "pause", "empathy", "avoid-phrase"],
        lines=[
            ("agent", 0.5, "northlink broadband it's carlos how can i help"),
            ("caller", "+0.8", "hi my speed has dropped to about two megabits since the weekend"),
            ("agent", "+1.0", "okay let me run a line test that can take a little while"),
            ("caller", "+0.6", "sure"),
            ("agent", "+12.0", "{dead-air} thanks for waiting the test shows a fault at the cabinet so i've raised it with our engineers"),
            ("caller", "+0.7", "okay how long will that take"),
            ("agent", "+0.9", "usually two to three days and i'll text you with updates"),
            ("caller", "+0.6", "great thanks"),
        ],
    ),
    dict(
        name="medical_dead_air_diary",
        description="caller goes to find a diary; 14 s of silence on both lines before the caller returns",
        must_not=["monologue", "pace", "interruption", "pause", "empathy", "avoid-phrase", "callback"],
        lines=[
            ("agent", 0.5, "riverside medical centre it's tariq"),
            ("caller", "+0.9", "hello i need to book my flu jab"),
            ("agent", "+1.0", "of course we have saturday morning or wednesday afternoon"),
            ("caller", "+0.8", "hang on let me just get my diary"),
            ("caller", "+14.0", "{dead-air} sorry about that wednesday afternoon is best"),
            ("agent", "+0.9", "lovely i've booked you in for two forty on wednesday"),
            ("caller", "+0.6", "thank you"),
        ],
    ),
    dict(
        name="parcel_agent_talks_over_address",
        description="agent starts confirming the address 1 s before the calm caller finishes",
        must_not=["pause", "empathy", "boundary", "avoid-phrase"],
        lines=[
            ("agent", 0.5, "swiftpost deliveries it's zoe"),
            ("caller", "+0.8", "hi i'm changing my delivery address for tomorrow it's flat three forty one harbour road and the postcode is l eight four x y"),
            ("agent", "-1.0", "{interruption} right flat three forty one harbour road got it"),
            ("caller", "+0.7", "and the postcode was l eight four x y"),
            ("agent", "+0.9", "sorry i cut across you there l eight four x y thank you"),
            ("caller", "+0.6", "no problem"),
            ("agent", "+0.9", "that's all updated for tomorrow's delivery"),
            ("caller", "+0.6", "thanks"),
        ],
    ),
    dict(
        name="insurance_agent_cuts_in",
        description="agent cuts in 1.5 s before the caller finishes; the caller's son (not the caller) will be driving",
        must_not=["pause", "empathy", "callback", "avoid-phrase"],
        lines=[
            ("agent", 0.5, "meridian insurance it's priya"),
            ("caller", "+0.9", "hello i'm calling to add my son to my car insurance he's just passed his test and he'll be driving it mostly at weekends"),
            ("agent", "-1.5", "{interruption} okay how old is he"),
            ("caller", "+0.8", "he's eighteen"),
            ("agent", "+1.0", "thank you adding him will cost an extra three hundred and ten pounds for the rest of the year"),
            ("caller", "+0.7", "okay that's fine go ahead"),
        ],
    ),
    dict(
        name="bank_quick_reply_to_upset_caller",
        description="caller fed up with repeated charges; agent answers 0.1 s after the caller stops",
        must_not=["avoid-phrase", "boundary", "escalation", "interruption"],
        lines=[
            ("agent", 0.5, "harbour bank this is nina"),
            ("caller", "+0.8", "i've been charged for the same thing again and honestly i'm sick to death {empathy} of it"),
            ("agent", "+0.1", "{pause} okay i'll look at that now"),
            ("caller", "+0.8", "thank you"),
            ("agent", "+1.0", "i can see three charges of nine ninety nine from the same shop i'll refund two of them today"),
            ("caller", "+0.6", "right good"),
        ],
    ),
    dict(
        name="medical_quick_reply_to_grief",
        description="caller's father died; receptionist answers 0.2 s after the caller stops",
        must_not=["avoid-phrase", "boundary", "escalation", "callback", "clarify", "interruption"],
        lines=[
            ("agent", 0.5, "riverside medical centre you're through to ana"),
            ("caller", "+1.0", "hi um my dad died {empathy} on saturday so i need to cancel his appointments"),
            ("agent", "+0.2", "{pause} oh i'm so sorry i can do that for you now what was his date of birth"),
            ("caller", "+1.0", "the third of may nineteen forty eight"),
            ("agent", "+1.2", "thank you i've cancelled his two appointments and let the doctor know"),
            ("caller", "+0.8", "thank you"),
        ],
    ),
]
