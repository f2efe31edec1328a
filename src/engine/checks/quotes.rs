//! quotes: one speaker's words across sources. Quotations that share a run
//! of words are aligned word by word (the `similar` crate); the same words
//! up to quotation marks, punctuation, case and trimming agree, changed
//! words inside the shared passage are a discrepancy shown as a word diff,
//! and the same words from unrelated speakers are a note. Candidates come
//! from an index of word shingles, never from all pairs.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::{Outcome, Outcomes, Params, Vars, WordChange, sources};
use crate::claim::{ClaimKind, Words};
use crate::engine::Status;
use crate::extract::ELIDED;
use crate::graph::ClaimGraph;

/// Shingles shared by more distinct quotes than this are boilerplate, not evidence.
const MAX_BUCKET: usize = 64;

/// How many of the next quotes sharing a shingle each quote is aligned
/// with: the clusters join through them, and a full bucket costs a
/// multiple of its size, not its square.
const NEIGHBOURS: usize = 8;

/// How many quotes after it, at most, each quote is aligned with, however
/// many shingles it shares with others (a text that repeats itself).
const MAX_PARTNERS: usize = 16;

/// Keeps, of candidate pairs, each quote's `MAX_PARTNERS` nearest
/// partners after it.
fn nearest(pairs: BTreeSet<(usize, usize)>) -> BTreeSet<(usize, usize)> {
    let mut kept = 0;
    let mut current = None;
    pairs
        .into_iter()
        .filter(|&(a, _)| {
            if current != Some(a) {
                current = Some(a);
                kept = 0;
            }
            kept += 1;
            kept <= MAX_PARTNERS
        })
        .collect()
}

enum Relation {
    Same,
    Altered(Vec<WordChange>),
    Unrelated,
}

fn words<'a>(g: &ClaimGraph<'a>, i: usize) -> Vec<&'a str> {
    g.claim(i).quote().map_or_else(Vec::new, |q| q.words.to_vec())
}

/// Aligns two quotes: the passage between their first and last shared runs
/// of at least two words must match word for word.
/// Whether every run of `x` between elisions appears, in order, in `y`:
/// "we will defend … the city" is inside "we will defend our policy and the city".
fn fits_with_elisions(x: &[&str], y: &[&str], min_shared: usize) -> bool {
    let runs: Vec<&[&str]> = x.split(|w| *w == ELIDED).filter(|r| !r.is_empty()).collect();
    let shared: usize = runs.iter().map(|r| r.len()).sum();
    if runs.is_empty() || shared < min_shared.min(x.len()) {
        return false;
    }
    let mut from = 0;
    for run in runs {
        match y[from..].windows(run.len()).position(|w| w == run) {
            Some(at) => from += at + run.len(),
            None => return false,
        }
    }
    true
}

