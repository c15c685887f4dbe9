//! The learned scorer's text features, found in one pass over the sentence's bytes: hashed
//! word unigrams and bigrams of the normalised text, and character 3-grams over a 32-symbol
//! alphabet. The 3-grams need no hashing: all 2^15 of them index a 128 KB table directly,
//! which stays in cache where a hashed 1 MB table did not. Training and scoring both go
//! through [`for_each_feature`], so their features always agree.
//!
//! Normalised text is lowercase, with digits folded to `0` (so "90%" and "12%" share
//! features), `’` read as `'`, and every character other than letters, digits, `%`, `$`,
//! `'`, `€`, `£` a word break. [`push_normalised`] writes it out, for the reasons shown to
//! users.

/// The 3-gram table: three 5-bit symbols.
pub const TRIGRAM_BITS: u32 = 15;
pub const TRIGRAMS: usize = 1 << TRIGRAM_BITS;
const TRIGRAM_MASK: u32 = (1 << TRIGRAM_BITS) - 1;

/// 3-gram symbol of a letter or number outside ASCII (one per character, not per byte).
const OTHER_LETTER: u8 = 31;
/// 3-gram symbol of `'` and `’`.
const APOSTROPHE: u8 = 30;

/// What [`for_each_feature`] reads from each byte. For an ASCII byte of a word: its
/// normalised byte (high 8 bits; lowercase, digits as `0`) and 3-gram symbol (low 8 bits;
/// 1–26 the letters, 27 a digit, 28 `%`, 29 `$`, 30 `'`). [`ASCII_BREAK`] for other ASCII;
/// [`NOT_ASCII`] for the bytes of other characters, which are decoded.
const BYTE_FEATURE: [u16; 256] = {
    let mut table = [NOT_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let (normal, symbol) = match c {
            b'a'..=b'z' => (c, c - b'a' + 1),
            b'A'..=b'Z' => (c + 32, c - b'A' + 1),
            b'0'..=b'9' => (b'0', 27),
            b'%' => (c, 28),
            b'$' => (c, 29),
            b'\'' => (c, APOSTROPHE),
            _ => (0, 0),
        };
        table[b] = ((normal as u16) << 8) | symbol as u16;
        b += 1;
    }
    table
};
const ASCII_BREAK: u16 = 0;
const NOT_ASCII: u16 = 0x0100;

/// One text feature of a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Feature {
    /// A word unigram or bigram: its bucket in the word table, and the byte range of its
    /// word(s) in the sentence (for reasons).
    Word(u32, (u32, u32)),
    /// A character 3-gram: its index in the 3-gram table.
    Trigram(u32),
}

/// How many features of each part a sentence has, for their L2 normalisation (so long
/// sentences do not dominate).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FeatureCounts {
    pub words: u32,
    pub trigrams: u32,
}

impl FeatureCounts {
    pub fn word_scale(self) -> f32 {
        inverse_sqrt(self.words)
    }

    pub fn trigram_scale(self) -> f32 {
        inverse_sqrt(self.trigrams)
    }
}

fn inverse_sqrt(n: u32) -> f32 {
    if n == 0 { 0.0 } else { 1.0 / (n as f32).sqrt() }
}

const FNV_PRIME: u32 = 0x0100_0193;
const WORD_SEED: u32 = 0x811c_9dc5 ^ 0x9e37_79b1;
const BIGRAM_SALT: u32 = 0x2545_f491;

