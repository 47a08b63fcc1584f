//! Every action of the spec answers a call built from the spec's own examples: the example
//! values of its parameters pass the emulator's validation, and a stateless action answers its
//! JSON example (with a fresh RequestId, numbers unquoted) as JSON and as XML.

use codegen::model::{Action, ExampleFormat, Parameter, Style, Type};

use crate::common::{self, Sig, call};

/// Actions whose answers come from the domain family's state, not the example.
const STATEFUL: &[&str] = &[
    "AddVodDomain",
    "DeleteVodDomain",
    "DescribeVodDomainCertificateInfo",
    "DescribeVodUserDomains",
    "SetVodDomainCertificate",
];

/// Wire pairs for `param` (sent only when required or exemplified): its example, or a value
/// of its type when the spec gives none.
fn sample(param: &Parameter, api: &codegen::Api, out: &mut Vec<(String, String)>) {
    let scalar = |ty: &Type<Parameter>| -> String {
        match ty {
            Type::Integer | Type::Long => param.limits.minimum.map_or(1, |m| m as i64).to_string(),
            Type::Float => param.limits.minimum.unwrap_or(1.0).to_string(),
            Type::Boolean => "true".to_owned(),
            Type::Timestamp => vod_runtime::Timestamp::now().to_string(),
            Type::Enum(name) => api.enums[name].values[0].value.clone(),
            _ => "x".to_owned(),
        }
    };
    match (&param.ty, param.style, &param.example) {
        (_, _, Some(example)) => out.push((param.wire_name.clone(), example.clone())),
        (Type::List { items, .. }, Style::RepeatList, None) => match items.as_ref() {
            Type::Object { fields, .. } => {
                for field in fields.iter().filter(|f| f.required) {
                    out.push((
                        format!("{}.1.{}", param.wire_name, field.wire_name),
                        scalar(&field.ty),
                    ));
                }
            }
            item => out.push((format!("{}.1", param.wire_name), scalar(item))),
        },
        (Type::List { items, .. }, Style::Json, None) => {
            out.push((
                param.wire_name.clone(),
                format!("[{}]", serde_json::json!(scalar(items))),
            ));
        }
        (Type::List { items, .. }, _, None) => out.push((param.wire_name.clone(), scalar(items))),
        (ty, _, None) => out.push((param.wire_name.clone(), scalar(ty))),
    }
}

fn params_of(action: &Action, api: &codegen::Api) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for param in action
        .parameters
        .iter()
        .filter(|p| p.required || p.example.is_some())
    {
        sample(param, api, &mut out);
    }
    out
}

fn json_example(action: &Action) -> Option<serde_json::Value> {
    let example = action
        .examples
        .responses
        .iter()
        .find(|e| e.format == ExampleFormat::Json)?;
    serde_json::from_str(&example.body).ok()
}

/// `value` with every number and boolean written as a string.
fn quoted(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) => Value::String(n.to_string()),
        Value::Bool(b) => Value::String(b.to_string()),
        Value::Array(items) => Value::Array(items.into_iter().map(quoted).collect()),
        Value::Object(members) => {
            Value::Object(members.into_iter().map(|(k, v)| (k, quoted(v))).collect())
        }
        other => other,
    }
}

#[tokio::test]
async fn every_action_answers_a_call_built_from_its_examples() {
    let api = codegen::load(&emulator::default_spec_dir()).unwrap();
    assert!(api.actions.len() >= STATEFUL.len());
    for action in api.actions.values() {
        // A fresh emulator each time: the family's seed data is as the spec describes it.
        let harness = common::start().await;
        let params = params_of(action, &api);
        let pairs: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let answer = harness.send(&call(Sig::V3, &action.name, &pairs)).await;
        let name = &action.name;
        if STATEFUL.contains(&name.as_str()) {
            // The examples may name the seeded domain (adding it again is a conflict); any
            // refusal must then be one of the action's own documented codes.
            if answer.status != 200 {
                let code = answer.code();
                assert!(
                    action.errors.iter().any(|e| e.code == code),
                    "{name} {params:?}: {}",
                    answer.text
                );
            }
            continue;
        }
        assert_eq!(answer.status, 200, "{name} {params:?}: {}", answer.text);
        let mut body = answer.json();
        let request_id = answer.headers["x-acs-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(body["RequestId"], request_id.as_str(), "{name}");
        if let Some(mut example) = json_example(action) {
            example["RequestId"] = request_id.clone().into();
            body["RequestId"] = request_id.into();
            // The emulator unquotes numbers and booleans the example quotes; compare modulo that.
            assert_eq!(
                quoted(body),
                quoted(example),
                "{name} answers its JSON example"
            );
        }

        let spec = call(Sig::V3, &action.name, &pairs);
        let xml = common::read(
            harness
                .request(&spec)
                .header("accept", "application/xml")
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(xml.status, 200, "{name}: {}", xml.text);
        assert!(
            xml.text.contains(&format!("<{name}Response>")),
            "{name}: {}",
            xml.text
        );
    }
}
