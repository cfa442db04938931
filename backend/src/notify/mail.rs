//! E-mail delivery with lettre: one message to one recipient over SMTP (plain, STARTTLS
//! or implicit TLS as the settings say, optionally authenticated), with its own timeouts
//! so that a slow mail server only ever delays the sender.

use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use shared::settings::MailTls;

use super::render::Rendered;
use crate::db::settings::SettingsRow;

/// How long one SMTP command (connect, each reply) may take.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a whole delivery may take.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(120);

/// A delivery that did not happen (by mail or webhook): the exact error, and whether
/// trying again is useless (a 5xx SMTP reply, a 4xx HTTP answer, settings that cannot
/// work).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryError {
    pub permanent: bool,
    pub message: String,
}

impl DeliveryError {
    pub(super) fn permanent(message: impl Into<String>) -> Self {
        DeliveryError {
            permanent: true,
            message: message.into(),
        }
    }

    pub(super) fn transient(message: impl Into<String>) -> Self {
        DeliveryError {
            permanent: false,
            message: message.into(),
        }
    }
}

/// Sends `msg` to `to` through the mail server of `settings`; returns the server's reply
/// (`250 2.0.0 Ok: queued as …`).
pub async fn send(
    settings: &SettingsRow,
    to: &str,
    msg: &Rendered,
) -> Result<String, DeliveryError> {
    let host = settings.mail_host.trim();
    if host.is_empty() {
        return Err(DeliveryError::permanent("no mail server configured"));
    }
    let from: Mailbox = settings.mail_from.trim().parse().map_err(|e| {
        DeliveryError::permanent(format!("invalid sender address (mail_from): {e}"))
    })?;
    let to: Mailbox = to
        .trim()
        .parse()
        .map_err(|e| DeliveryError::permanent(format!("invalid recipient address: {e}")))?;
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(msg.subject.clone())
        .multipart(MultiPart::alternative_plain_html(
            msg.text.clone(),
            msg.html.clone(),
        ))
        .map_err(|e| DeliveryError::permanent(format!("building the message: {e}")))?;
    let transport = transport(settings, host)?;
    match tokio::time::timeout(DELIVERY_TIMEOUT, transport.send(message)).await {
        Err(_) => Err(DeliveryError {
            permanent: false,
            message: format!("no answer from {host} within {DELIVERY_TIMEOUT:?}"),
        }),
        Ok(Ok(reply)) => {
            let lines: Vec<&str> = reply.message().collect();
            Ok(format!("{} {}", reply.code(), lines.join(" ")))
        }
        Ok(Err(e)) => Err(DeliveryError {
            permanent: e.is_permanent(),
            message: e.to_string(),
        }),
    }
}

fn transport(
    settings: &SettingsRow,
    host: &str,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, DeliveryError> {
    let port = u16::try_from(settings.mail_port).map_err(|_| {
        DeliveryError::permanent(format!("invalid mail port {}", settings.mail_port))
    })?;
    let params = || {
        TlsParameters::new(host.to_owned())
            .map_err(|e| DeliveryError::permanent(format!("TLS settings: {e}")))
    };
    let tls = match settings.mail_tls {
        MailTls::None => Tls::None,
        MailTls::Starttls => Tls::Required(params()?),
        MailTls::Tls => Tls::Wrapper(params()?),
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
        .port(port)
        .tls(tls)
        .timeout(Some(COMMAND_TIMEOUT));
    if !settings.mail_user.is_empty() {
        builder = builder.credentials(Credentials::new(
            settings.mail_user.clone(),
            settings.mail_password.clone(),
        ));
    }
    Ok(builder.build())
}
