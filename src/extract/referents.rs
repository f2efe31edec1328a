//! Referents: what each figure of a sentence is about, read from the
//! layers below it (parts of speech, dates, places, events) and the
//! figure's own words. For each quantity: what is counted (the counted noun
//! phrase through the lexicon), what happened to it, the category, the
//! holder (whose time, whose revenue, whose dead), the places, the as-of
//! time, the event, and whether it is a level or a change. Each field says
//! where it came from and how sure the reading is (`claim::Field`).
//!
//! Takes: one sentence's quantities and the document's layers.
//! Gives: quantity `Claim`s with their `Referent`.
//! Never: invents a place, a time or an event the text does not give: what
//! is inherited from the document says so, and is weak evidence.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Duration, NaiveDate};

use super::measures::{self, Counted};
use super::quantities::QuantityMatch;
use super::tags::{Pos, Tags};
use super::{events, lists, places, times};
use crate::claim::{
    Aspect, Change, Claim, ClaimKind, Confidence, DateRange, Detail, EventRef, Field, Interval, Quantity, Referent,
    Source, TimeKind, Ustr,
};
use crate::lexicon::{Lexicon, TokenText};
use crate::segment::Segments;
use crate::tokens::starts_upper;

/// Per-sentence layers kept while reading a document.
pub struct SentenceParts {
    pub dates: Vec<times::DateMention>,
    pub events: Vec<events::EventMention>,
}

/// The layers of one document that referents are read from.
pub struct Layers<'a> {
    pub view: TokenText<'a>,
    pub seg: &'a Segments,
    pub tags: &'a Tags,
    pub places: &'a [places::PlaceTokens],
    pub parts: &'a [SentenceParts],
    /// The tokens of the dateline ("BERLIN, Germany —"): where the story
    /// was filed, neither a place its figures are about nor a name.
    pub dateline: Option<std::ops::Range<usize>>,
    /// The event the document names most, which its claims inherit.
    pub main_event: Option<Arc<EventRef>>,
    pub doc_date: Option<NaiveDate>,
}

/// How many days before its document's date a day may be and still be the
/// day a running count was reported ("rose to 48 on Tuesday" in a Thursday
/// paper): an older day is the time of something else that happened.
pub const REPORT_DAYS: i64 = 3;

pub fn span(view: &TokenText, first: usize, last: usize) -> (usize, usize) {
    (view.tokens[first].start, view.tokens[last].end)
}

/// The document's main event: the key named most often, shown with its
/// longest name. An event named in a sentence dated outside the article's
/// news cycle ("Operation Rise made 26 arrests in October 2020" in a 2017
/// story) is background, never the story's own.
pub fn main_event(parts: &[SentenceParts], doc_date: Option<NaiveDate>) -> Option<Arc<EventRef>> {
    let in_cycle = |p: &&SentenceParts| {
        let Some(day) = doc_date else { return true };
        let cycle = chrono::Duration::days(super::dating::CYCLE_DAYS);
        p.dates
            .iter()
            .filter(|d| !d.reference)
            .filter_map(|d| d.value)
            .all(|v| v.last >= day - cycle && v.first <= day + cycle)
    };
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut names: HashMap<&str, &EventRef> = HashMap::new();
    let named = parts.iter().filter(in_cycle).flat_map(|p| p.events.iter().filter_map(|m| m.event.as_ref()));
    for (order, e) in named.enumerate() {
        let entry = counts.entry(&e.key).or_insert((0, order));
        entry.0 += 1;
        let best = names.entry(&e.key).or_insert(e);
        if e.name.len() > best.name.len() {
            *best = e;
        }
    }
    let (key, _) = counts.iter().max_by_key(|(_, (n, order))| (*n, std::cmp::Reverse(*order)))?;
    let e = names[key];
    Some(Arc::new(EventRef { key: e.key.clone(), name: e.name.clone(), phase: None, distinctive: e.distinctive }))
}

