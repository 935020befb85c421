#!/usr/bin/env bash
# Local BigQuery API emulator (crucible) for the `bq_emulator` dbt target.
#
#   ./scripts/bq-emulator.sh start    # install on first use, start on 127.0.0.1:$C360_BQ_EMULATOR_PORT, wait for health
#   ./scripts/bq-emulator.sh stop     # stop the emulator started by `start` (by PID), wait until it is gone
#   ./scripts/bq-emulator.sh status   # exit 0 and print the health document when it answers
#
# The emulator lives in its own virtualenv (.venv-bq-emulator, pins in requirements-bq-emulator.txt): it pins
# duckdb and sqlglot versions that differ from the project's. State is in memory, so every start is empty.
# Env: C360_BQ_EMULATOR_PORT (default 9050), C360_BQ_EMULATOR_START_TIMEOUT (seconds, default 60).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv-bq-emulator"
state_dir="$root/.bq-emulator"
port="${C360_BQ_EMULATOR_PORT:-9050}"
# one PID and log file per port: emulators on different ports are managed independently
pid_file="$state_dir/emulator-$port.pid"
log_file="$state_dir/emulator-$port.log"
health_url="http://127.0.0.1:$port/_crucible/health"
requirements="$root/requirements-bq-emulator.txt"

log() { printf '[bq-emulator] %s\n' "$*" >&2; }

healthy() {
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2).read()' \
        "$health_url" >/dev/null 2>&1
}

running_pid() {
    local pid
    pid="$(cat "$pid_file" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        printf '%s\n' "$pid"
    fi
}

install() {
    local req_hash
    req_hash="$(python3 -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' \
        "$requirements")"
    if [ -x "$venv/bin/crucible" ] && [ "$(cat "$venv/.requirements.sha256" 2>/dev/null || true)" = "$req_hash" ]; then
        return
    fi
    log "installing the emulator into $venv (first use)"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --quiet --disable-pip-version-check -r "$requirements"
    printf '%s\n' "$req_hash" >"$venv/.requirements.sha256"
}

start() {
    if [ -n "$(running_pid)" ] && healthy; then
        log "already running (pid $(running_pid)) on port $port"
        return
    fi
    if healthy; then
        log "port $port already answers as an emulator that this script did not start; stop it first"
        exit 1
    fi
    install
    mkdir -p "$state_dir"
    log "starting on 127.0.0.1:$port (log: $log_file)"
    # setsid: its own process group, so `stop` can end the server and anything it spawned.
    setsid "$venv/bin/crucible" serve --dialect bigquery --host 127.0.0.1 --port "$port" \
        >"$log_file" 2>&1 </dev/null &
    printf '%s\n' "$!" >"$pid_file"
    local deadline=$((SECONDS + ${C360_BQ_EMULATOR_START_TIMEOUT:-60}))
    until healthy; do
        if [ -z "$(running_pid)" ]; then
            log "the emulator exited during start-up; last lines of its log:"
            tail -n 20 "$log_file" >&2 || true
            rm -f "$pid_file"
            exit 1
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            log "no answer from $health_url after ${C360_BQ_EMULATOR_START_TIMEOUT:-60}s; stopping it"
            stop
            exit 1
        fi
        sleep 0.5
    done
    log "healthy: $health_url"
}

stop() {
    local pid
    pid="$(running_pid)"
    if [ -z "$pid" ]; then
        log "not running"
        rm -f "$pid_file"
        return
    fi
    log "stopping pid $pid"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "still alive after 10s; sending SIGKILL"
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file"
    log "stopped"
}

status() {
    if healthy; then
        python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=2).read().decode())' \
            "$health_url"
    else
        log "not answering on $health_url"
        exit 1
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *)
        echo "usage: $0 start|stop|status" >&2
        exit 2
        ;;
esac
