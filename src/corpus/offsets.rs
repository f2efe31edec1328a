//! Offsets of the analysed text mapped back to the file as read, for inputs
//! whose analysed text is not the raw text (HTML).

/// A run of analysed text taken from the raw text: `len` bytes at
/// `text_start` came from `raw_len` bytes at `raw_start` (equal lengths when
/// copied verbatim, different when an entity was decoded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    text_start: usize,
    len: usize,
    raw_start: usize,
    raw_len: usize,
}

/// Maps offsets of a document's analysed text to offsets of its raw text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
    identity: bool,
}

impl OffsetMap {
    pub fn identity() -> Self {
        OffsetMap { pieces: Vec::new(), identity: true }
    }

    pub fn pieces() -> Self {
        OffsetMap { pieces: Vec::new(), identity: false }
    }

    /// Records that `len` bytes appended at `text_start` came from `raw_len`
    /// bytes at `raw_start`.
    pub fn push(&mut self, text_start: usize, len: usize, raw_start: usize, raw_len: usize) {
        if len > 0 {
            self.pieces.push(Piece { text_start, len, raw_start, raw_len });
        }
    }

    fn point(&self, offset: usize, is_end: bool) -> usize {
        if self.identity {
            return offset;
        }
        let idx = self.pieces.partition_point(|p| p.text_start + p.len < offset + usize::from(!is_end));
        let Some(p) = self.pieces.get(idx).or(self.pieces.last()) else {
            return 0;
        };
        let within = offset.saturating_sub(p.text_start);
        if p.len == p.raw_len {
            p.raw_start + within.min(p.raw_len)
        } else if is_end {
            p.raw_start + p.raw_len
        } else {
            p.raw_start
        }
    }

    /// The raw span of a text span.
    pub fn to_raw(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.point(start, false);
        let e = self.point(end, true).max(s);
        (s, e)
    }

    /// Whether offsets of the text are offsets of the raw text.
    pub fn is_identity(&self) -> bool {
        self.identity
    }

    /// The runs that cover the text from `start` to `end`, each as (text
    /// start, length, raw start, raw length): a part of the map that can be
    /// kept and pushed again into another.
    pub fn within(&self, start: usize, end: usize) -> Vec<(usize, usize, usize, usize)> {
        let first = self.pieces.partition_point(|p| p.text_start + p.len <= start);
        self.pieces[first..]
            .iter()
            .take_while(|p| p.text_start < end)
            .map(|p| (p.text_start, p.len, p.raw_start, p.raw_len))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_pieces_map_offsets_exactly() {
        let mut map = OffsetMap::pieces();
        map.push(0, 5, 10, 5);
        map.push(5, 2, 30, 2);
        assert_eq!(map.to_raw(1, 4), (11, 14));
        assert_eq!(map.to_raw(0, 7), (10, 32));
    }

    #[test]
    fn the_runs_within_a_span_rebuild_its_part_of_the_map() {
        let mut map = OffsetMap::pieces();
        map.push(0, 3, 0, 3);
        map.push(3, 3, 3, 7);
        map.push(6, 2, 10, 2);
        let part = map.within(4, 7);
        assert_eq!(part, [(3, 3, 3, 7), (6, 2, 10, 2)]);
        let mut rebuilt = OffsetMap::pieces();
        for (t, len, r, raw_len) in part {
            rebuilt.push(t, len, r, raw_len);
        }
        assert_eq!(rebuilt.to_raw(6, 8), map.to_raw(6, 8));
    }

    #[test]
    fn decoded_entities_map_to_the_whole_entity() {
        let mut map = OffsetMap::pieces();
        map.push(0, 3, 0, 3);
        map.push(3, 3, 3, 7);
        map.push(6, 2, 10, 2);
        assert_eq!(map.to_raw(3, 6), (3, 10));
        assert_eq!(map.to_raw(0, 8), (0, 12));
    }
}
