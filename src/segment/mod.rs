//! segment: a document's analysed text split into tokens, paragraphs and
//! sentences.
//! Takes: `&str` (a document's analysed text) and the lexicon (abbreviations,
//! sentence starters).
//! Gives: `Segments`: tokens, a lowercased copy for case folding, paragraph
//! and sentence spans in text order.
//! Never: copies the text per sentence or looks at numbers.

use std::ops::Range;

use crate::lexicon::{Lexicon, TokenText};
use crate::tokens::{Token, tokenize};

/// One sentence: its byte span, its tokens and its paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Range<usize>,
    pub tokens: Range<usize>,
    pub paragraph: usize,
}

pub struct Segments {
    pub tokens: Vec<Token>,
    /// The text with ASCII letters lowercased: same byte offsets.
    pub lower: String,
    /// Paragraphs as token ranges.
    pub paragraphs: Vec<Range<usize>>,
    pub sentences: Vec<Sentence>,
}

impl Segments {
    pub fn view<'a>(&'a self, text: &'a str) -> TokenText<'a> {
        TokenText { text, lower: &self.lower, tokens: &self.tokens }
    }

    /// The sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentences.partition_point(|s| s.tokens.end <= i)
    }
}

const TERMINALS: &[&str] = &[".", "!", "?", "…"];
const CLOSERS: &[&str] = &["\"", "”", "’", "'", ")", "]", "»"];
const OPENERS: &[&str] = &["\"", "“", "‘", "'", "(", "[", "«"];

fn gap<'a>(text: &'a str, tokens: &[Token], i: usize) -> &'a str {
    let from = if i == 0 { 0 } else { tokens[i - 1].end };
    &text[from..tokens[i].start]
}

fn is_blank_line(gap: &str) -> bool {
    let mut newlines = 0;
    for c in gap.chars() {
        if c == '\n' {
            newlines += 1;
            if newlines >= 2 {
                return true;
            }
        } else if !c.is_whitespace() {
            newlines = 0;
        }
    }
    false
}

/// Splits `text` into paragraphs and sentences.
pub fn segment(text: &str, lexicon: &Lexicon) -> Segments {
    let tokens = tokenize(text);
    let lower = text.to_ascii_lowercase();
    let view = TokenText { text, lower: &lower, tokens: &tokens };

    let mut paragraphs = Vec::new();
    let mut start = 0;
    for i in 1..tokens.len() {
        if !tokens[i].after_newline {
            continue;
        }
        let g = gap(text, &tokens, i);
        // A line that goes on in lower case from a line with no end mark
        // wraps one paragraph; decided line by line, so that what else a
        // text holds never changes how these lines are read.
        let soft_wrap = !is_blank_line(g)
            && !TERMINALS.contains(&view.raw(i - 1))
            && view.raw(i).chars().next().is_some_and(char::is_lowercase);
        if !soft_wrap {
            paragraphs.push(start..i);
            start = i;
        }
    }
    if start < tokens.len() {
        paragraphs.push(start..tokens.len());
    }

    let mut sentences = Vec::new();
    for (p, para) in paragraphs.iter().enumerate() {
        let mut s = para.start;
        let mut i = para.start;
        while i < para.end {
            if TERMINALS.contains(&view.raw(i)) {
                let mut j = i + 1;
                while j < para.end
                    && tokens[j].glued
                    && (TERMINALS.contains(&view.raw(j)) || CLOSERS.contains(&view.raw(j)))
                {
                    j += 1;
                }
                if j >= para.end || ends_sentence(&view, lexicon, i, j) {
                    sentences.push(Sentence { span: tokens[s].start..tokens[j - 1].end, tokens: s..j, paragraph: p });
                    s = j;
                }
                i = j;
            } else {
                i += 1;
            }
        }
        if s < para.end {
            sentences.push(Sentence {
                span: tokens[s].start..tokens[para.end - 1].end,
                tokens: s..para.end,
                paragraph: p,
            });
        }
    }
    Segments { tokens, lower, paragraphs, sentences }
}

/// Whether the terminal at `i` ends a sentence, `next` being the first
/// token after it and its closing quotes.
fn ends_sentence(view: &TokenText, lexicon: &Lexicon, i: usize, next: usize) -> bool {
    if view.tokens[next].glued && next == i + 1 {
        return false;
    }
    let next_raw = view.raw(next);
    let first = next_raw.chars().next().unwrap_or(' ');
    let starts_like_sentence = first.is_uppercase() || first.is_ascii_digit() || OPENERS.contains(&next_raw);
    if !starts_like_sentence {
        return false;
    }
    if view.raw(i) != "." {
        return true;
    }
    let abbreviations = &lexicon.abbreviations;
    if let Some((n, _)) = abbreviations.forms.match_ending_at(view, i)
        && (n > 1 || view.tokens[i].glued)
    {
        let may_end = abbreviations.may_end_sentence.match_ending_at(view, i).is_some();
        return may_end && lexicon.function_words.sentence_starters.contains_token(view, next);
    }
    if i > 0 && view.tokens[i].glued {
        let prev = view.raw(i - 1);
        let mut chars = prev.chars();
        let single_capital = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
        if single_capital {
            return lexicon.function_words.sentence_starters.contains_token(view, next) && first.is_uppercase();
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let lexicon = Lexicon::built_in().unwrap();
        let seg = segment(text, &lexicon);
        seg.sentences.iter().map(|s| text[s.span.clone()].to_string()).collect()
    }

    #[test]
    fn abbreviations_and_decimals_do_not_end_sentences() {
        let text = "The U.S. Department of Justice appealed on Jan. 10. Growth was 1.6 percent. Mr. Kenney said no.";
        assert_eq!(
            sentences(text),
            ["The U.S. Department of Justice appealed on Jan. 10.", "Growth was 1.6 percent.", "Mr. Kenney said no."]
        );
    }

    #[test]
    fn an_abbreviation_before_a_sentence_starter_ends_the_sentence() {
        let text = "Portland, Oregon; and Washington, D.C. The operation also took place across Massachusetts.";
        assert_eq!(sentences(text).len(), 2);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let text = "“It was wrong,” he said. “We will appeal.” Then he left.";
        assert_eq!(sentences(text), ["“It was wrong,” he said.", "“We will appeal.”", "Then he left."]);
    }

    #[test]
    fn lines_are_paragraphs_unless_the_text_soft_wraps() {
        let lexicon = Lexicon::built_in().unwrap();
        assert_eq!(segment("One line\nAnother line", &lexicon).paragraphs.len(), 2);
        let wrapped = "A long sentence that goes on\nand on to the next line.\n\nNew paragraph.";
        assert_eq!(segment(wrapped, &lexicon).paragraphs.len(), 2);
    }
}