fn relate<'w>(a: &[&'w str], b: &[&'w str], min_shared: usize) -> Relation {
    if a.iter().chain(b).any(|w| *w == ELIDED) {
        let plain = |x: &[&'w str]| x.iter().filter(|w| **w != ELIDED).copied().collect::<Vec<&'w str>>();
        if fits_with_elisions(a, &plain(b), min_shared) || fits_with_elisions(b, &plain(a), min_shared) {
            return Relation::Same;
        }
        return relate(&plain(a), &plain(b), min_shared);
    }
    if !(passage_may_open(a, b) && passage_may_close(a, b)) {
        return Relation::Unrelated;
    }
    let ops = capture_diff_slices(Algorithm::Myers, a, b);
    let anchors: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| matches!(op, DiffOp::Equal { len, .. } if *len >= 2))
        .map(|(k, _)| k)
        .collect();
    let shared: usize = ops.iter().map(|op| if let DiffOp::Equal { len, .. } = op { *len } else { 0 }).sum();
    let (Some(&first), Some(&last)) = (anchors.first(), anchors.last()) else { return Relation::Unrelated };
    if shared < min_shared.min(a.len()).min(b.len()) {
        return Relation::Unrelated;
    }
    // Outside the shared passage only one quote may go on: the other was
    // trimmed there. Words on both sides mean a phrase shared by chance,
    // unless the first words past the passage are one word changed
    // ("our city is safer for it" and "our city is safe"), after which
    // one quote stops.
    let (start_a, start_b) = (ops[first].old_range().start, ops[first].new_range().start);
    let (end_a, end_b) = (ops[last].old_range().end, ops[last].new_range().end);
    let lead = (start_a > 0 && start_b > 0).then(|| (start_a - 1, start_b - 1));
    let tail = (end_a < a.len() && end_b < b.len()).then_some((end_a, end_b));
    if lead.is_some_and(|(x, y)| !(variants(a[x], b[y]) && (x == 0 || y == 0)))
        || tail.is_some_and(|(x, y)| !(variants(a[x], b[y]) && (x + 1 == a.len() || y + 1 == b.len())))
    {
        return Relation::Unrelated;
    }
    let inner = &ops[first..=last];
    if lead.is_none() && tail.is_none() && inner.iter().all(|op| matches!(op, DiffOp::Equal { .. })) {
        return Relation::Same;
    }
    let mut diff = Vec::new();
    if let Some((x, y)) = lead {
        diff.push(WordChange::Removed(a[x].to_string()));
        diff.push(WordChange::Added(b[y].to_string()));
    }
    for op in inner {
        match *op {
            DiffOp::Equal { old_index, len, .. } => {
                diff.push(WordChange::Same(a[old_index..old_index + len].join(" ")))
            }
            DiffOp::Delete { old_index, old_len, .. } => {
                diff.push(WordChange::Removed(a[old_index..old_index + old_len].join(" ")))
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                diff.push(WordChange::Added(b[new_index..new_index + new_len].join(" ")))
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                diff.push(WordChange::Removed(a[old_index..old_index + old_len].join(" ")));
                diff.push(WordChange::Added(b[new_index..new_index + new_len].join(" ")));
            }
        }
    }
    if let Some((x, y)) = tail {
        diff.push(WordChange::Removed(a[x].to_string()));
        diff.push(WordChange::Added(b[y].to_string()));
    }
    Relation::Altered(diff)
}

/// Whether `x` holds the pair of words `y[at..at + 2]`.
fn holds_pair(x: &[&str], y: &[&str], at: usize) -> bool {
    y.get(at..at + 2).is_some_and(|pair| x.windows(2).any(|w| w == pair))
}

/// A shared passage starts within a word of one quote's start (below): so
/// one quote's first or second pair of words is in the other. Checked
/// before aligning, since most pairs that share a shingle fail it.
fn passage_may_open(a: &[&str], b: &[&str]) -> bool {
    (0..2).any(|at| holds_pair(b, a, at) || holds_pair(a, b, at))
}

/// The same at the end: one quote's last or second-last pair of words is
/// in the other.
fn passage_may_close(a: &[&str], b: &[&str]) -> bool {
    let from_end = |x: &[&str], k: usize| x.len().checked_sub(2 + k);
    (0..2).any(|k| {
        from_end(a, k).is_some_and(|at| holds_pair(b, a, at)) || from_end(b, k).is_some_and(|at| holds_pair(a, b, at))
    })
}

/// Two forms of one word, as a changed quotation writes them: the shorter,
/// save perhaps its last letter, begins the longer, which adds at most
/// three letters ("safe", "safer"; "city", "cities"; "defend", "defended");
/// or the same length with one letter changed ("sews", "sows").
fn variants(x: &str, y: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    if x == y || x.len().min(y.len()) < 3 {
        return false;
    }
    let prefix = x.iter().zip(&y).take_while(|(p, q)| p == q).count();
    let (shortest, longest) = (x.len().min(y.len()), x.len().max(y.len()));
    let one_letter = x.len() == y.len() && x.len() >= 4 && x.iter().zip(&y).filter(|(p, q)| p != q).count() == 1;
    (prefix >= 3 && prefix + 1 >= shortest && prefix + 3 >= longest) || one_letter
}

