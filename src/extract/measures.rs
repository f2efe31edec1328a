//! Measures and categories: what a quantity counts ("107 arrests",
//! "arrested 107 people", "107 people picked up") and, when it counts a
//! subset of it, which one ("317 people with criminal convictions",
//! "immigration fugitives (68)").

use crate::lexicon::{Lexicon, TokenText};
use crate::tokens::starts_upper;

use super::quantities::QuantityMatch;
use super::tags::{Pos, Tags};

/// What the words after a quantity say it counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counted {
    /// The last token of the noun phrase counted (the claim's span ends there).
    pub end: usize,
    pub measure: Option<String>,
    /// The measure came from the noun itself ("arrests") or a verb
    /// ("arrested 107 people"), not from a neighbour.
    pub stated: bool,
    /// The counted noun names a population ("people", "immigrants").
    pub population: bool,
    /// The noun phrase is empty: "28 arrests in Baltimore, 30 in Chicago".
    pub elided: bool,
    pub category: Option<String>,
    /// Where the claim's span starts, when a category before it belongs to it
    /// ("criminal convictions (317)").
    pub start: Option<usize>,
    /// "An additional 18 people": the count continues the previous sentence's
    /// list, whose measure it takes.
    pub continues: bool,
    /// The quantity's unit: a number only takes the measure of a neighbour
    /// with the same unit ("46 people died … more than 3 inches of rain").
    pub unit: Option<String>,
    /// The measure is only the unit's name: nothing in the text says what
    /// "$235.61" is the price of.
    pub from_unit: bool,
    /// The counted noun's head, singular ("building").
    pub noun: Option<String>,
    /// What happened to the counted thing ("destroyed"), canonical.
    pub predicate: Option<String>,
    /// A change, not a level: "eight more bodies", "an additional 13".
    pub increment: bool,
    /// Some of a whole the text does not number ("two of his pacemakers").
    pub partitive: bool,
    /// What someone expected, not what happened ("economists predicted
    /// 1.4 million jobs").
    pub forecast: bool,
    /// The counted noun phrase joins kinds with "and"/"or" ("factory and
    /// white-collar workers"): all of them, so no one category.
    pub coordinated: bool,
}

/// The word that opens the category of a count set apart from one counted
/// before it ("the two other pilgrims": "other", "other turkish").
pub const SET_APART: &str = "other";

/// A noun phrase after a number: its words, whether it joins kinds with
/// "and"/"or", and whether a word before its head makes it a change.
struct NounPhrase {
    words: Vec<usize>,
    coordinated: bool,
    increment: bool,
    /// A word before the noun set the count apart ("the two other pilgrims").
    apart: bool,
}

fn ends_with_ing(word: &str) -> bool {
    word.len() > 5 && word.ends_with("ing")
}

fn ends_with_ed(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ed")
}

fn is_clause_break(view: &TokenText, t: usize) -> bool {
    matches!(view.raw(t), "," | ";" | ":" | "." | "!" | "?" | "(" | ")" | "–" | "—" | "\"" | "“" | "”")
}

/// The tokens before `at`, nearest first, at most `reach` of them, back to
/// a comma, semicolon, colon, bracket, dash or figure: the words a verb or
/// a cue of the figure at `at` may stand among ("raised the official death
/// toll from Hurricane Maria from", "Economists polled by Reuters predicted
/// U.S. employers would hire"). A full stop is no break here: inside a
/// clause it ends an abbreviation ("U.S.").
pub(super) fn back_in_clause(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    at: usize,
    reach: usize,
) -> impl Iterator<Item = usize> {
    (at.saturating_sub(reach).max(range.start)..at)
        .rev()
        .take_while(|&t| !matches!(view.raw(t), "," | ";" | ":" | "(" | "—" | "–") && !view.tokens[t].is_number())
}

/// The words of a noun phrase after `start`: tokens up to a function word,
/// a verb of the measures lexicon, a gerund or punctuation; with parts of
/// speech, also up to a verb, an auxiliary, a preposition or a pronoun the
/// lexicon does not know as a noun. Modifiers joined by "and"/"or" before
/// one head stay in ("14,700 factory and white-collar workers").
fn noun_phrase(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    start: usize,
    tags: &Tags,
    lexicon: &Lexicon,
) -> NounPhrase {
    let m = &lexicon.measures;
    let mut np = NounPhrase { words: Vec::new(), coordinated: false, increment: false, apart: false };
    let known_noun = |t: usize| m.population.match_at(view, t).is_some() || m.nouns.match_at(view, t).is_some();
    let mut t = start;
    while t < range.end && np.words.len() < 5 {
        let tok = view.tokens[t];
        if tok.is_word() {
            let w = view.low(t);
            if np.words.is_empty() && m.modifiers.contains_word(w) {
                // "six more people": a change; "hundreds more": others.
                let noun_follows = t + 1 < range.end
                    && view.tokens[t + 1].is_word()
                    && !lexicon.function_words.contains(view.low(t + 1));
                np.increment |= m.increments.contains_word(w) && noun_follows;
                np.apart |= m.apart.contains_word(w);
                t += 1;
                continue;
            }
            // "factory and white-collar workers": a modifier, "and", more of the phrase.
            if matches!(w, "and" | "or")
                && np.words.last().is_some_and(|&h| m.population.match_at(view, h).is_none())
                && t + 1 < range.end
                && view.tokens[t + 1].is_word()
                && matches!(tags.at(t + 1), Some(Pos::Adj | Pos::Noun) | None)
                && !lexicon.function_words.contains(view.low(t + 1))
            {
                np.coordinated = true;
                t += 1;
                continue;
            }
            // After a counted noun ("workers", "arrests") the phrase is over:
            // "13,000 workers went", "40 people yesterday"; not after "and",
            // where a second modifier of the head follows ("factory and
            // white-collar workers").
            let joined = t > start && matches!(view.low(t - 1), "and" | "or") && np.coordinated;
            let after_head = !joined && np.words.last().is_some_and(|&h| known_noun(h)) && !known_noun(t);
            let dated = lexicon.calendar.relative.match_at(view, t).is_some()
                || lexicon.calendar.weekdays.match_at(view, t).is_some()
                || lexicon.calendar.months.match_at(view, t).is_some_and(|_| w != "may");
            // A word the tagger reads as a verb, an auxiliary, a preposition or
            // a pronoun ends the phrase, unless the lexicon knows it as a noun;
            // a participle before a noun modifies it ("leveled structures",
            // "two previous failed attempts"), but not after a noun, where it
            // opens a clause ("2 million Muslims taking part").
            let participle_before_noun = t + 1 < range.end
                && matches!(tags.at(t + 1), Some(Pos::Noun))
                && np.words.last().is_none_or(|&h| !matches!(tags.at(h), Some(Pos::Noun | Pos::Propn)));
            let grammar_ends = matches!(tags.at(t), Some(Pos::Aux | Pos::Adp | Pos::Pron | Pos::Sconj | Pos::Det))
                || (tags.is(t, Pos::Verb) && !np.words.is_empty() && !participle_before_noun);
            if after_head
                || dated
                || lexicon.function_words.contains(w)
                || (grammar_ends && !known_noun(t))
                || ((ends_with_ing(w) || ends_with_ed(w)) && !np.words.is_empty() && !participle_before_noun)
                || (m.verbs.match_at(view, t).is_some() && !known_noun(t))
                // A change verb ends it ("12 feet fell"); a change noun may be its head.
                || (lexicon.change.words.match_at(view, t).is_some() && !m.aspects.contains_word(w))
                // "said" ends the phrase; "states", "claims" and "notes" may be its noun.
                || (lexicon.speech.verbs.match_at(view, t).is_some() && !w.ends_with('s'))
            {
                break;
            }
            np.words.push(t);
            t += 1;
        } else if tok.is_number()
            && t + 2 < range.end
            && view.raw(t + 1) == "-"
            && view.tokens[t + 1].glued
            && view.tokens[t + 2].glued
            && view.tokens[t + 2].is_word()
        {
            np.words.push(t + 2);
            t += 3;
        } else if view.raw(t) == "-"
            && tok.glued
            && !np.words.is_empty()
            && t + 1 < range.end
            && view.tokens[t + 1].glued
        {
            t += 1;
        } else if matches!(view.raw(t), "“" | "”" | "\"" | "‘" | "’")
            && t + 1 < range.end
            && (view.tokens[t + 1].is_word() || !np.words.is_empty())
        {
            // Quotation marks around part of a phrase: ten “mass casualty” search teams.
            t += 1;
        } else {
            break;
        }
    }
    // A phrase that ends on its "and" modifier has no second head: drop the join.
    if np.coordinated && np.words.len() < 2 {
        np.coordinated = false;
    }
    np
}

