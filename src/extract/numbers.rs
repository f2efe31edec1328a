//! Numbers: digits ("5,000", "1.6"), digits with scale words ("1.6 million",
//! "$2bn"), number words ("twenty-one", "a dozen", "five thousand"),
//! fractions ("a third of", "two-thirds") and vague plurals ("dozens",
//! "tens of thousands"); minus what only looks like a number: ordinals, times of day, phone numbers, addresses, names ("Phase 2",
//! "7-Eleven", "Covid-19") and a bare "one" in "one of".

use crate::lexicon::{Lexicon, TokenText};
use crate::tokens::starts_upper;

/// A number found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMatch {
    /// First and last token (inclusive).
    pub first: usize,
    pub last: usize,
    /// The value as stated; `None` for a vague plural.
    pub value: Option<f64>,
    /// The place value of the last significant digit as written
    /// ("5,000": 1,000; "1.6 million": 100,000; "107": 1).
    pub precision: f64,
    /// Significant digits as written (for reading a round number as rounded).
    pub significant: u32,
    /// The scale word or suffix that multiplied it ("million": 1e6), else 1.
    pub scale: f64,
    /// For a vague plural: its interval and normalized name.
    pub vague: Option<(f64, f64, String)>,
    /// Written in words ("four"), not digits.
    pub words: bool,
    /// A unit the way the number is written implies.
    pub implied: Option<Implied>,
}

/// A unit implied by how a number is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Implied {
    /// A time written with colons ("2:01:39"), its value in seconds; written
    /// to the minute ("ran 2:01") it is anywhere in that minute, as
    /// runners' times are truncated, not rounded.
    Clock { to_the_minute: bool },
    /// An age set off by commas after a name ("Ernest Foss, 65, of Paradise").
    Age,
}

/// The document's hour-minute-second times ("2:01:39"), in seconds: a
/// two-part time that, read as hours and minutes, falls within a tenth of
/// one of them is hours and minutes ("I've now run 2:04, 2:03 and now
/// 2:01"); any other is minutes and seconds ("5km in 14:24", "by 1:18").
#[derive(Debug, Clone, Default)]
pub struct ClockTimes(Vec<f64>);

impl ClockTimes {
    /// Collects every `h:mm:ss` in `view`.
    pub fn of(view: &TokenText) -> ClockTimes {
        let t = view.tokens;
        let part = |i: usize| view.raw(i).parse::<f64>().ok();
        let times = (0..t.len().saturating_sub(4))
            .filter(|&i| {
                t[i].is_number()
                    && view.raw(i + 1) == ":"
                    && view.raw(i + 3) == ":"
                    && t[i + 2].is_number()
                    && t[i + 4].is_number()
                    && (1..5).all(|k| t[i + k].glued)
            })
            .filter_map(|i| Some(part(i)? * 3600.0 + part(i + 2)? * 60.0 + part(i + 4)?))
            .collect();
        ClockTimes(times)
    }

    fn near(&self, seconds: f64) -> bool {
        self.0.iter().any(|&t| (seconds - t).abs() <= 0.1 * t)
    }
}

/// Parses digits with thousands separators or a decimal point; gives the
/// value, the place value of its last significant digit and its count of
/// significant digits.
pub fn parse_digits(raw: &str) -> Option<(f64, f64, u32)> {
    let owned;
    let raw = if raw.starts_with('.') {
        owned = format!("0{raw}");
        owned.as_str()
    } else {
        raw
    };
    let groups: Vec<&str> = raw.split(',').collect();
    let thousands =
        groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3 || (g.len() > 3 && g.as_bytes()[3] == b'.'));
    let cleaned: String = if thousands {
        raw.replace(',', "")
    } else if groups.len() == 2 && !raw.contains('.') {
        raw.replace(',', ".")
    } else {
        raw.replace(',', "")
    };
    let value: f64 = cleaned.parse().ok()?;
    let (int_part, frac_part) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let digits: String = format!("{int_part}{frac_part}");
    let trimmed_lead = digits.trim_start_matches('0');
    let precision;
    let significant;
    if frac_part.is_empty() {
        let trailing = int_part.len() - int_part.trim_end_matches('0').len();
        let trailing = if value == 0.0 { 0 } else { trailing };
        precision = 10f64.powi(trailing as i32);
        significant = (trimmed_lead.len() - trailing).max(1) as u32;
    } else {
        precision = 10f64.powi(-(frac_part.len() as i32));
        significant = trimmed_lead.len().max(1) as u32;
    }
    Some((value, precision, significant))
}

