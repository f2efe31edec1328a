//! claim: the normalized claim, the unit every later stage works on, and
//! its interval and date arithmetic.
//! Takes: what the extractors read from one sentence.
//! Gives: `Claim`: kind, span (offsets of the document's analysed text),
//! value as an interval, and its context: measure, category, scope, time,
//! event, each saying whether the sentence stated it or it was inherited.
//! Never: compares claims; that is the graph's and the rules' work.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::lexicon::{Direction, PlaceId};

/// The words claims share (measures, nouns, units, qualifiers, whom a
/// figure is attributed to): interned once for the process, so that a
/// claim holds a pointer, not a string of its own, and two are compared by
/// address (see docs/architecture.md).
pub use ustr::Ustr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    Quantity,
    Quote,
    Superlative,
    Date,
    /// The items a count announces ("six other cities – Baltimore; Denver;
    /// ..."): its value is how many it names.
    List,
}

impl ClaimKind {
    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Quantity => "quantity",
            ClaimKind::Quote => "quote",
            ClaimKind::Superlative => "superlative",
            ClaimKind::Date => "date",
            ClaimKind::List => "list",
        }
    }
}

/// How a claim got a field of its referent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Not known.
    #[default]
    Unknown,
    /// Written in the claim's own sentence.
    Stated,
    /// Carried over from a neighbouring claim of the same passage
    /// ("28 arrests in Baltimore, 30 in Chicago": 30 is arrests too).
    Nearby,
    /// Taken from the document: its date, its main event, its country.
    Document,
}

/// How sure a reading is: what the grammar says outright is `High` (the
/// counted noun itself, a possessive, the subject of a level verb), what a
/// nearby word suggests is `Medium`, what is inherited is `Low`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    #[default]
    Low,
    Medium,
    High,
}

/// One field of a referent: its value, where it came from, how sure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Field<T> {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<T>,
    pub source: Source,
    pub confidence: Confidence,
}

impl<T> Default for Field<T> {
    fn default() -> Self {
        Field { value: None, source: Source::Unknown, confidence: Confidence::Low }
    }
}

impl<T> Field<T> {
    pub fn new(value: impl Into<T>, source: Source, confidence: Confidence) -> Self {
        Field { value: Some(value.into()), source, confidence }
    }

    /// Nothing read: no value, from nowhere, as unsure as can be (a
    /// record leaves such a field out).
    pub fn is_unknown(&self) -> bool {
        self.value.is_none() && self.source == Source::Unknown && self.confidence == Confidence::Low
    }

    pub fn get(&self) -> Option<&T> {
        self.value.as_ref()
    }

    pub fn is_some(&self) -> bool {
        self.value.is_some()
    }

    /// Stated in the claim's own sentence.
    pub fn stated(&self) -> bool {
        self.value.is_some() && self.source == Source::Stated
    }
}

/// What a figure gives of its measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aspect {
    /// How much there is: a toll, a total, a price.
    #[default]
    Level,
    /// How much it went up or down: "eight more", "up 5%", "an additional 13".
    Change,
}

/// Whether a figure's time is when a running count stood ("rose to 48 on
/// Tuesday", a report's date) or a span the figure covers ("in 2017",
/// "between Oct. 3 and 9").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeKind {
    #[default]
    AsOf,
    Period,
}

/// A span of days, with the precision the text gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub precision: Precision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Precision {
    Day,
    Month,
    Year,
    /// Any other span: a week, "between Oct. 3 and 9", "late September".
    Range,
}

/// How many times longer than another a range may be and still be compared
/// with it (see `DateRange::comparable`).
const COMPARABLE_SCALE: i64 = 31;

impl DateRange {
    pub fn day(d: NaiveDate) -> Self {
        DateRange { first: d, last: d, precision: Precision::Day }
    }

    pub fn month(year: i32, month: u32) -> Option<Self> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        }?;
        Some(DateRange { first, last: next.pred_opt()?, precision: Precision::Month })
    }

    pub fn year(year: i32) -> Option<Self> {
        Some(DateRange {
            first: NaiveDate::from_ymd_opt(year, 1, 1)?,
            last: NaiveDate::from_ymd_opt(year, 12, 31)?,
            precision: Precision::Year,
        })
    }

    pub fn range(first: NaiveDate, last: NaiveDate) -> Self {
        if first == last {
            return DateRange::day(first);
        }
        let (first, last) = if first <= last { (first, last) } else { (last, first) };
        DateRange { first, last, precision: Precision::Range }
    }

    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    pub fn contains(&self, other: &DateRange) -> bool {
        self.first <= other.first && other.last <= self.last
    }

    /// How many days lie between two ranges: from the end of the earlier to
    /// the start of the later; 0 when they overlap.
    pub fn days_apart(&self, other: &DateRange) -> i64 {
        let gap = if self.last < other.first { other.first - self.last } else { self.first - other.last };
        gap.num_days().max(0)
    }

    /// The days two overlapping ranges share.
    pub fn intersection(&self, other: &DateRange) -> DateRange {
        DateRange { first: self.first.max(other.first), last: self.last.min(other.last), precision: Precision::Range }
    }

    /// How many days the range spans.
    pub fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }

    /// Whether two ranges overlap and are of one scale (days and a week,
    /// not a day and a year): a raid's count is no part of a year's.
    pub fn comparable(&self, other: &DateRange) -> bool {
        let (a, b) = (self.days(), other.days());
        self.overlaps(other) && a.max(b) <= a.min(b) * COMPARABLE_SCALE
    }

    /// The first days a range comparable with this one can start on: it
    /// overlaps, so it starts by this one's last day, and it is at most
    /// `COMPARABLE_SCALE` times as long, so it cannot start much earlier.
    /// Lets a time-ordered list be searched instead of scanned.
    pub fn comparable_starts(&self) -> (NaiveDate, NaiveDate) {
        let longest = self.days().saturating_mul(COMPARABLE_SCALE);
        let earliest = self.first.checked_sub_days(chrono::Days::new(longest as u64)).unwrap_or(NaiveDate::MIN);
        (earliest, self.last)
    }

    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or `A/B` (CONTRACT.md).
    pub fn render(&self) -> String {
        match self.precision {
            Precision::Day => day(self.first),
            Precision::Month if four_digits(self.first.year()) => {
                let mut out = String::with_capacity(7);
                push_padded(&mut out, self.first.year() as u32, 4);
                out.push('-');
                push_padded(&mut out, self.first.month(), 2);
                out
            }
            Precision::Month => format!("{:04}-{:02}", self.first.year(), self.first.month()),
            Precision::Year if four_digits(self.first.year()) => {
                let mut out = String::with_capacity(4);
                push_padded(&mut out, self.first.year() as u32, 4);
                out
            }
            Precision::Year => format!("{:04}", self.first.year()),
            Precision::Range if whole_years(self) => format!("{:04}/{:04}", self.first.year(), self.last.year()),
            Precision::Range => format!("{}/{}", day(self.first), day(self.last)),
        }
    }
}

