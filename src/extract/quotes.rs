//! Quotations and their speakers: spans between straight or curly quotation
//! marks (an unclosed one runs to the end of its paragraph, as in a
//! headline), attributed by "X said", "said X", "according to X", a
//! speaker named before the quote ("X said in a statement that ...") or the
//! previous quote of the paragraph; a surname or a title ("the mayor") is
//! resolved to the full name met earlier in the article.

use crate::lexicon::{Lexicon, Phrases, TokenText};
use crate::segment::Segments;
use crate::tokens::starts_upper;

#[derive(Debug, Clone, PartialEq)]
pub struct QuoteMention {
    /// Tokens inside the marks.
    pub first: usize,
    pub last: usize,
    pub speaker: Option<String>,
    pub affiliation: Option<String>,
    pub words: Vec<String>,
}

/// The fewest words a quotation needs to be a claim: shorter ones are
/// names and scare quotes ("Safe City", "sanctuary city").
const MIN_WORDS: usize = 3;

#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Double,
    Single,
}

/// The longest quotation, in tokens: marks further apart than this are
/// unbalanced (a missing closing mark in a one-line transcript), not a
/// quotation, and comparing such runs word by word would cost time in the
/// square of their length.
const MAX_QUOTE_TOKENS: usize = 400;

/// Quotation spans (inner token ranges) of one paragraph.
fn spans(view: &TokenText, para: &std::ops::Range<usize>) -> Vec<(usize, usize)> {
    let mut out = raw_spans(view, para);
    out.retain(|&(s, e)| e + 1 - s <= MAX_QUOTE_TOKENS);
    out
}

/// Quotation spans as the marks pair them, however long.
fn raw_spans(view: &TokenText, para: &std::ops::Range<usize>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(Mark, usize)> = None;
    for t in para.clone() {
        let raw = view.raw(t);
        let next_glued_word = t + 1 < para.end && view.tokens[t + 1].glued && view.tokens[t + 1].is_word();
        match (open, raw) {
            (None, "“") => open = Some((Mark::Double, t)),
            (None, "\"") => open = Some((Mark::Double, t)),
            (None, "‘" | "'") if (!view.tokens[t].glued || t == para.start) && next_glued_word => {
                open = Some((Mark::Single, t))
            }
            (Some((Mark::Double, s)), "”" | "\"") => {
                if t > s + 1 {
                    out.push((s + 1, t - 1));
                }
                open = None;
            }
            (Some((Mark::Double, _)), "“") => open = Some((Mark::Double, t)),
            (Some((Mark::Single, s)), "’" | "'") if !next_glued_word => {
                if t > s + 1 {
                    out.push((s + 1, t - 1));
                }
                open = None;
            }
            _ => {}
        }
    }
    if let Some((_, s)) = open
        && s + 1 < para.end
    {
        out.push((s + 1, para.end - 1));
    }
    out
}

/// Lower-cased words of tokens `first..=last`, punctuation dropped.
/// Lower-cased words of tokens `first..=last`, punctuation dropped; an
/// ellipsis ("…", "...") or an editor's bracketed words ("[have]") become
/// the marker [`ELIDED`]: the quote leaves something out there.
pub fn words_of(view: &TokenText, first: usize, last: usize, contractions: &Phrases<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut bracket = false;
    let mut t = first;
    while t <= last {
        let raw = view.raw(t);
        let elided = match raw {
            "[" => {
                bracket = true;
                true
            }
            "]" => {
                bracket = false;
                false
            }
            "…" => true,
            "." => {
                t + 2 <= last && view.raw(t + 1) == "." && view.raw(t + 2) == "." && {
                    t += 2;
                    true
                }
            }
            _ => false,
        };
        if elided {
            if out.last().is_none_or(|w| w != ELIDED) {
                out.push(ELIDED.to_string());
            }
        } else if !bracket && !view.tokens[t].is_symbol() {
            let word = view.low(t).replace('’', "'");
            match expand(&word, contractions) {
                Some(parts) => out.extend(parts),
                None => out.push(word),
            }
        }
        t += 1;
    }
    out
}

