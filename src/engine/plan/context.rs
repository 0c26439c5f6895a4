//! What a treatment plan needs beyond the design: who it is for, when, and their skin and
//! hair, as the technician types them.
//!
//! Every field is optional; what is given is checked and refused in plain words naming the
//! field (`invalid plan context: date: …`), with a bad value quoted as at most a 40-character
//! excerpt. Limits: the date is checked as a calendar date (leap years included), not
//! against today; the hair colour is free text (a named colour the pigment advice knows,
//! such as `dark-brown`, also gets a recommended shade).

use serde_json::Value;

use crate::engine::design::excerpt;
use crate::engine::error::DesignError;

/// The input name in messages about a context.
const INPUT: &str = "plan context";
/// Longest client reference, characters (a name, a file number or both).
pub const MAX_CLIENT_REFERENCE_CHARS: usize = 100;
/// Longest hair colour, characters.
pub const MAX_HAIR_COLOUR_CHARS: usize = 40;
/// Fitzpatrick skin types, I to VI.
pub const FITZPATRICK_RANGE: (u8, u8) = (1, 6);
/// The fields a context object may have.
const FIELDS: [&str; 4] = ["client_reference", "date", "fitzpatrick", "hair_colour"];

/// The client details of a treatment plan. Build it field by field, from a JSON object
/// ([`PlanContext::from_json`]), or leave it [`Default`] (all absent).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanContext {
    /// The clinic's reference for the client (a name or a file number), at most 100
    /// characters.
    pub client_reference: Option<String>,
    /// The date of the consultation, ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Fitzpatrick skin type, 1 (I) to 6 (VI).
    pub fitzpatrick: Option<u8>,
    /// Hair colour in words (`black`, `dark-brown`, `grey`, …), at most 40 characters.
    pub hair_colour: Option<String>,
}

impl PlanContext {
    /// Reads a context object `{ client_reference, date, fitzpatrick, hair_colour }`,
    /// each optional or `null`; `null` itself (or JavaScript's `undefined`) is the empty
    /// context. Unknown fields are refused, so a misspelt one is not silently dropped.
    pub fn from_json(value: &Value) -> Result<PlanContext, DesignError> {
        let obj = match value {
            Value::Null => return Ok(PlanContext::default()),
            Value::Object(obj) => obj,
            other => {
                return Err(DesignError::for_input(
                    INPUT,
                    "",
                    format!(
                        "must be an object {{ client_reference, date, fitzpatrick, hair_colour }}, got {}",
                        excerpt(other)
                    ),
                ))
            }
        };
        if let Some(unknown) = obj.keys().find(|k| !FIELDS.contains(&k.as_str())) {
            return Err(DesignError::for_input(
                INPUT,
                "",
                format!(
                    "unknown field {}; a plan context has client_reference, date, fitzpatrick and hair_colour",
                    excerpt(&Value::String(unknown.clone()))
                ),
            ));
        }
        let text = |field: &str| -> Result<Option<String>, DesignError> {
            match obj.get(field) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(other) => Err(DesignError::for_input(
                    INPUT,
                    field,
                    format!("must be text, got {}", excerpt(other)),
                )),
            }
        };
        let fitzpatrick = match obj.get("fitzpatrick") {
            None | Some(Value::Null) => None,
            Some(v) => Some(
                v.as_f64()
                    .filter(|x| x.fract() == 0.0 && (1.0..=6.0).contains(x))
                    .map(|x| x as u8)
                    .ok_or_else(|| fitzpatrick_error(&excerpt(v)))?,
            ),
        };
        PlanContext {
            client_reference: text("client_reference")?,
            date: text("date")?,
            fitzpatrick,
            hair_colour: text("hair_colour")?,
        }
        .validated()
    }

    /// Checks every field: text trimmed (empty text is absent), no control characters,
    /// within its length; the date a real `YYYY-MM-DD` date; the skin type 1–6.
    pub fn validated(self) -> Result<PlanContext, DesignError> {
        let client_reference = clean_text(
            "client_reference",
            self.client_reference,
            MAX_CLIENT_REFERENCE_CHARS,
        )?;
        let hair_colour = clean_text("hair_colour", self.hair_colour, MAX_HAIR_COLOUR_CHARS)?;
        let date = match self.date.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(d) if is_iso_date(d) => Some(d.to_string()),
            Some(d) => {
                return Err(DesignError::for_input(
                    INPUT,
                    "date",
                    format!(
                        "must be a calendar date written YYYY-MM-DD (e.g. \"2026-11-24\"), got {}",
                        excerpt(&Value::String(d.to_string()))
                    ),
                ))
            }
        };
        if let Some(f) = self.fitzpatrick {
            if !(FITZPATRICK_RANGE.0..=FITZPATRICK_RANGE.1).contains(&f) {
                return Err(fitzpatrick_error(&f.to_string()));
            }
        }
        Ok(PlanContext {
            client_reference,
            date,
            fitzpatrick: self.fitzpatrick,
            hair_colour,
        })
    }
}

/// The Roman numeral of a Fitzpatrick type 1–6 (`"?"` outside).
pub fn fitzpatrick_roman(skin_type: u8) -> &'static str {
    match skin_type {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        5 => "V",
        6 => "VI",
        _ => "?",
    }
}

/// A Fitzpatrick type from `I`–`VI` (any case) or `1`–`6`, as the CLI's `--skin` takes it.
pub fn fitzpatrick_from_name(name: &str) -> Option<u8> {
    let name = name.trim().to_ascii_uppercase();
    (1..=6).find(|&f| fitzpatrick_roman(f) == name || f.to_string() == name)
}

fn fitzpatrick_error(got: &str) -> DesignError {
    DesignError::for_input(
        INPUT,
        "fitzpatrick",
        format!("must be a Fitzpatrick skin type, a whole number from 1 (I) to 6 (VI), got {got}"),
    )
}

fn clean_text(
    field: &str,
    value: Option<String>,
    max_chars: usize,
) -> Result<Option<String>, DesignError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let trimmed = value.trim();
    let quoted = || excerpt(&Value::String(trimmed.to_string()));
    if trimmed.chars().any(char::is_control) {
        return Err(DesignError::for_input(
            INPUT,
            field,
            format!(
                "must be one line of text without control characters, got {}",
                quoted()
            ),
        ));
    }
    let count = trimmed.chars().count();
    if count > max_chars {
        return Err(DesignError::for_input(
            INPUT,
            field,
            format!(
                "must be at most {max_chars} characters, got {count}: {}",
                quoted()
            ),
        ));
    }
    Ok((!trimmed.is_empty()).then(|| trimmed.to_string()))
}

/// Whether `text` is a real date written `YYYY-MM-DD` (years 0001–9999, leap years
/// counted as the Gregorian calendar does).
pub fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes[range].iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + (b - b'0') as u32)
        })
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year >= 1 && (1..=days_in_month).contains(&day)
}