fn content_words(
    view: &TokenText,
    tokens: impl Iterator<Item = usize>,
    lexicon: &Lexicon,
    drop_population: bool,
) -> Vec<String> {
    tokens
        .filter(|&t| view.tokens[t].is_word())
        .map(|t| (t, view.low(t)))
        .filter(|(t, w)| {
            let generic = drop_population && lexicon.measures.generic.match_at(view, *t).is_some_and(|(n, _)| n == 1);
            !(generic || lexicon.function_words.contains(w) || lexicon.measures.subset_relative.contains_word(w))
        })
        .map(|(_, w)| w.to_string())
        .collect()
}

/// A verb of the measures lexicon in tokens `from..to`, the nearest to `near`.
fn verb_between(view: &TokenText, from: usize, to: usize, near: usize, lexicon: &Lexicon) -> Option<String> {
    verb_at_distance(view, from, to, near, lexicon).map(|(_, m)| m)
}

/// The nearest verb of the measures lexicon to `near` in tokens `from..to`, with its distance.
fn verb_at_distance(
    view: &TokenText,
    from: usize,
    to: usize,
    near: usize,
    lexicon: &Lexicon,
) -> Option<(usize, String)> {
    let mut best: Option<(usize, String)> = None;
    let mut t = from;
    while t < to {
        // A verb word that begins a longer measure noun ("net" of "net
        // worth") is no verb.
        let noun = lexicon.measures.nouns.match_at(view, t).map_or(0, |(n, _)| n);
        if let Some((n, m)) = lexicon.measures.verbs.match_at(view, t).filter(|&(n, _)| n >= noun)
            && lexicon.measures.population.match_at(view, t).is_none()
        {
            let distance = t.abs_diff(near);
            if best.as_ref().is_none_or(|(d, _)| distance < *d) {
                best = Some((distance, m.clone()));
            }
            t += n;
        } else {
            t += 1;
        }
    }
    best
}

/// Whether a figure is the object of a verb of its own ("health workers
/// served the estimated 2 million pilgrims"): no item of the list before it.
fn object_of_verb(range: &std::ops::Range<usize>, first: usize, tags: &Tags) -> bool {
    let mut t = first;
    while t > range.start && matches!(tags.at(t - 1), Some(Pos::Det)) {
        t -= 1;
    }
    t > range.start && tags.is(t - 1, Pos::Verb)
}

/// Whether the counted noun whose head is `head` has a verb of its own
/// right after it (past auxiliaries): it is then that verb's subject, and a
/// verb before it belongs to another clause ("lay off 6,000 workers after
/// 2,250 employees requested the buyout"). A participle describes and is no
/// verb of its own ("immigrants living in Philadelphia").
fn has_own_verb(view: &TokenText, range: &std::ops::Range<usize>, head: usize, tags: &Tags, lexicon: &Lexicon) -> bool {
    let mut t = head + 1;
    while t < range.end && lexicon.function_words.verb_group.contains_token(view, t) {
        t += 1;
    }
    t < range.end && tags.is(t, Pos::Verb) && !ends_with_ing(view.low(t))
}

/// The measure verb of a counted noun: before the number in its clause
/// ("arrested 107 people"), or the noun's own predicate right after it,
/// past auxiliaries and one phrase of place ("107 people picked up",
/// "863 more pilgrims have been injured", "228 residents of the hills
/// remain unaccounted for"). A verb later in the sentence ("sent to help
/// the wounded") is not the noun's.
fn nearest_verb(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    (clause_start, first, head): (usize, usize, usize),
    tags: &Tags,
    lexicon: &Lexicon,
) -> Option<String> {
    let before = verb_at_distance(view, clause_start, first, first, lexicon);
    let m = &lexicon.measures;
    let mut t = head + 1;
    // One phrase of place or of what: "of the hills", "in Philadelphia".
    if t < range.end && matches!(view.low(t), "of" | "in" | "from" | "at" | "across") {
        let stop = (t + 1..range.end.min(t + 6)).find(|&k| {
            lexicon.function_words.verb_group.contains_token(view, k)
                || m.verbs.match_at(view, k).is_some()
                || matches!(view.raw(k), "," | ";" | ".")
        });
        if let Some(k) = stop {
            t = k;
        }
    }
    while t < range.end && lexicon.function_words.verb_group.contains_token(view, t) {
        t += 1;
    }
    let verb_at = |t: usize| {
        (t < range.end)
            .then(|| m.verbs.match_at(view, t))
            .flatten()
            .filter(|_| m.population.match_at(view, t).is_none())
            .map(|(_, name)| (t.abs_diff(head), name.clone()))
    };
    // "will either take buyouts or be laid off": the second of two
    // coordinated predicates, when the first is no measure verb.
    let coordinated = || {
        let or = (t + 1..range.end.min(t + 6))
            .take_while(|&k| view.tokens[k].is_word())
            .find(|&k| matches!(view.low(k), "or" | "and"))?;
        let mut k = or + 1;
        while k < range.end && lexicon.function_words.verb_group.contains_token(view, k) {
            k += 1;
        }
        verb_at(k)
    };
    let after = verb_at(t).or_else(|| if tags.is(t, Pos::Verb) { coordinated() } else { None });
    let own_verb = has_own_verb(view, range, head, tags, lexicon);
    // The noun's own predicate is its verb, however near another clause's
    // ends: "six were still missing and eight others were being treated for
    // injuries" counts injuries.
    match (before, after) {
        (Some(b), Some(a)) => Some(if a.0 < b.0 || own_verb { a.1 } else { b.1 }),
        (_, Some(a)) => Some(a.1),
        (Some(_), None) if own_verb => None,
        (b, None) => b.map(|x| x.1),
    }
}

