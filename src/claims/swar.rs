//! Scans over many bytes at a time. SWAR (eight bytes in a `u64`): which bytes are ASCII
//! letters or digits, so word scans step over the inside of words, which is most of a text.
//! And a vector search for a character outside ASCII.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The top bit of each byte of `x` that is an ASCII letter or digit.
#[inline]
pub fn ascii_alphanumeric_mask(x: u64) -> u64 {
    // On 7-bit values, adding `0x80 - lo` sets a byte's top bit when it is >= lo, and adding
    // `0x7f - hi` when it is > hi, with no carry into the next byte.
    let in_range = |v: u64, lo: u8, hi: u8| {
        let at_least_lo = v + ONES * u64::from(0x80 - lo);
        let above_hi = v + ONES * u64::from(0x7f - hi);
        at_least_lo & !above_hi & HIGH
    };
    let seven_bits = x & !HIGH;
    let digits = in_range(seven_bits, b'0', b'9');
    // `| 0x20` maps capitals onto small letters and nothing else into a..z.
    let letters = in_range(seven_bits | (ONES * 0x20), b'a', b'z');
    (digits | letters) & !x & HIGH
}

/// How many bytes from the start of `bytes` are ASCII letters or digits, counting at most
/// up to the last full eight-byte chunk (the caller finishes byte by byte).
#[inline]
pub fn alphanumeric_prefix(bytes: &[u8]) -> usize {
    let mut n = 0;
    for chunk in bytes.chunks_exact(8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let other = !ascii_alphanumeric_mask(x) & HIGH;
        if other != 0 {
            return n + (other.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n
}

/// Does `text` contain `c` (outside ASCII)? A vector scan for the last byte of its UTF-8
/// form, which is rarer than the first (most curly quotes and dashes share E2), then a check
/// of the bytes before it.
pub fn contains_char(text: &str, c: char) -> bool {
    let mut utf8 = [0u8; 4];
    let needle = c.encode_utf8(&mut utf8).as_bytes();
    let (&last, lead) = needle.split_last().expect("a char has a byte");
    let bytes = text.as_bytes();
    memchr::memchr_iter(last, bytes).any(|i| i >= lead.len() && bytes[i - lead.len()..i] == *lead)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphanumeric_mask_of_every_byte() {
        for b in 0..=255u8 {
            for k in 0..8 {
                let x = u64::from(b) << (8 * k) | 0x2020_2020_2020_2020 & !(0xff << (8 * k));
                let want = if b.is_ascii_alphanumeric() {
                    0x80u64 << (8 * k)
                } else {
                    0
                };
                assert_eq!(ascii_alphanumeric_mask(x), want, "byte {b:#x} at {k}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn contains_char_is_str_contains(s in "[a “”©Ü日\u{a9}\u{9c}-]{0,12}") {
            for c in ['“', '©', 'Ü'] {
                proptest::prop_assert_eq!(contains_char(&s, c), s.contains(c));
            }
        }

        #[test]
        fn prefix_stops_at_the_first_other_byte(s in "[a-zA-Z0-9]{0,20}[ .é,-]?[a-z]{0,9}") {
            let bytes = s.as_bytes();
            let n = alphanumeric_prefix(bytes);
            let want = bytes.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            // Exact when the run ends inside a full chunk, else up to the last full chunk.
            proptest::prop_assert_eq!(n, want.min(bytes.len() / 8 * 8));
        }
    }
}
