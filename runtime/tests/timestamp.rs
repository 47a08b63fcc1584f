//! `Timestamp`: the `yyyy-MM-ddTHH:mm:ssZ` form, its bounds, serde, `SystemTime`, and parsing
//! arbitrary text without panicking.

use proptest::prelude::*;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use vod_runtime::query::QueryScalar;
use vod_runtime::{ParseTimestampError, Timestamp};

/// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the instants with a four-digit year.
const FIRST: i64 = -62_167_219_200;
const LAST: i64 = 253_402_300_799;

fn parse(text: &str) -> Result<i64, ParseTimestampError> {
    text.parse::<Timestamp>().map(Timestamp::unix_seconds)
}

fn out_of_range(field: &'static str) -> Result<i64, ParseTimestampError> {
    Err(ParseTimestampError::OutOfRange { field })
}

#[test]
fn known_instants() {
    for (text, seconds) in [
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1),
        ("2018-06-03T13:03:39Z", 1_528_031_019),
        ("2000-02-29T12:00:00Z", 951_825_600),
        ("2038-01-19T03:14:08Z", 1 << 31),
        ("0000-01-01T00:00:00Z", FIRST),
        ("9999-12-31T23:59:59Z", LAST),
    ] {
        assert_eq!(parse(text), Ok(seconds), "{text}");
        assert_eq!(Timestamp::from_unix_seconds(seconds).to_string(), text);
    }
}

#[test]
fn leap_days_exist_only_in_leap_years() {
    assert!(parse("2024-02-29T00:00:00Z").is_ok());
    assert!(parse("2000-02-29T00:00:00Z").is_ok());
    assert!(parse("0000-02-29T00:00:00Z").is_ok());
    assert_eq!(parse("1900-02-29T00:00:00Z"), out_of_range("day"));
    assert_eq!(parse("2023-02-29T00:00:00Z"), out_of_range("day"));
    assert_eq!(
        parse("2024-03-01T00:00:00Z").map(|s| s - 86_400),
        parse("2024-02-29T00:00:00Z")
    );
}

#[test]
fn invalid_fields_are_out_of_range() {
    for (text, field) in [
        ("2024-02-30T00:00:00Z", "day"),
        ("2024-04-31T00:00:00Z", "day"),
        ("2024-01-32T00:00:00Z", "day"),
        ("2024-01-00T00:00:00Z", "day"),
        ("2024-00-10T00:00:00Z", "month"),
        ("2024-13-10T00:00:00Z", "month"),
        ("2024-01-10T24:00:00Z", "hour"),
        ("2024-01-10T23:60:00Z", "minute"),
        ("2024-01-10T23:59:60Z", "second"),
    ] {
        assert_eq!(parse(text), out_of_range(field), "{text}");
    }
}

#[test]
fn other_shapes_are_format_errors() {
    for text in [
        "",
        "2024-01-10",
        "2024-01-10T00:00:00",
        "2024-01-10t00:00:00Z",
        "2024-01-10 00:00:00Z",
        "2024-01-10T00:00:00z",
        "2024-01-10T00:00:00+08:00",
        "2024-01-10T00:00:00ZZ",
        "2024-01-10T00:00:00.Z",
        "2024-01-10T00:00:00.12aZ",
        "2024-1-10T00:00:00Z",
        "+2024-01-10T00:00:00Z",
        "-001-01-10T00:00:00Z",
        "+10000-01-01T00:00:00Z",
        "２０２４-01-10T00:00:00Z",
        " 2024-01-10T00:00:00Z",
    ] {
        assert_eq!(parse(text), Err(ParseTimestampError::Format), "{text:?}");
    }
}

#[test]
fn fractions_of_a_second_are_accepted_and_dropped() {
    assert_eq!(parse("2018-06-03T13:03:39.123Z"), Ok(1_528_031_019));
    assert_eq!(parse("2018-06-03T13:03:39.999999999Z"), Ok(1_528_031_019));
    assert_eq!(parse("1969-12-31T23:59:59.5Z"), Ok(-1));
}

#[test]
fn errors_say_what_is_wrong() {
    assert_eq!(
        ParseTimestampError::Format.to_string(),
        "timestamp is not in the form yyyy-MM-ddTHH:mm:ssZ"
    );
    assert_eq!(
        ParseTimestampError::OutOfRange { field: "day" }.to_string(),
        "timestamp has an out-of-range day"
    );
}