/// Finds the numbers of tokens `range` of `view`, skipping tokens marked in
/// `taken`: date expressions, years among them, are read first.
pub fn find(
    view: &TokenText,
    range: std::ops::Range<usize>,
    (taken, times): (&[bool], &ClockTimes),
    lexicon: &Lexicon,
) -> Vec<NumberMatch> {
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if taken[i] {
            i += 1;
            continue;
        }
        let found = if view.tokens[i].is_number() {
            colon_time(view, &range, i, times, lexicon).unwrap_or_else(|| digits_at(view, &range, i, lexicon))
        } else if view.tokens[i].is_word() {
            words_at(view, &range, i, lexicon)
        } else {
            Scan::Skip(1)
        };
        match found {
            Scan::Found(m) => {
                i = m.last + 1;
                out.push(m);
                if let Some(share) = out_of(view, &range, &out) {
                    out.pop();
                    out.pop();
                    i = share.last + 1;
                    out.push(share);
                }
            }
            Scan::Skip(n) => i += n.max(1),
        }
    }
    out
}

/// "One out of three Germans": the last two numbers joined by "out of" are
/// a share.
fn out_of(view: &TokenText, range: &std::ops::Range<usize>, found: &[NumberMatch]) -> Option<NumberMatch> {
    let [.., a, b] = found else { return None };
    let joined = a.last + 3 == b.first && view.low(a.last + 1) == "out" && view.low(a.last + 2) == "of";
    let (x, y) = (a.value?, b.value?);
    let whole = |m: &NumberMatch| m.scale == 1.0 && m.implied.is_none() && m.vague.is_none();
    if !joined || !whole(a) || !whole(b) || y <= 0.0 || x > y || b.last >= range.end {
        return None;
    }
    Some(NumberMatch {
        first: a.first,
        last: b.last,
        value: Some(x / y),
        precision: 1.0 / y,
        significant: 3,
        scale: 1.0,
        vague: None,
        words: a.words,
        implied: None,
    })
}

enum Scan {
    Found(NumberMatch),
    /// Not a number (or not a claim): skip this many tokens.
    Skip(usize),
}