/// A day as `YYYY-MM-DD`: written digit by digit for the years of the
/// common era that have four digits, as chrono's formatter (slower: it
/// parses its pattern each time) writes every other.
fn day(d: chrono::NaiveDate) -> String {
    if four_digits(d.year()) {
        let mut out = String::with_capacity(10);
        push_padded(&mut out, d.year() as u32, 4);
        out.push('-');
        push_padded(&mut out, d.month(), 2);
        out.push('-');
        push_padded(&mut out, d.day(), 2);
        out
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

/// Whether a year is written in four digits, zeros first (0 to 9999).
fn four_digits(year: i32) -> bool {
    (0..=9999).contains(&year)
}

/// Pushes the last `width` decimal digits of `n`, zeros first: what
/// `format!("{n:0width$}")` writes for an `n` that has no more digits,
/// without the formatting machinery (dates are written for every claim).
fn push_padded(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        out.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
    }
}

/// Whether a range runs from a first of January to a 31 December ("the 1980s").
fn whole_years(r: &DateRange) -> bool {
    (r.first.month(), r.first.day(), r.last.month(), r.last.day()) == (1, 1, 12, 31)
}

/// A number read as an interval; an open side is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
}

impl Interval {
    pub fn point(v: f64) -> Self {
        Interval { low: Some(v), high: Some(v) }
    }

    /// Whether two readings can describe the same number, once each is
    /// widened by `tolerance` (a fraction of its bounds).
    pub fn compatible(&self, other: &Interval, tolerance: f64) -> bool {
        let widen_low = |v: f64| v - v.abs() * tolerance;
        let widen_high = |v: f64| v + v.abs() * tolerance;
        let a_low = self.low.map(widen_low);
        let a_high = self.high.map(widen_high);
        let b_low = other.low.map(widen_low);
        let b_high = other.high.map(widen_high);
        let below = matches!((a_high, b_low), (Some(h), Some(l)) if h < l);
        let above = matches!((a_low, b_high), (Some(l), Some(h)) if l > h);
        !(below || above)
    }

    /// The least value the interval allows (0 when open below).
    pub fn least(&self) -> f64 {
        self.low.unwrap_or(0.0)
    }

    /// Whether the reading is one exact number.
    pub fn is_point(&self) -> bool {
        matches!((self.low, self.high), (Some(l), Some(h)) if l == h)
    }
}

/// A number claim's reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The number as stated (500 for "nearly 500"); `None` for "dozens".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    pub interval: Interval,
    /// `exact`, or the normalized qualifier (`nearly`, `more_than`, ...).
    pub approx: Ustr,
    /// True when an unhedged round number is read as possibly rounded.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub rounded: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Ustr>,
    /// A count of one written as a word ("One immigrant arrested ..."): it
    /// names an individual, not a total to compare.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub individual: bool,
    /// The items of a list the count introduces ("six other cities – Baltimore; ...").
    /// Boxed, as the change below: few figures have one, and an archive
    /// holds millions of figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<Box<Vec<(usize, usize)>>>,
    /// This number is the earlier value of a change stated with it ("up from 3,600").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Box<Change>>,
    /// The figure, stated with this one, that this one is a part of ("three
    /// of those four"): its index among its document's claims (32 bits,
    /// as a document's claims number far fewer; read it with `whole()`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whole: Option<u32>,
}

impl Quantity {
    /// The index among its document's claims of the figure this one is a part of, if any.
    pub fn whole(&self) -> Option<usize> {
        self.whole.map(|w| w as usize)
    }

    /// Makes claim `index` of its document the figure this one is a part
    /// of (none past 32 bits, which no document's claims reach).
    pub fn set_whole(&mut self, index: usize) {
        self.whole = u32::try_from(index).ok();
    }

    /// The change stated with this figure, if any (held boxed).
    pub fn stated_change(&self) -> Option<Change> {
        self.change.as_deref().copied()
    }

    /// The reading for people: "107", "≤500", "~5,000 (4,500–5,500)", "20–30 percent".
    pub fn reading(&self) -> String {
        reading(self)
    }
}

/// `v` to fifteen significant digits, every digit a double holds for sure:
/// the noise of its last bits gone (0.1 + 0.2 is 0.3).
pub fn fifteen_digits(v: f64) -> f64 {
    use std::io::Write;
    // A double whose shortest decimal has fifteen digits or fewer is that
    // decimal already (it lies well inside half a unit of the fifteenth
    // digit), and the shortest decimal is found far faster than an exact one.
    let mut shortest = [0u8; 40];
    let mut free = &mut shortest[..];
    if write!(free, "{v:e}").is_ok() {
        let written = 40 - free.len();
        let digits = shortest[..written].iter().take_while(|&&b| b != b'e').filter(|b| b.is_ascii_digit()).count();
        if digits <= 15 {
            return v;
        }
    }
    format!("{v:.14e}").parse().unwrap_or(v)
}

