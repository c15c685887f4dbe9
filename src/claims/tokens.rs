//! A light tokenizer over one sentence: whitespace-separated words with surrounding
//! punctuation trimmed, remembering whether punctuation closed the word (a clause edge).

/// One word of a sentence. Ranges are byte offsets into the sentence.
#[derive(Debug, Clone, Copy)]
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

fn is_edge_punct(c: char) -> bool {
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

/// Splits a sentence into tokens. Dashes used as clause breaks ("— together with —") split too.
pub fn tokenize(s: &str, out: &mut Vec<Token>) {
    out.clear();
    for (start, piece) in split_ws(s) {
        let trimmed_start = piece.trim_start_matches(is_edge_punct);
        let lead = piece.len() - trimmed_start.len();
        let mut core = trimmed_start.trim_end_matches(is_edge_punct);
        if core.is_empty() {
            continue;
        }
        // Keep the final period of an initialism: "U.S." stays "U.S.".
        if core.contains('.') && trimmed_start[core.len()..].starts_with('.') && is_initialism(core)
        {
            core = &trimmed_start[..core.len() + 1];
        }
        // Keep the period of an initialism ("U.S.") out of the edge test: only a trailing
        // comma, semicolon, colon, quote or bracket marks a clause edge reliably.
        let tail = &trimmed_start[core.len()..];
        let closed = tail.chars().any(|c| c != '.') || (tail == "." && !core.contains('.'));
        out.push(Token {
            start: start + lead,
            end: start + lead + core.len(),
            closed,
            opened: lead > 0,
        });
    }
    // A dash between two words ("WASHINGTON — NASA said") is a clause edge too.
    for k in 1..out.len() {
        if s[out[k - 1].end..out[k].start].contains(['—', '–']) {
            out[k - 1].closed = true;
        }
    }
}

/// "U.S", "e.g", "Ukrainian-U.S": ends in letter groups of one or two joined by periods.
fn is_initialism(core: &str) -> bool {
    let last = core.rsplit(['-', '–']).next().unwrap_or(core);
    last.split('.')
        .all(|p| (1..=2).contains(&p.chars().count()) && p.chars().all(char::is_alphabetic))
}

fn split_ws(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(|c: char| c.is_whitespace() || c == '—' || c == '–')
        .scan(0usize, |pos, piece| {
            let start = *pos;
            // Every separator above is one char; find its width from the text itself.
            let sep_len = s[start + piece.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            *pos = start + piece.len() + sep_len;
            Some((start, piece))
        })
        .filter(|(_, p)| !p.is_empty())
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
}
