//! Turning a response document (a JSON value) into the bytes the caller asked for.
//!
//! The service answers JSON or XML with the same shape: an XML element per object key, and a
//! JSON array becomes the repeated element of its parent key (`{"CertInfos":{"CertInfo":[a,b]}}`
//! is `<CertInfos><CertInfo>a</CertInfo><CertInfo>b</CertInfo></CertInfos>`).

use serde_json::Value;

/// Wire format of a response body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `application/json`.
    Json,
    /// `application/xml`.
    Xml,
}

impl Format {
    /// The `Content-Type` of a body in this format.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json;charset=utf-8",
            Format::Xml => "text/xml;charset=utf-8",
        }
    }
}

/// Serializes `document` in `format`; `root` names the XML root element (`<Action>Response`
/// for a success, `Error` for an error).
pub fn render(document: &Value, format: Format, root: &str) -> String {
    match format {
        Format::Json => document.to_string(),
        Format::Xml => {
            let mut out = String::from("<?xml version='1.0' encoding='UTF-8'?>");
            write_element(&mut out, root, document);
            out
        }
    }
}

fn write_element(out: &mut String, name: &str, value: &Value) {
    match value {
        // A list has no element of its own: each item repeats the parent's tag.
        Value::Array(items) => items.iter().for_each(|item| write_element(out, name, item)),
        Value::Object(fields) => {
            open(out, name);
            for (key, field) in fields {
                write_element(out, key, field);
            }
            close(out, name);
        }
        Value::Null => {
            open(out, name);
            close(out, name);
        }
        Value::String(text) => {
            open(out, name);
            escape_into(out, text);
            close(out, name);
        }
        Value::Bool(_) | Value::Number(_) => {
            open(out, name);
            out.push_str(&value.to_string());
            close(out, name);
        }
    }
}

fn open(out: &mut String, name: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
}

fn close(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_repeat_the_parent_tag_and_text_is_escaped() {
        // serde_json maps are sorted, so the elements come out in key order.
        let doc = json!({
            "CertInfos": {"CertInfo": [{"CertOrg": "Let's <Encrypt>"}, {"CertOrg": "A&B"}]},
            "Total": 2,
            "RequestId": "R"
        });
        assert_eq!(
            render(&doc, Format::Xml, "XResponse"),
            "<?xml version='1.0' encoding='UTF-8'?><XResponse><CertInfos>\
             <CertInfo><CertOrg>Let&apos;s &lt;Encrypt&gt;</CertOrg></CertInfo>\
             <CertInfo><CertOrg>A&amp;B</CertOrg></CertInfo></CertInfos>\
             <RequestId>R</RequestId><Total>2</Total></XResponse>"
        );
    }

    #[test]
    fn json_is_compact() {
        let doc = json!({"A": [1, 2], "B": {"C": true}});
        assert_eq!(
            render(&doc, Format::Json, "Ignored"),
            r#"{"A":[1,2],"B":{"C":true}}"#
        );
    }
}