/// How far back from a figure a word of forecast may stand in its clause
/// ("Economists polled by Reuters predicted U.S. employers would hire 1.4
/// million").
const FORECAST_REACH: usize = 10;

/// How far after a figure's word of expecting its forecaster may be named
/// ("150,000 jobs expected by economists").
const FORECASTER_AFTER: usize = 4;

/// How far before a figure a word of what may be makes it a projection
/// ("may rise to over 10,000").
const MODAL_REACH: usize = 4;

/// Whether the figure from `first` to its noun's `end` is what others
/// expected or what may be: a word of `forecasts` before it in its clause
/// (up to a comma or another figure) with a forecaster named before it in
/// its sentence, a word of expecting right after its noun with a
/// forecaster just after ("150,000 jobs expected by economists"), or one
/// of `modals` a few words before it ("may rise to over 10,000").
fn forecast(view: &TokenText, range: &std::ops::Range<usize>, (first, end): (usize, usize), lexicon: &Lexicon) -> bool {
    let m = &lexicon.measures;
    let forecaster = |t: usize| m.forecasters.match_at(view, t).is_some();
    let clause_before = |reach: usize| back_in_clause(view, range, first, reach);
    let expected_before = clause_before(FORECAST_REACH).any(|t| m.forecasts.contains_token(view, t));
    let expected_after = end + 1 < range.end && m.forecasts.contains_token(view, end + 1);
    expected_before && (range.start..first).any(forecaster)
        || expected_after && (end + 2..range.end.min(end + 2 + FORECASTER_AFTER)).any(forecaster)
        || clause_before(MODAL_REACH).any(|t| m.modals.contains_token(view, t))
}

/// Where the clause holding token `first` starts: after a semicolon, a
/// colon, a dash, a word that opens a clause ("that", "which"), or a comma
/// after which the clause has a verb of its own.
fn clause_start(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    first: usize,
    tags: &Tags,
    lexicon: &Lexicon,
) -> usize {
    let mut verb_seen = false;
    let mut t = first;
    while t > range.start {
        t -= 1;
        let raw = view.raw(t);
        if matches!(raw, ";" | ":" | "—" | "–")
            || lexicon.measures.clause_openers.contains_token(view, t)
            || tags.is(t, Pos::Sconj)
        {
            return t + 1;
        }
        if raw == "," && verb_seen {
            return t + 1;
        }
        verb_seen |= matches!(tags.at(t), Some(Pos::Verb | Pos::Aux));
    }
    range.start
}

