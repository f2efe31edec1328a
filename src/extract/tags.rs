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

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::lexicon::TokenText;

/// A universal part of speech (read from the model by its UD name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
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
    /// A noun or a name.
    pub fn nominal(self) -> bool {
        matches!(self, Pos::Noun | Pos::Propn)
    }
}

/// The Brill model of `harper-brill`, read once into a form that applies
/// its rules only where they can fire.
static MODEL: LazyLock<Brill> = LazyLock::new(Brill::of_harper);

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
        let tags = MODEL.tag(&words);
        for (k, w) in words.iter().enumerate() {
            let pos = tags[k].unwrap_or_else(|| by_shape(view, w, k == 0));
            for t in w.first..=w.last {
                self.pos[t] = Some(pos);
            }
        }
    }
}

/// A word as the tagger sees it: one token, or a hyphenated compound.
struct TagWord<'a> {
    first: usize,
    last: usize,
    text: &'a str,
}

fn tag_words<'a>(view: &TokenText<'a>, range: &std::ops::Range<usize>) -> Vec<TagWord<'a>> {
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
        let text = &view.text[view.tokens[t].start..view.tokens[last].end];
        out.push(TagWord { first: t, last, text });
        t = last + 1;
    }
    out
}

/// A Brill tagger: each word's most frequent tag, then transformation
/// rules applied one after another over the sentence, as `harper-brill`
/// applies them (the same tags come out; `tagger_agrees_with_harper` holds
/// it to that). A rule rewrites words of one tag only, and most rules ask
/// for a word nearby ("to", "that"): a rule visits only the positions that
/// hold its tag, or those its word can be found from, not every word of the
/// sentence for every one of its 201 rules.
struct Brill {
    words: FxHashMap<Box<str>, Pos>,
    rules: Vec<Rule>,
    /// The words the rules ask for.
    rule_words: Vec<Box<str>>,
    /// For each first byte (ASCII in lower case), the rule words that
    /// begin with it: a sentence's word is compared with those alone.
    rule_words_by_first: Vec<Vec<usize>>,
}

/// One transformation: `from` becomes `to` where `when` holds.
#[derive(Deserialize)]
struct Rule {
    from: Pos,
    to: Pos,
    #[serde(rename = "criteria")]
    when: Criterion,
    /// A word `when` asks for: how far from the position it must stand,
    /// and its index in `Brill::rule_words`.
    #[serde(skip)]
    anchor: Option<(isize, usize)>,
}

/// The conditions of `harper_pos_utils`' patch criteria, in its JSON shape.
#[derive(Deserialize)]
enum Criterion {
    WordIsTaggedWith {
        relative: isize,
        is_tagged: Pos,
    },
    AnyWordIsTaggedWith {
        max_relative: isize,
        is_tagged: Pos,
    },
    SandwichTaggedWith {
        prev_word_tagged: Pos,
        post_word_tagged: Pos,
    },
    WordIs {
        relative: isize,
        word: String,
    },
    /// Read by the chunker alone: never holds for the tagger.
    NounPhraseAt {},
    Combined {
        a: Box<Criterion>,
        b: Box<Criterion>,
    },
}

/// The serialized shape of `harper_brill::BrillTagger<FreqDict>`.
#[derive(Deserialize)]
struct HarperModel {
    base: HarperWords,
    patches: Vec<Rule>,
}

#[derive(Deserialize)]
struct HarperWords {
    mapping: FxHashMap<Box<str>, Pos>,
}

/// Positions of a sentence in rows (the words holding a tag, the words
/// alike to a rule's word), 64 to a word of bits.
struct Positions {
    bits: Vec<u64>,
    stride: usize,
}

impl Positions {
    fn new(rows: usize, len: usize) -> Positions {
        let stride = len.div_ceil(64);
        Positions { bits: vec![0; rows * stride], stride }
    }

    fn insert(&mut self, row: usize, i: usize) {
        self.bits[row * self.stride + i / 64] |= 1 << (i % 64);
    }

    fn remove(&mut self, row: usize, i: usize) {
        self.bits[row * self.stride + i / 64] &= !(1 << (i % 64));
    }

    /// Visits the positions of a row in order. `visit` may change the
    /// rows, but may take out of this row only positions already visited:
    /// each chunk of 64 is read as it is reached.
    fn walk(&mut self, row: usize, mut visit: impl FnMut(usize, &mut Positions)) {
        for chunk in 0..self.stride {
            let mut pending = self.bits[row * self.stride + chunk];
            while pending != 0 {
                visit(chunk * 64 + pending.trailing_zeros() as usize, self);
                pending &= pending - 1;
            }
        }
    }
}