/// A number with thousands separators and no needless decimals.
pub fn format_number(v: f64) -> String {
    // Binary noise from scaling ("2.03 million" is 2030000.0000000002) is
    // not a fraction. A whole number below 10^15 has none to lose, and
    // skips the exact (and slow) formatting that finds it.
    // A fraction well away from any whole number ("59.5") is shown to four
    // places as it is: noise that small cannot move its fourth place.
    let plain_fraction = v.abs() < 1e9 && (v - v.round()).abs() > 1e-6;
    let v: f64 = if plain_fraction || (v.fract() == 0.0 && v.abs() < 1e15) { v } else { fifteen_digits(v) };
    if v.fract() != 0.0 {
        // The shortest decimal of a fraction with four places or fewer is
        // what rounding to four places and trimming its zeros gives, found
        // without the exact (slow) rounding.
        let shortest = v.to_string();
        if shortest.split_once('.').is_some_and(|(_, places)| places.len() <= 4) {
            return shortest;
        }
        let s = format!("{v:.4}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        return s.to_string();
    }
    // Every integer digit, however large (no saturation at 64 bits); below
    // 2^53 every whole number is exact as an integer, which prints faster.
    if v.abs() < 9_007_199_254_740_992.0 {
        return grouped(v.abs() as u64, v < 0.0);
    }
    let digits = format!("{:.0}", v.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if v < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A whole number's digits in groups of three ("-1,234,567"), written
/// from the right without the formatting machinery: reports write one for
/// most figures they name.
fn grouped(mut n: u64, negative: bool) -> String {
    // 20 digits, 6 commas and a sign at most.
    let mut buf = [0u8; 27];
    let mut at = buf.len();
    let mut written = 0;
    loop {
        if written > 0 && written % 3 == 0 {
            at -= 1;
            buf[at] = b',';
        }
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        written += 1;
        if n == 0 {
            break;
        }
    }
    if negative {
        at -= 1;
        buf[at] = b'-';
    }
    // Digits, commas and a sign: ASCII, so always UTF-8.
    std::str::from_utf8(&buf[at..]).unwrap_or_default().to_string()
}

/// The half-width a reading stands for, shown without the hair the
/// comparison takes off it (`HALF_UNIT`): 499.5 shows as 500.
fn nominal(x: f64) -> f64 {
    if x == 0.0 {
        return 0.0;
    }
    let scale = 10f64.powi(1 - x.abs().log10().floor() as i32);
    let rounded = (x * scale).round() / scale;
    if ((rounded - x) / x).abs() < 0.002 { rounded } else { x }
}

/// A unit's name in the plural, as English writes it ("acres", "miles per
/// hour", "feet").
fn plural(unit: &str) -> String {
    // The counted word: the one before "per" ("miles per hour"), else the
    // last ("square miles").
    let (before, head, rest) = match unit.split_once(" per ") {
        Some((h, r)) => match h.rsplit_once(' ') {
            Some((b, w)) => (format!("{b} "), w, format!(" per {r}")),
            None => (String::new(), h, format!(" per {r}")),
        },
        None => match unit.rsplit_once(' ') {
            Some((b, w)) => (format!("{b} "), w, String::new()),
            None => (String::new(), unit, String::new()),
        },
    };
    let head = match head {
        "foot" => "feet".to_string(),
        "inch" => "inches".to_string(),
        "century" => "centuries".to_string(),
        h if h.ends_with('s') || h.ends_with("ch") || h.ends_with("sh") => format!("{h}es"),
        h => format!("{h}s"),
    };
    format!("{before}{head}{rest}")
}

/// A value as people write it in its unit: "$4.2 billion", "57.1%",
/// "2:01:39", "4 days", "117,000 acres"; a plain count as a number.
pub fn format_value(v: f64, unit: Option<&str>) -> String {
    let symbol = match unit {
        Some("dollar") => Some("$"),
        Some("euro") => Some("€"),
        Some("pound") => Some("£"),
        Some("yen") => Some("¥"),
        Some("rupee") => Some("₹"),
        _ => None,
    };
    if let Some(symbol) = symbol {
        let (sign, a) = if v < 0.0 { ("-", -v) } else { ("", v) };
        let scaled = |div: f64, word: &str| format!("{sign}{symbol}{} {word}", format_number(a / div));
        return match a {
            a if a >= 1e12 => scaled(1e12, "trillion"),
            a if a >= 1e9 => scaled(1e9, "billion"),
            a if a >= 1e6 => scaled(1e6, "million"),
            a if a.fract() != 0.0 => format!("{sign}{symbol}{a:.2}"),
            a => format!("{sign}{symbol}{}", format_number(a)),
        };
    }
    match unit {
        None => format_number(v),
        Some("percent") => format!("{}%", format_number(v)),
        // A time of a race or of a clock, in seconds: "2:01:39", "1:18".
        Some("second") if v.abs() >= 60.0 && v.fract() == 0.0 => {
            let t = v.abs() as u64;
            let (h, m, sec) = (t / 3600, t / 60 % 60, t % 60);
            let sign = if v < 0.0 { "-" } else { "" };
            if h > 0 { format!("{sign}{h}:{m:02}:{sec:02}") } else { format!("{sign}{m}:{sec:02}") }
        }
        Some(u) if v == 1.0 => format!("1 {u}"),
        Some(u) => format!("{} {}", format_number(v), plural(u)),
    }
}

/// A quantity's reading: "107", "≤500", ">170", "~5,000", "20–30", "dozens".
fn reading(q: &Quantity) -> String {
    let unit = q.unit.as_deref();
    let format_number = |v: f64| format_value(v, unit);
    let low = q.interval.low.map(format_number);
    let high = q.interval.high.map(format_number);
    match (q.value, q.approx.as_str()) {
        (None, "range") => format!("{}–{}", low.unwrap_or_default(), high.unwrap_or_default()),
        (None, approx) => format!("{approx} ({}–{})", low.unwrap_or_default(), high.unwrap_or_else(|| "…".into())),
        (Some(v), "exact") if q.rounded => {
            // Shown at the half unit it stands for (450–550), not the hair
            // less the comparison uses.
            let half = q.interval.high.map_or(0.0, |h| nominal(h - v));
            format!("{} (rounded: {}–{})", format_number(v), format_number(v - half), format_number(v + half))
        }
        (Some(v), "exact") => format_number(v),
        (Some(v), _) => match (low, high) {
            (None, Some(_)) if q.approx == "less_than" => format!("<{}", format_number(v)),
            (None, Some(_)) => format!("≤{}", format_number(v)),
            (Some(_), None) if q.approx == "more_than" => format!(">{}", format_number(v)),
            (Some(_), None) => format!("≥{}", format_number(v)),
            (Some(_), Some(_)) => {
                let half = q.interval.high.map_or(0.0, |h| nominal(h - v));
                format!("~{} ({}–{})", format_number(v), format_number(v - half), format_number(v + half))
            }
            (None, None) => format_number(v),
        },
    }
}

/// A change stated between two numbers of one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub direction: Direction,
    /// Index, in the document's claims, of the later value.
    pub to: usize,
    /// The span of the change word ("up from", "rose").
    pub cue: (usize, usize),
}

/// A quotation and who said it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Box<str>>,
    /// The organisation the speaker speaks for, when the text says so
    /// ("ICE acting Director Tom Homan").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<Box<str>>,
    /// The quoted words, lower-cased, without punctuation.
    pub words: Words,
}

/// A quotation's words, held as one string with a space between words (no
/// word holds one): a quotation of forty words is one allocation, not
/// forty, and a corpus holds hundreds of thousands (each in no more room
/// than its words take). Written and read as a list of words.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Words(Box<str>);

impl Words {
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Words {
        let mut joined = String::new();
        for word in words {
            for part in word.as_ref().split_whitespace() {
                if !joined.is_empty() {
                    joined.push(' ');
                }
                joined.push_str(part);
            }
        }
        Words(joined.into_boxed_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split(' ').filter(|w| !w.is_empty())
    }

    pub fn to_vec(&self) -> Vec<&str> {
        self.iter().collect()
    }

    /// The words with a space between each: two quotations hold the same
    /// words when these are equal.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Words {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Words {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Words, D::Error> {
        Vec::<String>::deserialize(deserializer).map(Words::new)
    }
}

/// A ranking: who is said to be first, against what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Superlative {
    /// The place ranked first, when it is a place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<PlaceId>,
    /// The rest of the field ("any other city").
    pub rivals: String,
    /// A record against the past ("more than ever"), not a ranking among peers.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub record: bool,
    /// A named record ("world record"), credited to the claim's holder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub named: Option<String>,
    /// The named record is an earlier one ("former world-record holder").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub past: bool,
    /// The span of years a ranking covers ("the worst in 25 years").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span_years: Option<Interval>,
    /// What it ranks ("disaster" in "the worst Hajj disaster").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranked: Option<String>,
}

