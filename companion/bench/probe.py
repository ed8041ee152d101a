"""The two variables through which `companion bench` asks the real overlay to measure itself."""

PROBE_ENV = "COMPANION_STARTUP_PROBE"  # write the first-paint time (and CPU use) to this file
PROBE_CALL_S_ENV = "COMPANION_PROBE_CALL_S"  # then measure CPU over this much of a demo call