/// A time written with colons at token `i`: a duration ("2:01:39",
/// "5km in 14:24", "ran 2:01"), or a time of day, which is no quantity
/// ("9:35 PM", "at 10:30", "2019 11:30"). `None` when there is no colon.
fn colon_time(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    i: usize,
    times: &ClockTimes,
    lexicon: &Lexicon,
) -> Option<Scan> {
    let part = |k: usize| {
        (k < range.end && view.tokens[k].is_number() && view.tokens[k].glued).then(|| view.raw(k)).filter(|_| k > i)
    };
    let colon = |k: usize| k < range.end && view.raw(k) == ":" && view.tokens[k].glued;
    if !colon(i + 1) {
        return None;
    }
    let second = part(i + 2)?;
    let third = if colon(i + 3) { part(i + 4) } else { None };
    let last = if third.is_some() { i + 4 } else { i + 2 };
    let skip = Some(Scan::Skip(last + 1 - i));
    let before = (i > range.start).then(|| i - 1);
    let time_of_day = lexicon.not_quantities.clock.match_at(view, last + 1).is_some()
        || before.is_some_and(|b| {
            matches!(view.low(b), "at" | "until" | "till" | "from" | "since" | "|")
                || lexicon.not_quantities.clock.match_ending_at(view, b).is_some()
                || view.tokens[b].is_number()
                || (view.tokens[i].glued && view.tokens[b].is_word())
        });
    if time_of_day {
        return skip;
    }
    let whole = |s: &str| s.parse::<u32>().ok();
    let first: u32 = whole(view.raw(i))?;
    let (value, precision, to_the_minute) = match third {
        Some(sec) => {
            let (m, s) = (whole(second)?, sec.parse::<f64>().ok()?);
            if m >= 60 || s >= 60.0 {
                return skip;
            }
            let decimals = sec.split_once('.').map_or(0, |(_, f)| f.len());
            (f64::from(first) * 3600.0 + f64::from(m) * 60.0 + s, 10f64.powi(-(decimals as i32)), false)
        }
        None => {
            let decimals = second.split_once('.').map_or(0, |(_, f)| f.len());
            let s = second.parse::<f64>().ok()?;
            if s >= 60.0 || second.split('.').next().is_none_or(|w| w.len() != 2) {
                return skip;
            }
            let as_hours = f64::from(first) * 3600.0 + s * 60.0;
            if decimals == 0 && times.near(as_hours) {
                (as_hours, 60.0, true)
            } else {
                (f64::from(first) * 60.0 + s, 10f64.powi(-(decimals as i32)), false)
            }
        }
    };
    Some(Scan::Found(NumberMatch {
        first: i,
        last,
        value: Some(value),
        precision,
        significant: 6,
        scale: 1.0,
        vague: None,
        words: false,
        implied: Some(Implied::Clock { to_the_minute }),
    }))
}

fn is_currency_word(view: &TokenText, t: usize, lexicon: &Lexicon) -> bool {
    lexicon.units.prefix.match_ending_at(view, t).is_some()
}