/// A named event mention resolved to a key, for comparing claims.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EventRef {
    /// Normalized key: lower-case name without its cue ("safe city").
    /// Shared (`Arc`): every claim of an article inherits its main event.
    pub key: Arc<str>,
    /// The name as reports show it ("Operation Safe City").
    pub name: Arc<str>,
    /// The phase, when the text names one ("Phase 2").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<u32>,
    /// Named by a distinctive name ("Operation Safe City", "Hurricane
    /// Sandy"), not by a place and a kind that other outlets may write
    /// differently ("Haj stampede", "Mina stampede").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub distinctive: bool,
}

/// What a claim is about: the referent of a figure, each field with where
/// it came from and how sure the reading is. Two figures are the same fact
/// only when their referents match on every field either states.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(from = "ReferentFields")]
pub struct Referent {
    /// What is counted, canonical ("deaths", "structures", "jobs"): the
    /// counted noun through the lexicon, or as written when the lexicon
    /// does not know it.
    pub measure: Field<Ustr>,
    /// The counted noun's head as the text writes it, singular ("building").
    pub noun: Option<Ustr>,
    /// Its predicate and holder, which few figures state (see `Seldom`).
    pub(crate) seldom: Option<Box<Seldom>>,
    /// A subset of the measure ("criminal convictions", "salaried").
    pub category: Field<Ustr>,
    /// The places it is about, as gazetteer ids (several for "in Baltimore and Denver").
    pub scope: Field<Box<[PlaceId]>>,
    pub time: Field<DateRange>,
    pub time_kind: TimeKind,
    pub event: Field<Arc<EventRef>>,
    pub aspect: Aspect,
    /// Who the figure is attributed to ("Saudi officials said"), when the text says.
    pub attribution: Option<Ustr>,
    /// The measure is only the unit's name ("$235.61" counts dollars of
    /// something the text does not name): too vague to compare across
    /// sources unless a holder is named.
    pub measure_from_unit: bool,
    /// Introduced as a part of something named before it ("Of those, 7,600
    /// were single-family homes", "including 170 in Philadelphia").
    pub part: bool,
    /// Reported as an earlier figure its article goes on to correct or
    /// update ("Organizers initially put his time at 2:01:40").
    pub superseded: bool,
    /// Some of a whole the text does not number ("two of his designated
    /// pacemakers"): no level of the whole, so it may agree with a figure
    /// of the same words but never contradicts one.
    pub partitive: bool,
    /// Counted away from a place ("two facilities outside North America"):
    /// neither a figure of the place nor of the whole, so it is compared
    /// with none.
    pub elsewhere: bool,
    /// What someone expected, not what happened ("economists predicted
    /// 1.4 million jobs"): compared with no figure.
    pub forecast: bool,
    /// The span of a ranking ("in 25 years" of "the worst disaster in 25
    /// years"): compared with the ranking, not as a figure of its own.
    pub ranking_span: bool,
    /// A change down ("reduced it by one second", "fell by 12"): the level
    /// it leads to is the earlier one less it.
    pub fell: bool,
}

/// The fields of a referent that few figures state: what happened to what
/// is counted and whose figure it is. Held apart, behind one pointer, so
/// that a referent fits in 128 bytes: mimalloc rounds an allocation of 152
/// up to 160, and an archive holds millions of referents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seldom {
    /// What happened to what is counted, when the noun alone does not say
    /// ("destroyed", "damaged"): figures with different predicates differ.
    predicate: Field<Ustr>,
    /// Whose figure it is: a runner's time, a company's revenue, a
    /// country's dead ("kipchoge", "gm").
    holder: Field<Ustr>,
}

