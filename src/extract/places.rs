//! Scope: the places a quantity is about: the places written after it ("107
//! arrests in Philly", "in Philadelphia, New York and Denver", "500 arrests
//! nationwide"), else the nearest place before it in its sentence.

use super::tags::{Pos, Tags};
use crate::lexicon::{Lexicon, PlaceId, PlaceMention, TokenText};
use crate::tokens::starts_upper;

/// A place mention as a token range.
#[derive(Debug, Clone, Copy)]
pub struct PlaceTokens {
    pub first: usize,
    pub last: usize,
    pub place: PlaceId,
}

/// The dash that ends a dateline at the start of a story ("PORTLAND, Ore.
/// —", "NEW ORLEANS (AP) —"): the first word is in capitals, and before the
/// dash come only capitalised words, abbreviations, commas and a
/// parenthesised agency.
pub fn dateline_end(view: &TokenText, sentence: std::ops::Range<usize>) -> Option<usize> {
    let first = sentence.start;
    let shouting = |t: usize| {
        let w = view.raw(t);
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    if first >= sentence.end || !view.tokens[first].is_word() || !shouting(first) {
        return None;
    }
    let mut in_parens = false;
    for t in first..sentence.end.min(first + 12) {
        let raw = view.raw(t);
        match raw {
            "—" | "–" | "--" | "-" if t > first => return Some(t),
            "(" => in_parens = true,
            ")" => in_parens = false,
            "," | "." => {}
            _ if in_parens || view.tokens[t].is_word() && raw.starts_with(char::is_uppercase) => {}
            _ => return None,
        }
    }
    None
}

/// Place mentions (byte spans) as token ranges. A place joined by a
/// hyphen to a capitalised word is part of a name ("Detroit-Hamtramck
/// Assembly" is a plant), not where anything is.
pub fn to_tokens(view: &TokenText, mentions: &[PlaceMention]) -> Vec<PlaceTokens> {
    let hyphen_glued = |at: usize| at < view.len() && view.raw(at) == "-" && view.tokens[at].glued;
    let named_with = |word: usize| {
        word < view.len() && view.tokens[word].glued && view.tokens[word].is_word() && starts_upper(view.raw(word))
    };
    mentions
        .iter()
        .filter_map(|m| {
            let first = view.tokens.partition_point(|t| t.end <= m.start);
            let last = view.tokens.partition_point(|t| t.start < m.end).checked_sub(1)?;
            let in_name = (hyphen_glued(last + 1) && named_with(last + 2))
                || (first >= 2
                    && hyphen_glued(first - 1)
                    && view.tokens[first].glued
                    && view.tokens[first - 2].is_word()
                    && starts_upper(view.raw(first - 2)));
            (first <= last && first < view.tokens.len() && !in_name).then_some(PlaceTokens {
                first,
                last,
                place: m.place,
            })
        })
        .collect()
}

/// The places right after a quantity: "in X", "in X, Y and Z", "in the
/// state of X", or a place word right after it ("nationwide"). `from` is the
/// first token after the number, `np_end` the end of its counted noun.
pub fn after(
    view: &TokenText,
    places: &[PlaceTokens],
    from: usize,
    np_end: usize,
    to: usize,
    lexicon: &Lexicon,
) -> Vec<PlaceId> {
    let (gazetteer, words) = (&lexicon.gazetteer, &lexicon.function_words);
    let start = places.partition_point(|p| p.first < from);
    if places.get(start).is_none_or(|p| p.first >= to) {
        return Vec::new();
    }
    let first = places[start];
    let mut t = first.first;
    let adjacent = t == from || t == np_end + 1 || (t <= np_end && t > from);
    while t > from && words.place_frames.contains_token(view, t - 1) {
        t -= 1;
    }
    let located = t > from && words.locatives.contains_token(view, t - 1);
    let near = t <= np_end.max(from) + 8;
    let national = gazetteer.place(first.place).kind == crate::lexicon::PlaceKind::Country && first.first <= np_end + 1;
    if !(adjacent || (located && near) || national) {
        return Vec::new();
    }
    let mut out = vec![first.place];
    let mut end = first.last;
    for p in &places[start + 1..] {
        let gap: Vec<&str> = (end + 1..p.first).map(|k| view.low(k)).collect();
        let joins = !gap.is_empty()
            && gap.iter().all(|w| matches!(*w, "," | "and" | ";" | "or") || words.place_frames.contains_word(w));
        if !joins || p.first >= to + 12 {
            break;
        }
        out.push(p.place);
        end = p.last;
    }
    out.sort();
    out.dedup();
    out
}

/// Whether a place mention says where something is: after "in", "at",
/// "across" and the like ("in the holy city of Mecca", "in Paradise"), a
/// word for the whole country, or the subject of a verb ("Philadelphia
/// felt the brunt"); not a place used as a name or an attribution ("Saudi
/// officials", "the Butte County Sheriff").
fn located(view: &TokenText, tags: &Tags, p: &PlaceTokens, lexicon: &Lexicon) -> bool {
    let before = word_before(view, p, lexicon);
    // A place after "to" right before a verb is that preposition's object,
    // not the verb's subject: "the toll from a stampede at the pilgrimage
    // to Mecca has risen to 717" is no figure of Mecca.
    if matches!(tags.at(p.last + 1), Some(Pos::Verb | Pos::Aux)) && !destination(view, p, lexicon) {
        return true;
    }
    before.is_some_and(|w| lexicon.function_words.locatives.contains_word(w) && w != "from")
        || view.raw(p.first).starts_with(char::is_lowercase)
}

/// The word before a place mention and the frame words around it ("in"
/// in "in the city of Mecca").
fn word_before<'a>(view: &'a TokenText, p: &PlaceTokens, lexicon: &Lexicon) -> Option<&'a str> {
    let mut t = p.first;
    while t > 0 && lexicon.function_words.place_frames.contains_token(view, t - 1) {
        t -= 1;
    }
    t.checked_sub(1).map(|b| view.low(b))
}