/// Reads what quantity `q` counts. `previous` is what the quantity before
/// it in the sentence counts, for lists that name the noun once.
pub fn counted(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    q: &QuantityMatch,
    (previous, tags, cues): (Option<&Counted>, &Tags, &super::referents::SentenceCues),
    lexicon: &Lexicon,
) -> Counted {
    let m = &lexicon.measures;
    let mut out = Counted { end: q.last, unit: q.unit.as_ref().map(|u| u.name.clone()), ..Counted::default() };
    // "six more people" adds to a count; "a new 2:18:10 course record" is a
    // time that is new, not a change of one.
    let clock = q.unit.as_ref().is_some_and(|u| u.dimension == "time" && u.to_base.is_some_and(|b| b < 86_400.0));
    out.increment = q.first > range.start
        && !clock
        && (m.increments.match_ending_at(view, q.first - 1).is_some()
            || m.continuation.match_ending_at(view, q.first - 1).is_some());
    let previous = previous.filter(|p| p.unit == out.unit);
    // The unit itself may be the measure: "four days", "four-day raid".
    if let Some(unit) = &q.unit {
        let unit_first =
            (q.first..=q.last).find(|&t| lexicon.units.suffix.match_at(view, t).is_some_and(|(_, u)| u == unit));
        if let Some(t) = unit_first
            && let Some((_, name)) = m.nouns.match_at(view, t)
        {
            out.measure = Some(name.clone());
            out.stated = true;
        }
    }
    if let Some(unit) = q.unit.as_ref().filter(|u| u.dimension == "percentage") {
        // "51.2% of the vote", "98% of precincts": a share of something;
        // "35 percent containment", "containment at 30 percent": a rate the
        // lexicon names; "Turnout was 61%": the level of its subject.
        let named_after = noun_phrase(view, range, q.last + 1, tags, lexicon)
            .words
            .first()
            .and_then(|&t| m.nouns.match_at(view, t))
            .map(|(_, name)| name.clone());
        let named_before = q
            .first
            .checked_sub(2)
            .filter(|&t| t >= range.start && view.low(t + 1) == "at")
            .and_then(|t| m.nouns.match_ending_at(view, t))
            .map(|(_, name)| name.clone());
        // "A 25 percent reduction in executive staff": a share of the
        // executive staff.
        let changed = change_in(view, range, q.last + 1, tags, lexicon);
        if let Some((_, Some(kind))) = &changed {
            out.category = Some(kind.clone());
        }
        out.measure = share_of(view, range, q.last + 1, tags, lexicon)
            .or(changed.map(|(whole, _)| whole))
            .map(|whole| format!("{} of {whole}", unit.name))
            .or(named_after)
            .or(named_before)
            .or_else(|| level_subject(view, range, q, lexicon));
        out.from_unit = out.measure.is_none();
        out.measure = out.measure.or_else(|| Some(unit.name.clone()));
        out.stated = true;
    }
    let mut np_start = q.last + 1;
    if q.value.is_none() || q.approx == "range" {
        while np_start < range.end && matches!(view.low(np_start), "of" | "the" | "those" | "these") {
            np_start += 1;
        }
    } else if np_start < range.end
        && view.low(np_start) == "of"
        && (q.first..=q.last).any(|t| lexicon.numbers.fractions.contains_key(view.low(t)))
    {
        np_start += 1;
        while np_start < range.end && matches!(view.low(np_start), "the" | "those" | "these" | "its" | "their") {
            np_start += 1;
        }
    } else if let Some(noun_at) = partitive_noun(view, range, np_start, tags, lexicon).filter(|_| q.unit.is_none()) {
        np_start = noun_at;
        out.partitive = true;
    }
    let mut phrase = if q.compound && out.measure.is_some() {
        NounPhrase { words: Vec::new(), coordinated: false, increment: false, apart: false }
    } else {
        noun_phrase(view, range, np_start, tags, lexicon)
    };
    // "Of those, 7,600 were single-family homes": the noun after a copula.
    if phrase.words.is_empty()
        && out.measure.is_none()
        && np_start + 1 < range.end
        && matches!(view.low(np_start), "were" | "was" | "are" | "is")
        && matches!(tags.at(np_start + 1), Some(Pos::Adj | Pos::Noun | Pos::Propn))
    {
        phrase = noun_phrase(view, range, np_start + 1, tags, lexicon);
    }
    // "25 miles east of Dorley": a bearing from a place, not what is counted.
    let bearing = |&t: &usize| {
        t + 1 < range.end && lexicon.function_words.bearings.contains_token(view, t) && view.low(t + 1) == "of"
    };
    if phrase.words.first().is_some_and(bearing) {
        phrase.words.clear();
    }
    if let Some(&last) = phrase.words.last() {
        out.end = last;
    }
    out.increment |= phrase.increment && !clock;
    // "Along with two additional plants": others besides those just named.
    if q.first > range.start && m.listings.match_ending_at(view, q.first - 1).is_some() {
        out.increment = false;
    }
    out.coordinated = phrase.coordinated;
    // "The total number of structures destroyed ... rose to 7,177": what the
    // number counts is the "of" phrase of the level's subject.
    let counted_subject = count_subject(view, range, q, tags, lexicon);
    if let Some(subject) = &counted_subject {
        let first = subject.words.first().copied().unwrap_or(q.first);
        let last = subject.words.last().copied().unwrap_or(q.first);
        out.predicate = predicate_near(view, range, (first, last, false), lexicon);
    }
    let np: Vec<usize> = match &counted_subject {
        Some(subject) if !subject.words.is_empty() => subject.words.clone(),
        _ => phrase.words.clone(),
    };
    if let Some(&head) = np.last() {
        out.noun = Some(singular(view.low(head)));
        if out.predicate.is_none() {
            let own = has_own_verb(view, range, head, tags, lexicon);
            out.predicate = predicate_near(view, range, (q.first, out.end, own), lexicon);
        }
    }
    // "The two other Turkish pilgrims", "the other two": not the two counted
    // before them, so a category of their own.
    let apart = phrase.apart || (q.first > range.start && m.apart.contains_token(view, q.first - 1));
    let in_parens =
        q.first > range.start && view.raw(q.first - 1) == "(" && q.last + 1 < range.end && view.raw(q.last + 1) == ")";
    let subset_frame = super::referents::SentenceCues::before(cues.subset, q.first);
    if out.measure.is_none() {
        // The head names what is counted ("6,000 factory workers" counts
        // workers, "multiple residence buildings" buildings); a measure noun
        // before a head that is no population noun may still be it ("the
        // death toll").
        let head_is_population = np.last().is_some_and(|&h| m.population.match_at(view, h).is_some());
        // "7,598 reported injured": a describing word the phrase stopped
        // at, and the measure noun right after it.
        let after_describing = np
            .last()
            .filter(|&&h| m.descriptive.contains_token(view, h) && h + 1 < range.end)
            .and_then(|&h| m.nouns.match_at(view, h + 1).map(|(n, name)| (h + n, name.clone())));
        let measure_noun = np
            .last()
            .and_then(|&h| m.nouns.match_ending_at(view, h))
            .map(|(_, n)| n.clone())
            .or_else(|| {
                (!head_is_population)
                    .then(|| np.iter().rev().find_map(|&t| m.nouns.match_at(view, t).map(|(_, n)| n.clone())))
                    .flatten()
            })
            .or_else(|| {
                let (end, name) = after_describing?;
                out.end = out.end.max(end);
                Some(name)
            });
        if let Some(name) = measure_noun {
            out.measure = Some(name);
            out.stated = true;
        } else if let Some(&head) = np.last() {
            out.population = np.iter().any(|&t| m.population.match_at(view, t).is_some());
            let clause_start = clause_start(view, range, q.first, tags, lexicon);
            let verb = nearest_verb(view, range, (clause_start, q.first, head), tags, lexicon);
            if out.population {
                let continues = q.first > range.start && m.continuation.match_ending_at(view, q.first - 1).is_some();
                // "The reduction includes 8,100 white-collar workers": the
                // first figure of its sentence, right after a subset cue, is
                // a part of what the sentence before counted.
                let included = previous.is_none()
                    && q.first > range.start
                    && m.subset_cues.match_ending_at(view, q.first - 1).is_some();
                let verb = verb
                    .or_else(|| brought(view, range, q, ("to", 8), lexicon))
                    .or_else(|| measure_of_population(view, range, q.first, lexicon));
                match (verb, previous) {
                    (Some(v), _) => {
                        out.measure = Some(v);
                        out.stated = true;
                    }
                    // A list that names the noun each time: "40 people arrested in
                    // Denver and 30 people in Chicago"; not "a community of 27,000 people".
                    (None, Some(p))
                        if p.population
                            && p.measure.is_some()
                            && !object_of_verb(range, q.first, tags)
                            && q.first <= p.end + 6
                            && !(q.first > range.start && view.low(q.first - 1) == "of")
                            && !has_own_verb(view, range, head, tags, lexicon) =>
                    {
                        out.measure.clone_from(&p.measure)
                    }
                    // "An additional 18 people": a generic noun carries on the
                    // previous sentence's count.
                    _ if included => out.continues = true,
                    _ if continues && m.generic.match_at(view, head).is_some() => {
                        out.continues = true;
                        // "An additional 18 people were known gang members": another
                        // part of a breakdown, not a change.
                        out.increment = false;
                    }
                    // "Four people", with no verb that says what happened to
                    // them, count nothing two sources could compare.
                    _ if m.generic.match_at(view, head).is_some_and(|(n, _)| n == 1) => {}
                    _ => {
                        out.measure = Some(head_text(view, head));
                        out.stated = true;
                    }
                }
            } else {
                out.measure = Some(head_text(view, head));
                out.stated = true;
            }
        } else if in_parens {
            out.population = true;
            match previous {
                Some(p) if p.measure.is_some() => out.measure.clone_from(&p.measure),
                _ => out.measure = verb_between(view, range.start, q.first, q.first, lexicon),
            }
        } else if let Some(noun) = in_noun(view, range, q, lexicon) {
            out.measure = Some(noun);
            out.stated = true;
        } else if let Some(noun) = of_noun(view, range, q, lexicon) {
            out.measure = Some(noun);
            out.stated = true;
        } else if let Some(noun) =
            level_subject(view, range, q, lexicon).or_else(|| brought(view, range, q, ("from", 12), lexicon))
        {
            out.measure = Some(noun);
            out.stated = true;
        } else if let Some(noun) = change_subject(view, range, q, lexicon) {
            out.measure = Some(noun);
            out.stated = true;
            out.increment = true;
        } else if let Some((_, v)) = m.verbs.match_at(view, q.last + 1).filter(|_| q.last + 1 < range.end) {
            // "More than 700 killed in Haj stampede": a headline's figure
            // with its verb and no noun.
            out.measure = Some(v.clone());
            out.stated = true;
        } else {
            out.elided = true;
            // "killed at least 717 pilgrims and injured hundreds more": a
            // measure verb right before the number names what it counts.
            let right_before = q.first.checked_sub(1).filter(|&t| t >= range.start).and_then(|t| {
                m.verbs
                    .match_ending_at(view, t)
                    .filter(|_| m.population.match_at(view, t).is_none())
                    .map(|(_, v)| v.clone())
            });
            // "The millions who go on the pilgrimage": "who" counts people,
            // not what the figure before counted ("160,000 tents").
            let people = q.last + 1 < range.end && m.person_relatives.match_at(view, q.last + 1).is_some();
            match previous {
                _ if right_before.is_some() => {
                    out.measure = right_before;
                    out.stated = true;
                }
                // Their measure is what the clause says of them ("the 300 who
                // died"), or none.
                _ if people => {
                    out.population = true;
                    out.measure = verb_between(view, q.last + 1, range.end.min(q.last + 8), q.last + 1, lexicon);
                    out.stated = out.measure.is_some();
                }
                // An elided noun is the previous figure's when the figure
                // follows it closely ("28 arrests in Baltimore, 30 in
                // Chicago") or is where it changed from ("5,000 arrests in
                // three states, WHYY reported, up from 3,600"), not when a
                // clause stands between ("two pacemakers, Kitwara and
                // Kipkemboi, falling out inside the opening 15K").
                Some(p)
                    if q.first <= p.end + ELISION_REACH
                        || lexicon.change.from.match_ending_at(view, q.first.saturating_sub(1)).is_some() =>
                {
                    out.measure.clone_from(&p.measure);
                    out.population = p.population;
                    out.from_unit = p.from_unit;
                }
                _ => {
                    let start = clause_start(view, range, q.first, tags, lexicon);
                    out.measure = match &q.unit {
                        // Money a verb names: "expects to save $6 billion".
                        Some(u) if u.dimension == "currency" => {
                            match verb_between(view, start, q.first, q.first, lexicon) {
                                Some(v) => {
                                    out.stated = true;
                                    Some(v)
                                }
                                None => {
                                    out.from_unit = true;
                                    Some(unit_measure(u))
                                }
                            }
                        }
                        Some(u) => {
                            out.from_unit = true;
                            Some(unit_measure(u))
                        }
                        None => verb_between(view, start, q.first, q.first, lexicon),
                    };
                }
            }
        }
    }
    if out.measure.is_none()
        && let Some(u) = &q.unit
    {
        out.measure = Some(unit_measure(u));
        out.from_unit = true;
    }
    // A span of time written as a possessive says what it is a span of:
    // "six months' pay" is not "six months' health care coverage".
    if out.category.is_none()
        && q.unit.as_ref().is_some_and(|u| u.dimension == "time")
        && let Some(of) = Some(q.last + 1).filter(|&t| t < range.end)
    {
        let after = match view.raw(of) {
            "'" | "’" if view.tokens[of].glued => Some(of + 1),
            _ => None,
        };
        if let Some(start) = after {
            let phrase = noun_phrase(view, range, start, tags, lexicon);
            let content = content_words(view, phrase.words.iter().copied(), lexicon, false);
            if !content.is_empty() {
                out.category = Some(content.join(" "));
                if let Some(&last) = phrase.words.last() {
                    out.end = out.end.max(last);
                }
            }
        }
    }
    // Categories: a subset of the counted population.
    if out.population && np.last().is_some() {
        let after = out.end + 1;
        if after < range.end && m.subset_relative.contains_token(view, after) {
            let mut t = after;
            let mut words = Vec::new();
            while t < range.end
                && !is_clause_break(view, t)
                && !view.tokens[t].is_number()
                && !lexicon.numbers.words.contains_key(view.low(t))
            {
                if matches!(view.low(t), "and" | "or") && t + 1 < range.end && view.tokens[t + 1].is_number() {
                    break;
                }
                if matches!(view.low(t), "at" | "in" | "on" | "during" | "from" | "by") && !words.is_empty() {
                    break;
                }
                words.push(t);
                t += 1;
            }
            let verbal = after + 1 < range.end
                && matches!(view.low(after), "were" | "are" | "was")
                && view.low(after + 1).ends_with("ed");
            let content = content_words(view, words.into_iter(), lexicon, true);
            let last_plural = content.last().is_some_and(|w| w.ends_with('s'));
            let copula = matches!(view.low(after), "were" | "are" | "was" | "had" | "have");
            if !content.is_empty()
                && !verbal
                && (!copula || last_plural || content.len() <= 3 && view.low(after) == "who")
            {
                out.category = Some(content.join(" "));
            }
        } else if subset_frame || previous.is_some_and(|p| p.category.is_some()) {
            let content = content_words(view, np.iter().copied(), lexicon, true);
            let generic = np
                .iter()
                .all(|&t| m.population.match_at(view, t).is_some() || lexicon.function_words.contains(view.low(t)));
            if !content.is_empty() && !generic {
                out.category = Some(content.join(" "));
            }
        }
    }
    // A kind written before the counted noun restricts it ("18,000 salaried
    // workers", "74 multiple residence buildings", "single-family homes"),
    // unless it joins kinds with "and" (then the phrase counts all of
    // them). A plain adjective describes ("107 undocumented immigrants") and
    // does not; a participle that says what happened ("leveled structures")
    // is the predicate.
    if out.category.is_none() && !out.coordinated && np.len() > 1 {
        let head = np[np.len() - 1];
        let mut words: Vec<String> = Vec::new();
        for &t in &np[..np.len() - 1] {
            if view.tokens[t].is_number() || lexicon.function_words.contains(view.low(t)) {
                continue;
            }
            if let Some((_, p)) = m.predicates.match_at(view, t) {
                out.predicate.get_or_insert_with(|| p.clone());
                continue;
            }
            let glued_to_next = t + 2 <= head && view.raw(t + 1) == "-" && view.tokens[t + 1].glued;
            let glued_to_previous = t > 0 && view.tokens[t].glued && view.raw(t - 1) == "-";
            let participle = ends_with_ed(view.low(t));
            // A name or a nationality narrows ("Turkish pilgrims", "National Guard troops").
            let capitalised = starts_upper(view.raw(t));
            let restricts = tags.is(t, Pos::Noun) || capitalised || glued_to_next || glued_to_previous || participle;
            let generic = m.generic.match_at(view, t).is_some_and(|(n, _)| n == 1);
            // What the things are made of describes them ("three stone columns").
            let material = lexicon.units.suffix.match_at(view, t).is_some_and(|(n, u)| n == 1 && u.material);
            if !restricts
                || generic
                || material
                || m.descriptive.contains_token(view, t)
                || m.subset_relative.contains_token(view, t)
            {
                continue;
            }
            match words.last_mut() {
                Some(last) if glued_to_previous => {
                    last.push('-');
                    last.push_str(view.low(t));
                }
                _ => words.push(view.low(t).to_string()),
            }
        }
        if !words.is_empty() {
            out.category = Some(words.join(" "));
        }
    }
    // "19 children killed": deaths among children, a category of the
    // deaths, never the toll itself.
    if out.category.is_none()
        && out.population
        && let Some(&head) = np.last()
        && m.narrowing.contains_token(view, head)
        && out.measure.as_deref().is_some_and(|measure| measure != head_text(view, head))
    {
        out.category = Some(view.low(head).to_string());
    }
    if in_parens && (subset_frame || previous.is_some_and(|p| p.category.is_some())) {
        let open = q.first - 1;
        let mut t = open;
        while t > range.start {
            let p = t - 1;
            if is_clause_break(view, p)
                || m.subset_cues.match_ending_at(view, p).is_some()
                || (view.low(p) == "and" && p > range.start && view.raw(p - 1) == ")")
            {
                break;
            }
            t = p;
        }
        if t < open {
            let content = content_words(view, t..open, lexicon, true);
            if !content.is_empty() {
                out.category = Some(content.join(" "));
                out.start = Some(t);
                out.end = q.last + 1;
            }
        }
    }
    if apart {
        out.category = Some(match out.category.take() {
            Some(c) => format!("{SET_APART} {c}"),
            None => SET_APART.to_string(),
        });
    }
    out.forecast = forecast(view, range, (q.first, out.end), lexicon);
    out
}
/// The measure noun whose "of" phrase holds a counted population: "the
/// remains of the six additional victims" counts deaths, "the bodies of 12
/// migrants" too.
fn measure_of_population(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    first: usize,
    lexicon: &Lexicon,
) -> Option<String> {
    let determiners = &lexicon.measures.whole_determiners;
    let of = (range.start..first).rev().find(|&t| !determiners.contains_token(view, t))?;
    if of <= range.start || view.low(of) != "of" {
        return None;
    }
    lexicon.measures.nouns.match_ending_at(view, of - 1).map(|(_, name)| name.clone())
}

