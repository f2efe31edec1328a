//! Byte offsets to human positions: lines and columns for diagnostics.
//! Lines are 1-based; columns are 1-based and count characters, not bytes,
//! so a span after curly quotes or accented names still points at the right
//! place in an editor.

/// Line starts of one text, for turning byte offsets into line:column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Lines end at "\n", "\r\n" or a lone "\r" (old Mac files).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            // Sixteen bytes with no line end are passed over at once (a test
            // the compiler turns into vector instructions).
            if let Some(chunk) = bytes.get(i..i + 16)
                && chunk.iter().fold(true, |none, &b| none & (b != b'\n') & (b != b'\r'))
            {
                i += 16;
                continue;
            }
            let b = bytes[i];
            let lone_cr = b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            if b == b'\n' || lone_cr {
                starts.push(i + 1);
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The byte range of a 0-based line, without its newline.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line];
        let end = self.starts.get(line + 1).map_or(text.len(), |next| next - 1);
        let end = if end > start && text.as_bytes()[end - 1] == b'\r' { end - 1 } else { end };
        start..end.max(start)
    }

    /// 1-based line and character column of `offset` in `text`.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let column = text[self.starts[line]..offset].chars().count() + 1;
        (line + 1, column)
    }
}

/// Positions of offsets met mostly in order, counted on from the last one
/// on the same line: a one-line document of many claims costs time in its
/// length, not in its length times its claims.
#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    /// The last offset asked for, its 0-based line and 1-based column.
    last: (usize, usize, usize),
}

impl<'a> Cursor<'a> {
    pub fn new(index: &'a LineIndex, text: &'a str) -> Self {
        Cursor { index, text, last: (0, 0, 1) }
    }

    /// 1-based line and character column of `offset`.
    pub fn position(&mut self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.index.line_of(offset);
        let (last_offset, last_line, last_column) = self.last;
        // Counted from the last offset when it is on the same line and
        // nearer than the line's start, either way.
        let line_start = self.index.starts[line];
        let same_line = line == last_line && last_offset >= line_start;
        let column = if same_line && offset >= last_offset {
            last_column + self.text[last_offset..offset].chars().count()
        } else if same_line && last_offset - offset < offset - line_start {
            last_column - self.text[offset..last_offset].chars().count()
        } else {
            self.text[line_start..offset].chars().count() + 1
        };
        self.last = (offset, line, column);
        (line + 1, column)
    }
}

/// Characters before an offset, counted on from the last offset asked for.
#[derive(Debug, Clone, Default)]
pub struct CharCount {
    last: (usize, usize),
}

impl CharCount {
    pub fn count_to(&mut self, text: &str, offset: usize) -> usize {
        let offset = floor_char_boundary(text, offset);
        let (last_offset, last_count) = self.last;
        let count = if offset >= last_offset {
            last_count + text[last_offset..offset].chars().count()
        } else if last_offset - offset < offset {
            last_count - text[offset..last_offset].chars().count()
        } else {
            text[..offset].chars().count()
        };
        self.last = (offset, count);
        count
    }
}

/// 1-based line and column of `offset`, for one-off error messages.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).position(text, offset)
}

/// The largest char boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "“Hi,” she said.\nSecond line";
        let index = LineIndex::new(text);
        let said = text.find("said").unwrap();
        assert_eq!(index.position(text, said), (1, 11));
        let second = text.find("Second").unwrap();
        assert_eq!(index.position(text, second), (2, 1));
        assert_eq!(index.position(text, text.len()), (2, 12));
    }

    #[test]
    fn line_range_excludes_newline_and_carriage_return() {
        let text = "one\r\ntwo\n";
        let index = LineIndex::new(text);
        assert_eq!(&text[index.line_range(text, 0)], "one");
        assert_eq!(&text[index.line_range(text, 1)], "two");
        assert_eq!(&text[index.line_range(text, 2)], "");
    }

    #[test]
    fn a_cursor_gives_what_the_index_gives_in_any_order() {
        let text = "“Hi,” she said.\nSecond line, “more” here";
        let index = LineIndex::new(text);
        let mut cursor = Cursor::new(&index, text);
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([3, 40, 0, 20]).collect();
        for o in offsets {
            assert_eq!(cursor.position(o), index.position(text, o), "offset {o}");
        }
    }

    /// Line ends at every offset around the sixteen-byte steps: "\r\n"
    /// split across two of them, a lone "\r" last in one.
    #[test]
    fn line_ends_are_found_wherever_they_fall() {
        for at in 0..40 {
            for end in ["\n", "\r\n", "\r"] {
                let text = format!("{}{end}{}{end}tail", "a".repeat(at), "b".repeat(40 - at));
                let index = LineIndex::new(&text);
                let expected = vec![0, at + end.len(), 40 + 2 * end.len()];
                assert_eq!(index.starts, expected, "{at} {end:?}");
            }
        }
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "one\rtwo 7\r\nthree";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, text.find('7').unwrap()), (2, 5));
        assert_eq!(&text[index.line_range(text, 1)], "two 7");
        assert_eq!(index.position(text, text.find("three").unwrap()), (3, 1));
    }
}
