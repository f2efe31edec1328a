//! extract: one document's claims.
//! Takes: a `Document` and the `Lexicon`.
//! Gives: `Extraction`: its segments and claims (quantities, quotes,
//! superlatives, dates), each with the context its sentence states, or,
//! said so, the context it inherits from its neighbours or its document.
//! Never: compares claims across documents.

mod dating;
mod events;
mod lists;
mod measures;
mod numbers;
mod places;
mod quantities;
mod quotes;
mod ranks;
mod superlatives;
mod times;

use std::collections::HashMap;

use crate::claim::{
    Change, Claim, ClaimKind, Context, DateClaim, DateRange, EventRef, Quantity, Quote, Source, Superlative,
};
use crate::corpus::Document;
use crate::lexicon::{Lexicon, PlaceId, TokenText};
use crate::segment::{Segments, segment};
use quantities::QuantityMatch;

pub use dating::infer as infer_dates;
pub use events::key_of as event_key;
pub use numbers::parse_digits;
pub use quotes::ELIDED;

/// One document's claims, with the segments their spans refer to.
pub struct Extraction {
    pub segments: Segments,
    pub claims: Vec<Claim>,
    /// The event the document names most, which its claims inherit.
    pub main_event: Option<EventRef>,
    /// The country its places lie in, which unscoped claims inherit.
    pub country: Option<PlaceId>,
}

/// Per-sentence findings kept while reading a document.
struct SentenceParts {
    dates: Vec<times::DateMention>,
    events: Vec<events::EventMention>,
}

fn span(view: &TokenText, first: usize, last: usize) -> (usize, usize) {
    (view.tokens[first].start, view.tokens[last].end)
}

/// The document's main event: the key named most often, shown with its
/// longest name.
fn main_event(parts: &[SentenceParts]) -> Option<EventRef> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut names: HashMap<&str, &EventRef> = HashMap::new();
    for (order, e) in parts.iter().flat_map(|p| p.events.iter().filter_map(|m| m.event.as_ref())).enumerate() {
        let entry = counts.entry(&e.key).or_insert((0, order));
        entry.0 += 1;
        let best = names.entry(&e.key).or_insert(e);
        if e.name.len() > best.name.len() {
            *best = e;
        }
    }
    let (key, _) = counts.iter().max_by_key(|(_, (n, order))| (*n, std::cmp::Reverse(*order)))?;
    let e = names[key];
    Some(EventRef { key: e.key.clone(), name: e.name.clone(), phase: None })
}

/// The event of tokens `first..=last`: the nearest mention in the sentence,
/// a phase alone joined to the main event; else the main event.
fn event_for(parts: &SentenceParts, first: usize, main: &Option<EventRef>) -> (Option<EventRef>, Source) {
    let nearest =
        parts.events.iter().min_by_key(|m| if m.last < first { first - m.last } else { m.first.saturating_sub(first) });
    match nearest {
        Some(m) => match (&m.event, m.phase) {
            (Some(e), _) => {
                let mut e = e.clone();
                if let Some(full) = main.as_ref().filter(|main| main.key == e.key && main.name.len() > e.name.len()) {
                    e.name.clone_from(&full.name);
                }
                (Some(e), Source::Stated)
            }
            (None, Some(p)) => match main {
                Some(e) => (Some(EventRef { phase: Some(p), ..e.clone() }), Source::Stated),
                None => (None, Source::Unknown),
            },
            (None, None) => (main.clone(), Source::Document),
        },
        None => (main.clone(), if main.is_some() { Source::Document } else { Source::Unknown }),
    }
}

/// The time of tokens `first..=last`: the first date after it before
/// `stop`, else the nearest before it in the sentence, else the first
/// date later in the sentence ("128 arrests in three cities last week").
/// A date after it in a relative clause ("a budget for the fiscal year
/// that begins July 1") comes after the date before it ("on Wednesday
/// approved a budget").
///
/// A date that belongs to another quantity of the sentence (see
/// `compared_dates`) is never this one's.
fn time_for(
    parts: &SentenceParts,
    (k, first, last, stop): (usize, usize, usize, usize),
    owners: &[Option<usize>],
) -> Option<DateRange> {
    let dates = || {
        parts.dates.iter().zip(owners).filter(move |(d, o)| !d.reference && o.is_none_or(|o| o == k)).map(|(d, _)| d)
    };
    let after = |relative: bool| {
        dates().find(|d| d.first > last && d.first < stop && d.relative == relative).and_then(|d| d.value)
    };
    let before = |relative: bool| dates().rfind(|d| d.last < first && d.relative == relative).and_then(|d| d.value);
    after(false)
        .or_else(|| before(false))
        .or_else(|| after(true))
        .or_else(|| before(true))
        .or_else(|| dates().find(|d| d.first > last).and_then(|d| d.value))
}

