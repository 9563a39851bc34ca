"""What the repository's check scripts share: failures collected as they are found, reported at
the end with a non-zero exit when there are any, and files read from the source tree."""

import os
import sys

failures = []


def fail(message):
    failures.append(message)


def read(source, path):
    with open(os.path.join(source, path), encoding="utf-8") as f:
        return f.read()


def finish(ok_message):
    """Prints every failure and exits 1, or prints `ok_message`."""
    for message in failures:
        print("FAIL:", message)
    if failures:
        sys.exit(1)
    print(ok_message)
