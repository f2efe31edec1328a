//! The built-in checks: a closed set, one file each. A rule file picks one
//! with `check = "..."` and supplies its parameters; each check documents
//! its parameters and the placeholders its messages may use right here.

mod change;
mod change_adds_up;
mod compare_values;
mod dates;
mod list_count;
mod list_names;
mod moving;
mod parts_total;
mod quotes;
mod rankings;
mod records;
mod superlative;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;
use toml::Value;

use super::Status;
pub use crate::engine::template::Vars;
use crate::graph::{ClaimGraph, ReferentGroup};

/// One built-in check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// The same quantity across sources: equal, or compatible once hedges and
    /// rounding are read as intervals, agrees; given for the same time and
    /// unable to meet, it conflicts.
    /// Params: `tolerance` (fraction of a value, default 0);
    /// `within_one_source` (default false): instead, the figures one article
    /// gives for one fact (its headline and body) that all agree.
    CompareValues,
    /// A running figure reported at different times whose reports differ:
    /// shown in time order, a discrepancy explained by time.
    /// Params: `tolerance` (fraction of a value, default 0).
    Moving,
    /// A stated change against the levels around it: yesterday's level plus
    /// today's change is today's level ("42 ... an additional 6 ... 48").
    ChangeAddsUp,
    /// Parts inside a total (places inside its scope, or categories of it)
    /// must not add up to more than the total.
    /// Params: `tolerance` (default 0), `min_parts` (default 2).
    PartsTotal,
    /// A stated count against the list that follows it ("six other cities – ...").
    ListCount,
    /// The lists counts announce, across sources: the same names agree, as
    /// many different ones conflict.
    ListNames,
    /// "More than any other city" against the per-place numbers of a source.
    Superlative,
    /// A named record ("world record") credited to its holder across sources.
    Records,
    /// One happening ranked first over a span of years ("the worst disaster
    /// in 25 years"): spans that meet agree, spans that cannot conflict.
    Rankings,
    /// One speaker's words across sources; changed words are a discrepancy.
    /// Params: `min_shared_words` (default 5): the run of words two quotes
    /// must share; `within_one_source` (default false): instead, one
    /// article quoting the same words alike twice (a headline and its body).
    Quotes,
    /// An event dated differently by two sources.
    /// Params: `verbs`: the words before a date that tie it to the event
    /// ("ended"); `within_one_source` (default false): instead, one article
    /// naming one day alike more than once ("on Sunday", "Sunday night").
    Dates,
    /// "Up from 3,600" must point the same way as the numbers.
    Change,
    /// A claim stated by one source only: a note.
    SingleSource,
}

const CHECKS: &[Check] = &[
    Check::CompareValues,
    Check::Moving,
    Check::ChangeAddsUp,
    Check::PartsTotal,
    Check::ListCount,
    Check::ListNames,
    Check::Superlative,
    Check::Records,
    Check::Rankings,
    Check::Quotes,
    Check::Dates,
    Check::Change,
    Check::SingleSource,
];

/// A check's parameters, with their defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    pub tolerance: f64,
    pub min_parts: usize,
    pub min_shared_words: usize,
    pub verbs: Vec<String>,
    pub within_one_source: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params { tolerance: 0.0, min_parts: 1, min_shared_words: 5, verbs: Vec::new(), within_one_source: false }
    }
}

/// What a check found: a status, the claims it rests on, the variables its
/// message uses, and, for quotes, the word diff.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: Status,
    pub claims: Vec<usize>,
    pub vars: Vars,
    pub diff: Option<Vec<WordChange>>,
}

/// Where a check puts its outcomes: each is handed on as it is found (the
/// engine writes its message at once), so that a check never holds its
/// outcomes' variables, a million of them on an archive.
pub struct Outcomes<'a> {
    each: &'a mut dyn FnMut(Outcome),
}