/// The predicate or holder of a referent that states none.
static UNKNOWN: Field<Ustr> = Field { value: None, source: Source::Unknown, confidence: Confidence::Low };

impl Referent {
    /// What happened to what is counted, when the noun alone does not say.
    pub fn predicate(&self) -> &Field<Ustr> {
        self.seldom.as_ref().map_or(&UNKNOWN, |s| &s.predicate)
    }

    /// Whose figure it is.
    pub fn holder(&self) -> &Field<Ustr> {
        self.seldom.as_ref().map_or(&UNKNOWN, |s| &s.holder)
    }

    pub fn set_predicate(&mut self, predicate: Field<Ustr>) {
        self.set_seldom(|s| s.predicate = predicate);
    }

    pub fn set_holder(&mut self, holder: Field<Ustr>) {
        self.set_seldom(|s| s.holder = holder);
    }

    fn set_seldom(&mut self, set: impl FnOnce(&mut Seldom)) {
        let seldom = self.seldom.get_or_insert_with(Box::default);
        set(seldom);
        if **seldom == Seldom::default() {
            self.seldom = None;
        }
    }
}

impl From<ReferentFields> for Referent {
    fn from(f: ReferentFields) -> Referent {
        let mut referent = Referent {
            measure: f.measure,
            noun: f.noun,
            seldom: None,
            category: f.category,
            scope: f.scope,
            time: f.time,
            time_kind: f.time_kind,
            event: f.event,
            aspect: f.aspect,
            attribution: f.attribution,
            measure_from_unit: f.measure_from_unit,
            part: f.part,
            superseded: f.superseded,
            partitive: f.partitive,
            elsewhere: f.elsewhere,
            forecast: f.forecast,
            ranking_span: f.ranking_span,
            fell: f.fell,
        };
        referent.set_seldom(|s| *s = Seldom { predicate: f.predicate, holder: f.holder });
        referent
    }
}

fn unknown<T>(field: &&Field<T>) -> bool {
    field.is_unknown()
}

/// A referent as it is written: every field in its place, as read.
#[derive(Serialize)]
struct ReferentOut<'a> {
    #[serde(skip_serializing_if = "unknown")]
    measure: &'a Field<Ustr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    noun: Option<Ustr>,
    #[serde(skip_serializing_if = "unknown")]
    predicate: &'a Field<Ustr>,
    #[serde(skip_serializing_if = "unknown")]
    category: &'a Field<Ustr>,
    #[serde(skip_serializing_if = "unknown")]
    holder: &'a Field<Ustr>,
    #[serde(skip_serializing_if = "unknown")]
    scope: &'a Field<Box<[PlaceId]>>,
    #[serde(skip_serializing_if = "unknown")]
    time: &'a Field<DateRange>,
    time_kind: TimeKind,
    #[serde(skip_serializing_if = "unknown")]
    event: &'a Field<Arc<EventRef>>,
    aspect: Aspect,
    #[serde(skip_serializing_if = "Option::is_none")]
    attribution: Option<Ustr>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    measure_from_unit: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    part: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    superseded: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    partitive: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    elsewhere: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    forecast: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    ranking_span: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    fell: bool,
}

impl Serialize for Referent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ReferentOut {
            measure: &self.measure,
            noun: self.noun,
            predicate: self.predicate(),
            category: &self.category,
            holder: self.holder(),
            scope: &self.scope,
            time: &self.time,
            time_kind: self.time_kind,
            event: &self.event,
            aspect: self.aspect,
            attribution: self.attribution,
            measure_from_unit: self.measure_from_unit,
            part: self.part,
            superseded: self.superseded,
            partitive: self.partitive,
            elsewhere: self.elsewhere,
            forecast: self.forecast,
            ranking_span: self.ranking_span,
            fell: self.fell,
        }
        .serialize(serializer)
    }
}

/// A referent as it is read: every field in its place (each is described
/// on `Referent` and `Seldom`).
#[derive(Deserialize)]
struct ReferentFields {
    #[serde(default)]
    measure: Field<Ustr>,
    #[serde(default)]
    noun: Option<Ustr>,
    #[serde(default)]
    predicate: Field<Ustr>,
    #[serde(default)]
    category: Field<Ustr>,
    #[serde(default)]
    holder: Field<Ustr>,
    #[serde(default)]
    scope: Field<Box<[PlaceId]>>,
    #[serde(default)]
    time: Field<DateRange>,
    time_kind: TimeKind,
    #[serde(default)]
    event: Field<Arc<EventRef>>,
    aspect: Aspect,
    #[serde(default)]
    attribution: Option<Ustr>,
    #[serde(default)]
    measure_from_unit: bool,
    #[serde(default)]
    part: bool,
    #[serde(default)]
    superseded: bool,
    #[serde(default)]
    partitive: bool,
    #[serde(default)]
    elsewhere: bool,
    #[serde(default)]
    forecast: bool,
    #[serde(default)]
    ranking_span: bool,
    #[serde(default)]
    fell: bool,
}

/// A claim's referent, held on the heap only when some field of it was
/// read. Quotations leave every field unknown: held inline, each of an
/// archive's hundreds of thousands of them would carry an empty referent.
/// Reads see an empty referent; the first write makes one of its own
/// (`settle` drops it again if it stays empty).
#[derive(Clone, Default)]
pub struct ReferentSlot(Option<Box<Referent>>);

/// The referent of a claim of which nothing was read.
static NO_REFERENT: std::sync::LazyLock<Referent> = std::sync::LazyLock::new(Referent::default);

impl ReferentSlot {
    /// Gives back the room of a referent of which nothing was read.
    pub fn settle(&mut self) {
        if self.0.as_deref().is_some_and(|r| *r == *NO_REFERENT) {
            self.0 = None;
        }
    }
}

impl std::ops::Deref for ReferentSlot {
    type Target = Referent;

    fn deref(&self) -> &Referent {
        self.0.as_deref().unwrap_or(&NO_REFERENT)
    }
}

impl std::ops::DerefMut for ReferentSlot {
    fn deref_mut(&mut self) -> &mut Referent {
        self.0.get_or_insert_with(Box::default)
    }
}

