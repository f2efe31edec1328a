//! extract: one document's claims, read in layers.
//! Takes: a `Document` and the `Lexicon`.
//! Gives: `Extraction`: its sentences and claims (quantities, quotes,
//! superlatives, dates), each with its referent: what the sentence states,
//! or, said so, what it inherits from its neighbours or its document.
//! Never: compares claims across documents.
//!
//! The layers, each over the whole document and each reading only those
//! before it: places (the gazetteer), dates and events per sentence,
//! numbers and quantities per sentence, parts of speech for the sentences
//! that hold a figure, then referents (`referents`), superlatives, date
//! claims and quotations.

mod dating;
mod events;
mod lists;
mod measures;
mod numbers;
mod places;
mod quantities;
mod quotes;
mod ranks;
mod referents;
mod superlatives;
pub mod tags;
mod times;

use std::collections::HashMap;
use std::sync::Arc;

use crate::claim::{
    Claim, ClaimKind, Confidence, DateClaim, DateRange, Detail, EventRef, Field, Quote, Source, Superlative, Words,
};
use crate::corpus::Document;
use crate::lexicon::{Lexicon, PlaceId};
use crate::segment::{Sentence, segment};
use quantities::QuantityMatch;
use referents::{Layers, SentenceParts, compared_dates, event_for, span, time_for};

pub use dating::{CYCLE_DAYS, cycle as date_cycle, infer as infer_dates, infer_one as infer_date};
pub use events::key_of as event_key;
pub use measures::SET_APART;
pub use numbers::parse_digits;
pub use quotes::ELIDED;
pub use referents::personal;

/// One document's claims, with the sentences they stand in.
pub struct Extraction {
    /// The document's sentences, which reports quote. Its tokens are
    /// dropped once read: they are most of a document's analysis, and
    /// nothing after extraction reads them.
    pub sentences: Vec<Sentence>,
    pub claims: Vec<Claim>,
    /// The event the document names most, which its claims inherit.
    pub main_event: Option<Arc<EventRef>>,
    /// The country its places lie in.
    pub country: Option<PlaceId>,
    /// For claims read back from records (`claim_records`): each claim's
    /// occurrence of its text among its document's claims as extracted,
    /// which a fingerprint names; empty for claims extracted here.
    pub occurrences: Vec<Option<usize>>,
}

impl Extraction {
    /// No claims: what a document that could not be read contributes.
    pub fn empty() -> Extraction {
        Extraction {
            sentences: Vec::new(),
            claims: Vec::new(),
            main_event: None,
            country: None,
            occurrences: Vec::new(),
        }
    }
}

