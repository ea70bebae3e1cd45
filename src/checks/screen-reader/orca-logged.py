"""
Runs Orca with its "speech" logger written to a file, line by line, as each utterance is made: the logger Orca's own
regression tests read. Orca's --debug-file is buffered and loses its end when Orca is stopped; this does not.

Usage: /usr/bin/python3 orca-logged.py SPEECH_LOG [orca options...]
(/usr/bin/python3: pyatspi is Debian's, not in other Pythons.)
"""
import logging
import sys

log_file = sys.argv[1]
sys.argv = ['orca'] + sys.argv[2:]
# As if no speech synthesiser were installed: Orca then logs every utterance at once instead of waiting for audio
# that no one hears (speech-dispatcher comes with Debian's orca package).
sys.modules['speechd'] = None
handler = logging.FileHandler(log_file, mode='w', encoding='utf-8')
handler.setFormatter(logging.Formatter('%(message)s'))
logging.getLogger('speech').addHandler(handler)
# Orca refuses to start while any other Orca of this user runs ("another screen reader process is already running"),
# and --replace would kill it: a person's own Orca, or another check's. Each check has its own display, D-Bus session
# and accessibility bus, so other Orcas are not in its way: run Orca's launcher with that test switched off.
launcher = {'__name__': 'orca_launcher', '__file__': '/usr/bin/orca'}
with open('/usr/bin/orca', encoding='utf-8') as source:
    exec(compile(source.read(), '/usr/bin/orca', 'exec'), launcher)
launcher['otherOrcas'] = lambda: []
sys.exit(launcher['main']())
