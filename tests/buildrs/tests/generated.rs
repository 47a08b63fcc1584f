//! Behaviour of generated code, through the SDKs this crate's build script generates.

use serde_json::json;
use vod_buildrs_test::edge::enums::Definition;
use vod_buildrs_test::edge::errors::CommonErrorCode;
use vod_buildrs_test::edge::list_things::{
    ListThingsErrorCode, ListThingsRequest, ListThingsResponse, Tag, ThingConfig,
};
use vod_buildrs_test::edge::set_secret::{SetSecretErrorCode, SetSecretRequest};
use vod_buildrs_test::mini;
use vod_runtime::query::{QueryScalar, ToQuery, sort_pairs};
use vod_runtime::{Action, BuildError, HttpMethod};

fn sorted_pairs(request: &impl ToQuery) -> Vec<(String, String)> {
    let mut pairs = request.to_query_pairs();
    sort_pairs(&mut pairs);
    pairs
}

fn pair(key: &str, value: &str) -> (String, String) {
    (key.to_owned(), value.to_owned())
}

#[test]
fn open_enums_round_trip_known_and_unknown_values() {
    assert_eq!(Definition::from("4K"), Definition::V4k);
    assert_eq!(Definition::from("2K"), Definition::TwoK);
    // The spec value `Unknown` gets its own variant, distinct from the catch-all.
    assert_eq!(Definition::from("Unknown"), Definition::ValueUnknown);
    let unknown = Definition::from("8K");
    assert!(matches!(unknown, Definition::Unknown(_)));
    assert_eq!(unknown.as_str(), "8K");
    assert_eq!(unknown.to_string(), "8K");
    assert_eq!("FD".parse::<Definition>(), Ok(Definition::Fd));
    assert_eq!(Definition::values(), ["FD", "4K", "2K", "Unknown"]);
    assert_eq!(Definition::V4k.to_query_value(), "4K");
    assert_eq!(serde_json::to_value(&unknown).unwrap(), json!("8K"));
    assert_eq!(
        serde_json::from_value::<Definition>(json!("2K")).unwrap(),
        Definition::TwoK
    );
    assert_eq!(
        serde_json::from_value::<Definition>(json!("new"))
            .unwrap()
            .as_str(),
        "new"
    );
}

#[test]
fn error_codes_carry_status_and_message_and_prefer_the_actions_wording() {
    let own = ListThingsErrorCode::from("Thing.NotFound");
    assert_eq!(own, ListThingsErrorCode::ThingNotFound);
    assert_eq!(own.http_status(), Some(404));
    assert_eq!(own.message(), Some("The thing does not exist."));
    let reworded = ListThingsErrorCode::from("Throttling.User");
    assert_eq!(
        reworded.message(),
        Some("This action's own wording of a common code.")
    );
    let common = SetSecretErrorCode::from("Throttling.User");
    assert_eq!(
        common.message(),
        Some("Request was denied due to user flow control.")
    );
    assert_eq!(
        common,
        SetSecretErrorCode::Common(CommonErrorCode::ThrottlingUser)
    );
    let shared = ListThingsErrorCode::from("InternalError");
    assert_eq!(
        shared,
        ListThingsErrorCode::Common(CommonErrorCode::InternalError)
    );
    assert_eq!(
        (shared.as_str(), shared.http_status()),
        ("InternalError", Some(500))
    );
    assert_eq!(shared.to_string(), "InternalError");
    assert_eq!(CommonErrorCode::from_code("Thing.NotFound"), None);
    let unknown = ListThingsErrorCode::from("Brand.New");
    assert_eq!(
        (unknown.as_str(), unknown.http_status(), unknown.message()),
        ("Brand.New", None, None)
    );
    assert!(matches!(unknown, ListThingsErrorCode::Unknown(_)));
}