/// A run of words as the index files it: a hash of the words, equal for
/// equal runs; two different runs that hash alike only add a pair to align.
fn shingle(words: &[&str]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    words.hash(&mut hasher);
    hasher.finish()
}

fn find(parent: &mut [usize], x: usize) -> usize {
    let mut r = x;
    while parent[r] != r {
        r = parent[r];
    }
    parent[x] = r;
    r
}

pub fn run(g: &ClaimGraph, params: &Params, out: &mut Outcomes) {
    let k = params.min_shared_words;
    let quotes: Vec<usize> =
        g.of_kind(ClaimKind::Quote).filter(|&i| g.claim(i).quote().is_some_and(|q| !q.words.is_empty())).collect();
    let words_of = |n: usize| g.claim(quotes[n]).quote().map(|q| &q.words);
    // Quotes with the same words are one passage: only the first of each is
    // aligned with others, and the rest join it.
    let mut first_with: HashMap<&str, usize> = HashMap::default();
    let mut same_as: Vec<(usize, usize)> = Vec::new();
    let mut distinct: Vec<usize> = Vec::new();
    for n in 0..quotes.len() {
        match first_with.entry(words_of(n).map_or("", Words::as_str)) {
            Entry::Occupied(first) => same_as.push((*first.get(), n)),
            Entry::Vacant(slot) => {
                slot.insert(n);
                distinct.push(n);
            }
        }
    }
    drop(first_with);
    // Each distinct quote under each run of `k` words it holds (the whole
    // quote when shorter), the runs by a hash of their words: sixteen bytes
    // a run, where a map of runs to lists of quotes took five times more.
    let mut shingles: Vec<(u64, usize)> = Vec::new();
    let mut list: Vec<&str> = Vec::new();
    for &n in &distinct {
        list.clear();
        list.extend(words_of(n).into_iter().flat_map(Words::iter));
        if list.len() < k {
            shingles.push((shingle(&list), n));
        } else {
            shingles.extend(list.windows(k).map(|window| (shingle(window), n)));
        }
    }
    shingles.sort_unstable();
    shingles.dedup();
    let doc = |n: usize| g.claims[quotes[n]].doc;
    // Pairs of quotes that share a run of words: of two articles, or, for
    // `within_one_source`, of one.
    let mut candidates: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut one_article: BTreeSet<(usize, usize)> = BTreeSet::new();
    for run in shingles.chunk_by(|x, y| x.0 == y.0) {
        if run.len() > MAX_BUCKET {
            continue;
        }
        for (x, &(_, a)) in run.iter().enumerate() {
            for &(_, b) in run[x + 1..].iter().take(NEIGHBOURS) {
                let pair = (a.min(b), a.max(b));
                if doc(a) != doc(b) {
                    candidates.insert(pair);
                } else if params.within_one_source {
                    one_article.insert(pair);
                }
            }
        }
    }
    let (candidates, one_article) = (nearest(candidates), nearest(one_article));
    if params.within_one_source {
        return restated(g, &quotes, &candidates, one_article, same_as, k, out);
    }
    let mut parent: Vec<usize> = (0..quotes.len()).collect();
    for (m, n) in same_as {
        let (rm, rn) = (find(&mut parent, m), find(&mut parent, n));
        parent[rm.max(rn)] = rm.min(rn);
    }
    let mut altered: BTreeMap<usize, (usize, usize, Vec<WordChange>)> = BTreeMap::new();
    // Candidates come in order of their first quote: its words are split
    // once for all its partners.
    let mut first: Option<(usize, Vec<&str>)> = None;
    for (a, b) in candidates {
        let words_a = match &mut first {
            Some((at, words_a)) if *at == a => words_a,
            slot => &mut slot.insert((a, words(g, quotes[a]))).1,
        };
        let relation = relate(words_a, &words(g, quotes[b]), k);
        if matches!(relation, Relation::Unrelated) {
            continue;
        }
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        let root = ra.min(rb);
        parent[ra.max(rb)] = root;
        if let Relation::Altered(diff) = relation {
            altered.entry(root).or_insert((quotes[a], quotes[b], diff));
        }
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (n, &quote) in quotes.iter().enumerate() {
        let root = find(&mut parent, n);
        clusters.entry(root).or_default().push(quote);
    }
    let mut roots_altered: BTreeMap<usize, (usize, usize, Vec<WordChange>)> = BTreeMap::new();
    for (root, v) in altered {
        roots_altered.entry(find(&mut parent, root)).or_insert(v);
    }
    for (root, members) in clusters {
        if members.len() < 2 {
            continue;
        }
        let (speakers, mut vars) = speaker_vars(g, &members);
        let unrelated = speakers.iter().any(|a| speakers.iter().any(|b| !g.speakers.related(a, b)));
        let (status, diff) = match roots_altered.remove(&root) {
            Some((_, _, diff)) => {
                let changes: Vec<String> = diff
                    .iter()
                    .filter_map(|c| match c {
                        WordChange::Removed(w) => Some(format!("-\"{w}\"")),
                        WordChange::Added(w) => Some(format!("+\"{w}\"")),
                        WordChange::Same(_) => None,
                    })
                    .collect();
                vars.insert("changes", changes.join(" "));
                (Status::Discrepancy, Some(diff))
            }
            None if unrelated => (Status::Note, None),
            // An article repeating its own words (a headline quoting the
            // body) is no second source: `within_one_source` reports it.
            None if super::docs_of(g, &members).len() < 2 => continue,
            None => (Status::Agreement, None),
        };
        out.push(Outcome { status, claims: members, vars, diff });
    }
}

/// The speakers of some quotes, canonical, and the message variables they
/// give: `speaker`, `speakers`, `sources` and the first `words`.
fn speaker_vars<'a>(g: &'a ClaimGraph, members: &[usize]) -> (BTreeSet<&'a str>, Vars) {
    let speakers: BTreeSet<&str> = members
        .iter()
        .filter_map(|&i| g.claim(i).quote().and_then(|q| q.speaker.as_deref()))
        .map(|s| g.speakers.canonical(s))
        .collect();
    let mut vars = Vars::new();
    vars.insert("speaker", speakers.iter().next().map_or("an unnamed speaker".to_string(), |s| (*s).to_string()));
    vars.insert("speakers", speakers.iter().copied().collect::<Vec<_>>().join(", "));
    vars.insert("sources", sources(g, members));
    vars.insert("words", words(g, members[0]).iter().take(8).cloned().collect::<Vec<_>>().join(" "));
    vars.insert("changes", String::new());
    (speakers, vars)
}

