//! "Your time: …" under a gathering's local time, shown only when the
//! reader's device is in another time zone (someone planning a visit, or
//! reading from abroad). Only the browser knows its zone, so this is an
//! island; without JavaScript the page shows the place's local time alone.

use leptos::prelude::*;

#[island]
pub fn ViewerTime(
    /// The start, RFC 3339.
    starts_at: String,
    /// The place's UTC offset at that moment, minutes east of UTC.
    place_offset_minutes: i32,
    /// "Your time:", translated.
    label: String,
    /// The page's language, for the browser's date formatting.
    language: String,
) -> impl IntoView {
    let (text, set_text) = signal(String::new());
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(local) = browser::local_time(&starts_at, place_offset_minutes, &language) {
            set_text.set(local);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&starts_at, place_offset_minutes, &language, set_text);
    });
    view! {
        <p class="viewer-time" hidden=move || text.with(String::is_empty)>
            {label} " " {text}
        </p>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsValue;

    /// The start in the device's zone, or `None` when that is the place's.
    pub fn local_time(
        starts_at: &str,
        place_offset_minutes: i32,
        language: &str,
    ) -> Option<String> {
        let date = js_sys::Date::new(&JsValue::from_str(starts_at));
        if date.get_time().is_nan() {
            return None;
        }
        // getTimezoneOffset is minutes *behind* UTC.
        let device_offset = -(date.get_timezone_offset() as i32);
        if device_offset == place_offset_minutes {
            return None;
        }
        let options = js_sys::Object::new();
        for (key, value) in [
            ("weekday", "short"),
            ("day", "numeric"),
            ("month", "short"),
            ("hour", "numeric"),
            ("minute", "2-digit"),
            ("timeZoneName", "short"),
        ] {
            js_sys::Reflect::set(&options, &key.into(), &value.into()).ok()?;
        }
        date.to_locale_string(language, &options).as_string()
    }
}
