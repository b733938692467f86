//! The manage page's picture section: the gathering's cover picture as
//! residents see it, a way to remove it, and a plain upload form (works
//! without JavaScript) that asks for a description with the file.

use crate::domain::picture::MAX_ALT_CHARACTERS;
use crate::i18n::td_string;
use crate::ui::forms::{FieldMessage, FormState};
use crate::ui::locale::use_locale;
use crate::ui::request::CsrfField;
use crate::views::picture::PictureView;
use leptos::prelude::*;

/// Form fields, shared with the route that reads them.
pub const FILE_FIELD: &str = "picture";
pub const ALT_FIELD: &str = "picture_alt";

#[component]
pub fn PictureSection(
    base: String,
    picture: Option<PictureView>,
    form: FormState,
) -> impl IntoView {
    let locale = use_locale();
    let file_error = form.error(FILE_FIELD);
    let alt_error = form.error(ALT_FIELD);
    let typed_alt = form
        .value(ALT_FIELD)
        .or_else(|| picture.as_ref().map(|p| p.alt.clone()))
        .unwrap_or_default();
    let described = |hint: &'static str, error: &Option<String>, field: &str| {
        if error.is_some() {
            format!("{hint} {field}-error")
        } else {
            hint.to_string()
        }
    };
    let file_described = described("picture-hint", &file_error, FILE_FIELD);
    let alt_described = described("picture-alt-hint", &alt_error, ALT_FIELD);
    view! {
        <section class="stack" aria-labelledby="picture-heading">
            <h2 id="picture-heading">{td_string!(locale, picture_heading)}</h2>
            <p>{td_string!(locale, picture_intro)}</p>
            {picture.map(|picture| view! {
                <figure class="picture-current">
                    <img src=picture.smallest().to_string() srcset=picture.srcset() sizes="(min-width: 40rem) 20rem, 100vw"
                        alt=picture.alt.clone() width=picture.width height=picture.height decoding="async" />
                    <figcaption class="hint">{picture.alt.clone()}</figcaption>
                </figure>
                <form method="post" action=format!("{base}/picture/remove")>
                    <CsrfField />
                    <button type="submit" class="secondary">{td_string!(locale, picture_remove)}</button>
                </form>
            })}
            <form class="stack" method="post" action=format!("{base}/picture") enctype="multipart/form-data">
                <CsrfField />
                <div class="field">
                    <label for="picture">{td_string!(locale, picture_choose)}</label>
                    <input id="picture" name=FILE_FIELD type="file" accept="image/jpeg,image/png,image/webp" required
                        aria-invalid=file_error.as_ref().map(|_| "true") aria-describedby=file_described />
                    <p id="picture-hint" class="hint">{td_string!(locale, picture_hint)}</p>
                    <FieldMessage field=FILE_FIELD message=file_error />
                </div>
                <div class="field">
                    <label for="picture_alt">{td_string!(locale, picture_alt_label)}</label>
                    <textarea id="picture_alt" name=ALT_FIELD rows="2" required maxlength=MAX_ALT_CHARACTERS
                        aria-invalid=alt_error.as_ref().map(|_| "true") aria-describedby=alt_described>{typed_alt}</textarea>
                    <p id="picture-alt-hint" class="hint">{td_string!(locale, picture_alt_hint)}</p>
                    <FieldMessage field=ALT_FIELD message=alt_error />
                </div>
                <button type="submit">{td_string!(locale, picture_save)}</button>
            </form>
        </section>
    }
}
