//! Named events: "Operation Safe City", a quoted name after "dubbed", a
//! quoted name before "operation", and phases ("Phase 2"), each resolved to
//! a key that matches however the text writes the name.

use crate::claim::EventRef;
use crate::lexicon::{Lexicon, TokenText};
use crate::tokens::starts_upper;

#[derive(Debug, Clone)]
pub struct EventMention {
    pub first: usize,
    pub last: usize,
    /// `None` for a phase named without its event ("as part of Phase 1").
    pub event: Option<EventRef>,
    pub phase: Option<u32>,
    /// What a happening named by a name and its kind is ("disaster" for
    /// "Mina crush" and "Hajj stampede"); `None` for other names.
    pub kind: Option<String>,
}

const QUOTES: &[&str] = &["\"", "“", "”", "'", "‘", "’"];

/// The key of an event name: lower case, quotes and punctuation dropped.
pub fn key_of(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Capitalized words from `t` (quotes around them allowed): their token range.
fn capitalized_run(view: &TokenText, range: &std::ops::Range<usize>, mut t: usize) -> Option<(usize, usize)> {
    while t < range.end && QUOTES.contains(&view.raw(t)) {
        t += 1;
    }
    let start = t;
    let mut last = None;
    while t < range.end {
        let w = view.raw(t);
        if view.tokens[t].is_word() && starts_upper(w) && !view.low(t).eq("phase") {
            last = Some(t);
            t += 1;
        } else if matches!(view.low(t), "of" | "and" | "the")
            && last.is_some()
            && t + 1 < range.end
            && starts_upper(view.raw(t + 1))
        {
            t += 1;
        } else {
            break;
        }
    }
    last.map(|l| (start, l))
}

/// The capitalized words right before token `t` ("Camp" in "Camp Fire",
/// "BMW Berlin" in "BMW Berlin Marathon"): the first of them.
fn name_before(view: &TokenText, range: &std::ops::Range<usize>, t: usize) -> Option<usize> {
    let mut first = t;
    while first > range.start {
        let k = first - 1;
        if view.tokens[k].is_word() && starts_upper(view.raw(k)) && !view.low(k).eq("the") {
            first = k;
        } else {
            break;
        }
    }
    (first < t).then_some(first)
}

/// Whether a sentence is written in title case, as headlines are: every
/// word but the function words ("in", "of", "the") capitalized, three at
/// least. "Taro Sankei won the Osaka Bay Marathon" is prose: "won" is not.
/// Prose fails at its first lower-case word that is no function word, so
/// most sentences are decided in a few words.
fn title_case(view: &TokenText, range: &std::ops::Range<usize>, lexicon: &Lexicon) -> bool {
    let mut capitalized = 0;
    for t in range.clone().filter(|&t| view.tokens[t].is_word()) {
        if lexicon.function_words.words.contains_token(view, t) {
            continue;
        }
        if !starts_upper(view.raw(t)) {
            return false;
        }
        capitalized += 1;
    }
    capitalized >= 3
}

/// Whether tokens `first..until` are only place names ("California").
fn only_places(view: &TokenText, first: usize, until: usize, lexicon: &Lexicon) -> bool {
    let text = &view.text[view.tokens[first].start..view.tokens[until - 1].end];
    lexicon.gazetteer.find(text).iter().any(|m| m.start == 0 && m.end == text.len())
}

fn text_of(view: &TokenText, first: usize, last: usize) -> String {
    (first..=last).map(|t| view.raw(t)).collect::<Vec<_>>().join(" ")
}

/// The phase after token `t`: "Phase 2", ", Phase 2".
fn phase_at(view: &TokenText, range: &std::ops::Range<usize>, mut t: usize, lexicon: &Lexicon) -> Option<(u32, usize)> {
    if t < range.end && view.raw(t) == "," {
        t += 1;
    }
    let (n, _) = lexicon.events.phases.match_at(view, t)?;
    let num = t + n;
    (num < range.end && view.tokens[num].is_number()).then(|| view.raw(num).parse().ok().map(|p| (p, num))).flatten()
}

/// The event mentions of tokens `range`.
pub fn find(view: &TokenText, range: std::ops::Range<usize>, lexicon: &Lexicon) -> Vec<EventMention> {
    let ev = &lexicon.events;
    let headline = title_case(view, &range, lexicon);
    let mut out = Vec::new();
    let mut t = range.start;
    while t < range.end {
        // "Operation Safe City", "Hurricane Sandy".
        if starts_upper(view.raw(t))
            && let Some((n, pattern)) = ev.cues.match_at(view, t)
            && let Some((name_first, name_last)) = capitalized_run(view, &range, t + n)
        {
            let bare = text_of(view, name_first, name_last);
            let cue = text_of(view, t, t + n - 1);
            let name = format!("{cue} {bare}");
            let key = if pattern.keep_cue { key_of(&name) } else { key_of(&bare) };
            let mut last = name_last;
            while last + 1 < range.end && QUOTES.contains(&view.raw(last + 1)) {
                last += 1;
            }
            let phase = phase_at(view, &range, last + 1, lexicon);
            if let Some((_, p_last)) = phase {
                last = p_last;
            }
            out.push(EventMention {
                first: t,
                last,
                event: Some(EventRef {
                    key: key.into(),
                    name: name.into(),
                    phase: phase.map(|p| p.0),
                    distinctive: true,
                }),
                phase: phase.map(|p| p.0),
                kind: None,
            });
            t = last + 1;
            continue;
        }
        // dubbed "Safe City"
        if let Some((n, _)) = ev.dubbed.match_at(view, t)
            && t + n < range.end
            && QUOTES.contains(&view.raw(t + n))
            && let Some((first, last)) = capitalized_run(view, &range, t + n)
        {
            let bare = text_of(view, first, last);
            out.push(EventMention {
                first: t,
                last,
                event: Some(EventRef { key: key_of(&bare).into(), name: bare.into(), phase: None, distinctive: true }),
                phase: None,
                kind: None,
            });
            t = last + 1;
            continue;
        }
        // the "Safe City" operation
        if view.tokens[t].is_symbol()
            && QUOTES.contains(&view.raw(t))
            && let Some((first, last)) = capitalized_run(view, &range, t)
        {
            let mut after = last + 1;
            while after < range.end && QUOTES.contains(&view.raw(after)) {
                after += 1;
            }
            if after < range.end && after > last + 1 && ev.nouns.match_at(view, after).is_some() {
                let bare = text_of(view, first, last);
                out.push(EventMention {
                    first: t,
                    last: after,
                    event: Some(EventRef {
                        key: key_of(&bare).into(),
                        name: bare.into(),
                        phase: None,
                        distinctive: true,
                    }),
                    phase: None,
                    kind: None,
                });
                t = after + 1;
                continue;
            }
        }
        // "Camp Fire", "the 2018 BMW Berlin Marathon": a capitalized name,
        // then its kind. In a headline every word is capitalized, and the
        // name would take in its verb ("Kipchoge Breaks Marathon World
        // Record"): its figures keep the story's event.
        if !headline
            && let Some((n, pattern)) = ev.after_cues.match_at(view, t)
            && t + n <= range.end
            && let Some(name_first) = name_before(view, &range, t)
            && (pattern.place_names || !only_places(view, name_first, t, lexicon))
            && lexicon.speech.verbs.match_at(view, t + n).is_none()
        {
            let last = t + n - 1;
            let name = text_of(view, name_first, last);
            let key = key_of(&text_of(view, t - 1, last));
            out.push(EventMention {
                first: name_first,
                last,
                event: Some(EventRef { key: key.into(), name: name.into(), phase: None, distinctive: false }),
                phase: None,
                kind: Some(pattern.kind.clone()),
            });
            t = last + 1;
            continue;
        }
        // A phase alone: "as a part of Phase 1".
        if starts_upper(view.raw(t))
            && let Some((p, last)) = phase_at(view, &range, t, lexicon)
        {
            out.push(EventMention { first: t, last, event: None, phase: Some(p), kind: None });
            t = last + 1;
            continue;
        }
        t += 1;
    }
    out
}
