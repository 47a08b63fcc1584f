//! Rust identifiers from wire names: heck for the case, then sanitised.
//!
//! Conventions (tested below): keywords become raw identifiers (`type` -> `r#type`) except the
//! few that cannot be raw (`self`, `Self`, `super`, `crate`), which get a trailing `_`; a leading
//! digit gets a `_` prefix in snake case and a `V` prefix in camel case; acronyms fold
//! (`SSLPri` -> `ssl_pri`, `URL` -> `Url`); an enum value named `Unknown` becomes `ValueUnknown`
//! because `Unknown` holds the values the spec does not list.

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords that `r#` cannot escape.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names generated code uses unqualified (the prelude): no spec struct or enum may take one.
pub const PRELUDE_TYPES: &[&str] = &[
    "String", "Option", "Vec", "Result", "Some", "None", "Ok", "Err", "Into", "Box",
];

/// Methods every generated request type or builder has; no parameter may take their names.
pub const RESERVED_MEMBERS: &[&str] = &["build", "builder"];

/// The variant that holds values outside the spec; a spec value may not take its name.
pub const UNKNOWN_VARIANT: &str = "Unknown";
/// The variant of an action's error enum that holds a `CommonErrorCode`.
const COMMON_VARIANT: &str = "Common";

fn is_identifier(word: &str) -> bool {
    let mut chars = word.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `snake_case` identifier for a field, method or module, or `None` when none can be made.
pub fn snake(wire: &str) -> Option<String> {
    let mut name = wire.to_snake_case();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if !is_identifier(&name) {
        return None;
    }
    Some(escape_keyword(name))
}

/// `UpperCamelCase` identifier for a type or variant, or `None` when none can be made.
pub fn camel(wire: &str) -> Option<String> {
    let mut name = wire.to_upper_camel_case();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if !is_identifier(&name) {
        return None;
    }
    Some(escape_keyword(name))
}

/// Variant name of an enum value, avoiding the `Unknown` catch-all.
pub fn variant(wire: &str) -> Option<String> {
    camel(wire).map(|name| {
        if name == UNKNOWN_VARIANT {
            format!("Value{name}")
        } else {
            name
        }
    })
}

/// Variant name of an error code, avoiding the `Unknown` and `Common` variants of the
/// per-action error enums.
pub fn error_variant(code: &str) -> Option<String> {
    variant(code).map(|name| {
        if name == COMMON_VARIANT {
            format!("Code{name}")
        } else {
            name
        }
    })
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The identifier without a raw prefix, for building derived names (`set_type`, not `set_r#type`).
pub fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// True when `name` is usable as given (a `rust_name` override or a struct/enum name).
pub fn is_valid_override(name: &str) -> bool {
    is_identifier(bare(name)) && !NOT_RAW.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_fold() {
        assert_eq!(snake("SSLPri").as_deref(), Some("ssl_pri"));
        assert_eq!(snake("CertInfos").as_deref(), Some("cert_infos"));
        assert_eq!(snake("URL").as_deref(), Some("url"));
        assert_eq!(camel("URL").as_deref(), Some("Url"));
        assert_eq!(camel("cname_error").as_deref(), Some("CnameError"));
    }

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(snake("Type").as_deref(), Some("r#type"));
        assert_eq!(snake("Match").as_deref(), Some("r#match"));
        assert_eq!(snake("Self").as_deref(), Some("self_"));
        assert_eq!(camel("self").as_deref(), Some("Self_"));
        assert_eq!(bare("r#type"), "type");
    }

    #[test]
    fn leading_digits_get_a_prefix() {
        assert_eq!(snake("3DMode").as_deref(), Some("_3d_mode"));
        assert_eq!(camel("360p").as_deref(), Some("V360p"));
    }

    #[test]
    fn unknown_is_reserved_for_the_catch_all() {
        assert_eq!(variant("unknown").as_deref(), Some("ValueUnknown"));
        assert_eq!(variant("Unknown").as_deref(), Some("ValueUnknown"));
        assert_eq!(variant("known").as_deref(), Some("Known"));
    }

    #[test]
    fn error_codes_keep_off_the_common_and_unknown_variants() {
        assert_eq!(error_variant("Common").as_deref(), Some("CodeCommon"));
        assert_eq!(error_variant("Unknown").as_deref(), Some("ValueUnknown"));
        assert_eq!(
            error_variant("Common.Failure").as_deref(),
            Some("CommonFailure")
        );
    }

    #[test]
    fn hopeless_names_are_rejected() {
        assert_eq!(snake("*"), None);
        assert_eq!(camel("中文"), None);
        assert_eq!(snake(""), None);
        // Separators fold away rather than failing.
        assert_eq!(
            variant("application/json").as_deref(),
            Some("ApplicationJson")
        );
    }

    #[test]
    fn overrides_are_checked() {
        assert!(is_valid_override("r#type"));
        assert!(is_valid_override("ssl_private_key"));
        assert!(!is_valid_override("not valid"));
        assert!(!is_valid_override("self"));
    }
}
