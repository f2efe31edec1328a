//! Change words: verbs and phrases that say a number went up or down (or
//! only set it beside an earlier one), from `rules/lexicons/change.toml`.

use std::collections::HashMap;

use serde::Deserialize;

use super::{Example, Expect, LexiconError, Phrases, Sources, check_unique, parse_toml};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
    /// A later figure set beside an earlier one without a way it went
    /// ("$85 million, compared with $60 million last year").
    Unstated,
}

impl Direction {
    pub fn name(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Unstated => "unstated",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DirectionEntry {
    name: Direction,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    from: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeFile {
    direction: Vec<DirectionEntry>,
    #[serde(default)]
    not_verbs: Vec<String>,
    #[serde(default)]
    superseded: Vec<String>,
    #[serde(default)]
    nouns: Vec<String>,
}

#[derive(Default)]
pub struct ChangeWords {
    /// Verbs of change ("rose", "fell").
    pub words: Phrases<Direction>,
    /// Phrases that introduce the earlier value ("up from").
    pub from: Phrases<Direction>,
    /// Change words that are no verb ("up", "higher"): what stands before
    /// them is not what changed.
    pub not_verbs: super::PhraseSet,
    /// Words before a figure that mark it as an earlier report its article
    /// corrects or updates ("initially", "earlier").
    pub superseded: super::PhraseSet,
    /// Nouns of change after a percentage, whose "in" phrase names what
    /// changed ("a 25 percent reduction in executive staff").
    pub nouns: super::PhraseSet,
}

impl ChangeWords {
    pub(super) fn load(sources: &Sources, examples: &mut Vec<Example>) -> Result<Self, LexiconError> {
        let mut out = ChangeWords::default();
        for file in sources.all("lexicons/change.toml") {
            let parsed: ChangeFile = parse_toml(file)?;
            let (mut seen_words, mut seen_from) = (HashMap::new(), HashMap::new());
            for w in &parsed.not_verbs {
                out.not_verbs.insert(w, false, ());
            }
            for w in &parsed.superseded {
                out.superseded.insert(w, false, ());
            }
            for w in &parsed.nouns {
                out.nouns.insert(w, false, ());
            }
            for d in parsed.direction {
                check_unique(file, &mut seen_words, d.name.name(), &d.words)?;
                check_unique(file, &mut seen_from, d.name.name(), &d.from)?;
                for w in &d.words {
                    out.words.insert(w, false, d.name);
                }
                for w in &d.from {
                    out.from.insert(w, false, d.name);
                }
                for text in d.examples {
                    examples.push(Example {
                        file: file.origin.clone(),
                        text,
                        doc_date: Some("2018-01-18".into()),
                        expect: Expect::Change(d.name.name().to_string()),
                    });
                }
            }
        }
        Ok(out)
    }
}