/// A contraction written out ("we've" is "we have", "can't" is "can not"),
/// so that two quotations differing only there read the same.
fn expand(word: &str, contractions: &Phrases<String>) -> Option<Vec<String>> {
    let lookup = |text: &str| -> Option<String> {
        // Letters alone are one token: most words of a quotation.
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphabetic()) {
            return contractions.word_value(text).cloned();
        }
        let tokens = crate::tokens::tokenize(text);
        let view = TokenText { text, lower: text, tokens: &tokens };
        contractions.match_at(&view, 0).filter(|(n, _)| *n == tokens.len()).map(|(_, full)| full.clone())
    };
    // A whole word first ("won't"), then a stem and an ending ("we" + "'ve", "do" + "n't").
    if let Some(full) = lookup(word) {
        return Some(full.split_whitespace().map(str::to_string).collect());
    }
    let (stem, tail) = word.split_once('\'')?;
    let (stem, tail) = match stem.strip_suffix('n') {
        Some(s) if tail == "t" => (s, "n't".to_string()),
        _ => (stem, format!("'{tail}")),
    };
    let full = lookup(&tail)?;
    let mut out = vec![stem.to_string()];
    out.extend(full.split_whitespace().map(str::to_string));
    Some(out)
}

/// Marks where a quotation leaves words out.
pub const ELIDED: &str = "…";

/// A person named in the article, for resolving surnames and titles.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    titles: Vec<String>,
    affiliation: Option<String>,
}

/// The speaker phrase of tokens `first..=last`: a name, with the title and
/// organisation before it ("ICE acting Director Tom Homan").
fn read_speaker(
    view: &TokenText,
    first: usize,
    last: usize,
    lexicon: &Lexicon,
    people: &[Person],
) -> Option<(String, Option<String>)> {
    if first > last {
        return None;
    }
    let speech = &lexicon.speech;
    let words: Vec<usize> = (first..=last).filter(|&t| view.tokens[t].is_word() || view.raw(t) == ".").collect();
    if words.is_empty() {
        return None;
    }
    if words.len() == 1 && speech.pronouns.contains_token(view, words[0]) {
        return people.last().map(|p| (p.name.clone(), p.affiliation.clone()));
    }
    // The last run of capitalized words is the name; a title word ends what comes before it.
    let mut end = None;
    for &t in words.iter().rev() {
        if view.tokens[t].is_word()
            && starts_upper(view.raw(t))
            && speech.titles.match_at(view, t).is_none()
            && !lexicon.function_words.contains(view.low(t))
        {
            end = Some(t);
            break;
        }
    }
    let Some(end) = end else {
        // "the mayor", "a city spokesperson": a title resolved to a person, or the phrase itself.
        let phrase: Vec<&str> = words
            .iter()
            .filter(|&&t| view.tokens[t].is_word() && !lexicon.function_words.contains(view.low(t)))
            .map(|&t| view.raw(t))
            .collect();
        let title = words.iter().rev().find_map(|&t| speech.titles.match_at(view, t).map(|_| view.low(t).to_string()));
        if let Some(title) = title
            && let Some(p) = people.iter().rev().find(|p| p.titles.contains(&title))
        {
            return Some((p.name.clone(), p.affiliation.clone()));
        }
        return (!phrase.is_empty()).then(|| (phrase.join(" "), None));
    };
    let mut start = end;
    while start > first
        && view.tokens[start - 1].is_word()
        && starts_upper(view.raw(start - 1))
        && speech.titles.match_at(view, start - 1).is_none()
    {
        start -= 1;
    }
    let name = (start..=end).filter(|&t| view.tokens[t].is_word()).map(|t| view.raw(t)).collect::<Vec<_>>().join(" ");
    // An organisation before the title: "ICE acting Director", "Philadelphia Mayor".
    let before: Vec<usize> = words.iter().copied().filter(|&t| t < start).collect();
    let org_words: Vec<&str> = before
        .iter()
        .take_while(|&&t| {
            speech.titles.match_at(view, t).is_none()
                && !matches!(view.low(t), "acting" | "interim" | "former" | "deputy" | "local")
        })
        .filter(|&&t| starts_upper(view.raw(t)))
        .map(|&t| view.raw(t))
        .collect();
    let affiliation = (!org_words.is_empty()).then(|| org_words.join(" "));
    // "representatives of Juntos": the organisation is the speaker.
    if start == end && !before.is_empty() && view.low(start - 1) == "of" {
        return Some((name, None));
    }
    // A surname alone: the full name met earlier.
    if start == end
        && let Some(p) = people.iter().rev().find(|p| p.name.ends_with(&format!(" {name}")))
    {
        return Some((p.name.clone(), p.affiliation.clone()));
    }
    Some((name, affiliation))
}

