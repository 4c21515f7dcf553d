#!/usr/bin/env bash
# Create (once) a venv that holds Label Studio for the integration test, and print the path of
# its `label-studio` executable. Label Studio stays out of govie's own environment: it pins
# Django, numpy and friends that govie must not inherit.
#
#   export GOVIE_LABEL_STUDIO_BIN="$(bash .ci/label_studio.sh)"
#
# Whoever starts that server keeps reports on the machine (README, "Annotating with Label Studio";
# the tests do it in tests/label_studio_server.py): without these Label Studio sends error reports
# and request traces to Sentry and loads Sentry's browser SDK on every page.
#
#   SENTRY_DSN= FRONTEND_SENTRY_DSN= COLLECT_ANALYTICS=false LATEST_VERSION_CHECK=false \
#       "$GOVIE_LABEL_STUDIO_BIN" start --no-browser --internal-host 127.0.0.1 --port PORT ...
#
# GOVIE_LS_VENV: where the venv goes (default /tmp/govie-ls-venv); PYTHON: the interpreter.
set -euo pipefail
LS_VERSION="1.23.2"
VENV="${GOVIE_LS_VENV:-/tmp/govie-ls-venv}"
PY="${PYTHON:-python3}"
BIN="$VENV/bin/label-studio"
STAMP="$VENV/.govie-label-studio-$LS_VERSION"
# Marks a folder this script made: only such a folder is ever deleted.
OWNER="$VENV/.govie-label-studio-venv"

# The stamp is written only after a complete install, so a half-built venv is rebuilt.
if [[ ! -x "$BIN" || ! -f "$STAMP" ]]; then
    # Earlier versions of this script left only a version stamp: that marks the folder as ours too.
    if [[ -e "$VENV" && ! -f "$OWNER" ]] && [[ -n "$(ls -A "$VENV" 2>/dev/null)" ]] \
        && ! compgen -G "$VENV/.govie-label-studio-*" >/dev/null; then
        echo "label_studio.sh: $VENV exists and was not made by this script; not touching it (set GOVIE_LS_VENV)" >&2
        exit 1
    fi
    rm -rf "$VENV"
    "$PY" -m venv "$VENV"
    touch "$OWNER"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip >&2
    "$VENV/bin/python" -m pip install --quiet "label-studio==$LS_VERSION" >&2
    touch "$STAMP"
fi
# Never `label-studio --version` here: it starts a server on 0.0.0.0:8080.
echo "$BIN"
