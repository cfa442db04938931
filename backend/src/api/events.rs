//! `GET /api/events`: live updates as server-sent events, one stream per browser tab.

use std::time::Duration;

use actix_web::{get, web, HttpRequest, Responder};
use actix_web_lab::sse;
use serde::Deserialize;
use shared::ApiError;
use utoipa::IntoParams;

use super::auth_user::AuthUser;
use crate::events::stream::subscribe;
use crate::events::Audience;
use crate::state::AppState;

/// Query of `GET /api/events`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// Resume after this event id (for clients that cannot send `Last-Event-ID`).
    #[param(minimum = 0)]
    pub last_event_id: Option<i64>,
}

/// One server-sent message as the stream carries it.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct SseMessage {
    /// The durable event's id (absent on progress), for `Last-Event-ID`.
    pub id: Option<String>,
    /// Always the default (`message`): the kind is the `type` inside `data`.
    pub event: Option<String>,
    /// One `Event` as JSON.
    #[schema(content_media_type = "application/json")]
    pub data: String,
}

/// Live updates (server-sent events).
///
/// Each message's `data` is one `Event` as JSON, tagged by `type`: `run` (queued, state
/// change, finished), `progress` (at most four per second per run; latest wins),
/// `client_state`, `snapshot`, `log`. Durable events carry an `id`; reconnect with
/// `Last-Event-ID` (browsers do it themselves) to receive what was missed. Only events
/// about clients you may see are sent. A comment is sent every 15 seconds to keep the
/// connection open.
#[utoipa::path(
    tag = "runs",
    security(("bearer" = []), ("cookie" = [])),
    params(
        EventsQuery,
        ("Last-Event-ID" = Option<String>, Header, description = "Resume after this event id"),
    ),
    responses(
        (status = 200, description = "The event stream: messages whose `data` is an `Event`", content_type = "text/event-stream", body = SseMessage),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/events")]
pub async fn events(
    state: web::Data<AppState>,
    user: AuthUser,
    req: HttpRequest,
    query: web::Query<EventsQuery>,
) -> Result<impl Responder, crate::api::error::AppError> {
    if query.last_event_id.is_some_and(|id| id < 0) {
        return Err(crate::api::error::AppError::new(
            shared::ErrorCode::BadRequest,
        ));
    }
    let last = req
        .headers()
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .or(query.last_event_id);
    let rx = subscribe(
        state.engine.events.clone(),
        Audience::of_owner_filter(user.actor().owner_filter()),
        last,
        |id, json| {
            let data = sse::Data::new(json);
            let data = match id {
                Some(id) => data.id(id.to_string()),
                None => data,
            };
            sse::Event::Data(data)
        },
    );
    Ok(sse::Sse::from_infallible_receiver(rx).with_keep_alive(Duration::from_secs(15)))
}
