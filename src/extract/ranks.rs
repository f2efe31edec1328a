//! Places, counts of times, editions and counted idioms: ordinals and
//! phrases that state a figure without digits ("came second", "Wilson
//! Kipsang third in 2:06:47", "for the third time", "the 45th Berlin
//! Marathon", "a hat-trick"), read with the lexicon `ordinals.toml`. Each
//! comes with what it counts, since the way it is written says so.

use super::quantities::QuantityMatch;
use crate::claim::Interval;
use crate::lexicon::{Lexicon, TokenText};
use crate::tokens::starts_upper;

/// An ordinal at token `i`: its value and last token ("third"; "45th" is two tokens).
fn ordinal_at(view: &TokenText, range: &std::ops::Range<usize>, i: usize, lexicon: &Lexicon) -> Option<(u32, usize)> {
    if let Some((n, &v)) = lexicon.ordinals.words.match_at(view, i).filter(|_| i < range.end) {
        return Some((v, i + n - 1));
    }
    let digits = view.tokens.get(i).filter(|t| t.is_number() && i + 1 < range.end)?;
    let suffix = view.tokens[i + 1];
    (suffix.glued && suffix.is_word() && lexicon.not_quantities.ordinals.contains_token(view, i + 1))
        .then(|| view.raw(i).parse().ok())
        .flatten()
        .filter(|_| digits.end == suffix.start)
        .map(|v| (v, i + 1))
}

fn figure(first: usize, last: usize, value: f64, measure: &str) -> QuantityMatch {
    QuantityMatch {
        first,
        last,
        value: Some(value),
        interval: Interval::point(value),
        approx: "exact".into(),
        rounded: false,
        unit: None,
        compound: false,
        individual: false,
        change: None,
        measure: Some(measure.to_string()),
    }
}

/// The places, counts of times, editions and idioms of tokens `range`,
/// skipping tokens in `taken` (dates).
pub fn find(view: &TokenText, range: std::ops::Range<usize>, taken: &[bool], lexicon: &Lexicon) -> Vec<QuantityMatch> {
    let o = &lexicon.ordinals;
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if taken[i] {
            i += 1;
            continue;
        }
        if let Some((n, idiom)) = o.idioms.match_at(view, i).filter(|(n, _)| i + n <= range.end) {
            let last = i + n - 1;
            // A noun ("the Kenyan double"), not a verb ("double its spending"):
            // a determiner shortly before, and nothing but words between.
            let noun = n > 1
                || (i.saturating_sub(3).max(range.start)..i)
                    .rev()
                    .take_while(|&t| view.tokens[t].is_word())
                    .any(|t| o.determiners.match_at(view, t).is_some());
            let compound = last + 1 < range.end && view.raw(last + 1) == "-" && view.tokens[last + 1].glued;
            if noun && !compound {
                out.push(figure(i, last, idiom.value, &idiom.measure));
                i = last + 1;
                continue;
            }
        }
        if let Some((value, last)) = ordinal_at(view, &range, i, lexicon) {
            let before = |k: usize| (k > range.start).then(|| k - 1);
            let article_before = before(i).filter(|&b| matches!(view.low(b), "a" | "an" | "the"));
            // "came second", "finished in third".
            let verb_at = before(i).and_then(|b| if view.low(b) == "in" { before(b) } else { Some(b) });
            let placed = verb_at.is_some_and(|v| o.place_verbs.match_ending_at(view, v).is_some())
                // "followed by a third Kenyan".
                || article_before.and_then(before).is_some_and(|b| o.place_after.match_ending_at(view, b).is_some())
                // "Wilson Kipsang third in 2:06:47".
                || (before(i).is_some_and(|b| view.tokens[b].is_word() && starts_upper(view.raw(b)))
                    && before(i).and_then(before).is_some_and(|b| view.tokens[b].is_word() && starts_upper(view.raw(b)))
                    && o.name_place_next.match_at(view, last + 1).is_some());
            if placed {
                out.push(figure(i, last, f64::from(value), &o.place_measure));
                i = last + 1;
                continue;
            }
            // "for the third time", "the third time": from the second on.
            if value >= 2 && article_before.is_some() && o.times.match_at(view, last + 1).is_some() {
                let first = article_before.unwrap_or(i);
                out.push(figure(first, last + 1, f64::from(value), &o.times_measure));
                i = last + 2;
                continue;
            }
            // "winning his third Berlin Marathon": the third time he won it.
            let possessive = before(i).filter(|&b| o.possessives.match_at(view, b).is_some());
            let won = possessive.and_then(before).is_some_and(|v| o.times_won.match_ending_at(view, v).is_some());
            if let Some(first) = possessive.filter(|_| won && value >= 2) {
                let name_end = (last + 1..range.end.min(last + 5))
                    .take_while(|&t| view.tokens[t].is_word() && starts_upper(view.raw(t)))
                    .last();
                if let Some(end) = name_end {
                    out.push(figure(first, end, f64::from(value), &o.times_measure));
                    i = end + 1;
                    continue;
                }
            }
            // "the 45th Berlin Marathon": a digit ordinal before a name.
            if last > i && article_before.is_some() && last + 1 < range.end && starts_upper(view.raw(last + 1)) {
                out.push(figure(i, last, f64::from(value), &o.edition_measure));
                i = last + 1;
                continue;
            }
            i = last + 1;
            continue;
        }
        i += 1;
    }
    out
}