fn digits_at(view: &TokenText, range: &std::ops::Range<usize>, i: usize, lexicon: &Lexicon) -> Scan {
    let raw = view.raw(i);
    let visible: String;
    let raw = if raw.chars().any(crate::tokens::invisible_in_number) {
        visible = raw.chars().filter(|&c| !crate::tokens::invisible_in_number(c)).collect();
        visible.as_str()
    } else {
        raw
    };
    let Some((mut value, mut precision, significant)) = parse_digits(raw) else {
        return Scan::Skip(1);
    };
    let nq = &lexicon.not_quantities;
    let tok = |k: usize| (k >= range.start && k < range.end).then(|| view.tokens[k]);
    let raw_at = |k: usize| tok(k).map_or("", |_| view.raw(k));
    let glued = |k: usize| tok(k).is_some_and(|t| t.glued);
    let is_num = |k: usize| tok(k).is_some_and(|t| t.is_number());
    let is_word = |k: usize| tok(k).is_some_and(|t| t.is_word());
    let integer = !raw.contains(['.']) && !raw.contains(',');
    // Ordinals (22nd), decades (1990s).
    if glued(i + 1) && is_word(i + 1) && (nq.ordinals.contains_token(view, i + 1) || view.low(i + 1) == "s") {
        return Scan::Skip(2);
    }
    if i > range.start && raw_at(i - 1) == ":" && glued(i) && glued(i - 1) && is_num(i.wrapping_sub(2)) {
        return Scan::Skip(1);
    }
    if i + 1 < range.end
        && nq.clock.match_at(view, i + 1).is_some()
        && (integer || glued(i + 1))
        && (value <= 24.0 || raw.len() == 4)
    {
        return Scan::Skip(2);
    }
    // Phone numbers: 215-686-1776, (215) 686-1776.
    if raw.len() == 3 && integer {
        let dashes = raw_at(i + 1) == "-"
            && glued(i + 1)
            && is_num(i + 2)
            && raw_at(i + 2).len() == 3
            && raw_at(i + 3) == "-"
            && is_num(i + 4)
            && raw_at(i + 4).len() == 4;
        let area = raw_at(i.wrapping_sub(1)) == "("
            && raw_at(i + 1) == ")"
            && is_num(i + 2)
            && raw_at(i + 2).len() == 3
            && raw_at(i + 3) == "-";
        if dashes || area {
            return Scan::Skip(5);
        }
    }
    // Fractions: 1/16, 1⁄32 (but not 24/7, 9/11 or dates such as 9/28/2017):
    // a fraction in the news has a denominator that measures ("3/4", "1/16").
    if matches!(raw_at(i + 1), "/" | "⁄") && glued(i + 1) && is_num(i + 2) && glued(i + 2) && integer {
        let chained = matches!(raw_at(i + 3), "/" | "⁄") && glued(i + 3);
        let denominator = parse_digits(raw_at(i + 2)).map_or(0.0, |d| d.0);
        let measuring = [2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 16.0, 32.0, 64.0, 100.0].contains(&denominator);
        if !chained && value < denominator && measuring {
            return Scan::Found(NumberMatch {
                first: i,
                last: i + 2,
                value: Some(value / denominator),
                precision: 1.0 / denominator,
                significant: 2,
                scale: 1.0,
                vague: None,
                words: false,
                implied: None,
            });
        }
        return Scan::Skip(3);
    }
    // Scores: 2-0, 9-2, 89-89 (a larger or equal number first).
    if matches!(raw_at(i + 1), "-" | "–") && glued(i + 1) && is_num(i + 2) && glued(i + 2) && integer {
        let second = parse_digits(raw_at(i + 2)).map_or(f64::MAX, |d| d.0);
        let unit_after = i + 3 < range.end && lexicon.units.suffix.match_at(view, i + 3).is_some();
        if second <= value && !unit_after {
            return Scan::Skip(3);
        }
    }
    // Names: a brand or model written as number-hyphen-Capital ("7-Eleven").
    if raw_at(i + 1) == "-" && glued(i + 1) && glued(i + 2) && is_word(i + 2) && starts_upper(raw_at(i + 2)) {
        return Scan::Skip(3);
    }
    if i > range.start {
        let p = i - 1;
        // Identifiers: digits glued to letters ("A2", "cac40", "S22", "ID.3"), unless a currency ("RM120").
        if glued(i) && is_word(p) && !is_currency_word(view, p, lexicon) {
            return Scan::Skip(1);
        }
        if glued(i) && raw_at(p) == "." && glued(p) && is_word(p.wrapping_sub(1)) {
            return Scan::Skip(1);
        }
        // The second year of a season: 2014-15.
        if glued(i) && raw_at(p) == "-" && glued(p) && is_num(p.wrapping_sub(1)) && raw_at(p.wrapping_sub(1)).len() == 4
        {
            return Scan::Skip(1);
        }
        // Names: a designator before the number ("Phase 2", "Covid-19", "Big 12").
        if is_designated(view, range, i, lexicon) {
            return Scan::Skip(1);
        }
        // Ages after names: "Jim Smith, 45, said".
        if raw_at(p) == ","
            && matches!(raw_at(i + 1), "," | ";" | ")")
            && integer
            && (1.0..=120.0).contains(&value)
            && starts_upper(raw_at(p.wrapping_sub(1)))
            && is_word(p.wrapping_sub(1))
        {
            return Scan::Found(NumberMatch {
                first: i,
                last: i,
                value: Some(value),
                precision: 1.0,
                significant,
                scale: 1.0,
                vague: None,
                words: false,
                implied: Some(Implied::Age),
            });
        }
        // A number in parentheses after a name: a jersey, a ranking ("Dak Prescott (4)").
        if raw_at(p) == "("
            && raw_at(i + 1) == ")"
            && integer
            && is_word(p.wrapping_sub(1))
            && starts_upper(raw_at(p.wrapping_sub(1)))
        {
            return Scan::Skip(1);
        }
    }
    // Names: "911 calls".
    if nq.names.match_at(view, i).is_some() {
        return Scan::Skip(1);
    }
    // Labels: "90049 ZIP code".
    if i + 1 < range.end && nq.labels.match_at(view, i + 1).is_some() {
        return Scan::Skip(1);
    }
    // Addresses: 1401 Market Street, 16-18 Industrial Avenue, 22 Ave Foch, 9 E 71st St.
    let house_end = if raw_at(i + 1) == "-" && glued(i + 1) && is_num(i + 2) && glued(i + 2) { i + 2 } else { i };
    if is_word(house_end + 1) && starts_upper(raw_at(house_end + 1)) && integer {
        let mut k = house_end + 1;
        while k < range.end && k < i + 5 {
            if nq.street_types.match_at(view, k).is_some() && starts_upper(raw_at(k)) {
                return Scan::Skip(k - i + 1);
            }
            let name_like = (is_word(k) && starts_upper(raw_at(k)))
                || (is_num(k) && is_word(k + 1) && glued(k + 1) && nq.ordinals.contains_token(view, k + 1));
            if !name_like {
                break;
            }
            k += if is_num(k) { 2 } else { 1 };
        }
    }
    // A compound whose second part is not a unit names a kind, not an amount ("six-speed", "a 20-member panel").
    if raw_at(i + 1) == "-"
        && glued(i + 1)
        && glued(i + 2)
        && is_word(i + 2)
        && lexicon.qualifiers.after.match_at(view, i + 1).is_none()
        && lexicon.units.suffix.match_at(view, i + 2).is_none()
        && !lexicon.numbers.scales.contains_key(view.low(i + 2))
    {
        return Scan::Skip(3);
    }
    // Scientific notation: 1.99×10−30, 2.998 x 10^-8.
    if matches!(raw_at(i + 1), "×" | "x" | "*") && raw_at(i + 2) == "10" {
        let mut e = i + 3;
        let mut sign = 1;
        if matches!(raw_at(e), "^") {
            e += 1;
        }
        if matches!(raw_at(e), "−" | "-" | "–") {
            sign = -1;
            e += 1;
        }
        if is_num(e)
            && glued(e)
            && let Ok(exp) = raw_at(e).parse::<i32>()
        {
            let exp = sign * exp;
            return Scan::Found(NumberMatch {
                first: i,
                last: e,
                value: Some(value * 10f64.powi(exp)),
                precision: precision * 10f64.powi(exp),
                significant,
                scale: 10f64.powi(exp),
                vague: None,
                words: false,
                implied: None,
            });
        }
    }
    let mut last = i;
    let mut scale_used = 1.0;
    // Glued scale ("1.6bn", "$30k", "4.3M"), or a scale word ("1.6 million").
    let currency_before = i > range.start
        && (is_currency_word(view, i - 1, lexicon)
            || (raw_at(i - 1) == "-" && i > range.start + 1 && is_currency_word(view, i - 2, lexicon)));
    if glued(i + 1)
        && is_word(i + 1)
        && let Some(&(scale, currency_only)) = lexicon.numbers.glued_scales.get(view.low(i + 1))
    {
        let counted_after = is_word(i + 2)
            && !glued(i + 2)
            && (view.low(i + 2) == "of"
                || raw_at(i + 2).ends_with('s')
                || lexicon.measures.population.match_at(view, i + 2).is_some());
        if !currency_only || currency_before || !integer || counted_after {
            value *= scale;
            precision *= scale;
            scale_used = scale;
            last = i + 1;
        }
    } else if is_word(i + 1)
        && let Some(&scale) = lexicon.numbers.scales.get(view.low(i + 1))
    {
        value *= scale;
        precision *= scale;
        scale_used = scale;
        last = i + 1;
        if is_word(i + 2)
            && let Some(&bigger) = lexicon.numbers.scales.get(view.low(i + 2))
            && bigger > scale
        {
            value *= bigger;
            precision *= bigger;
            scale_used *= bigger;
            last = i + 2;
        }
    }
    // A minus sign: "-5", "−5", "minus 387", "minus-5", "$-50.8bn".
    let mut first = i;
    if i > range.start {
        let p = i - 1;
        let sign = matches!(raw_at(p), "-" | "−") && glued(i);
        // Glued to a word, a hyphen joins ("magnitude-8.0"); glued to a
        // currency symbol, it is a sign ("$-50.8bn").
        let after_symbol = p > range.start
            && is_currency_word(view, p - 1, lexicon)
            && !view.raw(p - 1).ends_with(|c: char| c.is_alphabetic());
        let spaced_sign = sign && (!glued(p) || after_symbol);
        if sign && p > range.start && view.low(p - 1) == "minus" {
            value = -value;
            first = p - 1;
        } else if spaced_sign || view.low(p) == "minus" {
            value = -value;
            first = p;
        }
    }
    Scan::Found(NumberMatch {
        first,
        last,
        value: Some(value),
        precision,
        significant,
        scale: scale_used,
        vague: None,
        words: false,
        implied: None,
    })
}