/// How many tokens after a counted figure an elided one ("30 in Chicago")
/// may stand and still count what it counts.
const ELISION_REACH: usize = 10;

/// Where the counted noun of a partitive starts: "two of his designated
/// pacemakers", "the first three of the victims" count pacemakers and
/// victims. `of` is the token after the number; a figure after the
/// determiners ("three of those four victims") is the whole, read by
/// `stated_whole`, and counts what that figure counts.
fn partitive_noun(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    of: usize,
    tags: &Tags,
    lexicon: &Lexicon,
) -> Option<usize> {
    if of >= range.end || view.low(of) != "of" {
        return None;
    }
    let determiners = &lexicon.measures.whole_determiners;
    let words = (of + 1..range.end).find(|&t| !determiners.contains_token(view, t))?;
    if words == of + 1
        || (words..(words + 4).min(range.end)).any(|t| view.tokens[t].is_number() || tags.is(t, Pos::Num))
    {
        return None;
    }
    // The adjectives describe the whole ("his designated pacemakers"), not
    // the part: the phrase starts at the noun.
    (words..(words + 3).min(range.end)).take_while(|&t| view.tokens[t].is_word()).find(|&t| tags.is(t, Pos::Noun))
}

/// The "of" phrase of a level's subject that names what the number counts:
/// "the total number of single-family residences that were destroyed ...
/// rose to 6,453", "the number of people unaccounted for jumped from 631".
fn count_subject(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    q: &QuantityMatch,
    tags: &Tags,
    lexicon: &Lexicon,
) -> Option<NounPhrase> {
    let m = &lexicon.measures;
    let before = q.first.checked_sub(1).filter(|&t| t >= range.start)?;
    let verb_end = if view.low(before) == "to" && before > range.start { before - 1 } else { before };
    let (n, _) =
        m.level_verbs.match_ending_at(view, verb_end).or_else(|| m.level_verbs.match_ending_at(view, before))?;
    let verb = (verb_end + 1).checked_sub(n)?;
    let from = verb.saturating_sub(16).max(range.start);
    let of = (from..verb)
        .rev()
        .find(|&t| view.low(t) == "of" && t > range.start && m.count_nouns.match_ending_at(view, t - 1).is_some())?;
    let mut phrase = noun_phrase(view, range, of + 1, tags, lexicon);
    // "the number of missing": an adjective used as a noun.
    if phrase.words.is_empty() && of + 1 < verb {
        phrase.words.push(of + 1);
    }
    Some(phrase)
}

