//! Examples that run as tests: every lexicon entry's and every rule's
//! examples, read or checked as their files say (Duckling's corpus idea).
//! `cargo test` runs the built-in ones; `crosscheck test-rules DIR` runs a
//! user's folder's.

use crate::claim::{ClaimKind, Ustr};
use crate::engine::{Expect as RuleExpect, RuleSet, Status};
use crate::graph::ClaimGraph;
use crate::lexicon::{Example, Expect, Lexicon};

/// An example's text read as a document dated as the example says.
fn analyse(example: &Example, lexicon: &Lexicon) -> crate::Analysis {
    let text = match &example.doc_date {
        Some(date) => format!("date {date} {}", example.text),
        None => example.text.clone(),
    };
    crate::analyse_texts(&[("example.txt", text.as_str())], lexicon)
}

/// Whether one lexicon example reads as it says; why not when it does not.
pub fn check_lexicon_example(example: &Example, lexicon: &Lexicon) -> Result<(), String> {
    let analysis = analyse(example, lexicon);
    let doc = &analysis.corpus.documents[0];
    let claims = &analysis.extractions[0].claims;
    let offset = doc.raw.len() - example.text.len();
    let quantities: Vec<_> = claims.iter().filter(|c| c.kind == ClaimKind::Quantity).collect();
    let surface = |c: &crate::claim::Claim| doc.raw[c.span.0..c.span.1].to_string();
    match &example.expect {
        Expect::Quantity { value, approx, unit, measure } => {
            let [q] = quantities.as_slice() else {
                return Err(format!(
                    "expected one quantity, found {:?}",
                    quantities.iter().map(|c| surface(c)).collect::<Vec<_>>()
                ));
            };
            let reading = q.quantity().expect("a quantity claim has a reading");
            let covers_number = q.span.0 >= offset && q.span.1 <= doc.raw.len();
            if !covers_number {
                return Err(format!("the quantity \"{}\" lies outside the example", surface(q)));
            }
            if let Some(v) = value
                && reading.value.is_none_or(|got| (got - v).abs() > 1e-9 * v.abs().max(1.0))
            {
                return Err(format!("value {:?}, expected {v}", reading.value));
            }
            if let Some(a) = approx
                && reading.approx != a
            {
                return Err(format!("approx {:?}, expected {a}", reading.approx.as_str()));
            }
            if let Some(u) = unit
                && reading.unit.as_deref() != Some(u.as_str())
            {
                return Err(format!("unit {:?}, expected {u}", reading.unit.as_deref()));
            }
            if let Some(m) = measure
                && q.referent.measure.get().map(Ustr::as_str) != Some(m.as_str())
            {
                return Err(format!("measure {:?}, expected {m}", q.referent.measure.get().map(Ustr::as_str)));
            }
            Ok(())
        }
        Expect::NoQuantity => match quantities.as_slice() {
            [] => Ok(()),
            found => {
                Err(format!("expected no quantity, found {:?}", found.iter().map(|c| surface(c)).collect::<Vec<_>>()))
            }
        },
        Expect::NotUnit(u) => {
            match quantities.iter().find(|c| c.quantity().and_then(|q| q.unit.as_deref()) == Some(u.as_str())) {
                None => Ok(()),
                Some(c) => Err(format!("\"{}\" was read in {u}", surface(c))),
            }
        }
        Expect::NotApprox(a) => match quantities.iter().find(|c| c.quantity().is_some_and(|q| q.approx == a)) {
            None => Ok(()),
            Some(c) => Err(format!("\"{}\" was read as {a}", surface(c))),
        },
        Expect::Date { value } => {
            let dates: Vec<_> = claims.iter().filter(|c| c.kind == ClaimKind::Date).collect();
            let rendered: Vec<Option<String>> =
                dates.iter().map(|c| c.date().and_then(|d| d.value).map(|v| v.render())).collect();
            if rendered.iter().any(|r| r.as_ref() == Some(value)) {
                Ok(())
            } else {
                Err(format!("dates {rendered:?}, expected {value}"))
            }
        }
        Expect::NoDate => match claims.iter().find(|c| c.kind == ClaimKind::Date) {
            None => Ok(()),
            Some(c) => Err(format!("\"{}\" was read as a date", surface(c))),
        },
        Expect::Sentences(n) => {
            let sentences = &analysis.extractions[0].sentences;
            let inside = sentences.iter().filter(|s| s.span.start >= offset).count();
            if inside == *n { Ok(()) } else { Err(format!("{inside} sentences, expected {n}")) }
        }
        Expect::Speaker(name) => {
            let speakers: Vec<_> = claims.iter().filter_map(|c| c.quote()).map(|q| q.speaker.clone()).collect();
            if speakers.iter().any(|s| s.as_deref() == Some(name.as_str())) {
                Ok(())
            } else {
                Err(format!("speakers {speakers:?}, expected {name}"))
            }
        }
        Expect::Superlative(expected) => {
            let found = claims.iter().any(|c| c.kind == ClaimKind::Superlative);
            if found == *expected { Ok(()) } else { Err(format!("superlative found: {found}, expected {expected}")) }
        }
        Expect::Event(name) => {
            let events: Vec<_> = claims.iter().filter_map(|c| c.referent.event.get().map(|e| e.name.clone())).collect();
            // An empty name says the text names no event.
            let found = if name.is_empty() { events.is_empty() } else { events.iter().any(|e| **e == **name) };
            if found { Ok(()) } else { Err(format!("events {events:?}, expected {name:?}")) }
        }
        Expect::Change(direction) => {
            let found = quantities.iter().find_map(|c| c.quantity().and_then(|q| q.stated_change()));
            match found {
                Some(ch) if ch.direction.name() == direction => Ok(()),
                other => Err(format!("change {other:?}, expected {direction}")),
            }
        }
    }
}

