//! Checks a request builder runs before anything is sent.

use std::fmt;

/// A request that cannot be sent as built: the error names the parameter by its wire name.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildError {
    /// A required parameter was not set.
    MissingParameter {
        /// Wire name of the parameter.
        name: &'static str,
    },
    /// A number outside the range the API documents.
    OutOfRange {
        /// Wire name of the parameter.
        name: &'static str,
        /// The value that was given.
        value: String,
        /// Smallest allowed value, if any.
        min: Option<String>,
        /// Largest allowed value, if any.
        max: Option<String>,
    },
    /// A list or string with more or fewer elements than the API allows.
    InvalidLength {
        /// Wire name of the parameter.
        name: &'static str,
        /// Number of items (or characters) given.
        len: usize,
        /// Smallest allowed count, if any.
        min: Option<usize>,
        /// Largest allowed count, if any.
        max: Option<usize>,
    },
}

impl BuildError {
    /// Wire name of the parameter at fault.
    pub fn parameter(&self) -> &'static str {
        match self {
            BuildError::MissingParameter { name }
            | BuildError::OutOfRange { name, .. }
            | BuildError::InvalidLength { name, .. } => name,
        }
    }
}

fn bounds<T: fmt::Display>(min: &Option<T>, max: &Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("between {min} and {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "within its limits".to_owned(),
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::MissingParameter { name } => {
                write!(f, "required parameter `{name}` is not set")
            }
            BuildError::OutOfRange {
                name,
                value,
                min,
                max,
            } => write!(
                f,
                "parameter `{name}` is {value}, but must be {}",
                bounds(min, max)
            ),
            BuildError::InvalidLength {
                name,
                len,
                min,
                max,
            } => write!(
                f,
                "parameter `{name}` has {len} items, but must have {}",
                bounds(min, max)
            ),
        }
    }
}

impl std::error::Error for BuildError {}

/// Helpers generated `build()` methods call; not part of the public API.
#[doc(hidden)]
pub mod check {
    use super::BuildError;
    use std::fmt::Display;

    /// Unwraps a required parameter.
    pub fn required<T>(name: &'static str, value: Option<T>) -> Result<T, BuildError> {
        value.ok_or(BuildError::MissingParameter { name })
    }

    /// Checks `min <= value <= max` for a set numeric parameter.
    pub fn range<T: PartialOrd + Display>(
        name: &'static str,
        value: Option<&T>,
        min: Option<T>,
        max: Option<T>,
    ) -> Result<(), BuildError> {
        let Some(value) = value else { return Ok(()) };
        let low = min.as_ref().is_some_and(|min| value < min);
        let high = max.as_ref().is_some_and(|max| value > max);
        if low || high {
            return Err(BuildError::OutOfRange {
                name,
                value: value.to_string(),
                min: min.map(|v| v.to_string()),
                max: max.map(|v| v.to_string()),
            });
        }
        Ok(())
    }

    /// Checks the number of items of a set list parameter.
    pub fn length(
        name: &'static str,
        len: Option<usize>,
        min: Option<usize>,
        max: Option<usize>,
    ) -> Result<(), BuildError> {
        let Some(len) = len else { return Ok(()) };
        if min.is_some_and(|min| len < min) || max.is_some_and(|max| len > max) {
            return Err(BuildError::InvalidLength {
                name,
                len,
                min,
                max,
            });
        }
        Ok(())
    }
}
