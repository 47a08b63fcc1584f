//! Which failures are retried, and how long to wait in between.

use std::time::Duration;

use crate::error::{Error, TransportErrorKind};

/// How many times to try a call, and how long to wait between tries.
///
/// Retried, each attempt signed afresh (new nonce and timestamp):
/// - throttling (`Throttling`, `Throttling.User`, `Throttling.Api`, any `Throttling.*`), after
///   the server's `x-acs-retry-after` when it sends one: a throttled request was not applied;
/// - connect failures, including connect timeouts: nothing reached the server;
/// - only for read-only actions, since a write may have been applied: other timeouts, broken
///   connections, HTTP 5xx, and `ServiceUnavailable` / `ServiceUnAvailable` / `InternalError`
///   / `UnknownError`.
///
/// The wait is exponential backoff with full jitter: uniform in
/// `[0, min(max_delay, base_delay * 2^retry))`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    /// 3 attempts, 100 ms base delay, 20 s cap.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(20),
        }
    }
}

impl RetryPolicy {
    /// One attempt, no retries.
    pub fn disabled() -> Self {
        RetryPolicy::default().with_max_attempts(1)
    }

    /// Total attempts, the first included (at least 1).
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// Base of the exponential backoff.
    pub fn with_base_delay(mut self, base_delay: Duration) -> Self {
        self.base_delay = base_delay;
        self
    }

    /// Longest wait between attempts. A server asking for a longer wait
    /// (`x-acs-retry-after`) ends the retries and the error carries its request.
    pub fn with_max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay = max_delay;
        self
    }

    /// Total attempts, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before retry number `retry` (0 for the first retry), or `None` when `failure`
    /// of an action (`read_only` or not) is not retried.
    pub(crate) fn delay_before_retry(
        &self,
        failure: &Error,
        read_only: bool,
        retry: u32,
    ) -> Option<Duration> {
        match classify(failure, read_only)? {
            Wait::Server(wait) => (wait <= self.max_delay).then_some(wait),
            Wait::Backoff => Some(self.backoff(retry)),
        }
    }

    fn backoff(&self, retry: u32) -> Duration {
        let ceiling = self
            .base_delay
            .saturating_mul(1_u32.checked_shl(retry).unwrap_or(u32::MAX))
            .min(self.max_delay);
        let ceiling_nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        if ceiling_nanos == 0 {
            return Duration::ZERO;
        }
        // Without OS randomness, waiting the full ceiling is still a correct backoff.
        let random = getrandom::u64().unwrap_or(u64::MAX);
        Duration::from_nanos(random % ceiling_nanos)
    }
}

enum Wait {
    /// The server said how long.
    Server(Duration),
    Backoff,
}

fn classify(failure: &Error, read_only: bool) -> Option<Wait> {
    match failure {
        Error::Service(error) if is_throttling(error.code()) => {
            Some(error.retry_after().map_or(Wait::Backoff, Wait::Server))
        }
        Error::Service(error)
            if read_only && (error.status() >= 500 || is_server_fault(error.code())) =>
        {
            Some(Wait::Backoff)
        }
        Error::Transport(error) => match error.kind() {
            TransportErrorKind::Connect => Some(Wait::Backoff),
            TransportErrorKind::Timeout | TransportErrorKind::Other => {
                read_only.then_some(Wait::Backoff)
            }
        },
        // A gateway's HTML 502/503/504 page has no `Code`.
        Error::Response(error) if read_only && error.status() >= 500 => Some(Wait::Backoff),
        _ => None,
    }
}

/// Throttling codes: `Throttling` and its `Throttling.*` family.
pub(crate) fn is_throttling(code: &str) -> bool {
    code == "Throttling" || code.starts_with("Throttling.")
}

fn is_server_fault(code: &str) -> bool {
    matches!(
        code,
        "ServiceUnavailable" | "ServiceUnAvailable" | "InternalError" | "UnknownError"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ServiceError, TransportError};

    fn service(status: u16, code: &str, retry_after: Option<Duration>) -> Error {
        Error::Service(Box::new(ServiceError {
            status,
            code: code.to_owned(),
            message: String::new(),
            request_id: None,
            host_id: None,
            recommend: None,
            retry_after,
            attempts: 1,
        }))
    }

    fn transport(kind: TransportErrorKind) -> Error {
        Error::Transport(TransportError {
            kind,
            action: "A",
            attempts: 1,
            message: String::new(),
            source: None,
        })
    }

    #[test]
    fn throttling_is_retried_for_writes_too_and_honours_retry_after() {
        let policy = RetryPolicy::default();
        let wait = Duration::from_millis(1500);
        for code in ["Throttling", "Throttling.User", "Throttling.Api"] {
            assert_eq!(
                policy.delay_before_retry(&service(400, code, Some(wait)), false, 0),
                Some(wait)
            );
        }
        assert!(
            policy
                .delay_before_retry(&service(429, "Throttling.User", None), false, 0)
                .is_some()
        );
        assert_eq!(
            policy.delay_before_retry(&service(400, "ThrottlingX", None), true, 0),
            None
        );
        let too_long = service(400, "Throttling", Some(Duration::from_secs(60)));
        assert_eq!(policy.delay_before_retry(&too_long, true, 0), None);
    }

    #[test]
    fn server_faults_only_for_read_only_actions() {
        let policy = RetryPolicy::default();
        for failure in [
            service(500, "InternalError", None),
            service(503, "ServiceUnAvailable", None),
            service(400, "ServiceUnavailable", None),
            transport(TransportErrorKind::Timeout),
            transport(TransportErrorKind::Other),
        ] {
            assert!(policy.delay_before_retry(&failure, true, 0).is_some());
            assert_eq!(policy.delay_before_retry(&failure, false, 0), None);
        }
        assert!(
            policy
                .delay_before_retry(&transport(TransportErrorKind::Connect), false, 0)
                .is_some()
        );
        assert_eq!(
            policy.delay_before_retry(&service(400, "InvalidParameter", None), true, 0),
            None
        );
    }

    #[test]
    fn backoff_has_full_jitter_below_a_capped_ceiling() {
        let policy = RetryPolicy::default()
            .with_base_delay(Duration::from_millis(100))
            .with_max_delay(Duration::from_millis(350));
        for retry in 0..40 {
            let ceiling =
                Duration::from_millis(100 * (1 << retry.min(8))).min(Duration::from_millis(350));
            assert!(policy.backoff(retry) < ceiling);
        }
        let zero = RetryPolicy::default().with_base_delay(Duration::ZERO);
        assert_eq!(zero.backoff(3), Duration::ZERO);
        assert_eq!(RetryPolicy::disabled().max_attempts(), 1);
        assert_eq!(
            RetryPolicy::default().with_max_attempts(0).max_attempts(),
            1
        );
    }
}
