//! Rule-based English sentence segmentation.
//!
//! Two stages. First the text is cut into *blocks* at line structure: blank lines always end a
//! block, and so does every line break unless the file is hard-wrapped prose (then lines of a
//! paragraph are joined, and only short lines — headings, paragraph ends — end a block).
//! Then each block is cut at sentence-final punctuation, following the traps catalogued by
//! Pragmatic Segmenter / pySBD: abbreviations and titles, initialisms (U.S., a.m.), numbers,
//! ellipses, list markers, and quotes or brackets closing after the final stop.
//!
//! All offsets are byte offsets into the text; callers convert to characters at the edge.

mod lists;
mod words;

use std::ops::Range;

use words::{is_abbreviation, is_sentence_opener, is_title, precedes_number};

/// Sentence ranges (byte offsets, trimmed of whitespace, in order, non-overlapping).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / 120 + 1);
    sentences_in(text, Layout::of(text), 0..text.len(), &mut out);
    out
}

/// Sentences as trimmed string slices, for callers that do not need offsets.
pub fn sentence_texts(text: &str) -> Vec<&str> {
    sentences(text).into_iter().map(|r| &text[r]).collect()
}

/// How the lines of a whole text form blocks. Measured once per text and shared by every
/// part, so a part segmented on its own cuts exactly where the whole text would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// The wrap width when the text is hard-wrapped prose (lines of a paragraph are joined).
    wrap_width: Option<usize>,
}

impl Layout {
    pub fn of(text: &str) -> Self {
        Layout {
            wrap_width: hard_wrap_width(text),
        }
    }
}

/// Cuts the text into consecutive parts of at least `size` bytes (the last may be shorter)
/// that no block crosses, so the parts can be segmented independently, e.g. on several
/// cores. A part ends after a blank line, or after any line break when the text is not
/// hard-wrapped; a text without such a place is one part.
pub fn parts(text: &str, layout: Layout, size: usize) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / size.max(1) + 1);
    let mut start = 0;
    while start < text.len() {
        let from = start.saturating_add(size.max(1)).min(text.len());
        let rest = &text.as_bytes()[from..];
        let cut = match layout.wrap_width {
            None => rest.iter().position(|&b| b == b'\n').map(|p| from + p + 1),
            Some(_) => rest
                .windows(2)
                .position(|w| w == b"\n\n")
                .map(|p| from + p + 2),
        };
        let end = cut.unwrap_or(text.len());
        out.push(start..end);
        start = end;
    }
    out
}

/// The sentences of one part of `text` (from [`parts`], or the whole text), appended to
/// `out` as byte ranges into the whole text.
pub fn sentences_in(text: &str, layout: Layout, part: Range<usize>, out: &mut Vec<Range<usize>>) {
    for block in blocks(text, layout, part) {
        split_block(text, block, out);
    }
}

/// Cuts a part of the text into blocks that no sentence crosses.
fn blocks(text: &str, layout: Layout, part: Range<usize>) -> Vec<Range<usize>> {
    let wrap_width = layout.wrap_width;
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut previous_short = false;
    let mut pos = part.start;
    for line in text[part].split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let body = line.trim_end_matches('\n');
        let end = start + body.len();
        if body.trim().is_empty() {
            out.extend(current.take());
            previous_short = false;
            continue;
        }
        match (&mut current, wrap_width) {
            (Some(block), Some(_)) if !previous_short && !starts_like_list_item(body) => {
                block.end = end;
            }
            _ => {
                out.extend(current.take());
                current = Some(start..end);
            }
        }
        previous_short = match wrap_width {
            Some(width) => body.trim().chars().count() * 10 < width * 6,
            None => true,
        };
    }
    out.extend(current);
    out
}

/// Hard-wrapped prose (e-mail, plain-text exports) has many consecutive lines of similar,
/// bounded length. Returns the wrap width when the text looks like that.
fn hard_wrap_width(text: &str) -> Option<usize> {
    let mut lines = text.lines().peekable();
    let mut followed = 0usize;
    let mut in_range = 0usize;
    let mut max = 0usize;
    while let Some(line) = lines.next() {
        let len = line.chars().count();
        max = max.max(len);
        if max > 110 {
            return None;
        }
        if let Some(next) = lines.peek()
            && !line.trim().is_empty()
            && !next.trim().is_empty()
        {
            followed += 1;
            if (30..=110).contains(&len) {
                in_range += 1;
            }
        }
    }
    (followed >= 3 && in_range * 10 >= followed * 8).then_some(max)
}

fn starts_like_list_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with(['•', '◦', '▪', '●', '‣', '⁃', '-', '*'])
        || lists::marker_at(t, 0).is_some_and(|m| m.len > 0)
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '}' | '»' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '{' | '«' | '‹')
}

