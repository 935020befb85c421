#!/usr/bin/env bash
# Prepare the Python environment for this dbt project.
#
#   source scripts/bootstrap.sh   # from another script: also exports the env vars and cds to the project root
#   ./scripts/bootstrap.sh        # standalone: just creates/updates .venv
#
# Creates .venv with `python3 -m venv` when it is missing or broken, and installs requirements.txt
# (exact pins) only when requirements.txt changed since the last successful install (its sha256 is kept in
# .venv/.requirements.sha256). Needs only python3 (3.11+) on the machine.
set -euo pipefail

C360_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$C360_ROOT"

C360_VENV="$C360_ROOT/.venv"
C360_PYTHON="$C360_VENV/bin/python"
_c360_hash_file="$C360_VENV/.requirements.sha256"

_c360_log() { printf '[bootstrap] %s\n' "$*" >&2; }

# sha256 of requirements.txt, computed with python3 so no coreutils flavour is assumed.
_c360_req_hash="$(python3 -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' \
    "$C360_ROOT/requirements.txt")"

_c360_venv_ready() {
    "$C360_PYTHON" -c 'import sys' >/dev/null 2>&1 && [ -x "$C360_VENV/bin/dbt" ] \
        && [ "$(cat "$_c360_hash_file" 2>/dev/null || true)" = "$_c360_req_hash" ]
}

# Several scripts started at once on a fresh clone install once: the first takes .venv.lock (flock, where
# the machine has it), the others wait for it and then find the venv ready.
if ! _c360_venv_ready; then
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$C360_ROOT/.venv.lock"
        flock 9
    fi
    # A venv without a working python or without dbt (e.g. an interrupted install) is rebuilt from scratch.
    if ! "$C360_PYTHON" -c 'import sys' >/dev/null 2>&1 || [ ! -x "$C360_VENV/bin/dbt" ]; then
        _c360_log "creating $C360_VENV"
        rm -rf "$C360_VENV"
        if ! python3 -m venv "$C360_VENV"; then
            # Debian/Ubuntu ship venv's ensurepip in a separate package.
            if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
                _c360_log "python3 -m venv failed; installing the python3-venv package"
                rm -rf "$C360_VENV"
                apt-get update -qq
                DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
                python3 -m venv "$C360_VENV"
            else
                _c360_log "python3 -m venv failed: install your distribution's python3-venv package"
                exit 1
            fi
        fi
    fi

    if [ ! -f "$_c360_hash_file" ] || [ "$(cat "$_c360_hash_file" 2>/dev/null || true)" != "$_c360_req_hash" ]; then
        _c360_log "installing requirements.txt into .venv (pinned versions)"
        rm -f "$_c360_hash_file"
        "$C360_PYTHON" -m pip install --quiet --quiet --disable-pip-version-check --upgrade pip
        "$C360_PYTHON" -m pip install --quiet --quiet --disable-pip-version-check -r "$C360_ROOT/requirements.txt"
        printf '%s\n' "$_c360_req_hash" >"$_c360_hash_file"
        _c360_log "done"
    fi
    if command -v flock >/dev/null 2>&1; then
        flock -u 9
        exec 9>&-
    fi
fi
unset -f _c360_venv_ready

# Never phone home; find profiles.yml in the project root; use the venv's tools.
export DO_NOT_TRACK=1
export DBT_SEND_ANONYMOUS_USAGE_STATS=False
export DBT_PROFILES_DIR="$C360_ROOT"
export VIRTUAL_ENV="$C360_VENV"
case ":$PATH:" in
    *":$C360_VENV/bin:"*) ;;
    *) export PATH="$C360_VENV/bin:$PATH" ;;
esac
export C360_ROOT C360_PYTHON
unset _c360_hash_file _c360_req_hash
