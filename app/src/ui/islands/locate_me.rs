//! "Use my location": needs JavaScript and the browser's permission, so it
//! stays hidden until the island has hydrated. Without it, residents type a
//! place in the search form instead.

use leptos::prelude::*;

#[island]
pub fn LocateMe(
    /// The button's text.
    label: String,
    /// Shown while the browser looks up the position.
    finding: String,
    /// Shown when the browser has no geolocation.
    unsupported: String,
    /// Shown when the resident refuses or the lookup fails.
    failed: String,
) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    let (status, set_status) = signal(String::new());
    // Effects run only in the browser, so this marks the island as live.
    Effect::new(move |_| set_hydrated.set(true));

    let locate = move |_| {
        set_status.set(finding.clone());
        #[cfg(feature = "hydrate")]
        browser::request_position(set_status, unsupported.clone(), failed.clone());
        #[cfg(not(feature = "hydrate"))]
        let _ = (&unsupported, &failed);
    };

    view! {
        <div class="locate-me" hidden=move || !hydrated.get()>
            <button type="button" class="secondary" on:click=locate>
                {label}
            </button>
            <p class="status" role="status" aria-live="polite">{status}</p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue, closure::Closure};

    pub fn request_position(set_status: WriteSignal<String>, unsupported: String, failed: String) {
        let Some(geolocation) = window().navigator().geolocation().ok() else {
            set_status.set(unsupported);
            return;
        };
        let unsupported_later = unsupported.clone();
        let on_success =
            Closure::once_into_js(move |position: JsValue| match coordinates(&position) {
                Some((latitude, longitude)) => {
                    let target = format!("/?near={latitude:.5},{longitude:.5}");
                    let _ = window().location().set_href(&target);
                }
                None => set_status.set(unsupported_later),
            });
        let on_error = Closure::once_into_js(move |_: JsValue| set_status.set(failed));
        if geolocation
            .get_current_position_with_error_callback(
                on_success.unchecked_ref(),
                Some(on_error.unchecked_ref()),
            )
            .is_err()
        {
            set_status.set(unsupported);
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
