/// A point in time, UTC, second precision. (Contract stub; full type lands with the derive.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    unix_seconds: i64,
}

impl Timestamp {
    /// From seconds since the Unix epoch.
    pub const fn from_unix_seconds(unix_seconds: i64) -> Self {
        Timestamp { unix_seconds }
    }

    /// Seconds since the Unix epoch.
    pub const fn unix_seconds(self) -> i64 {
        self.unix_seconds
    }
}