const POS_COUNT: usize = Pos::Verb as usize + 1;

impl Brill {
    fn of_harper() -> Brill {
        let model: HarperModel = serde_json::to_value(&*harper_brill::brill_tagger())
            .and_then(serde_json::from_value)
            .expect("harper-brill's model has the shape of its own types");
        let mut rule_words: Vec<Box<str>> = Vec::new();
        let mut rules: Vec<Rule> = model.patches.into_iter().filter(|p| p.from != p.to).collect();
        for rule in &mut rules {
            rule.anchor = rule.when.required_word().map(|(relative, word)| {
                let k = rule_words.iter().position(|w| **w == *word).unwrap_or_else(|| {
                    rule_words.push(word.into());
                    rule_words.len() - 1
                });
                (relative, k)
            });
        }
        let mut rule_words_by_first: Vec<Vec<usize>> = vec![Vec::new(); 256];
        for (k, word) in rule_words.iter().enumerate() {
            if let Some(first) = word.bytes().next() {
                rule_words_by_first[first.to_ascii_lowercase() as usize].push(k);
            }
        }
        Brill { words: model.base.mapping, rules, rule_words, rule_words_by_first }
    }

    /// The word's most frequent tag, looked up in lower case.
    fn lookup(&self, word: &str) -> Option<Pos> {
        if word.bytes().all(|b| !b.is_ascii_uppercase() && b.is_ascii()) {
            self.words.get(word).copied()
        } else {
            self.words.get(word.to_lowercase().as_str()).copied()
        }
    }

    /// The positions of the sentence's words alike to each rule word. A word
    /// alike to another begins with the same byte, ASCII case aside, unless
    /// it is empty.
    fn rule_word_positions(&self, words: &[TagWord]) -> Positions {
        let mut at = Positions::new(self.rule_words.len(), words.len());
        for (i, w) in words.iter().enumerate() {
            match w.text.bytes().next() {
                None => (0..self.rule_words.len()).for_each(|k| at.insert(k, i)),
                Some(first) => {
                    for &k in &self.rule_words_by_first[first.to_ascii_lowercase() as usize] {
                        if starts_alike(w.text, &self.rule_words[k]) {
                            at.insert(k, i);
                        }
                    }
                }
            }
        }
        at
    }

    fn tag(&self, words: &[TagWord]) -> Vec<Option<Pos>> {
        let mut tags: Vec<Option<Pos>> = words.iter().map(|w| self.lookup(w.text)).collect();
        let mut holding = Positions::new(POS_COUNT, words.len());
        for (i, t) in tags.iter().enumerate() {
            if let Some(t) = t {
                holding.insert(*t as usize, i);
            }
        }
        let mut alike = self.rule_word_positions(words);
        for rule in &self.rules {
            let mut apply = |i: usize, holding: &mut Positions| {
                if tags[i] == Some(rule.from) && rule.when.holds(words, &tags, i) {
                    tags[i] = Some(rule.to);
                    holding.remove(rule.from as usize, i);
                    holding.insert(rule.to as usize, i);
                }
            };
            match rule.anchor {
                // The positions the rule's word stands at, moved back by
                // its distance: in order, as the rule would meet them.
                Some((relative, k)) => alike.walk(k, |p, _| {
                    if let Some(i) = p.checked_add_signed(-relative).filter(|&i| i < words.len()) {
                        apply(i, &mut holding);
                    }
                }),
                None => holding.walk(rule.from as usize, apply),
            }
        }
        tags
    }
}

impl Criterion {
    /// A word the criterion asks for, and how far from the position.
    fn required_word(&self) -> Option<(isize, &str)> {
        match self {
            Criterion::WordIs { relative, word } => Some((*relative, word)),
            Criterion::Combined { a, b } => a.required_word().or_else(|| b.required_word()),
            _ => None,
        }
    }

