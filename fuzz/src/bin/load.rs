//! The loaders: plain text, Markdown, HTML, JSON and JSON Lines, by the
//! input's first byte.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let (name, rest) = crosscheck_fuzz::name_for(data);
        let text = String::from_utf8_lossy(rest).into_owned();
        let mut problems = Vec::new();
        let docs =
            crosscheck::corpus::parse_file(std::path::Path::new(name), text, &crosscheck_fuzz::LEXICON, &mut problems);
        if matches!(name, "a.txt" | "a.md") {
            for d in &docs {
                assert_eq!(d.text.len(), d.raw.len(), "blanking keeps every offset");
            }
        }
    });
}
