//! Units of measure written before or after a number ("$", "km", "per
//! cent"), from `rules/lexicons/units.toml`.

use std::collections::HashMap;

use serde::Deserialize;

use super::{Example, Expect, LexiconError, Phrases, Sources, check_unique, parse_toml};

const FILE: &str = "lexicons/units.toml";

#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Canonical name: lower-case English, singular ("dollar", "kilometre").
    pub name: String,
    pub dimension: String,
    /// A time unit that also makes a duration ("four days").
    pub duration: bool,
    /// How many of its dimension's base unit one of it is (a mile is 1,609.344
    /// metres), when quantities in it can be compared with others of its
    /// dimension by conversion; `None` when they cannot (currencies).
    pub to_base: Option<f64>,
    /// The unit's word also names a material: before a plural noun it says
    /// what the things counted are made of ("three stone columns").
    pub material: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitEntry {
    name: String,
    dimension: String,
    #[serde(default)]
    prefix: Vec<String>,
    #[serde(default)]
    suffix: Vec<String>,
    #[serde(default)]
    prefix_cased: Vec<String>,
    #[serde(default)]
    suffix_cased: Vec<String>,
    #[serde(default)]
    duration: bool,
    to_base: Option<f64>,
    #[serde(default)]
    material: bool,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    not: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsFile {
    unit: Vec<UnitEntry>,
    #[serde(default)]
    duration_cues: Vec<String>,
}

#[derive(Default)]
pub struct Units {
    /// Units written before the number ("$", "US$").
    pub prefix: Phrases<Unit>,
    /// Units written after it ("percent", "km", "miles per hour").
    pub suffix: Phrases<Unit>,
    /// Every unit by its canonical name.
    pub by_name: HashMap<String, Unit>,
    /// Words before a run of time units that make the run one duration, a
    /// result ("won in 2 hours, 1 minute, 39 seconds").
    pub duration_cues: super::PhraseSet,
}

impl Units {
    pub(super) fn load(sources: &Sources, examples: &mut Vec<Example>) -> Result<Self, LexiconError> {
        let mut out = Units::default();
        for file in sources.all(FILE) {
            let parsed: UnitsFile = parse_toml(file)?;
            for cue in &parsed.duration_cues {
                out.duration_cues.insert(cue, false, ());
            }
            let (mut seen_prefix, mut seen_suffix) = (HashMap::new(), HashMap::new());
            for u in parsed.unit {
                check_unique(file, &mut seen_prefix, &u.name, &u.prefix)?;
                check_unique(file, &mut seen_suffix, &u.name, &u.suffix)?;
                if u.to_base.is_some_and(|f| !(f.is_finite() && f > 0.0)) {
                    return Err(LexiconError::about(file, &u.name, "to_base is a positive number"));
                }
                let unit = Unit {
                    name: u.name.clone(),
                    dimension: u.dimension.clone(),
                    duration: u.duration,
                    to_base: u.to_base,
                    material: u.material,
                };
                out.by_name.insert(u.name.clone(), unit.clone());
                for (forms, cased) in [(&u.prefix, false), (&u.prefix_cased, true)] {
                    for form in forms {
                        out.prefix.insert(form, cased, unit.clone());
                    }
                }
                for (forms, cased) in [(&u.suffix, false), (&u.suffix_cased, true)] {
                    for form in forms {
                        out.suffix.insert(form, cased, unit.clone());
                    }
                }
                for text in u.examples {
                    examples.push(Example {
                        file: file.origin.clone(),
                        text,
                        doc_date: None,
                        expect: Expect::Quantity {
                            value: None,
                            approx: None,
                            unit: Some(u.name.clone()),
                            measure: None,
                        },
                    });
                }
                for text in u.not {
                    examples.push(Example {
                        file: file.origin.clone(),
                        text,
                        doc_date: None,
                        expect: Expect::NotUnit(u.name.clone()),
                    });
                }
            }
        }
        Ok(out)
    }
}
