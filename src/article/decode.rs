//! Bytes to normalised UTF-8: BOM handling, legacy encodings, binary detection, line endings.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Why bytes are not an article's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("looks like a binary file, not text ({0})")]
    Binary(&'static str),
}

/// Decodes bytes to text with `\n` line endings, returning the encoding's name.
///
/// Order matters: a BOM is authoritative; valid UTF-8 wins next (it is what nearly all modern
/// files are, and chardetng would guess wrong on short pure-ASCII input only harmlessly);
/// anything else is guessed by chardetng, which is what Firefox uses for unlabelled pages and
/// recognises Windows-1252 newsroom exports.
pub fn decode_text(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    let (text, encoding) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        (text.into_owned(), enc.name())
    } else if looks_like_utf16(bytes) == Some(true) {
        let (text, _) = UTF_16LE.decode_without_bom_handling(bytes);
        (text.into_owned(), UTF_16LE.name())
    } else if looks_like_utf16(bytes) == Some(false) {
        let (text, _) = UTF_16BE.decode_without_bom_handling(bytes);
        (text.into_owned(), UTF_16BE.name())
    } else {
        if bytes.contains(&0) {
            return Err(DecodeError::Binary("contains NUL bytes"));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_owned(), UTF_8.name()),
            Err(_) => {
                let mut detector =
                    chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                detector.feed(bytes, true);
                let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
                let (text, _) = enc.decode_without_bom_handling(bytes);
                (text.into_owned(), enc.name())
            }
        }
    };
    check_not_binary(&text)?;
    Ok((normalise_newlines(text), encoding))
}

/// [`decode_text`] of bytes the caller owns: plain UTF-8 (the common case) becomes the text
/// without a copy, which matters for a 20 MB article; anything else is decoded as usual.
pub fn decode_owned(bytes: Vec<u8>) -> Result<(String, &'static str), DecodeError> {
    let plain = Encoding::for_bom(&bytes).is_none() && looks_like_utf16(&bytes).is_none();
    let bytes = if plain && !bytes.contains(&0) {
        match String::from_utf8(bytes) {
            Ok(text) => {
                check_not_binary(&text)?;
                return Ok((normalise_newlines(text), UTF_8.name()));
            }
            Err(e) => e.into_bytes(),
        }
    } else {
        bytes
    };
    decode_text(&bytes)
}

/// UTF-16 without a BOM shows up as every other byte being NUL in mostly-ASCII text.
/// Returns `Some(true)` for little endian, `Some(false)` for big endian.
fn looks_like_utf16(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 >= pairs * 9 && even_nul * 10 < pairs {
        Some(true)
    } else if even_nul * 10 >= pairs * 9 && odd_nul * 10 < pairs {
        Some(false)
    } else {
        None
    }
}

/// Control characters other than tab/newline/form feed are rare in prose and common in
/// binaries; more than 1 in 50 means the file is not an article.
fn check_not_binary(text: &str) -> Result<(), DecodeError> {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c == '\0' {
            return Err(DecodeError::Binary("contains NUL characters"));
        }
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    if total > 0 && control * 50 > total {
        return Err(DecodeError::Binary("too many control characters"));
    }
    Ok(())
}

/// CRLF and lone CR become LF, so spans mean the same thing on every platform.
fn normalise_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom() {
        let (t, enc) = decode_text(b"\xEF\xBB\xBFHello").unwrap();
        assert_eq!(t, "Hello");
        assert_eq!(enc, "UTF-8");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Zürich.".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Zürich.".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode_text(&le).unwrap().0, "Zürich.");
        assert_eq!(decode_text(&be).unwrap().0, "Zürich.");
    }

    #[test]
    fn windows_1252_is_detected() {
        // “Smart quotes” and an em dash — as Word exports them in Windows-1252.
        let bytes = b"The minister said \x93we will act\x94 \x97 on Monday, at a cost of \x80 5 million. Caf\xe9 owners agreed.";
        let (t, enc) = decode_text(bytes).unwrap();
        assert_eq!(enc, "windows-1252");
        assert!(t.contains("“we will act” — on Monday"), "{t}");
        assert!(t.contains("€ 5 million"));
        assert!(t.contains("Café"));
    }

    #[test]
    fn crlf_and_cr_become_lf() {
        assert_eq!(decode_text(b"a\r\nb\rc\n").unwrap().0, "a\nb\nc\n");
        // Owned bytes decode as borrowed ones do, whatever the encoding.
        for bytes in [
            &b"a\r\nb\rc\n"[..],
            b"\xEF\xBB\xBFHello",
            b"Z\xfcrich caf\xe9.",
            b"plain \xe2\x80\x9cUTF-8\xe2\x80\x9d.",
            b"\x89PNG\r\n\x1a\n\0\0\0",
        ] {
            assert_eq!(
                decode_owned(bytes.to_vec()).map_err(|e| e.to_string()),
                decode_text(bytes).map_err(|e| e.to_string()),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn binary_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
        assert!(matches!(decode_text(png), Err(DecodeError::Binary(_))));
        let noisy: Vec<u8> = (0u8..32).cycle().take(500).filter(|&b| b != 0).collect();
        assert!(matches!(decode_text(&noisy), Err(DecodeError::Binary(_))));
    }
}