/// What happened to a counted thing, from the clause around tokens
/// `first..=last`: a predicate before the number ("destroyed 6,700
/// buildings") or right after the phrase, perhaps after an auxiliary
/// ("74 buildings were destroyed", "36 homes damaged", "structures that
/// were destroyed").
fn predicate_near(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    (first, last, own_verb): (usize, usize, bool),
    lexicon: &Lexicon,
) -> Option<String> {
    let p = &lexicon.measures.predicates;
    // After the phrase: "were destroyed", "of those types of structures damaged".
    for t in last + 1..range.end.min(last + 8) {
        if let Some((_, name)) = p.match_at(view, t) {
            return Some(name.clone());
        }
        if is_clause_break(view, t) || view.tokens[t].is_number() {
            break;
        }
    }
    if own_verb {
        return None;
    }
    let clause_start = (range.start..first).rev().find(|&k| is_clause_break(view, k)).map_or(range.start, |k| k + 1);
    (clause_start..first)
        .rev()
        .find_map(|k| p.match_at(view, k).filter(|(n, _)| k + n <= first).map(|(_, name)| name.clone()))
}

/// "$1.6 million in grants": the measure noun after "in"; for a
/// measurement or money, any plain noun after "of" or "in" ("3 inches of
/// rain", "$50 billion in damage").
fn in_noun(view: &TokenText, range: &std::ops::Range<usize>, q: &QuantityMatch, lexicon: &Lexicon) -> Option<String> {
    let at = q.last + 1;
    // "in" and "for" name what money or a measurement is in ("$1.6 million
    // in grants"); after a bare count they say where ("seven in homes").
    let names_it =
        at < range.end && (view.low(at) == "of" || (q.unit.is_some() && matches!(view.low(at), "in" | "for")));
    if at + 1 < range.end && names_it {
        let mut t = at + 1;
        while t < range.end && t < at + 4 && view.tokens[t].is_word() {
            if let Some((_, name)) = lexicon.measures.nouns.match_at(view, t) {
                return Some(name.clone());
            }
            if lexicon.function_words.contains(view.low(t)) {
                break;
            }
            t += 1;
        }
        let noun = at + 1;
        let w = view.low(noun);
        let plain = view.tokens[noun].is_word() && !starts_upper(view.raw(noun)) && !lexicon.function_words.contains(w);
        let of_or_in = matches!(view.low(at), "of" | "in");
        let time = lexicon.units.suffix.match_at(view, noun).is_some_and(|(_, u)| u.dimension == "time");
        if of_or_in && plain && !time && q.unit.is_some() {
            return Some(w.to_string());
        }
    }
    None
}

/// The counted noun as a measure, with a number glued before it by a hyphen
/// ("7-Elevens" counts "7-elevens").
fn head_text(view: &TokenText, head: usize) -> String {
    let glued_number = head >= 2
        && view.tokens[head].glued
        && view.raw(head - 1) == "-"
        && view.tokens[head - 1].glued
        && view.tokens[head - 2].is_number();
    if glued_number { format!("{}-{}", view.raw(head - 2), view.low(head)) } else { view.low(head).to_string() }
}

/// A plural noun's singular, by its ending: "libraries" "library", "taxes"
/// "tax", "votes" "vote"; "census" and "bus" stay.
pub(super) fn singular(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() > 1) {
        return format!("{stem}y");
    }
    if ["xes", "ches", "shes", "sses", "zes"].iter().any(|e| w.ends_with(e)) {
        return w[..w.len() - 2].to_string();
    }
    if ["ss", "us", "is"].iter().any(|e| w.ends_with(e)) {
        return w.to_string();
    }
    w.strip_suffix('s').unwrap_or(w).to_string()
}

