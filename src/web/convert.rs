//! Page values into engine JSON, safely: a bounded walk of a JS value.
//!
//! Why not `serde_wasm_bindgen::from_value`: it recurses with no limit, so an object that
//! contains itself (`d.self = d`) overflowed the wasm stack, trapped mid-call and left the
//! `Designer` borrowed: every later call failed. This walk stops at [`MAX_DEPTH`] levels
//! (a design needs four: object, list of points, point, number), at [`MAX_ITEMS`] values
//! in all and at lists longer than [`MAX_LIST_ITEMS`] (before reading them), and answers
//! with a sentence instead. Non-finite numbers become their names (`"NaN"`, `"-Infinity"`:
//! [`non_finite_name`]), which the design validator refuses as "not a finite number" in any
//! field (as `null`, an optional number was read as absent). A text is measured before it
//! is copied into wasm memory and refused past [`MAX_TEXT_CHARS`]: a 10 MB `style` was
//! copied in whole before the validator refused it, and grew the wasm memory (which never
//! shrinks) by 29 MB for a value that was never going to be used (the soak's memory figures).

use js_sys::{Array, Object, Reflect};

use crate::engine::design::quote::non_finite_name;
use crate::engine::design::MAX_POINTS;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`, whose exception (a revoked Proxy) comes back as an error instead of
    /// unwinding through the engine and leaving the Designer locked.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// Deepest nesting accepted (a design uses 4; a photo frame 2).
pub const MAX_DEPTH: usize = 8;
/// Most values (numbers, strings, …) in one design: two 2000-point lines are 12,000 values
/// (each point a list and two numbers).
pub const MAX_ITEMS: usize = 50_000;
/// Longest list: a design's lines have at most 2000 points, a photo's treated region (the
/// scalp outline and the hairline together) a few thousand. A longer list is refused by its
/// length before any of it is read: a 100,000-point line was walked for 216–406 ms first.
pub const MAX_LIST_ITEMS: u32 = 10_000;
/// Longest text accepted (a value or a field name), in UTF-16 units: a design's texts (a
/// style, a stage, a client reference, a date) are a few dozen characters.
pub const MAX_TEXT_CHARS: u32 = 10_000;
/// Most characters of text in one design, all values and field names together (many
/// texts each under the limit would otherwise still fill the wasm memory).
pub const MAX_TOTAL_CHARS: u32 = 100_000;

/// Converts `value` into JSON, or says in plain words why it cannot.
pub fn json_from_js(value: &JsValue) -> Result<serde_json::Value, String> {
    let mut budget = Budget {
        items: 0,
        chars: 0,
        length_key: JsValue::from_str("length"),
    };
    walk(value, 0, &mut budget)
}

/// What the walk has taken so far: values, and characters of text.
struct Budget {
    items: usize,
    chars: u32,
    /// The text "length", made once in JS for every list's length read.
    length_key: JsValue,
}

/// `text` as a String once its length is known to be within the limits, else why not.
fn text_of(text: &js_sys::JsString, budget: &mut Budget) -> Result<String, String> {
    let length = text.length();
    if length > MAX_TEXT_CHARS {
        return Err(format!(
            "it holds a text {length} characters long; a design's texts are at most {MAX_TEXT_CHARS}"
        ));
    }
    budget.chars = budget.chars.saturating_add(length);
    if budget.chars > MAX_TOTAL_CHARS {
        return Err(format!(
            "it holds more than {MAX_TOTAL_CHARS} characters of text; a design holds a few hundred"
        ));
    }
    Ok(String::from(text))
}

fn walk(value: &JsValue, depth: usize, budget: &mut Budget) -> Result<serde_json::Value, String> {
    use serde_json::Value;
    budget.items += 1;
    if budget.items > MAX_ITEMS {
        return Err(format!(
            "it holds more than {MAX_ITEMS} values; a design has at most a few thousand"
        ));
    }
    if depth > MAX_DEPTH {
        return Err(format!(
            "it is nested more than {MAX_DEPTH} levels deep or contains itself (a circular reference)"
        ));
    }
    // Numbers first, then objects: a design is mostly points (a list of two numbers), and
    // each question here is a call out of wasm; asked in this order a point takes 8 of them
    // instead of 17 (a 2,000-point line was 30 ms of walking in the page's designer).
    if let Some(x) = value.as_f64() {
        return Ok(serde_json::Number::from_f64(x)
            .map_or_else(|| Value::String(non_finite_name(x).into()), Value::Number));
    }
    if !value.is_object() {
        if value.is_null() || value.is_undefined() {
            return Ok(Value::Null);
        }
        if let Some(b) = value.as_bool() {
            return Ok(Value::Bool(b));
        }
        if let Some(text) = value.dyn_ref::<js_sys::JsString>() {
            return Ok(Value::String(text_of(text, budget)?));
        }
        if value.is_function() || value.is_symbol() || value.is_bigint() {
            return Err(
                "it holds a function, symbol or big integer; a design holds numbers, strings and lists"
                    .into(),
            );
        }
        return Err("it is not a plain object of numbers, strings and lists".into());
    }
    // (Array.isArray throws on a revoked Proxy: asked through a binding that catches.)
    if is_array(value).map_err(|_| "it cannot be read".to_string())? {
        let array: &Array = value.unchecked_ref();
        // Read through Reflect (which catches): a Proxy's throwing `length` read directly
        // threw through the engine and left the Designer locked.
        let length = Reflect::get(array, &budget.length_key)
            .ok()
            .and_then(|n| n.as_f64())
            .filter(|n| n.is_finite() && *n >= 0.0)
            .ok_or_else(|| "its length cannot be read".to_string())?
            .min(u32::MAX as f64) as u32;
        if length > MAX_LIST_ITEMS {
            return Err(format!(
                "it holds a list of {length} items; its lists hold at most {MAX_LIST_ITEMS} (a line at most {MAX_POINTS} points)"
            ));
        }
        let mut out = Vec::with_capacity(length as usize);
        for i in 0..length {
            // Reflect::get catches a throwing getter; a plain index read would unwind
            // through the engine and leave the Designer locked.
            let item =
                Reflect::get_u32(array, i).map_err(|_| format!("its item {i} cannot be read"))?;
            out.push(walk(&item, depth + 1, budget)?);
        }
        return Ok(Value::Array(out));
    }
    let object: &Object = value.unchecked_ref();
    let mut out = serde_json::Map::new();
    let keys = Reflect::own_keys(object).map_err(|_| "its fields cannot be listed".to_string())?;
    for key in keys.iter() {
        // Own string keys only (symbols and inherited fields are no part of a design).
        let Some(name) = key.dyn_ref::<js_sys::JsString>() else {
            continue;
        };
        let name = text_of(name, budget)?;
        let field = Reflect::get(object, &key)
            .map_err(|_| format!("its field {name:.40} cannot be read"))?;
        if field.is_function() {
            continue; // methods of a class instance are no part of a design
        }
        out.insert(name, walk(&field, depth + 1, budget)?);
    }
    Ok(Value::Object(out))
}
