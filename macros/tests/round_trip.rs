//! Real structs deriving `RpcQuery`, against the exact pairs they must write.

use std::borrow::Cow;
use std::collections::BTreeMap;
use vod_runtime::query::{QueryScalar, ToQuery, sort_pairs};
use vod_runtime::{RpcQuery, Timestamp};

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect()
}

fn sorted(request: &impl ToQuery) -> Vec<(String, String)> {
    let mut written = request.to_query_pairs();
    sort_pairs(&mut written);
    written
}

#[derive(RpcQuery)]
struct Tag {
    #[rpc(name = "Key")]
    key: String,
    #[rpc(name = "Value")]
    value: Option<String>,
}

fn tag(key: &str, value: &str) -> Tag {
    Tag {
        key: key.to_owned(),
        value: Some(value.to_owned()),
    }
}

/// The contract's example, `DescribeVodUserDomains`.
#[derive(RpcQuery)]
#[rpc(crate = "::vod_runtime")]
struct DescribeVodUserDomainsRequest {
    #[rpc(name = "PageSize")]
    page_size: Option<i32>,
    #[rpc(name = "Tag", style = "repeat_list")]
    tag: Option<Vec<Tag>>,
    #[rpc(name = "SpecifiedOffsetTimes", style = "json")]
    specified_offset_times: Option<Vec<i64>>,
    #[rpc(skip)]
    local_only: u8,
}

#[test]
fn contract_example_writes_fields_in_order_and_omits_none() {
    let request = DescribeVodUserDomainsRequest {
        page_size: Some(20),
        tag: Some(vec![
            tag("env", "prod"),
            Tag {
                key: "team".into(),
                value: None,
            },
        ]),
        specified_offset_times: Some(vec![1000, 2000, 3000]),
        local_only: 7,
    };
    assert_eq!(request.local_only, 7);
    assert_eq!(
        request.to_query_pairs(),
        pairs(&[
            ("PageSize", "20"),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "prod"),
            ("Tag.2.Key", "team"),
            ("SpecifiedOffsetTimes", "[1000,2000,3000]"),
        ])
    );
    let empty = DescribeVodUserDomainsRequest {
        page_size: None,
        tag: None,
        specified_offset_times: None,
        local_only: 0,
    };
    assert!(empty.to_query_pairs().is_empty());
}

#[test]
fn ten_tags_sort_by_raw_key_bytes() {
    let request = DescribeVodUserDomainsRequest {
        page_size: None,
        tag: Some(
            (1..=10)
                .map(|n| tag(&format!("k{n}"), &format!("v{n}")))
                .collect(),
        ),
        specified_offset_times: None,
        local_only: 0,
    };
    let keys: Vec<String> = sorted(&request).into_iter().map(|(key, _)| key).collect();
    let expected: Vec<String> = [1, 10, 2, 3, 4, 5, 6, 7, 8, 9]
        .iter()
        .flat_map(|n| [format!("Tag.{n}.Key"), format!("Tag.{n}.Value")])
        .collect();
    assert_eq!(keys, expected);
    let position = |key: &str| keys.iter().position(|k| k == key);
    assert!(position("Tag.10.Key") < position("Tag.2.Key"));
}

/// A generated-style enum: sent by wire value.
enum StreamType {
    Video,
    Audio,
}

impl QueryScalar for StreamType {
    fn to_query_value(&self) -> Cow<'_, str> {
        Cow::Borrowed(match self {
            StreamType::Video => "video",
            StreamType::Audio => "audio",
        })
    }
}

#[derive(RpcQuery)]
struct Scalars {
    #[rpc(name = "Enabled")]
    enabled: bool,
    #[rpc(name = "Disabled")]
    disabled: Option<bool>,
    #[rpc(name = "Quality")]
    quality: f64,
    #[rpc(name = "Huge")]
    huge: f64,
    #[rpc(name = "Tiny")]
    tiny: f32,
    #[rpc(name = "Offset")]
    offset: i64,
    #[rpc(name = "StartTime")]
    start_time: Timestamp,
    #[rpc(name = "StreamType")]
    stream_type: StreamType,
    #[rpc(name = "Formats")]
    formats: Vec<StreamType>,
    #[rpc(name = "VideoIds")]
    video_ids: Option<Vec<String>>,
    #[rpc(name = "Empty")]
    empty: Vec<String>,
    #[rpc(name = "Title")]
    title: String,
}

#[test]
fn scalars_are_written_in_their_wire_form() {
    let request = Scalars {
        enabled: true,
        disabled: Some(false),
        quality: 0.1 + 0.2,
        huge: 1e21,
        tiny: 1e-7,
        offset: -42,
        start_time: Timestamp::from_unix_seconds(1_528_031_019),
        stream_type: StreamType::Audio,
        formats: vec![StreamType::Video, StreamType::Audio],
        video_ids: Some(vec!["a1".into(), "b 2".into(), "c,3".into()]),
        empty: Vec::new(),
        title: "视频 & 音频=1".into(),
    };
    assert_eq!(
        request.to_query_pairs(),
        pairs(&[
            ("Enabled", "true"),
            ("Disabled", "false"),
            ("Quality", "0.30000000000000004"),
            ("Huge", "1000000000000000000000"),
            ("Tiny", "0.0000001"),
            ("Offset", "-42"),
            ("StartTime", "2018-06-03T13:03:39Z"),
            ("StreamType", "audio"),
            ("Formats", "video,audio"),
            // Joined as is: escaping is the signer's job, and the official `simple` style
            // does not quote commas inside items either.
            ("VideoIds", "a1,b 2,c,3"),
            ("Title", "视频 & 音频=1"),
        ])
    );
}

