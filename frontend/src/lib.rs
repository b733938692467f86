//! The browser entry point. The server renders every page; this only wakes up
//! the interactive islands inside them.

// Brings the islands' exported hydration functions into the bundle.
pub use app::ui::islands::*;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
