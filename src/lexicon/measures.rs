//! Measures: what a number counts, from the noun it counts or the verb that
//! says what happened to a counted population; from `rules/lexicons/measures.toml`.

use std::collections::HashMap;

use serde::Deserialize;

use super::{Example, Expect, LexiconError, PhraseSet, Phrases, Sources, check_unique, parse_toml};

const FILE: &str = "lexicons/measures.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureEntry {
    name: String,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
    /// The broader measure this one is a kind of ("homes" are "structures").
    within: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Population {
    nouns: Vec<String>,
    #[serde(default)]
    generic: Vec<String>,
    #[serde(default)]
    narrowing: Vec<String>,
    #[serde(default)]
    modifiers: Vec<String>,
    #[serde(default)]
    apart: Vec<String>,
    #[serde(default)]
    continuation: Vec<String>,
    #[serde(default)]
    descriptive: Vec<String>,
    #[serde(default)]
    relatives: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Subset {
    cues: Vec<String>,
    relative: Vec<String>,
    #[serde(default)]
    clause_openers: Vec<String>,
    #[serde(default)]
    whole_determiners: Vec<String>,
    #[serde(default)]
    whole_pronouns: Vec<String>,
    #[serde(default)]
    anaphoric: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Aspects {
    nouns: Vec<String>,
    #[serde(default)]
    margin_verbs: Vec<String>,
    #[serde(default)]
    increments: Vec<String>,
    #[serde(default)]
    listings: Vec<String>,
    #[serde(default)]
    splits: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Agents {
    verbs: Vec<String>,
    #[serde(default)]
    giving: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Levels {
    verbs: Vec<String>,
    #[serde(default)]
    count_nouns: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Forecasts {
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    forecasters: Vec<String>,
    #[serde(default)]
    modals: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PredicateEntry {
    name: String,
    forms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasuresFile {
    #[serde(default)]
    aspects: Aspects,
    #[serde(default)]
    levels: Levels,
    #[serde(default)]
    forecasts: Forecasts,
    #[serde(default)]
    agents: Agents,
    #[serde(default)]
    population: Population,
    #[serde(default)]
    subset: Subset,
    #[serde(default)]
    measure: Vec<MeasureEntry>,
    #[serde(default)]
    predicate: Vec<PredicateEntry>,
    #[serde(default)]
    label: Vec<LabelEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelEntry {
    name: String,
    forms: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
}

/// A measure's name, as a lexicon phrase maps to it.
pub type MeasureWord = String;

#[derive(Default)]
pub struct Measures {
    /// Nouns that are a measure when counted ("arrests", "days").
    pub nouns: Phrases<MeasureWord>,
    /// Verbs that make a counted population a measure ("arrested", "picked up").
    pub verbs: Phrases<MeasureWord>,
    /// Nouns that name who is counted ("people", "immigrants").
    pub population: PhraseSet,
    /// Population nouns too general to tell two categories apart ("people").
    pub generic: PhraseSet,
    /// Population nouns that name part of any population ("children",
    /// "women"): a figure that counts them by what happened to them is a
    /// category of that measure ("19 children killed"), not its total.
    pub narrowing: PhraseSet,
    /// Words before the counted noun that do not change what is counted ("other", "more").
    pub modifiers: PhraseSet,
    /// Words that set a count apart from one counted before it ("the two
    /// other pilgrims"): it gets a category of its own.
    pub apart: PhraseSet,
    /// Words before a number that continue the previous sentence's count ("an additional").
    pub continuation: PhraseSet,
    /// Words before a population noun that describe it without narrowing
    /// what is counted ("107 undocumented immigrants" are the 107 arrested).
    pub descriptive: PhraseSet,
    /// Relative pronouns after a figure that make it count people ("the
    /// millions who go on the pilgrimage").
    pub person_relatives: PhraseSet,
    /// Phrases before a breakdown of a total into categories ("included").
    pub subset_cues: PhraseSet,
    /// Words that start a category description after a population noun ("with", "who").
    pub subset_relative: PhraseSet,
    /// Words between "of" and a second figure that make the figure before
    /// "of" a part of it ("three of those four", "two of his three").
    pub whole_determiners: PhraseSet,
    /// Pronouns after "of" that make the figure before it a part of the
    /// figure they stand for ("only two of them", "three of those").
    pub whole_pronouns: PhraseSet,
    /// Demonstratives before a figure that point back at a figure of the
    /// same value stated before ("an additional 13 lives ... Of those 13").
    pub anaphoric: PhraseSet,
    /// Nouns that make a count one aspect of its measure ("a margin of 200,000 votes").
    pub aspects: PhraseSet,
    /// Verbs after a name that make the name the count's holder ("Oz received 2.5 million votes").
    pub agent_verbs: PhraseSet,
    /// Verbs before a receiver and an amount ("gives libraries $85 million").
    pub giving_verbs: PhraseSet,
    /// Verbs whose "by" gives a margin ("defeated Baker by 38,000 votes").
    pub margin_verbs: PhraseSet,
    /// Verbs right before a number that give its subject's level ("the death
    /// toll rose to 82"): the subject is what the number counts.
    pub level_verbs: PhraseSet,
    /// Words of expecting that, with a forecaster, make the figure after
    /// them in its clause what others expected, not what happened
    /// ("economists predicted 1.4 million").
    pub forecasts: PhraseSet,
    /// Who expects ("economists", "analysts").
    pub forecasters: PhraseSet,
    /// Words of what may be ("the toll may rise to 10,000"): a figure a
    /// few words after one is no count anyone reported.
    pub modals: PhraseSet,
    /// Words that open a relative clause, whose verbs describe a category,
    /// not what was counted ("104 people who had been deported").
    pub clause_openers: PhraseSet,
    /// Words before a number or its noun that make the figure a change:
    /// "eight more bodies", "an additional 13 lives".
    pub increments: PhraseSet,
    /// Words before a figure that add it to things just named, so that an
    /// increment in it means others besides them, not a change ("along
    /// with two additional plants").
    pub listings: PhraseSet,
    /// Words before a time that make it a split of a race ("5km in 14:24").
    pub splits: PhraseSet,
    /// Nouns that name a count of what follows "of": "the number of
    /// missing rose to 1,011" counts the missing.
    pub count_nouns: PhraseSet,
    /// What happened to a counted thing, canonical ("leveled" is "destroyed").
    pub predicates: Phrases<String>,
    /// Measure → the broader measure it is a kind of: a figure of homes
    /// introduced as a part ("which includes 7,600 homes") is a part of a
    /// total of structures.
    pub within: HashMap<String, String>,
    /// Nouns whose number names one of them ("Street 204", "Gate 3"): the
    /// number is a label, its measure the label's name ("street number").
    pub labels: Phrases<String>,
}

impl Measures {
    pub(super) fn load(sources: &Sources, examples: &mut Vec<Example>) -> Result<Self, LexiconError> {
        let mut out = Measures::default();
        for file in sources.all(FILE) {
            let parsed: MeasuresFile = parse_toml(file)?;
            let (mut seen_nouns, mut seen_verbs) = (HashMap::new(), HashMap::new());
            for m in parsed.measure {
                if let Some(broader) = &m.within {
                    out.within.insert(m.name.clone(), broader.clone());
                }
                check_unique(file, &mut seen_nouns, &m.name, &m.nouns)?;
                check_unique(file, &mut seen_verbs, &m.name, &m.verbs)?;
                for n in &m.nouns {
                    out.nouns.insert(n, false, m.name.clone());
                }
                for v in &m.verbs {
                    out.verbs.insert(v, false, m.name.clone());
                }
                for text in m.examples {
                    examples.push(Example {
                        file: file.origin.clone(),
                        text,
                        doc_date: None,
                        expect: Expect::Quantity {
                            value: None,
                            approx: None,
                            unit: None,
                            measure: Some(m.name.clone()),
                        },
                    });
                }
            }
            let mut seen_predicates = HashMap::new();
            for p in &parsed.predicate {
                check_unique(file, &mut seen_predicates, &p.name, &p.forms)?;
                for f in &p.forms {
                    out.predicates.insert(f, false, p.name.clone());
                }
            }
            let mut seen_labels = HashMap::new();
            for l in parsed.label {
                check_unique(file, &mut seen_labels, &l.name, &l.forms)?;
                for f in &l.forms {
                    out.labels.insert(f, false, l.name.clone());
                }
                for text in l.examples {
                    examples.push(Example {
                        file: file.origin.clone(),
                        text,
                        doc_date: None,
                        expect: Expect::Quantity {
                            value: None,
                            approx: None,
                            unit: None,
                            measure: Some(l.name.clone()),
                        },
                    });
                }
            }
            for (words, table) in [
                (&parsed.population.nouns, &mut out.population),
                (&parsed.population.generic, &mut out.generic),
                (&parsed.population.narrowing, &mut out.narrowing),
                (&parsed.population.modifiers, &mut out.modifiers),
                (&parsed.population.apart, &mut out.apart),
                (&parsed.population.continuation, &mut out.continuation),
                (&parsed.population.descriptive, &mut out.descriptive),
                (&parsed.population.relatives, &mut out.person_relatives),
                (&parsed.subset.cues, &mut out.subset_cues),
                (&parsed.subset.relative, &mut out.subset_relative),
                (&parsed.subset.clause_openers, &mut out.clause_openers),
                (&parsed.subset.whole_determiners, &mut out.whole_determiners),
                (&parsed.subset.whole_pronouns, &mut out.whole_pronouns),
                (&parsed.subset.anaphoric, &mut out.anaphoric),
                (&parsed.aspects.nouns, &mut out.aspects),
                (&parsed.aspects.margin_verbs, &mut out.margin_verbs),
                (&parsed.agents.verbs, &mut out.agent_verbs),
                (&parsed.agents.giving, &mut out.giving_verbs),
                (&parsed.levels.verbs, &mut out.level_verbs),
                (&parsed.forecasts.words, &mut out.forecasts),
                (&parsed.forecasts.forecasters, &mut out.forecasters),
                (&parsed.forecasts.modals, &mut out.modals),
                (&parsed.levels.count_nouns, &mut out.count_nouns),
                (&parsed.aspects.increments, &mut out.increments),
                (&parsed.aspects.listings, &mut out.listings),
                (&parsed.aspects.splits, &mut out.splits),
            ] {
                for w in words {
                    table.insert(w, false, ());
                }
            }
        }
        Ok(out)
    }
}
