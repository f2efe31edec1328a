//! lexicon: the knowledge crosscheck reads from `rules/`: number words,
//! qualifiers, units, measures, calendar words, speech verbs, superlatives,
//! event patterns and the gazetteer.
//! Takes: `Sources` (the built-in `rules/` plus user folders).
//! Gives: `Lexicon`, phrase tables built once per run, and the examples each
//! file carries, which the test suite runs.
//! Never: holds a word list in code; every word comes from a data file.

mod calendar;
mod change;
mod events;
mod gazetteer;
mod measures;
mod numbers;
mod ordinals;
mod phrases;
mod qualifiers;
mod sources;
mod speech;
mod units;
mod words;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

pub use calendar::{Calendar, RelativeDate, RelativeUnit};
pub use change::{ChangeWords, Direction};
pub use events::{EventPattern, EventPatterns};
pub use gazetteer::{Gazetteer, Place, PlaceId, PlaceKind, PlaceMention};
pub use measures::{MeasureWord, Measures};
pub use numbers::{NumberWords, Rounding, Vague};
pub use ordinals::{Idiom, Ordinals};
pub use phrases::{PhraseSet, Phrases, TokenText};
pub use qualifiers::{Qualifier, Qualifiers, Reading};
pub use sources::{SourceFile, Sources};
pub use speech::Speech;
pub use units::{Unit, Units};
pub use words::{Abbreviations, Boilerplate, FunctionWords, NotQuantities, Superlatives};

/// A lexicon or rule file that cannot be used, with where and why.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconError {
    #[error("{path}: cannot read: {message}")]
    Io { path: PathBuf, message: String },
    #[error("{path}:{line}:{column}: {message}\n  | {snippet}")]
    Invalid { path: PathBuf, line: usize, column: usize, message: String, snippet: String },
}

impl LexiconError {
    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        LexiconError::Io { path: path.to_path_buf(), message: err.to_string() }
    }

    /// An error at a byte offset of a data file.
    pub fn at(file: &SourceFile, offset: usize, message: impl Into<String>) -> Self {
        let index = crate::text::LineIndex::new(&file.text);
        let (line, column) = index.position(&file.text, offset);
        let snippet = file.text[index.line_range(&file.text, line - 1)].to_string();
        LexiconError::Invalid { path: file.origin.clone(), line, column, message: message.into(), snippet }
    }

    /// An error about a value written in a data file: points at its first
    /// quoted occurrence, or at the top of the file.
    pub fn about(file: &SourceFile, value: &str, message: impl Into<String>) -> Self {
        let offset = file.text.find(&format!("\"{value}\"")).or_else(|| file.text.find(value)).unwrap_or(0);
        Self::at(file, offset, message)
    }
}

/// Parses one TOML data file, turning syntax and schema errors into
/// errors that name the file, line and column.
pub fn parse_toml<T: DeserializeOwned>(file: &SourceFile) -> Result<T, LexiconError> {
    toml::from_str(&file.text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        LexiconError::at(file, offset, e.message().trim().to_string())
    })
}

/// What one lexicon example says the extractor must read from its text.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// Exactly one quantity covering the whole text, with these fields where given.
    Quantity { value: Option<f64>, approx: Option<String>, unit: Option<String>, measure: Option<String> },
    /// No quantity at all (a `not` entry of a number lexicon).
    NoQuantity,
    /// No quantity with this unit.
    NotUnit(String),
    /// No quantity with this qualifier.
    NotApprox(String),
    /// One date expression resolving to this value against `doc_date`.
    Date { value: String },
    /// No date expression.
    NoDate,
    /// This many sentences.
    Sentences(usize),
    /// One quotation attributed to this speaker.
    Speaker(String),
    /// One superlative claim, or none.
    Superlative(bool),
    /// A claim whose event is this one.
    Event(String),
    /// Two quantities forming a change in this direction.
    Change(String),
}

/// One example from a lexicon file: the test suite runs every one.
#[derive(Debug, Clone)]
pub struct Example {
    pub file: PathBuf,
    pub text: String,
    pub doc_date: Option<String>,
    pub expect: Expect,
}

/// Everything crosscheck knows about words and places, built once per run.
pub struct Lexicon {
    pub numbers: NumberWords,
    pub qualifiers: Qualifiers,
    pub units: Units,
    pub measures: Measures,
    pub calendar: Calendar,
    pub abbreviations: Abbreviations,
    pub speech: Speech,
    pub superlatives: Superlatives,
    pub not_quantities: NotQuantities,
    pub ordinals: Ordinals,
    pub function_words: FunctionWords,
    pub boilerplate: Boilerplate,
    pub change: ChangeWords,
    pub events: EventPatterns,
    pub gazetteer: Gazetteer,
    pub examples: Vec<Example>,
}

impl Lexicon {
    pub fn load(sources: &Sources) -> Result<Lexicon, LexiconError> {
        let mut examples = Vec::new();
        Ok(Lexicon {
            numbers: NumberWords::load(sources, &mut examples)?,
            qualifiers: Qualifiers::load(sources, &mut examples)?,
            units: Units::load(sources, &mut examples)?,
            measures: Measures::load(sources, &mut examples)?,
            calendar: Calendar::load(sources, &mut examples)?,
            abbreviations: Abbreviations::load(sources, &mut examples)?,
            speech: Speech::load(sources, &mut examples)?,
            superlatives: Superlatives::load(sources, &mut examples)?,
            not_quantities: NotQuantities::load(sources, &mut examples)?,
            ordinals: Ordinals::load(sources, &mut examples)?,
            function_words: FunctionWords::load(sources)?,
            boilerplate: Boilerplate::load(sources, &mut examples)?,
            change: ChangeWords::load(sources, &mut examples)?,
            events: EventPatterns::load(sources, &mut examples)?,
            gazetteer: Gazetteer::load(sources)?,
            examples,
        })
    }

    /// The built-in lexicon, for tests and library users with no folders.
    pub fn built_in() -> Result<Lexicon, LexiconError> {
        Lexicon::load(&Sources::built_in())
    }
}

/// Records that every phrase in `forms` is written once across a lexicon:
/// a phrase in two entries is ambiguous, and the user must choose.
pub(crate) fn check_unique<'a>(
    file: &SourceFile,
    seen: &mut std::collections::HashMap<String, String>,
    owner: &str,
    forms: impl IntoIterator<Item = &'a String>,
) -> Result<(), LexiconError> {
    for form in forms {
        let key = form.to_lowercase();
        if let Some(previous) = seen.insert(key.clone(), owner.to_string())
            && previous != owner
        {
            return Err(LexiconError::about(
                file,
                form,
                format!("\"{form}\" is listed under both \"{previous}\" and \"{owner}\"; keep it in one"),
            ));
        }
    }
    Ok(())
}
