//! "Use my location": needs JavaScript and the browser's permission, so it
//! stays hidden until the island has hydrated. Without it, residents type a
//! place in the search form instead.

use leptos::prelude::*;

#[island]
pub fn LocateMe() -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    let (status, set_status) = signal(String::new());
    // Effects run only in the browser, so this marks the island as live.
    Effect::new(move |_| set_hydrated.set(true));

    let locate = move |_| {
        set_status.set("Finding your location…".to_string());
        #[cfg(feature = "hydrate")]
        browser::request_position(set_status);
    };

    view! {
        <div class="locate-me" hidden=move || !hydrated.get()>
            <button type="button" class="secondary" on:click=locate>
                "Use my location"
            </button>
            <p class="status" role="status" aria-live="polite">{status}</p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue, closure::Closure};

    pub fn request_position(set_status: WriteSignal<String>) {
        let Some(geolocation) = window().navigator().geolocation().ok() else {
            set_status.set("Your browser cannot share its location.".to_string());
            return;
        };
        let on_success =
            Closure::once_into_js(move |position: JsValue| match coordinates(&position) {
                Some((latitude, longitude)) => {
                    let target = format!("/?near={latitude:.5},{longitude:.5}");
                    let _ = window().location().set_href(&target);
                }
                None => set_status.set("Your browser cannot share its location.".to_string()),
            });
        let on_error = Closure::once_into_js(move |_: JsValue| {
            set_status.set("We could not get your location. Type a place instead.".to_string());
        });
        if geolocation
            .get_current_position_with_error_callback(
                on_success.unchecked_ref(),
                Some(on_error.unchecked_ref()),
            )
            .is_err()
        {
            set_status.set("Your browser cannot share its location.".to_string());
        }
    }

    /// Reads `position.coords.{latitude,longitude}` (the typed web-sys
    /// bindings for these are still marked unstable).
    fn coordinates(position: &JsValue) -> Option<(f64, f64)> {
        let coords = js_sys::Reflect::get(position, &"coords".into()).ok()?;
        let field = |name: &str| js_sys::Reflect::get(&coords, &name.into()).ok()?.as_f64();
        Some((field("latitude")?, field("longitude")?))
    }
}
