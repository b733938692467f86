# Shared by the scripts in scripts/: paths, messages and tool installation.
# Everything a fresh machine lacks is installed here, from package registries only.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
SITE="$TARGET/site"
BIN="$TARGET/debug/commonground"
cd "$ROOT"

# Each step says how long the script has run, so a slow CI run shows where
# its time went.
say() { printf '\033[1m==> [%4d s] %s\033[0m\n' "$SECONDS" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $*"
  fi
}

apt_install() {
  say "installing Debian packages: $*"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_build_tools() {
  command -v cargo >/dev/null || die "Rust is not installed: see https://rustup.rs, then run this again"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown Rust target"
    rustup target add wasm32-unknown-unknown
  fi
  local want; want="$(wasm_bindgen_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
    say "installing wasm-bindgen-cli $want (about 3 minutes, once)"
    cargo install --quiet wasm-bindgen-cli --version "=$want" --force
  fi
  if ! command -v npm >/dev/null; then apt_install nodejs npm; fi
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages (pinned in package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  # Python packages that read our calendar files, feeds and API
  # independently in tests.
  if ! python3 -c "import icalendar, feedparser, recurring_ical_events, openapi_spec_validator" 2>/dev/null \
    || ! command -v schemathesis >/dev/null; then
    say "installing Python test packages (pinned in tests/requirements.txt)"
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -r tests/requirements.txt
  fi
}

ensure_browser() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}
