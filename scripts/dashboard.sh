#!/usr/bin/env bash
# The KPI dashboard (Streamlit), read-only on the DuckDB warehouse.
#
#   ./scripts/dashboard.sh                 # serve dashboard/app.py on http://127.0.0.1:${C360_DASHBOARD_PORT:-8501}
#   ./scripts/dashboard.sh install         # only create/update .venv-dashboard (pins in requirements-dashboard.txt)
#   ./scripts/dashboard.sh install-browser # also apt-get Debian's chromium (for the browser test), when missing
#
# Env: C360_DUCKDB_PATH (warehouse file, default customer_360.duckdb), C360_DASHBOARD_PORT (default 8501).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv-dashboard"
requirements="$root/requirements-dashboard.txt"

log() { printf '[dashboard] %s\n' "$*" >&2; }

install() {
    local req_hash
    req_hash="$(python3 -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' \
        "$requirements")"
    if [ -x "$venv/bin/streamlit" ] && [ "$(cat "$venv/.requirements.sha256" 2>/dev/null || true)" = "$req_hash" ]; then
        return
    fi
    log "installing the dashboard into $venv (first use)"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --quiet --disable-pip-version-check -r "$requirements"
    printf '%s\n' "$req_hash" >"$venv/.requirements.sha256"
}

install_browser() {
    if [ -x /usr/bin/chromium ]; then
        return
    fi
    if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
        log "/usr/bin/chromium is missing: install your distribution's chromium package"
        exit 1
    fi
    log "installing Debian's chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}

case "${1:-serve}" in
    install) install ;;
    install-browser) install; install_browser ;;
    serve)
        install
        export C360_DUCKDB_PATH="${C360_DUCKDB_PATH:-$root/customer_360.duckdb}"
        exec "$venv/bin/streamlit" run "$root/dashboard/app.py" \
            --server.address 127.0.0.1 --server.port "${C360_DASHBOARD_PORT:-8501}" --server.headless true \
            --browser.gatherUsageStats false --server.fileWatcherType none
        ;;
    *)
        echo "usage: $0 [serve|install|install-browser]" >&2
        exit 2
        ;;
esac
