//! The lexicon and gazetteer parsers: the input replaces one data file,
//! picked by its first byte, on top of the built-in ones; a lexicon that
//! loads must read an article.

use crosscheck::lexicon::Lexicon;

const FILES: [&str; 9] = [
    "lexicons/measures.toml",
    "lexicons/units.toml",
    "lexicons/calendar.toml",
    "lexicons/qualifiers.toml",
    "lexicons/ordinals.toml",
    "lexicons/not_quantities.toml",
    "gazetteer/places.toml",
    "events/happenings.toml",
    "lexicons/superlatives.toml",
];

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let Some(sources) = crosscheck_fuzz::with_replaced_file(&FILES, data) else { return };
        if let Ok(lexicon) = Lexicon::load(&sources) {
            let _ =
                crosscheck::analyse_texts(&[("a.txt", "Police made 107 arrests in Philadelphia on Monday.")], &lexicon);
        }
    });
}