impl<'a> Outcomes<'a> {
    pub fn new(each: &'a mut dyn FnMut(Outcome)) -> Outcomes<'a> {
        Outcomes { each }
    }

    pub fn push(&mut self, outcome: Outcome) {
        (self.each)(outcome);
    }
}

/// One step of a word diff between two quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(tag = "op", content = "text", rename_all = "snake_case")]
pub enum WordChange {
    Same(String),
    Removed(String),
    Added(String),
}

impl Check {
    pub fn name(self) -> &'static str {
        match self {
            Check::CompareValues => "compare-values",
            Check::Moving => "moving",
            Check::ChangeAddsUp => "change-adds-up",
            Check::PartsTotal => "parts-total",
            Check::ListCount => "list-count",
            Check::ListNames => "list-names",
            Check::Superlative => "superlative",
            Check::Records => "records",
            Check::Rankings => "rankings",
            Check::Quotes => "quotes",
            Check::Dates => "dates",
            Check::Change => "change",
            Check::SingleSource => "single-source",
        }
    }

    pub fn parse(name: &str) -> Option<Check> {
        CHECKS.iter().copied().find(|c| c.name() == name)
    }

    pub fn names() -> Vec<&'static str> {
        CHECKS.iter().map(|c| c.name()).collect()
    }

    /// Checks whose only outcome is a note.
    pub fn notes_only(self) -> bool {
        matches!(self, Check::SingleSource)
    }

    /// Whether, with these parameters, its only outcome is an agreement.
    pub fn agreements_only(self, params: &Params) -> bool {
        matches!(self, Check::CompareValues | Check::Quotes | Check::Dates) && params.within_one_source
    }

    /// The placeholders its message templates may use.
    pub fn placeholders(self) -> &'static [&'static str] {
        match self {
            Check::CompareValues => &["subject", "measure", "scope", "values", "sources", "rounding", "count"],
            Check::Moving => &["subject", "measure", "scope", "values", "sources", "count"],
            Check::ChangeAddsUp => &["subject", "measure", "earlier", "change", "later", "plus", "sources"],
            Check::PartsTotal => &["measure", "scope", "parts", "sum", "total", "total_source", "kind", "source"],
            Check::ListCount => &["count", "listed", "items", "noun", "source"],
            Check::ListNames => &["measure", "sources", "lists"],
            Check::Superlative => &["subject", "measure", "subject_value", "rival", "rival_value", "source", "sources"],
            Check::Records => &["record", "whom", "sources"],
            Check::Rankings => &["ranking", "measure", "spans", "sources"],
            Check::Quotes => &["speaker", "speakers", "sources", "changes", "words"],
            Check::Dates => &["event", "verb", "dates", "sources"],
            Check::Change => &["direction", "earlier", "later", "measure", "source"],
            Check::SingleSource => &["kind", "text", "source"],
        }
    }

    fn allowed_params(self) -> &'static [&'static str] {
        match self {
            Check::CompareValues => &["tolerance", "within_one_source"],
            Check::Moving => &["tolerance"],
            Check::PartsTotal => &["tolerance", "min_parts"],
            Check::Quotes => &["min_shared_words", "within_one_source"],
            Check::Dates => &["verbs", "within_one_source"],
            _ => &[],
        }
    }

    /// Reads a rule's `[params]`; an error names the offending key.
    pub fn params(self, table: &toml::Table) -> Result<Params, (String, String)> {
        let mut p = Params::default();
        for (key, value) in table {
            if !self.allowed_params().contains(&key.as_str()) {
                let allowed = if self.allowed_params().is_empty() {
                    "none".to_string()
                } else {
                    self.allowed_params().join(", ")
                };
                return Err((
                    key.clone(),
                    format!("check \"{}\" has no parameter \"{key}\" (it takes: {allowed})", self.name()),
                ));
            }
            let number = |v: &Value| v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
            match key.as_str() {
                "tolerance" => {
                    p.tolerance = number(value).filter(|t| (0.0..1.0).contains(t)).ok_or((
                        key.clone(),
                        "tolerance must be a number from 0 to 1 (a fraction of the value)".to_string(),
                    ))?;
                }
                "min_parts" | "min_shared_words" => {
                    let n = value
                        .as_integer()
                        .filter(|n| *n >= 1)
                        .ok_or((key.clone(), format!("{key} must be a whole number of at least 1")))?;
                    if key == "min_parts" {
                        p.min_parts = n as usize;
                    } else {
                        p.min_shared_words = n as usize;
                    }
                }
                "within_one_source" => {
                    p.within_one_source =
                        value.as_bool().ok_or((key.clone(), "within_one_source must be true or false".to_string()))?;
                }
                "verbs" => {
                    p.verbs = value
                        .as_array()
                        .and_then(|a| a.iter().map(|v| v.as_str().map(str::to_lowercase)).collect::<Option<Vec<_>>>())
                        .ok_or((key.clone(), "verbs must be a list of words".to_string()))?;
                }
                _ => unreachable!("allowed_params lists every key handled here"),
            }
        }
        Ok(p)
    }

    /// Runs the check over the graph.
    pub fn run(self, g: &ClaimGraph, params: &Params, out: &mut Outcomes) {
        match self {
            Check::CompareValues => compare_values::run(g, params, out),
            Check::Moving => moving::run(g, params, out),
            Check::ChangeAddsUp => change_adds_up::run(g, out),
            Check::PartsTotal => parts_total::run(g, params, out),
            Check::ListCount => list_count::run(g, out),
            Check::ListNames => list_names::run(g, out),
            Check::Superlative => superlative::run(g, out),
            Check::Records => records::run(g, out),
            Check::Rankings => rankings::run(g, out),
            Check::Quotes => quotes::run(g, params, out),
            Check::Dates => dates::run(g, params, out),
            Check::Change => change::run(g, out),
            Check::SingleSource => single_source(g, out),
        }
    }
}

