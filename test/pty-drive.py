"""Drives a command in a pseudo-terminal (Node has no pty of its own): writes the given keystrokes
with pauses and prints everything the terminal showed, then the exit code. Used by cli/repl.test.ts.
Usage: pty-drive.py <keystrokes as JSON list> -- <command...>"""
import json, os, pty, select, sys, time

keys = json.loads(sys.argv[1])
cmd = sys.argv[sys.argv.index('--') + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
out = b''
def read(seconds, until=None):
    """Reads until `until` shows up (then a short quiet spell), or `seconds` pass."""
    global out
    end = time.time() + seconds
    seen_at = None
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                out += os.read(fd, 4096)
            except OSError:
                return
        elif until is not None and until in out[start:]:
            seen_at = seen_at or time.time()
            if time.time() - seen_at > 0.3:
                return
start = 0
read(30, b'> ')
for k in keys:
    start = len(out)
    os.write(fd, k.encode('utf8'))
    read(5, b'> ')
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode('utf8', 'replace'))
sys.stdout.write('\nEXIT %d\n' % os.waitstatus_to_exitcode(status))
