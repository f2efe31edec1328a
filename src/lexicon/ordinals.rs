//! Ordinals and counted idioms that state a figure ("came second", "for
//! the third time", "the 45th Berlin Marathon", "a hat-trick"), from
//! `rules/lexicons/ordinals.toml`.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Example, Expect, LexiconError, PhraseSet, Phrases, Sources, parse_toml};

const FILE: &str = "lexicons/ordinals.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IdiomEntry {
    forms: Vec<String>,
    value: f64,
    measure: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrdinalExample {
    text: String,
    value: f64,
    measure: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrdinalsFile {
    #[serde(default)]
    examples: Vec<OrdinalExample>,
    #[serde(default)]
    not: Vec<String>,
    #[serde(default)]
    ordinals: BTreeMap<String, u32>,
    #[serde(default)]
    place_verbs: Vec<String>,
    #[serde(default)]
    place_after: Vec<String>,
    #[serde(default)]
    name_place_next: Vec<String>,
    place_measure: Option<String>,
    #[serde(default)]
    times: Vec<String>,
    #[serde(default)]
    times_won: Vec<String>,
    #[serde(default)]
    possessives: Vec<String>,
    times_measure: Option<String>,
    edition_measure: Option<String>,
    #[serde(default)]
    determiners: Vec<String>,
    #[serde(default)]
    idiom: Vec<IdiomEntry>,
}

/// A phrase that stands for a number.
#[derive(Debug, Clone, PartialEq)]
pub struct Idiom {
    pub value: f64,
    pub measure: String,
}

#[derive(Default)]
pub struct Ordinals {
    /// Ordinal words and their values ("third" = 3).
    pub words: Phrases<u32>,
    pub place_verbs: PhraseSet,
    pub place_after: PhraseSet,
    pub name_place_next: PhraseSet,
    pub place_measure: String,
    pub times: PhraseSet,
    /// Verbs before "his third Berlin Marathon" that make it a count of
    /// times won.
    pub times_won: PhraseSet,
    /// Possessive determiners ("his", "her", "their").
    pub possessives: PhraseSet,
    pub times_measure: String,
    pub edition_measure: String,
    pub determiners: PhraseSet,
    pub idioms: Phrases<Idiom>,
}

impl Ordinals {
    pub(super) fn load(sources: &Sources, examples: &mut Vec<Example>) -> Result<Self, LexiconError> {
        let mut out = Ordinals {
            place_measure: "place".into(),
            times_measure: "times".into(),
            edition_measure: "edition".into(),
            ..Ordinals::default()
        };
        for file in sources.all(FILE) {
            let parsed: OrdinalsFile = parse_toml(file)?;
            for (word, value) in &parsed.ordinals {
                out.words.insert(word, false, *value);
            }
            for (list, set) in [
                (&parsed.place_verbs, &mut out.place_verbs),
                (&parsed.place_after, &mut out.place_after),
                (&parsed.name_place_next, &mut out.name_place_next),
                (&parsed.times, &mut out.times),
                (&parsed.times_won, &mut out.times_won),
                (&parsed.possessives, &mut out.possessives),
                (&parsed.determiners, &mut out.determiners),
            ] {
                for w in list {
                    set.insert(w, false, ());
                }
            }
            for (field, value) in [
                (&mut out.place_measure, parsed.place_measure),
                (&mut out.times_measure, parsed.times_measure),
                (&mut out.edition_measure, parsed.edition_measure),
            ] {
                if let Some(v) = value {
                    *field = v;
                }
            }
            for idiom in parsed.idiom {
                if !(idiom.value.is_finite() && idiom.value > 0.0) {
                    let form = idiom.forms.first().cloned().unwrap_or_default();
                    return Err(LexiconError::about(file, &form, "an idiom's value is a positive number"));
                }
                for f in &idiom.forms {
                    out.idioms.insert(f, false, Idiom { value: idiom.value, measure: idiom.measure.clone() });
                }
            }
            for e in parsed.examples {
                examples.push(Example {
                    file: file.origin.clone(),
                    text: e.text,
                    doc_date: None,
                    expect: Expect::Quantity {
                        value: Some(e.value),
                        approx: None,
                        unit: None,
                        measure: Some(e.measure),
                    },
                });
            }
            for text in parsed.not {
                examples.push(Example { file: file.origin.clone(), text, doc_date: None, expect: Expect::NoQuantity });
            }
        }
        Ok(out)
    }
}
