//! Speech: verbs and phrases that attribute a quotation, titles that tie a
//! speaker to an organisation; from `rules/lexicons/speech.toml`.

use serde::Deserialize;

use super::{Example, Expect, LexiconError, PhraseSet, Sources, parse_toml};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeakerExample {
    text: String,
    speaker: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeechFile {
    #[serde(default)]
    examples: Vec<SpeakerExample>,
    verbs: Vec<String>,
    #[serde(default)]
    according: Vec<String>,
    #[serde(default)]
    reporting: Vec<String>,
    #[serde(default)]
    statements: Vec<String>,
    #[serde(default)]
    pronouns: Vec<String>,
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    contractions: std::collections::BTreeMap<String, String>,
}

#[derive(Default)]
pub struct Speech {
    pub verbs: PhraseSet,
    pub according: PhraseSet,
    /// Verbs that credit a statement to whoever published it ("the Times
    /// reported"): they close a sentence's list as a verb of speech does,
    /// but leave its dates and quotations alone.
    pub reporting: PhraseSet,
    pub statements: PhraseSet,
    pub pronouns: PhraseSet,
    pub titles: PhraseSet,
    /// Contraction endings and what they stand for ("'ve" is "have").
    pub contractions: super::Phrases<String>,
}

impl Speech {
    pub(super) fn load(sources: &Sources, examples: &mut Vec<Example>) -> Result<Self, LexiconError> {
        let mut out = Speech::default();
        for file in sources.all("lexicons/speech.toml") {
            let parsed: SpeechFile = parse_toml(file)?;
            for (forms, table) in [
                (&parsed.verbs, &mut out.verbs),
                (&parsed.according, &mut out.according),
                (&parsed.reporting, &mut out.reporting),
                (&parsed.statements, &mut out.statements),
                (&parsed.pronouns, &mut out.pronouns),
                (&parsed.titles, &mut out.titles),
            ] {
                for f in forms {
                    table.insert(f, false, ());
                }
            }
            for (short, full) in &parsed.contractions {
                out.contractions.insert(short, false, full.clone());
            }
            for e in parsed.examples {
                examples.push(Example {
                    file: file.origin.clone(),
                    text: e.text,
                    doc_date: None,
                    expect: Expect::Speaker(e.speaker),
                });
            }
        }
        Ok(out)
    }
}
