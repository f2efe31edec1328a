//! Qualifiers: hedges before or after a number and the interval each makes,
//! from `rules/lexicons/qualifiers.toml`.

use std::collections::HashMap;

use serde::Deserialize;

use super::{Example, Expect, LexiconError, Phrases, Sources, check_unique, parse_toml};

const FILE: &str = "lexicons/qualifiers.toml";

/// How a qualifier bounds the number it hedges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    AtMost,
    Below,
    AtLeast,
    Above,
    Around,
}

#[derive(Debug, Clone)]
pub struct Qualifier {
    pub approx: String,
    pub reading: Reading,
    pub spread: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QualifierEntry {
    approx: String,
    reading: Reading,
    #[serde(default)]
    spread: f64,
    words: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    not: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QualifiersFile {
    qualifier: Vec<QualifierEntry>,
}

#[derive(Default)]
pub struct Qualifiers {
    /// Hedges written before the number ("nearly", "more than").
    pub before: Phrases<Qualifier>,
    /// Hedges written after it ("or more", "-plus").
    pub after: Phrases<Qualifier>,
}

impl Qualifiers {
    pub(super) fn load(sources: &Sources, examples: &mut Vec<Example>) -> Result<Self, LexiconError> {
        let mut out = Qualifiers::default();
        for file in sources.all(FILE) {
            let parsed: QualifiersFile = parse_toml(file)?;
            let mut seen = HashMap::new();
            for q in parsed.qualifier {
                check_unique(file, &mut seen, &q.approx, &q.words)?;
                let qualifier = Qualifier { approx: q.approx.clone(), reading: q.reading, spread: q.spread };
                for w in &q.words {
                    out.before.insert(w, false, qualifier.clone());
                }
                for w in &q.after {
                    out.after.insert(w, false, qualifier.clone());
                }
                for text in q.examples {
                    examples.push(Example {
                        file: file.origin.clone(),
                        text,
                        doc_date: None,
                        expect: Expect::Quantity {
                            value: None,
                            approx: Some(q.approx.clone()),
                            unit: None,
                            measure: None,
                        },
                    });
                }
                for text in q.not {
                    examples.push(Example {
                        file: file.origin.clone(),
                        text,
                        doc_date: None,
                        expect: Expect::NotApprox(q.approx.clone()),
                    });
                }
            }
        }
        Ok(out)
    }
}
