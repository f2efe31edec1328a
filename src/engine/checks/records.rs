//! records: a named record credited across sources ("Kipchoge set a
//! marathon world record", "Kipchoge ... lowering the world record").
//! Sources that credit one record, at one event in one news cycle, to one
//! holder agree; sources that credit it to different holders conflict. An
//! earlier record ("former world-record holder") meets only earlier ones,
//! and a mention that credits no one (no holder named) joins the one
//! holder its record has, or none. Credited to one holder, a record named
//! without its kind is the one named with it ("course record", "women's
//! course record").

use super::{Outcome, Outcomes, Vars, docs_of, one_cycle, sources};
use crate::claim::{ClaimKind, Ustr};
use crate::engine::Status;
use crate::graph::ClaimGraph;

/// A record claim's key: the record, and whether it is an earlier one.
fn key<'a>(g: &'a ClaimGraph, i: usize) -> Option<(&'a str, bool)> {
    let s = g.claim(i).superlative()?;
    Some((s.named.as_deref()?, s.past))
}

fn holder<'a>(g: &'a ClaimGraph, i: usize) -> Option<&'a str> {
    g.claim(i).referent.holder().get().map(Ustr::as_str)
}

fn display(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A record's name without its kind: "women course record" is a "course
/// record" of its own kind.
fn kindless<'a>(g: &ClaimGraph, record: &'a str) -> Option<&'a str> {
    let (kind, name) = record.split_once(' ')?;
    g.lexicon.superlatives.record_kinds.contains_word(kind).then_some(name)
}

/// Whether two credited mentions name one record: by the same name, or,
/// credited to one holder, one with its kind and one without ("the women's
/// course standard", "a new course record", both Cherono's).
fn same_record(g: &ClaimGraph, a: usize, b: usize) -> bool {
    let (Some((x, past_x)), Some((y, past_y))) = (key(g, a), key(g, b)) else { return false };
    let one_holder = holder(g, a).is_some() && holder(g, a) == holder(g, b);
    past_x == past_y && (x == y || one_holder && (kindless(g, x) == Some(y) || kindless(g, y) == Some(x)))
}

pub fn run(g: &ClaimGraph, out: &mut Outcomes) {
    let credited: Vec<usize> = g.of_kind(ClaimKind::Superlative).filter(|&i| key(g, i).is_some()).collect();
    // Clusters of one record and one holder (or none named).
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let fits = |c: &[usize], i: usize| c.iter().all(|&o| same_record(g, o, i) && one_cycle(g, o, i));
    for &i in credited.iter().filter(|&&i| holder(g, i).is_some()) {
        match clusters.iter_mut().find(|c| holder(g, c[0]) == holder(g, i) && fits(c, i)) {
            Some(c) => c.push(i),
            None => clusters.push(vec![i]),
        }
    }
    for &i in credited.iter().filter(|&&i| holder(g, i).is_none()) {
        let fitting: Vec<usize> = (0..clusters.len()).filter(|&c| fits(&clusters[c], i)).collect();
        match fitting.as_slice() {
            [only] => clusters[*only].push(i),
            [] => clusters.push(vec![i]),
            _ => {}
        }
    }
    let spans_sources = |c: &[usize]| docs_of(g, c).len() >= 2;
    for c in clusters.iter().filter(|c| spans_sources(c)) {
        let mut claims = c.clone();
        claims.sort();
        let mut vars = Vars::new();
        let (record, _) = key(g, c[0]).expect("credited");
        vars.insert("record", record.to_string());
        let who = c.iter().find_map(|&i| holder(g, i)).map(display);
        vars.insert("whom", who.map(|h| format!(" to {h}")).unwrap_or_default());
        vars.insert("sources", sources(g, &claims));
        out.push(Outcome { status: Status::Agreement, claims, vars, diff: None });
    }
    // One record of one event credited to two holders by two sources.
    let present: Vec<&Vec<usize>> = clusters.iter().filter(|c| key(g, c[0]).is_some_and(|(_, past)| !past)).collect();
    for (x, a) in present.iter().enumerate() {
        for b in &present[x + 1..] {
            let (Some(ha), Some(hb)) = (a.iter().find_map(|&i| holder(g, i)), b.iter().find_map(|&i| holder(g, i)))
            else {
                continue;
            };
            let apart = a.iter().any(|&i| b.iter().any(|&j| g.claims[i].doc != g.claims[j].doc));
            if key(g, a[0]) != key(g, b[0]) || !apart {
                continue;
            }
            if !a.iter().all(|&i| b.iter().all(|&j| one_cycle(g, i, j))) {
                continue;
            }
            let mut claims: Vec<usize> = a.iter().chain(b.iter()).copied().collect();
            claims.sort();
            let mut vars = Vars::new();
            vars.insert("record", key(g, a[0]).expect("credited").0.to_string());
            vars.insert("whom", format!(" to {} and to {}", display(ha), display(hb)));
            vars.insert("sources", sources(g, &claims));
            out.push(Outcome { status: Status::Discrepancy, claims, vars, diff: None });
        }
    }
}