fn remember(
    people: &mut Vec<Person>,
    view: &TokenText,
    first: usize,
    last: usize,
    name: &str,
    affiliation: &Option<String>,
    lexicon: &Lexicon,
) {
    if !name.contains(' ') {
        return;
    }
    let titles: Vec<String> = (first..=last)
        .filter(|&t| lexicon.speech.titles.match_at(view, t).is_some())
        .map(|t| view.low(t).to_string())
        .collect();
    if let Some(p) = people.iter_mut().find(|p| p.name == name) {
        p.titles.extend(titles);
        if p.affiliation.is_none() {
            p.affiliation.clone_from(affiliation);
        }
        return;
    }
    people.push(Person { name: name.to_string(), titles, affiliation: affiliation.clone() });
}

/// Every "Title First Last" of the article, in order, for resolving later
/// surnames and titles ("Mayor Jim Kenney" ... "Kenney said", "the mayor said").
fn people_in(view: &TokenText, lexicon: &Lexicon) -> Vec<(usize, Person)> {
    let mut out = Vec::new();
    let mut t = 0;
    while t < view.len() {
        if let Some((n, _)) = lexicon.speech.titles.match_at(view, t)
            && starts_upper(view.raw(t))
        {
            let mut e = t + n;
            let s = e;
            while e < view.len()
                && view.tokens[e].is_word()
                && starts_upper(view.raw(e))
                && lexicon.speech.titles.match_at(view, e).is_none()
            {
                e += 1;
            }
            if e >= s + 2 && e <= s + 3 {
                let name = (s..e).map(|k| view.raw(k)).collect::<Vec<_>>().join(" ");
                let mut org_start = t;
                while org_start > 0 && view.tokens[org_start - 1].is_word() && starts_upper(view.raw(org_start - 1)) {
                    org_start -= 1;
                }
                let affiliation =
                    (org_start < t).then(|| (org_start..t).map(|k| view.raw(k)).collect::<Vec<_>>().join(" "));
                let titles = (t..t + n).map(|k| view.low(k).to_string()).collect();
                out.push((t, Person { name, titles, affiliation }));
            }
            t = e.max(t + 1);
        } else {
            t += 1;
        }
    }
    out
}

