//! Message templates: `{name}` placeholders filled from a finding's
//! variables; `{{` and `}}` are literal braces.

/// A finding's message variables by name. A few a finding, kept in a
/// vector: a rule can hold a million outcomes before their messages are
/// written, and a map's node is several times their size.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vars(Vec<(&'static str, String)>);

impl Vars {
    pub fn new() -> Vars {
        Vars::default()
    }

    /// Sets `name`, in place of any value it had.
    pub fn insert(&mut self, name: &'static str, value: impl Into<String>) {
        let value = value.into();
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => *v = value,
            None => self.0.push((name, value)),
        }
    }

    pub fn get(&self, name: &str) -> Option<&String> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

/// The placeholders of a template, in order, with their byte offsets.
pub fn placeholders(template: &str) -> Result<Vec<(usize, &str)>, (usize, String)> {
    let mut out = Vec::new();
    let bytes = template.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => i += 2,
            b'}' if bytes.get(i + 1) == Some(&b'}') => i += 2,
            b'{' => {
                let end = template[i..].find('}').ok_or((i, "a \"{\" is never closed".to_string()))? + i;
                let name = &template[i + 1..end];
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
                    return Err((i, format!("\"{{{name}}}\" is not a placeholder name")));
                }
                out.push((i, name));
                i = end + 1;
            }
            b'}' => return Err((i, "a \"}\" has no \"{\" before it (write \"}}\" for a brace)".to_string())),
            _ => i += 1,
        }
    }
    Ok(out)
}

/// The most characters one value may fill a message with; a longer one
/// (a 1 MB run of digits, a quotation of a whole transcript) keeps its
/// start and its end around an ellipsis.
const MAX_VALUE_CHARS: usize = 200;

fn elide(value: &str) -> std::borrow::Cow<'_, str> {
    let n = value.chars().count();
    if n <= MAX_VALUE_CHARS {
        return value.into();
    }
    let head: String = value.chars().take(MAX_VALUE_CHARS / 2).collect();
    let tail: String = value.chars().skip(n - MAX_VALUE_CHARS / 2).collect();
    format!("{head}…[{} characters]…{tail}", n - MAX_VALUE_CHARS).into()
}

/// Fills a template; unknown names stay as written (the loader rejects them).
pub fn render(template: &str, vars: &Vars) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if tail.starts_with('{')
            && let Some(end) = tail.find('}')
        {
            let name = &tail[1..end];
            match vars.get(name) {
                Some(v) => out.push_str(&elide(v)),
                None => out.push_str(&tail[..=end]),
            }
            rest = &tail[end + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_value_is_elided_in_the_middle() {
        let mut vars = super::Vars::new();
        vars.insert("text", "9".repeat(1_000_000));
        let out = super::render("only {text} here", &vars);
        assert!(out.len() < 400, "{}", out.len());
        assert!(out.starts_with("only 999") && out.ends_with("999 here") && out.contains("…[999800 characters]…"));
    }

    use super::*;

    #[test]
    fn fills_named_placeholders_and_keeps_escaped_braces() {
        let mut vars = Vars::new();
        vars.insert("measure", "arrests".to_string());
        assert_eq!(render("{measure} {{x}}", &vars), "arrests {x}");
        // A name set again keeps its last value.
        vars.insert("measure", "deaths".to_string());
        assert_eq!(render("{measure}", &vars), "deaths");
    }

    #[test]
    fn reports_bad_placeholders_with_their_offset() {
        assert_eq!(placeholders("a {b} c").unwrap(), vec![(2, "b")]);
        assert!(placeholders("a {b c").is_err());
        assert_eq!(placeholders("x }").unwrap_err().0, 2);
    }
}