/// What follows a candidate boundary.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Next {
    Upper,
    Lower,
    Digit,
    Other,
}

struct PunctRun {
    end: usize,
    dots: usize,
    marks: usize,
    spaced: bool,
}

/// Reads a run of terminal punctuation: `.`, `!?`, `...`, `…`, or a spaced `. . .`.
fn punct_run(s: &str, start: usize) -> PunctRun {
    let b = s.as_bytes();
    let mut i = start;
    let (mut dots, mut marks, mut spaced) = (0, 0, false);
    loop {
        match b.get(i) {
            Some(b'.') => {
                dots += 1;
                i += 1;
            }
            Some(b'!' | b'?') => {
                marks += 1;
                i += 1;
            }
            Some(0xE2) if s[i..].starts_with('…') => {
                dots += 3;
                i += '…'.len_utf8();
            }
            Some(b' ') if dots > 0 && b.get(i + 1) == Some(&b'.') => {
                spaced = true;
                i += 1;
            }
            _ => break,
        }
    }
    PunctRun {
        end: i,
        dots,
        marks,
        spaced,
    }
}

/// Candidate sentence ends of a block: `.`, `!`, `?` and `…`, found with SIMD searches
/// instead of a byte-by-byte loop (this scan is most of the segmenter's time).
struct Stops<'a> {
    bytes: &'a [u8],
    /// Positions of `…`, which most blocks do not have.
    ellipses: Vec<usize>,
    next_ellipsis: usize,
}

impl<'a> Stops<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Stops {
            bytes,
            // (`…` is rare and its lead byte is shared with curly quotes: scan for that byte
            // rather than build a substring searcher for every block.)
            ellipses: memchr::memchr_iter(0xE2, bytes)
                .filter(|&i| bytes[i..].starts_with("…".as_bytes()))
                .collect(),
            next_ellipsis: 0,
        }
    }

    /// The first candidate at or after `from`.
    fn next_from(&mut self, from: usize) -> Option<usize> {
        let rest = self.bytes.get(from..)?;
        let mark = memchr::memchr3(b'.', b'!', b'?', rest).map(|p| from + p);
        while self
            .ellipses
            .get(self.next_ellipsis)
            .is_some_and(|&e| e < from)
        {
            self.next_ellipsis += 1;
        }
        let ellipsis = self.ellipses.get(self.next_ellipsis).copied();
        match (mark, ellipsis) {
            (Some(m), Some(e)) => Some(m.min(e)),
            (m, e) => m.or(e),
        }
    }
}