/// An article quoting the same words twice alike (a headline quoting the
/// body's opening words), of one speaker or of an unnamed one: an
/// agreement of one source. Words that another article quotes too are the
/// agreement (or the alteration) across sources instead.
fn restated(
    g: &ClaimGraph,
    quotes: &[usize],
    across: &BTreeSet<(usize, usize)>,
    one_article: BTreeSet<(usize, usize)>,
    same_as: Vec<(usize, usize)>,
    k: usize,
    out: &mut Outcomes,
) {
    let mut quoted_elsewhere = vec![false; quotes.len()];
    for &(a, b) in across {
        if !matches!(relate(&words(g, quotes[a]), &words(g, quotes[b]), k), Relation::Unrelated) {
            quoted_elsewhere[a] = true;
            quoted_elsewhere[b] = true;
        }
    }
    let mut parent: Vec<usize> = (0..quotes.len()).collect();
    let same_doc = |&(m, n): &(usize, usize)| g.claims[quotes[m]].doc == g.claims[quotes[n]].doc;
    let restatements = one_article
        .into_iter()
        .filter(|&(a, b)| matches!(relate(&words(g, quotes[a]), &words(g, quotes[b]), k), Relation::Same));
    for (m, n) in same_as.into_iter().filter(same_doc).chain(restatements) {
        let (rm, rn) = (find(&mut parent, m), find(&mut parent, n));
        parent[rm.max(rn)] = rm.min(rn);
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for n in 0..quotes.len() {
        let root = find(&mut parent, n);
        clusters.entry(root).or_default().push(n);
    }
    for members in clusters.into_values() {
        if members.len() < 2 || members.iter().any(|&n| quoted_elsewhere[n]) {
            continue;
        }
        let members: Vec<usize> = members.into_iter().map(|n| quotes[n]).collect();
        let (speakers, vars) = speaker_vars(g, &members);
        if speakers.iter().any(|a| speakers.iter().any(|b| !g.speakers.related(a, b))) {
            continue;
        }
        out.push(Outcome { status: Status::Agreement, claims: members, vars, diff: None });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn trimmed_and_joined_quotes_are_the_same() {
        let long = w("as i have said many times when our communities cannot trust the police they are afraid");
        let short = w("when our communities cannot trust the police they are afraid");
        assert!(matches!(relate(&long, &short, 5), Relation::Same));
        let a = w("they are shielding criminal aliens from immigration enforcement");
        let b = w("shielding criminal aliens from immigration enforcement as a result we act");
        assert!(matches!(relate(&a, &b, 5), Relation::Same));
    }

    #[test]
    fn a_changed_word_inside_the_passage_is_altered() {
        let a = w("does not make our city safer and further sows seeds of distrust");
        let b = w("does not make our city safe and further sows seeds of distrust");
        let Relation::Altered(diff) = relate(&a, &b, 5) else { panic!("expected a change") };
        assert!(diff.contains(&WordChange::Removed("safer".into())));
        assert!(diff.contains(&WordChange::Added("safe".into())));
    }

    #[test]
    fn a_word_changed_where_one_quote_stops_is_altered() {
        let a = w("we will not be intimidated by anyone and our city is safer for it");
        let b = w("we will not be intimidated by anyone and our city is safe");
        let Relation::Altered(diff) = relate(&a, &b, 5) else { panic!("expected a change") };
        assert_eq!(diff.last(), Some(&WordChange::Added("safe".into())), "{diff:?}");
        assert!(diff.contains(&WordChange::Removed("safer".into())));
        let early = w("cities will defend our residents and keep our promise");
        let late = w("officials defended our residents and keep our promise");
        assert!(matches!(relate(&early, &late, 5), Relation::Unrelated), "both go on before the change");
        let moved_on = w("our city is safe and sound tonight");
        assert!(matches!(relate(&a, &moved_on, 3), Relation::Unrelated), "both go on past the change");
    }

    #[test]
    fn word_variants_are_forms_of_one_word() {
        for (x, y) in [("safe", "safer"), ("city", "cities"), ("defend", "defended"), ("sows", "sews")] {
            assert!(variants(x, y), "{x} {y}");
        }
        for (x, y) in [("will", "would"), ("safe", "safe"), ("is", "it"), ("policy", "politics"), ("trust", "truth")] {
            assert!(!variants(x, y), "{x} {y}");
        }
    }

    #[test]
    fn a_phrase_shared_in_the_middle_of_two_quotes_is_chance() {
        let a = w("focused on cities where officers are denied access to jails and prisons");
        let b = w("jurisdictions that do not allow us access to jails and prisons are shielding aliens");
        assert!(matches!(relate(&a, &b, 5), Relation::Unrelated));
    }

    #[test]
    fn an_ellipsis_or_a_bracket_leaves_words_out_without_altering_the_quote() {
        let full = w("these activities have nothing to do with politics elections democrats or republicans");
        let elided = w("these activities … nothing to do with politics … or republicans");
        assert!(matches!(relate(&full, &elided, 5), Relation::Same));
        let changed = w("these activities … nothing to do with policy … or republicans");
        assert!(matches!(relate(&full, &changed, 5), Relation::Altered(_)));
    }

    #[test]
    fn quotes_sharing_too_little_are_unrelated() {
        assert!(matches!(relate(&w("the city is safe today"), &w("the mayor left early"), 5), Relation::Unrelated));
    }
}
