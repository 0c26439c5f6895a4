//! How a refusal quotes the bad value: short and on one line, however long or odd the
//! value is (a 10 MB string, 1e308, a nested list), so a message stays a sentence.

use serde_json::Value;

/// Longest quotation of a bad value in a message, characters.
const EXCERPT_CHARS: usize = 40;

/// A bad value as a message quotes it: its JSON, cut to [`EXCERPT_CHARS`] characters with
/// its length when longer (a 10 MB string in a field must not make a 10 MB message).
/// JSON escapes quotes and control characters, so the excerpt is one printable line.
pub fn excerpt(value: &Value) -> String {
    let text = value.to_string();
    let count = text.chars().count();
    if count <= EXCERPT_CHARS {
        return text;
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    format!("{cut}… ({count} characters)")
}

/// JSON has no NaN or infinity: a page's value that is one reaches the validator as this
/// name, a string, so that an optional number (`top_up_years`) is refused instead of read as
/// absent (as `null` was: `top_up_years: -Infinity` silently dropped a planned top-up).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // (the page's values only)
pub fn non_finite_name(x: f64) -> &'static str {
    if x.is_nan() {
        "NaN"
    } else if x > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    }
}

/// What kind of JSON value it is, in words (for a value of the wrong type).
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::String(s) if s == "NaN" => "NaN (not a finite number)",
        Value::String(s) if s == "Infinity" => "Infinity (not a finite number)",
        Value::String(s) if s == "-Infinity" => "-Infinity (not a finite number)",
        Value::Null => "null (not a finite number)",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// What a message says a bad value was: a number by its value (`0`, `2.5`, `1e20`), any
/// other value by its kind ("a string").
pub(crate) fn got(value: &Value) -> String {
    match value.as_f64() {
        Some(x) => shown(x),
        None => kind(value).to_string(),
    }
}

/// A number as a message quotes it: short even for 1e308 (which `{}` writes with 309
/// digits) or 1e-300.
pub fn shown(x: f64) -> String {
    if x != 0.0 && x.is_finite() && !(1e-4..1e6).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}
