//! The `sources.toml` sidecar parser.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let text = String::from_utf8_lossy(data);
        let _ = crosscheck::corpus::Sidecar::parse(std::path::Path::new("sources.toml"), &text);
    });
}
