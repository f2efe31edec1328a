//! Parts of speech for the sentences that hold a figure, so that what a
//! figure counts and whose it is are read from the grammar of its sentence
//! (noun-phrase heads, verbs, subjects) rather than guessed from nearby
//! words.
//!
//! The tagger is `harper-brill`: a Brill tagger trained on Universal
//! Dependencies, its model inside the crate (docs/tagging.md says why it
//! was chosen). It tags words it has seen; a word it has not seen takes a
//! tag from its shape (digits, a capital inside the sentence, a suffix).
//! Hyphenated compounds ("white-collar") are tagged as one word.

use std::sync::LazyLock;

use harper_brill::{BrillTagger, FreqDict, Tagger, UPOS};

use crate::lexicon::TokenText;

/// A universal part of speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
}

impl Pos {
    fn from_upos(u: UPOS) -> Pos {
        match u {
            UPOS::ADJ => Pos::Adj,
            UPOS::ADP => Pos::Adp,
            UPOS::ADV => Pos::Adv,
            UPOS::AUX => Pos::Aux,
            UPOS::CCONJ => Pos::Cconj,
            UPOS::DET => Pos::Det,
            UPOS::INTJ => Pos::Intj,
            UPOS::NOUN => Pos::Noun,
            UPOS::NUM => Pos::Num,
            UPOS::PART => Pos::Part,
            UPOS::PRON => Pos::Pron,
            UPOS::PROPN => Pos::Propn,
            UPOS::PUNCT => Pos::Punct,
            UPOS::SCONJ => Pos::Sconj,
            UPOS::SYM => Pos::Sym,
            UPOS::VERB => Pos::Verb,
        }
    }

    /// A noun or a name.
    pub fn nominal(self) -> bool {
        matches!(self, Pos::Noun | Pos::Propn)
    }
}

static TAGGER: LazyLock<std::sync::Arc<BrillTagger<FreqDict>>> = LazyLock::new(harper_brill::brill_tagger);

/// Tags for every token of a document; `None` for tokens of sentences that
/// were not tagged.
#[derive(Debug, Clone, Default)]
pub struct Tags {
    pos: Vec<Option<Pos>>,
}

impl Tags {
    pub fn new(tokens: usize) -> Tags {
        Tags { pos: vec![None; tokens] }
    }

    /// The tag of token `t`, if its sentence was tagged.
    pub fn at(&self, t: usize) -> Option<Pos> {
        self.pos.get(t).copied().flatten()
    }

    pub fn is(&self, t: usize, pos: Pos) -> bool {
        self.at(t) == Some(pos)
    }

    /// Tags the tokens of one sentence.
    pub fn tag_sentence(&mut self, view: &TokenText, range: std::ops::Range<usize>) {
        let words = tag_words(view, &range);
        let strings: Vec<String> = words.iter().map(|w| w.text.clone()).collect();
        let tags = TAGGER.tag_sentence(&strings);
        for (k, w) in words.iter().enumerate() {
            let pos = tags.get(k).copied().flatten().map(Pos::from_upos).unwrap_or_else(|| by_shape(view, w, k == 0));
            for t in w.first..=w.last {
                self.pos[t] = Some(pos);
            }
        }
    }
}

/// A word as the tagger sees it: one token, or a hyphenated compound.
struct TagWord {
    first: usize,
    last: usize,
    text: String,
}

fn tag_words(view: &TokenText, range: &std::ops::Range<usize>) -> Vec<TagWord> {
    let mut out: Vec<TagWord> = Vec::with_capacity(range.len());
    let mut t = range.start;
    while t < range.end {
        let mut last = t;
        // "white-collar", "single-family": word, hyphen, word, all glued.
        while last + 2 < range.end
            && view.tokens[last].is_word()
            && view.raw(last + 1) == "-"
            && view.tokens[last + 1].glued
            && view.tokens[last + 2].glued
            && view.tokens[last + 2].is_word()
        {
            last += 2;
        }
        let text = view.text[view.tokens[t].start..view.tokens[last].end].to_string();
        out.push(TagWord { first: t, last, text });
        t = last + 1;
    }
    out
}

/// A tag for a word the tagger has not seen, from its shape.
fn by_shape(view: &TokenText, w: &TagWord, sentence_start: bool) -> Pos {
    let token = view.tokens[w.first];
    if token.is_number() {
        return Pos::Num;
    }
    if token.is_symbol() {
        return if w.text.chars().all(|c| c.is_alphanumeric()) { Pos::Sym } else { Pos::Punct };
    }
    let lower = w.text.to_lowercase();
    // A capitalised word the tagger has never seen is a name, even first in
    // its sentence ("Kipchoge ran 5km in 14:24"): common words are known.
    if w.text.chars().next().is_some_and(char::is_uppercase) && (!sentence_start || w.last == w.first) {
        return Pos::Propn;
    }
    if w.last > w.first {
        return Pos::Adj;
    }
    if lower.ends_with("ly") {
        Pos::Adv
    } else if lower.ends_with("ed") || lower.ends_with("ing") {
        Pos::Verb
    } else {
        Pos::Noun
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn tagged(text: &str) -> Vec<(String, Pos)> {
        let tokens = tokenize(text);
        let lower = text.to_ascii_lowercase();
        let view = TokenText { text, lower: &lower, tokens: &tokens };
        let mut tags = Tags::new(tokens.len());
        tags.tag_sentence(&view, 0..tokens.len());
        (0..tokens.len()).map(|t| (view.raw(t).to_string(), tags.at(t).unwrap())).collect()
    }

    #[test]
    fn nouns_verbs_and_numbers_are_told_apart() {
        let tags = tagged("The company will lay off 14,700 factory and white-collar workers.");
        let pos = |w: &str| tags.iter().find(|(t, _)| t == w).map(|(_, p)| *p);
        assert_eq!(pos("company"), Some(Pos::Noun));
        assert_eq!(pos("lay"), Some(Pos::Verb));
        assert_eq!(pos("14,700"), Some(Pos::Num));
        assert_eq!(pos("workers"), Some(Pos::Noun));
        assert_eq!(pos("collar"), pos("white"), "a hyphenated compound takes one tag");
    }

    #[test]
    fn unseen_words_take_a_tag_from_their_shape() {
        let tags = tagged("Yesterday Kipruto outsprinted everyone.");
        assert_eq!(tags[1], ("Kipruto".to_string(), Pos::Propn));
    }
}
