//! The gazetteer: places with their aliases and what contains them (city in
//! state in country), from `rules/gazetteer/generated/places.tsv` (made by
//! `tools/gen_gazetteer.py` from GeoNames) and the hand-written
//! `rules/gazetteer/places.toml`. One Aho-Corasick automaton finds every
//! place name of a text in one pass.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use super::{LexiconError, SourceFile, Sources, parse_toml};

/// A place's index in the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct PlaceId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceKind {
    Country,
    State,
    County,
    City,
}

#[derive(Debug, Clone)]
pub struct Place {
    /// The stable id from the data file (`US`, `US-PA`, `gn:4560349`).
    pub key: String,
    pub kind: PlaceKind,
    pub name: String,
    pub parent: Option<PlaceId>,
    pub population: u64,
}

/// A place name found in a text: its byte span and the place it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceMention {
    pub start: usize,
    pub end: usize,
    pub place: PlaceId,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasEntry {
    id: String,
    names: Vec<String>,
    #[serde(default)]
    prefer: bool,
    #[serde(default)]
    lower: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    #[serde(default)]
    alias: Vec<AliasEntry>,
    #[serde(default)]
    national: Vec<String>,
    #[serde(default)]
    not_places: Vec<String>,
}

pub struct Gazetteer {
    places: Vec<Place>,
    by_key: HashMap<String, PlaceId>,
    preferred: HashSet<PlaceId>,
    /// Capitalized names, matched with their case.
    cased: AhoCorasick,
    cased_places: Vec<Vec<PlaceId>>,
    /// Names that also match in lower case ("nationwide").
    folded: AhoCorasick,
    folded_places: Vec<Vec<PlaceId>>,
    /// Words for "the whole country" ("nationwide", "across the country"):
    /// the country of the article that writes them, whichever it is.
    pub national: super::PhraseSet,
    /// Names that hold a place's name but name something else ("North
    /// America", "Bank of America"): no place is read inside them.
    not_places: AhoCorasick,
}

fn parse_kind(kind: &str) -> Option<PlaceKind> {
    Some(match kind {
        "country" => PlaceKind::Country,
        "state" => PlaceKind::State,
        "county" => PlaceKind::County,
        "city" => PlaceKind::City,
        _ => return None,
    })
}

struct Row<'a> {
    offset: usize,
    key: &'a str,
    kind: PlaceKind,
    name: &'a str,
    parent: &'a str,
    population: u64,
    aliases: &'a str,
}

fn parse_rows(file: &SourceFile) -> Result<Vec<Row<'_>>, LexiconError> {
    let mut rows = Vec::new();
    let mut offset = 0;
    let mut header_seen = false;
    for line in file.text.split_inclusive('\n') {
        let line_offset = offset;
        offset += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !header_seen {
            header_seen = true;
            if line.starts_with("id\t") {
                continue;
            }
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 {
            return Err(LexiconError::at(
                file,
                line_offset,
                format!("expected 6 tab-separated columns, found {}", cols.len()),
            ));
        }
        let kind = parse_kind(cols[1])
            .ok_or_else(|| LexiconError::at(file, line_offset, format!("unknown place kind \"{}\"", cols[1])))?;
        let population = cols[4].parse().map_err(|_| {
            LexiconError::at(file, line_offset, format!("population \"{}\" is not a whole number", cols[4]))
        })?;
        rows.push(Row {
            offset: line_offset,
            key: cols[0],
            kind,
            name: cols[2],
            parent: cols[3],
            population,
            aliases: cols.get(5).copied().unwrap_or(""),
        });
    }
    Ok(rows)
}

