//! Speakers across the corpus: a surname resolved to the one full name
//! that ends with it ("Kenney" is "Jim Kenney"), and the organisations
//! people speak for ("Tom Homan" leads "ICE"), so that the same words from a
//! person and from their organisation are not a conflict.

use std::collections::{BTreeMap, BTreeSet};

use super::ClaimAt;

#[derive(Debug, Default)]
pub struct Speakers {
    /// Surname → full names ending with it.
    by_surname: BTreeMap<String, BTreeSet<String>>,
    /// Full name → organisations it speaks for.
    affiliations: BTreeMap<String, BTreeSet<String>>,
}

impl Speakers {
    pub fn collect(claims: &[ClaimAt]) -> Self {
        let mut s = Speakers::default();
        for c in claims {
            let Some(q) = c.claim.quote() else { continue };
            let Some(name) = &q.speaker else { continue };
            if let Some((_, surname)) = name.rsplit_once(' ') {
                s.by_surname.entry(surname.to_string()).or_default().insert(name.to_string());
            }
            if let Some(org) = &q.affiliation {
                s.affiliations.entry(name.to_string()).or_default().insert(org.to_string());
            }
        }
        s
    }

    /// The full name for a speaker, when a surname has exactly one.
    pub fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        if !name.contains(' ')
            && let Some(full) = self.by_surname.get(name)
            && full.len() == 1
        {
            return full.iter().next().expect("one name");
        }
        name
    }

    /// Whether two speakers are one voice: the same person, or a person and
    /// an organisation they speak for.
    pub fn related(&self, a: &str, b: &str) -> bool {
        let (a, b) = (self.canonical(a), self.canonical(b));
        if a == b {
            return true;
        }
        let speaks_for = |person: &str, org: &str| {
            self.affiliations
                .get(person)
                .is_some_and(|orgs| orgs.iter().any(|o| o == org || o.split(' ').any(|w| w == org)))
        };
        speaks_for(a, b) || speaks_for(b, a)
    }
}
