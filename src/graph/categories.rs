//! Whether two categories name the same subset: "previously deported" and
//! "previously deported criminal aliens" do; "criminal convictions" and
//! "previously deported criminal" do not.

use std::collections::BTreeSet;

use crate::extract::SET_APART;

fn stem(word: &str) -> &str {
    word.strip_suffix("ies").or_else(|| word.strip_suffix('s')).unwrap_or(word)
}

/// A category's words, stemmed; a hyphen joins no differently than a
/// space ("white-collar" is "white collar").
fn words(category: &str) -> BTreeSet<&str> {
    category.split(|c: char| c.is_whitespace() || c == '-').map(stem).filter(|w| w.len() > 1).collect()
}

/// Keys two categories that match (`same_category`) always share: the
/// words of a category, or one key for no category and one for a category
/// of no words. Indexed by them, a category is weighed against the few
/// that can match it, not against every one.
pub fn category_keys(category: Option<&str>) -> Vec<String> {
    match category.map(words) {
        None => vec!["\u{1}none".into()],
        Some(w) if w.is_empty() => vec!["\u{1}empty".into()],
        Some(w) => w.into_iter().map(str::to_string).collect(),
    }
}

/// Two categories match when one's words contain the other's, or when they
/// share at least half of their words; a count set apart ("the two other
/// pilgrims") matches only another set apart.
pub fn same_category(a: Option<&str>, b: Option<&str>) -> bool {
    let apart = |c: &str| c == SET_APART || c.starts_with(&format!("{SET_APART} "));
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) if apart(a) != apart(b) => false,
        (Some(a), Some(b)) => {
            let (x, y) = (words(a), words(b));
            if x.is_empty() || y.is_empty() {
                return x == y;
            }
            let shared = x.intersection(&y).count();
            x.is_subset(&y) || y.is_subset(&x) || shared * 2 >= x.union(&y).count()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsets_and_half_overlaps_match() {
        assert!(same_category(Some("deported"), Some("deported criminal")));
        assert!(same_category(Some("known gang members"), Some("gang members affiliates")));
        assert!(same_category(Some("immigration fugitives"), Some("immigration fugitive")));
        assert!(same_category(None, None));
        assert!(same_category(Some("white-collar"), Some("white collar workers")));
    }

    #[test]
    fn different_subsets_and_totals_do_not() {
        assert!(!same_category(Some("criminal convictions"), Some("deported criminal")));
        assert!(!same_category(Some("criminal convictions"), None));
        assert!(!same_category(Some("other turkish"), Some("turkish")));
        assert!(same_category(Some("other turkish"), Some("other turkish pilgrims")));
    }
}