#[test]
fn build_checks_required_parameters_and_limits() {
    let missing = ListThingsRequest::builder().page_size(10).build();
    assert_eq!(missing, Err(BuildError::MissingParameter { name: "Type" }));
    let base = || ListThingsRequest::builder().r#type("video");
    assert_eq!(
        base().page_size(0).build().unwrap_err().parameter(),
        "PageSize"
    );
    assert_eq!(
        base().page_size(51).build().unwrap_err().parameter(),
        "PageSize"
    );
    assert!(base().page_size(50).build().is_ok());
    let tags: Vec<Tag> = (0..21)
        .map(|i| Tag::builder().key(format!("k{i}")).build().unwrap())
        .collect();
    assert!(matches!(
        base().tag(tags.clone()).build(),
        Err(BuildError::InvalidLength {
            name: "Tag",
            len: 21,
            max: Some(20),
            ..
        })
    ));
    assert!(base().tag(tags[..20].to_vec()).build().is_ok());
    assert_eq!(
        base()
            .ids(vec!["a".into(), "b".into(), "c".into(), "d".into()])
            .build()
            .unwrap_err()
            .parameter(),
        "Ids"
    );
    // Title is limited to 6 UTF-8 bytes: two Chinese characters fit, three do not.
    assert!(base().title("视频").build().is_ok());
    assert_eq!(
        base().title("视频点").build().unwrap_err().parameter(),
        "Title"
    );
    assert_eq!(
        Tag::builder().value("v").build(),
        Err(BuildError::MissingParameter { name: "Key" })
    );
}

