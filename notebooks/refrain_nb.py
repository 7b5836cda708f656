"""What the notebooks share: where the repository, the refrain binary and the corpora are,
and how to run a refrain command and read its JSON.

The refrain binary: $REFRAIN, else build/cli/refrain under the repository root (build it with
scripts/build). The larger corpora: ../shared/corpora next to the repository ($REFRAIN_SHARED
instead of ../shared), used when present; otherwise the notebooks fall back to corpus/seed.
"""

import json
import os
import subprocess
import sys


def repo_root():
    """The repository root: the first folder up from here that holds corpus/seed and cli/."""
    here = os.path.abspath(os.getcwd())
    path = here
    while True:
        if os.path.isdir(os.path.join(path, "corpus", "seed")) and os.path.isdir(os.path.join(path, "cli")):
            return path
        parent = os.path.dirname(path)
        if parent == path:
            raise RuntimeError(f"no refrain repository above {here}")
        path = parent


ROOT = repo_root()


def refrain_binary():
    path = os.environ.get("REFRAIN") or os.path.join(ROOT, "build", "cli", "refrain")
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"no refrain binary at {path}: run scripts/build, or set REFRAIN")
    return path


def shared_corpus(name):
    """../shared/corpora/NAME when it is there, else None. $REFRAIN_SHARED replaces ../shared
    (a missing folder shows what a clone without it gets)."""
    shared = os.environ.get("REFRAIN_SHARED") or os.path.join(ROOT, "..", "shared")
    path = os.path.normpath(os.path.join(shared, "corpora", name))
    return path if os.path.isdir(path) else None


def has_command(command):
    """Whether this refrain binary has the subcommand (older builds lack the newer ones)."""
    done = subprocess.run([refrain_binary(), command, "--help"], capture_output=True, text=True)
    return done.returncode == 0


def refrain_json(*args):
    """Runs `refrain ARGS... --format json` and returns the parsed object; raises with refrain's
    message (stderr) when it fails."""
    cmd = [refrain_binary(), *map(str, args), "--format", "json"]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr}")
    return json.loads(done.stdout)


def describe():
    """One line saying which Python and which refrain this notebook ran with."""
    try:
        binary = refrain_binary()
        version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
        refrain = f"{version} ({os.path.relpath(binary, ROOT)})"
    except RuntimeError as e:
        refrain = str(e)
    return f"Python {sys.version.split()[0]} ({sys.executable}); {refrain}"
