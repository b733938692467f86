# Builds the site (browser bundle + public files) and the server binary.
# Incremental: cargo rebuilds only what changed, and the bundle is
# post-processed only when the WASM changed.

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

WASM_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)

# Turns a compiled WASM into commonground.js + commonground_bg.wasm in $2.
bindgen_and_shrink() {
  local wasm="$1" out="$2"
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name commonground "$wasm"
  say "shrinking the WASM with wasm-opt"
  node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers "${WASM_FEATURES[@]}" \
    "$out/commonground_bg.wasm" -o "$out/commonground_bg.wasm"
}

build_bundle() {
  say "building the browser bundle (WASM, size-optimised)"
  cargo build --quiet -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
  local wasm="$TARGET/wasm32-unknown-unknown/wasm-release/frontend.wasm"
  local stage="$TARGET/bundle-stage"
  if [ ! -f "$stage/.stamp" ] || [ "$wasm" -nt "$stage/.stamp" ]; then
    bindgen_and_shrink "$wasm" "$stage"
    touch "$stage/.stamp"
  fi

  # Content-addressed folder: URLs change when the bundle does, so browsers
  # may cache it forever (see server/src/routes/static_files.rs).
  local hash
  hash="$(cat "$stage/commonground.js" "$stage/commonground_bg.wasm" | sha256sum | cut -c1-16)"
  rm -rf "$SITE" && mkdir -p "$SITE/pkg/$hash"
  cp "$stage/commonground.js" "$stage/commonground_bg.wasm" "$SITE/pkg/$hash/"
  echo "$hash" > "$SITE/pkg/BUNDLE"
  cp -R public/. "$SITE/"
  # Leaflet, served from our own origin (no third-party script), in a
  # versioned folder so it can be cached for good.
  local leaflet
  leaflet=$(node -p "require('./node_modules/leaflet/package.json').version")
  mkdir -p "$SITE/vendor/leaflet-$leaflet"
  cp -R node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css \
    node_modules/leaflet/dist/images "$SITE/vendor/leaflet-$leaflet/"
  sed -i "s/LEAFLET_VERSION/$leaflet/" "$SITE/map.js"
  # A new bundle means a new service worker (see public/sw.js).
  sed -i "s/BUNDLE_VERSION/$hash/" "$SITE/sw.js"
  node scripts/lib/precompress.mjs "$SITE"
}

# The server, in the debug profile unless SERVER_PROFILE=release (for
# measurements); sets BIN to the binary.
build_server() {
  local profile="${SERVER_PROFILE:-dev}"
  say "building the server ($profile)"
  cargo build --quiet -p server --bin commonground --profile "$profile"
  [ "$profile" = "dev" ] && BIN="$TARGET/debug/commonground" || BIN="$TARGET/$profile/commonground"
}

# The server binary and every test, in one build (debug profile), for
# scripts/test. Built this way, the binary and the tests share one feature
# resolution, so `cargo test` afterwards compiles nothing again; built apart
# (`-p server`, or `cargo test -p …`), cargo resolves features per package
# and compiles the `app` crate once more each time (measured: about three
# minutes of a cold CI run each).
build_server_and_tests() {
  say "building the server and the tests (dev)"
  cargo build --quiet --tests --bin commonground
  BIN="$TARGET/debug/commonground"
}

# Serves the built app on port $1 with a fresh demo database (for
# measurements), stops it when the calling script exits, and returns once it
# answers.
start_demo_server() {
  local port="$1"
  COMMONGROUND_BIN="$BIN" COMMONGROUND_SITE="$SITE" bash tests/browser/serve.sh "$port" 2>/dev/null &
  DEMO_SERVER=$!
  trap 'kill $DEMO_SERVER 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return 0
    sleep 0.1
  done
  die "the demo server did not start on port $port"
}