/// Whether the number at `i` is named by the word before it ("Phase 2",
/// "Section 427", "Covid-19", "Big 12", "S&P 500").
fn is_designated(view: &TokenText, range: &std::ops::Range<usize>, i: usize, lexicon: &Lexicon) -> bool {
    let nq = &lexicon.not_quantities;
    let mut p = i - 1;
    if matches!(view.raw(p), "-" | "–") && view.tokens[i].glued && p > range.start {
        p -= 1;
        let named = view.tokens[p].is_word()
            && (starts_upper(view.raw(p)) || nq.designators.match_ending_at(view, p).is_some());
        let unit_after = i + 1 < range.end && lexicon.units.suffix.match_at(view, i + 1).is_some();
        let spaced_name = view.raw(p).chars().all(|c| c.is_uppercase()) && !unit_after && !view.raw(i).contains('.');
        return named && (view.tokens[p + 1].glued || spaced_name);
    }
    if view.raw(p) == "#" && view.tokens[i].glued {
        return true;
    }
    let after_unit = i + 1 < range.end && lexicon.units.suffix.match_at(view, i + 1).is_some();
    if nq.designators.match_ending_at(view, p).is_some() && !view.raw(i).contains('.') {
        return true;
    }
    // "streets 204 and 223": the second number of a designated pair.
    if matches!(view.raw(p), "and" | "," | "or") && p >= range.start + 2 && view.tokens[p - 1].is_number() {
        let q = p - 2;
        if nq.designators.match_ending_at(view, q).is_some() {
            return true;
        }
    }
    let word = view.raw(p);
    view.tokens[p].is_word()
        && starts_upper(word)
        && p > range.start
        && lexicon.measures.labels.match_ending_at(view, p).is_none()
        && !lexicon.function_words.contains(word)
        && !is_currency_word(view, p, lexicon)
        && lexicon.calendar.months.match_ending_at(view, p).is_none()
        && lexicon.qualifiers.before.match_ending_at(view, p).is_none()
        && lexicon.change.words.match_ending_at(view, p).is_none()
        && !after_unit
        && !view.raw(i).contains(',')
}