/// Calls `f` with every feature of `sentence`, in text order: a word's 3-grams as its
/// characters come, then its unigram, its bigram with the word before, and the 3-gram that
/// ends at the break after it. The text is read as if framed by breaks, so the first
/// 3-gram is (break, break, first symbol) and the last ends in a break.
#[inline(always)]
pub fn for_each_feature(sentence: &str, word_mask: u32, f: impl FnMut(Feature)) -> FeatureCounts {
    let bytes = sentence.as_bytes();
    let mut pass = Pass {
        f,
        word_mask,
        counts: FeatureCounts::default(),
        window: 0,
        in_word: false,
        hash: WORD_SEED,
        start: 0,
        previous: None,
    };
    let mut i = 0;
    while i < bytes.len() {
        let entry = BYTE_FEATURE[usize::from(bytes[i])];
        let symbol = entry as u8;
        if symbol != 0 {
            // An ASCII byte of a word: the common case, with one test.
            pass.word_byte((entry >> 8) as u8);
            pass.symbol(symbol);
            i += 1;
            continue;
        }
        if entry == ASCII_BREAK {
            if pass.in_word {
                pass.end_word(i);
            }
            i += 1;
            pass.start = i as u32;
            continue;
        }
        let c = sentence[i..]
            .chars()
            .next()
            .expect("i is at a char boundary");
        if c == '’' {
            pass.word_byte(b'\'');
            pass.symbol(APOSTROPHE);
        } else if is_word_character(c) {
            for lower in c.to_lowercase() {
                let mut utf8 = [0u8; 4];
                for &byte in lower.encode_utf8(&mut utf8).as_bytes() {
                    pass.word_byte(byte);
                }
            }
            pass.symbol(OTHER_LETTER);
        } else {
            if pass.in_word {
                pass.end_word(i);
            }
            pass.start = (i + c.len_utf8()) as u32;
        }
        i += c.len_utf8();
    }
    if pass.in_word {
        pass.end_word(bytes.len());
    }
    pass.counts
}

/// The state of [`for_each_feature`] between characters.
struct Pass<F> {
    f: F,
    word_mask: u32,
    counts: FeatureCounts,
    /// The last three symbols, 5 bits each.
    window: u32,
    in_word: bool,
    /// FNV-1a hash of the current word's normalised bytes (the seed between words), and
    /// where the current or next word starts: just after the last break.
    hash: u32,
    start: u32,
    /// Hash and start of the word before, for bigrams.
    previous: Option<(u32, u32)>,
}

impl<F: FnMut(Feature)> Pass<F> {
    #[inline(always)]
    fn symbol(&mut self, symbol: u8) {
        self.window = ((self.window << 5) | u32::from(symbol)) & TRIGRAM_MASK;
        (self.f)(Feature::Trigram(self.window));
        self.counts.trigrams += 1;
    }

    #[inline(always)]
    fn word_byte(&mut self, normal: u8) {
        self.hash = (self.hash ^ u32::from(normal)).wrapping_mul(FNV_PRIME);
        self.in_word = true;
    }

    #[inline(always)]
    fn end_word(&mut self, end: usize) {
        let (hash, start, end) = (self.hash, self.start, end as u32);
        (self.f)(Feature::Word(hash & self.word_mask, (start, end)));
        self.counts.words += 1;
        if let Some((previous, previous_start)) = self.previous {
            let bigram = (previous.rotate_left(7) ^ hash).wrapping_mul(FNV_PRIME) ^ BIGRAM_SALT;
            (self.f)(Feature::Word(
                bigram & self.word_mask,
                (previous_start, end),
            ));
            self.counts.words += 1;
        }
        self.previous = Some((hash, start));
        self.symbol(0);
        self.in_word = false;
        self.hash = WORD_SEED;
    }
}

/// Whether a character outside ASCII belongs to a word. Quotes, dashes and other general
/// punctuation (U+2000–U+206F, which has no letters or numbers) are common in news text and
/// answered without the Unicode tables.
#[inline]
fn is_word_character(c: char) -> bool {
    !('\u{2000}'..='\u{206f}').contains(&c) && (c.is_alphanumeric() || matches!(c, '€' | '£'))
}

/// Normalised text (see the module doc), words separated by single spaces.
#[cfg(test)]
pub fn normalise(sentence: &str, out: &mut String) {
    out.clear();
    push_normalised(sentence, out);
}