#[derive(RpcQuery)]
struct Json {
    #[rpc(name = "Offsets", style = "json")]
    offsets: Vec<i64>,
    #[rpc(name = "Names", style = "json")]
    names: Option<Vec<String>>,
    #[rpc(name = "Labels", style = "json")]
    labels: BTreeMap<String, Vec<f64>>,
    #[rpc(name = "Nothing", style = "json")]
    nothing: Option<Vec<i64>>,
    #[rpc(name = "None", style = "json")]
    none: Vec<i64>,
}

#[test]
fn json_style_is_compact_utf8_json() {
    let request = Json {
        offsets: vec![1000, 2000, 3000],
        names: Some(vec!["封面\"1\"".into(), "b\\c".into()]),
        labels: BTreeMap::from([
            ("z".to_owned(), vec![1.5]),
            ("a".to_owned(), vec![f64::NAN]),
        ]),
        nothing: None,
        none: Vec::new(),
    };
    assert_eq!(
        request.to_query_pairs(),
        pairs(&[
            ("Offsets", "[1000,2000,3000]"),
            ("Names", r#"["封面\"1\"","b\\c"]"#),
            ("Labels", r#"{"a":[null],"z":[1.5]}"#),
            ("None", "[]"),
        ])
    );
}

#[derive(RpcQuery)]
struct Rule {
    #[rpc(name = "Name")]
    name: String,
    #[rpc(name = "Ports", style = "repeat_list")]
    ports: Vec<u16>,
    #[rpc(name = "Limits", style = "flat")]
    limits: Option<Limits>,
}

#[derive(RpcQuery)]
struct Limits {
    #[rpc(name = "Rate")]
    rate: u32,
    #[rpc(name = "Burst")]
    burst: Option<u32>,
}

#[derive(RpcQuery)]
struct Nested {
    #[rpc(name = "Matrix", style = "repeat_list")]
    matrix: Vec<Vec<i32>>,
    #[rpc(name = "Rule", style = "repeat_list")]
    rules: Vec<Rule>,
    #[rpc(name = "Default", style = "flat")]
    default: Limits,
    #[rpc(name = "Missing", style = "flat")]
    missing: Option<Limits>,
    #[rpc(name = "Groups", style = "repeat_list")]
    groups: Option<Vec<Vec<Rule>>>,
}

#[test]
fn flat_and_nested_lists_join_keys_with_dots() {
    let request = Nested {
        matrix: vec![vec![1, 2], vec![], vec![3]],
        rules: vec![
            Rule {
                name: "web".into(),
                ports: vec![80, 443],
                limits: Some(Limits {
                    rate: 10,
                    burst: Some(20),
                }),
            },
            Rule {
                name: "ssh".into(),
                ports: Vec::new(),
                limits: None,
            },
        ],
        default: Limits {
            rate: 5,
            burst: None,
        },
        missing: None,
        groups: Some(vec![vec![Rule {
            name: "g".into(),
            ports: vec![1],
            limits: None,
        }]]),
    };
    assert_eq!(
        request.to_query_pairs(),
        pairs(&[
            ("Matrix.1.1", "1"),
            ("Matrix.1.2", "2"),
            ("Matrix.3.1", "3"),
            ("Rule.1.Name", "web"),
            ("Rule.1.Ports.1", "80"),
            ("Rule.1.Ports.2", "443"),
            ("Rule.1.Limits.Rate", "10"),
            ("Rule.1.Limits.Burst", "20"),
            ("Rule.2.Name", "ssh"),
            ("Default.Rate", "5"),
            ("Groups.1.1.Name", "g"),
            ("Groups.1.1.Ports.1", "1"),
        ])
    );
}

#[derive(RpcQuery)]
struct RawIdents {
    r#type: String,
    #[rpc(name = "Match")]
    r#match: Option<String>,
    #[rpc(skip)]
    r#loop: Vec<Box<dyn Fn()>>,
    plain_name: u8,
}

#[test]
fn default_names_are_the_idents_without_raw_prefix_and_skip_sends_nothing() {
    let request = RawIdents {
        r#type: "video".into(),
        r#match: Some("all".into()),
        r#loop: vec![Box::new(|| {})],
        plain_name: 1,
    };
    assert_eq!(request.r#loop.len(), 1);
    assert_eq!(
        request.to_query_pairs(),
        pairs(&[("type", "video"), ("Match", "all"), ("plain_name", "1")])
    );
}

mod hand_written {
    //! A request written by hand against a renamed runtime path, as a user of an action the
    //! spec does not cover yet would.
    pub use vod_runtime as runtime;

    #[derive(runtime::RpcQuery)]
    #[rpc(crate = "runtime")]
    pub struct GetPlayInfo<'a> {
        #[rpc(name = "VideoId")]
        pub video_id: &'a str,
        #[rpc(name = "Formats")]
        pub formats: &'a [&'a str],
        #[rpc(name = "AuthTimeout")]
        pub auth_timeout: Option<u32>,
    }

    #[derive(runtime::RpcQuery)]
    #[rpc(crate = "runtime")]
    pub struct NoParameters {}
}

#[test]
fn crate_path_attribute_and_borrowed_fields() {
    let formats = ["mp4", "m3u8"];
    let request = hand_written::GetPlayInfo {
        video_id: "93ab",
        formats: &formats,
        auth_timeout: Some(3600),
    };
    assert_eq!(
        request.to_query_pairs(),
        pairs(&[
            ("VideoId", "93ab"),
            ("Formats", "mp4,m3u8"),
            ("AuthTimeout", "3600")
        ])
    );
    assert!(hand_written::NoParameters {}.to_query_pairs().is_empty());
}
