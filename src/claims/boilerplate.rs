//! Sentences that are page furniture, not claims: bylines, credits, copyright and
//! distribution lines, separators, share and navigation text.

use super::swar::{ascii_alphanumeric_mask, contains_char};

/// Openings of credit, byline and navigation lines (compared lowercase, after brackets).
const OPENINGS: [&str; 46] = [
    "with assistance from",
    "reporting by",
    "additional reporting",
    "editing by",
    "edited by",
    "writing by",
    "written by",
    "compiled by",
    "produced by",
    "contributing:",
    "copyright",
    "all rights reserved",
    "distributed by",
    "published in",
    "published:",
    "posted in",
    "posted:",
    "updated:",
    "last updated",
    "follow us",
    "follow @",
    "sign up",
    "subscribe",
    "share this",
    "share on",
    "click here",
    "read more",
    "read next",
    "related:",
    "advertisement",
    "photo:",
    "photo by",
    "photos:",
    "image:",
    "image credit",
    "credit:",
    "source:",
    "comments",
    "leave a comment",
    "listen to this article",
    "this article was",
    "this story was",
    "this report was",
    "email:",
    "contact:",
    "visit ",
];

/// Phrases that mark a credit or distribution line wherever they stand (at a word start,
/// any case). "©" anywhere marks one too.
const ANYWHERE: [&str; 11] = [
    "(c) 20",
    "all rights reserved",
    "distributed by",
    "contributed to this report",
    "contributed reporting",
    "may not be published, broadcast",
    "getty images",
    "ap photo",
    "afp via getty",
    "terms of use",
    "privacy policy",
];

/// True when the sentence is boilerplate rather than article prose.
pub fn is_boilerplate(sentence: &str) -> bool {
    let trimmed = sentence.trim();
    if trimmed
        .chars()
        .filter(|c| c.is_alphabetic())
        .take(2)
        .count()
        < 2
    {
        // Separators ("_____", "* * *", "---"), lone numbers, stray symbols.
        return true;
    }
    let body = trimmed.trim_start_matches(['(', '[', '*', '_', ' ', '-', '—', '|']);
    if body.as_bytes().first().is_some_and(|&c| {
        starts_with_any(
            body.as_bytes(),
            &OPENINGS,
            &OPENINGS_BY_FIRST[usize::from(c)],
        )
    }) {
        return true;
    }
    if contains_char(body, '©') {
        return true;
    }
    // Credit lines are short; long sentences are prose even if they mention a copyright.
    (body.len() <= 400 && has_phrase_at_word_start(body.as_bytes())) || is_byline(trimmed)
}

/// `prefix` is lowercase; stops at the first difference (most calls differ early).
fn starts_with_ignore_case(text: &[u8], prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text
            .iter()
            .zip(prefix.as_bytes())
            .all(|(t, p)| t.to_ascii_lowercase() == *p)
}

/// For each byte, the phrases (indices into the list) that start with it in either case:
/// most words start with a byte no phrase starts with, and are skipped at once.
const fn by_first_byte<const N: usize>(phrases: &[&str; N]) -> [u64; 256] {
    assert!(N <= 64);
    let mut table = [0u64; 256];
    let mut k = 0;
    while k < N {
        let first = phrases[k].as_bytes()[0];
        table[first as usize] |= 1 << k;
        table[first.to_ascii_uppercase() as usize] |= 1 << k;
        k += 1;
    }
    table
}

const OPENINGS_BY_FIRST: [u64; 256] = by_first_byte(&OPENINGS);
const ANYWHERE_BY_FIRST: [u64; 256] = by_first_byte(&ANYWHERE);

/// Does `text` start with one of the phrases in `candidates` (a bit set over `phrases`)?
fn starts_with_any(text: &[u8], phrases: &[&str], candidates: &u64) -> bool {
    let mut set = *candidates;
    while set != 0 {
        let k = set.trailing_zeros() as usize;
        if starts_with_ignore_case(text, phrases[k]) {
            return true;
        }
        set &= set - 1;
    }
    false
}

