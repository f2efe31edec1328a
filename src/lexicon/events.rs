//! Event patterns: how a text names an operation, a storm or a phase of one,
//! from `rules/events/*.toml`.

use serde::Deserialize;

use super::{Example, Expect, LexiconError, PhraseSet, Phrases, Sources, parse_toml};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternEntry {
    kind: String,
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    keep_cue: bool,
    #[serde(default)]
    place_names: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Happenings {
    #[serde(default)]
    nouns: Vec<String>,
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
    #[serde(default)]
    happenings: Happenings,
}

/// A cue word that names an event with the capitalized words after it.
#[derive(Debug, Clone)]
pub struct EventPattern {
    pub kind: String,
    /// Whether the cue is part of the event's name ("Hurricane Sandy"), or
    /// only introduces it ("Operation Safe City" is the operation "Safe City").
    pub keep_cue: bool,
    /// Whether a place alone names one ("the Berlin Marathon"), or only
    /// says where one happened ("a California fire").
    pub place_names: bool,
}

#[derive(Default)]
pub struct EventPatterns {
    pub cues: Phrases<EventPattern>,
    /// Cue words written after a capitalized name: "Camp Fire", "Berlin Marathon".
    pub after_cues: Phrases<EventPattern>,
    /// Common nouns that name a happening ("fire", "stampede", "collapse"):
    /// the subject of a measurement ("the fire had grown to 117,000 acres").
    pub event_nouns: PhraseSet,
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
                    out.cues.insert(
                        cue,
                        false,
                        EventPattern { kind: p.kind.clone(), keep_cue: p.keep_cue, place_names: true },
                    );
                }
                for cue in &p.after {
                    out.after_cues.insert(
                        cue,
                        false,
                        EventPattern { kind: p.kind.clone(), keep_cue: true, place_names: p.place_names },
                    );
                }
            }
            for (forms, table) in [
                (&parsed.naming.dubbed, &mut out.dubbed),
                (&parsed.naming.nouns, &mut out.nouns),
                (&parsed.phases.words, &mut out.phases),
                (&parsed.happenings.nouns, &mut out.event_nouns),
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