impl From<Referent> for ReferentSlot {
    fn from(referent: Referent) -> Self {
        let mut slot = ReferentSlot(Some(Box::new(referent)));
        slot.settle();
        slot
    }
}

impl PartialEq for ReferentSlot {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for ReferentSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl Serialize for ReferentSlot {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ReferentSlot {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Referent::deserialize(deserializer).map(ReferentSlot::from)
    }
}

/// What a claim states besides its referent: its figure, quotation,
/// superlative or date. A claim states one, so one pointer holds it, not
/// four: some 16 bytes less for each of an archive's millions of claims.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Detail {
    /// Not yet read (a claim just made).
    #[default]
    None,
    /// A quantity's or a list's figure.
    Quantity(Box<Quantity>),
    Quote(Box<Quote>),
    Superlative(Box<Superlative>),
    /// A date: its resolved value, and the note when it has none.
    Date(Box<DateClaim>),
}

/// A claim as it is written and read: its detail in the field of its kind.
#[derive(Serialize, Deserialize)]
struct ClaimFields<R, Q, T, S, D> {
    kind: ClaimKind,
    span: (usize, usize),
    sentence: usize,
    paragraph: usize,
    referent: R,
    #[serde(skip_serializing_if = "Option::is_none")]
    quantity: Option<Q>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    superlative: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<D>,
}

type OwnedFields = ClaimFields<ReferentSlot, Box<Quantity>, Box<Quote>, Box<Superlative>, Box<DateClaim>>;

/// One normalized claim.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "OwnedFields")]
pub struct Claim {
    pub kind: ClaimKind,
    /// Byte span in the document's analysed text.
    pub span: (usize, usize),
    /// Its sentence's and its paragraph's places in the document (see
    /// `sentence`, `paragraph`): 32 bits each, so that a claim takes 56
    /// bytes, not 64, and an archive's millions of them some 20 MB less.
    sentence: u32,
    paragraph: u32,
    pub referent: ReferentSlot,
    pub detail: Detail,
}

impl TryFrom<OwnedFields> for Claim {
    type Error = &'static str;

    fn try_from(f: OwnedFields) -> Result<Claim, &'static str> {
        let details = [
            f.quantity.map(Detail::Quantity),
            f.quote.map(Detail::Quote),
            f.superlative.map(Detail::Superlative),
            f.date.map(Detail::Date),
        ];
        let mut stated = details.into_iter().flatten();
        let detail = stated.next().unwrap_or_default();
        if stated.next().is_some() {
            return Err("a claim states one of a quantity, a quote, a superlative and a date, not several");
        }
        let (Ok(sentence), Ok(paragraph)) = (u32::try_from(f.sentence), u32::try_from(f.paragraph)) else {
            return Err("a claim's sentence and paragraph are counted in 32 bits");
        };
        Ok(Claim { kind: f.kind, span: f.span, sentence, paragraph, referent: f.referent, detail })
    }
}

impl Serialize for Claim {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ClaimFields {
            kind: self.kind,
            span: self.span,
            sentence: self.sentence(),
            paragraph: self.paragraph(),
            referent: &self.referent,
            quantity: self.quantity(),
            quote: self.quote(),
            superlative: self.superlative(),
            date: self.date(),
        }
        .serialize(serializer)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateClaim {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<DateRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Read against its document's date ("Monday", "last year"), not
    /// written out ("Sept. 28, 2017").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anchored: bool,
}

impl Claim {
    /// A claim of `kind` at `span` in sentence `sentence` of paragraph
    /// `paragraph`. Past four billion (a text of more than four gigabytes)
    /// the places stop counting, and the rest share the last.
    pub fn new(kind: ClaimKind, span: (usize, usize), sentence: usize, paragraph: usize) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Claim {
            kind,
            span,
            sentence: narrow(sentence),
            paragraph: narrow(paragraph),
            referent: ReferentSlot::default(),
            detail: Detail::None,
        }
    }

    /// The index of its sentence among its document's.
    pub fn sentence(&self) -> usize {
        self.sentence as usize
    }

    /// The index of its paragraph among its document's.
    pub fn paragraph(&self) -> usize {
        self.paragraph as usize
    }

    /// The figure of a quantity or a list.
    pub fn quantity(&self) -> Option<&Quantity> {
        match &self.detail {
            Detail::Quantity(q) => Some(q),
            _ => None,
        }
    }

    pub fn quantity_mut(&mut self) -> Option<&mut Quantity> {
        match &mut self.detail {
            Detail::Quantity(q) => Some(q),
            _ => None,
        }
    }

    pub fn quote(&self) -> Option<&Quote> {
        match &self.detail {
            Detail::Quote(q) => Some(q),
            _ => None,
        }
    }

    pub fn superlative(&self) -> Option<&Superlative> {
        match &self.detail {
            Detail::Superlative(s) => Some(s),
            _ => None,
        }
    }

    /// A date claim's resolved value, and the note when it has none.
    pub fn date(&self) -> Option<&DateClaim> {
        match &self.detail {
            Detail::Date(d) => Some(d),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Digits written from the right, in groups of three, are what the
    /// standard formatting of the integer gives with a comma every three
    /// digits from the right: at every length, both signs and the edges.
    #[test]
    fn whole_numbers_are_grouped_as_formatting_them_groups_them() {
        let slow = |n: u64, negative: bool| -> String {
            let digits = n.to_string();
            let mut out = String::from(if negative { "-" } else { "" });
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(c);
            }
            out
        };
        let mut values = vec![0, 1, 9, 10, 999, 1_000, 1_001, 999_999, 1_000_000, u64::MAX];
        let mut n: u64 = 7;
        while n < u64::MAX / 10 {
            values.extend([n, n + 1, n - 1]);
            n = n * 10 + 3;
        }
        for v in values {
            for negative in [false, true] {
                assert_eq!(grouped(v, negative), slow(v, negative), "{v}");
            }
        }
        assert_eq!(format_number(-1_234_567.0), "-1,234,567");
        assert_eq!(format_number(-0.0), "0");
    }

    /// The shortest-decimal shortcut gives what rounding every double to
    /// fifteen digits gives: for decimals, the sums and products interval
    /// arithmetic makes of them, and arbitrary bit patterns.
    #[test]
    fn fifteen_digits_is_rounding_to_fifteen_digits() {
        let slow = |v: f64| -> f64 { format!("{v:.14e}").parse().unwrap_or(v) };
        let mut bits: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            bits ^= bits << 13;
            bits ^= bits >> 7;
            bits ^= bits << 17;
            bits
        };
        let mut values = vec![0.0, -0.0, 0.1 + 0.2, 46.9 - 0.049_95, 1.0e20, 1.0e-300, f64::MAX, f64::INFINITY];
        for _ in 0..20_000 {
            let r = next();
            let decimal = (r % 10_000_000) as f64 / 10f64.powi((r >> 40) as i32 % 8);
            values.extend([decimal, decimal * 0.95, decimal * 1.05, decimal + 0.0005, decimal - 0.4995]);
            values.push(f64::from_bits(next()));
        }
        for v in values.into_iter().filter(|v| !v.is_nan()) {
            assert_eq!(fifteen_digits(v).to_bits(), slow(v).to_bits(), "{v:e}");
        }
    }