impl Gazetteer {
    pub(super) fn load(sources: &Sources) -> Result<Self, LexiconError> {
        let mut places: Vec<Place> = Vec::new();
        let mut by_key: HashMap<String, PlaceId> = HashMap::new();
        let mut names: Vec<(String, PlaceId, bool)> = Vec::new();
        let mut parents: Vec<(PlaceId, String, &SourceFile, usize)> = Vec::new();
        let tables: Vec<&SourceFile> = sources
            .folder("gazetteer/generated")
            .into_iter()
            .chain(sources.folder("gazetteer"))
            .filter(|f| f.relative.ends_with(".tsv"))
            .collect();
        for file in &tables {
            for row in parse_rows(file)? {
                let id = PlaceId(places.len() as u32);
                if by_key.insert(row.key.to_string(), id).is_some() {
                    return Err(LexiconError::at(
                        file,
                        row.offset,
                        format!("place id \"{}\" is listed twice", row.key),
                    ));
                }
                places.push(Place {
                    key: row.key.into(),
                    kind: row.kind,
                    name: row.name.into(),
                    parent: None,
                    population: row.population,
                });
                names.push((row.name.to_string(), id, false));
                for alias in row.aliases.split('|').filter(|a| !a.is_empty()) {
                    names.push((alias.to_string(), id, false));
                }
                if row.parent != "-" && !row.parent.is_empty() {
                    parents.push((id, row.parent.to_string(), file, row.offset));
                }
            }
        }
        for (id, parent, file, offset) in parents {
            let parent_id = *by_key
                .get(&parent)
                .ok_or_else(|| LexiconError::at(file, offset, format!("parent \"{parent}\" is not a place id")))?;
            places[id.0 as usize].parent = Some(parent_id);
        }
        let mut preferred = HashSet::new();
        let mut national = super::PhraseSet::default();
        let mut not_places: Vec<String> = Vec::new();
        for file in sources.all("gazetteer/places.toml") {
            let parsed: PlacesFile = parse_toml(file)?;
            for n in &parsed.national {
                national.insert(n, false, ());
            }
            not_places.extend(parsed.not_places);
            for a in parsed.alias {
                let id = *by_key.get(&a.id).ok_or_else(|| {
                    LexiconError::about(file, &a.id, format!("\"{}\" is not a place id of the gazetteer", a.id))
                })?;
                if a.prefer {
                    preferred.insert(id);
                }
                for n in a.names {
                    names.push((n, id, a.lower));
                }
            }
        }
        let (cased, cased_places) = build(names.iter().filter(|n| !n.2), false)?;
        let (folded, folded_places) = build(names.iter().filter(|n| n.2), true)?;
        let not_places = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&not_places)
            .map_err(|e| LexiconError::Io { path: "gazetteer".into(), message: e.to_string() })?;
        Ok(Gazetteer { places, by_key, preferred, cased, cased_places, folded, folded_places, national, not_places })
    }

    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id.0 as usize]
    }

    /// Every place's key, in id order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.places.iter().map(|p| p.key.as_str())
    }

    pub fn by_key(&self, key: &str) -> Option<PlaceId> {
        self.by_key.get(key).copied()
    }

    /// Whether `inner` is `outer` or lies inside it.
    pub fn within(&self, inner: PlaceId, outer: PlaceId) -> bool {
        let mut at = Some(inner);
        while let Some(id) = at {
            if id == outer {
                return true;
            }
            at = self.place(id).parent;
        }
        false
    }

    /// The country a place lies in.
    pub fn country_of(&self, id: PlaceId) -> Option<PlaceId> {
        let mut at = Some(id);
        while let Some(p) = at {
            if self.place(p).kind == PlaceKind::Country {
                return Some(p);
            }
            at = self.place(p).parent;
        }
        None
    }

    /// Every place name in `text`, longest first where names overlap, each
    /// resolved to one place: a preferred place, else one whose state is
    /// named right after it ("Portland, Oregon"), else the most populous.
    pub fn find(&self, text: &str) -> Vec<PlaceMention> {
        let bytes = text.as_bytes();
        let boundary = |start: usize, end: usize| {
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '-') && !after.is_some_and(|c| c.is_alphanumeric())
        };
        let mut candidates: Vec<(usize, usize, &[PlaceId])> = Vec::new();
        for (ac, table) in [(&self.cased, &self.cased_places), (&self.folded, &self.folded_places)] {
            for m in ac.find_overlapping_iter(bytes) {
                if boundary(m.start(), m.end()) {
                    candidates.push((m.start(), m.end(), &table[m.pattern().as_usize()]));
                }
            }
        }
        let others: Vec<(usize, usize)> = self
            .not_places
            .find_iter(bytes)
            .filter(|m| boundary(m.start(), m.end()))
            .map(|m| (m.start(), m.end()))
            .collect();
        candidates.retain(|&(s, e, _)| !others.iter().any(|&(os, oe)| s >= os && e <= oe));
        candidates.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        let mut chosen: Vec<(usize, usize, &[PlaceId])> = Vec::new();
        for c in candidates {
            if chosen.last().is_none_or(|last| c.0 >= last.1) {
                chosen.push(c);
            }
        }
        let mut out: Vec<PlaceMention> = Vec::with_capacity(chosen.len());
        let mut k = 0;
        while k < chosen.len() {
            let (start, end, ids) = chosen[k];
            let next_state = chosen.get(k + 1).filter(|n| {
                text[end..n.0].trim() == "," && n.2.iter().any(|&p| self.place(p).kind <= PlaceKind::State)
            });
            let place = self.resolve(ids, next_state.map(|n| n.2));
            // "Portland, Oregon" is one place: the state only says which Portland.
            match next_state {
                Some(&(_, state_end, states)) if states.iter().any(|&s| self.place(place).parent == Some(s)) => {
                    out.push(PlaceMention { start, end: state_end, place });
                    k += 2;
                }
                _ => {
                    out.push(PlaceMention { start, end, place });
                    k += 1;
                }
            }
        }
        out
    }

    fn resolve(&self, ids: &[PlaceId], state_after: Option<&[PlaceId]>) -> PlaceId {
        if let Some(states) = state_after
            && let Some(&id) = ids.iter().find(|&&id| states.iter().any(|&s| self.place(id).parent == Some(s)))
        {
            return id;
        }
        if let Some(&id) = ids.iter().find(|id| self.preferred.contains(id)) {
            return id;
        }
        *ids.iter()
            .max_by_key(|&&id| (self.place(id).population, std::cmp::Reverse(id)))
            .expect("every name has a place")
    }
}

