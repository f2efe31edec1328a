//! The extractors' corpora (`tests/corpus/*.toml`): each case names a text,
//! the claim it must give (its exact surface text, a whole-span match) and
//! the fields that claim must have; `none` lists near misses that must give
//! no quantity at all. A failure says which part went wrong.

use std::path::Path;

use crosscheck::claim::{Claim, ClaimKind};
use crosscheck::lexicon::Lexicon;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuantityCase {
    text: Option<String>,
    claim: String,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    approx: Option<String>,
    unit: Option<String>,
    measure: Option<String>,
    category: Option<String>,
    scope: Option<String>,
    time: Option<String>,
    event: Option<String>,
    holder: Option<String>,
    predicate: Option<String>,
    aspect: Option<String>,
    /// Who gave the figure; "" for no one (so too for `unit` and `category`).
    attribution: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoneCase {
    texts: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteCase {
    text: String,
    quote: String,
    speaker: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SuperlativeCase {
    text: String,
    claim: String,
    subject: String,
    measure: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DateCase {
    doc_date: Option<String>,
    text: String,
    date: String,
    value: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Corpus {
    doc_date: Option<String>,
    #[serde(default)]
    quantity: Vec<QuantityCase>,
    #[serde(default)]
    none: Vec<NoneCase>,
    #[serde(default)]
    quote: Vec<QuoteCase>,
    #[serde(default)]
    superlative: Vec<SuperlativeCase>,
    #[serde(default)]
    date: Vec<DateCase>,
}

struct Read {
    analysis: crosscheck::Analysis,
    offset: usize,
}

impl Read {
    fn new(text: &str, doc_date: Option<&str>, lexicon: &Lexicon) -> Read {
        let full = match doc_date {
            Some(d) => format!("date {d} {text}"),
            None => text.to_string(),
        };
        let analysis = crosscheck::analyse_texts(&[("case.txt", full.as_str())], lexicon);
        Read { offset: full.len() - text.len(), analysis }
    }

    fn claims(&self) -> &[Claim] {
        &self.analysis.extractions[0].claims
    }

    fn surface(&self, c: &Claim) -> &str {
        &self.analysis.corpus.documents[0].raw[c.span.0..c.span.1]
    }

    fn find(&self, kind: ClaimKind, surface: &str) -> Result<&Claim, String> {
        self.claims()
            .iter()
            .find(|c| c.kind == kind && self.surface(c) == surface && c.span.0 >= self.offset)
            .ok_or_else(|| {
                let found: Vec<&str> =
                    self.claims().iter().filter(|c| c.kind == kind).map(|c| self.surface(c)).collect();
                format!("no {} claim \"{surface}\"; found {found:?}", kind.name())
            })
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(1.0)
}

fn check_quantity(case: &QuantityCase, doc_date: Option<&str>, lexicon: &Lexicon) -> Result<(), String> {
    let read = Read::new(case.text.as_deref().unwrap_or(&case.claim), doc_date, lexicon);
    let c = read.find(ClaimKind::Quantity, &case.claim)?;
    let q = c.quantity().expect("a quantity");
    let r = &c.referent;
    let gaz = &lexicon.gazetteer;
    let scope: Vec<&str> = r.scope.get().into_iter().flatten().map(|&p| gaz.place(p).name.as_str()).collect();
    let checks: Vec<(&str, bool, String)> = vec![
        ("value", case.value.is_none_or(|v| q.value.is_some_and(|got| close(got, v))), format!("{:?}", q.value)),
        (
            "low",
            case.low.is_none_or(|v| q.interval.low.is_some_and(|got| close(got, v))),
            format!("{:?}", q.interval.low),
        ),
        (
            "high",
            case.high.is_none_or(|v| q.interval.high.is_some_and(|got| close(got, v))),
            format!("{:?}", q.interval.high),
        ),
        ("approx", case.approx.as_ref().is_none_or(|a| q.approx == a), q.approx.to_string()),
        (
            "unit",
            case.unit.as_ref().is_none_or(|u| q.unit.as_deref().unwrap_or_default() == u),
            format!("{:?}", q.unit.as_deref()),
        ),
        (
            "measure",
            case.measure.as_ref().is_none_or(|m| r.measure.get().map_or("", |x| x.as_str()) == m),
            format!("{:?}", r.measure.get().map(|x| x.as_str())),
        ),
        (
            "category",
            case.category.as_ref().is_none_or(|m| r.category.get().map(|x| x.as_str()).unwrap_or_default() == m),
            format!("{:?}", r.category.get().map(|x| x.as_str())),
        ),
        ("scope", case.scope.as_ref().is_none_or(|s| scope.join(", ") == *s), scope.join(", ")),
        (
            "time",
            case.time.as_ref().is_none_or(|t| r.time.get().map(|x| x.render()).as_ref() == Some(t)),
            format!("{:?}", r.time.get().map(|x| x.render())),
        ),
        (
            "event",
            case.event.as_ref().is_none_or(|e| r.event.get().map(|x| &*x.name) == Some(e.as_str())),
            format!("{:?}", r.event.get()),
        ),
        (
            "holder",
            case.holder.as_ref().is_none_or(|a| r.holder().get().map(|x| x.as_str()) == Some(a.as_str())),
            format!("{:?}", r.holder().get().map(|x| x.as_str())),
        ),
        (
            "attribution",
            case.attribution.as_ref().is_none_or(|a| r.attribution.as_deref().unwrap_or_default() == a),
            format!("{:?}", r.attribution),
        ),
        (
            "aspect",
            case.aspect.as_ref().is_none_or(|a| format!("{:?}", r.aspect).to_lowercase() == *a),
            format!("{:?}", r.aspect),
        ),
        (
            "predicate",
            case.predicate.as_ref().is_none_or(|p| r.predicate().get().map(|x| x.as_str()) == Some(p.as_str())),
            format!("{:?}", r.predicate().get().map(|x| x.as_str())),
        ),
    ];
    let wrong: Vec<String> =
        checks.into_iter().filter(|(_, ok, _)| !ok).map(|(name, _, got)| format!("{name} was {got}")).collect();
    if wrong.is_empty() { Ok(()) } else { Err(wrong.join(", ")) }
}

fn load(name: &str) -> Corpus {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(name);
    toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn report(failures: Vec<String>) {
    assert!(failures.is_empty(), "{} cases failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn quantities_read_as_their_corpus_says() {
    let lexicon = Lexicon::built_in().unwrap();
    let corpus = load("quantities.toml");
    let mut failures = Vec::new();
    for case in &corpus.quantity {
        if let Err(e) = check_quantity(case, corpus.doc_date.as_deref(), &lexicon) {
            failures.push(format!("{:?}: {e}", case.claim));
        }
    }
    for text in corpus.none.iter().flat_map(|n| &n.texts) {
        let read = Read::new(text, corpus.doc_date.as_deref(), &lexicon);
        let found: Vec<&str> =
            read.claims().iter().filter(|c| c.kind == ClaimKind::Quantity).map(|c| read.surface(c)).collect();
        if !found.is_empty() {
            failures.push(format!("{text:?}: expected no quantity, found {found:?}"));
        }
    }
    report(failures);
}

#[test]
fn quotes_are_attributed_as_their_corpus_says() {
    let lexicon = Lexicon::built_in().unwrap();
    let mut failures = Vec::new();
    for case in &load("quotes.toml").quote {
        let read = Read::new(&case.text, None, &lexicon);
        match read.find(ClaimKind::Quote, &case.quote) {
            Ok(c) => {
                let speaker = c.quote().and_then(|q| q.speaker.clone());
                if speaker.as_deref() != Some(case.speaker.as_str()) {
                    failures.push(format!("{:?}: speaker {speaker:?}, expected {}", case.quote, case.speaker));
                }
            }
            Err(e) => failures.push(format!("{:?}: {e}", case.text)),
        }
    }
    report(failures);
}

#[test]
fn superlatives_rank_as_their_corpus_says() {
    let lexicon = Lexicon::built_in().unwrap();
    let mut failures = Vec::new();
    for case in &load("superlatives.toml").superlative {
        let read = Read::new(&case.text, Some("2017-09-28"), &lexicon);
        match read.find(ClaimKind::Superlative, &case.claim) {
            Ok(c) => {
                let subject = c.superlative().and_then(|s| s.subject).map(|p| lexicon.gazetteer.place(p).name.clone());
                if subject.as_ref() != Some(&case.subject)
                    || c.referent.measure.get().map(|x| x.as_str()) != Some(case.measure.as_str())
                {
                    failures.push(format!(
                        "{:?}: subject {subject:?}, measure {:?}",
                        case.claim,
                        c.referent.measure.get().map(|x| x.as_str())
                    ));
                }
            }
            Err(e) => failures.push(format!("{:?}: {e}", case.text)),
        }
    }
    report(failures);
}

#[test]
fn dates_resolve_as_their_corpus_says() {
    let lexicon = Lexicon::built_in().unwrap();
    let mut failures = Vec::new();
    for case in &load("dates.toml").date {
        let read = Read::new(&case.text, case.doc_date.as_deref(), &lexicon);
        match read.find(ClaimKind::Date, &case.date) {
            Ok(c) => {
                let d = c.date().expect("a date claim");
                let value = d.value.map(|v| v.render()).unwrap_or_default();
                if value != case.value {
                    failures.push(format!("{:?}: value {value:?}, expected {:?}", case.date, case.value));
                }
                if value.is_empty() && d.note.is_none() {
                    failures.push(format!("{:?}: an unresolved date needs a note", case.date));
                }
            }
            Err(e) => failures.push(format!("{:?}: {e}", case.text)),
        }
    }
    report(failures);
}
