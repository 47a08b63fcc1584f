//! [`Timestamp`]: a UTC instant with second precision, written `yyyy-MM-ddTHH:mm:ssZ`.

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const SECONDS_PER_DAY: i64 = 86_400;

/// A point in time, UTC, second precision: what the API sends and accepts,
/// `2018-06-03T13:03:39Z`.
///
/// `Display` and `FromStr` use `yyyy-MM-ddTHH:mm:ssZ`, and so do serde and the query writer.
/// Parsing also accepts a fraction of a second (`2018-06-03T13:03:39.123Z`, as some responses
/// carry) and drops it: the type has second precision, like the API's requests.
///
/// Any `i64` of Unix seconds is a `Timestamp`. Years 0000 to 9999 are written with four
/// digits; the rare instant outside them is written in ISO 8601's expanded form (`+10000-...`,
/// `-0001-...`), which `FromStr` does not accept.
///
/// ```
/// use vod_runtime::Timestamp;
///
/// let t: Timestamp = "2018-06-03T13:03:39Z".parse()?;
/// assert_eq!(t.unix_seconds(), 1_528_031_019);
/// assert_eq!(t.to_string(), "2018-06-03T13:03:39Z");
/// # Ok::<(), vod_runtime::ParseTimestampError>(())
/// ```
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

    /// The current time, truncated to the second.
    pub fn now() -> Self {
        Timestamp::from(SystemTime::now())
    }

    /// The instant as a `SystemTime`, or `None` when the platform's `SystemTime` cannot hold it.
    pub fn to_system_time(self) -> Option<SystemTime> {
        let magnitude = Duration::from_secs(self.unix_seconds.unsigned_abs());
        if self.unix_seconds >= 0 {
            UNIX_EPOCH.checked_add(magnitude)
        } else {
            UNIX_EPOCH.checked_sub(magnitude)
        }
    }
}

impl From<SystemTime> for Timestamp {
    /// Truncates toward the past to whole seconds (so `-0.5 s` is `-1 s`), saturating at the
    /// ends of `i64`.
    fn from(time: SystemTime) -> Self {
        // i128 holds every `Duration` in seconds, negated, so only the final clamp can saturate.
        let seconds = match time.duration_since(UNIX_EPOCH) {
            Ok(after) => i128::from(after.as_secs()),
            Err(before) => {
                let before = before.duration();
                -i128::from(before.as_secs()) - i128::from(before.subsec_nanos() > 0)
            }
        };
        let unix_seconds =
            i64::try_from(seconds).unwrap_or(if seconds < 0 { i64::MIN } else { i64::MAX });
        Timestamp { unix_seconds }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    // Months counted from March, so the leap day is the last day of the year.
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    // Both fit in u32 by construction: day 1..=31, month 1..=12.
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.unix_seconds.div_euclid(SECONDS_PER_DAY);
        let second_of_day = self.unix_seconds.rem_euclid(SECONDS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        if (0..=9999).contains(&year) {
            write!(f, "{year:04}")?;
        } else {
            write!(f, "{year:+05}")?;
        }
        write!(
            f,
            "-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60
        )
    }
}

/// Why a text is not a `yyyy-MM-ddTHH:mm:ssZ` timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseTimestampError {
    /// The text does not have the shape `yyyy-MM-ddTHH:mm:ssZ` (optionally with a fraction of a
    /// second before the `Z`): wrong length, separator, or a non-digit.
    Format,
    /// The shape is right but a field is out of range: month 13, February 30, hour 24...
    OutOfRange {
        /// Which field: `month`, `day`, `hour`, `minute` or `second`.
        field: &'static str,
    },
}

impl fmt::Display for ParseTimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseTimestampError::Format => {
                f.write_str("timestamp is not in the form yyyy-MM-ddTHH:mm:ssZ")
            }
            ParseTimestampError::OutOfRange { field } => {
                write!(f, "timestamp has an out-of-range {field}")
            }
        }
    }
}

impl std::error::Error for ParseTimestampError {}

/// Reads the ASCII digits `text[range]` as a number; `Format` on anything else.
fn digits(text: &[u8], start: usize, len: usize) -> Result<u32, ParseTimestampError> {
    let field = text
        .get(start..start + len)
        .ok_or(ParseTimestampError::Format)?;
    field.iter().try_fold(0_u32, |value, &byte| {
        if byte.is_ascii_digit() {
            Ok(value * 10 + u32::from(byte - b'0'))
        } else {
            Err(ParseTimestampError::Format)
        }
    })
}

fn check(value: u32, max: u32, field: &'static str) -> Result<u32, ParseTimestampError> {
    if value <= max {
        Ok(value)
    } else {
        Err(ParseTimestampError::OutOfRange { field })
    }
}

impl FromStr for Timestamp {
    type Err = ParseTimestampError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bytes = text.as_bytes();
        // The fixed part is `yyyy-MM-ddTHH:mm:ss`; then `Z`, or `.` digits `Z`.
        let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
        if bytes.len() < 20
            || separators
                .iter()
                .any(|&(at, separator)| bytes[at] != separator)
        {
            return Err(ParseTimestampError::Format);
        }
        match &bytes[19..] {
            [b'Z'] => {}
            [b'.', fraction @ .., b'Z']
                if !fraction.is_empty() && fraction.iter().all(u8::is_ascii_digit) => {}
            _ => return Err(ParseTimestampError::Format),
        }
        let year = i64::from(digits(bytes, 0, 4)?);
        let month = digits(bytes, 5, 2)?;
        let day = digits(bytes, 8, 2)?;
        let hour = check(digits(bytes, 11, 2)?, 23, "hour")?;
        let minute = check(digits(bytes, 14, 2)?, 59, "minute")?;
        // No leap seconds: the API never sends `:60`, and Unix time has none.
        let second = check(digits(bytes, 17, 2)?, 59, "second")?;
        if !(1..=12).contains(&month) {
            return Err(ParseTimestampError::OutOfRange { field: "month" });
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(ParseTimestampError::OutOfRange { field: "day" });
        }
        let days = days_from_civil(year, month, day);
        let second_of_day = i64::from(hour * 3600 + minute * 60 + second);
        Ok(Timestamp {
            unix_seconds: days * SECONDS_PER_DAY + second_of_day,
        })
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimestampVisitor;

        impl serde::de::Visitor<'_> for TimestampVisitor {
            type Value = Timestamp;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a timestamp yyyy-MM-ddTHH:mm:ssZ")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Timestamp, E> {
                text.parse()
                    .map_err(|error| E::custom(format_args!("{error}: `{text}`")))
            }
        }

        deserializer.deserialize_str(TimestampVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_algorithms_agree_day_by_day_across_four_centuries() {
        let start = days_from_civil(1900, 1, 1);
        let mut expected = (1900, 1, 1);
        for days in start..start + 146_097 {
            assert_eq!(civil_from_days(days), expected);
            assert_eq!(days_from_civil(expected.0, expected.1, expected.2), days);
            let (year, month, day) = expected;
            expected = if day < days_in_month(year, month) {
                (year, month, day + 1)
            } else if month < 12 {
                (year, month + 1, 1)
            } else {
                (year + 1, 1, 1)
            };
        }
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(is_leap_year(2000));
        assert!(is_leap_year(2024));
        assert!(!is_leap_year(1900));
        assert!(!is_leap_year(2100));
        assert!(!is_leap_year(2023));
    }
}
