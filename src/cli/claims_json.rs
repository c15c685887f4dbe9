//! The claims of `factdesk extract` as pretty JSON, written by hand.
//!
//! Escaping strings was the largest single cost of writing a large article's claims
//! (serde_json looks at each byte through a table): here the clean stretches between
//! characters that need escaping are found eight bytes at a time. The bytes are exactly
//! serde_json's pretty printer's for a claim inside the document's "claims" array; a
//! property test holds [`write_claims`] to [`write_claims_plain`], which *is* serde_json.

use std::fmt::Write as _;

use serde_json::ser::{Formatter, PrettyFormatter};

use crate::claims::Claim;

/// Each claim as an element of the "claims" array, after a comma and its line break.
pub fn write_claims(out: &mut Vec<u8>, claims: &[Claim]) -> serde_json::Result<()> {
    let mut reason = String::new();
    for c in claims {
        out.extend_from_slice(b",\n    {\n      \"id\": ");
        write_str(out, &c.id);
        out.extend_from_slice(b",\n      \"text\": ");
        write_str(out, &c.text);
        write!(
            Bytes(out),
            ",\n      \"start\": {},\n      \"end\": {},\n      \"kind\": ",
            c.start,
            c.end
        )
        .expect("writing to memory");
        // Numbers and names as serde_json writes them (a float's shortest form, or null).
        serde_json::to_writer(&mut *out, &c.kind)?;
        out.extend_from_slice(b",\n      \"score\": ");
        serde_json::to_writer(&mut *out, &c.score)?;
        out.extend_from_slice(b",\n      \"reasons\": [");
        for (k, r) in c.reasons.iter().enumerate() {
            out.extend_from_slice(if k == 0 {
                b"\n        "
            } else {
                b",\n        "
            });
            reason.clear();
            write!(reason, "{r}").expect("writing to a String");
            write_str(out, &reason);
        }
        if !c.reasons.is_empty() {
            out.extend_from_slice(b"\n      ");
        }
        out.extend_from_slice(b"],\n      \"claimant\": ");
        match &c.claimant {
            Some(who) => write_str(out, who),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b"\n    }");
    }
    Ok(())
}

/// What [`write_claims`] writes, through serde_json's own pretty printer: its plain twin.
#[cfg(test)]
pub fn write_claims_plain(out: &mut Vec<u8>, claims: &[Claim]) -> serde_json::Result<()> {
    use serde::Serialize;
    for claim in claims {
        out.extend_from_slice(b",\n    ");
        claim.serialize(&mut pretty_inside(&mut *out, 2))?;
    }
    Ok(())
}

/// serde_json's pretty printer as it stands `depth` containers deep, so that what it writes
/// fits into a pretty document written around it.
pub fn pretty_inside<W: std::io::Write>(
    out: W,
    depth: usize,
) -> serde_json::Serializer<W, PrettyFormatter<'static>> {
    let mut formatter = PrettyFormatter::new();
    for _ in 0..depth {
        formatter
            .begin_array(&mut std::io::sink())
            .expect("a sink takes anything");
    }
    serde_json::Serializer::with_formatter(out, formatter)
}

/// `fmt::Write` into a byte vector (numbers without a `String` first).
struct Bytes<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Bytes<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// `s` as a JSON string, escaped as serde_json escapes: `"` and `\`, the short forms of
/// backspace, tab, line feed, form feed and carriage return, `\u00XX` for other control
/// characters, everything else as it is.
fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut clean_from = 0;
    let mut at = 0;
    while let Some(i) = next_special(bytes, at) {
        out.extend_from_slice(&bytes[clean_from..i]);
        match bytes[i] {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
            }
        }
        clean_from = i + 1;
        at = i + 1;
    }
    out.extend_from_slice(&bytes[clean_from..]);
    out.push(b'"');
}

fn is_special(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The first byte at or after `from` that needs escaping.
fn next_special(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut at = from;
    while at + 8 <= bytes.len() {
        let x = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
        // The classic "has a zero byte" test, on x itself (bytes below 0x20) and on x
        // xor'd with each special byte. Its lowest flag is always a true match (a borrow
        // only runs upwards), so the byte it points at is checked and the scan goes on.
        let zero_in = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
        let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        let flags = below_space
            | zero_in(x ^ (ONES * u64::from(b'"')))
            | zero_in(x ^ (ONES * u64::from(b'\\')));
        if flags == 0 {
            at += 8;
            continue;
        }
        let i = at + (flags.trailing_zeros() / 8) as usize;
        if is_special(bytes[i]) {
            return Some(i);
        }
        at = i + 1;
    }
    bytes[at..]
        .iter()
        .position(|&b| is_special(b))
        .map(|k| at + k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{ClaimKind, Reason};
    use proptest::prelude::*;

    fn any_text() -> impl Strategy<Value = String> {
        "([a-z .,]|\"|\\\\|\\u{0}|\\u{1}|\\u{8}|\\t|\\n|\\u{b}|\\u{c}|\\r|\\u{1f}|\\u{7f}|é|“|日|😀){0,24}"
    }

    fn any_claim() -> impl Strategy<Value = Claim> {
        (
            any_text(),
            any_text(),
            0usize..100_000,
            0usize..100,
            prop::sample::select(vec![
                ClaimKind::Statistic,
                ClaimKind::Quote,
                ClaimKind::Event,
            ]),
            prop_oneof![Just(0.0f32), Just(1.0), 0.0f32..1.0, Just(f32::NAN)],
            prop::collection::vec(any_text(), 0..4),
            prop::option::of(any_text()),
        )
            .prop_map(
                |(id, text, start, len, kind, score, reasons, claimant)| Claim {
                    id,
                    text,
                    start,
                    end: start + len,
                    kind,
                    score,
                    reasons: reasons
                        .into_iter()
                        .enumerate()
                        .map(|(k, r)| match k {
                            0 => Reason::Other(r),
                            1 => Reason::Figure(r),
                            2 => Reason::Quotation,
                            _ => Reason::Names(vec![r.clone(), r]),
                        })
                        .collect(),
                    claimant,
                },
            )
    }

    proptest! {
        #[test]
        fn hand_written_json_is_serde_jsons(claims in prop::collection::vec(any_claim(), 0..4)) {
            let (mut fast, mut plain) = (Vec::new(), Vec::new());
            write_claims(&mut fast, &claims).unwrap();
            write_claims_plain(&mut plain, &claims).unwrap();
            prop_assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(plain).unwrap());
        }

        #[test]
        fn the_scan_finds_the_first_special_byte(text in any_text(), from in 0usize..30) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            let want = bytes[from..].iter().position(|&b| is_special(b)).map(|k| from + k);
            prop_assert_eq!(next_special(bytes, from), want);
        }
    }

    #[test]
    fn every_byte_is_escaped_as_serde_json_escapes_it() {
        for b in 0..0x80u8 {
            let s = format!("ab{}cdefghij", char::from(b));
            let mut fast = Vec::new();
            write_str(&mut fast, &s);
            assert_eq!(fast, serde_json::to_vec(&s).unwrap(), "byte {b:#x}");
        }
    }
}
