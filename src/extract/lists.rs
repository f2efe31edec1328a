//! Lists after a count: "six other cities – Baltimore; Denver; Los Angeles;
//! New York; Portland, Oregon; and Washington, D.C.", after "as", as names
//! set off by a comma, or one per line after a colon: the items the count
//! announces, so the count can be checked against them.

use super::places::PlaceTokens;
use crate::lexicon::{Speech, TokenText};

/// Marks that open a list right after a counted noun.
const OPENERS: &[&str] = &["–", "—", ":", "-"];

/// Dashes that may set an aside off a sentence.
const DASHES: &[&str] = &["–", "—"];

/// How many words of an "of" phrase may stand between a count and the
/// "as" that opens its list ("the first three of the victims of the Camp
/// Fire as ...").
const AS_REACH: usize = 8;

/// The items of a list the count ending at token `end` (its counted noun)
/// announces, as byte spans; `None` when none follows. A list opens right
/// after the count with a dash or colon ("six other cities – Baltimore;
/// ..."), after "as" past the count's "of" phrase ("identified the first
/// three of the victims as Ernest Foss, 65, of Paradise; ..."), or as names
/// set off by a comma ("two of his pacemakers, Sammy Kitwara and Bernard
/// Kipkemboi").
pub fn after(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    end: usize,
    (places, speech): (&[PlaceTokens], &Speech),
) -> Option<Vec<(usize, usize)>> {
    let open = end + 1;
    if open >= range.end {
        return None;
    }
    if view.raw(open) == "," {
        return names(view, range, open + 1);
    }
    if OPENERS.contains(&view.raw(open)) {
        // "700 rescue workers — some from as far away as Taiwan and Israel
        // — continued digging": a second dash closes an aside, no list.
        if view.raw(open) != ":" && (open + 1..range.end).any(|t| DASHES.contains(&view.raw(t))) {
            return None;
        }
        // "two locations: Queens and Arlington, the Times reported": the
        // attribution after the last item is none of them.
        let body_end = attribution_start(view, open + 1..range.end, speech).unwrap_or(range.end);
        return items(view, open + 1..body_end, places);
    }
    // "the first three of the victims of the Camp Fire as ...", "two of
    // his designated pacemakers, Sammy Kitwara and ...": past the count's
    // "of" phrase, words only, to "as" and a capitalized item or to names
    // set off by a comma.
    if view.low(open) != "of" {
        return None;
    }
    let phrase_end =
        (open..range.end.min(open + AS_REACH)).find(|&t| !view.tokens[t].is_word() || view.low(t) == "as")?;
    if view.raw(phrase_end) == "," {
        return names(view, range, phrase_end + 1);
    }
    if view.low(phrase_end) != "as" {
        return None;
    }
    let first = phrase_end + 1;
    if first >= range.end || !view.raw(first).starts_with(char::is_uppercase) {
        return None;
    }
    items(view, first..range.end, places).filter(|items| items.len() >= 2)
}

/// Where an attribution closing a list's sentence starts: the comma
/// before a last clause that holds a verb of speech or of reporting (",
/// The New York Times reported on Monday").
fn attribution_start(view: &TokenText, body: std::ops::Range<usize>, speech: &Speech) -> Option<usize> {
    let comma = body.clone().rev().find(|&t| view.raw(t) == ",")?;
    (comma + 1..body.end)
        .any(|t| speech.verbs.match_at(view, t).is_some() || speech.reporting.match_at(view, t).is_some())
        .then_some(comma)
}

/// How many words a line of a list may have ("Ernest Foss, age 65, from
/// Paradise").
const LINE_WORDS: usize = 12;

/// The most lines a list set out one per line may have.
const MAX_LINES: usize = 50;

