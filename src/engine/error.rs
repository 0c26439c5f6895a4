//! The one error type of the engine: a bad design, named by field.
//!
//! Every message names the field and what is allowed, because it reaches people: the page
//! shows it, the CLI prints it, and a clinic's developer reads it in the console.

use std::fmt;

/// A design that cannot be used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DesignError {
    /// The field at fault, as a path into the design file (`"scalp[3][0]"`, `"dot_mm"`).
    pub field: String,
    /// What is wrong and what is allowed, in plain words.
    pub problem: String,
}

impl DesignError {
    /// An error about `field`.
    pub fn new(field: impl Into<String>, problem: impl Into<String>) -> DesignError {
        DesignError {
            field: field.into(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for DesignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "invalid design: {}", self.problem)
        } else {
            write!(f, "invalid design: {}: {}", self.field, self.problem)
        }
    }
}

impl std::error::Error for DesignError {}