/// Is one of the [`ANYWHERE`] phrases at a word start (after a byte that is not an ASCII
/// letter or digit)? The word starts are found eight bytes at a time (SWAR), and phrases
/// compared only where a word starts with a phrase's first letter: most bytes cost a
/// fraction of an instruction. A test checks this against the plain byte-by-byte scan.
fn has_phrase_at_word_start(text: &[u8]) -> bool {
    let at = |i: usize| {
        let candidates = &ANYWHERE_BY_FIRST[usize::from(text[i])];
        *candidates != 0 && starts_with_any(&text[i..], &ANYWHERE, candidates)
    };
    let mut previous_alphanumeric = false;
    let mut chunks = text.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let alphanumeric = ascii_alphanumeric_mask(x);
        let after_alphanumeric = (alphanumeric << 8) | if previous_alphanumeric { 0x80 } else { 0 };
        // Letters and digits that start a word (one bit per byte, its top bit).
        let mut starts = alphanumeric & !after_alphanumeric;
        while starts != 0 {
            if at(base + (starts.trailing_zeros() / 8) as usize) {
                return true;
            }
            starts &= starts - 1;
        }
        previous_alphanumeric = alphanumeric >> 63 != 0;
        base += 8;
    }
    for (k, &c) in chunks.remainder().iter().enumerate() {
        if !previous_alphanumeric && at(base + k) {
            return true;
        }
        previous_alphanumeric = c.is_ascii_alphanumeric();
    }
    // The one phrase that opens with punctuation, "(c) 20".
    memchr::memchr_iter(b'(', text)
        .any(|i| (i == 0 || !text[i - 1].is_ascii_alphanumeric()) && at(i))
}

/// "By Jane Doe", "By Jane Doe and Ali Khan, Reuters": short, opens with "By", all names.
fn is_byline(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("By ").or_else(|| s.strip_prefix("BY ")) else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    words.len() <= 8
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.is_empty()
                || matches!(w, "and" | "in" | "for" | "of")
                || w.chars().next().is_some_and(char::is_uppercase)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition of [`has_phrase_at_word_start`], byte by byte.
    fn has_phrase_at_word_start_reference(text: &[u8]) -> bool {
        let mut previous = b' ';
        for (i, &c) in text.iter().enumerate() {
            if !previous.is_ascii_alphanumeric()
                && ANYWHERE
                    .iter()
                    .any(|p| starts_with_ignore_case(&text[i..], p))
            {
                return true;
            }
            previous = c;
        }
        false
    }

    proptest::proptest! {
        #[test]
        fn word_start_scan_matches_the_plain_definition(
            s in "([a-zA-Z0-9 (),./é“]|AP Photo|ap photo|(c) 20|Getty Images|privacy policy){0,24}"
        ) {
            proptest::prop_assert_eq!(
                has_phrase_at_word_start(s.as_bytes()),
                has_phrase_at_word_start_reference(s.as_bytes())
            );
        }
    }

    #[test]
    fn credits_and_furniture() {
        for s in [
            "_____",
            "* * *",
            "(With assistance from Ana Ruiz and Li Wei.)",
            "©2025 Example Media L.P. Visit example.com.",
            "Distributed by Some Content Agency, LLC.",
            "Comments",
            "By Jane Doe and Ali Khan",
            "Reporting by Tom Ng; Editing by Sue Park",
            "Share this article",
            "Photo: John Smith/Getty Images",
            "Jane Doe in Lagos contributed to this report.",
        ] {
            assert!(is_boilerplate(s), "{s}");
        }
    }

    #[test]
    fn prose_is_not_boilerplate() {
        for s in [
            "By Monday, the talks had collapsed and both sides walked out.",
            "The minister said the copyright law would change.",
            "Visitors to the museum rose 12% last year.",
            "The recap photo from the summit went viral on Monday.",
        ] {
            assert!(!is_boilerplate(s), "{s}");
        }
    }
}
