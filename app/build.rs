//! Generates the translation module (`i18n`) from `locales/*.json` for the
//! server build. Translations are applied on the server only: islands receive
//! already-translated strings as props, so no translation reaches the WASM.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    #[cfg(feature = "ssr")]
    generate_translations()?;
    Ok(())
}

#[cfg(feature = "ssr")]
fn generate_translations() -> Result<(), Box<dyn std::error::Error>> {
    use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR unset")?);
    let config = Config::new("en")?
        .add_locales(["fr", "es", "de", "ar", "fa", "uk", "tr"])?
        // Lets `td_string!` fill in `{{ values }}`, for attributes and props.
        .parse_options(ParseOptions::default().interpolate_display(true));
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out.join("i18n"))?;
    Ok(())
}