/// Who holds or gets the count: the noun or name right before a holding
/// verb ("Oz received 2.5 million votes", "libraries get $95 million") or
/// a change verb ("property taxes will rise 2 percent"), a
/// possessive name ("Oz's 46.9%"), or what money is for ("$85 million for
/// libraries"). Lower case, and a common noun singular, so that the two ways
/// of writing it meet; a capitalised word is a name and keeps its final s
/// ("Jones", "Sanders").
pub fn agent(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    (first, end, money): (usize, usize, bool),
    lexicon: &Lexicon,
) -> Option<String> {
    let normal = |t: usize| {
        let w = view.low(t);
        if starts_upper(view.raw(t)) {
            return w.to_string();
        }
        singular(w)
    };
    let holder_at = |t: usize| {
        (t >= range.start
            && view.tokens[t].is_word()
            && !lexicon.function_words.contains(view.low(t))
            && !lexicon.speech.pronouns.contains_token(view, t))
        .then(|| normal(t))
    };
    if let Some(before) = first.checked_sub(1).filter(|&t| t >= range.start) {
        if crate::tokens::is_possessive(view.raw(before)) {
            return before.checked_sub(1).filter(|&t| starts_upper(view.raw(t))).and_then(holder_at);
        }
        // "Property taxes will rise 2 percent": what changes holds the change.
        let verb = lexicon.measures.agent_verbs.match_ending_at(view, before).map(|(n, _)| n).or_else(|| {
            lexicon
                .change
                .words
                .match_ending_at(view, before)
                .map(|(n, _)| n)
                .filter(|_| !lexicon.change.not_verbs.contains_token(view, before))
        });
        if let Some(n) = verb {
            let mut t = (before + 1).checked_sub(n + 1)?;
            while t > range.start && lexicon.function_words.auxiliaries.contains_token(view, t) {
                t -= 1;
            }
            return holder_at(t);
        }
    }
    // Money given: "gives libraries $85 million".
    if let Some(noun) = first.checked_sub(1).filter(|&t| t > range.start)
        && lexicon.measures.giving_verbs.match_ending_at(view, noun - 1).is_some()
    {
        return holder_at(noun);
    }
    // Money for a purpose: "$85 million for libraries", the head of the
    // phrase after "for"; never a time ("for the fiscal year"), and only
    // money ("a 2:18:10 course record for another historic double" is no
    // holder).
    let f = end + 1;
    if money && f + 1 < range.end && view.low(f) == "for" && view.tokens[f + 1].is_word() {
        let mut t = f + 1;
        while t + 1 < range.end && lexicon.function_words.contains(view.low(t)) {
            t += 1;
        }
        while t + 1 < range.end
            && view.tokens[t + 1].is_word()
            && !lexicon.function_words.contains(view.low(t + 1))
            && !starts_upper(view.raw(t + 1))
            && !ends_with_ing(view.low(t + 1))
        {
            t += 1;
        }
        let time = lexicon.units.suffix.match_at(view, t).is_some_and(|(_, u)| u.dimension == "time")
            || lexicon.calendar.periods.match_ending_at(view, t).is_some();
        return if time { None } else { holder_at(t) };
    }
    None
}

/// How far before its "by" a winning verb may stand ("broke the previous
/// world record set in Berlin by Dennis Kimetto in 2014 by 1:18").
const MARGIN_REACH: usize = 16;

/// The verb a figure is the margin of: "by" right before the figure (past
/// an article and adjectives: "by a remarkable 77 seconds"), after a
/// winning verb earlier in the same clause ("defeated Baker by 38,000
/// votes", "lowering Kimetto's world mark by an amazing 1:18").
pub fn margin_verb(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    first: usize,
    tags: &Tags,
    lexicon: &Lexicon,
) -> Option<usize> {
    let mut by = first.checked_sub(1).filter(|&t| t >= range.start)?;
    while by > range.start && by + 3 > first && matches!(tags.at(by), Some(Pos::Det | Pos::Adj | Pos::Adv)) {
        by -= 1;
    }
    if view.low(by) != "by" {
        return None;
    }
    (range.start.max(by.saturating_sub(MARGIN_REACH))..by)
        .rev()
        .take_while(|&t| !matches!(view.raw(t), "," | ";" | ":" | "."))
        .find(|&t| lexicon.measures.margin_verbs.match_at(view, t).is_some())
}

/// The aspect of a measure a count gives: "a margin of 200,000 votes",
/// "an increase of 5 percent"; a change word right before the number ("up
/// 4 percent", "rose by 3 percent") or a change noun right after it ("a
/// 3.5% increase") makes it the change; "by" after a winning verb
/// ("defeated Baker by 38,000 votes") makes it the margin.
pub fn aspect(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    (first, last, bare): (usize, usize, bool),
    tags: &Tags,
    lexicon: &Lexicon,
) -> Option<String> {
    let direction = |t: usize| {
        lexicon.change.words.match_ending_at(view, t).map(|(_, d)| {
            match d {
                crate::lexicon::Direction::Up => "increase",
                crate::lexicon::Direction::Down => "decrease",
                crate::lexicon::Direction::Unstated => "change",
            }
            .to_string()
        })
    };
    let next = last + 1;
    if next < range.end
        && view.tokens[next].is_word()
        && lexicon.measures.aspects.match_at(view, next).is_some_and(|(n, _)| n == 1)
        && let Some(change) = direction(next)
    {
        return Some(change);
    }
    // "1:26 faster than the record", "$5 more than last year": the gap
    // between two figures, not a level of either.
    let comparative = (next..range.end.min(next + 3)).find(|&t| view.low(t) == "than").is_some_and(|than| {
        than > next && (next..than).all(|t| view.tokens[t].is_word()) && {
            let w = view.low(than - 1);
            matches!(w, "more" | "less" | "fewer")
                || (w.len() > 4 && w.ends_with("er") && matches!(tags.at(than - 1), Some(Pos::Adj | Pos::Adv)))
        }
    });
    if comparative {
        return Some("difference".into());
    }
    let mut before = first.checked_sub(1).filter(|&t| t >= range.start)?;
    // "by a remarkable 77 seconds": the words between "by" and its figure.
    let mut skipped = before;
    while skipped > range.start
        && matches!(tags.at(skipped), Some(Pos::Det | Pos::Adj | Pos::Adv))
        && before - skipped < 3
    {
        skipped -= 1;
    }
    if skipped != before && view.low(skipped) == "by" {
        before = skipped;
    }
    if view.low(before) == "of" && before > range.start {
        return lexicon.measures.aspects.match_ending_at(view, before - 1).map(|_| view.low(before - 1).to_string());
    }
    // "defeating Tom Baker by about 38,000 votes": a win by a margin.
    if margin_verb(view, range, first, tags, lexicon).is_some() {
        return Some("margin".into());
    }
    let by = view.low(before) == "by" && before > range.start;
    let mut verb = if by { before - 1 } else { before };
    // "reduced it by one second": past the object pronoun.
    if by && verb > range.start && tags.is(verb, Pos::Pron) {
        verb -= 1;
    }
    // "shut down three plants": a particle before a bare count is no change.
    if bare && !by && matches!(view.low(verb), "up" | "down") {
        return None;
    }
    // "will cut 14,300 jobs": what happens to the counted thing, not a
    // change of a figure ("cut its workforce by 15%" is one).
    if !by && lexicon.measures.predicates.match_ending_at(view, verb).is_some() {
        return None;
    }
    direction(verb)
}

