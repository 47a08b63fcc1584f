//! Real structs deriving `RpcQuery`, against the exact pairs they must write.

use vod_runtime::RpcQuery;
use vod_runtime::query::{ToQuery, sort_pairs};

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
