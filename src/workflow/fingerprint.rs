//! Fingerprints: a finding's id that survives re-runs. It hashes the rule,
//! the status and, for each claim the finding rests on, its document's id,
//! its kind, its text (case and spacing folded) and which occurrence of that
//! text in the document it is. Offsets are left out, so editing an unrelated
//! paragraph or reordering files changes nothing.

use std::collections::HashMap;

use crate::Analysis;
use crate::engine::Finding;
use crate::report::Index;

/// 64-bit FNV-1a: stable across platforms and Rust versions.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_of(&[bytes])
}

/// `fnv1a` of the pieces' concatenation, without making it.
fn fnv1a_of(pieces: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in pieces.iter().copied().flatten() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn normalized(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    push_normalized(&mut folded, text);
    folded
}

/// Pushes `text` with its words lower-cased and one space between them.
fn push_normalized(out: &mut String, text: &str) {
    // ASCII text but for the vertical tab (white space to `split_whitespace`,
    // not to `split_ascii_whitespace`) splits alike without decoding.
    let ascii = text.bytes().all(|b| b.is_ascii() && b != 0x0b);
    let words: &mut dyn Iterator<Item = &str> =
        if ascii { &mut text.split_ascii_whitespace() } else { &mut text.split_whitespace() };
    for (k, word) in words.enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if word.is_ascii() {
            let start = out.len();
            out.push_str(word);
            out[start..].make_ascii_lowercase();
        } else {
            // A whole word at a time: a final sigma lower-cases by its place in the word.
            out.push_str(&word.to_lowercase());
        }
    }
}

/// Each claim's occurrence of its kind and folded text in its document,
/// counted from 1; a claim read back from records keeps the one it had
/// when extracted, so a shard of a document's claims names them alike.
pub fn occurrences(index: &Index) -> Vec<usize> {
    // Claims come document by document: what was seen is one document's.
    let mut seen: HashMap<(&str, String), usize> = HashMap::new();
    let mut doc = None;
    index
        .claims
        .iter()
        .map(|v| {
            if doc != Some(v.doc_index) {
                seen.clear();
                doc = Some(v.doc_index);
            }
            let n = seen.entry((v.claim.kind.name(), normalized(v.text()))).or_insert(0);
            *n += 1;
            v.occurrence.map_or(*n, |o| o as usize)
        })
        .collect()
}

/// Sets every finding's fingerprint: 16 hex digits.
pub fn assign(findings: &mut [Finding], analysis: &Analysis, index: &Index) {
    let keys = ClaimKeys::new(index);
    for f in findings {
        keys.assign(f, analysis);
    }
}

/// What a finding's fingerprint is made from, besides its claims and
/// their documents, and which document each claim is in: kept for a
/// report's findings one at a time, even once the articles' texts are
/// gone (a document kept for comparison keeps each claim's text).
#[derive(Debug, Default)]
pub struct ClaimKeys {
    doc_ids: Vec<String>,
    /// For each document, the global index of its first claim.
    first_claim: Vec<usize>,
    /// Each claim's occurrence of its kind and folded text in its document.
    occurrences: Vec<u32>,
}

impl ClaimKeys {
    pub fn new(index: &Index) -> ClaimKeys {
        let mut keys = ClaimKeys::default();
        keys.add(index);
        keys
    }

    /// Adds the claims of one batch of a stream, indexed with the ids of
    /// the whole report (`Index::numbered`), after those added before.
    pub fn add(&mut self, index: &Index) {
        let before = self.occurrences.len();
        self.first_claim.extend(index.first_claim.iter().map(|&c| before + c));
        self.doc_ids.extend(index.doc_ids.iter().cloned());
        self.occurrences.extend(occurrences(index).into_iter().map(|n| u32::try_from(n).unwrap_or(u32::MAX)));
    }

    /// The document (its index in the corpus) claim `c` is in.
    pub fn doc_of(&self, c: usize) -> usize {
        self.first_claim.partition_point(|&first| first <= c) - 1
    }

    /// Pushes claim `c`'s key: its document's id, its kind, its folded text
    /// and its occurrence.
    fn push_key(&self, out: &mut String, c: usize, analysis: &Analysis) {
        use std::fmt::Write;
        let d = self.doc_of(c);
        let claim = &analysis.extractions[d].claims[c - self.first_claim[d]];
        let text = analysis.corpus.documents[d].raw_text(claim.span.0, claim.span.1);
        out.push_str(&self.doc_ids[d]);
        out.push('\u{1f}');
        out.push_str(claim.kind.name());
        out.push('\u{1f}');
        push_normalized(out, text);
        write!(out, "\u{1f}{}", self.occurrences[c]).expect("writing to a string cannot fail");
    }

    /// Sets a finding's fingerprint: a hash of its rule, status and
    /// claims' keys, the keys in sorted order, each part apart from the
    /// next by U+001E. `analysis` is the one the keys were taken from.
    pub fn assign(&self, f: &mut Finding, analysis: &Analysis) {
        let mut keys = String::new();
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(f.claims.len());
        for &c in &f.claims {
            let start = keys.len();
            self.push_key(&mut keys, c, analysis);
            spans.push((start, keys.len()));
        }
        let key = |&(start, end): &(usize, usize)| &keys.as_bytes()[start..end];
        spans.sort_unstable_by(|a, b| key(a).cmp(key(b)));
        const SEPARATOR: &[u8] = "\u{1e}".as_bytes();
        let mut pieces: Vec<&[u8]> = vec![f.rule.as_bytes(), SEPARATOR, f.status.name().as_bytes()];
        for span in &spans {
            pieces.extend([SEPARATOR, key(span)]);
        }
        if spans.is_empty() {
            pieces.push(SEPARATOR);
        }
        f.fingerprint = format!("{:016x}", fnv1a_of(&pieces)).into_boxed_str();
    }

    /// `assign` over a stream of findings, in its order: `ASSIGNED_TOGETHER`
    /// at a time, those in parallel (a fingerprint reads every claim's
    /// text, and an archive has millions of findings).
    pub fn assign_each<'s, E: Send + 's>(
        &'s self,
        mut findings: impl Iterator<Item = Result<Finding, E>> + 's,
        analysis: &'s Analysis,
    ) -> impl Iterator<Item = Result<Finding, E>> + 's {
        use rayon::prelude::*;
        let mut assigned = Vec::new().into_iter();
        std::iter::from_fn(move || {
            if assigned.len() == 0 {
                let mut chunk: Vec<Result<Finding, E>> = findings.by_ref().take(ASSIGNED_TOGETHER).collect();
                chunk.par_iter_mut().flatten().for_each(|f| self.assign(f, analysis));
                assigned = chunk.into_iter();
            }
            assigned.next()
        })
    }
}

/// How many findings `ClaimKeys::assign_each` fingerprints at a time.
const ASSIGNED_TOGETHER: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a_of(&[b"", b"a", b""]), fnv1a(b"a"));
        assert_eq!(fnv1a_of(&[b"ab", b"c"]), fnv1a(b"abc"));
    }

    #[test]
    fn texts_fold_word_by_word_as_fingerprints_always_have() {
        let by_words = |t: &str| t.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ");
        for text in [
            "",
            "  ",
            "107 Arrests",
            " More\tthan\n 170 ",
            "ΟΔΟΣ ΣΑΣ",
            "Straße DÉJÀ vu",
            "İstanbul KELVİN",
            "a\u{b}b\u{c}c\rd",
        ] {
            assert_eq!(normalized(text), by_words(text), "{text:?}");
        }
        assert_eq!(normalized("ΟΔΟΣ"), "οδος");
    }
}
