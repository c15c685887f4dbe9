//! Where a sentence's quotations are: which words are someone's quoted words (never a
//! claimant) and how the sentence sits in a quotation that runs over several sentences.

/// How a sentence relates to quotation marks, read from the marks alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QuoteShape {
    /// The sentence has quotation marks.
    pub marks: bool,
    /// The sentence opens inside a quotation from an earlier sentence (its first mark
    /// closes one): "In August it is low.”"
    pub starts_inside: bool,
    /// The sentence's first character opens a quotation.
    pub starts_quoted: bool,
    /// A quotation is still open at the sentence's end ("“But the river is different.").
    pub ends_inside: bool,
    /// Every word is inside the quotation: no narrator's words around it.
    pub all_quoted: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
}

/// The quotation marks of `s` with their byte offsets and lengths, telling opening from
/// closing marks by the characters around them (straight quotes have no direction).
fn marks(s: &str, mut each: impl FnMut(usize, usize, Mark)) {
    let bytes = s.as_bytes();
    let mut single_open = false;
    let mut pos = 0;
    // Every mark is `"` or starts with byte E2 (“ ” ‘ ’) or C2 (« »): jump between those.
    while let Some(found) = memchr::memchr3(b'"', 0xE2, 0xC2, &bytes[pos..]) {
        let at = pos + found;
        let Some(c) = s[at..].chars().next() else {
            break;
        };
        pos = at + c.len_utf8();
        if !matches!(c, '"' | '“' | '”' | '‘' | '’' | '«' | '»') {
            continue;
        }
        let before = s[..at].chars().next_back();
        let after = s[pos..].chars().next();
        let open_context = before.is_none_or(|b| b.is_whitespace() || "([{—–-/".contains(b));
        match c {
            '“' | '«' => each(at, c.len_utf8(), Mark::Open),
            '”' | '»' => each(at, c.len_utf8(), Mark::Close),
            '"' => each(
                at,
                1,
                if open_context && after.is_some_and(|a| !a.is_whitespace()) {
                    Mark::Open
                } else {
                    Mark::Close
                },
            ),
            '‘' if open_context => {
                single_open = true;
                each(at, c.len_utf8(), Mark::Open);
            }
            // ’ is mostly an apostrophe ("Norway’s"): a closing mark only after a ‘ or
            // punctuation, and before a space, punctuation or the end.
            '’' if after.is_none_or(|a| !a.is_alphanumeric())
                && (single_open || before.is_some_and(|b| ",.!?".contains(b))) =>
            {
                single_open = false;
                each(at, c.len_utf8(), Mark::Close);
            }
            _ => {}
        }
    }
}

/// Marks which byte ranges of `s` are quoted, calling `quoted` for each range in order,
/// and returns the sentence's shape.
pub fn read(s: &str, mut quoted: impl FnMut(usize, usize)) -> QuoteShape {
    let mut shape = QuoteShape::default();
    let mut open_at: Option<usize> = None;
    let mut first = true;
    // The end of the last quoted range, and whether any letter stood outside the quotes.
    let mut last_end = 0usize;
    let mut letters_outside = false;
    let mut emit = |from: usize, to: usize, last_end: &mut usize| {
        letters_outside |= s.as_bytes()[*last_end..from]
            .iter()
            .any(u8::is_ascii_alphanumeric);
        quoted(from, to);
        *last_end = to;
    };
    marks(s, |at, len, mark| {
        shape.marks = true;
        match mark {
            Mark::Open => {
                if first && at == 0 {
                    shape.starts_quoted = true;
                }
                if open_at.is_none() {
                    open_at = Some(at + len);
                }
            }
            Mark::Close => match open_at.take() {
                Some(from) => emit(from, at, &mut last_end),
                None if first => {
                    shape.starts_inside = true;
                    emit(0, at, &mut last_end);
                }
                None => {}
            },
        }
        first = false;
    });
    if let Some(from) = open_at {
        shape.ends_inside = true;
        emit(from, s.len(), &mut last_end);
    }
    letters_outside |= s.as_bytes()[last_end..]
        .iter()
        .any(u8::is_ascii_alphanumeric);
    shape.all_quoted = shape.marks && !letters_outside;
    shape
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(s: &str) -> (Vec<&str>, QuoteShape) {
        let mut parts = Vec::new();
        let shape = read(s, |a, b| parts.push(&s[a..b]));
        (parts, shape)
    }

    #[test]
    fn curly_straight_and_single_quotes() {
        let (q, shape) = quoted("“Prices act like a brake,” said Jane Roe.");
        assert_eq!(q, vec!["Prices act like a brake,"]);
        assert!(shape.starts_quoted && !shape.ends_inside && !shape.all_quoted);
        let (q, _) = quoted("\"We will act,\" Smith said.");
        assert_eq!(q, vec!["We will act,"]);
        let (q, _) = quoted("‘We are at risk,’ said Louise Marsh of Norway’s council.");
        assert_eq!(q, vec!["We are at risk,"]);
    }

    #[test]
    fn quotations_running_over_sentences() {
        let (_, shape) = quoted("“But the river is different every single day.");
        assert!(shape.starts_quoted && shape.ends_inside && shape.all_quoted);
        let (q, shape) = quoted("In August it is so low you can see the sandbars.”");
        assert!(shape.starts_inside && !shape.ends_inside);
        assert_eq!(q, vec!["In August it is so low you can see the sandbars."]);
        let (_, shape) = quoted("Prices rose in May.");
        assert_eq!(shape, QuoteShape::default());
    }
}
