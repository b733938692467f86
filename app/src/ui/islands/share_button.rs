//! "Share…": opens the phone's own share sheet (the Web Share API), so a
//! gathering goes to whichever messenger a neighbour uses. Hidden until
//! the island has hydrated in a browser that has a share sheet; the plain
//! share links beside it work everywhere else.

use leptos::prelude::*;

#[island]
pub fn ShareButton(
    /// The button's text.
    label: String,
    /// What is shared: the gathering's title and its address.
    title: String,
    url: String,
) -> impl IntoView {
    let (supported, set_supported) = signal(false);
    // Effects run only in the browser.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        set_supported.set(browser::can_share());
        #[cfg(not(feature = "hydrate"))]
        let _ = set_supported;
    });
    let share = move |_| {
        #[cfg(feature = "hydrate")]
        browser::share(&title, &url);
        #[cfg(not(feature = "hydrate"))]
        let _ = (&title, &url);
    };
    view! {
        <button type="button" class="secondary" hidden=move || !supported.get() on:click=share>
            {label}
        </button>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue, closure::Closure};

    /// `navigator.share`, when the browser has it (web-sys marks its typed
    /// binding unstable).
    fn share_function() -> Option<(JsValue, js_sys::Function)> {
        let navigator: JsValue = window().navigator().into();
        let share = js_sys::Reflect::get(&navigator, &"share".into()).ok()?;
        let share = share.dyn_into::<js_sys::Function>().ok()?;
        Some((navigator, share))
    }

    pub fn can_share() -> bool {
        share_function().is_some()
    }

    pub fn share(title: &str, url: &str) {
        let Some((navigator, share)) = share_function() else {
            return;
        };
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
        // Closing the sheet without sharing rejects the promise; that is
        // not an error worth a console message.
        if let Ok(promise) = share.call1(&navigator, &data)
            && let Ok(promise) = promise.dyn_into::<js_sys::Promise>()
        {
            let ignore = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
            let _ = promise.catch(&ignore);
            // Kept for as long as the page: one tiny closure per share.
            ignore.forget();
        }
    }
}