type Automaton = (AhoCorasick, Vec<Vec<PlaceId>>);

fn build<'a>(names: impl Iterator<Item = &'a (String, PlaceId, bool)>, fold: bool) -> Result<Automaton, LexiconError> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut patterns: Vec<String> = Vec::new();
    let mut places: Vec<Vec<PlaceId>> = Vec::new();
    for (name, id, _) in names {
        let key = if fold { name.to_ascii_lowercase() } else { name.clone() };
        let slot = *index.entry(key.clone()).or_insert_with(|| {
            patterns.push(key);
            places.push(Vec::new());
            places.len() - 1
        });
        if !places[slot].contains(id) {
            places[slot].push(*id);
        }
    }
    let ac = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(fold)
        .build(&patterns)
        .map_err(|e| LexiconError::Io { path: "gazetteer".into(), message: e.to_string() })?;
    Ok((ac, places))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{Lexicon, Sources};

    fn found(gaz: &Gazetteer, text: &str) -> Vec<(String, PlaceId)> {
        gaz.find(text).iter().map(|m| (text[m.start..m.end].to_string(), m.place)).collect()
    }

    #[test]
    fn a_first_level_division_of_another_country_is_a_place_its_cities_lie_in() {
        let lexicon = Lexicon::load(&Sources::built_in()).expect("the built-in lexicon loads");
        let gaz = &lexicon.gazetteer;
        let canada = gaz.by_key("CA").expect("Canada");
        let mexico = gaz.by_key("MX").expect("Mexico");
        let places = found(gaz, "Workers in Oshawa, Ontario, and 73 in Morelos and 13 in the State of Mexico.");
        let names: Vec<&str> = places.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Oshawa, Ontario", "Morelos", "State of Mexico"]);
        let (oshawa, morelos, state) = (places[0].1, places[1].1, places[2].1);
        let ontario = gaz.place(oshawa).parent.expect("Oshawa lies in a province");
        assert_eq!((gaz.place(ontario).name.as_str(), gaz.place(ontario).kind), ("Ontario", PlaceKind::State));
        assert!(gaz.within(oshawa, canada) && gaz.country_of(oshawa) == Some(canada));
        for division in [morelos, state] {
            assert_eq!(gaz.place(division).kind, PlaceKind::State);
            assert_eq!(gaz.place(division).parent, Some(mexico));
        }
        // The bare name is the country's still.
        assert_eq!(found(gaz, "Mexico")[0].1, mexico);
    }
}
