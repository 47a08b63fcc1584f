//! Fault injection: rules queued through the control endpoint, consumed by the next RPC calls.
//!
//! `POST /__emulator/faults` takes one rule or a list of rules:
//!
//! ```json
//! {"kind": "throttle", "count": 2, "retry_after_ms": 500, "action": "DescribeVodUserDomains"}
//! ```
//!
//! `kind` is one of `throttle` (400 `Throttling.User` with `x-acs-retry-after`), `status`
//! (`status` 500 answers `InternalError`, 503 `ServiceUnAvailable`), `delay` (`delay_ms` before
//! the normal answer), `drop` (the connection closes with no response), `malformed` (200 with a
//! body that does not parse) and `truncated` (200 whose body stops short of its
//! `Content-Length`). `count` (default 1) is how many calls the rule hits; `action`, when set,
//! limits it to calls of that action. `GET` lists the pending rules, `DELETE` clears them.

use std::sync::{Mutex, MutexGuard};

use serde::{Deserialize, Serialize};

/// What a rule does to a call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// `Throttling.User` (400) with `x-acs-retry-after: retry_after_ms`.
    Throttle {
        /// Milliseconds the caller should wait.
        #[serde(default = "default_retry_after_ms")]
        retry_after_ms: u64,
    },
    /// An error status: 500 `InternalError`, 503 `ServiceUnAvailable`, others a generic code.
    Status {
        /// HTTP status, 400..=599.
        status: u16,
    },
    /// Waits, then answers normally.
    Delay {
        /// Milliseconds to wait.
        delay_ms: u64,
    },
    /// Closes the connection without a response.
    Drop,
    /// 200 with a body that is not valid JSON or XML.
    Malformed,
    /// 200 with a body cut short of its `Content-Length`, then the connection closes.
    Truncated,
}

fn default_retry_after_ms() -> u64 {
    1000
}

/// A queued fault.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultRule {
    /// What it does.
    #[serde(flatten)]
    pub fault: Fault,
    /// Calls left to hit.
    #[serde(default = "one")]
    pub count: u32,
    /// Only calls of this action, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
}

fn one() -> u32 {
    1
}

/// One rule or several, as `POST /__emulator/faults` accepts.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum FaultRules {
    /// A single rule.
    One(FaultRule),
    /// Several, applied in order.
    Many(Vec<FaultRule>),
}

impl FaultRules {
    /// The rules, in order.
    pub fn into_vec(self) -> Vec<FaultRule> {
        match self {
            FaultRules::One(rule) => vec![rule],
            FaultRules::Many(rules) => rules,
        }
    }
}

/// Why a rule is refused.
pub fn check(rule: &FaultRule) -> Result<(), String> {
    match rule.fault {
        Fault::Status { status } if !(400..=599).contains(&status) => Err(format!(
            "status {status} is not an error status (400..=599)"
        )),
        _ if rule.count == 0 => Err("count must be at least 1".to_owned()),
        _ => Ok(()),
    }
}

/// Pending rules, first queued first applied.
#[derive(Debug, Default)]
pub struct FaultQueue {
    rules: Mutex<Vec<FaultRule>>,
}

impl FaultQueue {
    fn lock(&self) -> MutexGuard<'_, Vec<FaultRule>> {
        // Each update leaves the list consistent, so a poisoned lock is still usable.
        self.rules
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Queues `rules` after the pending ones.
    pub fn push(&self, rules: Vec<FaultRule>) {
        self.lock().extend(rules);
    }

    /// The pending rules.
    pub fn pending(&self) -> Vec<FaultRule> {
        self.lock().clone()
    }

    /// Drops every pending rule.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// The fault for a call of `action` (if any rule applies), using up one hit of it.
    pub fn take(&self, action: Option<&str>) -> Option<Fault> {
        let mut rules = self.lock();
        let index = rules
            .iter()
            .position(|rule| rule.action.is_none() || rule.action.as_deref() == action)?;
        let rule = &mut rules[index];
        let fault = rule.fault.clone();
        // `push` does not re-run `check`, so a zero count is a rule used up.
        rule.count = rule.count.saturating_sub(1);
        if rule.count == 0 {
            rules.remove(index);
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parse_with_defaults_and_are_used_up_in_order() {
        let rules: FaultRules = serde_json::from_str(
            r#"[{"kind":"throttle","count":2,"action":"A"},{"kind":"status","status":503}]"#,
        )
        .unwrap();
        let queue = FaultQueue::default();
        queue.push(rules.into_vec());
        assert_eq!(queue.take(Some("B")), Some(Fault::Status { status: 503 }));
        assert_eq!(queue.take(Some("B")), None);
        assert_eq!(
            queue.take(Some("A")),
            Some(Fault::Throttle {
                retry_after_ms: 1000
            })
        );
        assert_eq!(queue.pending().len(), 1);
        assert_eq!(
            queue.take(Some("A")),
            Some(Fault::Throttle {
                retry_after_ms: 1000
            })
        );
        assert!(queue.pending().is_empty());
    }

    #[test]
    fn bad_rules_are_refused() {
        let parse = |text: &str| serde_json::from_str::<FaultRules>(text).map(FaultRules::into_vec);
        assert!(parse(r#"{"kind":"explode"}"#).is_err());
        let rules = parse(r#"{"kind":"status","status":200}"#).unwrap();
        assert!(check(&rules[0]).is_err());
        let rules = parse(r#"{"kind":"drop","count":0}"#).unwrap();
        assert!(check(&rules[0]).is_err());
    }
}
