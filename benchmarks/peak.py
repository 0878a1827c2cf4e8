"""Run a command and write its peak memory (maximum resident set size, in KiB) to a file.

    python benchmarks/peak.py PEAK_FILE COMMAND [ARG...]

`run.py` starts every measured command through this launcher. Linux carries a process's peak
RSS across fork and exec: a command started directly by `run.py` would report at least the RSS
`run.py` itself had when it forked (hundreds of MB late in a full run). Started from this small
process, the command's peak is its own. The launcher exits with the command's exit status (128 +
the signal number when a signal ended it)."""

import os
import sys


def main() -> None:
    peak_file, command = sys.argv[1], sys.argv[2:]
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    _pid, status, usage = os.wait4(pid, 0)
    with open(peak_file, "w") as f:
        f.write(f"{usage.ru_maxrss}\n")
    code = os.waitstatus_to_exitcode(status)
    sys.exit(code if code >= 0 else 128 - code)


if __name__ == "__main__":
    main()