    fn holds(&self, words: &[TagWord], tags: &[Option<Pos>], i: usize) -> bool {
        let tagged = |at: Option<usize>, pos: Pos| at.and_then(|at| tags.get(at).copied().flatten()) == Some(pos);
        match self {
            Criterion::WordIsTaggedWith { relative, is_tagged } => tagged(i.checked_add_signed(*relative), *is_tagged),
            Criterion::AnyWordIsTaggedWith { max_relative, is_tagged } => {
                let Some(farthest) = i.checked_add_signed(*max_relative) else {
                    return false;
                };
                (farthest.min(i)..farthest.max(i)).any(|at| tagged(Some(at), *is_tagged))
            }
            Criterion::SandwichTaggedWith { prev_word_tagged, post_word_tagged } => {
                i > 0 && tagged(Some(i - 1), *prev_word_tagged) && tagged(Some(i + 1), *post_word_tagged)
            }
            Criterion::WordIs { relative, word } => {
                i.checked_add_signed(*relative).and_then(|at| words.get(at)).is_some_and(|w| starts_alike(w.text, word))
            }
            Criterion::NounPhraseAt {} => false,
            Criterion::Combined { a, b } => a.holds(words, tags, i) && b.holds(words, tags, i),
        }
    }
}

/// harper's comparison of a rule's word with a sentence's: alike, ASCII
/// case aside, up to the shorter one's end, so that "to" holds for
/// "tomorrow" too (the model was trained so). The model's words are ASCII,
/// compared byte by byte: the same answer as character by character,
/// since a byte of a longer character never equals an ASCII one.
fn starts_alike(text: &str, word: &str) -> bool {
    if word.is_ascii() {
        let n = text.len().min(word.len());
        text.as_bytes()[..n].eq_ignore_ascii_case(&word.as_bytes()[..n])
    } else {
        text.chars().zip(word.chars()).all(|(a, b)| a.eq_ignore_ascii_case(&b))
    }
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

    /// Sentences whose words' tags the rules rewrite ("to" before a
    /// determiner, "that" after a verb, words the model has never seen),
    /// the referent fixtures' articles each read as one sentence, and all
    /// of them as one, a thousand words long.
    #[test]
    fn tagger_agrees_with_harper() {
        use harper_brill::Tagger;
        let mut sentences: Vec<String> = [
            "The council said that it would hand the keys to the new owners tomorrow.",
            "Rescuers pulled 37 people from the rubble, more than any other team did that week.",
            "She told reporters the figure was up to 1,200, and that more could follow.",
            "Zorvath Minings cut 4,000 white-collar jobs, its second round of cuts in two years.",
            "Runners who finished under 2:05 were few; the course record stood.",
        ]
        .map(String::from)
        .to_vec();
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/referents");
        for case in std::fs::read_dir(fixtures).unwrap() {
            for file in std::fs::read_dir(case.unwrap().path()).unwrap() {
                let path = file.unwrap().path();
                if path.extension().is_some_and(|e| e == "txt") {
                    sentences.push(std::fs::read_to_string(path).unwrap());
                }
            }
        }
        assert!(sentences.len() > 20);
        sentences.push(sentences.join(" "));
        let mut rewritten = 0;
        for sentence in &sentences {
            let sentence = sentence.as_str();
            let tokens = tokenize(sentence);
            let lower = sentence.to_ascii_lowercase();
            let view = TokenText { text: sentence, lower: &lower, tokens: &tokens };
            let words = tag_words(&view, &(0..tokens.len()));
            let strings: Vec<String> = words.iter().map(|w| w.text.to_string()).collect();
            let harper: Vec<Option<Pos>> = harper_brill::brill_tagger()
                .tag_sentence(&strings)
                .into_iter()
                .map(|u| u.map(|u| serde_json::to_value(u).and_then(serde_json::from_value).unwrap()))
                .collect();
            assert_eq!(MODEL.tag(&words), harper, "{sentence}");
            let looked_up: Vec<Option<Pos>> = words.iter().map(|w| MODEL.lookup(w.text)).collect();
            rewritten += looked_up.iter().zip(&harper).filter(|(a, b)| a != b).count();
        }
        assert!(rewritten > 0, "the sentences leave some rule something to rewrite");
    }

    #[test]
    fn rule_words_compare_as_harper_compares_them() {
        for (text, word) in
            [("to", "to"), ("Tomorrow", "to"), ("t", "to"), ("tö", "to"), ("é", "to"), ("", "to"), ("THAT", "that")]
        {
            let harper = text.chars().zip(word.chars()).all(|(a, b)| a.eq_ignore_ascii_case(&b));
            assert_eq!(starts_alike(text, word), harper, "{text} / {word}");
        }
        assert!(!starts_alike("of", "to"));
    }

    #[test]
    fn unseen_words_take_a_tag_from_their_shape() {
        let tags = tagged("Yesterday Kipruto outsprinted everyone.");
        assert_eq!(tags[1], ("Kipruto".to_string(), Pos::Propn));
    }
}
