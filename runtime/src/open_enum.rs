use std::fmt;

/// A value the service sent that the spec does not list (yet).
///
/// Open enums keep it in their `Unknown` variant so that a new server-side value never fails
/// a whole response; `as_str()` gives back the exact wire value. It is opaque on purpose:
/// matching on its contents would break as soon as the spec learns the value.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// Wraps a wire value. Generated code calls this for values outside the spec.
    #[doc(hidden)]
    pub fn new(value: impl Into<String>) -> Self {
        UnknownValue(value.into())
    }

    /// The wire value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
