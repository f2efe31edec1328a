//! Phrase tables: lexicon phrases matched token by token, longest first.
//! A phrase is tokenized with the same tokenizer as the text, so "per cent",
//! "year-old" and "U.S." match however the text spaces them. Matching folds
//! ASCII case unless an entry is marked as cased; file order never matters.

use rustc_hash::FxHashMap as HashMap;

use crate::tokens::{Token, tokenize, word_hash};

/// A text and its tokens, with an ASCII-lowercased copy for case folding.
#[derive(Clone, Copy)]
pub struct TokenText<'a> {
    pub text: &'a str,
    pub lower: &'a str,
    pub tokens: &'a [Token],
}

impl<'a> TokenText<'a> {
    /// The text of token `i`; empty past either end, so that a look at a
    /// neighbour of the first or last token can never fail.
    pub fn raw(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| &self.text[t.start..t.end])
    }
    /// The lower-cased text of token `i`; empty past either end.
    pub fn low(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| &self.lower[t.start..t.end])
    }
    pub fn len(&self) -> usize {
        self.tokens.len()
    }
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

struct Entry<T> {
    words: Vec<Box<str>>,
    /// Each word's `word_hash`, which a token of that word carries: most
    /// tokens that are not the word are told apart by it, uncompared.
    hashes: Vec<u32>,
    /// For each word, whether it is written glued to the one before
    /// ("US$" is two glued tokens; "US $" is not the same phrase).
    glued: Vec<bool>,
    cased: bool,
    value: T,
}

/// The words of a table by a few bits of their hash (`word_hash`): a token
/// whose bit is clear is no word of the table, found without hashing its
/// text again or reading the table's map (most tokens, for most tables:
/// every table is asked at every token).
#[derive(Clone)]
pub struct HashBits(Box<[u64; 64]>);

impl Default for HashBits {
    fn default() -> Self {
        HashBits(Box::new([0; 64]))
    }
}

impl HashBits {
    pub fn add(&mut self, hash: u32) {
        let bit = hash >> 20;
        self.0[(bit >> 6) as usize] |= 1 << (bit & 63);
    }

    /// Adds every hash `other` holds.
    pub fn add_all(&mut self, other: &HashBits) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0.iter()) {
            *mine |= theirs;
        }
    }

    #[inline]
    pub fn may_hold(&self, hash: u32) -> bool {
        let bit = hash >> 20;
        self.0[(bit >> 6) as usize] & (1 << (bit & 63)) != 0
    }

    /// Whether token `t` may be one of the words (`false` past the end),
    /// by the hash the token carries.
    #[inline]
    pub fn may_hold_token(&self, view: &TokenText, t: usize) -> bool {
        view.tokens.get(t).is_some_and(|token| self.may_hold(token.hash))
    }
}

/// An entry as its first (or last) word's list holds it: whether it is one
/// word, and the hash of the word next to that one (its second, or its last
/// but one), so that most entries of a common word ("the" opens dozens of date
/// phrases) are passed over without reading the entry. Eight bytes, an
/// index's size: the lexicon's tables hold hundreds of thousands of
/// entries.
#[derive(Clone, Copy)]
struct Candidate {
    /// The entry's index, its top bit set for a one-word phrase.
    id_and_one_word: u32,
    next_hash: u32,
}

const ONE_WORD: u32 = 1 << 31;

impl Candidate {
    fn new(id: usize, word_count: usize, next_hash: u32) -> Candidate {
        let id = u32::try_from(id).ok().filter(|&id| id < ONE_WORD).expect("a table holds fewer than 2^31 phrases");
        Candidate { id_and_one_word: if word_count == 1 { id | ONE_WORD } else { id }, next_hash }
    }

    fn id(self) -> usize {
        (self.id_and_one_word & !ONE_WORD) as usize
    }

    fn one_word(self) -> bool {
        self.id_and_one_word & ONE_WORD != 0
    }

    /// Whether the entry may stand where `next` is the hash of the token
    /// after its first word (or before its last).
    fn fits(self, next: Option<u32>) -> bool {
        self.one_word() || next == Some(self.next_hash)
    }
}