fn split_block(text: &str, block: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[block.clone()];
    let b = s.as_bytes();
    let list = lists::find(s);
    let mut cuts: Vec<usize> = list.starts.clone();
    let mut forced = list.starts.iter().copied().peekable();
    let mut sentence_start = 0usize;
    let mut i = 0usize;
    let mut stops = Stops::new(b);
    while let Some(found) = stops.next_from(i) {
        i = found;
        if list.marker_dots.binary_search(&i).is_ok() {
            i += 1;
            continue;
        }
        while let Some(&f) = forced.peek() {
            if f > i {
                break;
            }
            sentence_start = f;
            forced.next();
        }
        let run_start = i;
        let run = punct_run(s, i);
        let mut after = run.end;
        while let Some(ch) = s[after..].chars().next().filter(|&ch| is_closer(ch)) {
            after += ch.len_utf8();
        }
        i = run.end.max(i + 1);
        if after >= b.len() {
            break;
        }
        if !s[after..].starts_with(char::is_whitespace) {
            if run.dots == 1
                && run.marks == 0
                && after == run.end
                && !inside_address(&s[..run_start], &s[after..])
                && glued_sentence_start(&s[..run_start], &s[after..])
            {
                cuts.push(after);
                sentence_start = after;
            }
            continue;
        }
        let (next, next_word) = next_word(&s[after..]);
        if ends_sentence(s, sentence_start, run_start, &run, next, next_word) {
            cuts.push(after);
            sentence_start = after;
        }
        i = after;
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut start = 0;
    for cut in cuts.into_iter().chain(std::iter::once(s.len())) {
        push_trimmed(s, block.start, start..cut, out);
        start = cut;
    }
}

fn push_trimmed(s: &str, base: usize, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let piece = &s[r.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let start = base + r.start + lead;
        out.push(start..start + trimmed.len());
    }
}

/// Classifies the first word after whitespace, looking through opening quotes and brackets.
fn next_word(rest: &str) -> (Next, &str) {
    let t = rest.trim_start();
    let t = t.trim_start_matches(is_opener);
    let Some(c) = t.chars().next() else {
        return (Next::Other, "");
    };
    let word_end = t.find(|ch: char| !ch.is_alphanumeric()).unwrap_or(t.len());
    let word = &t[..word_end];
    let kind = if c.is_uppercase() {
        Next::Upper
    } else if c.is_lowercase() {
        Next::Lower
    } else if c.is_ascii_digit() {
        Next::Digit
    } else {
        Next::Other
    };
    (kind, word)
}

/// The heart of the segmenter: does this punctuation run end the sentence?
fn ends_sentence(
    s: &str,
    sentence_start: usize,
    run_start: usize,
    run: &PunctRun,
    next: Next,
    next_word: &str,
) -> bool {
    if next == Next::Lower {
        // "Yahoo! in …", "Co. at noon", "“Great.” she said" — lowercase continues the sentence.
        return false;
    }
    if run.marks > 0 {
        return true;
    }
    let before = &s[..run_start];
    if run.dots >= 3 {
        // "[...]" is an omission inside a quote; ". . ." spaced is the formal mid-sentence
        // ellipsis, while a fourth dot (". . . .") is the sentence's own period.
        if before.ends_with(['[', '(']) || (run.spaced && run.dots == 3) {
            return false;
        }
        return next == Next::Upper;
    }
    let token_start = before.rfind(|c: char| c.is_whitespace()).map_or(0, |p| {
        p + before[p..].chars().next().map_or(1, char::len_utf8)
    });
    let token = before[token_start..].trim_start_matches(is_opener);
    if token.is_empty() {
        return true;
    }
    let core = token.trim_end_matches('.');
    if is_title(core) {
        return false;
    }
    let lower = core.to_lowercase();
    if next == Next::Digit {
        let single_letter = core.chars().count() == 1 && core.chars().all(char::is_alphabetic);
        return !(precedes_number(&lower) || single_letter);
    }
    let opener = is_sentence_opener(next_word);
    let mut letters = core.chars();
    if let (Some(c), None) = (letters.next(), letters.next())
        && c.is_alphabetic()
    {
        // A single capital is an initial ("Jonas E. Smith") unless it ends a clause in
        // lowercase text and a sentence opener follows ("you and I. Did you …").
        return c.is_uppercase() && opener && previous_word_is_lowercase(&before[..token_start]);
    }
    if is_initialism(core) {
        // "U.S. Government" continues; "in the U.S. How about you?" ends. A would-be sentence
        // of three words or fewer ("At 5 a.m.") is a fragment, not a sentence.
        return opener && s[sentence_start..run_start].split_whitespace().count() >= 4;
    }
    if is_abbreviation(&lower) {
        return opener;
    }
    true
}

/// Sloppy text without a space after the stop: "…on Friday.It approved…", "…bought 1,000.That…".
/// Only a plain word (not a title or abbreviation) or a plain number before the period and a
/// capitalised word after it count, so "Mr.Smith", "St.Louis", "U.S.A.Today", "3.5.More",
/// URLs and e-mail addresses never split.
fn glued_sentence_start(before: &str, rest: &str) -> bool {
    let token = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let token = token.trim_start_matches(is_opener);
    let plain_word = token.len() >= 2
        && token.bytes().all(|b| b.is_ascii_alphabetic())
        && !is_title(token)
        && !is_abbreviation(&token.to_ascii_lowercase());
    let plain_number = token.bytes().all(|b| b.is_ascii_digit() || b == b',')
        && token.bytes().any(|b| b.is_ascii_digit());
    let next = rest
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let mut letters = next.chars();
    (plain_word || plain_number)
        && next.len() >= 2
        && letters.next().is_some_and(|c| c.is_ascii_uppercase())
        && letters.all(|c| c.is_ascii_lowercase())
}

/// Is a stop with no space after it inside an e-mail address or URL
/// ("Jane.Doe@example.com", "example.com/News.Today")? The whitespace-delimited chunk around
/// it holds an `@`, a scheme, `www.` or a path slash: nothing in it is a sentence boundary.
fn inside_address(before: &str, rest: &str) -> bool {
    let head = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let tail = rest.split(char::is_whitespace).next().unwrap_or("");
    let marks = |t: &str| t.contains('@') || t.contains("://") || t.contains('/');
    marks(head) || marks(tail) || head.to_ascii_lowercase().starts_with("www")
}

fn previous_word_is_lowercase(before: &str) -> bool {
    before
        .split_whitespace()
        .next_back()
        .and_then(|w| w.chars().find(|c| c.is_alphabetic()))
        .is_some_and(char::is_lowercase)
}

/// "U.S", "a.m", "U.S.A", "Ph.D", "e.g": letter groups of one or two joined by periods.
fn is_initialism(core: &str) -> bool {
    core.contains('.')
        && core.split('.').all(|part| {
            let n = part.chars().count();
            (1..=2).contains(&n) && part.chars().all(char::is_alphabetic)
        })
}

#[cfg(test)]
mod tests;
