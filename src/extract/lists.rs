//! Lists after a count: "six other cities – Baltimore; Denver; Los Angeles;
//! New York; Portland, Oregon; and Washington, D.C.": the items the count
//! announces, so the count can be checked against them.

use super::places::PlaceTokens;
use crate::lexicon::TokenText;

/// Marks that open a list right after a counted noun.
const OPENERS: &[&str] = &["–", "—", ":", "-"];

/// The items of a list opened right after token `end` (the counted noun),
/// as byte spans; `None` when no list follows.
pub fn after(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    end: usize,
    places: &[PlaceTokens],
) -> Option<Vec<(usize, usize)>> {
    let open = end + 1;
    if open >= range.end || !OPENERS.contains(&view.raw(open)) {
        return None;
    }
    let body = open + 1..range.end;
    let semicolons = body.clone().any(|t| view.raw(t) == ";");
    let mut items = Vec::new();
    let mut start = body.start;
    let mut t = body.start;
    let flush = |items: &mut Vec<(usize, usize)>, s: usize, e: usize| {
        let mut s = s;
        while s < e && matches!(view.low(s), "and" | "or") {
            s += 1;
        }
        let mut e = e;
        while e > s
            && matches!(view.raw(e - 1), "." | "," | ";")
            && !(view.raw(e - 1) == "." && view.tokens[e - 1].glued && e >= 2 && view.raw(e - 2).len() == 1)
        {
            e -= 1;
        }
        if e > s {
            items.push((view.tokens[s].start, view.tokens[e - 1].end));
        }
    };
    while t < body.end {
        let raw = view.raw(t);
        // A comma inside a place name ("Portland, Oregon") separates nothing.
        let inside_place = places[..places.partition_point(|p| p.first < t)].iter().rev().take(4).any(|p| t < p.last);
        let separator =
            !inside_place && if semicolons { raw == ";" } else { raw == "," || (view.low(t) == "and" && t > start) };
        if separator {
            flush(&mut items, start, t);
            start = t + 1;
        }
        t += 1;
    }
    flush(&mut items, start, body.end);
    (items.len() >= 2).then_some(items)
}
