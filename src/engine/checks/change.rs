//! change: a stated change ("up from 3,600", "rose from 3,600 to 5,000")
//! must point the same way as its numbers. A change that does is a note,
//! not an agreement: the two numbers are different facts.

use super::{Outcome, Outcomes, Vars};
use crate::claim::ClaimKind;
use crate::engine::Status;
use crate::graph::ClaimGraph;
use crate::lexicon::Direction;

pub fn run(g: &ClaimGraph, out: &mut Outcomes) {
    for i in g.of_kind(ClaimKind::Quantity) {
        let Some(q) = g.claim(i).quantity() else { continue };
        let Some(&change) = q.change.as_deref() else { continue };
        let later = g.global(g.claims[i].doc, change.to);
        let Some(lq) = g.claim(later).quantity() else { continue };
        let (e, l) = (q.interval, lq.interval);
        let contradicted = match change.direction {
            Direction::Up => matches!((l.high, e.low), (Some(h), Some(lo)) if h < lo),
            Direction::Down => matches!((l.low, e.high), (Some(lo), Some(h)) if lo > h),
            // "Compared with" says no way the figure went: nothing to bear out.
            Direction::Unstated => continue,
        };
        let mut vars = Vars::new();
        vars.insert("direction", change.direction.name().to_string());
        vars.insert("earlier", q.reading());
        vars.insert("later", lq.reading());
        vars.insert("measure", g.claim(i).referent.measure.get().cloned().unwrap_or_default());
        vars.insert("source", g.source_name(i).to_string());
        let status = if contradicted { Status::Discrepancy } else { Status::Note };
        out.push(Outcome { status, claims: vec![later, i], vars, diff: None });
    }
}
