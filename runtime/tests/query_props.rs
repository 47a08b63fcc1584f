//! Property tests of the query encoders: keys unique, lists numbered 1..=n without gaps, JSON
//! that parses back to the same value, floats that read back to the same number, and the
//! byte order `sort_pairs` gives.

use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use vod_runtime::RpcQuery;
use vod_runtime::query::{Key, QueryScalar, QueryWriter, ToQuery, sort_pairs};

#[derive(Debug, RpcQuery)]
struct Item {
    #[rpc(name = "Key")]
    key: String,
    #[rpc(name = "Value")]
    value: Option<String>,
    #[rpc(name = "Ports", style = "repeat_list")]
    ports: Vec<u16>,
}

#[derive(Debug, RpcQuery)]
struct Request {
    #[rpc(name = "Ids", style = "repeat_list")]
    ids: Vec<String>,
    #[rpc(name = "Item", style = "repeat_list")]
    items: Option<Vec<Item>>,
    #[rpc(name = "Matrix", style = "repeat_list")]
    matrix: Vec<Vec<i32>>,
    #[rpc(name = "Joined")]
    joined: Vec<i64>,
    #[rpc(name = "Extra", style = "flat")]
    extra: Option<Item>,
}

fn item() -> impl Strategy<Value = Item> {
    (
        ".*",
        proptest::option::of(".*"),
        proptest::collection::vec(any::<u16>(), 0..4),
    )
        .prop_map(|(key, value, ports)| Item { key, value, ports })
}

fn request() -> impl Strategy<Value = Request> {
    (
        proptest::collection::vec(".*", 0..12),
        proptest::option::of(proptest::collection::vec(item(), 0..12)),
        proptest::collection::vec(proptest::collection::vec(any::<i32>(), 0..4), 0..12),
        proptest::collection::vec(any::<i64>(), 0..6),
        proptest::option::of(item()),
    )
        .prop_map(|(ids, items, matrix, joined, extra)| Request {
            ids,
            items,
            matrix,
            joined,
            extra,
        })
}

/// The numbers of `Name.N...` keys, in the order written.
fn indices(pairs: &[(String, String)], name: &str) -> Vec<usize> {
    let prefix = format!("{name}.");
    pairs
        .iter()
        .filter_map(|(key, _)| key.strip_prefix(&prefix))
        .filter_map(|rest| rest.split('.').next()?.parse().ok())
        .collect()
}

/// `1, 1, 2, 3, 3` is gapless and 1-based; `1, 3` and `0, 1` are not.
fn is_numbered_from_one(indices: &[usize]) -> bool {
    let mut expected_max = 0;
    indices.iter().all(|&index| {
        let ok = index == expected_max || index == expected_max + 1;
        expected_max = expected_max.max(index);
        ok && index >= 1
    })
}

