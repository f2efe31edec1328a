//! list-names: the lists that counts announce ("The three victims
//! identified were: Ernest Foss, age 65, from Paradise; ..."), across
//! sources. Each item is named by its words before the first comma; lists
//! of one measure from different articles that name someone in common are
//! one list told twice. Naming the same people agrees; naming as many but
//! not the same ones is a discrepancy; a shorter list (the first three of
//! five named) says nothing. Candidates come from an index of names, never
//! from all pairs.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use super::{Outcome, Outcomes, Vars, sources};
use crate::claim::{ClaimKind, Ustr};
use crate::engine::Status;
use crate::graph::ClaimGraph;

/// Names shared by more lists than this are too common to join them.
const MAX_SHARING: usize = 64;

/// A list item's name: its words before the first comma, lower case.
fn name(item: &str) -> String {
    item.split([',', '(', '\n']).next().unwrap_or_default().trim().to_lowercase()
}

/// A list claim's names, in order.
fn names(g: &ClaimGraph, i: usize) -> Vec<String> {
    let doc = &g.analysis.corpus.documents[g.claims[i].doc];
    let items = g.claim(i).quantity().and_then(|q| q.list.as_deref()).map_or(&[][..], Vec::as_slice);
    items.iter().map(|&(s, e)| name(doc.raw_text(s, e))).filter(|n| !n.is_empty()).collect()
}

fn outcome(g: &ClaimGraph, status: Status, claims: Vec<usize>, listed: &[Vec<String>]) -> Outcome {
    let mut vars = Vars::new();
    let measure = g.claim(claims[0]).referent.measure.get().cloned().unwrap_or_else(|| "items".into());
    vars.insert("measure", measure);
    vars.insert("sources", sources(g, &claims));
    let shown: Vec<String> =
        claims.iter().zip(listed).map(|(&i, n)| format!("{} ({})", n.join("; "), g.source_name(i))).collect();
    vars.insert("lists", shown.join(" / "));
    Outcome { status, claims, vars, diff: None }
}

pub fn run(g: &ClaimGraph, out: &mut Outcomes) {
    let lists: Vec<usize> = g.of_kind(ClaimKind::List).collect();
    let listed: Vec<Vec<String>> = lists.iter().map(|&i| names(g, i)).collect();
    let measure = |n: usize| g.claim(lists[n]).referent.measure.value;
    let mut by_name: HashMap<(Option<Ustr>, &str), Vec<usize>> = HashMap::default();
    for (n, names) in listed.iter().enumerate() {
        for name in names.iter().collect::<BTreeSet<_>>() {
            by_name.entry((measure(n), name.as_str())).or_default().push(n);
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for sharing in by_name.values().filter(|v| v.len() <= MAX_SHARING) {
        for (x, &a) in sharing.iter().enumerate() {
            for &b in &sharing[x + 1..] {
                if g.claims[lists[a]].doc != g.claims[lists[b]].doc {
                    pairs.insert((a, b));
                }
            }
        }
    }
    // Lists naming the same people join one agreement; lists of as many
    // names that differ are a discrepancy, pair by pair.
    let mut same: BTreeMap<BTreeSet<&str>, BTreeSet<usize>> = BTreeMap::new();
    for (a, b) in pairs {
        let set = |n: usize| listed[n].iter().map(String::as_str).collect::<BTreeSet<_>>();
        let (sa, sb) = (set(a), set(b));
        if sa == sb {
            same.entry(sa).or_default().extend([a, b]);
        } else if listed[a].len() == listed[b].len() {
            let claims = vec![lists[a], lists[b]];
            out.push(outcome(g, Status::Discrepancy, claims, &[listed[a].clone(), listed[b].clone()]));
        }
    }
    for members in same.into_values() {
        let claims: Vec<usize> = members.iter().map(|&n| lists[n]).collect();
        let shown: Vec<Vec<String>> = members.iter().map(|&n| listed[n].clone()).collect();
        out.push(outcome(g, Status::Agreement, claims, &shown));
    }
}