/// A run of number words from token `i`: value, last token, precision.
fn word_number(
    view: &TokenText,
    range: &std::ops::Range<usize>,
    i: usize,
    lexicon: &Lexicon,
) -> Option<(f64, usize, f64)> {
    let words = &lexicon.numbers.words;
    let scales = &lexicon.numbers.scales;
    let mut total = 0.0;
    let mut current = 0.0;
    let mut any = false;
    let mut last = i;
    let mut precision: f64 = 1.0;
    let mut k = i;
    while k < range.end {
        let w = view.low(k);
        if let Some(&v) = words.get(w) {
            if any
                && (current % 10.0 != 0.0 || (v >= 10.0 && current % 100.0 != 0.0) || (10.0..20.0).contains(&current))
            {
                break;
            }
            current += v;
            any = true;
            last = k;
            precision = 1.0;
            k += 1;
            if k + 1 < range.end
                && view.raw(k) == "-"
                && view.tokens[k].glued
                && view.tokens[k + 1].glued
                && let Some(&u) = words.get(view.low(k + 1))
                && v >= 20.0
                && u < 10.0
            {
                current += u;
                last = k + 1;
                k += 2;
            }
            continue;
        }
        if let Some(&s) = scales.get(w) {
            let after_article = k > i && matches!(view.low(k - 1), "a" | "an");
            if !any && !after_article {
                break;
            }
            let base = if current == 0.0 { 1.0 } else { current };
            if s >= 1000.0 {
                total += base * s;
                current = 0.0;
            } else {
                current = base * s;
            }
            precision = s;
            any = true;
            last = k;
            k += 1;
            continue;
        }
        if w == "and"
            && any
            && k + 1 < range.end
            && words.contains_key(view.low(k + 1))
            && (current >= 100.0 || total > 0.0)
        {
            k += 1;
            continue;
        }
        if (w == "a" || w == "an") && !any && k + 1 < range.end && scales.contains_key(view.low(k + 1)) {
            k += 1;
            continue;
        }
        break;
    }
    any.then_some((total + current, last, precision))
}