    #[test]
    fn a_referent_is_held_only_while_some_field_of_it_is_read() {
        let mut claim = Claim::new(ClaimKind::Quote, (0, 10), 0, 0);
        assert!(claim.referent.0.is_none());
        assert_eq!(*claim.referent, Referent::default());
        claim.referent.part = true;
        assert!(claim.referent.0.is_some());
        claim.referent.settle();
        assert!(claim.referent.part, "a referent with a field read is kept");
        claim.referent.part = false;
        claim.referent.settle();
        assert!(claim.referent.0.is_none(), "an empty referent gives its room back");

        claim.referent.measure = Field::new("workers", Source::Stated, Confidence::High);
        let written = serde_json::to_string(&claim).expect("serializes");
        let read: Claim = serde_json::from_str(&written).expect("reads back");
        assert_eq!(read, claim);
        assert_eq!(read.referent.measure.get().map(|m| m.as_str()), Some("workers"));
        let empty: Claim = serde_json::from_str(
            &serde_json::to_string(&Claim::new(ClaimKind::Date, (0, 4), 0, 0)).expect("serializes"),
        )
        .expect("reads back");
        assert!(empty.referent.0.is_none(), "an empty referent read back takes no room");
    }

    #[test]
    fn a_referents_holder_and_predicate_are_held_apart_only_when_stated_and_written_in_place() {
        let mut referent = Referent::default();
        assert!(referent.holder().is_unknown() && referent.seldom.is_none());
        referent.set_holder(Field::new("gm", Source::Stated, Confidence::Medium));
        referent.measure = Field::new("jobs", Source::Stated, Confidence::High);
        assert_eq!(referent.holder().get().map(|h| h.as_str()), Some("gm"));
        assert!(referent.predicate().is_unknown());
        let written = serde_json::to_string(&referent).expect("serializes");
        let at: Vec<usize> =
            ["\"measure\"", "\"holder\"", "\"time_kind\""].iter().map(|k| written.find(k).expect("written")).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "fields in their order: {written}");
        assert!(!written.contains("predicate"), "{written}");
        let read: Referent = serde_json::from_str(&written).expect("reads back");
        assert_eq!(read, referent);

