//! Superlatives and rankings: "more X than any other city", "More
//! individuals were arrested in Philadelphia than in any of the other nine
//! municipalities", "the highest single-city total", "the largest number of
//! people", "a record", "more arrests than ever".

use crate::lexicon::{Lexicon, TokenText};

#[derive(Debug, Clone, PartialEq)]
pub struct SuperlativeMention {
    pub first: usize,
    pub last: usize,
    /// The words after the ranking that name the rest of the field.
    pub rivals: String,
    /// The first token of the rivals phrase ("than any other ..."), or one
    /// past the end when there is none.
    pub rivals_at: usize,
    /// A record against the past ("than ever"), not a ranking among peers.
    pub record: bool,
}

fn is_break(view: &TokenText, t: usize) -> bool {
    matches!(view.raw(t), "," | ";" | ":" | "." | "!" | "?" | "“" | "”" | "\"" | "(" | ")")
}

/// The end of the noun phrase after `t`: up to a break or a few words.
fn phrase_end(view: &TokenText, range: &std::ops::Range<usize>, t: usize, max: usize) -> usize {
    let mut e = t;
    while e + 1 < range.end && e + 1 < t + max && !is_break(view, e + 1) {
        e += 1;
    }
    e
}

pub fn find(view: &TokenText, range: std::ops::Range<usize>, lexicon: &Lexicon) -> Vec<SuperlativeMention> {
    let sup = &lexicon.superlatives;
    let mut out: Vec<SuperlativeMention> = Vec::new();
    let mut t = range.start;
    while t < range.end {
        // "... than any other X", "... than ever": back to the comparative.
        if let Some((n, _)) = sup.rivals.match_at(view, t) {
            let start = (range.start.max(t.saturating_sub(12))..t)
                .rev()
                .take_while(|&k| !matches!(view.raw(k), ";" | "." | "“" | "”"))
                .find(|&k| sup.comparatives.match_at(view, k).is_some());
            if let Some(start) = start {
                let record =
                    view.low(t + n - 1) == "ever" || view.low(t + n - 1) == "before" || view.low(t + n - 1) == "time";
                let last = if record { t + n - 1 } else { phrase_end(view, &range, t + n - 1, 8) };
                let rivals = (t + n..=last).map(|k| view.raw(k)).collect::<Vec<_>>().join(" ");
                out.push(SuperlativeMention { first: start, last, rivals, rivals_at: t, record });
                t = last + 1;
                continue;
            }
        }
        // "the highest single-city total", "the largest number of people".
        if view.low(t) == "the"
            && let Some((n, _)) = sup.adjectives.match_at(view, t + 1)
        {
            let adj_end = t + n;
            let most = matches!(view.low(t + 1), "most" | "least");
            let blocked = adj_end + 1 < range.end && sup.not_after_most.match_at(view, adj_end + 1).is_some();
            let continues = adj_end + 1 < range.end && !is_break(view, adj_end + 1) && view.low(adj_end + 1) != "of";
            if !blocked && (continues || !most) {
                let mut last = phrase_end(view, &range, adj_end, 5);
                if last + 2 < range.end && view.low(last + 1) == "of" {
                    last = phrase_end(view, &range, last + 2, 3);
                }
                out.push(SuperlativeMention {
                    first: t,
                    last,
                    rivals: String::new(),
                    rivals_at: last + 1,
                    record: false,
                });
                t = last + 1;
                continue;
            }
        }
        // "a record 300 arrests", "record-high".
        if let Some((n, _)) = sup.records.match_at(view, t) {
            let last = phrase_end(view, &range, t + n - 1, 4);
            out.push(SuperlativeMention { first: t, last, rivals: String::new(), rivals_at: last + 1, record: true });
            t = last + 1;
            continue;
        }
        t += 1;
    }
    out
}