fn words_at(view: &TokenText, range: &std::ops::Range<usize>, i: usize, lexicon: &Lexicon) -> Scan {
    // Vague plurals: "dozens", "tens of thousands".
    if let Some((n, vague)) = lexicon.numbers.vague.match_at(view, i) {
        return Scan::Found(NumberMatch {
            first: i,
            last: i + n - 1,
            value: None,
            precision: vague.low,
            significant: 1,
            scale: 1.0,
            vague: Some((vague.low, vague.high, vague.approx.clone())),
            words: true,
            implied: None,
        });
    }
    let w = view.low(i);
    // Every reading below starts at a number or fraction word, "a" or
    // "an", or a word ending in "fold".
    if !lexicon.numbers.may_start(view, i) && !w.ends_with("fold") {
        return Scan::Skip(1);
    }
    let fractions = &lexicon.numbers.fractions;
    // "half the condos", "almost half of which": a bare half of something.
    if let Some(&frac) = fractions.get(w)
        && frac == 0.5
        && !w.ends_with('s')
        && i + 1 < range.end
        && matches!(view.low(i + 1), "of" | "the" | "its" | "their" | "his" | "her" | "our" | "all")
        && !(i > range.start
            && matches!(
                view.low(i - 1),
                "the" | "a" | "first" | "second" | "latter" | "former" | "other" | "one" | "and"
            ))
    {
        return Scan::Found(NumberMatch {
            first: i,
            last: i,
            value: Some(frac),
            precision: frac,
            significant: 1,
            scale: 1.0,
            vague: None,
            words: true,
            implied: None,
        });
    }
    // Fractions: "a third of", "one-third", "two-thirds", "three quarters".
    let count = match w {
        "a" | "an" => Some(1.0),
        _ => lexicon.numbers.words.get(w).copied().filter(|v| *v < 20.0),
    };
    if let Some(count) = count {
        let mut f = i + 1;
        if f + 1 < range.end && view.raw(f) == "-" && view.tokens[f].glued {
            f += 1;
        }
        if f < range.end
            && let Some(&frac) = fractions.get(view.low(f))
        {
            let plural = view.low(f).ends_with('s');
            let followed_by_of = f + 1 < range.end && view.low(f + 1) == "of";
            if (plural && count > 1.0) || followed_by_of {
                return Scan::Found(NumberMatch {
                    first: i,
                    last: f,
                    value: Some(count * frac),
                    precision: frac,
                    significant: 1,
                    scale: 1.0,
                    vague: None,
                    words: true,
                    implied: None,
                });
            }
        }
    }
    // "sixfold", "two-fold": a multiple.
    if let Some(stem) = w.strip_suffix("fold")
        && let Some(&v) = lexicon.numbers.words.get(stem)
    {
        return Scan::Found(NumberMatch {
            first: i,
            last: i,
            value: Some(v),
            precision: 1.0,
            significant: 1,
            scale: 1.0,
            vague: None,
            words: true,
            implied: None,
        });
    }
    // Inside a compound ("production-four-door") or a capitalized name ("the Kick Six").
    if i > range.start
        && ((view.raw(i - 1) == "-"
            && view.tokens[i].glued
            && view.tokens[i - 1].glued
            && i - 1 > range.start
            && view.tokens[i - 2].is_word())
            || (starts_upper(view.raw(i))
                && view.tokens[i - 1].is_word()
                && starts_upper(view.raw(i - 1))
                && !lexicon.function_words.contains(view.low(i - 1))))
    {
        return Scan::Skip(1);
    }
    let Some((value, last, precision)) = word_number(view, range, i, lexicon) else {
        return Scan::Skip(1);
    };
    // A compound whose second part is not a unit ("six-speed", "three-bed").
    if last + 2 < range.end
        && view.raw(last + 1) == "-"
        && view.tokens[last + 1].glued
        && view.tokens[last + 2].glued
        && view.tokens[last + 2].is_word()
        && lexicon.units.suffix.match_at(view, last + 2).is_none()
        && view.low(last + 2) != "fold"
    {
        return Scan::Skip(last + 3 - i);
    }
    if value == 1.0 && last == i && w == "one" && !one_counts(view, range, i, lexicon) {
        return Scan::Skip(1);
    }
    Scan::Found(NumberMatch {
        first: i,
        last,
        value: Some(value),
        precision,
        significant: format!("{}", value.abs() as u64).trim_end_matches('0').len().max(1) as u32,
        scale: precision,
        vague: None,
        words: true,
        implied: None,
    })
}