        referent.set_holder(Field::default());
        assert!(referent.seldom.is_none(), "a referent stating neither holds neither");
    }

    /// An archive holds millions of claims and referents: a claim is cut
    /// to 56 bytes (they lie side by side in a vector), a referent to fill
    /// one of the allocator's size classes (128 bytes).
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_claim_and_its_referent_keep_to_the_room_they_were_cut_for() {
        assert!(std::mem::size_of::<Claim>() <= 56, "{}", std::mem::size_of::<Claim>());
        assert!(std::mem::size_of::<Referent>() <= 128, "{}", std::mem::size_of::<Referent>());
    }

    #[test]
    fn a_claim_is_written_with_its_detail_in_the_field_of_its_kind_and_read_back() {
        let mut claim = Claim::new(ClaimKind::Date, (3, 12), 1, 0);
        claim.detail = Detail::Date(Box::new(DateClaim { value: None, note: Some("no year".into()), anchored: true }));
        let written = serde_json::to_value(&claim).expect("serializes");
        assert_eq!(written["date"]["note"], "no year");
        assert!(written.get("quantity").is_none() && written.get("quote").is_none());
        let read: Claim = serde_json::from_value(written.clone()).expect("reads back");
        assert_eq!(read, claim);
        assert_eq!(read.date().and_then(|d| d.note.as_deref()), Some("no year"));
        assert!(read.quantity().is_none());

        let mut two = written;
        two["quote"] = serde_json::json!({"words": ["said", "so"]});
        let error = serde_json::from_value::<Claim>(two).expect_err("a claim states one detail");
        assert!(error.to_string().contains("not several"), "{error}");

        assert_eq!((read.sentence(), read.paragraph()), (1, 0));
        let mut far = serde_json::to_value(&claim).expect("serializes");
        far["sentence"] = serde_json::json!(1_u64 << 32);
        let error = serde_json::from_value::<Claim>(far).expect_err("no sentence index is cut short");
        assert!(error.to_string().contains("32 bits"), "{error}");
    }

    #[test]
    fn numbers_format_with_separators_and_without_noise() {
        assert_eq!(format_number(2.03 * 1_000_000.0), "2,030,000");
        assert_eq!(format_number(5000.0), "5,000");
        assert_eq!(format_number(19.95), "19.95");
        assert_eq!(format_number(-1200.0), "-1,200");
        assert_eq!(format_number(3.5005), "3.5005");
        assert_eq!(format_number(59.5), "59.5");
        assert_eq!(format_number(1_999.999_999_999_999_7), "2,000");
    }

    #[test]
    fn a_quotations_words_are_one_string_written_as_a_list() {
        let words = Words::new(["we", "will", "defend", "…", "the city"]);
        assert_eq!(words.to_vec(), ["we", "will", "defend", "…", "the", "city"]);
        let written = serde_json::to_string(&words).expect("serializes");
        assert_eq!(written, r#"["we","will","defend","…","the","city"]"#);
        assert_eq!(serde_json::from_str::<Words>(&written).expect("reads back"), words);
        assert!(Words::new(Vec::<String>::new()).is_empty());
        assert_eq!(Words::new(Vec::<String>::new()).to_vec(), Vec::<&str>::new());
    }

    #[test]
    fn days_render_as_iso_dates_in_every_era() {
        let on = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a day");
        assert_eq!(day(on(2017, 9, 8)), "2017-09-08");
        assert_eq!(day(on(812, 1, 31)), "0812-01-31");
        assert_eq!(day(on(-44, 3, 15)), on(-44, 3, 15).format("%Y-%m-%d").to_string());
        assert_eq!(day(on(12021, 1, 1)), on(12021, 1, 1).format("%Y-%m-%d").to_string());
    }

    #[test]
    fn nominal_widths_drop_the_hair_but_keep_percentages_of_the_value() {
        assert_eq!(nominal(49.95), 50.0);
        assert_eq!(nominal(499.5), 500.0);
        assert_eq!(nominal(1.05), 1.05);
        assert_eq!(nominal(5.35), 5.35);
    }

    #[test]
    fn days_apart_count_the_gap_and_nothing_for_an_overlap() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2018, 11, d).unwrap();
        let week = DateRange::range(day(4), day(10));
        assert_eq!(week.days_apart(&DateRange::day(day(12))), 2);
        assert_eq!(DateRange::day(day(12)).days_apart(&week), 2);
        assert_eq!(week.days_apart(&DateRange::day(day(8))), 0);
    }

    #[test]
    fn every_comparable_range_starts_inside_the_window() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2018, 1, 1).unwrap() + chrono::Days::new(u64::from(d));
        let ranges: Vec<DateRange> = (0..400)
            .step_by(7)
            .flat_map(|start| [1, 3, 30, 200].map(|len| DateRange::range(day(start), day(start + len - 1))))
            .collect();
        for a in &ranges {
            let (earliest, latest) = a.comparable_starts();
            for b in ranges.iter().filter(|b| a.comparable(b)) {
                assert!(earliest <= b.first && b.first <= latest, "{a:?} is comparable with {b:?}");
            }
        }
    }

    #[test]
    fn intervals_overlap_unless_one_lies_wholly_beyond_the_other() {
        let nearly_500 = Interval { low: None, high: Some(500.0) };
        let rounded_500 = Interval { low: Some(450.0), high: Some(550.0) };
        assert!(nearly_500.compatible(&Interval::point(498.0), 0.0));
        assert!(rounded_500.compatible(&Interval::point(498.0), 0.0));
        assert!(!Interval::point(107.0).compatible(&Interval::point(170.0), 0.0));
        assert!(Interval::point(100.0).compatible(&Interval::point(104.0), 0.05));
        let more_than_170 = Interval { low: Some(170.0), high: None };
        assert!(!more_than_170.compatible(&Interval::point(107.0), 0.0));
    }

    #[test]
    fn values_read_as_people_write_them() {
        assert_eq!(format_value(4.2e9, Some("dollar")), "$4.2 billion");
        assert_eq!(format_value(235.61, Some("dollar")), "$235.61");
        assert_eq!(format_value(57.1, Some("percent")), "57.1%");
        assert_eq!(format_value(7299.0, Some("second")), "2:01:39");
        assert_eq!(format_value(78.0, Some("second")), "1:18");
        assert_eq!(format_value(4.0, Some("day")), "4 days");
        assert_eq!(format_value(1.0, Some("day")), "1 day");
        assert_eq!(format_value(150.0, Some("mile per hour")), "150 miles per hour");
        assert_eq!(format_value(117_000.0, Some("acre")), "117,000 acres");
        assert_eq!(format_value(12.0, Some("foot")), "12 feet");
        assert_eq!(format_value(203.0, Some("square mile")), "203 square miles");
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(format_number(1600000.0), "1,600,000");
        assert_eq!(format_number(107.0), "107");
        assert_eq!(format_number(1.6), "1.6");
        assert_eq!(format_number(-1300.0), "-1,300");
        assert_eq!(format_number(4_123_456_789_013.0), "4,123,456,789,013");
        assert!(format_number(1e26).starts_with("100,000,000,000,000,00"), "no saturation at 64 bits");
        // A fraction reads as it rounds to four places, its zeros trimmed.
        let four_places = |v: f64| {
            let s = format!("{v:.4}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        };
        for k in 1..20_000 {
            let v = f64::from(k) * 0.000_37 - 3.0;
            for v in [v, v * 1000.0 + 0.5, 1.0 / f64::from(k)] {
                if v.fract() != 0.0 && v.abs() < 1e9 && (v - v.round()).abs() > 1e-6 {
                    assert_eq!(format_number(v), four_places(v), "{v:e}");
                }
            }
        }
    }

    #[test]
    fn date_ranges_render_at_their_precision() {
        assert_eq!(DateRange::year(2017).unwrap().render(), "2017");
        assert_eq!(DateRange::month(2017, 9).unwrap().render(), "2017-09");
        let d = NaiveDate::from_ymd_opt(2017, 9, 27).unwrap();
        assert_eq!(DateRange::day(d).render(), "2017-09-27");
        let e = NaiveDate::from_ymd_opt(2017, 9, 30).unwrap();
        assert_eq!(DateRange::range(d, e).render(), "2017-09-27/2017-09-30");
        assert_eq!(DateRange::month(2020, 12).unwrap().last, NaiveDate::from_ymd_opt(2020, 12, 31).unwrap());
        for year in [-50, 0, 33, 999, 2017, 9999, 10_000, 12_345] {
            assert_eq!(DateRange::year(year).unwrap().render(), format!("{year:04}"));
            assert_eq!(DateRange::month(year, 1).unwrap().render(), format!("{year:04}-01"));
            let day = NaiveDate::from_ymd_opt(year, 1, 5).unwrap();
            assert_eq!(DateRange::day(day).render(), day.format("%Y-%m-%d").to_string());
        }
    }
}
