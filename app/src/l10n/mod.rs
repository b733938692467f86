//! Everything about the reader's language that pages, emails and the JSON
//! API share: which languages exist (`language`), which one a request is
//! served in (`choice`), names kept in their own writing direction inside
//! sentences (`bidi`), formatting dates and numbers (`format`), the words
//! for our enums (`labels`) and for every refusal (`refusals`). Below the
//! backend: it depends only on `domain`, the generated `i18n` module and
//! HTTP header types, so emails written by the backend and pages use the
//! same words.

pub mod bidi;
pub mod choice;
pub mod format;
pub mod labels;
pub mod language;
pub mod refusals;