/// Whether a claim states a number: not a vague figure ("dozens"), which
/// describes more than it counts.
pub fn precise(g: &ClaimGraph, i: usize) -> bool {
    g.claim(i).quantity().is_some_and(|q| q.value.is_some())
}

/// Whether two mentions can be of one happening in one news cycle: events
/// that fit, dated within a cycle of each other (or undated).
pub fn one_cycle(g: &ClaimGraph, a: usize, b: usize) -> bool {
    let dated = match (g.time(a), g.time(b)) {
        (Some(x), Some(y)) => x.days_apart(&y) <= crate::extract::CYCLE_DAYS,
        _ => true,
    };
    dated && g.events_fit(a, b)
}

/// A claim's words as its article writes them, on one line.
pub fn claim_text(g: &ClaimGraph, i: usize) -> String {
    let c = g.claim(i);
    let doc = &g.analysis.corpus.documents[g.claims[i].doc];
    doc.raw_text(c.span.0, c.span.1).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The documents of some claims, each once, in corpus order.
pub fn docs_of(g: &ClaimGraph, claims: &[usize]) -> Vec<usize> {
    let mut docs: Vec<usize> = claims.iter().map(|&i| g.claims[i].doc).collect();
    docs.sort();
    docs.dedup();
    docs
}

/// The sources of some claims, in corpus order, each once.
pub fn sources(g: &ClaimGraph, claims: &[usize]) -> String {
    let docs = docs_of(g, claims);
    name_list(docs.iter().map(|&d| g.analysis.corpus.documents[d].source_name()), docs.len())
}

/// How many sources a message names before it counts the rest: a fact
/// a hundred outlets carried reads as its first few and "and 95 more".
const NAMED_SOURCES: usize = 5;

/// `count` names joined, the first `NAMED_SOURCES` of them written out.
fn name_list<'n>(names: impl Iterator<Item = &'n str>, count: usize) -> String {
    let shown: Vec<&str> = names.take(NAMED_SOURCES).collect();
    match count.saturating_sub(shown.len()) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// A claim's scope as place names.
pub fn scope_text(g: &ClaimGraph, i: usize) -> String {
    g.claim(i)
        .referent
        .scope
        .get()
        .into_iter()
        .flatten()
        .map(|&p| g.lexicon.gazetteer.place(p).name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The message variables a referent group gives every finding about it:
/// `subject` ("deaths for kipchoge in California"), `measure`, `scope`,
/// `sources` and `count` (of sources).
pub fn group_vars(g: &ClaimGraph, group: &ReferentGroup, claims: &[usize]) -> Vars {
    let mut vars = Vars::new();
    let mut subject = group.measure.clone();
    if let Some(c) = &group.category {
        subject = format!("{subject} ({c})");
    }
    if let Some(p) = &group.predicate {
        subject = format!("{subject} {p}");
    }
    if let Some(h) = &group.holder {
        subject.push_str(&format!(" for {h}"));
    }
    let scope = group
        .place
        .iter()
        .flatten()
        .map(|&p| g.lexicon.gazetteer.place(p).name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if !scope.is_empty() {
        subject.push_str(&format!(" in {scope}"));
    }
    vars.insert("subject", subject);
    vars.insert("measure", group.measure.clone());
    vars.insert("scope", scope);
    vars.insert("sources", sources(g, claims));
    vars.insert("count", docs_of(g, claims).len().to_string());
    vars
}

/// Claims' values, each reading once with the sources that state it, in
/// order of first appearance: "4 day (a.txt, b.txt), 5 day (c.txt)"; one
/// reading alone, since the message names the sources already.
pub fn values_with_sources(g: &ClaimGraph, claims: &[usize]) -> String {
    let mut readings: Vec<(String, Vec<&str>)> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::default();
    let mut stated: HashSet<(usize, usize)> = HashSet::default();
    for &i in claims {
        let reading = g.claim(i).quantity().map(|q| q.reading()).unwrap_or_default();
        let r = *seen.entry(reading.clone()).or_insert_with(|| {
            readings.push((reading, Vec::new()));
            readings.len() - 1
        });
        if stated.insert((r, g.claims[i].doc)) {
            readings[r].1.push(g.source_name(i));
        }
    }
    if let [(reading, _)] = readings.as_slice() {
        return reading.clone();
    }
    readings
        .iter()
        .map(|(r, sources)| format!("{r} ({})", name_list(sources.iter().copied(), sources.len())))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Notes for the quantities that no other source states: claims in no
/// referent group that spans two documents.
fn single_source(g: &ClaimGraph, out: &mut Outcomes) {
    use crate::claim::ClaimKind;
    // Per group, whether its figures come from two articles or more: found
    // once, so a group of many figures costs no more than its size.
    let spans_docs: Vec<bool> = g
        .groups
        .iter()
        .map(|group| {
            let mut docs = group.claims.iter().chain(&group.unsure).map(|&j| g.claims[j].doc);
            let first = docs.next();
            docs.any(|d| Some(d) != first)
        })
        .collect();
    let corroborated = |i: usize| g.group_of(i).is_some_and(|k| spans_docs[k]);
    for i in g.of_kind(ClaimKind::Quantity) {
        let c = g.claim(i);
        // A ranking's span is compared with its ranking (`rankings`).
        if corroborated(i) || c.quantity().is_none_or(|q| q.individual) || c.referent.ranking_span {
            continue;
        }
        let mut vars = Vars::new();
        vars.insert("kind", c.kind.name().to_string());
        vars.insert("text", claim_text(g, i));
        vars.insert("source", g.source_name(i).to_string());
        out.push(Outcome { status: Status::Note, claims: vec![i], vars, diff: None });
    }
}

#[cfg(test)]
mod tests {
    use super::name_list;

    #[test]
    fn a_long_list_of_sources_names_the_first_five_and_counts_the_rest() {
        let names = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt", "g.txt"];
        assert_eq!(name_list(names[..2].iter().copied(), 2), "a.txt, b.txt");
        assert_eq!(name_list(names[..5].iter().copied(), 5), "a.txt, b.txt, c.txt, d.txt, e.txt");
        assert_eq!(name_list(names.iter().copied(), 7), "a.txt, b.txt, c.txt, d.txt, e.txt and 2 more");
    }
}
