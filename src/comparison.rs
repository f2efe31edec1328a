//! comparison: what a run keeps of a corpus to compare it, once the report
//! has taken what it shows of each document.
//! Takes: batches of analysed documents (see `crate::analyse_stream`), each
//! with its index in the whole report (`Index::numbered`).
//! Gives: every document's metadata and claims, without its texts (but
//! for the bits the rules read) and sentences, and
//! what findings need of each claim (`ClaimKeys`): what the graph, the
//! rules and the findings' fingerprints read. An archive's texts and its
//! report's index are never held whole.

use crate::Analysis;
use crate::claim::ClaimKind;
use crate::corpus::Document;
use crate::extract::Extraction;
use crate::report::{Index, Numbering};
use crate::workflow::ClaimKeys;

/// A corpus kept for comparison, batch by batch.
#[derive(Default)]
pub struct Kept {
    /// The documents without their texts but for what the rules read
    /// (`Document::keep_excerpts`), their
    /// extractions, and the problems and warnings of reading them.
    pub analysis: Analysis,
    pub keys: ClaimKeys,
    numbering: Numbering,
}

impl Kept {
    /// Takes one batch: `show` is handed it with its index while its texts
    /// are there (to write the report's documents, claims and dates); then
    /// its texts are dropped and the rest kept.
    pub fn add<E>(
        &mut self,
        mut batch: Analysis,
        show: &mut dyn FnMut(&Analysis, &Index) -> Result<(), E>,
    ) -> Result<(), E> {
        {
            let index = Index::numbered(&batch, &mut self.numbering);
            show(&batch, &index)?;
            self.keys.add(&index);
        }
        for (d, ex) in batch.corpus.documents.iter_mut().zip(&mut batch.extractions) {
            keep_what_rules_read(d, ex);
            // The report has shown the claims' sentences; the rules never read them.
            ex.sentences = Vec::new();
            // Copied: made on the extraction's threads among its short-lived
            // values, the claims would keep those pages from being given
            // back; their copies sit together with the rest of what is kept.
            ex.claims = ex.claims.to_vec();
        }
        let (corpus, kept) = (batch.corpus, &mut self.analysis);
        kept.corpus.documents.extend(corpus.documents);
        kept.corpus.problems.extend(corpus.problems);
        kept.corpus.warnings.extend(corpus.warnings);
        kept.extractions.extend(batch.extractions);
        Ok(())
    }
}

/// Drops a document's texts but for what the rules read: each claim's
/// text and its list's items, as read, and of each date its analysed text
/// and the word before it.
fn keep_what_rules_read(doc: &mut Document, ex: &Extraction) {
    let mut raw = Vec::with_capacity(ex.claims.len());
    let mut analysed = Vec::new();
    let mut words_before = Vec::new();
    for c in &ex.claims {
        raw.push(c.span);
        raw.extend(c.quantity().and_then(|q| q.list.as_deref()).into_iter().flatten().copied());
        if c.kind == ClaimKind::Date {
            analysed.push(c.span);
            words_before.push(c.span.0);
        }
    }
    doc.keep_excerpts(raw, analysed, words_before);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::RuleSet;
    use crate::graph::ClaimGraph;
    use crate::lexicon::{Lexicon, Sources};

    #[test]
    fn batches_kept_without_their_texts_give_the_findings_and_fingerprints_of_the_whole() {
        let lexicon = Lexicon::load(&Sources::built_in()).expect("the built-in lexicon loads");
        let rules = RuleSet::load(&Sources::built_in()).expect("the built-in rules load");
        let texts = [
            ("a.txt", " date 2019-05-14 Police arrested 214 people in Denver during the raid."),
            ("b.txt", " date 2019-05-14 Police arrested 241 people in Denver during the raid."),
            ("a.txt", " date 2019-05-14 The \"Harbor Sweep\" operation ended Sunday. Cities: Tulsa, Omaha."),
            ("c.txt", " date 2019-05-14 The \"Harbor Sweep\" operation ended Friday, Mayor Ana Ruiz said."),
        ];
        let whole = crate::analyse_texts(&texts, &lexicon);
        let index = Index::new(&whole);
        let mut expected = rules.run(&ClaimGraph::for_rules(&whole, &lexicon));
        crate::workflow::assign_fingerprints(&mut expected, &whole, &index);
        for rule in ["quantity-conflict", "date-conflict"] {
            let found = |f: &crate::engine::Finding| f.rule == rule && f.status == crate::engine::Status::Discrepancy;
            assert!(expected.iter().any(found), "{rule}: {expected:?}");
        }

        let mut kept = Kept::default();
        let mut shown = Vec::new();
        for pair in texts.chunks(2) {
            let batch = crate::analyse_texts(pair, &lexicon);
            kept.add::<()>(batch, &mut |_, index| {
                shown.extend(index.doc_ids.iter().cloned());
                shown.extend(index.claims.iter().map(|v| format!("{} {}", v.id(), v.text())));
                Ok(())
            })
            .unwrap();
        }
        let whole_shown: Vec<String> = index
            .doc_ids
            .iter()
            .cloned()
            .chain(index.claims.iter().map(|v| format!("{} {}", v.id(), v.text())))
            .collect();
        let (mut a, mut b) = (shown.clone(), whole_shown);
        a.sort();
        b.sort();
        assert_eq!(a, b, "the batches show the ids and claims of the whole");
        assert!(kept.analysis.corpus.documents.iter().all(|d| d.raw.is_empty() && d.text.is_empty()));
        for (d, ex) in kept.analysis.documents() {
            for c in &ex.claims {
                assert!(!d.raw_text(c.span.0, c.span.1).is_empty(), "{}: each claim's text is kept", d.id);
            }
        }
        let mut found = rules.run(&ClaimGraph::for_rules(&kept.analysis, &lexicon));
        for f in &mut found {
            kept.keys.assign(f, &kept.analysis);
        }
        let key =
            |f: &crate::engine::Finding| (f.rule, f.status, f.claims.clone(), f.message.clone(), f.fingerprint.clone());
        assert_eq!(found.iter().map(key).collect::<Vec<_>>(), expected.iter().map(key).collect::<Vec<_>>());
        for (c, v) in index.claims.iter().enumerate() {
            assert_eq!(kept.keys.doc_of(c), v.doc_index, "claim {c}");
        }
    }
}
