//! Fingerprints: a finding's id that survives re-runs. It hashes the rule,
//! the status and, for each claim the finding rests on, its document's id,
//! its kind, its text (case and spacing folded) and which occurrence of that
//! text in the document it is. Offsets are left out, so editing an unrelated
//! paragraph or reordering files changes nothing.

use std::collections::HashMap;

use crate::engine::Finding;
use crate::report::Index;

/// 64-bit FNV-1a: stable across platforms and Rust versions.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn normalized(text: &str) -> String {
    text.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
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
pub fn assign(findings: &mut [Finding], index: &Index) {
    let keys = ClaimKeys::new(index);
    for f in findings {
        keys.assign(f);
    }
}

/// What a finding's fingerprint is made from, for a report's findings one
/// at a time: each claim's key (document, kind, folded text, occurrence),
/// written out when a finding needs it.
pub struct ClaimKeys<'i> {
    index: &'i Index<'i>,
    occurrences: Vec<usize>,
}

impl<'i> ClaimKeys<'i> {
    pub fn new(index: &'i Index<'i>) -> ClaimKeys<'i> {
        ClaimKeys { index, occurrences: occurrences(index) }
    }

    fn key(&self, c: usize) -> String {
        let v = &self.index.claims[c];
        let n = self.occurrences[c];
        format!("{}\u{1f}{}\u{1f}{}\u{1f}{n}", self.index.doc_id(v), v.claim.kind.name(), normalized(v.text()))
    }

    /// Sets a finding's fingerprint: a hash of its rule, status and claims' keys.
    pub fn assign(&self, f: &mut Finding) {
        let mut parts: Vec<String> = f.claims.iter().map(|&c| self.key(c)).collect();
        parts.sort_unstable();
        let material = format!("{}\u{1e}{}\u{1e}{}", f.rule, f.status.name(), parts.join("\u{1e}"));
        f.fingerprint = format!("{:016x}", fnv1a(material.as_bytes())).into_boxed_str();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a(b"a"), 0xaf63dc4c8601ec8c);
    }
}
