//! The small chart of a discrepancy between figures: one row per claim,
//! rows in the order of their reports' dates, each source's value as a dot
//! or its interval as a bar (an open side runs to the edge with an arrow),
//! on one shared axis. Inline SVG drawn in black and grey with text
//! labels, so it needs no script and reads the same on paper.

use maud::{Markup, html};

use crate::claim::{Quantity, format_value};
use crate::engine::Finding;
use crate::report::Index;

const WIDTH: f64 = 640.0;
const LABEL: f64 = 230.0;
const ROW: f64 = 30.0;
const PAD: f64 = 16.0;

/// One row: who said it, when, and what.
struct Row {
    source: String,
    reading: String,
    low: Option<f64>,
    high: Option<f64>,
}

/// "nearly 500 (≤500)": the figure as people write it.
fn reading(q: &Quantity) -> String {
    match q.value {
        Some(v) if q.approx == "exact" => format_value(v, q.unit.as_deref()),
        _ => q.reading(),
    }
}

/// The chart of a finding's figures, when it rests on at least two numbers
/// in one unit.
pub fn figures(index: &Index, f: &Finding) -> Option<Markup> {
    let mut rows: Vec<(Option<chrono::NaiveDate>, usize, Row)> = Vec::new();
    let mut units = std::collections::BTreeSet::new();
    for &c in &f.claims {
        let v = &index.claims[c];
        let q = v.claim.quantity()?;
        let (low, high) = (q.interval.low, q.interval.high);
        if low.is_none() && high.is_none() {
            continue;
        }
        units.insert(q.unit);
        let when = v.doc.meta.date.map_or_else(|| "undated".to_string(), |d| d.to_string());
        rows.push((
            v.doc.meta.date,
            c,
            Row { source: format!("{} · {when}", v.doc.source_name()), reading: reading(q), low, high },
        ));
    }
    if rows.len() < 2 || units.len() != 1 {
        return None;
    }
    rows.sort_by_key(|(date, c, _)| (date.is_none(), *date, *c));
    let values = rows.iter().flat_map(|(_, _, r)| [r.low, r.high]).flatten();
    let (min, max) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    // A little room on both sides; a single value still gets an axis.
    let span = if max > min { max - min } else { max.abs().max(1.0) };
    let (lo, hi) = (min - span * 0.08, max + span * 0.08);
    let plot = WIDTH - LABEL - PAD;
    let x = |v: f64| LABEL + (v - lo) / (hi - lo) * plot;
    let height = PAD + ROW * rows.len() as f64 + 22.0;
    let axis_y = PAD + ROW * rows.len() as f64;
    let unit = units.into_iter().next().flatten();
    let title = format!("{} figures on one axis, in report-date order", rows.len());
    Some(html! {
        figure.chart {
            svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label=(title)
                viewBox={ "0 0 " (WIDTH) " " (height) } width=(WIDTH) height=(height) {
                title { (title) }
                line x1=(LABEL) y1=(axis_y) x2=(WIDTH - PAD) y2=(axis_y) stroke="#888" {}
                @for (value, anchor) in [(min, "start"), (max, "end")] {
                    text x=(x(value)) y=(axis_y + 16.0) font-size="11" text-anchor=(anchor) fill="#444" {
                        (format_value(value, unit.as_deref()))
                    }
                }
                @for (i, (_, _, row)) in rows.iter().enumerate() {
                    @let y = PAD + ROW * i as f64 + ROW / 2.0 - 4.0;
                    text x="0" y=(y + 4.0) font-size="12" fill="#222" { (row.source) }
                    line x1=(LABEL) y1=(y) x2=(WIDTH - PAD) y2=(y) stroke="#eee" {}
                    @match (row.low, row.high) {
                        (Some(a), Some(b)) if a == b => {
                            circle cx=(x(a)) cy=(y) r="5" fill="#111" {}
                        }
                        (a, b) => {
                            @let (from, to) = (a.map_or(LABEL, x), b.map_or(WIDTH - PAD, x));
                            line x1=(from) y1=(y) x2=(to) y2=(y) stroke="#111" stroke-width="4" {}
                            @if a.is_some() { line x1=(from) y1=(y - 6.0) x2=(from) y2=(y + 6.0) stroke="#111" stroke-width="2" {} }
                            @else { path d={ "M" (from) " " (y) " l8 -6 v12 z" } fill="#111" {} }
                            @if b.is_some() { line x1=(to) y1=(y - 6.0) x2=(to) y2=(y + 6.0) stroke="#111" stroke-width="2" {} }
                            @else { path d={ "M" (to) " " (y) " l-8 -6 v12 z" } fill="#111" {} }
                        }
                    }
                    text x=(row.low.or(row.high).map_or(LABEL, x)) y=(y - 8.0) font-size="11" fill="#444" { (row.reading) }
                }
            }
        }
    })
}