/// A list set out one item per paragraph after a count whose sentence ends
/// with a colon ("The three victims identified were:" and a name on each
/// line after it): the short paragraphs that follow, up to the first long
/// one. `si` is the count's sentence, `end` its counted noun.
pub fn lines_after(
    view: &TokenText,
    sentences: &[crate::segment::Sentence],
    si: usize,
    end: usize,
) -> Option<Vec<(usize, usize)>> {
    let sentence = &sentences[si];
    let last = sentence.tokens.end.checked_sub(1)?;
    if view.raw(last) != ":" || (end + 1..last).any(|t| !view.tokens[t].is_word()) {
        return None;
    }
    let mut items = Vec::new();
    let mut paragraph = sentence.paragraph;
    for s in sentences[si + 1..].iter().take(MAX_LINES) {
        if s.tokens.is_empty() {
            break;
        }
        let short = s.tokens.len() <= LINE_WORDS && s.paragraph == paragraph + 1;
        let ends_sentence = s.tokens.end.checked_sub(1).is_some_and(|t| matches!(view.raw(t), "." | "!" | "?"));
        if !short || ends_sentence {
            break;
        }
        items.push((view.tokens[s.tokens.start].start, view.tokens[s.tokens.end - 1].end));
        paragraph = s.paragraph;
    }
    (items.len() >= 2).then_some(items)
}

/// Names set off by a comma after a count: capitalized words joined by
/// "and" or commas, up to the first word that is neither ("Sammy Kitwara
/// and Bernard Kipkemboi falling out"). Two names at least.
fn names(view: &TokenText, range: &std::ops::Range<usize>, from: usize) -> Option<Vec<(usize, usize)>> {
    let capital = |t: usize| view.tokens[t].is_word() && view.raw(t).starts_with(char::is_uppercase);
    let mut items = Vec::new();
    let mut t = from;
    loop {
        let start = t;
        while t < range.end && capital(t) {
            t += 1;
        }
        // A name is two capitalized words at least: "Sammy Kitwara".
        if t < start + 2 {
            return None;
        }
        items.push((view.tokens[start].start, view.tokens[t - 1].end));
        match (t < range.end).then(|| view.low(t)) {
            Some("and") => t += 1,
            Some(",") if t + 1 < range.end && view.low(t + 1) == "and" => t += 2,
            Some(",") => t += 1,
            _ => break,
        }
        if t >= range.end || !capital(t) {
            break;
        }
    }
    (items.len() >= 2).then_some(items)
}

/// The items of a list running from the tokens of `body` to the end of
/// its sentence, split at semicolons when it has any, else at commas and
/// "and".
fn items(view: &TokenText, body: std::ops::Range<usize>, places: &[PlaceTokens]) -> Option<Vec<(usize, usize)>> {
    let semicolons = body.clone().any(|t| view.raw(t) == ";");
    let mut items = Vec::new();
    let mut start = body.start;
    let mut t = body.start;
    // In a list of names split at commas, a piece that opens with a number
    // or a lower-case word is the details of the name before it ("Ana
    // Ruiz, 34, of Dorley, and Ben Hale, 61, of Marsh" names two).
    let named = view.raw(body.start).starts_with(char::is_uppercase);
    let flush = |items: &mut Vec<(usize, usize)>, s: usize, e: usize| {
        let mut s = s;
        let joined = s < e && matches!(view.low(s), "and" | "or");
        while s < e && matches!(view.low(s), "and" | "or") {
            s += 1;
        }
        let detail = !semicolons
            && named
            && !joined
            && s < e
            && (view.tokens[s].is_number() || view.raw(s).starts_with(char::is_lowercase));
        let mut e = e;
        while e > s
            && matches!(view.raw(e - 1), "." | "," | ";")
            && !(view.raw(e - 1) == "." && view.tokens[e - 1].glued && e >= 2 && view.raw(e - 2).len() == 1)
        {
            e -= 1;
        }
        match items.last_mut() {
            Some(last) if e > s && detail => last.1 = view.tokens[e - 1].end,
            _ if e > s => items.push((view.tokens[s].start, view.tokens[e - 1].end)),
            _ => {}
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
