//! The follow-up's writes (`app::backend::follow_up`): a guest's answers
//! and story, sent with the key from their email (the only proof asked
//! for: the key is good for one answer), withdrawing that story, and the
//! organisers publishing or declining stories.

use super::{
    HttpState,
    extract::{FormPost, ReaderLanguage},
    form_page::{
        self, at_path, client_address, form_again, form_again_as, rate_limited, render_again,
    },
    guard,
    refusal::Refusal,
};
use app::backend::follow_up::{
    stories::{self, Decision},
    survey,
};
use app::backend::rate_limit::limits::LINK_FORMS_PER_NETWORK;
use app::domain::follow_up::{
    ComeAgain, Comfortable, MetSomeoneNew, StoryDraft, StoryProblem, SurveyAnswers, SurveyProblem,
};
use app::i18n::Locale;
use app::l10n::refusals::Explain;
use app::ui::forms::FormState;
use axum::{
    extract::{Path, State},
    http::{StatusCode, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use leptos_i18n::Locale as _;

type Answer = Result<Response, Refusal>;

/// The follow-up page of `token`, as a path with its query.
fn survey_path(token: &str, done: Option<&str>) -> String {
    let token: String = form_urlencoded::byte_serialize(token.as_bytes()).collect();
    match done {
        Some(done) => format!("/follow-up?token={token}&done={done}"),
        None => format!("/follow-up?token={token}"),
    }
}

/// The follow-up page again, saying its link is not (or no longer) valid:
/// 404, nothing changed.
async fn link_not_valid(state: &HttpState, parts: Parts, token: &str) -> Response {
    let page = at_path(parts, &survey_path(token, None));
    let form = FormState {
        status: Some(StatusCode::NOT_FOUND),
        ..FormState::default()
    };
    render_again(state, page, form).await
}

/// `POST /follow-up`: `token`, the three answers (each optional), `story`,
/// `shown_as` and `first_name`.
pub async fn answer(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    FormPost { parts, fields }: FormPost,
) -> Answer {
    let field = |name| form_page::field(&fields, name);
    let token = field("token").trim().to_string();
    let page = at_path(parts.clone(), &survey_path(&token, None));
    over_link_limit(&state, &page, &fields, locale).await?;
    let story = match StoryDraft::from_form(field("story"), field("shown_as"), field("first_name"))
    {
        Ok(story) => story,
        Err(problem) => {
            let by = match problem {
                StoryProblem::TooLong => "story",
                StoryProblem::FirstNameMissing | StoryProblem::FirstNameTooLong => "first_name",
            };
            let page = at_path(parts, &survey_path(&token, None));
            let message = problem.explain(locale);
            return Ok(form_again(&state, page, fields.clone(), by, &message).await);
        }
    };
    let answers = SurveyAnswers {
        met_someone_new: MetSomeoneNew::parse(field("met_someone_new").trim()),
        comfortable: Comfortable::parse(field("comfortable").trim()),
        come_again: ComeAgain::parse(field("come_again").trim()),
        story,
    };
    let db = &state.app.db;
    match survey::answer(db, &token, &answers, locale.as_str(), Utc::now()).await? {
        Ok(()) => Ok(Redirect::to(&survey_path(&token, Some("answered"))).into_response()),
        Err(SurveyProblem::LinkNotValid) => Ok(link_not_valid(&state, parts, &token).await),
        Err(problem) => {
            let page = at_path(parts, &survey_path(&token, None));
            let message = problem.explain(locale);
            let status = StatusCode::CONFLICT;
            Ok(form_again_as(status, &state, page, fields.clone(), "story", &message).await)
        }
    }
}

/// `POST /follow-up/withdraw`: `token`. The story written with it is
/// deleted.
pub async fn withdraw(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    form: FormPost,
) -> Answer {
    let token = form.field("token").trim().to_string();
    let page = at_path(form.parts.clone(), &survey_path(&token, None));
    over_link_limit(&state, &page, &form.fields, locale).await?;
    if survey::withdraw(&state.app.db, &token).await? {
        Ok(Redirect::to(&survey_path(&token, Some("withdrawn"))).into_response())
    } else {
        Ok(link_not_valid(&state, form.parts, &token).await)
    }
}

/// `POST /events/{id}/stories/{story}`: `decision` ("publish" or
/// "decline"), by the gathering's organisers.
pub async fn decide(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path((public_id, story)): Path<(String, String)>,
    FormPost { parts, fields }: FormPost,
) -> Answer {
    let (event, _) = guard::managed(&state, &parts, &public_id, locale).await?;
    let page = format!("/events/{public_id}/stories");
    let Some(decision) = Decision::from_form(form_page::field(&fields, "decision")) else {
        let message = decision_problem(locale);
        let parts = at_path(parts, &page);
        return Ok(form_again(&state, parts, fields.clone(), "decision", &message).await);
    };
    if !stories::decide(&state.app.db, &event, &story, decision).await? {
        return Err(Refusal::NotFound);
    }
    let done = match decision {
        Decision::Publish => "publish",
        Decision::Decline => "decline",
    };
    Ok(Redirect::to(&format!("{page}?done={done}")).into_response())
}

/// Counts one form sent with an emailed key from this network; over the
/// limit, the page again with a message (429) and nothing done.
pub async fn over_link_limit(
    state: &HttpState,
    page: &Parts,
    fields: &[(String, String)],
    locale: Locale,
) -> Result<(), Refusal> {
    let network = client_address(state, page);
    let key = [(format!("link-form-net:{network}"), LINK_FORMS_PER_NETWORK)];
    rate_limited(state, page, &key, fields, "token", locale).await
}

fn decision_problem(locale: Locale) -> String {
    app::i18n::td_string!(locale, stories_problem_decision).to_string()
}
