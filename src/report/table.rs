//! The claims table for a person: one row a claim, aligned columns,
//! colored on a terminal and plain when piped.

use colored::Colorize;

use super::{Index, scope_name};
use crate::claim::{Claim, ClaimKind, Quantity, Source};
use crate::lexicon::Lexicon;

fn inherited(text: String, source: Source) -> String {
    match source {
        Source::Document | Source::Nearby => format!("{text}*"),
        _ => text,
    }
}

fn value_cell(claim: &Claim) -> String {
    match claim.kind {
        ClaimKind::Quantity => claim.quantity().map(Quantity::reading).unwrap_or_default(),
        ClaimKind::Quote => {
            let speaker = claim.quote().and_then(|q| q.speaker.as_deref()).unwrap_or("?").to_string();
            format!("quote: {speaker}")
        }
        ClaimKind::Superlative => "ranks first".into(),
        ClaimKind::Date => claim.date().and_then(|d| d.value).map_or_else(|| "unresolved".into(), |v| v.render()),
        ClaimKind::List => claim.quantity().map(|q| format!("{} items", q.reading())).unwrap_or_default(),
    }
}

fn clip(s: &str, width: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= width {
        return flat;
    }
    let cut: String = flat.chars().take(width.saturating_sub(1)).collect();
    format!("{cut}…")
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width { s.to_string() } else { format!("{s}{}", " ".repeat(width - n)) }
}

/// Renders every claim as a row; `*` marks context inherited from the
/// document or a neighbouring claim.
pub fn render(index: &Index, lexicon: &Lexicon, color: bool) -> String {
    colored::control::set_override(color);
    let headers = ["source", "line", "kind", "value", "measure", "scope", "time", "event", "text"];
    let rows: Vec<[String; 9]> = index
        .claims
        .iter()
        .map(|v| {
            let c = v.claim;
            let r = &c.referent;
            [
                clip(index.doc_id(v), 28),
                format!("{}:{}", v.line, v.column),
                c.kind.name().to_string(),
                clip(&value_cell(c), 34),
                clip(&r.measure.get().map(|m| inherited(m.to_string(), r.measure.source)).unwrap_or_default(), 18),
                clip(&scope_name(c, lexicon).map(|s| inherited(s, r.scope.source)).unwrap_or_default(), 24),
                r.time.get().map(|t| inherited(t.render(), r.time.source)).unwrap_or_default(),
                clip(&r.event.get().map(|e| inherited(e.name.to_string(), r.event.source)).unwrap_or_default(), 24),
                clip(v.text(), 60),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.len()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let header: Vec<String> = headers.iter().zip(&widths).map(|(h, &w)| pad(h, w)).collect();
    out.push_str(&header.join("  ").trim_end().bold().to_string());
    out.push('\n');
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, &w))| {
                let cell = super::visible(cell);
                let padded = if i + 1 == row.len() { cell.into_owned() } else { pad(&cell, w) };
                match i {
                    0 => padded.cyan().to_string(),
                    1 => padded.dimmed().to_string(),
                    3 => padded.yellow().to_string(),
                    _ => padded,
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.push_str(&format!(
        "{} claims; * marks context inherited from the document or a neighbouring claim\n",
        rows.len()
    ));
    out
}
