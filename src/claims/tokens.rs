//! A light tokenizer over one sentence: whitespace-separated words with surrounding
//! punctuation trimmed, remembering whether punctuation closed the word (a clause edge).

use super::swar::alphanumeric_prefix;

/// One word of a sentence. Ranges are byte offsets into the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Punctuation (`,` `;` `:` `.` quotes, brackets) directly after the word: a clause edge.
    pub closed: bool,
    /// Punctuation (quotes, brackets) directly before the word.
    pub opened: bool,
}

impl Token {
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        &s[self.start..self.end]
    }
}

const fn is_edge_punct(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '.'
            | '!'
            | '?'
            | '"'
            | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '«'
            | '»'
            | '—'
            | '–'
            | '*'
            | '_'
    )
}

/// What each byte is to the scan: an ASCII space, ASCII edge punctuation, the lead or
/// continuation byte of a character outside ASCII (decoded only when met), or 0, part of
/// a plain word. (256 entries so a byte indexes it without a bounds check.)
const ASCII_SPACE: u8 = 1;
const ASCII_EDGE: u8 = 2;
const NON_ASCII: u8 = 4;
const BYTE_CLASS: [u8; 256] = {
    let mut table = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
            ASCII_SPACE
        } else if is_edge_punct(c as char) {
            ASCII_EDGE
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Splits a sentence into tokens. Dashes used as clause breaks ("— together with —") split
/// too. A byte scan: ASCII decides almost everything, other characters are decoded only to
/// tell spaces and dashes from letters.
pub fn tokenize(s: &str, out: &mut Vec<Token>) {
    out.clear();
    let b = s.as_bytes();
    let mut i = 0;
    // A dash between two words ("WASHINGTON — NASA said") is a clause edge too.
    let mut dash_before = false;
    while i < b.len() {
        if BYTE_CLASS[usize::from(b[i])] == ASCII_SPACE {
            i += 1;
            continue;
        }
        match separator_at(s, i) {
            Separator::Dash(len) => {
                dash_before = true;
                i += len;
            }
            Separator::Space(len) => i += len,
            Separator::None => {
                let start = i;
                let plain;
                (i, plain) = piece_end(s, i);
                let token = if plain {
                    // Letters, digits and inner symbols only: the piece is the word.
                    Some(Token {
                        start,
                        end: i,
                        closed: false,
                        opened: false,
                    })
                } else {
                    piece_token(s, start, i)
                };
                if let Some(token) = token {
                    if dash_before && let Some(last) = out.last_mut() {
                        last.closed = true;
                    }
                    dash_before = false;
                    out.push(token);
                }
            }
        }
    }
}

/// The end of the piece (run of non-separators) starting at `i`, and whether it is plain:
/// ASCII without edge punctuation or dots, so it needs no trimming.
#[inline]
fn piece_end(s: &str, mut i: usize) -> (usize, bool) {
    let b = s.as_bytes();
    // The classes of the bytes that are not letters or digits, or-ed together.
    let mut seen = 0u8;
    while i < b.len() {
        // Letters and digits, eight at a time: the inside of most words.
        i += alphanumeric_prefix(&b[i..]);
        if i == b.len() {
            break;
        }
        let class = BYTE_CLASS[usize::from(b[i])];
        if class == 0 || class == ASCII_EDGE {
            seen |= class;
            i += 1;
        } else if class == ASCII_SPACE || !matches!(separator_at(s, i), Separator::None) {
            break;
        } else {
            seen |= NON_ASCII;
            i += utf8_len(b[i]);
        }
    }
    (i, seen == 0)
}

enum Separator {
    None,
    Space(usize),
    Dash(usize),
}

/// Whitespace or a dash at byte `i` (a char boundary), with its length.
#[inline]
fn separator_at(s: &str, i: usize) -> Separator {
    let c = s.as_bytes()[i];
    if c < 0x80 {
        return if BYTE_CLASS[usize::from(c)] == ASCII_SPACE {
            Separator::Space(1)
        } else {
            Separator::None
        };
    }
    match s[i..].chars().next() {
        Some(ch @ ('—' | '–')) => Separator::Dash(ch.len_utf8()),
        Some(ch) if ch.is_whitespace() => Separator::Space(ch.len_utf8()),
        _ => Separator::None,
    }
}

/// Length of the UTF-8 sequence a lead byte opens.
#[inline]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        _ => 2,
    }
}