/// A sentence's quantities: numbers read as quantities, and the places,
/// counts of times and idioms the ordinals lexicon reads.
fn sentence_quantities(
    view: &crate::lexicon::TokenText,
    range: std::ops::Range<usize>,
    (taken, clock_times): (&[bool], &numbers::ClockTimes),
    lexicon: &Lexicon,
) -> Vec<QuantityMatch> {
    let found = numbers::find(view, range.clone(), (taken, clock_times), lexicon);
    let mut qs = quantities::read(view, range.clone(), &found, lexicon);
    let read = |t: usize| qs.iter().any(|q| q.first <= t && t <= q.last);
    let ranked: Vec<QuantityMatch> =
        ranks::find(view, range, taken, lexicon).into_iter().filter(|r| !read(r.first) && !read(r.last)).collect();
    if ranked.is_empty() {
        return qs;
    }
    // Changes point at their later value by index: keep them pointing right.
    qs.extend(ranked);
    let mut order: Vec<usize> = (0..qs.len()).collect();
    order.sort_by_key(|&k| qs[k].first);
    let mut new_index = vec![0; qs.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut sorted: Vec<QuantityMatch> = order.iter().map(|&k| qs[k].clone()).collect();
    for q in &mut sorted {
        if let Some((_, to, _)) = q.change.as_mut() {
            *to = new_index[*to];
        }
    }
    sorted
}

/// How many sentences into a document its dateline may open a paragraph.
const DATELINE_REACH: usize = 12;

/// Reads every claim of a document.
pub fn extract(doc: &Document, lexicon: &Lexicon) -> Extraction {
    let seg = segment(&doc.text, lexicon);
    let view = seg.view(&doc.text);
    // Places, minus the dateline: "PORTLAND, Ore. —" says where the story
    // was filed, not what its claims are about. It opens the body's first
    // paragraph, after a headline, a date line or a summary's bullets.
    let place_mentions = lexicon.gazetteer.find(&doc.text);
    let mut place_tokens = places::to_tokens(&view, &place_mentions);
    let dateline = seg
        .sentences
        .iter()
        .enumerate()
        .take(DATELINE_REACH)
        .filter(|&(k, s)| k == 0 || seg.sentences[k - 1].paragraph != s.paragraph)
        .find_map(|(_, s)| places::dateline_end(&view, s.tokens.clone()).map(|end| s.tokens.start..end + 1));
    if let Some(line) = &dateline {
        place_tokens.retain(|p| !line.contains(&p.first) && !line.contains(&p.last));
    }
    // Dates and events, sentence by sentence; a date span counted from the
    // day named before it needs that day.
    let doc_date = doc.meta.date;
    let mut taken = vec![false; seg.tokens.len()];
    let mut last_day = None;
    let parts: Vec<SentenceParts> = seg
        .sentences
        .iter()
        .map(|s| {
            let dates = times::find(&view, s.tokens.clone(), (doc_date, last_day), lexicon, &mut taken);
            if let Some(d) = dates.iter().rev().find_map(|d| d.value.filter(|v| v.first == v.last)) {
                last_day = Some(d.first);
            }
            let mut parts = SentenceParts { dates, events: events::find(&view, s.tokens.clone(), lexicon) };
            referents::mark_event_days(&view, s.tokens.clone(), (&mut parts, doc_date), lexicon);
            parts
        })
        .collect();
    let main = referents::main_event(&parts, doc_date);
    let mut countries: HashMap<PlaceId, usize> = HashMap::new();
    for p in &place_mentions {
        if let Some(c) = lexicon.gazetteer.country_of(p.place) {
            *countries.entry(c).or_default() += 1;
        }
    }
    let country = countries.iter().max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id))).map(|(id, _)| *id);
    // "nationwide": the article's own country.
    if let Some(c) = country {
        for t in 0..seg.tokens.len() {
            if let Some((n, _)) = lexicon.gazetteer.national.match_at(&view, t) {
                place_tokens.push(places::PlaceTokens { first: t, last: t + n - 1, place: c });
            }
        }
        place_tokens.sort_by_key(|p| p.first);
    }
    // Quantities, then parts of speech for the sentences that hold one.
    let clock_times = numbers::ClockTimes::of(&view);
    let quantities: Vec<Vec<QuantityMatch>> = seg
        .sentences
        .iter()
        .map(|s| sentence_quantities(&view, s.tokens.clone(), (&taken, &clock_times), lexicon))
        .collect();
    let ranked: Vec<Vec<superlatives::SuperlativeMention>> =
        seg.sentences.iter().map(|s| superlatives::find(&view, s.tokens.clone(), lexicon)).collect();
    let mut tags = tags::Tags::new(seg.tokens.len());
    for ((s, qs), sups) in seg.sentences.iter().zip(&quantities).zip(&ranked) {
        if !qs.is_empty() || !sups.is_empty() {
            tags.tag_sentence(&view, s.tokens.clone());
        }
    }
    let layers = Layers {
        view: seg.view(&doc.text),
        seg: &seg,
        tags: &tags,
        places: &place_tokens,
        parts: &parts,
        dateline,
        main_event: main.clone(),
        doc_date,
    };
    let mut claims: Vec<Claim> = Vec::new();
    for (si, sentence) in seg.sentences.iter().enumerate() {
        let range = sentence.tokens.clone();
        let sp = &parts[si];
        let qs = &quantities[si];
        let base = claims.len();
        referents::quantity_claims(&layers, si, qs, &mut claims, lexicon);
        let owners = compared_dates(&view, sp, qs, lexicon);
        for m in &ranked[si] {
            let mut claim = Claim::new(ClaimKind::Superlative, span(&view, m.first, m.last), si, sentence.paragraph);
            let (sup_start, sup_end) = claim.span;
            // A noun glued into a compound modifies ("single-city total"); it is not what is ranked.
            let in_span = |t: usize| {
                let compound = (t > 0 && view.tokens[t].glued && view.raw(t - 1) == "-")
                    || (t + 1 < view.len() && view.tokens[t + 1].glued && view.raw(t + 1) == "-");
                (!compound).then(|| lexicon.measures.nouns.match_at(&view, t).map(|(_, n)| n.clone())).flatten()
            };
            let verb_in_span = |t: usize| lexicon.measures.verbs.match_at(&view, t).map(|(_, n)| n.clone());
            // "The worst disaster in 25 years": the span is the ranking's, not a count of the sentence.
            let span_years = superlatives::span_years(&view, &range, m, qs, lexicon).map(|(years, q)| {
                let at = span(&view, q.first, q.last).0;
                if let Some(c) = claims[base..].iter_mut().find(|c| c.kind == ClaimKind::Quantity && c.span.0 == at) {
                    c.referent.ranking_span = true;
                }
                years
            });
            // What is ranked: a measure noun in the phrase, else a count of the sentence
            // outside the phrase, else a measure verb in the phrase or the sentence.
            let measure = (m.first..m.rivals_at.min(m.last + 1))
                .find_map(in_span)
                .or_else(|| {
                    claims[base..]
                        .iter()
                        .filter(|c| c.kind == ClaimKind::Quantity && (c.span.1 <= sup_start || c.span.0 >= sup_end))
                        .filter(|c| !c.referent.ranking_span)
                        .find(|c| c.referent.measure.source == Source::Stated)
                        .and_then(|c| c.referent.measure.value.map(String::from))
                })
                .or_else(|| (m.first..=m.last).find_map(verb_in_span))
                .or_else(|| (range.start..range.end).find_map(verb_in_span));
            let inside =
                place_tokens.iter().find(|p| p.first > m.first && p.last < m.last && !m.record).map(|p| p.place);
            let subject = inside
                .or_else(|| places::before((&view, &tags), &place_tokens, (range.start, m.first), lexicon))
                .or_else(|| places::anywhere((&view, &tags), &place_tokens, &range, lexicon));
            let r = &mut claim.referent;
            if let Some(m) = measure {
                r.measure = Field::new(m, Source::Stated, Confidence::Medium);
            }
            if let Some(p) = subject {
                r.scope = Field::new(vec![p], Source::Stated, Confidence::Medium);
            }
            r.event = event_for(sp, m.first, &main);
            r.time = match (time_for(sp, (usize::MAX, m.first, m.last, range.end), &owners), doc_date) {
                (Some(t), _) => Field::new(t, Source::Stated, Confidence::High),
                (None, Some(d)) => Field::new(DateRange::day(d), Source::Document, Confidence::Low),
                (None, None) => Field::default(),
            };
            if let Some(key) = &m.named {
                r.measure = Field::new(key.clone(), Source::Stated, Confidence::High);
                let before = || referents::named_before(&layers, si, m.first, lexicon);
                let holder = if m.holder_after {
                    referents::named_after(&layers, si, m.last, lexicon).or_else(before)
                } else {
                    before()
                };
                if let Some(h) = holder {
                    r.set_holder(Field::new(h, Source::Stated, Confidence::Medium));
                }
            }
            claim.detail = Detail::Superlative(Box::new(Superlative {
                subject,
                rivals: m.rivals.clone(),
                record: m.record,
                named: m.named.clone(),
                past: m.past,
                span_years,
                ranked: m.ranked.clone(),
            }));
            claims.push(claim);
        }
        for d in &sp.dates {
            let mut claim = Claim::new(ClaimKind::Date, span(&view, d.first, d.last), si, sentence.paragraph);
            if let Some(v) = d.value {
                claim.referent.time = Field::new(v, Source::Stated, Confidence::High);
            }
            claim.referent.event = event_for(sp, d.first, &main);
            claim.detail =
                Detail::Date(Box::new(DateClaim { value: d.value, note: d.note.clone(), anchored: d.anchored }));
            claims.push(claim);
        }
    }
    for q in quotes::find(&view, &seg, lexicon) {
        let si = seg.sentence_of(q.first);
        let mut claim = Claim::new(ClaimKind::Quote, span(&view, q.first, q.last), si, seg.sentences[si].paragraph);
        claim.detail = Detail::Quote(Box::new(Quote {
            speaker: q.speaker.map(String::into_boxed_str),
            affiliation: q.affiliation.map(String::into_boxed_str),
            words: Words::new(&q.words),
        }));
        claims.push(claim);
    }
    // Claims in text order; change links follow their claims.
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by_key(|&i| (claims[i].span.0, claims[i].kind, claims[i].span.1));
    let mut new_index = vec![0; claims.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    // Moved, not copied: each claim is taken once.
    let mut slots: Vec<Option<Claim>> = claims.into_iter().map(Some).collect();
    let mut sorted: Vec<Claim> =
        order.iter().map(|&i| slots[i].take().expect("the order names each claim once")).collect();
    for q in sorted.iter_mut().filter_map(|c| c.quantity_mut()) {
        if let Some(ch) = q.change.as_mut() {
            ch.to = new_index[ch.to];
        }
        if let Some(whole) = q.whole() {
            q.set_whole(new_index[whole]);
        }
    }
    for claim in &mut sorted {
        claim.referent.settle();
    }
    drop(layers);
    Extraction { sentences: seg.sentences, claims: sorted, main_event: main, country, occurrences: Vec::new() }
}