#[test]
fn requests_serialize_every_style() {
    let request = ListThingsRequest::builder()
        .r#type("video")
        .tag([Tag::builder().key("env").value("prod").build().unwrap()])
        .offset_times(vec![1000, 2000])
        .ids(vec!["a".to_owned(), "b".to_owned()])
        .since(
            "2024-01-02T03:04:05Z"
                .parse::<vod_runtime::Timestamp>()
                .unwrap(),
        )
        .definition(Definition::V4k)
        .ratio(0.5)
        .strict(false)
        .build()
        .unwrap();
    assert_eq!(request.r#type(), "video");
    assert_eq!(request.ids(), Some(&["a".to_owned(), "b".to_owned()][..]));
    assert_eq!(request.page_size(), None);
    assert_eq!(
        sorted_pairs(&request),
        [
            pair("Definition", "4K"),
            pair("Ids", "a,b"),
            pair("OffsetTimes", "[1000,2000]"),
            pair("Ratio", "0.5"),
            pair("Since", "2024-01-02T03:04:05Z"),
            pair("Strict", "false"),
            pair("Tag.1.Key", "env"),
            pair("Tag.1.Value", "prod"),
            pair("Type", "video"),
        ]
    );
    let cleared = ListThingsRequest::builder()
        .r#type("x")
        .ratio(1.0)
        .set_ratio(None)
        .build()
        .unwrap();
    assert_eq!(cleared.ratio(), None);
}

#[test]
fn secrets_never_show_in_debug() {
    let builder = SetSecretRequest::builder()
        .ssl_pri("PRIVATE-KEY-BYTES")
        .ssl_pub("public-cert");
    let shown = format!("{builder:?}");
    assert!(!shown.contains("PRIVATE-KEY-BYTES"), "{shown}");
    assert!(
        shown.contains("<redacted>") && shown.contains("public-cert"),
        "{shown}"
    );
    let request = builder.build().unwrap();
    let shown = format!("{request:?}");
    assert!(!shown.contains("PRIVATE-KEY-BYTES"), "{shown}");
    assert!(shown.contains("public-cert"), "{shown}");
    // The value is still sent.
    assert!(sorted_pairs(&request).contains(&pair("SSLPri", "PRIVATE-KEY-BYTES")));
}

#[test]
fn actions_know_their_wire_facts() {
    assert_eq!(ListThingsRequest::NAME, "ListThings");
    assert_eq!(ListThingsRequest::METHOD, HttpMethod::Get);
    assert_eq!(
        (ListThingsRequest::READ_ONLY, SetSecretRequest::READ_ONLY),
        (true, false)
    );
    assert!(ListThingsRequest::REGIONS.is_empty());
    assert_eq!(SetSecretRequest::METHOD, HttpMethod::Post);
    assert_eq!(SetSecretRequest::REGIONS, ["cn-shanghai"]);
    assert_eq!(mini::start_race::StartRaceRequest::METHOD, HttpMethod::Post);
    let service = &vod_buildrs_test::edge::SERVICE;
    assert_eq!(
        (service.product, service.version, service.default_region),
        ("edge", "2024-01-01", "cn-shanghai")
    );
    assert_eq!(
        service.regional_endpoints,
        [("cn-hangzhou", "edge.example.com")]
    );
}

#[test]
fn responses_read_loose_shapes_and_write_the_wire_shape() {
    let wire = json!({
        "RequestId": "r",
        "Total": "7",
        "Things": {"Thing": [{"Id": "a", "Size": 3, "Definition": "8K", "Labels": "solo"}]},
        "Unexpected": {"ignored": true}
    });
    let response: ListThingsResponse = serde_json::from_value(wire).unwrap();
    assert_eq!(response.total(), Some(7));
    let thing = &response.things()[0];
    assert_eq!(thing.size(), Some(3));
    assert_eq!(thing.definition().map(Definition::as_str), Some("8K"));
    assert_eq!(thing.labels(), ["solo"]);
    assert_eq!(response.owner(), None);
    assert_eq!(
        serde_json::to_value(&response).unwrap(),
        json!({
            "RequestId": "r",
            "Total": 7,
            "Things": {"Thing": [{"Id": "a", "Size": 3, "Definition": "8K", "Labels": ["solo"]}]}
        })
    );
    // A bare list, a single object and an absent list all read.
    let bare: ListThingsResponse =
        serde_json::from_value(json!({"Things": [{"Id": "b"}]})).unwrap();
    assert_eq!(bare.things()[0].id(), Some("b"));
    let single: ListThingsResponse =
        serde_json::from_value(json!({"Things": {"Thing": {"Id": "c"}}})).unwrap();
    assert_eq!(single.things()[0].id(), Some("c"));
    let empty: ListThingsResponse = serde_json::from_value(json!({})).unwrap();
    assert!(empty.things().is_empty());
    assert_eq!(serde_json::to_value(&empty).unwrap(), json!({}));
    assert!(serde_json::from_value::<ListThingsResponse>(json!({"Total": "many"})).is_err());
    // As with serde's derive: a key given twice is an error, `null` reads as absent, and
    // fields are written in declaration order.
    let twice =
        serde_json::from_str::<ListThingsResponse>(r#"{"Total": 1, "Total": 2}"#).unwrap_err();
    assert!(
        twice.to_string().contains("duplicate field `Total`"),
        "{twice}"
    );
    let nulls: ListThingsResponse =
        serde_json::from_value(json!({"RequestId": null, "Total": null, "Things": null})).unwrap();
    assert_eq!(nulls, ListThingsResponse::default());
    let ordered: ListThingsResponse =
        serde_json::from_str(r#"{"Total": 2, "RequestId": "r"}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&ordered).unwrap(),
        r#"{"RequestId":"r","Total":2}"#
    );
}

#[test]
fn the_mini_sdk_has_a_client_method_per_action() {
    let client = mini::Client::new(vod_runtime::Config::new());
    assert_eq!(client.runtime().service().product, "mini");
    let request = mini::get_runner::GetRunnerRequest::builder()
        .runner_id("r-7")
        .build()
        .unwrap();
    assert_eq!(sorted_pairs(&request), [pair("RunnerId", "r-7")]);
    // Not awaited: this checks the method exists with the right request and response types.
    let call = client.get_runner(&request);
    drop(call);
    let response: mini::get_runner::GetRunnerResponse =
        serde_json::from_str(r#"{"RequestId": "q-1", "Speed": "fast", "Laps": 3}"#).unwrap();
    assert_eq!(response.speed(), Some(&mini::enums::Speed::Fast));
    assert_eq!(response.laps(), Some(3));
}

#[test]
fn actions_without_parameters_or_fields_still_work() {
    use vod_buildrs_test::edge::ping::{PingRequest, PingResponse};
    let request = PingRequest::builder().build().unwrap();
    assert!(request.to_query_pairs().is_empty());
    let response: PingResponse = serde_json::from_str(r#"{"RequestId": "ignored"}"#).unwrap();
    assert_eq!(serde_json::to_value(&response).unwrap(), json!({}));
}

#[test]
fn flat_objects_enum_lists_and_nested_lists() {
    let config = ThingConfig::builder()
        .width(16)
        .mode(Definition::Fd)
        .build()
        .unwrap();
    let request = ListThingsRequest::builder()
        .r#type("t")
        .config(config)
        .modes(vec![Definition::Fd, Definition::from("8K")])
        .build()
        .unwrap();
    assert_eq!(
        sorted_pairs(&request),
        [
            pair("Config.Mode", "FD"),
            pair("Config.Width", "16"),
            pair("Modes", "FD,8K"),
            pair("Type", "t"),
        ]
    );
    // Limits of nested objects are checked by their own builder.
    assert_eq!(
        ThingConfig::builder()
            .width(4)
            .build()
            .unwrap_err()
            .parameter(),
        "Width"
    );
    let response: ListThingsResponse =
        serde_json::from_value(json!({"Matrix": [[1, 2], [3]]})).unwrap();
    assert_eq!(response.matrix(), [vec![1, 2], vec![3]]);
}