/// The token of one whitespace-separated piece, with edge punctuation trimmed, if any
/// word is left.
fn piece_token(s: &str, start: usize, end: usize) -> Option<Token> {
    let piece = &s[start..end];
    let lead = leading_edge_len(piece);
    let trimmed_start = &piece[lead..];
    let mut core = &trimmed_start[..trimmed_start.len() - trailing_edge_len(trimmed_start)];
    if core.is_empty() {
        return None;
    }
    // Keep the final period of an initialism: "U.S." stays "U.S.".
    let has_dot = core.bytes().any(|b| b == b'.');
    if has_dot && trimmed_start[core.len()..].starts_with('.') && is_initialism(core) {
        core = &trimmed_start[..core.len() + 1];
    }
    // Keep the period of an initialism ("U.S.") out of the edge test: only a trailing
    // comma, semicolon, colon, quote or bracket marks a clause edge reliably.
    let tail = &trimmed_start[core.len()..];
    let closed = tail.bytes().any(|c| c != b'.') || (tail == "." && !has_dot);
    Some(Token {
        start: start + lead,
        end: start + lead + core.len(),
        closed,
        opened: lead > 0,
    })
}

/// Bytes of edge punctuation at the start (ASCII through the table).
fn leading_edge_len(piece: &str) -> usize {
    let b = piece.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            if BYTE_CLASS[usize::from(b[i])] != ASCII_EDGE {
                break;
            }
            i += 1;
        } else {
            match piece[i..].chars().next() {
                Some(c) if is_edge_punct(c) => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// Bytes of edge punctuation at the end.
fn trailing_edge_len(piece: &str) -> usize {
    let b = piece.as_bytes();
    let mut end = b.len();
    while end > 0 {
        if b[end - 1] < 0x80 {
            if BYTE_CLASS[usize::from(b[end - 1])] != ASCII_EDGE {
                break;
            }
            end -= 1;
        } else {
            match piece[..end].chars().next_back() {
                Some(c) if is_edge_punct(c) => end -= c.len_utf8(),
                _ => break,
            }
        }
    }
    b.len() - end
}

/// "U.S", "e.g", "Ukrainian-U.S": ends in letter groups of one or two joined by periods.
fn is_initialism(core: &str) -> bool {
    let last = core.rsplit(['-', '–']).next().unwrap_or(core);
    last.split('.')
        .all(|p| (1..=2).contains(&p.chars().count()) && p.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_punctuation_and_marks_edges() {
        let s = "“Real progress,” Umerov said — in Berlin (U.S. talks).";
        let mut t = Vec::new();
        tokenize(s, &mut t);
        let words: Vec<_> = t.iter().map(|t| t.text(s)).collect();
        assert_eq!(
            words,
            [
                "Real", "progress", "Umerov", "said", "in", "Berlin", "U.S.", "talks"
            ]
        );
        assert!(t[0].opened && t[1].closed && !t[2].closed && t[7].closed);
        assert!(t[3].closed, "a dash after \"said\" ends the clause");
    }

    /// The plain definition the byte scan must match: split at whitespace and dashes, trim
    /// edge punctuation, keep an initialism's period, mark clause edges.
    fn reference(s: &str) -> Vec<Token> {
        let mut out: Vec<Token> = Vec::new();
        let mut pos = 0;
        for piece in s.split(|c: char| c.is_whitespace() || c == '—' || c == '–') {
            let start = pos;
            pos += piece.len()
                + s[pos + piece.len()..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
            if let Some(t) = piece_token(s, start, start + piece.len()) {
                out.push(t);
            }
        }
        for k in 1..out.len() {
            if s[out[k - 1].end..out[k].start].contains(['—', '–']) {
                out[k - 1].closed = true;
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn byte_scan_matches_the_plain_definition(
            s in "([a-zA-Z0-9.,;:!?\"'()“”‘’«»—–*_ \t\n\u{a0}\u{2009}\u{3000}é日👍-]){0,40}"
        ) {
            let mut got = Vec::new();
            tokenize(&s, &mut got);
            proptest::prop_assert_eq!(got, reference(&s));
        }
    }
}