/// The quotations of a document, with speakers.
pub fn find(view: &TokenText, seg: &Segments, lexicon: &Lexicon) -> Vec<QuoteMention> {
    let speech = &lexicon.speech;
    let introduced = people_in(view, lexicon);
    let mut people: Vec<Person> = Vec::new();
    let mut out: Vec<QuoteMention> = Vec::new();
    let mut last_speaker: Option<(String, Option<String>)> = None;
    for para in &seg.paragraphs {
        let mut para_speaker: Option<(String, Option<String>)> = None;
        let para_spans = spans(view, para);
        for (k, &(first, last)) in para_spans.iter().enumerate() {
            for (at, p) in &introduced {
                if *at < first && !people.iter().any(|q| q.name == p.name) {
                    people.push(p.clone());
                }
            }
            let words = words_of(view, first, last, &lexicon.speech.contractions);
            let sentence = &seg.sentences[seg.sentence_of(first)];
            let close = (last + 1).min(para.end);
            let next_quote = para_spans.get(k + 1).map_or(para.end, |n| n.0.saturating_sub(1));
            // After the quote: ", X said" or ", said X" or ", according to X".
            let mut speaker = None;
            let mut t = close + 1;
            while t < next_quote && t < close + 4 && view.tokens[t].is_symbol() {
                t += 1;
            }
            if t < next_quote {
                if let Some((n, _)) = speech.verbs.match_at(view, t).or_else(|| speech.according.match_at(view, t)) {
                    let s = t + n;
                    let e = (s..next_quote)
                        .find(|&e| {
                            matches!(view.raw(e), "," | "." | ";" | ":" | "!" | "?")
                                && !(view.raw(e) == "." && e > 0 && view.tokens[e].glued && view.raw(e - 1).len() == 1)
                        })
                        .unwrap_or(next_quote);
                    speaker = read_speaker(view, s, e.saturating_sub(1), lexicon, &people).map(|r| (r, s, e));
                } else {
                    let v = (t..next_quote.min(t + 10)).find(|&v| speech.verbs.match_at(view, v).is_some());
                    // After a quotation that ends its sentence, "The plan adds
                    // 120 officers" starts a new one: a common noun is no
                    // speaker unless it is a title ("The mayor added").
                    let new_sentence = matches!(view.raw(last), "." | "!" | "?")
                        && lexicon.function_words.contains(view.low(t))
                        && v.is_some_and(|v| !(t..v).any(|x| speech.titles.match_at(view, x).is_some()));
                    if let Some(v) = v
                        && !new_sentence
                        && !(t..v).any(|x| matches!(view.raw(x), "." | ";" | "“" | "\""))
                    {
                        speaker = read_speaker(view, t, v - 1, lexicon, &people).map(|r| (r, t, v));
                    }
                }
            }
            // Before the quote, in its sentence: "X said in a statement that ... “".
            if speaker.is_none() && first > sentence.tokens.start + 1 {
                let open = first - 1;
                let v = (sentence.tokens.start..open).rev().find(|&v| {
                    speech.verbs.match_at(view, v).is_some() || speech.according.match_at(view, v).is_some()
                });
                if let Some(v) = v {
                    if let Some((n, _)) = speech.according.match_at(view, v) {
                        let e = (v + n..open).find(|&e| view.raw(e) == ",").unwrap_or(open);
                        speaker =
                            read_speaker(view, v + n, e.saturating_sub(1), lexicon, &people).map(|r| (r, v + n, e));
                    } else {
                        let s = (sentence.tokens.start..v)
                            .rev()
                            .find(|&s| matches!(view.raw(s), "," | ":" | ";" | "”" | "\""))
                            .map_or(sentence.tokens.start, |s| s + 1);
                        speaker = read_speaker(view, s, v.saturating_sub(1), lexicon, &people).map(|r| (r, s, v));
                    }
                }
            }
            let resolved = match speaker {
                Some(((name, affiliation), s, e)) => {
                    remember(&mut people, view, s, e.saturating_sub(1).max(s), &name, &affiliation, lexicon);
                    Some((name, affiliation))
                }
                None => para_speaker.clone().or_else(|| {
                    if k == 0 && view.tokens[para.start].start == view.tokens[first.saturating_sub(1)].start {
                        last_speaker.clone()
                    } else {
                        None
                    }
                }),
            };
            if resolved.is_some() {
                para_speaker.clone_from(&resolved);
                last_speaker.clone_from(&resolved);
            }
            if words.len() >= MIN_WORDS {
                let (speaker, affiliation) = match resolved {
                    Some((s, a)) => (Some(s), a),
                    None => (None, None),
                };
                out.push(QuoteMention { first, last, speaker, affiliation, words });
            }
        }
    }
    out
}
