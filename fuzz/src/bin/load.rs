//! The loaders: plain text, Markdown, HTML, JSON and JSON Lines, by the
//! input's first byte.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let (name, rest) = crosscheck_fuzz::name_for(data);
        let text = String::from_utf8_lossy(rest).into_owned();
        let mut problems = Vec::new();
        let docs =
            crosscheck::corpus::parse_file(std::path::Path::new(name), text, &crosscheck_fuzz::LEXICON, &mut problems);
        for d in &docs {
            if name == "a.txt" {
                assert_eq!(d.text.len(), d.raw.len(), "blanking keeps every offset");
            }
            // Every character a claim can hold (blanked markup is white
            // space) maps into the file on character boundaries, Markdown's
            // read entities included.
            for (at, c) in d.text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
                let (start, end) = d.raw_span(at, at + c.len_utf8());
                assert!(start <= end && end <= d.raw.len(), "a span maps into the file");
                assert!(d.raw.is_char_boundary(start) && d.raw.is_char_boundary(end), "on character boundaries");
            }
        }
    });
}
