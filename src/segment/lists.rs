//! List markers and bullets inside a block: "1. The first item 2. The second item",
//! "a) … b) …", "• 9. … • 10. …". Each item is its own sentence, and the period of a marker
//! is never a sentence end.

const BULLETS: &[char] = &['•', '◦', '▪', '●', '‣', '⁃', '∙'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    NumberDot,
    NumberParen,
    NumberDotParen,
    LetterDot,
    LetterParen,
}

#[derive(Debug, Clone, Copy)]
pub struct Marker {
    pub pos: usize,
    pub len: usize,
    value: u32,
    style: Style,
    dot: Option<usize>,
}

/// Where list items start, and which periods belong to markers.
#[derive(Debug, Default)]
pub struct ListInfo {
    /// Byte positions (in the block) where an item or bullet starts a new sentence.
    pub starts: Vec<usize>,
    /// Byte positions of periods that belong to markers, sorted.
    pub marker_dots: Vec<usize>,
}

/// Parses a list marker at `pos` (which the caller guarantees is at a word start).
pub fn marker_at(s: &str, pos: usize) -> Option<Marker> {
    let b = s.as_bytes();
    let mut i = pos;
    while i < b.len() && b[i].is_ascii_digit() && i - pos < 3 {
        i += 1;
    }
    let (value, is_number) = if i > pos {
        (s[pos..i].parse::<u32>().ok()?, true)
    } else if b.get(pos).is_some_and(u8::is_ascii_lowercase) {
        i = pos + 1;
        (u32::from(b[pos] - b'a') + 1, false)
    } else {
        return None;
    };
    let (style, dot, after) = match (b.get(i), b.get(i + 1)) {
        (Some(b'.'), Some(b')')) if is_number => (Style::NumberDotParen, Some(i), i + 2),
        (Some(b'.'), _) if is_number => (Style::NumberDot, Some(i), i + 1),
        (Some(b')'), _) if is_number => (Style::NumberParen, None, i + 1),
        (Some(b'.'), _) => (Style::LetterDot, Some(i), i + 1),
        (Some(b')'), _) => (Style::LetterParen, None, i + 1),
        _ => return None,
    };
    // A marker is followed by a space and then the item's first word.
    if b.get(after) != Some(&b' ') {
        return None;
    }
    let first = s[after + 1..].chars().next()?;
    if !(first.is_alphabetic() || matches!(first, '"' | '“' | '\'' | '‘')) {
        return None;
    }
    Some(Marker {
        pos,
        len: after - pos,
        value,
        style,
        dot,
    })
}

/// Finds bullets and numbered/lettered items. A sequence counts as a list only when its first
/// marker opens the block (or follows a bullet) and the values run on consecutively, so a stray
/// "… rose to 9. The …" in prose is not mistaken for a list.
pub fn find(s: &str) -> ListInfo {
    let mut info = ListInfo::default();
    // Fast path: a list needs a marker at the block start or a bullet somewhere. Bullets all
    // start with byte 0xE2 (as do curly quotes, hence the check of each hit).
    let has_bullet = memchr::memchr_iter(0xE2, s.as_bytes())
        .any(|i| s[i..].chars().next().is_some_and(|c| BULLETS.contains(&c)));
    if !has_bullet && marker_at(s, 0).is_none() {
        return info;
    }
    // (marker, directly after a bullet)
    let mut markers: Vec<(Marker, bool)> = Vec::new();
    // Byte scan: ASCII decides almost everything; other characters are decoded only to
    // recognise bullets and non-ASCII spaces.
    let b = s.as_bytes();
    let mut at_word_start = true;
    let mut prev_nonspace_is_bullet = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if at_word_start
                && (c.is_ascii_digit() || c.is_ascii_lowercase())
                && let Some(m) = marker_at(s, i)
            {
                markers.push((m, prev_nonspace_is_bullet));
            }
            let ws = c.is_ascii_whitespace();
            if !ws {
                prev_nonspace_is_bullet = false;
            }
            at_word_start = ws;
            i += 1;
        } else {
            let ch = s[i..].chars().next().expect("char boundary");
            let bullet = BULLETS.contains(&ch);
            if bullet && at_word_start && i > 0 {
                info.starts.push(i);
            }
            if !ch.is_whitespace() {
                prev_nonspace_is_bullet = bullet;
            }
            at_word_start = bullet || ch.is_whitespace();
            i += ch.len_utf8();
        }
    }
    let mut used = vec![false; markers.len()];
    for first in 0..markers.len() {
        let (head, after_bullet) = markers[first];
        if !(head.pos == 0 || after_bullet) || used[first] {
            continue;
        }
        used[first] = true;
        info.marker_dots.extend(head.dot);
        let mut expected = head.value + 1;
        for (k, (m, after_bullet)) in markers.iter().enumerate().skip(first + 1) {
            if !used[k] && m.style == head.style && m.value == expected {
                used[k] = true;
                expected += 1;
                info.marker_dots.extend(m.dot);
                // After a bullet the bullet itself already starts the item.
                if !after_bullet {
                    info.starts.push(m.pos);
                }
            }
        }
    }
    info.starts.sort_unstable();
    info.starts.dedup();
    info.marker_dots.sort_unstable();
    info
}
