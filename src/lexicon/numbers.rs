//! Number words: cardinals, scales, fractions and vague plurals, from
//! `rules/lexicons/numbers.toml`.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use serde::Deserialize;

use super::phrases::HashBits;
use super::{Example, Expect, LexiconError, Phrases, Sources, TokenText, parse_toml};
use crate::tokens::word_hash;

const FILE: &str = "lexicons/numbers.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueExample {
    text: String,
    value: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FractionEntry {
    words: Vec<String>,
    value: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VagueEntry {
    phrase: String,
    low: f64,
    high: f64,
    approx: String,
}

/// When an unhedged number reads as a rounding ("500" as 450-550).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    pub max_significant_digits: u32,
    pub min_value: f64,
}

impl Default for Rounding {
    fn default() -> Self {
        Rounding { max_significant_digits: 1, min_value: 100.0 }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersFile {
    #[serde(default)]
    examples: Vec<ValueExample>,
    #[serde(default)]
    not: Vec<String>,
    #[serde(default)]
    currency_only_scales: Vec<String>,
    #[serde(default)]
    words: BTreeMap<String, f64>,
    #[serde(default)]
    scales: BTreeMap<String, f64>,
    #[serde(default)]
    glued_scales: BTreeMap<String, f64>,
    #[serde(default)]
    fraction: Vec<FractionEntry>,
    #[serde(default)]
    vague: Vec<VagueEntry>,
    rounding: Option<Rounding>,
}

/// A plural that names an order of magnitude ("dozens", "tens of thousands").
#[derive(Debug, Clone)]
pub struct Vague {
    pub low: f64,
    pub high: f64,
    pub approx: String,
}

#[derive(Default)]
pub struct NumberWords {
    /// Cardinal words ("four", "twenty").
    pub words: HashMap<String, f64>,
    /// Multipliers ("hundred", "million", "dozen").
    pub scales: HashMap<String, f64>,
    /// Scale abbreviations glued to digits ("bn"), and whether they need a currency.
    pub glued_scales: HashMap<String, (f64, bool)>,
    /// Fraction words, singular and plural ("third", "thirds").
    pub fractions: HashMap<String, f64>,
    pub vague: Phrases<Vague>,
    pub rounding: Rounding,
    /// The hashes of the cardinal and fraction words, and of "a" and
    /// "an": a number written in words starts with one of them.
    starts: HashBits,
}

impl NumberWords {
    pub(super) fn load(sources: &Sources, examples: &mut Vec<Example>) -> Result<Self, LexiconError> {
        let mut out = NumberWords::default();
        for file in sources.all(FILE) {
            let parsed: NumbersFile = parse_toml(file)?;
            for (word, value) in parsed.words {
                out.words.insert(word.to_lowercase(), value);
            }
            for (word, value) in parsed.scales {
                out.scales.insert(word.to_lowercase(), value);
            }
            for (form, value) in parsed.glued_scales {
                let currency_only = parsed.currency_only_scales.iter().any(|c| c.eq_ignore_ascii_case(&form));
                out.glued_scales.insert(form.to_lowercase(), (value, currency_only));
            }
            for f in parsed.fraction {
                for w in f.words {
                    out.fractions.insert(w.to_lowercase(), f.value);
                }
            }
            for v in parsed.vague {
                if v.low >= v.high {
                    return Err(LexiconError::about(file, &v.phrase, "a vague plural needs low < high"));
                }
                out.vague.insert(&v.phrase, false, Vague { low: v.low, high: v.high, approx: v.approx });
            }
            if let Some(r) = parsed.rounding {
                out.rounding = r;
            }
            for e in parsed.examples {
                examples.push(Example {
                    file: file.origin.clone(),
                    text: e.text,
                    doc_date: None,
                    expect: Expect::Quantity { value: Some(e.value), approx: None, unit: None, measure: None },
                });
            }
            for text in parsed.not {
                examples.push(Example { file: file.origin.clone(), text, doc_date: None, expect: Expect::NoQuantity });
            }
        }
        let starts = out.words.keys().chain(out.fractions.keys()).map(String::as_str).chain(["a", "an"]);
        for word in starts {
            out.starts.add(word_hash(word));
        }
        Ok(out)
    }

    /// Whether token `t` may be a cardinal or fraction word, "a" or "an"
    /// (`false` is sure): most words are turned away by the hash their
    /// token carries, without hashing their text for the maps.
    #[inline]
    pub fn may_start(&self, view: &TokenText, t: usize) -> bool {
        self.starts.may_hold_token(view, t)
    }
}
