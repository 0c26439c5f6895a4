//! The one error type of the engine: a bad input, named by field.
//!
//! Every message names the input, the field and what is allowed, because it reaches
//! people: the page shows it, the CLI prints it, and a clinic's developer reads it in the
//! console. Most errors are about a design ("invalid design: dot_mm: …"); the treatment
//! plan's context is the other input a user types ("invalid plan context: date: …").

use std::fmt;

/// A design (or another input of the engine, such as a plan's context) that cannot be
/// used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DesignError {
    /// What was being read: `"design"` for a design file, `"plan context"` for the
    /// client details of a treatment plan.
    pub input: &'static str,
    /// The field at fault, as a path into the input (`"scalp[3][0]"`, `"dot_mm"`).
    pub field: String,
    /// What is wrong and what is allowed, in plain words.
    pub problem: String,
}

impl DesignError {
    /// An error about `field` of a design.
    pub fn new(field: impl Into<String>, problem: impl Into<String>) -> DesignError {
        DesignError::for_input("design", field, problem)
    }

    /// An error about `field` of another `input` (e.g. `"plan context"`).
    pub fn for_input(
        input: &'static str,
        field: impl Into<String>,
        problem: impl Into<String>,
    ) -> DesignError {
        DesignError {
            input,
            field: field.into(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for DesignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "invalid {}: {}", self.input, self.problem)
        } else {
            write!(
                f,
                "invalid {}: {}: {}",
                self.input, self.field, self.problem
            )
        }
    }
}

impl std::error::Error for DesignError {}