/// Per date of a sentence: the quantity it belongs to when that quantity is
/// a point of comparison ("compared with $70 million last year", "up from
/// 3,600 the previous year"): a cue from `reference` in `calendar.toml` (or
/// "than") just before the quantity, and the date after it before the next.
fn compared_dates(
    view: &TokenText,
    parts: &SentenceParts,
    qs: &[QuantityMatch],
    lexicon: &Lexicon,
) -> Vec<Option<usize>> {
    let compared = |q: &QuantityMatch| {
        (q.first.saturating_sub(3)..q.first)
            .any(|t| view.low(t) == "than" || lexicon.calendar.reference.match_ending_at(view, t).is_some())
    };
    parts
        .dates
        .iter()
        .map(|d| {
            let k = qs.iter().rposition(|q| q.last < d.first)?;
            let next_before_date = qs.get(k + 1).is_some_and(|n| n.first < d.first);
            (!next_before_date && compared(&qs[k])).then_some(k)
        })
        .collect()
}

/// Reads every claim of a document.
pub fn extract(doc: &Document, lexicon: &Lexicon) -> Extraction {
    let seg = segment(&doc.text, lexicon);
    let view = seg.view(&doc.text);
    let place_mentions = lexicon.gazetteer.find(&doc.text);
    let mut place_tokens = places::to_tokens(&view, &place_mentions);
    // "PORTLAND, Ore. —": where the story was filed, not what its claims are about.
    // It opens the body, after a headline or a date line perhaps.
    if let Some((start, end)) = seg
        .sentences
        .iter()
        .take(3)
        .find_map(|s| places::dateline_end(&view, s.tokens.clone()).map(|end| (s.tokens.start, end)))
    {
        place_tokens.retain(|p| p.last < start || p.first > end);
    }
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
            SentenceParts { dates, events: events::find(&view, s.tokens.clone(), lexicon) }
        })
        .collect();
    let main = main_event(&parts);
    let mut countries: HashMap<PlaceId, usize> = HashMap::new();
    for p in &place_mentions {
        if let Some(c) = lexicon.gazetteer.country_of(p.place) {
            *countries.entry(c).or_default() += 1;
        }
    }
    let country = countries.iter().max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id))).map(|(id, _)| *id);

    let clock_times = numbers::ClockTimes::of(&view);
    let mut claims: Vec<Claim> = Vec::new();
    let mut owned: Vec<Vec<bool>> = Vec::with_capacity(seg.sentences.len());
    for (si, sentence) in seg.sentences.iter().enumerate() {
        let range = sentence.tokens.clone();
        let sp = &parts[si];
        let found = numbers::find(&view, range.clone(), (&taken, &clock_times), lexicon);
        let mut qs = quantities::read(&view, range.clone(), &found, lexicon);
        let read = |t: usize| qs.iter().any(|q| q.first <= t && t <= q.last);
        let ranked: Vec<QuantityMatch> = ranks::find(&view, range.clone(), &taken, lexicon)
            .into_iter()
            .filter(|r| !read(r.first) && !read(r.last))
            .collect();
        if !ranked.is_empty() {
            // Changes point at their later value by index: keep them pointing right.
            let read_count = qs.len();
            qs.extend(ranked);
            let mut order: Vec<usize> = (0..qs.len()).collect();
            order.sort_by_key(|&k| qs[k].first);
            let mut new_index = vec![0; qs.len()];
            for (new, &old) in order.iter().enumerate() {
                new_index[old] = new;
            }
            let mut sorted: Vec<QuantityMatch> = order.iter().map(|&k| qs[k].clone()).collect();
            for q in sorted.iter_mut().filter(|_| read_count > 0) {
                if let Some((_, to, _)) = q.change.as_mut() {
                    *to = new_index[*to];
                }
            }
            qs = sorted;
        }
        let base = claims.len();
        let owners = compared_dates(&view, sp, &qs, lexicon);
        // The date a sentence without its own inherits: the previous
        // sentence's, in a narrative paragraph, unless it dated a point of
        // comparison.
        let carried_time = si
            .checked_sub(1)
            .filter(|&p| seg.sentences[p].paragraph == sentence.paragraph)
            .and_then(|p| {
                parts[p]
                    .dates
                    .iter()
                    .zip(&owned[p])
                    .rev()
                    .filter(|(d, o)| !d.reference && !**o)
                    .find_map(|(d, _)| d.value)
            })
            .filter(|_| sp.dates.is_empty());
        owned.push(owners.iter().map(Option::is_some).collect());
        let mut previous: Option<measures::Counted> = None;
        for (k, q) in qs.iter().enumerate() {
            let mut counted = measures::counted(&view, &range, q, previous.as_ref(), lexicon);
            if let Some(m) = &q.measure {
                counted =
                    measures::Counted { end: q.last, measure: Some(m.clone()), stated: true, ..Default::default() };
            }
            let start_tok = counted.start.unwrap_or(q.first).min(q.first);
            let end_tok = counted.end.max(q.last);
            let stop = qs.get(k + 1).map_or(range.end, |n| n.first);
            let mut context = Context {
                measure: counted.measure.clone(),
                category: counted.category.clone(),
                measure_from_unit: counted.from_unit,
                ..Context::default()
            };
            context.measure_source = if counted.stated {
                Source::Stated
            } else if context.measure.is_some() {
                Source::Nearby
            } else {
                Source::Unknown
            };
            let prev_claim = (k > 0).then(|| &claims[base + k - 1]);
            if counted.continues
                && let Some(p) =
                    claims[..base].iter().rev().find(|c| c.kind == ClaimKind::Quantity && c.sentence + 2 >= si)
            {
                context.measure.clone_from(&p.context.measure);
                context.measure_source = Source::Nearby;
                if context.category.is_none() {
                    context.category.clone_from(&p.context.category);
                }
                context.scope.clone_from(&p.context.scope);
                context.scope_source = Source::Nearby;
            }
            let scope = places::scope(&view, &place_tokens, &range, (q.first, q.last), end_tok, stop, lexicon);
            if !scope.is_empty() {
                context.scope = scope;
                context.scope_source = Source::Stated;
            } else if context.scope_source == Source::Nearby {
            } else if let Some(p) = prev_claim.filter(|_| counted.elided) {
                context.scope.clone_from(&p.context.scope);
                context.scope_source = Source::Nearby;
            } else if let Some(p) = places::anywhere(&place_tokens, &range) {
                context.scope = vec![p];
                context.scope_source = Source::Stated;
            } else if let Some(c) = country {
                context.scope = vec![c];
                context.scope_source = Source::Document;
            }
            match time_for(sp, (k, q.first, end_tok, stop), &owners) {
                Some(t) => {
                    context.time = Some(t);
                    context.time_source = Source::Stated;
                }
                None => match prev_claim.filter(|p| counted.elided && p.context.time_source == Source::Stated) {
                    Some(p) => {
                        context.time = p.context.time;
                        context.time_source = Source::Nearby;
                    }
                    None if carried_time.is_some() => {
                        context.time = carried_time;
                        context.time_source = Source::Nearby;
                    }
                    None => {
                        context.time = doc_date.map(DateRange::day);
                        context.time_source = if doc_date.is_some() { Source::Document } else { Source::Unknown };
                    }
                },
            }
            let (event, event_source) = event_for(sp, q.first, &main);
            context.event = event;
            context.event_source = event_source;
            context.agent = measures::agent(&view, &range, (q.first, end_tok), lexicon).or_else(|| {
                prev_claim
                    .filter(|_| q.first > range.start && view.low(q.first - 1) == "or")
                    .and_then(|p| p.context.agent.clone())
            });
            if let Some(aspect) = measures::aspect(&view, &range, (q.first, q.last), lexicon)
                && let Some(m) = &context.measure
            {
                context.measure = Some(format!("{aspect} of {m}"));
            }
            let list = lists::after(&view, &range, counted.end, &place_tokens);
            let mut claim = Claim::new(ClaimKind::Quantity, span(&view, start_tok, end_tok), si, sentence.paragraph);
            claim.context = context;
            claim.quantity = Some(Quantity {
                value: q.value,
                interval: q.interval,
                approx: q.approx.clone(),
                rounded: q.rounded,
                unit: q.unit.as_ref().map(|u| u.name.clone()),
                individual: q.individual,
                list,
                change: q.change.map(|(direction, to, cue)| Change {
                    direction,
                    to: base + to,
                    cue: span(&view, cue.0, cue.1),
                }),
            });
            claims.push(claim);
            // A compound modifies a noun ("a four-day operation"); an elided
            // number after it ("including 170 in Philadelphia") counts what
            // the count before it counted.
            if !q.compound {
                previous = Some(counted);
            }
        }
        // "$85 million for libraries, up from $70 million": the earlier value
        // of a change is held by whoever holds the later one.
        for k in base..claims.len() {
            if let Some(later) = claims[k].quantity.as_ref().and_then(|q| q.change.as_ref()).map(|c| c.to)
                && claims[k].context.agent.is_none()
            {
                claims[k].context.agent = claims[later].context.agent.clone();
            }
        }
        // "128 arrests in three cities in California": the count of places carries the scope.
        for k in 0..qs.len().saturating_sub(1) {
            let (this, next) = (base + k, base + k + 1);
            let joined = qs[k + 1].first >= 1
                && qs[k].last + 2 >= qs[k + 1].first
                && matches!(view.low(qs[k + 1].first - 1), "in" | "across" | "from");
            if joined
                && claims[this].context.scope_source == Source::Document
                && claims[next].context.scope_source == Source::Stated
            {
                claims[this].context.scope = claims[next].context.scope.clone();
                claims[this].context.scope_source = Source::Nearby;
            }
        }
        for m in superlatives::find(&view, range.clone(), lexicon) {
            let mut claim = Claim::new(ClaimKind::Superlative, span(&view, m.first, m.last), si, sentence.paragraph);
            let (sup_start, sup_end) = claim.span;
            // A noun glued into a compound modifies ("single-city total"); it is not what is ranked.
            let in_span = |t: usize| {
                let compound = (t > 0 && view.tokens[t].glued && view.raw(t - 1) == "-")
                    || (t + 1 < view.len() && view.tokens[t + 1].glued && view.raw(t + 1) == "-");
                (!compound).then(|| lexicon.measures.nouns.match_at(&view, t).map(|(_, n)| n.clone())).flatten()
            };
            let verb_in_span = |t: usize| lexicon.measures.verbs.match_at(&view, t).map(|(_, n)| n.clone());
            // What is ranked: a measure noun in the phrase, else a count of the sentence
            // outside the phrase, else a measure verb in the phrase or the sentence.
            let measure = (m.first..m.rivals_at.min(m.last + 1))
                .find_map(in_span)
                .or_else(|| {
                    claims[base..]
                        .iter()
                        .filter(|c| c.kind == ClaimKind::Quantity && (c.span.1 <= sup_start || c.span.0 >= sup_end))
                        .find(|c| c.context.measure_source == Source::Stated)
                        .and_then(|c| c.context.measure.clone())
                })
                .or_else(|| (m.first..=m.last).find_map(verb_in_span))
                .or_else(|| (range.start..range.end).find_map(verb_in_span));
            let inside =
                place_tokens.iter().find(|p| p.first > m.first && p.last < m.last && !m.record).map(|p| p.place);
            let subject = inside
                .or_else(|| places::before(&place_tokens, range.start, m.first))
                .or_else(|| places::anywhere(&place_tokens, &range));
            claim.context.measure = measure;
            claim.context.measure_source = Source::Stated;
            claim.context.scope = subject.into_iter().collect();
            claim.context.scope_source = if subject.is_some() { Source::Stated } else { Source::Unknown };
            let (event, source) = event_for(sp, m.first, &main);
            claim.context.event = event;
            claim.context.event_source = source;
            match time_for(sp, (usize::MAX, m.first, m.last, range.end), &owners) {
                Some(t) => {
                    claim.context.time = Some(t);
                    claim.context.time_source = Source::Stated;
                }
                None => {
                    claim.context.time = doc_date.map(DateRange::day);
                    claim.context.time_source = if doc_date.is_some() { Source::Document } else { Source::Unknown };
                }
            }
            claim.superlative = Some(Superlative { subject, rivals: m.rivals, record: m.record });
            claims.push(claim);
        }
        for d in &sp.dates {
            let mut claim = Claim::new(ClaimKind::Date, span(&view, d.first, d.last), si, sentence.paragraph);
            claim.context.time = d.value;
            claim.context.time_source = if d.value.is_some() { Source::Stated } else { Source::Unknown };
            let (event, source) = event_for(sp, d.first, &main);
            claim.context.event = event;
            claim.context.event_source = source;
            claim.date = Some(DateClaim { value: d.value, note: d.note.clone() });
            claims.push(claim);
        }
    }
    for q in quotes::find(&view, &seg, lexicon) {
        let si = seg.sentence_of(q.first);
        let mut claim = Claim::new(ClaimKind::Quote, span(&view, q.first, q.last), si, seg.sentences[si].paragraph);
        claim.quote = Some(Quote { speaker: q.speaker, affiliation: q.affiliation, words: q.words });
        claims.push(claim);
    }
    // Claims in text order; change links follow their claims.
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by_key(|&i| (claims[i].span.0, claims[i].kind, claims[i].span.1));
    let mut new_index = vec![0; claims.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut sorted: Vec<Claim> = order.iter().map(|&i| claims[i].clone()).collect();
    for c in &mut sorted {
        if let Some(ch) = c.quantity.as_mut().and_then(|q| q.change.as_mut()) {
            ch.to = new_index[ch.to];
        }
    }
    Extraction { segments: seg, claims: sorted, main_event: main, country }
}
