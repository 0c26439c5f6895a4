//! Page values into engine JSON, safely: a bounded walk of a JS value.
//!
//! Why not `serde_wasm_bindgen::from_value`: it recurses with no limit, so an object that
//! contains itself (`d.self = d`) overflowed the wasm stack, trapped mid-call and left the
//! `Designer` borrowed: every later call failed. This walk stops at [`MAX_DEPTH`] levels
//! (a design needs four: object, list of points, point, number) and at [`MAX_ITEMS`] values
//! in all, and answers with a sentence instead. Non-finite numbers become `null`, which the
//! design validator names as "not a finite number". A text is measured before it is copied
//! into wasm memory and refused past [`MAX_TEXT_CHARS`]: a 10 MB `style` was copied in
//! whole before the validator refused it, and grew the wasm memory (which never shrinks)
//! by 29 MB for a value that was never going to be used (the soak's memory figures).
//!
//! The walk runs in JavaScript (below, `WALK_JS`) and hands the engine one JSON text: done
//! from wasm, every number of a design crossed into the page and back four or five times
//! (is it null, a boolean, a number…), about 3.6 ms for a 250-point hairline on this
//! machine and four times that on a phone, on every frame of a handle or slider drag
//! (issue 12). The rules, limits and sentences are the same; they are this file's.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsValue;

/// Deepest nesting accepted (a design uses 4; a photo frame 2).
pub const MAX_DEPTH: usize = 8;
/// Most values (numbers, strings, …) in one design: two 2000-point lines are 8000 numbers.
pub const MAX_ITEMS: usize = 200_000;
/// Longest text accepted (a value or a field name), in UTF-16 units: a design's texts (a
/// style, a stage, a client reference, a date) are a few dozen characters.
pub const MAX_TEXT_CHARS: u32 = 10_000;
/// Most characters of text in one design, all values and field names together (many
/// texts each under the limit would otherwise still fill the wasm memory).
pub const MAX_TOTAL_CHARS: u32 = 100_000;

/// Converts `value` into JSON, or says in plain words why it cannot.
pub fn json_from_js(value: &JsValue) -> Result<serde_json::Value, String> {
    let answer = walk_js(
        value,
        MAX_DEPTH as u32,
        MAX_ITEMS as u32,
        MAX_TEXT_CHARS,
        MAX_TOTAL_CHARS,
    )
    .map_err(|_| "it cannot be read".to_string())?;
    match answer.as_string() {
        Some(text) => serde_json::from_str(&text).map_err(|_| "it cannot be read".to_string()),
        None => Err(js_sys::Reflect::get(&answer, &JsValue::from_str("error"))
            .ok()
            .and_then(|e| e.as_string())
            .unwrap_or_else(|| "it cannot be read".to_string())),
    }
}

#[wasm_bindgen(inline_js = r#"
// The bounded walk of web/convert.rs, in the page: answers the JSON text of `value`, or
// `{ error }` with the sentence saying why not. Never throws.
export function walkJs(value, maxDepth, maxItems, maxText, maxTotal) {
  let items = 0;
  let chars = 0;
  const refuse = (error) => { throw { refusal: error }; };
  const text = (s) => {
    if (s.length > maxText) refuse(`it holds a text ${s.length} characters long; a design's texts are at most ${maxText}`);
    chars += s.length;
    if (chars > maxTotal) refuse(`it holds more than ${maxTotal} characters of text; a design holds a few hundred`);
    return s.toWellFormed(); // a lone surrogate reads as U+FFFD, as the engine's strings do
  };
  const walk = (v, depth) => {
    items += 1;
    if (items > maxItems) refuse(`it holds more than ${maxItems} values; a design has at most a few thousand`);
    if (depth > maxDepth) refuse(`it is nested more than ${maxDepth} levels deep or contains itself (a circular reference)`);
    if (v === null || v === undefined) return 'null';
    const type = typeof v;
    if (type === 'boolean') return v ? 'true' : 'false';
    if (type === 'number') return Number.isFinite(v) ? (Object.is(v, -0) ? '-0.0' : String(v)) : 'null';
    if (type === 'string') return JSON.stringify(text(v));
    if (Array.isArray(v)) {
      const out = [];
      const length = v.length;
      for (let i = 0; i < length; i += 1) {
        let item;
        try { item = v[i]; } catch { refuse(`its item ${i} cannot be read`); }
        out.push(walk(item, depth + 1));
      }
      return `[${out.join(',')}]`;
    }
    if (type === 'function' || type === 'symbol' || type === 'bigint') {
      refuse('it holds a function, symbol or big integer; a design holds numbers, strings and lists');
    }
    if (type === 'object') {
      let keys;
      try { keys = Reflect.ownKeys(v); } catch { refuse('its fields cannot be listed'); }
      const out = [];
      for (const key of keys) {
        if (typeof key !== 'string') continue; // symbols are no part of a design
        const name = text(key);
        let field;
        try { field = v[key]; } catch { refuse(`its field ${Array.from(name).slice(0, 40).join('')} cannot be read`); }
        if (typeof field === 'function') continue; // methods of a class instance
        out.push(`${JSON.stringify(name)}:${walk(field, depth + 1)}`);
      }
      return `{${out.join(',')}}`;
    }
    refuse('it is not a plain object of numbers, strings and lists');
  };
  try {
    return walk(value, 0);
  } catch (error) {
    return { error: error && typeof error === 'object' && 'refusal' in error ? error.refusal : 'it cannot be read' };
  }
}
"#)]
extern "C" {
    /// The walk above: the JSON text of `value`, or `{ error }`.
    #[wasm_bindgen(js_name = walkJs, catch)]
    fn walk_js(
        value: &JsValue,
        max_depth: u32,
        max_items: u32,
        max_text: u32,
        max_total: u32,
    ) -> Result<JsValue, JsValue>;
}
