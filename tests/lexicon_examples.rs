//! Every lexicon's examples run as tests (Duckling's corpus idea): each
//! example's text, read against its stated document date, must give the
//! reading it names; `not` entries are the near misses. A failure says which
//! part went wrong: nothing found, not the whole text, or the wrong value.

use crosscheck::lexicon::Lexicon;

#[test]
fn every_lexicon_example_reads_as_it_says() {
    let lexicon = Lexicon::built_in().expect("built-in lexicon loads");
    assert!(lexicon.examples.len() > 100, "the lexicons carry their examples");
    let failures = crosscheck::examples::failing_lexicon_examples(&lexicon, |_| true);
    assert!(
        failures.is_empty(),
        "{} of {} lexicon examples failed:\n{}",
        failures.len(),
        lexicon.examples.len(),
        failures.join("\n")
    );
}
