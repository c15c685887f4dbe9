//! Text compared "modulo whitespace and quote style": curly and straight quotes are the same
//! character, and any run of whitespace (spaces, line breaks of a re-wrapped paragraph,
//! no-break spaces) is one space.

/// The comparable form of a text: quotes straightened, whitespace runs collapsed, trimmed.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(fold(c));
    }
    out
}

/// The characters of `normalise(text)`, without building the string.
pub fn normal_chars(text: &str) -> NormalChars<'_> {
    NormalChars {
        chars: text.chars(),
        started: false,
        held: None,
    }
}

pub struct NormalChars<'a> {
    chars: std::str::Chars<'a>,
    started: bool,
    /// A character read after a whitespace run, given out after the one space.
    held: Option<char>,
}

impl Iterator for NormalChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(c) = self.held.take() {
            return Some(c);
        }
        let mut space = false;
        for c in self.chars.by_ref() {
            if c.is_whitespace() {
                space = self.started;
                continue;
            }
            self.started = true;
            if space {
                self.held = Some(fold(c));
                return Some(' ');
            }
            return Some(fold(c));
        }
        None
    }
}

/// A 64-bit key of the normalised text (FNV-1a over its characters), for diffing sentence
/// lists without building their normalised strings.
pub fn normal_key(text: &str) -> u64 {
    normal_chars(text).fold(0xcbf2_9ce4_8422_2325, |h, c| {
        (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One quote or apostrophe for every style of it.
fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => '"',
        c => c,
    }
}

/// A normalised text that remembers where each of its characters came from, so a match
/// found in it maps back to the original.
pub struct Mapped {
    pub text: String,
    /// For each byte of `text`, the byte offset of its source character in the original.
    origin: Vec<u32>,
}

impl Mapped {
    pub fn new(original: &str) -> Mapped {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        let mut pending_space: Option<usize> = None;
        for (b, c) in original.char_indices() {
            if c.is_whitespace() {
                if !text.is_empty() && pending_space.is_none() {
                    pending_space = Some(b);
                }
                continue;
            }
            if let Some(at) = pending_space.take() {
                text.push(' ');
                origin.push(at as u32);
            }
            let folded = fold(c);
            text.push(folded);
            origin.extend(std::iter::repeat_n(b as u32, folded.len_utf8()));
        }
        Mapped { text, origin }
    }

    /// The original byte range of `text[range]`, whose ends are not whitespace.
    pub fn original(
        &self,
        original: &str,
        range: std::ops::Range<usize>,
    ) -> std::ops::Range<usize> {
        let start = self.origin[range.start] as usize;
        let last = self.origin[range.end - 1] as usize;
        let len = original[last..].chars().next().map_or(0, char::len_utf8);
        start..last + len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_whitespace_fold() {
        assert_eq!(
            normalise("  “Yes,” she\nsaid —\u{a0}it’s  done. "),
            "\"Yes,\" she said — it's done."
        );
    }

    #[test]
    fn normal_chars_match_normalise() {
        for text in ["", "  a  b ", "“x”\n\ny’s", "\u{a0}end.\t"] {
            assert_eq!(normal_chars(text).collect::<String>(), normalise(text));
        }
        assert_eq!(normal_key("a  “b”"), normal_key("a \"b\""));
        assert_ne!(normal_key("a b"), normal_key("ab"));
    }

    #[test]
    fn mapped_matches_point_into_the_original() {
        let original = "A  “quoted”\nline’s end";
        let m = Mapped::new(original);
        assert_eq!(m.text, normalise(original));
        let at = m.text.find("\"quoted\" line's").unwrap();
        let r = m.original(original, at..at + "\"quoted\" line's".len());
        assert_eq!(&original[r], "“quoted”\nline’s");
    }
}