/// The measure noun before "of" ("arrests of 40"); for a measurement, any
/// plain noun ("winds of 150 mph", "a depth of 12 feet").
fn of_noun(view: &TokenText, range: &std::ops::Range<usize>, q: &QuantityMatch, lexicon: &Lexicon) -> Option<String> {
    let of = q.first.checked_sub(1).filter(|&t| t > range.start && view.low(t) == "of")?;
    if let Some((_, name)) = lexicon.measures.nouns.match_ending_at(view, of - 1) {
        return Some(name.clone());
    }
    let noun = of - 1;
    let w = view.low(noun);
    (q.unit.is_some()
        && view.tokens[noun].is_word()
        && !starts_upper(view.raw(noun))
        && !lexicon.function_words.contains(w)
        && !lexicon.measures.aspects.contains_word(w)
        && !lexicon.numbers.fractions.contains_key(w))
    .then(|| w.to_string())
}

/// The measure noun a level verb gives the number: "the death toll from
/// the storm rose to 82" counts deaths. The noun is looked for back from
/// the verb to the start of its clause.
fn level_subject(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    q: &QuantityMatch,
    lexicon: &Lexicon,
) -> Option<String> {
    let before = q.first.checked_sub(1).filter(|&t| t >= range.start)?;
    let (n, _) = lexicon.measures.level_verbs.match_ending_at(view, before)?;
    let verb = (before + 1).checked_sub(n)?;
    // "pilgrims, numbering about two million,": a participle set off after
    // the noun it counts.
    let apposed = || {
        let noun = verb.checked_sub(2).filter(|&t| t >= range.start && view.raw(t + 1) == ",")?;
        let w = view.low(noun);
        (ends_with_ing(view.low(verb))
            && view.tokens[noun].is_word()
            && !starts_upper(view.raw(noun))
            && !lexicon.function_words.contains(w))
        .then(|| {
            lexicon
                .measures
                .nouns
                .match_ending_at(view, noun)
                .map(|(_, name)| name.clone())
                .unwrap_or_else(|| w.to_string())
        })
    };
    let stated = measure_noun_before(view, range, verb, (16, true), lexicon).or_else(apposed);
    // A measurement's subject may be any noun: "Turnout was 61%".
    let plain = || {
        let t = verb.checked_sub(1).filter(|&t| t >= range.start)?;
        let w = view.low(t);
        (q.unit.is_some() && view.tokens[t].is_word() && !lexicon.function_words.contains(w) && !ends_with_ed(w))
            .then(|| w.to_string())
    };
    stated.or_else(plain)
}

/// The measure noun a figure is brought to or from by a change, looked
/// for back from its "to" or "from" to the start of its clause, within
/// `reach` tokens: "corrected the death toll in the stampede to two
/// Turkish pilgrims", and, when a "to" follows, "raised the official death
/// toll from Hurricane Maria from 64 to 2,975" count deaths, whatever else
/// the verb may count.
fn brought(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    q: &QuantityMatch,
    (word, reach): (&str, usize),
    lexicon: &Lexicon,
) -> Option<String> {
    let at = q.first.checked_sub(1).filter(|&t| t > range.start && view.low(t) == word)?;
    let to_after = q.last + 1 < range.end && view.low(q.last + 1) == "to";
    (word != "from" || to_after).then_some(())?;
    measure_noun_before(view, range, at, (reach, true), lexicon)
}

/// The measure noun whose change a number gives: "The death toll, which
/// increased by six on Sunday" counts a change of deaths. The noun is
/// looked for back from the change word, past a relative pronoun.
fn change_subject(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    q: &QuantityMatch,
    lexicon: &Lexicon,
) -> Option<String> {
    let by = q.first.checked_sub(1).filter(|&t| t > range.start && view.low(t) == "by")?;
    let (n, _) = lexicon.change.words.match_ending_at(view, by - 1)?;
    let verb = by.checked_sub(n)?;
    measure_noun_before(view, range, verb, (10, false), lexicon)
}

/// The nearest measure noun ending before token `end`, at most `reach`
/// tokens back, within its clause: the search stops at a number, a
/// quotation mark, a semicolon or colon and, when `comma_ends` says so, a
/// comma ("The death toll, which increased by six" reads past one).
fn measure_noun_before(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    end: usize,
    (reach, comma_ends): (usize, bool),
    lexicon: &Lexicon,
) -> Option<String> {
    (range.start.max(end.saturating_sub(reach))..end)
        .rev()
        .take_while(|&t| {
            let ends = view.tokens[t].is_number()
                || matches!(view.raw(t), ";" | ":" | "\"" | "“" | "”")
                || (comma_ends && view.raw(t) == ",");
            !ends
        })
        .find_map(|t| lexicon.measures.nouns.match_ending_at(view, t).map(|(_, name)| name.clone()))
}

/// What a change in a share changed, and the kind of it the phrase names:
/// "reduction in the executive ranks" gives ("staff", "executive"); `at`
/// is the token after the number.
fn change_in(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    at: usize,
    tags: &Tags,
    lexicon: &Lexicon,
) -> Option<(String, Option<String>)> {
    let (n, _) = lexicon.change.nouns.match_at(view, at).filter(|_| at < range.end)?;
    let np = common_noun_after(view, range, (at + n, "in"), tags, lexicon)?;
    let head = np[np.len() - 1];
    let whole = lexicon.measures.nouns.match_ending_at(view, head);
    let kind_end = whole.map_or(np.len() - 1, |(len, _)| np.len().saturating_sub(len));
    let kind = content_words(view, np[..kind_end].iter().copied(), lexicon, false);
    let whole = whole.map_or_else(|| view.low(head).to_string(), |(_, name)| name.clone());
    Some((whole, (!kind.is_empty()).then(|| kind.join(" "))))
}

/// The whole a share is of: "of the vote" gives "vote", "of precincts"
/// "precincts"; `at` is the token after the number.
fn share_of(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    at: usize,
    tags: &Tags,
    lexicon: &Lexicon,
) -> Option<String> {
    let np = common_noun_after(view, range, (at, "of"), tags, lexicon)?;
    Some(view.low(np[np.len() - 1]).to_string())
}

/// The noun phrase after preposition `word` at token `at` and its
/// determiners, when its head is no name: "of the vote", "in executive
/// staff".
fn common_noun_after(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    (at, word): (usize, &str),
    tags: &Tags,
    lexicon: &Lexicon,
) -> Option<Vec<usize>> {
    if at >= range.end || view.low(at) != word {
        return None;
    }
    let mut t = at + 1;
    while t < range.end && lexicon.function_words.contains(view.low(t)) {
        t += 1;
    }
    let np = noun_phrase(view, range, t, tags, lexicon).words;
    let &head = np.last()?;
    (!starts_upper(view.raw(head))).then_some(np)
}

/// A unit as a measure: "dollar" counts "dollars", "inch" "inches";
/// "percent" and "mile per hour" stay.
fn unit_measure(unit: &crate::lexicon::Unit) -> String {
    let name = &unit.name;
    if unit.dimension == "percentage" || name.ends_with('s') || name.contains(' ') {
        name.clone()
    } else if name == "foot" {
        "feet".into()
    } else if ["ch", "sh", "x", "z"].iter().any(|e| name.ends_with(e)) {
        format!("{name}es")
    } else {
        format!("{name}s")
    }
}