#[test]
fn instants_outside_four_digit_years_use_the_expanded_form() {
    assert_eq!(
        Timestamp::from_unix_seconds(LAST + 1).to_string(),
        "+10000-01-01T00:00:00Z"
    );
    assert_eq!(
        Timestamp::from_unix_seconds(FIRST - 1).to_string(),
        "-0001-12-31T23:59:59Z"
    );
    for extreme in [i64::MIN, i64::MAX] {
        let text = Timestamp::from_unix_seconds(extreme).to_string();
        assert!(text.ends_with('Z'), "{text}");
        assert_eq!(parse(&text), Err(ParseTimestampError::Format));
    }
}

#[test]
fn serde_uses_the_text_form() {
    let t = Timestamp::from_unix_seconds(1_528_031_019);
    let json = serde_json::to_string(&t).unwrap();
    assert_eq!(json, r#""2018-06-03T13:03:39Z""#);
    assert_eq!(serde_json::from_str::<Timestamp>(&json).unwrap(), t);
    let owned: serde_json::Value = serde_json::json!("2018-06-03T13:03:39.5Z");
    assert_eq!(serde_json::from_value::<Timestamp>(owned).unwrap(), t);
    let bad = serde_json::from_str::<Timestamp>(r#""2018-02-30T00:00:00Z""#).unwrap_err();
    assert!(
        bad.to_string()
            .starts_with("timestamp has an out-of-range day: `2018-02-30T00:00:00Z`"),
        "{bad}"
    );
    assert!(serde_json::from_str::<Timestamp>("1528031019").is_err());
}

#[test]
fn query_value_is_the_text_form() {
    let t = Timestamp::from_unix_seconds(0);
    assert_eq!(t.to_query_value(), "1970-01-01T00:00:00Z");
}

#[test]
fn system_time_conversions_truncate_toward_the_past() {
    let after = UNIX_EPOCH + Duration::from_millis(1_528_031_019_750);
    assert_eq!(Timestamp::from(after).unix_seconds(), 1_528_031_019);
    let before = UNIX_EPOCH - Duration::from_millis(500);
    assert_eq!(Timestamp::from(before).unix_seconds(), -1);
    let whole = UNIX_EPOCH - Duration::from_secs(86_400);
    assert_eq!(Timestamp::from(whole).unix_seconds(), -86_400);
    for seconds in [0, 1_528_031_019, -86_400] {
        let t = Timestamp::from_unix_seconds(seconds);
        let system = t.to_system_time().unwrap();
        assert_eq!(Timestamp::from(system), t);
    }
    // Whether `SystemTime` reaches the ends of `i64` is up to the platform; either way the
    // conversion must not panic, and what converts must convert back.
    for extreme in [i64::MIN, i64::MAX] {
        let t = Timestamp::from_unix_seconds(extreme);
        if let Some(system) = t.to_system_time() {
            assert_eq!(Timestamp::from(system), t);
        }
    }
}

#[test]
fn now_is_the_current_second() {
    let before = Timestamp::from(SystemTime::now());
    let now = Timestamp::now();
    let after = Timestamp::from(SystemTime::now());
    assert!(before <= now && now <= after);
    assert!(now.unix_seconds() > 1_700_000_000);
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month as usize - 1]
}

proptest! {
    #[test]
    fn display_and_from_str_round_trip_for_every_four_digit_year(seconds in FIRST..=LAST) {
        let t = Timestamp::from_unix_seconds(seconds);
        let text = t.to_string();
        prop_assert_eq!(text.len(), 20);
        prop_assert_eq!(text.parse::<Timestamp>(), Ok(t));
    }

    #[test]
    fn every_valid_calendar_field_combination_parses(
        (year, month, day) in (0u32..=9999, 1u32..=12)
            .prop_flat_map(|(y, m)| (Just(y), Just(m), 1..=days_in_month(y, m))),
        hour in 0u32..24, minute in 0u32..60, second in 0u32..60,
    ) {
        let text = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z");
        let parsed = text.parse::<Timestamp>();
        prop_assert!(parsed.is_ok(), "{} did not parse: {:?}", text, parsed);
        prop_assert_eq!(parsed.map(|t| t.to_string()), Ok(text));
    }

    #[test]
    fn well_shaped_text_either_round_trips_or_names_a_field(
        text in "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"
    ) {
        match text.parse::<Timestamp>() {
            Ok(t) => prop_assert_eq!(t.to_string(), text),
            Err(error) => prop_assert!(
                matches!(error, ParseTimestampError::OutOfRange { .. }),
                "{:?}", error
            ),
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        if let Ok(t) = text.parse::<Timestamp>() {
            prop_assert_eq!(t.to_string().parse::<Timestamp>(), Ok(t));
        }
    }

    #[test]
    fn every_i64_displays_without_panicking(seconds in any::<i64>()) {
        let text = Timestamp::from_unix_seconds(seconds).to_string();
        prop_assert!(text.ends_with('Z'));
    }
}
