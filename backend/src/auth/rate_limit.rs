//! Login rate limiting: failed attempts are counted per (username, client address) in a
//! sliding window; past the limit, logins are refused with 429 until the window passes.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counts failed logins in memory. Per server process; a restart forgets the counts.
#[derive(Debug)]
pub struct LoginLimiter {
    max_failures: usize,
    window: Duration,
    failures: Mutex<HashMap<(String, IpAddr), Vec<Instant>>>,
}

impl LoginLimiter {
    /// A limiter allowing `max_failures` failures per `window`.
    pub fn new(max_failures: u32, window: Duration) -> Self {
        LoginLimiter {
            max_failures: max_failures as usize,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn key(user: &str, ip: IpAddr) -> (String, IpAddr) {
        (user.to_lowercase(), ip)
    }

    /// `Some(wait)` when this user and address must wait before trying again.
    pub fn blocked(&self, user: &str, ip: IpAddr, now: Instant) -> Option<Duration> {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let list = map.get_mut(&Self::key(user, ip))?;
        list.retain(|t| now.duration_since(*t) < self.window);
        if list.len() >= self.max_failures {
            let oldest = list.first().copied()?;
            Some(self.window.saturating_sub(now.duration_since(oldest)))
        } else {
            None
        }
    }

    /// Records a failed attempt.
    pub fn record_failure(&self, user: &str, ip: IpAddr, now: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        // Bound memory under a flood of distinct names: forget stale entries first.
        if map.len() > 10_000 {
            map.retain(|_, v| {
                v.last()
                    .is_some_and(|t| now.duration_since(*t) < self.window)
            });
        }
        map.entry(Self::key(user, ip)).or_default().push(now);
    }

    /// Forgets the failures after a successful login.
    pub fn record_success(&self, user: &str, ip: IpAddr) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&Self::key(user, ip));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_limit_and_recovers() {
        let l = LoginLimiter::new(3, Duration::from_secs(60));
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let other: IpAddr = "10.0.0.2".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(l.blocked("Admin", ip, t0).is_none());
            l.record_failure("Admin", ip, t0);
        }
        let wait = l.blocked("admin", ip, t0).expect("blocked");
        assert!(wait <= Duration::from_secs(60) && wait > Duration::from_secs(59));
        assert!(l.blocked("admin", other, t0).is_none(), "other address");
        assert!(l.blocked("bob", ip, t0).is_none(), "other user");
        assert!(l
            .blocked("admin", ip, t0 + Duration::from_secs(61))
            .is_none());
    }

    #[test]
    fn success_resets() {
        let l = LoginLimiter::new(2, Duration::from_secs(60));
        let ip: IpAddr = "::1".parse().unwrap();
        let t0 = Instant::now();
        l.record_failure("a", ip, t0);
        l.record_success("a", ip);
        l.record_failure("a", ip, t0);
        assert!(l.blocked("a", ip, t0).is_none());
    }
}