/// The rule examples that do not give what they expect, each run with
/// only its rule selected: "rule example N: expected ..., got ...".
pub fn failing_rule_examples(
    rules: &RuleSet,
    lexicon: &Lexicon,
    keep: impl Fn(&crate::engine::Rule) -> bool,
) -> Vec<String> {
    let mut failures = Vec::new();
    for rule in rules.rules.iter().filter(|r| keep(r)) {
        let mut only = rules.clone();
        if only.select(std::slice::from_ref(&rule.id), &[]).is_err() {
            continue;
        }
        for (n, example) in rule.examples.iter().enumerate() {
            let names: Vec<String> = (0..example.docs.len()).map(|k| format!("example-{k}.txt")).collect();
            let texts: Vec<(&str, &str)> =
                names.iter().map(String::as_str).zip(example.docs.iter().map(String::as_str)).collect();
            let analysis = crate::analyse_texts(&texts, lexicon);
            let graph = ClaimGraph::build(&analysis, lexicon);
            let findings = only.run(&graph);
            let has = |s: Status| findings.iter().any(|f| f.status == s);
            let ok = match example.expect {
                RuleExpect::Discrepancy => has(Status::Discrepancy),
                RuleExpect::Agreement => has(Status::Agreement) && !has(Status::Discrepancy),
                RuleExpect::Note => has(Status::Note) && !has(Status::Discrepancy),
                RuleExpect::Nothing => findings.is_empty(),
            };
            if !ok {
                let got: Vec<String> = findings.iter().map(|f| format!("{}: {}", f.status.name(), f.message)).collect();
                failures.push(format!(
                    "{} ({}) example {}: expected {:?}, got {:?}",
                    rule.id,
                    rule.origin,
                    n + 1,
                    example.expect,
                    got
                ));
            }
        }
    }
    failures
}

/// The lexicon examples that do not read as they say, of the files `keep` picks.
pub fn failing_lexicon_examples(lexicon: &Lexicon, keep: impl Fn(&Example) -> bool) -> Vec<String> {
    lexicon
        .examples
        .iter()
        .filter(|e| keep(e))
        .filter_map(|e| {
            check_lexicon_example(e, lexicon).err().map(|why| format!("{}: {:?}: {why}", e.file.display(), e.text))
        })
        .collect()
}
