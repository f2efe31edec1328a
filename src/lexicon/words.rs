//! Small word lists that steer segmentation and extraction: abbreviations,
//! function words, things that only look like quantities, and superlatives.

use serde::Deserialize;

use super::{Example, Expect, LexiconError, PhraseSet, Phrases, Sources, parse_toml};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AbbreviationsFile {
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    not: Vec<String>,
    forms: Vec<String>,
    #[serde(default)]
    ends_sentence_before_capital: Vec<String>,
}

/// Words written with a period that do not end a sentence ("U.S.", "Jan.").
#[derive(Default)]
pub struct Abbreviations {
    pub forms: PhraseSet,
    /// Abbreviations that end a sentence when a sentence starter follows ("D.C. The ...").
    pub may_end_sentence: PhraseSet,
}

impl Abbreviations {
    pub(super) fn load(sources: &Sources, examples: &mut Vec<Example>) -> Result<Self, LexiconError> {
        let mut out = Abbreviations::default();
        for file in sources.all("lexicons/abbreviations.toml") {
            let parsed: AbbreviationsFile = parse_toml(file)?;
            for f in &parsed.forms {
                out.forms.insert(f, false, ());
            }
            for f in &parsed.ends_sentence_before_capital {
                out.may_end_sentence.insert(f, false, ());
            }
            for text in parsed.examples {
                examples.push(Example {
                    file: file.origin.clone(),
                    text,
                    doc_date: None,
                    expect: Expect::Sentences(1),
                });
            }
            for text in parsed.not {
                examples.push(Example {
                    file: file.origin.clone(),
                    text,
                    doc_date: None,
                    expect: Expect::Sentences(2),
                });
            }
        }
        Ok(out)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FunctionWordsFile {
    words: Vec<String>,
    #[serde(default)]
    sentence_starters: Vec<String>,
    #[serde(default)]
    destinations: Vec<String>,
    #[serde(default)]
    locatives: Vec<String>,
    #[serde(default)]
    place_frames: Vec<String>,
    #[serde(default)]
    verb_group: Vec<String>,
    #[serde(default)]
    auxiliaries: Vec<String>,
    #[serde(default)]
    bearings: Vec<String>,
    #[serde(default)]
    exclusions: Vec<String>,
}

/// Prepositions, determiners, pronouns and auxiliaries.
#[derive(Default)]
pub struct FunctionWords {
    pub words: PhraseSet,
    pub sentence_starters: PhraseSet,
    /// Prepositions whose place is where something goes ("the highway to
    /// Varna"), not where a figure was counted.
    pub destinations: PhraseSet,
    /// Prepositions whose place is where a figure was counted ("107
    /// arrests in Philadelphia").
    pub locatives: PhraseSet,
    /// Words between such a preposition and its place ("in the city of
    /// Mecca"), or between two places of one list.
    pub place_frames: PhraseSet,
    /// Auxiliaries and adverbs between a counted noun and its verb ("have
    /// been", "were also").
    pub verb_group: PhraseSet,
    /// Auxiliaries between a holder and its verb ("police will receive").
    pub auxiliaries: PhraseSet,
    /// Words before "of" and a place that put something away from it
    /// ("just east of Toronto").
    pub bearings: PhraseSet,
    /// Prepositions after a counted noun that put what it counts away from
    /// a place ("two facilities outside North America").
    pub exclusions: PhraseSet,
}

impl FunctionWords {
    pub(super) fn load(sources: &Sources) -> Result<Self, LexiconError> {
        let mut out = FunctionWords::default();
        for file in sources.all("lexicons/function_words.toml") {
            let parsed: FunctionWordsFile = parse_toml(file)?;
            for w in &parsed.words {
                out.words.insert(w, false, ());
            }
            for w in &parsed.sentence_starters {
                out.sentence_starters.insert(w, false, ());
            }
            let lists = [
                (&parsed.destinations, &mut out.destinations),
                (&parsed.locatives, &mut out.locatives),
                (&parsed.place_frames, &mut out.place_frames),
                (&parsed.verb_group, &mut out.verb_group),
                (&parsed.auxiliaries, &mut out.auxiliaries),
                (&parsed.bearings, &mut out.bearings),
                (&parsed.exclusions, &mut out.exclusions),
            ];
            for (words, set) in lists {
                for w in words {
                    set.insert(w, false, ());
                }
            }
        }
        Ok(out)
    }

    pub fn contains(&self, word: &str) -> bool {
        self.words.contains_word(word)
    }
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct YearRange {
    first: u32,
    last: u32,
    #[serde(default)]
    early: Option<u32>,
    #[serde(default)]
    early_cues: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NotQuantitiesFile {
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    designators: Vec<String>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    street_types: Vec<String>,
    #[serde(default)]
    clock: Vec<String>,
    #[serde(default)]
    ordinals: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
    years: Option<YearRange>,
}

/// Numbers that name, order or locate rather than count.
pub struct NotQuantities {
    pub designators: PhraseSet,
    pub labels: PhraseSet,
    pub street_types: PhraseSet,
    pub clock: PhraseSet,
    pub ordinals: PhraseSet,
    /// Phrases that start with a number and name something ("911 calls").
    pub names: PhraseSet,
    /// Bare four-digit numbers in this range are years.
    pub years: (u32, u32),
    /// Earlier four-digit numbers are years only after one of `early_cues`.
    pub early_years: u32,
    pub early_cues: PhraseSet,
}

impl NotQuantities {
    pub(super) fn load(sources: &Sources, examples: &mut Vec<Example>) -> Result<Self, LexiconError> {
        let mut out = NotQuantities {
            designators: PhraseSet::new(),
            labels: PhraseSet::new(),
            street_types: PhraseSet::new(),
            clock: PhraseSet::new(),
            ordinals: PhraseSet::new(),
            names: PhraseSet::new(),
            years: (1800, 2100),
            early_years: 1800,
            early_cues: PhraseSet::new(),
        };
        for file in sources.all("lexicons/not_quantities.toml") {
            let parsed: NotQuantitiesFile = parse_toml(file)?;
            for (forms, table) in [
                (&parsed.designators, &mut out.designators),
                (&parsed.labels, &mut out.labels),
                (&parsed.street_types, &mut out.street_types),
                (&parsed.clock, &mut out.clock),
                (&parsed.ordinals, &mut out.ordinals),
                (&parsed.names, &mut out.names),
            ] {
                for f in forms {
                    table.insert(f, false, ());
                }
            }
            if let Some(y) = parsed.years {
                out.years = (y.first, y.last);
                out.early_years = y.early.unwrap_or(y.first);
                for cue in &y.early_cues {
                    out.early_cues.insert(cue, false, ());
                }
            }
            for text in parsed.examples {
                examples.push(Example { file: file.origin.clone(), text, doc_date: None, expect: Expect::NoQuantity });
            }
        }
        Ok(out)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SuperlativesFile {
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    not: Vec<String>,
    adjectives: Vec<String>,
    comparatives: Vec<String>,
    rivals: Vec<String>,
    records: Vec<String>,
    #[serde(default)]
    named_records: Vec<String>,
    #[serde(default)]
    record_verbs: Vec<String>,
    #[serde(default)]
    breaking_verbs: Vec<String>,
    #[serde(default)]
    past_records: Vec<String>,
    #[serde(default)]
    record_holders: Vec<String>,
    #[serde(default)]
    record_kinds: Vec<String>,
    #[serde(default)]
    not_achieved: Vec<String>,
    #[serde(default)]
    not_after_most: Vec<String>,
    #[serde(default)]
    record_names: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    setting_words: Vec<String>,
    #[serde(default)]
    nouns_before_of: Vec<String>,
    #[serde(default)]
    span_cues: Vec<String>,
}

/// Phrases that rank something first.
#[derive(Default)]
pub struct Superlatives {
    pub adjectives: PhraseSet,
    pub comparatives: PhraseSet,
    pub rivals: PhraseSet,
    pub records: PhraseSet,
    /// Named records, each with its key ("world-record" is the "world record").
    pub named_records: Phrases<String>,
    pub record_verbs: PhraseSet,
    pub breaking_verbs: PhraseSet,
    pub past_records: PhraseSet,
    pub record_holders: PhraseSet,
    pub record_kinds: PhraseSet,
    pub not_achieved: PhraseSet,
    pub not_after_most: PhraseSet,
    /// Words right before a named record, past its time, that say it was
    /// set ("a sparkling new 2:18:10 course record").
    pub setting_words: PhraseSet,
    /// Ranking words that are nouns before "of" ("the top of the hill").
    pub nouns_before_of: PhraseSet,
    /// Words between a ranking and the span of years it covers ("the worst
    /// disaster in 25 years", "over the past two decades").
    pub span_cues: PhraseSet,
}

impl Superlatives {
    pub(super) fn load(sources: &Sources, examples: &mut Vec<Example>) -> Result<Self, LexiconError> {
        let mut out = Superlatives::default();
        for file in sources.all("lexicons/superlatives.toml") {
            let parsed: SuperlativesFile = parse_toml(file)?;
            for (forms, table) in [
                (&parsed.adjectives, &mut out.adjectives),
                (&parsed.comparatives, &mut out.comparatives),
                (&parsed.rivals, &mut out.rivals),
                (&parsed.records, &mut out.records),
                (&parsed.record_verbs, &mut out.record_verbs),
                (&parsed.breaking_verbs, &mut out.breaking_verbs),
                (&parsed.past_records, &mut out.past_records),
                (&parsed.record_holders, &mut out.record_holders),
                (&parsed.record_kinds, &mut out.record_kinds),
                (&parsed.not_achieved, &mut out.not_achieved),
                (&parsed.not_after_most, &mut out.not_after_most),
                (&parsed.nouns_before_of, &mut out.nouns_before_of),
                (&parsed.setting_words, &mut out.setting_words),
                (&parsed.span_cues, &mut out.span_cues),
            ] {
                for f in forms {
                    table.insert(f, false, ());
                }
            }
            for f in &parsed.named_records {
                out.named_records.insert(f, false, f.replace('-', " ").to_ascii_lowercase());
            }
            for (form, name) in &parsed.record_names {
                out.named_records.insert(form, false, name.to_ascii_lowercase());
            }
            for text in parsed.examples {
                examples.push(Example {
                    file: file.origin.clone(),
                    text,
                    doc_date: None,
                    expect: Expect::Superlative(true),
                });
            }
            for text in parsed.not {
                examples.push(Example {
                    file: file.origin.clone(),
                    text,
                    doc_date: None,
                    expect: Expect::Superlative(false),
                });
            }
        }
        Ok(out)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BoilerplateFile {
    max_chars: usize,
    cues: Vec<String>,
    #[serde(default)]
    lines: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
}

/// Site furniture: short lines that are not the story ("Sign up for our
/// newsletter", "© 2023 … All Rights Reserved").
#[derive(Default)]
pub struct Boilerplate {
    /// Words that make a short line furniture wherever they stand in it,
    /// found in one pass over the line.
    cues: Option<aho_corasick::AhoCorasick>,
    /// Whole lines that are furniture, letters and digits only.
    lines: rustc_hash::FxHashSet<String>,
    max_chars: usize,
}

impl Boilerplate {
    pub(super) fn load(sources: &Sources, examples: &mut Vec<Example>) -> Result<Self, LexiconError> {
        let mut out = Boilerplate::default();
        let mut cues: Vec<String> = Vec::new();
        for file in sources.all("lexicons/boilerplate.toml") {
            let parsed: BoilerplateFile = parse_toml(file)?;
            out.max_chars = out.max_chars.max(parsed.max_chars);
            cues.extend(parsed.cues.iter().map(|c| c.to_lowercase()));
            out.lines.extend(parsed.lines.iter().map(|l| l.to_lowercase()));
            for text in parsed.examples {
                examples.push(Example { file: file.origin.clone(), text, doc_date: None, expect: Expect::NoQuantity });
            }
        }
        out.cues = Some(
            aho_corasick::AhoCorasick::new(&cues)
                .map_err(|e| LexiconError::Io { path: "lexicons/boilerplate.toml".into(), message: e.to_string() })?,
        );
        Ok(out)
    }

    /// Whether a line of text is furniture.
    pub fn is_furniture(&self, line: &str) -> bool {
        let line = line.trim();
        if line.is_empty() || line.chars().count() > self.max_chars {
            return false;
        }
        let lower = line.to_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
        self.lines.contains(bare) || self.cues.as_ref().is_some_and(|cues| cues.is_match(&lower))
    }
}

#[cfg(test)]
mod boilerplate_tests {
    use super::*;

    #[test]
    fn short_furniture_lines_go_and_story_lines_stay() {
        let lexicon = crate::lexicon::Lexicon::load(&Sources::built_in()).unwrap();
        let b = &lexicon.boilerplate;
        assert!(b.is_furniture("Sign up for our Business newsletter. 5 stories you need to read today."));
        assert!(b.is_furniture("  Advertisement  "));
        assert!(b.is_furniture("© 2023 Cable News Network. All Rights Reserved."));
        assert!(!b.is_furniture("Subscribers rose 5% to 230 million, the company said."));
        assert!(!b.is_furniture("The recipe requires 1/2 pound of chocolate chips for the cookies."));
        let long =
            format!("{} Sign up for our newsletter, the mayor joked.", "The council approved 120 officers. ".repeat(5));
        assert!(!b.is_furniture(&long), "a story paragraph that quotes a cue stays");
    }
}
