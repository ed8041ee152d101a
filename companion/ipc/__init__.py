"""Single instance and the local IPC channel softphones and `companion call` talk to."""