/// Appends the normalised text of `sentence` to `out`.
pub fn push_normalised(sentence: &str, out: &mut String) {
    let base = out.len();
    for c in sentence.chars() {
        let kept = if c.is_ascii() {
            match (BYTE_FEATURE[c as usize] >> 8) as u8 {
                0 => None,
                n => Some(char::from(n)),
            }
        } else if c == '’' {
            Some('\'')
        } else if is_word_character(c) {
            out.extend(c.to_lowercase());
            continue;
        } else {
            None
        };
        match kept {
            Some(k) => out.push(k),
            None if out.len() > base && !out.ends_with(' ') => out.push(' '),
            None => {}
        }
    }
    if out.len() > base && out.ends_with(' ') {
        out.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_folds_digits_and_case() {
        let mut s = String::new();
        normalise("Unemployment FELL to 3.9% — “a record”, he said.", &mut s);
        assert_eq!(s, "unemployment fell to 0 0% a record he said");
    }

    /// The plain definition of the features, from the normalised text written out.
    fn features_reference(sentence: &str, mask: u32) -> (Vec<u32>, Vec<u32>) {
        let mut norm = String::new();
        normalise(sentence, &mut norm);
        let fnv = |w: &str| {
            w.bytes()
                .fold(WORD_SEED, |h, b| (h ^ u32::from(b)).wrapping_mul(FNV_PRIME))
        };
        let words: Vec<u32> = norm.split(' ').filter(|w| !w.is_empty()).map(fnv).collect();
        let mut word_features = Vec::new();
        for (k, &h) in words.iter().enumerate() {
            word_features.push(h & mask);
            if k > 0 {
                let p = words[k - 1];
                word_features
                    .push(((p.rotate_left(7) ^ h).wrapping_mul(FNV_PRIME) ^ BIGRAM_SALT) & mask);
            }
        }
        // One symbol per kept character of the sentence, breaks collapsed, framed by breaks.
        let symbol = |c: char| -> u32 {
            match c {
                'a'..='z' => c as u32 - 'a' as u32 + 1,
                'A'..='Z' => c as u32 - 'A' as u32 + 1,
                '0'..='9' => 27,
                '%' => 28,
                '$' => 29,
                '\'' | '’' => 30,
                _ if !c.is_ascii() && (c.is_alphanumeric() || matches!(c, '€' | '£')) => 31,
                _ => 0,
            }
        };
        let mut framed = vec![0, 0];
        for sym in sentence.chars().map(symbol) {
            if sym != 0 || framed.len() > 2 && framed.last() != Some(&0) {
                framed.push(sym);
            }
        }
        if framed.len() > 2 && framed.last() != Some(&0) {
            framed.push(0);
        }
        let mut trigrams = Vec::new();
        for w in framed.windows(3) {
            trigrams.push((w[0] << 10) | (w[1] << 5) | w[2]);
        }
        (word_features, trigrams)
    }

    fn features(sentence: &str, mask: u32) -> (Vec<u32>, Vec<u32>, FeatureCounts) {
        let (mut words, mut trigrams) = (Vec::new(), Vec::new());
        let counts = for_each_feature(sentence, mask, |f| match f {
            Feature::Word(b, _) => words.push(b),
            Feature::Trigram(t) => trigrams.push(t),
        });
        (words, trigrams, counts)
    }

    #[test]
    fn word_ranges_name_their_words() {
        let s = "The café’s TAX rose 7%.";
        let mut names = Vec::new();
        let mut norm = String::new();
        for_each_feature(s, u32::MAX, |f| {
            if let Feature::Word(_, (a, b)) = f {
                normalise(&s[a as usize..b as usize], &mut norm);
                names.push(norm.clone());
            }
        });
        assert_eq!(
            names,
            [
                "the",
                "café's",
                "the café's",
                "tax",
                "café's tax",
                "rose",
                "tax rose",
                "0%",
                "rose 0%"
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn one_pass_matches_the_plain_definition(
            s in "\\PC{0,60}|[a-zA-Z0-9 .,’'%$€£İẞΣ日“”—…\u{2000}-\u{2070}-]{0,60}",
            bits in 4u32..20,
        ) {
            let mask = (1 << bits) - 1;
            let (words, trigrams, counts) = features(&s, mask);
            let (want_words, want_trigrams) = features_reference(&s, mask);
            proptest::prop_assert_eq!(&words, &want_words);
            proptest::prop_assert_eq!(&trigrams, &want_trigrams);
            proptest::prop_assert_eq!(counts.words as usize, words.len());
            proptest::prop_assert_eq!(counts.trigrams as usize, trigrams.len());
        }
    }
}