/// The event of tokens from `first`: the nearest mention in the sentence,
/// a phase alone joined to the main event; else the main event.
pub fn event_for(parts: &SentenceParts, first: usize, main: &Option<Arc<EventRef>>) -> Field<Arc<EventRef>> {
    let nearest =
        parts.events.iter().min_by_key(|m| if m.last < first { first - m.last } else { m.first.saturating_sub(first) });
    let document = || match main {
        Some(e) => Field::new(e.clone(), Source::Document, Confidence::Low),
        None => Field::default(),
    };
    // "Hajj stampede: ... investigation into Mina crush that killed more
    // than 700": a happening of the main event's kind, named in a sentence
    // that names the main event too, is the main event under another name.
    let alias = |m: &super::events::EventMention| {
        let main = main.as_ref().filter(|e| !e.distinctive)?;
        let e = m.event.as_ref().filter(|e| !e.distinctive && e.key != main.key)?;
        let kind = m.kind.as_deref()?;
        parts
            .events
            .iter()
            .any(|o| o.kind.as_deref() == Some(kind) && o.event.as_ref().is_some_and(|o| o.key == main.key))
            .then(|| Field::new(EventRef { phase: e.phase, ..(**main).clone() }, Source::Stated, Confidence::High))
    };
    if let Some(main_named) = nearest.and_then(alias) {
        return main_named;
    }
    match nearest {
        Some(m) => match (&m.event, m.phase) {
            (Some(e), _) => {
                let mut e = e.clone();
                if let Some(full) = main.as_ref().filter(|main| main.key == e.key && main.name.len() > e.name.len()) {
                    e.name.clone_from(&full.name);
                }
                Field::new(e, Source::Stated, Confidence::High)
            }
            (None, Some(p)) => match main {
                Some(e) => Field::new(EventRef { phase: Some(p), ..(**e).clone() }, Source::Stated, Confidence::Medium),
                None => Field::default(),
            },
            (None, None) => document(),
        },
        None => document(),
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
/// `compared_dates`) is never this one's, nor one after it that dates
/// someone's thing ("the marathon in 2:01:39, lowering Kimetto's 2014 world
/// mark"); before it, such a date is the figure's own ("last year's 26").
pub fn time_for(
    parts: &SentenceParts,
    (k, first, last, stop): (usize, usize, usize, usize),
    owners: &[Option<usize>],
) -> Option<DateRange> {
    let dates = || {
        parts
            .dates
            .iter()
            .zip(owners)
            .filter(move |(d, o)| {
                let someone_elses = d.possessed && d.first > last;
                !(d.reference || someone_elses || d.of_event) && o.is_none_or(|o| o == k)
            })
            .map(|(d, _)| d)
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

/// How many tokens may stand between a day written as a possessive and
/// the happening it dates ("Tuesday's 7.1-magnitude earthquake").
const POSSESSIVE_REACH: usize = 6;

/// Marks the dates of a sentence that date one of its happenings, in the
/// days before its article ("the earthquake on Tuesday", "yesterday's
/// quake"): the figures of a happening that recent are counts as they
/// stood when the article was written, not on the day it happened. A date
/// long before the article ("the earthquake in 1985") still dates them.
pub fn mark_event_days(
    view: &TokenText,
    range: std::ops::Range<usize>,
    (parts, doc_date): (&mut SentenceParts, Option<NaiveDate>),
    lexicon: &Lexicon,
) {
    let Some(published) = doc_date else { return };
    let happening = |t: usize| lexicon.events.event_nouns.match_ending_at(view, t).is_some();
    // "on Tuesday, Sept. 19": a date set after another by a comma restates it.
    let mut restated_after: Option<usize> = None;
    for d in &mut parts.dates {
        let restates = restated_after.take().is_some_and(|end| d.first == end + 2 && view.raw(end + 1) == ",");
        let recent = d.value.is_some_and(|v| {
            v.first == v.last && v.first <= published && v.first >= published - Duration::days(REPORT_DAYS)
        });
        if !recent || d.reference || d.relative {
            continue;
        }
        let after_event = d.first > range.start
            && (happening(d.first - 1) || parts.events.iter().any(|e| e.event.is_some() && e.last + 1 == d.first));
        let possessive = d.last + 1 < range.end && crate::tokens::is_possessive(view.low(d.last + 1));
        let before_event = possessive && (d.last + 2..range.end.min(d.last + 2 + POSSESSIVE_REACH)).any(happening);
        d.of_event = after_event || before_event || restates;
        if d.of_event {
            restated_after = Some(d.last);
        }
    }
}

/// Per date of a sentence: the quantity it belongs to when that quantity is
/// a point of comparison ("compared with $70 million last year", "up from
/// 3,600 the previous year"): a cue from `reference` in `calendar.toml` (or
/// "than") just before the quantity, and the date after it before the next.
pub fn compared_dates(
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

/// Whether a time is when a running count stood (the report's date, or a
/// day just before it) or a span of something that happened.
fn time_kind(time: &Field<DateRange>, doc_date: Option<NaiveDate>) -> TimeKind {
    match (time.get(), time.source) {
        (Some(_), Source::Document) => TimeKind::AsOf,
        (Some(t), _) if t.first == t.last => match doc_date {
            Some(d) if t.first <= d && t.first >= d - Duration::days(REPORT_DAYS) => TimeKind::AsOf,
            _ => TimeKind::Period,
        },
        _ => TimeKind::Period,
    }
}

/// Measures whose figures belong to one person or team: a time shorter
/// than a day (a result), a place, an age, a tally of wins. A figure of these is compared with another
/// only when both name whose it is.
pub fn personal(measure: &str, unit: Option<&str>, lexicon: &Lexicon) -> bool {
    // A margin or a gap is the race's or the vote's, whoever is named.
    if measure.starts_with("margin of") || measure.starts_with("difference of") {
        return false;
    }
    let o = &lexicon.ordinals;
    let unit = unit.and_then(|u| lexicon.units.by_name.get(u));
    // A time shorter than a day is a result ("2:01:39"); "a four-day raid" is the raid's.
    let result_time = unit.is_some_and(|u| u.dimension == "time" && u.to_base.is_some_and(|b| b < 86_400.0));
    result_time
        || unit.is_some_and(|u| u.dimension == "age")
        || measure == o.place_measure
        || measure == o.times_measure
        || lexicon.ordinals.idioms.values().any(|i| i.measure == measure && measure != "podium places")
}

/// Whether token `t` lies inside a place mention (`places` sorted by start).
fn in_place(places: &[places::PlaceTokens], t: usize) -> bool {
    let k = places.partition_point(|p| p.first <= t);
    places[..k].iter().rev().take(4).any(|p| t <= p.last)
}

/// Whether token `t` may be part of a person's or team's name: a
/// capitalised word the tagger reads as a name, not a place, a month, a
/// weekday, a function word or part of an event's name ("Berlin Marathon").
fn name_word(layers: &Layers, si: usize, t: usize, lexicon: &Lexicon) -> bool {
    let view = &layers.view;
    let raw = view.raw(t);
    view.tokens[t].is_word()
        && raw.starts_with(char::is_uppercase)
        && raw.len() > 1
        && layers.tags.at(t).is_none_or(|p| p == Pos::Propn || p == Pos::Noun)
        && !in_place(layers.places, t)
        && !layers.dateline.as_ref().is_some_and(|line| line.contains(&t))
        && !layers.parts[si].events.iter().any(|e| e.first <= t && t <= e.last)
        && lexicon.calendar.weekdays.match_at(view, t).is_none()
        && lexicon.calendar.months.match_at(view, t).is_none()
        && !lexicon.function_words.contains(view.low(t))
}

/// How far into its sentence a subject's name may start ("A perfect day
/// for Kenya was sealed when Gladys Cherono stunned ..."): a pronoun looks
/// no further for it, so a sentence of thousands of words stays linear.
const SUBJECT_REACH: usize = 16;

/// The nearest person or team named before token `before` in sentence
/// `si`: the last word of a run of name words ("Eliud Kipchoge" holds as
/// "kipchoge", so "Kipchoge" alone meets it).
pub(super) fn named_before(layers: &Layers, si: usize, before: usize, lexicon: &Lexicon) -> Option<String> {
    let sentence = layers.seg.sentences[si].tokens.clone();
    let range = sentence.start.max(before.saturating_sub(NAME_REACH))..sentence.end;
    let mut t = before;
    while t > range.start {
        t -= 1;
        // "Cherono stunned favourite Dibaba ... when she stopped the clock
        // in 2:18:10": a pronoun before any name stands for the sentence's
        // subject, its first name, not for the nearest one; a pronoun that
        // opens its sentence, for the subject of the sentence before it in
        // the paragraph ("Kipchoge won in Berlin. He ran the second half in
        // 1:00:33").
        if lexicon.speech.pronouns.match_at(&layers.view, t).is_some() {
            let subject = (sentence.start..t).take(SUBJECT_REACH).find(|&k| name_word(layers, si, k, lexicon));
            return match subject {
                Some(first) => Some(name_run_end(layers, si, first, t, lexicon)),
                None => subject_before(layers, si, lexicon),
            };
        }
        // A name run ends here: a name word not followed by another.
        if name_word(layers, si, t, lexicon) && !(t + 1 < before && name_word(layers, si, t + 1, lexicon)) {
            if t == range.start && !layers.tags.is(t, Pos::Propn) {
                return None;
            }
            return Some(layers.view.low(t).to_string());
        }
    }
    None
}

/// How far before a distance the place it is the distance of may be named
/// ("Mina, a large valley about 5 kilometres from Mecca").
const APPOSITION_REACH: usize = 8;

/// What a distance from a place is the distance of: the name set off by a
/// comma just before it ("in Mina, around 5 kilometers (3 miles) east of
/// Makkah", "Mina, a large valley about 5 kilometres from Mecca"). `q`
/// spans its figure and `end` its counted noun.
fn distance_of(layers: &Layers, si: usize, (q, end): (&QuantityMatch, usize), lexicon: &Lexicon) -> Option<String> {
    let view = &layers.view;
    let range = layers.seg.sentences[si].tokens.clone();
    q.unit.as_ref().filter(|u| u.dimension == "length")?;
    // Past a conversion in brackets, or out of it: "5 kilometers (3
    // miles) east of".
    let mut t = end + 1;
    if t < range.end && view.raw(t) == "(" {
        t = (t..range.end.min(t + 6)).find(|&k| view.raw(k) == ")")? + 1;
    } else if t < range.end && view.raw(t) == ")" {
        t += 1;
    }
    let from_place = t + 1 < range.end
        && (view.low(t) == "from"
            || view.low(t + 1) == "of" && lexicon.function_words.bearings.contains_token(view, t));
    if !from_place {
        return None;
    }
    // Back to the comma that sets the figure's phrase off from the name.
    let comma = (range.start.max(q.first.saturating_sub(APPOSITION_REACH))..q.first)
        .rev()
        .take_while(|&k| !matches!(view.raw(k), ";" | ":"))
        .find(|&k| view.raw(k) == ",")?;
    let name = comma.checked_sub(1).filter(|&k| k >= range.start && view.tokens[k].is_word())?;
    starts_upper(view.raw(name)).then(|| view.low(name).to_string())
}

/// The most words a name runs to ("Enver Gunenc", "Gladys Cherono").
const NAME_WORDS: usize = 6;

/// The last word of the name run that starts at `first`, before `until`.
fn name_run_end(layers: &Layers, si: usize, first: usize, until: usize, lexicon: &Lexicon) -> String {
    let mut last = first;
    while last + 1 < until && last < first + NAME_WORDS && name_word(layers, si, last + 1, lexicon) {
        last += 1;
    }
    layers.view.low(last).to_string()
}

/// The subject of the sentence before `si` in its paragraph: its first
/// name, when it opens the sentence's first clause.
fn subject_before(layers: &Layers, si: usize, lexicon: &Lexicon) -> Option<String> {
    let previous = si.checked_sub(1)?;
    let sentences = &layers.seg.sentences;
    if sentences[previous].paragraph != sentences[si].paragraph {
        return None;
    }
    let range = sentences[previous].tokens.clone();
    let first = range
        .clone()
        .take(SUBJECT_REACH)
        .take_while(|&t| !matches!(layers.view.raw(t), "," | ";" | ":"))
        .find(|&t| name_word(layers, previous, t, lexicon))?;
    Some(name_run_end(layers, previous, first, range.end, lexicon))
}

/// The first person or team named after token `after` in sentence `si`,
/// before the clause ends: "followed by a third Kenyan, former world-record
/// holder Wilson Kipsang" places Kipsang.
pub(super) fn named_after(layers: &Layers, si: usize, after: usize, lexicon: &Lexicon) -> Option<String> {
    let range = layers.seg.sentences[si].tokens.clone();
    let mut t = after + 1;
    while t < range.end && t <= after + 10 && !matches!(layers.view.raw(t), ";" | "." | "(") {
        if name_word(layers, si, t, lexicon) {
            let mut last = t;
            while last + 1 < range.end && name_word(layers, si, last + 1, lexicon) {
                last += 1;
            }
            return Some(layers.view.low(last).to_string());
        }
        t += 1;
    }
    None
}

/// Where a sentence's cues first stand, found once per sentence so that
/// each of its figures asks in constant time whether one stands before it
/// (a sentence of 20,000 numbers must not be scanned 20,000 times).
pub struct SentenceCues {
    /// The first subset cue ("included", "of whom").
    pub subset: Option<usize>,
    /// The first word marking an earlier report ("initially", "earlier").
    pub superseded: Option<usize>,
    /// The first noun for a happening ("fire", "stampede").
    pub event_noun: Option<usize>,
}

impl SentenceCues {
    pub fn of(view: &TokenText, range: &std::ops::Range<usize>, lexicon: &Lexicon) -> SentenceCues {
        let first = |hit: &dyn Fn(usize) -> bool| range.clone().find(|&t| hit(t));
        SentenceCues {
            subset: first(&|t| lexicon.measures.subset_cues.match_at(view, t).is_some()),
            superseded: first(&|t| lexicon.change.superseded.match_at(view, t).is_some()),
            event_noun: first(&|t| lexicon.events.event_nouns.match_at(view, t).is_some()),
        }
    }

    /// Whether a cue found at `at` stands before token `t`.
    pub fn before(at: Option<usize>, t: usize) -> bool {
        at.is_some_and(|a| a < t)
    }
}

/// How far back from a figure a name is looked for as its holder.
const NAME_REACH: usize = 40;

/// What result times are counted in.
pub const RESULT_TIME: &str = "time";

/// The split a time is given for: the words of a distance or a part of a
/// race shortly before it ("the first kilometre in just 2:43", "40 km in
/// 1:55:32", "the second half of the race in just 1:00:33").
fn split_before(view: &TokenText, range: &std::ops::Range<usize>, first: usize, lexicon: &Lexicon) -> Option<String> {
    let start = first.saturating_sub(7).max(range.start);
    let at = (start..first)
        .rev()
        .take_while(|&t| !matches!(view.raw(t), "," | ";" | "."))
        .find(|&t| lexicon.measures.splits.match_at(view, t).is_some())?;
    // The split's words: back over its number, unit or ordinal ("5 km",
    // "the first kilometre", "the second half").
    let from = (start..at)
        .rev()
        .take(2)
        .take_while(|&t| {
            view.tokens[t].is_number()
                || lexicon.ordinals.words.match_at(view, t).is_some()
                || lexicon.units.suffix.match_at(view, t).is_some()
                || matches!(view.low(t), "opening" | "final" | "last")
        })
        .last()
        .unwrap_or(at);
    Some((from..=at).map(|t| view.low(t)).collect::<Vec<_>>().join(" "))
}

/// The label a number names one of ("Street 204"; "streets 204 and 223"
/// for each number of the list), from the lexicon's labels.
fn label_before(view: &TokenText, range: &std::ops::Range<usize>, first: usize, lexicon: &Lexicon) -> Option<String> {
    // A list of labels is short ("streets 204, 206 and 223"): look no further.
    let start = range.start.max(first.saturating_sub(12));
    let mut t = first;
    while t > start {
        let before = t - 1;
        if let Some((_, name)) = lexicon.measures.labels.match_ending_at(view, before) {
            return Some(name.clone());
        }
        if !(view.tokens[before].is_number() || matches!(view.low(before), "," | "and" | "or")) {
            return None;
        }
        t = before;
    }
    None
}

/// Who a sentence's figures are attributed to: the words after "according
/// to" up to a break, or the subject of a speech verb back to the clause's
/// start ("Earlier, the Turkish Directorate of Religious Affairs said that
/// 753 people were killed" → "turkish directorate of religious affairs").
fn attribution(view: &TokenText, range: &std::ops::Range<usize>, lexicon: &Lexicon) -> Option<String> {
    let words = |from: usize, to: usize| {
        let w: Vec<&str> = (from..to)
            .filter(|&t| view.tokens[t].is_word() && !matches!(view.low(t), "the" | "a" | "an"))
            .map(|t| view.low(t))
            .collect();
        (!w.is_empty() && w.len() <= 8).then(|| w.join(" ").replace(" ’s", "’s").replace(" 's", "'s"))
    };
    let stop = |t: usize| matches!(view.raw(t), "," | ";" | ":" | "." | "—" | "–" | "(" | ")" | "“" | "”" | "\"");
    for t in range.clone() {
        if let Some((n, _)) = lexicon.speech.according.match_at(view, t) {
            // "per ICE", "per the report" name a source; "15 per cent",
            // "$5 per share" are rates.
            let rate = t > range.start
                && view.low(t) == "per"
                && (view.tokens[t - 1].is_number()
                    || !(t + 1 < range.end
                        && (view.raw(t + 1).starts_with(char::is_uppercase) || view.low(t + 1) == "the")));
            if !rate {
                let end = (t + n..range.end).find(|&k| stop(k)).unwrap_or(range.end);
                return words(t + n, end);
            }
        }
        if lexicon.speech.verbs.match_at(view, t).is_some() && t > range.start {
            // The subject runs back to a break or a clause opener ("a
            // decision that said" has no speaker); a pronoun names nobody.
            let opener = |k: usize| stop(k) || matches!(view.low(k), "that" | "which" | "who" | "and" | "but");
            let start = (range.start..t).rev().find(|&k| opener(k)).map_or(range.start, |k| k + 1);
            let pronoun = t == start + 1 && lexicon.speech.pronouns.match_at(view, start).is_some();
            if let Some(who) = words(start, t).filter(|_| !pronoun) {
                return Some(who);
            }
        }
    }
    None
}

/// How many lines of a fact box a heading may stand above.
const BOX_LINES: usize = 64;

/// How many words a fact box's heading runs to at most ("Hajj deaths by
/// nationality"), and how far into a line its label's colon stands.
const HEADING_WORDS: usize = 8;
const LABEL_WORDS: usize = 6;

/// The measure a fact box's heading names ("Hajj deaths by nationality")
/// for a bare figure of one of its lines ("Algeria: 8"): the first line
/// above that is no "label: value" line, when it is short and names a
/// measure.
fn heading_measure(layers: &Layers, si: usize, lexicon: &Lexicon) -> Option<String> {
    let view = &layers.view;
    let labelled = |r: &std::ops::Range<usize>| r.clone().take(LABEL_WORDS).any(|t| view.raw(t) == ":");
    let heading =
        (si.saturating_sub(BOX_LINES)..si).rev().map(|j| &layers.seg.sentences[j].tokens).find(|r| !labelled(r))?;
    if heading.len() > HEADING_WORDS {
        return None;
    }
    heading.clone().find_map(|t| lexicon.measures.nouns.match_at(view, t).map(|(_, name)| name.clone()))
}

/// How many sentences back a demonstrative's figure may point.
const ANAPHORA_REACH: usize = 4;

/// How many claims back a figure looks for the one it points at or follows
/// (a sentence of thousands of figures stays linear).
const LOOK_BACK: usize = 64;

/// The claim that figure `q` (claim `at`) points back at: after a
/// demonstrative ("those 13", "these two"), the nearest earlier quantity
/// claim of the same exact value, a few sentences back at most.
fn antecedent(
    layers: &Layers,
    si: usize,
    q: &QuantityMatch,
    at: usize,
    claims: &[Claim],
    lexicon: &Lexicon,
) -> Option<usize> {
    let range = &layers.seg.sentences[si].tokens;
    if q.first == range.start || !lexicon.measures.anaphoric.contains_token(&layers.view, q.first - 1) {
        return None;
    }
    let value = claims[at].quantity().filter(|figure| figure.approx == "exact").and_then(|figure| figure.value)?;
    (0..at).rev().take(LOOK_BACK).take_while(|&j| claims[j].sentence() + ANAPHORA_REACH >= si).find(|&j| {
        let c = &claims[j];
        c.kind == ClaimKind::Quantity
            && c.quantity().is_some_and(|o| !o.individual && o.value == Some(value) && o.change.is_none())
    })
}

/// "Ten were found in Paradise, seven in homes and three outside": figures
/// with no noun of their own right after a figure, which add up to it
/// exactly, are its parts (a breakdown). Figures that do not add up to it
/// ("28 arrests in Baltimore, 30 in Chicago") are a list of their own.
/// The sentence's quantity claims start at `base` in `claims`; `elided`
/// says which of them name no noun.
fn breakdowns(claims: &mut [Claim], base: usize, elided: &[bool]) {
    let exact = |c: &Claim| c.quantity().filter(|q| !q.rounded && q.approx == "exact").and_then(|q| q.value);
    // A part whose whole is stated otherwise ("three of those four") is none.
    let free = |c: &Claim| c.quantity().is_some_and(|q| q.whole.is_none());
    let n = elided.len();
    // Per figure: its value when it may be a part, where the run of such
    // figures starting at it ends, and the sums of those values before each
    // figure, so that every head is tried in constant time.
    let part_value: Vec<Option<f64>> =
        (0..n).map(|i| exact(&claims[base + i]).filter(|_| elided[i] && free(&claims[base + i]))).collect();
    let mut run_end = vec![n; n + 1];
    for i in (0..n).rev() {
        run_end[i] = if part_value[i].is_some() { run_end[i + 1] } else { i };
    }
    let mut before = vec![0.0; n + 1];
    for i in 0..n {
        before[i + 1] = before[i] + part_value[i].unwrap_or(0.0);
    }
    let mut head = 0;
    while head < n {
        let (first, end) = (head + 1, run_end[(head + 1).min(n)]);
        let sum = before[end] - before[first.min(end)];
        let whole = claims[base + head].quantity().filter(|q| !q.individual).and_then(|_| exact(&claims[base + head]));
        if end >= first + 2 && whole.is_some_and(|w| w > 0.0 && (w - sum).abs() < 1e-9) {
            for i in first..end {
                if let Some(q) = claims[base + i].quantity_mut() {
                    q.set_whole(base + head);
                }
                claims[base + i].referent.part = true;
            }
            head = end;
        } else {
            head += 1;
        }
    }
}

/// The claim that figure `k` of sentence `si` is stated to be a part of:
/// the figure right after "of" and a determiner ("three of those four"),
/// the figure an opening "Of those 13," introduces (for the first figure
/// after its comma, and for a bare figure opening the next sentence), or
/// the figure before it in its paragraph when a pronoun stands for it
/// ("only two of them").
fn stated_whole(
    layers: &Layers,
    si: usize,
    (qs, elided): (&[QuantityMatch], &[bool]),
    k: usize,
    (base, claims): (usize, &[Claim]),
    lexicon: &Lexicon,
) -> Option<usize> {
    let view = &layers.view;
    let range = layers.seg.sentences[si].tokens.clone();
    let m = &lexicon.measures;
    let of = qs[k].last + 1;
    let of_next = of + 2 < range.end && view.low(of) == "of";
    if of_next && qs.get(k + 1).is_some_and(|n| n.first == of + 2) && m.whole_determiners.contains_token(view, of + 1) {
        return Some(base + k + 1);
    }
    // "Of those 13, ten human remains were located in Paradise" (perhaps
    // inside a quotation).
    // The sentence's first word, past an opening quotation mark or two.
    let open = (range.start..range.end).take(3).find(|&t| view.tokens[t].is_word()).unwrap_or(range.start);
    if k == 1
        && qs[0].first == open + 2
        && view.low(open) == "of"
        && m.whole_determiners.contains_token(view, open + 1)
        && view.raw(qs[0].last + 1) == ","
        && qs[1].first == qs[0].last + 2
    {
        return Some(base);
    }
    // "Of those 13, ten were found in Paradise. Three from the Concow
    // area, ...": a sentence that opens on a bare figure goes on counting
    // the parts the sentence before began.
    if k == 0 && elided[0] && qs[0].first == open {
        let before =
            (0..base).rev().take(LOOK_BACK).take_while(|&j| claims[j].sentence() + 1 >= si).last().unwrap_or(base);
        let whole = (before..base).find_map(|j| {
            let w = claims[j].quantity()?.whole()?;
            (claims[j].sentence() + 1 == si && claims[w].sentence() + 1 == si).then_some(w)
        });
        if whole.is_some() {
            return whole;
        }
    }
    // "11 of those types of structures": a determiner of a noun, no pronoun.
    let pronoun = of_next
        && m.whole_pronouns.contains_token(view, of + 1)
        && !view.tokens.get(of + 2).is_some_and(|t| t.is_number())
        && !matches!(layers.tags.at(of + 2), Some(Pos::Noun | Pos::Propn | Pos::Adj | Pos::Num));
    if !pronoun {
        return None;
    }
    let paragraph = layers.seg.sentences[si].paragraph;
    let counts = |j: &usize| {
        let c = &claims[*j];
        c.kind == ClaimKind::Quantity && c.quantity().is_some_and(|q| !q.individual && q.value.is_some_and(|v| v > 0.0))
    };
    (base..base + k).rev().take(LOOK_BACK).find(counts).or_else(|| {
        (0..base)
            .rev()
            .take(LOOK_BACK)
            .take_while(|&j| claims[j].sentence() + 1 >= si)
            .find(|&j| counts(&j) && layers.seg.sentences[claims[j].sentence()].paragraph == paragraph)
    })
}

/// Whether the figure at `first` follows a pronoun and "by" ("reduced it
/// by one second", "raised them by 5%").
fn pronoun_by(view: &TokenText, range: &std::ops::Range<usize>, first: usize, tags: &Tags) -> bool {
    first >= range.start + 2 && view.low(first - 1) == "by" && tags.is(first - 2, Pos::Pron)
}

/// Whether the figure at `first` is the whole of a partitive ("one of the
/// five plants", "most of those 13"): "of" and a determiner before it.
fn of_whole(view: &TokenText, range: &std::ops::Range<usize>, first: usize, lexicon: &Lexicon) -> bool {
    first >= range.start + 2
        && view.low(first - 2) == "of"
        && lexicon.measures.whole_determiners.contains_token(view, first - 1)
}

/// The holder of a measurement of the story's own happening ("the fire had
/// grown to 117,000 acres"), whatever each outlet calls the happening.
pub const STORY_EVENT: &str = "the event";

/// One sentence's quantity claims, appended to `claims`.
pub fn quantity_claims(layers: &Layers, si: usize, qs: &[QuantityMatch], claims: &mut Vec<Claim>, lexicon: &Lexicon) {
    let view = &layers.view;
    let sentence = &layers.seg.sentences[si];
    let range = sentence.tokens.clone();
    let sp = &layers.parts[si];
    let base = claims.len();
    let owners = compared_dates(view, sp, qs, lexicon);
    // The date a sentence without its own inherits: the previous
    // sentence's, in a narrative paragraph, unless it dated a point of
    // comparison or a happening ("the earthquake on Tuesday"). A date after
    // the article's is a plan ("no plans to build cars past the end of
    // 2019"), not when the next sentence's figures hold: it is not carried.
    let planned = |t: &DateRange| layers.doc_date.is_some_and(|d| t.first > d);
    let carried_time = si
        .checked_sub(1)
        .filter(|&p| layers.seg.sentences[p].paragraph == sentence.paragraph)
        .and_then(|p| layers.parts[p].dates.iter().rev().filter(|d| !d.reference && !d.of_event).find_map(|d| d.value))
        .filter(|t| !planned(t))
        .filter(|_| sp.dates.is_empty());
    let cues = SentenceCues::of(view, &range, lexicon);
    let attributed = if qs.is_empty() { None } else { attribution(view, &range, lexicon) };
    let mut previous: Option<Counted> = None;
    // Which figures name no noun of their own ("30 in Chicago").
    let mut elided = Vec::with_capacity(qs.len());
    for (k, q) in qs.iter().enumerate() {
        let mut counted = measures::counted(view, &range, q, (previous.as_ref(), layers.tags, &cues), lexicon);
        if let Some(m) = q.measure.clone().or_else(|| label_before(view, &range, q.first, lexicon)) {
            counted = Counted { end: q.last, measure: Some(m), stated: true, ..Default::default() };
        }
        let start_tok = counted.start.unwrap_or(q.first).min(q.first);
        let end_tok = counted.end.max(q.last);
        let stop = qs.get(k + 1).map_or(range.end, |n| n.first);
        let mut r = Referent::default();
        if let Some(m) = counted.measure.clone() {
            let (source, confidence) =
                if counted.stated { (Source::Stated, Confidence::High) } else { (Source::Nearby, Confidence::Medium) };
            r.measure = Field::new(m, source, confidence);
        } else if k == 0
            && q.first > range.start
            && view.raw(q.first - 1) == ":"
            && let Some(m) = heading_measure(layers, si, lexicon)
        {
            r.measure = Field::new(m, Source::Nearby, Confidence::Medium);
        }
        r.noun = counted.noun.as_deref().map(Ustr::from);
        r.partitive = counted.partitive;
        r.forecast = counted.forecast;
        if let Some(p) = counted.predicate.clone() {
            r.set_predicate(Field::new(p, Source::Stated, Confidence::Medium));
        }
        if let Some(c) = counted.category.clone() {
            r.category = Field::new(c, Source::Stated, Confidence::Medium);
        }
        r.measure_from_unit = counted.from_unit;
        // "The death toll has risen to 717 ... 863 more pilgrims have been
        // injured": "more" after figures of other measures only counts
        // others, not an increase of its own measure ("Eight more bodies"
        // after the death toll and the missing adds to the toll).
        let others = counted.increment && counted.stated && {
            let mut before = claims[..base + k]
                .iter()
                .rev()
                .take(LOOK_BACK)
                .take_while(|c| c.sentence() + 1 >= si)
                .filter(|c| c.kind == ClaimKind::Quantity)
                .filter_map(|c| c.referent.measure.get())
                .peekable();
            before.peek().is_some() && before.all(|m| Some(m.as_str()) != counted.measure.as_deref())
        };
        r.aspect = if counted.increment && !others { Aspect::Change } else { Aspect::Level };
        // "within the next two years": a horizon says when, not how much.
        let horizon = q.unit.as_ref().is_some_and(|u| u.dimension == "time")
            && q.first > range.start
            && lexicon.calendar.horizons.match_ending_at(view, q.first - 1).is_some();
        if horizon {
            r.measure = Field::default();
        }
        let prev_claim = (k > 0).then(|| &claims[base + k - 1]);
        if counted.continues
            && let Some(p) =
                claims[..base].iter().rev().find(|c| c.kind == ClaimKind::Quantity && c.sentence() + 2 >= si)
        {
            r.measure = Field { source: Source::Nearby, confidence: Confidence::Medium, ..p.referent.measure.clone() };
            if r.category.value.is_none() {
                r.category = Field { source: Source::Nearby, ..p.referent.category.clone() };
            }
            r.scope = Field { source: Source::Nearby, ..p.referent.scope.clone() };
        }
        // Places: written with the figure, carried from the figure before an
        // elided one, or named elsewhere in the sentence; never a default.
        // "One of the five plants that will be closed is in Lyon": the
        // sentence's place is its part's; the whole has only a place
        // written right after it ("one of the five plants in Ohio").
        let whole_of_part = of_whole(view, &range, q.first, lexicon);
        let place_stop = if whole_of_part { stop.min(end_tok + 3) } else { stop };
        let (scope, sure) =
            places::scope((view, layers.tags), layers.places, &range, (q.first, q.last, end_tok, place_stop), lexicon);
        if places::elsewhere(view, end_tok, place_stop.min(range.end), lexicon) {
            r.scope = Field::default();
            r.elsewhere = true;
        } else if !scope.is_empty() {
            r.scope = Field::new(scope, Source::Stated, sure);
        } else if r.scope.source == Source::Nearby {
        } else if let Some(p) = prev_claim.filter(|_| counted.elided) {
            r.scope = Field { source: Source::Nearby, confidence: Confidence::Medium, ..p.referent.scope.clone() };
        } else if whole_of_part {
            // The sentence's place is its part's (above).
        } else if let Some(p) = places::anywhere((view, layers.tags), layers.places, &range, lexicon) {
            r.scope = Field::new(vec![p], Source::Stated, Confidence::Medium);
        } else if let Some(p) = layers.places[layers.places.partition_point(|p| p.first < range.start)..]
            .first()
            .filter(|p| p.last < range.end && !places::destination(view, p, lexicon))
        {
            // A place that names who speaks or acts ("Denver police said")
            // still hints where: the weakest reading.
            r.scope = Field::new(vec![p.place], Source::Stated, Confidence::Low);
        }
        r.time = match time_for(sp, (k, q.first, end_tok, stop), &owners) {
            Some(t) => Field::new(t, Source::Stated, Confidence::High),
            None => match prev_claim.filter(|p| counted.elided && p.referent.time.source == Source::Stated) {
                Some(p) => Field { source: Source::Nearby, confidence: Confidence::Medium, ..p.referent.time.clone() },
                None => match (carried_time, layers.doc_date) {
                    (Some(t), _) => Field::new(t, Source::Nearby, Confidence::Medium),
                    (None, Some(d)) => Field::new(DateRange::day(d), Source::Document, Confidence::Low),
                    (None, None) => Field::default(),
                },
            },
        };
        r.time_kind = time_kind(&r.time, layers.doc_date);
        r.event = event_for(sp, q.first, &layers.main_event);
        // Whose figure: a name that holds it ("Oz received", "Oz's"), what
        // money is for; for a personal measure, the person named before it.
        let unit = q.unit.as_ref().map(|u| u.name.as_str());
        let measure = r.measure.get().cloned().unwrap_or_default();
        let money = q.unit.as_ref().is_some_and(|u| u.dimension == "currency");
        let holder = measures::agent(view, &range, (q.first, end_tok, money), lexicon)
            .map(|h| (h, Confidence::High))
            .or_else(|| {
                prev_claim
                    .filter(|_| q.first > range.start && view.low(q.first - 1) == "or")
                    .and_then(|p| p.referent.holder().get())
                    .map(|h| (h.to_string(), Confidence::Medium))
            })
            .or_else(|| {
                // "followed by a third Kenyan, ... Wilson Kipsang": the place's
                // holder is named after it.
                let after_cue = measure == lexicon.ordinals.place_measure
                    && (range.start..q.first)
                        .rev()
                        .take(3)
                        .any(|t| lexicon.ordinals.place_after.match_at(view, t).is_some());
                let name = if after_cue {
                    named_after(layers, si, q.last, lexicon)
                } else {
                    named_before(layers, si, q.first, lexicon)
                };
                personal(&measure, unit, lexicon).then_some(name).flatten().map(|h| (h, Confidence::Medium))
            })
            .or_else(|| distance_of(layers, si, (q, end_tok), lexicon).map(|h| (h, Confidence::Medium)))
            .or_else(|| {
                let measurement = q.unit.as_ref().is_some_and(|u| u.to_base.is_some() && u.dimension != "time");
                // "The Camp fire, already the state's worst fire on record,
                // has burned 146,000 acres" is the area of the story's event.
                (measurement && SentenceCues::before(cues.event_noun, q.first))
                    .then(|| (STORY_EVENT.to_string(), Confidence::Medium))
            });
        // A margin is its winner's ("Kipchoge ... lower the world record by
        // a remarkable 77 seconds"), named before the winning verb, and of
        // the winning day: a date inside what was beaten ("Kimetto's 2014
        // world mark") is that record's, not the margin's.
        let margin_at = measures::margin_verb(view, &range, q.first, layers.tags, lexicon);
        // What stands between the verb and the margin is what was beaten
        // ("lowering Kimetto's mark by 1:18"): never the holder.
        let holder = match margin_at {
            Some(v) => named_before(layers, si, v, lexicon).map(|h| (h, Confidence::Medium)),
            None => holder,
        };
        if let (Some(v), Some(t)) = (margin_at, r.time.get().copied())
            && r.time.source == Source::Stated
            && sp.dates.iter().any(|d| d.first > v && d.last < q.first && d.value == Some(t))
            && let Some(day) = layers.doc_date
        {
            r.time = Field::new(DateRange::day(day), Source::Document, Confidence::Low);
            r.time_kind = TimeKind::AsOf;
        }
        // A pronoun or other function word ("I've run 2:01") names no one
        // the figure can be held by.
        let pronoun = |h: &str| {
            let first = h.split(['’', '\'']).next().unwrap_or(h);
            !h.contains(' ') && lexicon.function_words.contains(first)
        };
        if let Some((h, confidence)) = holder.filter(|(h, _)| !pronoun(h)) {
            r.set_holder(Field::new(h, Source::Stated, confidence));
        }
        // "The fire had grown to 117,000 acres": a measurement of the story's
        // happening is its area, held by the happening.
        let measurement = q.unit.as_ref().filter(|u| u.to_base.is_some() && u.dimension != "time");
        if let Some(u) = measurement
            && r.measure.get().is_some_and(|m| lexicon.events.event_nouns.contains_word(m))
        {
            r.measure = Field::new(u.dimension.clone(), Source::Stated, Confidence::Medium);
            if r.holder().value.is_none() {
                r.set_holder(Field::new(STORY_EVENT.to_string(), Source::Stated, Confidence::Medium));
            }
        }
        // A result time ("won in 2:01:39") is a time, whatever noun follows it
        // ("a new 2:18:10 course record"); a time after a distance is a split
        // ("5km in 14:24").
        if q.unit.as_ref().is_some_and(|u| u.dimension == "time" && u.to_base.is_some_and(|b| b < 86_400.0)) {
            r.measure = Field::new(RESULT_TIME.to_string(), Source::Stated, Confidence::High);
            r.measure_from_unit = false;
            // A split read before the "by" of a margin ("lowering the world
            // mark by 1:18") is what was beaten, not a part of the race.
            match split_before(view, &range, q.first, lexicon).filter(|_| margin_at.is_none()) {
                Some(split) => r.category = Field::new(split, Source::Stated, Confidence::Medium),
                None => r.category = Field::default(),
            }
        }
        // "up 4 percent", "rose by six": a change of the measure; "a margin
        // of 200,000 votes": another measure of it.
        match measures::aspect(view, &range, (q.first, q.last, q.unit.is_none()), layers.tags, lexicon) {
            Some(a) if a == "increase" || a == "decrease" => {
                r.aspect = Aspect::Change;
                r.fell = a == "decrease";
            }
            Some(a) => {
                if let Some(m) = r.measure.value.as_mut() {
                    *m = Ustr::from(&format!("{a} of {m}"));
                }
            }
            None => {}
        }
        // "put Kipchoge's time at 2:01:40, but later reduced it by one
        // second": a change of the figure its pronoun stands for is that
        // figure's, whoever made it.
        if r.aspect == Aspect::Change
            && let Some(p) = prev_claim.filter(|p| {
                p.sentence() == si
                    && p.referent.measure.value == r.measure.value
                    && pronoun_by(view, &range, q.first, layers.tags)
            })
        {
            r.set_holder(Field { source: Source::Nearby, ..p.referent.holder().clone() });
            r.category = Field { source: Source::Nearby, ..p.referent.category.clone() };
            r.scope = Field { source: Source::Nearby, ..p.referent.scope.clone() };
        }
        r.part = SentenceCues::before(cues.subset, q.first);
        r.superseded = SentenceCues::before(cues.superseded, q.first);
        r.attribution = attributed.as_deref().map(Ustr::from);
        // A part named after its whole ("8,817 structures have been
        // destroyed, which includes 7,600 homes"; "Of those, 7,600 were
        // single-family homes") shares what happened to the whole.
        if r.part && r.predicate().value.is_none() {
            let whole = (base..claims.len()).rev().chain((0..base).rev()).take(4).find(|&j| {
                claims[j].kind == ClaimKind::Quantity
                    && claims[j].sentence() + 1 >= si
                    && claims[j].referent.predicate().is_some()
            });
            if let Some(j) = whole {
                r.set_predicate(Field {
                    source: Source::Nearby,
                    confidence: Confidence::Medium,
                    ..claims[j].referent.predicate().clone()
                });
            }
        }
        // A list after a count names what it counts; after a measurement it
        // is the sentence going on ("5km in 14:24 - which was 1:26 faster").
        let list = q
            .unit
            .is_none()
            .then(|| {
                lists::after(view, &range, counted.end, (layers.places, &lexicon.speech))
                    .or_else(|| lists::lines_after(view, &layers.seg.sentences, si, counted.end))
            })
            .flatten();
        // "Three factories in Michigan and one in Ohio": an elided "one"
        // counts what its neighbour counts, not a single item of its own.
        let counts_like_neighbour =
            counted.elided && !counted.stated && previous.as_ref().is_some_and(|p| p.measure.is_some());
        let mut claim = Claim::new(ClaimKind::Quantity, span(view, start_tok, end_tok), si, sentence.paragraph);
        claim.referent = r.into();
        claim.detail = Detail::Quantity(Box::new(Quantity {
            value: q.value,
            interval: q.interval,
            approx: Ustr::from(&q.approx),
            rounded: q.rounded,
            unit: q.unit.as_ref().map(|u| Ustr::from(&u.name)),
            individual: q.individual && !counts_like_neighbour,
            list: list.map(Box::new),
            change: q.change.map(|(direction, to, cue)| {
                Box::new(Change { direction, to: base + to, cue: span(view, cue.0, cue.1) })
            }),
            whole: None,
        }));
        claims.push(claim);
        elided.push(counted.elided);
        // A compound modifies a noun ("a four-day operation"); an elided
        // number after it ("including 170 in Philadelphia") counts what
        // the count before it counted.
        if !q.compound {
            previous = Some(counted);
        }
    }
    // "$85 million for libraries, up from $70 million": the earlier value
    // of a change is held by whoever holds the later one, and, when the
    // sentence gives it no time of its own ("jumped from 631 to 1,011"),
    // stood before the later one: the day before.
    for k in base..claims.len() {
        let Some(later) = claims[k].quantity().and_then(|q| q.change.as_ref()).map(|c| c.to) else { continue };
        if claims[k].referent.holder().value.is_none() {
            let holder = claims[later].referent.holder().clone();
            claims[k].referent.set_holder(holder);
        }
        let untimed = matches!(claims[k].referent.time.source, Source::Document | Source::Unknown)
            || claims[k].referent.time == claims[later].referent.time;
        if let (true, Some(t)) = (untimed, claims[later].referent.time.get().copied())
            && claims[later].referent.time_kind == TimeKind::AsOf
            && let Some(before) = t.first.pred_opt()
        {
            claims[k].referent.time = Field::new(DateRange::day(before), Source::Nearby, Confidence::Low);
            claims[k].referent.time_kind = TimeKind::AsOf;
        }
    }
    // "An additional 13 lives lost ... Of those 13": a figure after a
    // demonstrative is the figure of that value stated shortly before.
    for k in 0..qs.len() {
        if let Some(j) = antecedent(layers, si, &qs[k], base + k, claims, lexicon) {
            let told = Referent::clone(&claims[j].referent);
            let r = &mut *claims[base + k].referent;
            *r = Referent { part: r.part, superseded: r.superseded, attribution: r.attribution.take(), ..told };
        }
    }
    // "Three of those four deceased individuals", "two of his three
    // pacesetters": a figure right before "of", a determiner and another
    // figure is a part of it, and counts what it counts. So is the first
    // figure after "Of those 13," and one before "of them", whose whole is
    // the figure before it in the paragraph.
    for k in 0..qs.len() {
        let this = base + k;
        let Some(next) = stated_whole(layers, si, (qs, &elided), k, (base, claims), lexicon) else { continue };
        if let Some(q) = claims[this].quantity_mut() {
            q.set_whole(next);
        }
        // "Of those 13, ten human remains": a whole that names nothing
        // counts what its part counts.
        if claims[next].referent.measure.value.is_none() && claims[this].referent.measure.value.is_some() {
            let part = Referent::clone(&claims[this].referent);
            let w = &mut claims[next].referent;
            w.measure = Field { source: Source::Nearby, confidence: Confidence::Medium, ..part.measure };
            w.noun = part.noun;
        }
        let whole = Referent::clone(&claims[next].referent);
        let r = &mut claims[this].referent;
        r.part = true;
        r.measure = Field { source: Source::Nearby, confidence: Confidence::Medium, ..whole.measure };
        r.category = Field { source: Source::Nearby, ..whole.category };
        r.noun = whole.noun;
    }
    breakdowns(claims, base, &elided);
    // Each list a count announces is a claim of its own, with the count's
    // referent: its value is how many items it names.
    for k in base..base + qs.len() {
        let Some(items) = claims[k].quantity().and_then(|q| q.list.clone()) else { continue };
        let (Some(&(start, _)), Some(&(_, end))) = (items.first(), items.last()) else { continue };
        let mut list = Claim::new(ClaimKind::List, (start, end), claims[k].sentence(), claims[k].paragraph());
        list.referent = claims[k].referent.clone();
        let n = items.len() as f64;
        list.detail = Detail::Quantity(Box::new(Quantity {
            value: Some(n),
            interval: Interval::point(n),
            approx: "exact".into(),
            rounded: false,
            unit: None,
            individual: false,
            list: Some(items),
            change: None,
            whole: None,
        }));
        claims.push(list);
    }
    // "128 arrests in three cities in California": the count of places carries the scope.
    for k in 0..qs.len().saturating_sub(1) {
        let (this, next) = (base + k, base + k + 1);
        let joined = qs[k + 1].first >= 1
            && qs[k].last + 2 >= qs[k + 1].first
            && matches!(view.low(qs[k + 1].first - 1), "in" | "across" | "from");
        if joined && claims[this].referent.scope.value.is_none() && claims[next].referent.scope.stated() {
            claims[this].referent.scope = Field { source: Source::Nearby, ..claims[next].referent.scope.clone() };
        }
    }
}
