//! Webhook delivery: the JSON body of a notification (`WebhookBody`, in the OpenAPI
//! document), signed with HMAC-SHA256 when the webhook has a secret, posted with its own
//! timeout.

use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use shared::notifications::{NotificationEvent, WebhookBody};

use super::mail::DeliveryError;
use super::render::RunFacts;

/// The header holding the body's signature.
pub const SIGNATURE_HEADER: &str = "X-ElkarBackup-Signature";
/// How long a webhook may take to answer.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The body telling `event` about the run `facts` (none for a test).
pub fn body(event: NotificationEvent, facts: Option<&RunFacts>, instance_url: &str) -> WebhookBody {
    let link = |id: i64| super::render::instance_link(instance_url, &format!("runs/{id}"));
    WebhookBody {
        event,
        run_id: facts.map(|f| f.run_id),
        kind: facts.map(|f| f.kind),
        result: facts.map(|f| f.result),
        error_code: facts.and_then(|f| f.error_code),
        client: facts.map(|f| f.client.clone()),
        job: facts.map(|f| f.job.clone()),
        started_at: facts.and_then(|f| f.started_at),
        finished_at: facts.map(|f| f.finished_at),
        files: facts.and_then(|f| f.files),
        bytes: facts.and_then(|f| f.bytes),
        new_bytes: facts.and_then(|f| f.new_bytes),
        url: facts.and_then(|f| link(f.run_id)),
        job_id: None,
        late_since: None,
    }
}

/// `sha256=<hex HMAC-SHA256 of body with secret>`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    // HMAC takes keys of any length; `new_from_slice` cannot fail for it.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// Posts `body` to `url`, signed when `secret` is not empty; returns the answer's status
/// line and the start of its body. A 4xx answer (but 408 and 429) is permanent.
pub async fn post(url: &str, secret: &str, body: &WebhookBody) -> Result<String, DeliveryError> {
    let bytes = serde_json::to_vec(body)
        .map_err(|e| DeliveryError::permanent(format!("encoding the body: {e}")))?;
    let client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| DeliveryError::permanent(format!("HTTP client: {e}")))?;
    let mut req = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(reqwest::header::USER_AGENT, "ElkarBackup");
    if !secret.is_empty() {
        req = req.header(SIGNATURE_HEADER, signature(secret, &bytes));
    }
    let res = req.body(bytes).send().await.map_err(|e| DeliveryError {
        permanent: e.is_builder(),
        message: error_chain(&e),
    })?;
    let status = res.status();
    let text: String = res
        .text()
        .await
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    let reply = format!("{status} {}", text.trim()).trim().to_owned();
    if status.is_success() {
        return Ok(reply);
    }
    let code = status.as_u16();
    Err(DeliveryError {
        permanent: status.is_client_error() && code != 408 && code != 429,
        message: format!("HTTP {reply}"),
    })
}

/// The error with its causes (reqwest's own text omits the interesting part).
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(&format!(": {s}"));
        source = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_the_hmac_of_the_body() {
        // RFC 4231 test case 2.
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn a_test_body_has_no_run() {
        let b = body(NotificationEvent::Test, None, "https://x.example");
        assert_eq!(
            (b.event, b.run_id, b.url),
            (NotificationEvent::Test, None, None)
        );
    }
}