/// Phrases mapped to values; lookups return the longest phrase that matches.
pub struct Phrases<T> {
    entries: Vec<Entry<T>>,
    /// Entries by the `word_hash` of their first word, and of their last,
    /// longest first: a token is looked up by the hash it carries, with
    /// no text hashed again; each entry's words are then compared, so
    /// two words of one hash never mix.
    by_first: HashMap<u32, Vec<Candidate>>,
    by_last: HashMap<u32, Vec<Candidate>>,
    /// The hashes of the keys of `by_first` and of `by_last`.
    first_hashes: HashBits,
    last_hashes: HashBits,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases {
            entries: Vec::new(),
            by_first: HashMap::default(),
            by_last: HashMap::default(),
            first_hashes: HashBits::default(),
            last_hashes: HashBits::default(),
        }
    }
}

impl<T> Phrases<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a phrase; `cased` phrases match only with exactly this case.
    /// A phrase added twice keeps its last value.
    pub fn insert(&mut self, phrase: &str, cased: bool, value: T) {
        let source = if cased { phrase.to_string() } else { phrase.to_ascii_lowercase() };
        let tokens = tokenize(&source);
        let words: Vec<Box<str>> = tokens.iter().map(|t| Box::from(&source[t.start..t.end])).collect();
        let glued: Vec<bool> = tokens.iter().map(|t| t.glued).collect();
        if words.is_empty() {
            return;
        }
        let key_first = word_hash(&words[0]);
        let existing = self.by_first.get(&key_first).and_then(|ids| {
            ids.iter().map(|c| c.id()).find(|&id| {
                self.entries[id].words == words && self.entries[id].glued == glued && self.entries[id].cased == cased
            })
        });
        if let Some(existing) = existing {
            self.entries[existing].value = value;
            return;
        }
        let key_last = word_hash(&words[words.len() - 1]);
        self.first_hashes.add(key_first);
        self.last_hashes.add(key_last);
        let id = self.entries.len();
        let n = words.len();
        let hashes: Vec<u32> = words.iter().map(|w| word_hash(w)).collect();
        let second = Candidate::new(id, n, hashes.get(1).copied().unwrap_or(0));
        let last_but_one = Candidate::new(id, n, hashes[n.saturating_sub(2)]);
        self.entries.push(Entry { words, hashes, glued, cased, value });
        let entries = &self.entries;
        for (map, key, candidate) in
            [(&mut self.by_first, key_first, second), (&mut self.by_last, key_last, last_but_one)]
        {
            let candidates = map.entry(key).or_default();
            let at = candidates.partition_point(|other| entries[other.id()].words.len() >= n);
            candidates.insert(at, candidate);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The hash bits of the phrases' first words: a token whose bit is
    /// clear starts no phrase of the table.
    pub fn first_word_bits(&self) -> &HashBits {
        &self.first_hashes
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether the `n` tokens from `i` carry the entry's hashes and
    /// spacing. Cheap, and false for nearly every entry that does not
    /// match ("the" opens dozens of date phrases): the texts are compared
    /// only once this holds.
    fn shape_matches(entry: &Entry<T>, text: &TokenText, i: usize) -> bool {
        let tokens = &text.tokens[i..i + entry.words.len()];
        tokens
            .iter()
            .zip(&entry.hashes)
            .zip(&entry.glued)
            .enumerate()
            .all(|(k, ((token, &hash), &glued))| token.hash == hash && (k == 0 || token.glued == glued))
    }

    /// Whether the `n` tokens from `i` are the entry's words.
    fn words_match(entry: &Entry<T>, text: &TokenText, i: usize) -> bool {
        entry
            .words
            .iter()
            .enumerate()
            .all(|(k, word)| if entry.cased { text.raw(i + k) == &**word } else { text.low(i + k) == &**word })
    }

    /// Whether the entry's words stand at tokens `i..i + n`.
    fn matches_at(entry: &Entry<T>, text: &TokenText, i: usize) -> bool {
        Self::shape_matches(entry, text, i) && Self::words_match(entry, text, i)
    }

    /// The longest phrase starting at token `i`: its length in tokens and value.
    ///
    /// Inlined: tables are asked at every token and turn away nearly all
    /// of them by their hash bits alone (97% of the calls on the bench's
    /// corpus), so the call would cost more than the answer.
    #[inline]
    pub fn match_at(&self, text: &TokenText, i: usize) -> Option<(usize, &T)> {
        let hash = text.tokens.get(i)?.hash;
        if !self.first_hashes.may_hold(hash) {
            return None;
        }
        self.longest_starting_at(text, i, hash)
    }

    fn longest_starting_at(&self, text: &TokenText, i: usize, hash: u32) -> Option<(usize, &T)> {
        let candidates = self.by_first.get(&hash)?;
        let next = text.tokens.get(i + 1).map(|t| t.hash);
        candidates.iter().filter(|c| c.fits(next)).map(|c| &self.entries[c.id()]).find_map(|e| {
            let n = e.words.len();
            (i + n <= text.len() && Self::matches_at(e, text, i)).then_some((n, &e.value))
        })
    }

    /// The longest phrase ending at token `j` (inclusive); inlined as
    /// `match_at` is.
    #[inline]
    pub fn match_ending_at(&self, text: &TokenText, j: usize) -> Option<(usize, &T)> {
        let hash = text.tokens.get(j)?.hash;
        if !self.last_hashes.may_hold(hash) {
            return None;
        }
        self.longest_ending_at(text, j, hash)
    }

    fn longest_ending_at(&self, text: &TokenText, j: usize, hash: u32) -> Option<(usize, &T)> {
        let candidates = self.by_last.get(&hash)?;
        let before = j.checked_sub(1).map(|b| text.tokens[b].hash);
        candidates.iter().filter(|c| c.fits(before)).map(|c| &self.entries[c.id()]).find_map(|e| {
            let n = e.words.len();
            (j + 1 >= n && Self::matches_at(e, text, j + 1 - n)).then_some((n, &e.value))
        })
    }

    /// The value of the one-token phrase written exactly `word` (a
    /// phrase without case is stored lower-cased), as `match_at` would
    /// give it for a text of that one word, without tokenizing one.
    pub fn word_value(&self, word: &str) -> Option<&T> {
        let hash = word_hash(word);
        if !self.first_hashes.may_hold(hash) {
            return None;
        }
        let candidates = self.by_first.get(&hash)?;
        candidates
            .iter()
            .filter(|c| c.one_word())
            .map(|c| &self.entries[c.id()])
            .find(|e| *e.words[0] == *word)
            .map(|e| &e.value)
    }

    /// Whether one word is a one-token phrase of the table.
    pub fn contains_word(&self, word: &str) -> bool {
        self.holds_word(word, word_hash(word))
    }

    /// Whether token `t` is a one-token phrase of the table (`false` past
    /// the end): `contains_word` of its text, by the hash it carries.
    #[inline]
    pub fn contains_token(&self, text: &TokenText, t: usize) -> bool {
        text.tokens
            .get(t)
            .is_some_and(|token| self.first_hashes.may_hold(token.hash) && self.holds_one_word(text.low(t), token.hash))
    }

    #[inline]
    fn holds_word(&self, word: &str, hash: u32) -> bool {
        self.first_hashes.may_hold(hash) && self.holds_one_word(word, hash)
    }

    fn holds_one_word(&self, word: &str, hash: u32) -> bool {
        self.by_first.get(&hash).is_some_and(|candidates| {
            candidates.iter().filter(|c| c.one_word()).any(|c| self.entries[c.id()].words[0].eq_ignore_ascii_case(word))
        })
    }

    /// Every value, without writing out its phrase.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.entries.iter().map(|e| &e.value)
    }

    /// Every phrase with its value, for listing and tests.
    pub fn iter(&self) -> impl Iterator<Item = (String, &T)> {
        self.entries.iter().map(|e| (e.words.join(" "), &e.value))
    }
}

/// A set of phrases with no value.
pub type PhraseSet = Phrases<()>;

impl PhraseSet {
    pub fn from_words<'a>(words: impl IntoIterator<Item = &'a String>) -> Self {
        let mut set = Phrases::new();
        for w in words {
            set.insert(w, false, ());
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view<'a>(text: &'a str, lower: &'a str, tokens: &'a [Token]) -> TokenText<'a> {
        TokenText { text, lower, tokens }
    }

    #[test]
    fn longest_phrase_wins_regardless_of_insertion_order() {
        let mut p = Phrases::new();
        p.insert("more", false, 1);
        p.insert("more than", false, 2);
        let text = "More than 170";
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(text);
        assert_eq!(p.match_at(&view(text, &lower, &toks), 0), Some((2, &2)));
        assert_eq!(p.match_ending_at(&view(text, &lower, &toks), 1), Some((2, &2)));
    }

    #[test]
    fn hyphenated_and_dotted_phrases_match_token_by_token() {
        let mut p = Phrases::new();
        p.insert("year-old", false, "age");
        p.insert("U.S.", false, "us");
        let text = "a 15-year-old in the u.s.";
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(text);
        let v = view(text, &lower, &toks);
        assert_eq!(p.match_at(&v, 3), Some((3, &"age")));
        assert_eq!(p.match_at(&v, 8), Some((4, &"us")));
    }

    #[test]
    fn glued_phrases_need_glued_text() {
        let mut p = Phrases::new();
        p.insert("a$", false, "aud");
        let text = "a $95,000 and A$5";
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(text);
        let v = view(text, &lower, &toks);
        assert!(p.match_ending_at(&v, 1).is_none());
        assert_eq!(p.match_ending_at(&v, 5), Some((2, &"aud")));
    }

    #[test]
    fn cased_phrases_need_the_same_case() {
        let mut p = Phrases::new();
        p.insert("MW", true, ());
        let text = "5 MW and 5 mW";
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(text);
        let v = view(text, &lower, &toks);
        assert!(p.match_at(&v, 1).is_some());
        assert!(p.match_at(&v, 4).is_none());
    }

    proptest::proptest! {
        /// Phrases that share their first or last words ("the end of", "the
        /// end", "the next day") are each found where they stand, the
        /// longest first, up to either end of the text: what comparing every
        /// phrase with the words at every token finds.
        #[test]
        fn the_longest_phrase_at_a_token_is_what_comparing_every_phrase_finds(
            phrases in proptest::collection::vec(proptest::collection::vec(0..4usize, 1..4), 1..12),
            words in proptest::collection::vec(0..4usize, 0..12),
        ) {
            const VOCABULARY: [&str; 4] = ["the", "end", "of", "day"];
            let phrases: Vec<Vec<&str>> = phrases.iter().map(|p| p.iter().map(|&w| VOCABULARY[w]).collect()).collect();
            let mut table = Phrases::new();
            for (k, phrase) in phrases.iter().enumerate() {
                table.insert(&phrase.join(" "), false, k);
            }
            let words: Vec<&str> = words.iter().map(|&w| VOCABULARY[w]).collect();
            let text = words.join(" ");
            let toks = tokenize(&text);
            let v = view(&text, &text, &toks);
            let longest = |fits: &dyn Fn(&[&str]) -> bool| {
                phrases.iter().filter(|p| fits(p)).map(Vec::len).max()
            };
            for i in 0..words.len() {
                let starting = longest(&|p| words[i..].starts_with(p));
                proptest::prop_assert_eq!(table.match_at(&v, i).map(|(n, _)| n), starting);
                let ending = longest(&|p| words[..=i].ends_with(p));
                proptest::prop_assert_eq!(table.match_ending_at(&v, i).map(|(n, _)| n), ending);
            }
        }
    }

    /// `word_value` answers as `match_at` does for a text of that one word.
    #[test]
    fn a_word_value_is_the_match_of_the_word_alone() {
        let mut p = Phrases::new();
        p.insert("cannot", false, "can not");
        p.insert("Ms", true, "cased");
        p.insert("more than", false, "two words");
        for word in ["cannot", "ms", "Ms", "more", "than", "cannon", "can"] {
            let toks = tokenize(word);
            let one_word = p.match_at(&view(word, word, &toks), 0).filter(|&(n, _)| n == toks.len()).map(|(_, v)| v);
            assert_eq!(p.word_value(word), one_word, "{word}");
        }
        assert_eq!(p.word_value("cannot"), Some(&"can not"));
        assert_eq!(p.word_value("Ms"), Some(&"cased"));
        assert_eq!(p.word_value("more"), None);
    }
}