proptest! {
    #[test]
    fn every_key_is_written_once(request in request()) {
        let pairs = request.to_query_pairs();
        let keys: BTreeSet<&str> = pairs.iter().map(|(key, _)| key.as_str()).collect();
        prop_assert_eq!(keys.len(), pairs.len(), "{:?}", pairs);
    }

    #[test]
    fn repeat_lists_are_numbered_one_to_n_without_gaps(request in request()) {
        let pairs = request.to_query_pairs();
        let ids = indices(&pairs, "Ids");
        prop_assert_eq!(ids, (1..=request.ids.len()).collect::<Vec<_>>());
        let items = indices(&pairs, "Item");
        prop_assert!(is_numbered_from_one(&items), "{:?}", items);
        // Every item writes its `Key`, so each number appears.
        let item_count = request.items.as_ref().map_or(0, Vec::len);
        prop_assert_eq!(items.last().copied().unwrap_or(0), item_count);
        for (n, item) in request.items.iter().flatten().enumerate() {
            let ports = indices(&pairs, &format!("Item.{}.Ports", n + 1));
            prop_assert_eq!(ports, (1..=item.ports.len()).collect::<Vec<_>>());
        }
        for (row, values) in request.matrix.iter().enumerate() {
            let columns = indices(&pairs, &format!("Matrix.{}", row + 1));
            prop_assert_eq!(columns, (1..=values.len()).collect::<Vec<_>>());
        }
    }

    #[test]
    fn values_survive_unchanged(request in request()) {
        let pairs: BTreeMap<String, String> = request.to_query_pairs().into_iter().collect();
        for (n, id) in request.ids.iter().enumerate() {
            prop_assert_eq!(pairs.get(&format!("Ids.{}", n + 1)), Some(id));
        }
        for (n, item) in request.items.iter().flatten().enumerate() {
            prop_assert_eq!(pairs.get(&format!("Item.{}.Key", n + 1)), Some(&item.key));
            prop_assert_eq!(pairs.get(&format!("Item.{}.Value", n + 1)), item.value.as_ref());
        }
        let joined = pairs.get("Joined").map(|text| {
            text.split(',').map(|part| part.parse::<i64>()).collect::<Result<Vec<_>, _>>()
        });
        match joined {
            None => prop_assert!(request.joined.is_empty()),
            Some(parsed) => prop_assert_eq!(parsed, Ok(request.joined.clone())),
        }
        prop_assert_eq!(pairs.get("Extra.Key"), request.extra.as_ref().map(|item| &item.key));
    }

    #[test]
    fn sort_pairs_orders_by_raw_key_bytes(request in request()) {
        let written = request.to_query_pairs();
        let mut sorted = written.clone();
        sort_pairs(&mut sorted);
        prop_assert!(sorted.windows(2).all(|w| w[0].0.as_bytes() <= w[1].0.as_bytes()));
        let mut expected = written;
        expected.sort();
        let mut again = sorted.clone();
        again.sort();
        prop_assert_eq!(again, expected);
    }

    #[test]
    fn json_style_parses_back_to_the_same_value(
        numbers in proptest::collection::vec(any::<i64>(), 0..8),
        texts in proptest::collection::vec(any::<String>(), 0..8),
        floats in proptest::collection::btree_map(any::<String>(), any::<f64>().prop_filter("finite", |f| f.is_finite()), 0..8),
    ) {
        #[derive(RpcQuery)]
        struct Json {
            #[rpc(style = "json")]
            numbers: Vec<i64>,
            #[rpc(style = "json")]
            texts: Vec<String>,
            #[rpc(style = "json")]
            floats: BTreeMap<String, f64>,
        }
        let request = Json { numbers, texts, floats };
        let pairs: BTreeMap<String, String> = request.to_query_pairs().into_iter().collect();
        let numbers: Vec<i64> = serde_json::from_str(&pairs["numbers"]).unwrap();
        prop_assert_eq!(&numbers, &request.numbers);
        let texts: Vec<String> = serde_json::from_str(&pairs["texts"]).unwrap();
        prop_assert_eq!(&texts, &request.texts);
        let floats: BTreeMap<String, f64> = serde_json::from_str(&pairs["floats"]).unwrap();
        prop_assert_eq!(&floats, &request.floats);
        // Compact, and UTF-8 as is: no whitespace between tokens, no `\u` escapes of non-ASCII.
        prop_assert!(!pairs["numbers"].contains(' '));
        let mut non_ascii = request.texts.iter().flat_map(|text| text.chars()).filter(|c| !c.is_ascii());
        prop_assert!(non_ascii.all(|c| pairs["texts"].contains(c)), "{}", pairs["texts"]);
    }

    #[test]
    fn floats_are_shortest_round_trip_decimals_without_exponent(value in any::<f64>()) {
        let text = value.to_query_value();
        if value.is_finite() {
            prop_assert!(!text.contains(['e', 'E']), "{}", text);
            prop_assert_eq!(text.parse::<f64>().map(f64::to_bits), Ok(value.to_bits()));
        }
    }

    #[test]
    fn integers_are_plain_decimal(value in any::<i64>(), unsigned in any::<u64>()) {
        prop_assert_eq!(value.to_query_value().parse::<i64>(), Ok(value));
        prop_assert_eq!(unsigned.to_query_value().parse::<u64>(), Ok(unsigned));
    }
}

#[test]
fn keys_render_lazily_from_their_segments() {
    let tag = Key::field(None, "Tag");
    let first = tag.index(1);
    let value = Key::field(Some(&first), "Value");
    assert_eq!(value.to_string(), "Tag.1.Value");
    let mut writer = QueryWriter::new();
    writer.push_at(&value, "prod");
    writer.push("Action", "Describe");
    assert_eq!(
        writer.into_pairs(),
        [
            ("Tag.1.Value".to_owned(), "prod".to_owned()),
            ("Action".to_owned(), "Describe".to_owned())
        ]
    );
}

#[test]
fn sort_pairs_breaks_key_ties_by_value() {
    let mut pairs = vec![
        ("b".to_owned(), "2".to_owned()),
        ("a".to_owned(), "z".to_owned()),
        ("b".to_owned(), "1".to_owned()),
        ("B".to_owned(), "0".to_owned()),
    ];
    sort_pairs(&mut pairs);
    let flat: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(flat, [("B", "0"), ("a", "z"), ("b", "1"), ("b", "2")]);
}
