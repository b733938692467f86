#!/usr/bin/env bash
# Measures the browser bundle in both Leptos hydration modes: islands (what
# we ship) and full hydration (the whole app as WASM), on the app as it was
# when the decision was made (commit 8ff095f: home page, one island). Since
# then pages are server-only code, which full hydration cannot build.
# Builds copies in a temporary workspace; changes nothing here.
source "$(dirname "$0")/../../scripts/lib/build.sh"
ensure_build_tools
DECISION_COMMIT="${DECISION_COMMIT:-8ff095f}"

work="$TARGET/hydration-modes"
mkdir -p "$work"
for mode in islands full; do
  ws="$work/$mode"
  rm -rf "$ws" && mkdir -p "$ws"
  git archive "$DECISION_COMMIT" app frontend Cargo.toml Cargo.lock | tar -x -C "$ws"
  sed -i 's/^members = .*/members = ["app", "frontend"]/' "$ws/Cargo.toml"
  if [ "$mode" = full ]; then
    sed -i 's/features = \["islands"\]/features = []/; s/features = \["hydrate", "islands"\]/features = ["hydrate"]/' \
      "$ws/app/Cargo.toml" "$ws/frontend/Cargo.toml"
    sed -i 's/leptos::mount::hydrate_islands();/leptos::mount::hydrate_body(app::App);/' "$ws/frontend/src/lib.rs"
  fi
  say "building the $mode bundle"
  (cd "$ws" && CARGO_TARGET_DIR="$work/target-$mode" cargo build --quiet -p frontend --lib \
    --target wasm32-unknown-unknown --profile wasm-release)
  bindgen_and_shrink "$work/target-$mode/wasm32-unknown-unknown/wasm-release/frontend.wasm" "$ws/pkg"
  echo; echo "== $mode hydration"
  node tests/bench/sizes.mjs "$ws/pkg/commonground_bg.wasm" "$ws/pkg/commonground.js"
done
