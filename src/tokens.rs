//! Tokens: the words, numbers and symbols of a text, as byte spans.
//! Takes: `&str`. Gives: `Vec<Token>` in text order, each with a byte span
//! and whether whitespace comes before it.
//! Never: copies the text or allocates per token.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with apostrophes inside ("don't", "O'Brien"); a possessive
    /// "'s" is a word of its own.
    Word,
    /// ASCII digits, with `,` or `.` between digit groups ("5,000", "1.6").
    Number,
    /// Any other single character ("$", "%", "-", "“").
    Symbol,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// No whitespace between the previous token and this one.
    pub glued: bool,
    /// A line break between the previous token and this one.
    pub after_newline: bool,
    /// `word_hash` of the token's text, ASCII case folded: phrase tables
    /// turn most tokens away by it before they look a word up.
    pub hash: u32,
}

/// A hash of a word with ASCII case folded, the same for a token and for
/// the lexicon's words (FxHash's mixing, a byte at a time).
pub fn word_hash(word: &str) -> u32 {
    let mut h: u64 = 0;
    for b in word.bytes() {
        h = (h.rotate_left(5) ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    (h >> 32) as u32
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    pub fn is_number(&self) -> bool {
        self.kind == TokenKind::Number
    }
    pub fn is_symbol(&self) -> bool {
        self.kind == TokenKind::Symbol
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Whether a token is the possessive ending ("'s", "’s"), which the
/// tokenizer splits from its word ("Philadelphia’s" is two tokens).
pub fn is_possessive(token: &str) -> bool {
    matches!(token, "'s" | "’s")
}

/// Whether a word opens with a capital letter (a name, or a sentence's
/// first word).
#[inline]
pub fn starts_upper(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => s.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Characters a reader does not see inside a number: zero-width spaces
/// and joiners, the word joiner and the soft hyphen.
pub fn invisible_in_number(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{00ad}')
}

/// Splits `text[range]` into tokens; spans are offsets into `text`.
pub fn tokenize_range(text: &str, range: std::ops::Range<usize>, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = range.start;
    let end = range.end;
    let mut glued = false;
    let mut after_newline = false;
    while i < end {
        // A space, the commonest character, is passed over undecoded.
        if bytes[i] == b' ' {
            glued = false;
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("index on a char boundary");
        let len = c.len_utf8();
        if c.is_whitespace() {
            glued = false;
            if c == '\n' {
                after_newline = true;
            }
            i += len;
            continue;
        }
        let start = i;
        let kind;
        let leading_point = c == '.'
            && i + 1 < end
            && bytes[i + 1].is_ascii_digit()
            && (i == 0 || !text[..i].chars().next_back().is_some_and(|p| p.is_alphanumeric() || p == '.'));
        if c.is_ascii_digit() || leading_point {
            kind = TokenKind::Number;
            i += 1;
            loop {
                while i < end && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                if i + 1 < end && (bytes[i] == b',' || bytes[i] == b'.') && bytes[i + 1].is_ascii_digit() {
                    i += 1;
                } else if let Some(w) = Some(
                    text[i..end].chars().take_while(|&c| invisible_in_number(c)).map(char::len_utf8).sum::<usize>(),
                )
                .filter(|&w| w > 0 && bytes.get(i + w).is_some_and(u8::is_ascii_digit))
                {
                    // "1\u{200b}07", "1&shy;07": shown as 107, read as 107.
                    i += w;
                } else {
                    break;
                }
            }
        } else if c.is_alphabetic() {
            kind = TokenKind::Word;
            i += len;
            while i < end {
                // ASCII letters are read as bytes; other characters decoded.
                if bytes[i].is_ascii_alphabetic() {
                    i += 1;
                    continue;
                }
                let d = text[i..].chars().next().expect("char boundary");
                if d.is_alphabetic() {
                    i += d.len_utf8();
                } else if is_apostrophe(d) {
                    let after = i + d.len_utf8();
                    let next = text[after.min(end)..end].chars().next();
                    let possessive = matches!(next, Some('s' | 'S'))
                        && !text[(after + 1).min(end)..end].chars().next().is_some_and(char::is_alphabetic);
                    if next.is_some_and(char::is_alphabetic) && !possessive {
                        i = after;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
        } else if is_apostrophe(c)
            && matches!(text[i + len..end].chars().next(), Some('s' | 'S'))
            && !text[(i + len + 1).min(end)..end].chars().next().is_some_and(char::is_alphabetic)
            && glued
        {
            kind = TokenKind::Word;
            i += len + 1;
        } else {
            kind = TokenKind::Symbol;
            i += len;
        }
        out.push(Token { start, end: i, kind, glued, after_newline, hash: word_hash(&text[start..i]) });
        glued = true;
        after_newline = false;
    }
}

/// Tokens of a whole text.
pub fn tokenize(text: &str) -> Vec<Token> {
    // News runs to about a token every five bytes: room for them at once
    // spares copying the tokens each time the vector would grow.
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_range(text, 0..text.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn numbers_keep_separators_and_decimals() {
        assert_eq!(texts("5,000 and 1.6m, 9."), ["5,000", "and", "1.6", "m", ",", "9", "."]);
    }

    #[test]
    fn a_leading_decimal_point_belongs_to_the_number() {
        assert_eq!(texts("a .500 record, U.S. 5"), ["a", ".500", "record", ",", "U", ".", "S", ".", "5"]);
    }

    #[test]
    fn possessives_split_but_contractions_stay() {
        assert_eq!(texts("ICE's goal, don't"), ["ICE", "'s", "goal", ",", "don't"]);
        assert_eq!(texts("Philadelphia’s policies"), ["Philadelphia", "’s", "policies"]);
    }

    #[test]
    fn hyphens_and_symbols_are_glued_tokens() {
        let toks = tokenize("four-day $95,000");
        let kinds: Vec<_> = toks.iter().map(|t| (t.kind, t.glued)).collect();
        assert_eq!(
            kinds,
            [
                (TokenKind::Word, false),
                (TokenKind::Symbol, true),
                (TokenKind::Word, true),
                (TokenKind::Symbol, false),
                (TokenKind::Number, true),
            ]
        );
    }

    #[test]
    fn a_capital_is_told_in_any_script() {
        for (word, upper) in [("Paris", true), ("paris", false), ("Éire", true), ("éclair", false), ("Σάμος", true)]
        {
            assert_eq!(starts_upper(word), upper, "{word}");
        }
        assert!(!starts_upper("") && !starts_upper("1") && !starts_upper("“"));
    }

    #[test]
    fn quotes_around_words_are_symbols() {
        assert_eq!(texts("“Safe City” 'x'"), ["“", "Safe", "City", "”", "'", "x", "'"]);
    }
}