/// Whether a place mention is where something goes ("the highway to
/// Varna", "flights into Paris") or a bearing from it ("the city, just
/// east of Toronto"), which says nothing of where a figure was counted.
pub fn destination(view: &TokenText, p: &PlaceTokens, lexicon: &Lexicon) -> bool {
    let words = &lexicon.function_words;
    let bearing = p.first >= 2 && view.low(p.first - 1) == "of" && words.bearings.contains_token(view, p.first - 2);
    bearing || word_before(view, p, lexicon).is_some_and(|w| words.destinations.contains_word(w))
}

/// The first place of a sentence (`range` its tokens) that locates something.
pub fn anywhere(
    (view, tags): (&TokenText, &Tags),
    places: &[PlaceTokens],
    range: &std::ops::Range<usize>,
    lexicon: &Lexicon,
) -> Option<PlaceId> {
    let from = places.partition_point(|p| p.first < range.start);
    places[from..]
        .iter()
        .take_while(|p| p.first < range.end)
        .find(|p| p.last < range.end && located(view, tags, p, lexicon))
        .map(|p| p.place)
}

/// The nearest place before token `before` in tokens `from..before` that
/// locates something.
pub fn before(
    (view, tags): (&TokenText, &Tags),
    places: &[PlaceTokens],
    (from, before): (usize, usize),
    lexicon: &Lexicon,
) -> Option<PlaceId> {
    let (lo, hi) = (places.partition_point(|p| p.first < from), places.partition_point(|p| p.first < before));
    places[lo..hi].iter().rev().find(|p| p.last < before && located(view, tags, p, lexicon)).map(|p| p.place)
}

/// Whether what a counted noun ending at `np_end` counts is put away from
/// any place ("two facilities outside North America"): then no place of
/// its sentence is its place.
pub fn elsewhere(view: &TokenText, np_end: usize, stop: usize, lexicon: &Lexicon) -> bool {
    np_end + 1 < stop && lexicon.function_words.exclusions.contains_token(view, np_end + 1)
}

/// The scope of a quantity whose number spans tokens `first..=last` of a
/// sentence (`sentence` its token range) and whose counted noun ends at
/// `np_end`; `stop` is where the next quantity starts. Places written with
/// the figure ("107 arrests in Philly") are read with more confidence than
/// the nearest place before it in the sentence ("the Butte County Sheriff
/// said the toll rose to 42").
pub fn scope(
    (view, tags): (&TokenText, &Tags),
    places: &[PlaceTokens],
    sentence: &std::ops::Range<usize>,
    (first, last, np_end, stop): (usize, usize, usize, usize),
    lexicon: &Lexicon,
) -> (Vec<PlaceId>, crate::claim::Confidence) {
    let found = after(view, places, last + 1, np_end, stop.min(np_end + 9), lexicon);
    if !found.is_empty() {
        return (found, crate::claim::Confidence::High);
    }
    // A place that heads its figure as a label ("Iran: 169 dead", a fact box's line).
    let near = places.partition_point(|p| p.first < first.saturating_sub(8));
    if let Some(p) = places[near..]
        .iter()
        .take_while(|p| p.first < first)
        .find(|p| p.last + 2 == first && p.first >= sentence.start && view.raw(p.last + 1) == ":")
    {
        return (vec![p.place], crate::claim::Confidence::High);
    }
    (
        before((view, tags), places, (sentence.start, first), lexicon).into_iter().collect(),
        crate::claim::Confidence::Medium,
    )
}
