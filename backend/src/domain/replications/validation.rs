//! Field checks of a replication source that need no database: name, the primary's
//! address, token, ssh endpoint (the rules clients follow), locations, schedule, window,
//! bandwidth and retention ranges.

use shared::replication::ReplicationBody;
use shared::validate::{check_len, check_range, is_hostname, is_single_line, is_unix_user, Issue};

/// The issues of `body`. The token may be left out, even when creating: the primary's
/// access needs the replica's public key, which exists only once the source is saved, so
/// the token is usually pasted afterwards (on update an absent or empty token keeps the
/// stored one; a source without one does not sync).
pub fn validate(body: &ReplicationBody) -> Vec<Issue> {
    let mut v = Vec::new();
    check_len(&mut v, "name", body.name.trim(), 1, 100);
    if !is_single_line(&body.name) {
        v.push(Issue::new("name", "invalid"));
    }
    let url = body.url.trim();
    check_len(&mut v, "url", url, 1, 2000);
    if !url.is_empty() && !url_ok(url) {
        v.push(Issue::new("url", "invalid"));
    }
    match body.token.as_deref().unwrap_or_default() {
        "" => {}
        t if t.len() > 500 || t.chars().any(|c| c.is_whitespace() || c.is_control()) => {
            v.push(Issue::new("token", "invalid"))
        }
        _ => {}
    }
    ssh(body, &mut v);
    locations(body, &mut v);
    if let Some(i) = body.interval_minutes {
        check_range(&mut v, "interval_minutes", i64::from(i), 5, 10080);
    }
    if let Some(b) = body.bwlimit_kib {
        check_range(&mut v, "bwlimit_kib", i64::from(b), 1, i64::from(i32::MAX));
    }
    match (body.window_start, body.window_end) {
        (Some(_), None) => v.push(Issue::new("window_end", "required")),
        (None, Some(_)) => v.push(Issue::new("window_start", "required")),
        _ => {}
    }
    let ranges = [
        ("min_age_days", body.min_age_days, 3650),
        ("vanished_grace_days", body.vanished_grace_days, 3650),
        ("max_deletions_per_run", body.max_deletions_per_run, 10000),
    ];
    for (field, value, max) in ranges {
        check_range(&mut v, field, i64::from(value), 0, max);
    }
    v
}

/// The ssh endpoint, with the rules of clients' ssh connections (no leading dash, no
/// spaces or shell characters: these end up in ssh's argv).
fn ssh(body: &ReplicationBody, v: &mut Vec<Issue>) {
    if body.ssh_host.is_empty() {
        v.push(Issue::new("ssh_host", "required"));
    } else if !is_hostname(&body.ssh_host) {
        v.push(Issue::new("ssh_host", "invalid"));
    }
    if body.ssh_user.is_empty() {
        v.push(Issue::new("ssh_user", "required"));
    } else if !is_unix_user(&body.ssh_user) {
        v.push(Issue::new("ssh_user", "invalid"));
    }
    check_range(v, "ssh_port", i64::from(body.ssh_port), 1, 65535);
}

/// At least one location mapping, each primary location mapped once; the selected
/// clients when not all, each once.
fn locations(body: &ReplicationBody, v: &mut Vec<Issue>) {
    if body.locations.is_empty() {
        v.push(Issue::new("locations", "required"));
    }
    for (i, m) in body.locations.iter().enumerate() {
        if body.locations[..i].iter().any(|o| o.primary == m.primary) {
            v.push(Issue::new(format!("locations.{i}.primary"), "duplicate"));
        }
    }
    if !body.all_clients && body.client_ids.is_empty() {
        v.push(Issue::new("client_ids", "required"));
    }
    for (i, id) in body.client_ids.iter().enumerate() {
        if body.client_ids[..i].contains(id) {
            v.push(Issue::new(format!("client_ids.{i}"), "duplicate"));
        }
    }
}

/// An `http(s)://host[:port][/path]` address: no user or password (a token belongs in
/// the token field, never in an address that is shown and logged), no query, no
/// fragment, no whitespace.
pub fn url_ok(url: &str) -> bool {
    let Ok(u) = reqwest::Url::parse(url) else {
        return false;
    };
    matches!(u.scheme(), "http" | "https")
        && u.host_str().is_some_and(|h| !h.is_empty())
        && u.username().is_empty()
        && u.password().is_none()
        && u.query().is_none()
        && u.fragment().is_none()
        && !url.contains(['?', '#', '@', '\\'])
        // The parser forgives `https:///host`: the address must say its host itself.
        && url
            .split_once("://")
            .is_some_and(|(_, rest)| !rest.starts_with('/'))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::replication::LocationMapping;

    fn body() -> ReplicationBody {
        serde_json::from_value(serde_json::json!({
            "name": "office", "url": "https://backup1.example.org", "token": "ebr_x",
            "ssh_host": "backup1.example.org", "ssh_user": "elkarbackup",
            "locations": [{"primary": 1, "local": 1}], "policy_id": 1
        }))
        .unwrap()
    }

    fn fields(b: &ReplicationBody) -> Vec<(String, &'static str)> {
        validate(b).into_iter().map(|i| (i.field, i.code)).collect()
    }

    #[test]
    fn a_plain_source_is_valid_and_the_token_may_come_later() {
        assert!(fields(&body()).is_empty());
        let mut b = body();
        b.token = None;
        assert!(fields(&b).is_empty());
        b.token = Some("two words".into());
        assert_eq!(fields(&b), [("token".into(), "invalid")]);
    }

    #[test]
    fn addresses_that_could_smuggle_credentials_are_refused() {
        for ok in [
            "https://h",
            "http://10.0.0.1:8080",
            "https://h.example.org/elkarbackup/",
        ] {
            assert!(url_ok(ok), "{ok}");
        }
        for bad in [
            "ftp://h",
            "https://user:pw@h",
            "https://user@h",
            "https://h/?token=x",
            "https://h/#x",
            "https:///path",
            "h.example.org",
            "https://h/a b",
            "javascript:alert(1)",
            "https:\\\\h\\x",
        ] {
            assert!(!url_ok(bad), "{bad}");
        }
    }

    #[test]
    fn ssh_endpoint_follows_the_client_rules() {
        let mut b = body();
        b.ssh_host = "-oProxyCommand=x".into();
        b.ssh_user = "a b".into();
        b.ssh_port = 0;
        assert_eq!(
            fields(&b),
            [
                ("ssh_host".into(), "invalid"),
                ("ssh_user".into(), "invalid"),
                ("ssh_port".into(), "out_of_range")
            ]
        );
    }

    #[test]
    fn ranges_window_and_locations() {
        let mut b = body();
        b.locations = vec![
            LocationMapping {
                primary: 1,
                local: 1,
            },
            LocationMapping {
                primary: 1,
                local: 2,
            },
        ];
        b.interval_minutes = Some(4);
        b.bwlimit_kib = Some(0);
        b.window_start = chrono::NaiveTime::from_hms_opt(22, 0, 0);
        b.min_age_days = -1;
        b.max_deletions_per_run = 10001;
        b.all_clients = false;
        assert_eq!(
            fields(&b),
            [
                ("locations.1.primary".into(), "duplicate"),
                ("client_ids".into(), "required"),
                ("interval_minutes".into(), "out_of_range"),
                ("bwlimit_kib".into(), "out_of_range"),
                ("window_end".into(), "required"),
                ("min_age_days".into(), "out_of_range"),
                ("max_deletions_per_run".into(), "out_of_range"),
            ]
        );
        b.locations.clear();
        assert!(fields(&b).contains(&("locations".into(), "required")));
    }
}
