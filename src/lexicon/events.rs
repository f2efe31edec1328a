//! Event patterns: how a text names an operation, a storm or a phase of one,
//! from `rules/events/*.toml`.

use serde::Deserialize;

use super::{Example, Expect, LexiconError, PhraseSet, Phrases, Sources, parse_toml};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternEntry {
    kind: String,
    before: Vec<String>,
    #[serde(default)]
    keep_cue: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Naming {
    #[serde(default)]
    dubbed: Vec<String>,
    #[serde(default)]
    nouns: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PhaseWords {
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventExample {
    text: String,
    event: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventsFile {
    #[serde(default)]
    examples: Vec<EventExample>,
    #[serde(default)]
    pattern: Vec<PatternEntry>,
    #[serde(default)]
    naming: Naming,
    #[serde(default)]
    phases: PhaseWords,
}

/// A cue word that names an event with the capitalized words after it.
#[derive(Debug, Clone)]
pub struct EventPattern {
    pub kind: String,
    /// Whether the cue is part of the event's name ("Hurricane Sandy"), or
    /// only introduces it ("Operation Safe City" is the operation "Safe City").
    pub keep_cue: bool,
}

#[derive(Default)]
pub struct EventPatterns {
    pub cues: Phrases<EventPattern>,
    pub dubbed: PhraseSet,
    pub nouns: PhraseSet,
    pub phases: PhraseSet,
}

impl EventPatterns {
    pub(super) fn load(sources: &Sources, examples: &mut Vec<Example>) -> Result<Self, LexiconError> {
        let mut out = EventPatterns::default();
        for file in sources.folder("events") {
            let parsed: EventsFile = parse_toml(file)?;
            for p in parsed.pattern {
                for cue in &p.before {
                    out.cues.insert(cue, false, EventPattern { kind: p.kind.clone(), keep_cue: p.keep_cue });
                }
            }
            for (forms, table) in [
                (&parsed.naming.dubbed, &mut out.dubbed),
                (&parsed.naming.nouns, &mut out.nouns),
                (&parsed.phases.words, &mut out.phases),
            ] {
                for f in forms {
                    table.insert(f, false, ());
                }
            }
            for e in parsed.examples {
                examples.push(Example {
                    file: file.origin.clone(),
                    text: e.text,
                    doc_date: None,
                    expect: Expect::Event(e.event),
                });
            }
        }
        Ok(out)
    }
}