/// Whether a bare "one" counts something ("one man") rather than pointing
/// ("one of the best", "no one", "one another", "in one four-day raid").
fn one_counts(view: &TokenText, range: &std::ops::Range<usize>, i: usize, lexicon: &Lexicon) -> bool {
    let next = (i + 1 < range.end).then(|| view.low(i + 1));
    let prev = (i > range.start).then(|| view.low(i - 1));
    if i + 1 < range.end && lexicon.units.suffix.match_at(view, i + 1).is_some() {
        return true;
    }
    let range_follows = matches!(next, Some("to" | "or"))
        && i + 2 < range.end
        && (view.tokens[i + 2].is_number() || lexicon.numbers.words.contains_key(view.low(i + 2)));
    let share_follows = matches!(next, Some("out"))
        && i + 3 < range.end
        && view.low(i + 2) == "of"
        && (view.tokens[i + 3].is_number() || lexicon.numbers.words.contains_key(view.low(i + 3)));
    if range_follows || share_follows {
        return true;
    }
    if matches!(next, Some("of" | "another" | "by" | "-" | "'s" | "’s" | "or" | "and" | "who" | "that" | "which")) {
        return false;
    }
    // The last of a breakdown: "three factories in Michigan and one in Ohio",
    // "two were outside, one was inside".
    let counted_before = (range.start..i.saturating_sub(1))
        .any(|k| view.tokens[k].is_number() || lexicon.numbers.words.get(view.low(k)).is_some_and(|v| *v >= 2.0));
    if matches!(prev, Some("and" | "," | ";")) && counted_before {
        return true;
    }
    if matches!(
        prev,
        Some(
            "no" | "the"
                | "this"
                | "that"
                | "each"
                | "every"
                | "any"
                | "which"
                | "another"
                | "only"
                | "last"
                | "such"
                | "little"
                | "big"
                | "right"
                | "wrong"
        )
    ) {
        return false;
    }
    let Some(n) = next else { return false };
    if view.tokens[i + 1].is_number() || lexicon.numbers.words.contains_key(n) {
        return false;
    }
    view.tokens[i + 1].is_word() && !lexicon.function_words.contains(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_parse_with_separators_and_precision() {
        assert_eq!(parse_digits("5,000"), Some((5000.0, 1000.0, 1)));
        assert_eq!(parse_digits("107"), Some((107.0, 1.0, 3)));
        assert_eq!(parse_digits("1.6"), Some((1.6, 0.1, 2)));
        assert_eq!(parse_digits("3,600"), Some((3600.0, 100.0, 2)));
        assert_eq!(parse_digits("16369.03"), Some((16369.03, 0.01, 7)));
        assert_eq!(parse_digits("0"), Some((0.0, 1.0, 1)));
        assert_eq!(parse_digits(".5"), Some((0.5, 0.1, 1)));
    }
}
