//! How a page starts its islands: Leptos' own loader, served as a file in
//! the bundle's folder instead of written into every page.
//!
//! Leptos' `HydrationScripts` writes its 1.7 KB loader into each page's
//! head, where every reader downloads it again and the server compresses it
//! again. The loader is the same for every page of one bundle, so the
//! server renders `HydrationScripts` once at start (`Islands::render`),
//! serves the loader as a file named by its own content, beside the bundle,
//! where the browser and the service worker keep it, and each page's head
//! names it in one line (`IslandsLoader`, given the `Islands` as context).

use leptos::config::LeptosOptions;
use leptos::hydration::HydrationScripts;
use leptos::nonce::use_nonce;
use leptos::prelude::*;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// What Leptos' `HydrationScripts` writes for this bundle, taken apart.
#[derive(Clone, Debug)]
pub struct Islands {
    /// Where the loader is served: `/<bundle folder>/islands-<hash of its
    /// text>.js`, so its address changes whenever its text does and
    /// browsers may keep it for good.
    pub loader_path: Arc<str>,
    /// The loader's text, without the `<script>` around it.
    pub loader: Arc<str>,
    /// The bundle's JavaScript and WASM, which the head asks for early.
    pub module: Arc<str>,
    pub wasm: Arc<str>,
}

impl Islands {
    /// Renders Leptos' hydration scripts once, for this bundle.
    pub fn render(options: &LeptosOptions) -> Self {
        let head = Owner::new()
            .with(|| view! { <HydrationScripts options=options.clone() islands=true /> }.to_html());
        let loader =
            module_script_text(&head).expect("Leptos' hydration scripts contain a module script");
        let module = link_href(&head, "modulepreload").expect("Leptos preloads the bundle's JS");
        let wasm = link_href(&head, "preload").expect("Leptos preloads the bundle's WASM");
        let hash = hex::encode(&Sha256::digest(loader.as_bytes())[..6]);
        Self {
            loader_path: format!("/{}/islands-{hash}.js", options.site_pkg_dir).into(),
            loader: loader.into(),
            module: module.into(),
            wasm: wasm.into(),
        }
    }
}

/// The text of the first `<script type="module">` in `html`. Leptos writes
/// the loader's text raw (a script's content is not escaped), so the text
/// ends at the first `</script>`.
fn module_script_text(html: &str) -> Option<&str> {
    let tag = html.find("<script type=\"module\"")?;
    let text = tag + html[tag..].find('>')? + 1;
    let end = text + html[text..].find("</script>")?;
    Some(&html[text..end])
}

/// The `href` of the first `<link rel="{rel}" href="…">` in `html`, as
/// Leptos writes its preloads (the bundle's paths need no escaping).
fn link_href<'a>(html: &'a str, rel: &str) -> Option<&'a str> {
    let opening = format!("<link rel=\"{rel}\" href=\"");
    let start = html.find(&opening)? + opening.len();
    let end = start + html[start..].find('"')?;
    Some(&html[start..end])
}

/// The head's part in starting the islands: the bundle is fetched early
/// (as Leptos' own hints do) and the loader runs it once the page is idle.
/// Needs `Islands` in context (the server provides it with each page).
#[component]
pub fn IslandsLoader() -> impl IntoView {
    // What `HydrationScripts` also does in islands mode: outside islands
    // nothing hydrates, so the values of the page's resources are not
    // written into it again as script (9 KB on the near-me page).
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let islands = use_context::<Islands>()?;
    Some(view! {
        <link rel="modulepreload" href=islands.module />
        <link rel="preload" href=islands.wasm r#as="fetch" r#type="application/wasm" crossorigin="" />
        <script type="module" src=islands.loader_path nonce=use_nonce()></script>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle() -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("commonground")
            .site_pkg_dir("pkg/0123abcd")
            .build()
    }

    #[test]
    fn the_loader_is_leptos_own_module_script_for_this_bundle() {
        let islands = Islands::render(&bundle());
        assert!(!islands.loader.contains("<script"), "{}", islands.loader);
        // Leptos calls its loader with the bundle's folder and file names.
        assert!(
            islands
                .loader
                .contains(r#"("", "pkg/0123abcd", "commonground", "commonground_bg", false)"#),
            "{}",
            islands.loader
        );
        assert!(islands.loader.contains("hydrateIslands"));
        assert_eq!(&*islands.module, "/pkg/0123abcd/commonground.js");
        assert_eq!(&*islands.wasm, "/pkg/0123abcd/commonground_bg.wasm");
        assert!(
            islands.loader_path.starts_with("/pkg/0123abcd/islands-")
                && islands.loader_path.ends_with(".js"),
            "{}",
            islands.loader_path
        );
    }

    #[test]
    fn the_loader_is_named_by_its_text() {
        let other = LeptosOptions::builder()
            .output_name("commonground")
            .site_pkg_dir("pkg/4567cdef")
            .build();
        let (one, again, two) = (
            Islands::render(&bundle()),
            Islands::render(&bundle()),
            Islands::render(&other),
        );
        assert_eq!(one.loader_path, again.loader_path);
        let name = |islands: &Islands| islands.loader_path.rsplit('/').next().unwrap().to_string();
        assert_ne!(name(&one), name(&two));
    }

    #[test]
    fn only_a_module_script_and_the_named_link_are_taken() {
        let head = r#"<link rel="modulepreload" href="/a.js"><link rel="preload" href="/b.wasm" as="fetch"><script type="module" nonce="n">go()</script><script>x</script>"#;
        assert_eq!(module_script_text(head), Some("go()"));
        assert_eq!(link_href(head, "modulepreload"), Some("/a.js"));
        assert_eq!(link_href(head, "preload"), Some("/b.wasm"));
        assert_eq!(link_href(head, "stylesheet"), None);
        assert_eq!(module_script_text("<script>x</script>"), None);
        assert_eq!(
            module_script_text(r#"<script type="module">unclosed"#),
            None
        );
    }
}
