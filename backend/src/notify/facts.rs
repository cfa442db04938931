//! An outbox row's payload read back by its event: a run's facts, a late job's, or the
//! daily digest's; and what each becomes on each channel.

use shared::notifications::{NotificationEvent, WebhookBody};

use super::digest::DigestFacts;
use super::late::LateFacts;
use super::render::{self, Context, Rendered, RunFacts};
use super::{render_more, webhook};

/// What a notification tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Facts {
    Run(RunFacts),
    Late(LateFacts),
    Digest(DigestFacts),
}

impl Facts {
    /// The payload of a row with `event`, decoded.
    pub fn of(event: NotificationEvent, payload: &serde_json::Value) -> serde_json::Result<Facts> {
        let v = payload.clone();
        Ok(match event {
            NotificationEvent::JobLate | NotificationEvent::JobOnTime => {
                Facts::Late(serde_json::from_value(v)?)
            }
            NotificationEvent::Digest => Facts::Digest(serde_json::from_value(v)?),
            _ => Facts::Run(serde_json::from_value(v)?),
        })
    }

    /// The e-mail.
    pub fn message(&self, ctx: &Context<'_>, event: NotificationEvent) -> Rendered {
        match self {
            Facts::Run(f) => render::run_message(ctx, event, f),
            Facts::Late(f) => render_more::late_message(ctx, event, f),
            Facts::Digest(f) => render_more::digest_message(ctx, f),
        }
    }

    /// The webhook's JSON body.
    pub fn webhook_body(&self, event: NotificationEvent, instance_url: &str) -> WebhookBody {
        match self {
            Facts::Run(f) => webhook::body(event, Some(f), instance_url),
            Facts::Late(f) => WebhookBody {
                job_id: Some(f.job_id),
                client: Some(f.client.clone()),
                job: Some(f.job.clone()),
                late_since: Some(f.late_since),
                ..webhook::body(event, None, instance_url)
            },
            Facts::Digest(_) => webhook::body(event, None, instance_url),
        }
    }
}
