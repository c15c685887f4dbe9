//! Character offsets and byte ranges. Claims and projects count in characters (what a person
//! sees, and what the JSON promises); Rust strings are indexed by bytes. These helpers convert
//! between the two for the finder, the project model and the window alike.

/// Converts character offsets to byte offsets; queries in increasing order cost O(distance),
/// so converting every claim of a 20 MB article is one pass, not one pass per claim.
pub struct CharCursor<'a> {
    text: &'a str,
    chars: usize,
    bytes: usize,
}

impl<'a> CharCursor<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCursor {
            text,
            chars: 0,
            bytes: 0,
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The byte offset of a character offset (`Some(len)` at the very end), if in range.
    pub fn byte_of(&mut self, char_offset: usize) -> Option<usize> {
        if char_offset < self.chars {
            self.chars = 0;
            self.bytes = 0;
        }
        let mut it = self.text[self.bytes..].char_indices();
        while self.chars < char_offset {
            let (_, c) = it.next()?;
            self.chars += 1;
            self.bytes += c.len_utf8();
        }
        Some(self.bytes)
    }

    /// The byte range of a character span, if it lies within the text.
    pub fn span(&mut self, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
        if start > end {
            return None;
        }
        let b_start = self.byte_of(start)?;
        let b_end = self.byte_of(end)?;
        Some(b_start..b_end)
    }
}

/// The byte range of a character span, if it lies within the text.
pub fn char_span_to_bytes(text: &str, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
    if start > end {
        return None;
    }
    let mut indices = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let b_start = indices.nth(start)?;
    let b_end = if end == start {
        b_start
    } else {
        indices.nth(end - start - 1)?
    };
    Some(b_start..b_end)
}

/// Characters in `s` (ASCII text, the common case, counted by its length).
pub fn count_chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_cursor_matches_char_span_to_bytes_in_any_order() {
        let text = "aé日👍b\ncd";
        let n = text.chars().count();
        let mut cursor = CharCursor::new(text);
        for (s, e) in [(0, 1), (1, 3), (2, 5), (0, n), (3, 3), (n, n), (4, 6)] {
            assert_eq!(
                cursor.span(s, e),
                char_span_to_bytes(text, s, e),
                "{s}..{e}"
            );
        }
        assert_eq!(cursor.span(0, n + 1), None);
        assert_eq!(cursor.span(3, 2), None);
    }
}
