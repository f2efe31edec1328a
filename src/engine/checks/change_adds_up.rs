//! change-adds-up: a stated change ("an additional 13 lives lost", "six
//! more people were found dead") against the level it changes, which the
//! claim graph links it to (`ChangeOf`, the level at the change's time).
//! When the same running figure was reported the day before, that level
//! plus the change must make the new level (29 on Sunday, 13 more on
//! Monday, 42 on Monday); a change on a day after a gap is not checked,
//! since the figure may have moved on the days between. Without the day
//! before, a rise can at least not exceed the level it leads to.

use chrono::Duration;

use super::{Outcome, Outcomes, Vars, sources};
use crate::claim::Interval;
use crate::engine::Status;
use crate::graph::{ClaimGraph, Edge, base_interval, overlap};

/// The level `change` leads to from `a`: up adds it, down takes it away.
fn apply(a: Interval, change: Interval, fell: bool) -> Interval {
    let sum = |x: Option<f64>, y: Option<f64>| Some(x? + y?);
    let less = |x: Option<f64>, y: Option<f64>| Some(x? - y?);
    if fell {
        Interval { low: less(a.low, change.high), high: less(a.high, change.low) }
    } else {
        Interval { low: sum(a.low, change.low), high: sum(a.high, change.high) }
    }
}

fn reading(g: &ClaimGraph, i: usize) -> String {
    let when = g.time(i).map(|t| format!(", {}", t.render())).unwrap_or_default();
    format!("{} ({}{when})", g.claim(i).quantity().map(|q| q.reading()).unwrap_or_default(), g.source_name(i))
}

pub fn run(g: &ClaimGraph, out: &mut Outcomes) {
    for (change, level, edge) in g.claim_edges() {
        if edge != Edge::ChangeOf {
            continue;
        }
        let (Some(c), Some(l)) = (base_interval(g.claim(change), g.lexicon), base_interval(g.claim(level), g.lexicon))
        else {
            continue;
        };
        let day = g.time(change).filter(|t| t.first == t.last);
        // The figure the change's own article reports as the earlier one
        // ("initially put his time at 2:01:40, but later reduced it by one
        // second"), else the same figure's level the day before the change.
        let doc = g.claims[change].doc;
        let reported_earlier = g.group_of(level).and_then(|k| {
            g.groups[k].claims.iter().copied().find(|&j| g.claims[j].doc == doc && g.claim(j).referent.superseded)
        });
        let earlier = reported_earlier.or_else(|| {
            g.group_of(level).zip(day).and_then(|(k, d)| {
                let before = d.first - Duration::days(1);
                // A figure stated for that day before one dated by its article.
                let on_the_day = |j: &usize| g.time(*j).is_some_and(|t| t.first == before && t.last == before);
                let stated = |j: &usize| g.claim(*j).referent.time.source == crate::claim::Source::Stated;
                let days: Vec<usize> = g.groups[k].claims.iter().copied().filter(on_the_day).collect();
                days.iter().copied().find(stated).or(days.first().copied())
            })
        });
        let fell = g.claim(change).referent.fell;
        let mut vars = Vars::new();
        vars.insert("change", reading(g, change));
        vars.insert("plus", if fell { "less" } else { "plus" }.to_string());
        let (status, claims) = match earlier {
            Some(prev) => {
                let Some(p) = base_interval(g.claim(prev), g.lexicon) else { continue };
                let fits = overlap(&apply(p, c, fell), &l);
                vars.insert("earlier", reading(g, prev));
                vars.insert("later", reading(g, level));
                (if fits { Status::Agreement } else { Status::Discrepancy }, vec![prev, change, level])
            }
            // Without the level before, a rise can at least not be larger
            // than the level it leads to; a fall ("lost two pacemakers") is
            // from the level of its time, and can be no larger than it.
            None => {
                let exceeds = matches!((c.low, l.high), (Some(lo), Some(hi)) if lo > hi);
                if fell {
                    vars.insert("earlier", reading(g, level));
                    vars.insert("later", "a smaller figure".to_string());
                } else {
                    vars.insert("earlier", "an earlier figure".to_string());
                    vars.insert("later", reading(g, level));
                }
                (if exceeds { Status::Discrepancy } else { Status::Agreement }, vec![change, level])
            }
        };
        let mut claims = claims;
        claims.sort();
        let measure = g.claim(level).referent.measure.get().cloned().unwrap_or_default();
        vars.insert("subject", measure);
        vars.insert("measure", measure);
        vars.insert("sources", sources(g, &claims));
        out.push(Outcome { status, claims, vars, diff: None });
    }
}
