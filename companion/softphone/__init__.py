"""Following a softphone's calls without the agent pressing anything.

Softphones that can run a command on call events use `companion call start|end`. baresip
instead reports its calls on a TCP control socket; `baresip.BaresipFollower` listens there and
turns the events into the same requests. Plain Python: the Qt side only forwards the requests
to the running overlay (`companion.ui.softphone_bridge`).
"""
