//! What the re-ranker and `why` look at in a claim: its analysed terms (with the words as
//! written), figures, names, negation, and character 4-grams.

use tantivy::tokenizer::{TextAnalyzer, TokenStream};

/// One text, analysed once.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Distinct analysed (stemmed) terms with the first word that produced each, in order.
    pub terms: Vec<(String, String)>,
    /// Numbers as written without thousands separators: "1,200" → "1200", "90%" → "90%".
    pub figures: Vec<String>,
    /// Capitalised words not at a sentence start, hashtags and handles, lower-cased.
    pub names: Vec<String>,
    /// Says "not", "no", "never", "n't"…
    pub negated: bool,
    /// Hashed character 4-grams of the lower-cased letters and digits, sorted, distinct
    /// (empty from [`analyse_words`]).
    pub grams: Vec<u32>,
}

const NEGATIONS: &[&str] = &[
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot",
];

/// Capitalised words that are not names even mid-sentence.
const NOT_NAMES: &[&str] = &[
    "i", "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "we", "they",
    "you", "in", "on", "at", "of", "and", "or", "but", "for", "to", "is", "are", "was", "rt",
    "via", "breaking", "photo", "video", "new", "my", "our", "his", "her", "their", "what", "why",
    "how", "when", "who", "if", "so", "just", "all", "no", "not", "yes",
];

/// A claim as pasted from social media, made matchable: links dropped, the trailing
/// "— Name (@handle) January 14, 2020" signature of an embedded post dropped, hashtags
/// split into words ("#AustralianFires" → "Australian Fires").
pub fn clean_query(text: &str) -> String {
    let mut body = text;
    if let Some(i) = text.rfind(" — ").or_else(|| text.rfind(" - ")) {
        let tail = &text[i..];
        if tail.contains("(@") && tail.len() < 160 {
            body = &text[..i];
        }
    }
    let mut out = String::with_capacity(body.len());
    for word in crate::library::strip_urls(body).split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        match word.strip_prefix('#') {
            Some(tag) if tag.chars().any(char::is_lowercase) => {
                out.push('#');
                let mut prev_lower = false;
                for c in tag.chars() {
                    if c.is_uppercase() && prev_lower {
                        out.push(' ');
                    }
                    prev_lower = c.is_lowercase() || c.is_ascii_digit();
                    out.push(c);
                }
            }
            _ => out.push_str(word),
        }
    }
    out
}

/// Everything the re-ranker and `why` use of a claim.
pub fn analyse(analyzer: &mut TextAnalyzer, text: &str) -> Analysis {
    let mut a = Analysis::default();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        add_term(&mut a, text, t, &t.text);
    }
    add_surface(&mut a, text);
    a.grams = grams(text);
    a
}

/// Analyses many texts (a claim's candidates), stemming each distinct word once: the
/// stemmer was the biggest cost of analysing candidates, and they share most of their words.
/// Gives what [`analyse`] with the library's analyzer gives.
pub struct Analyser {
    unstemmed: TextAnalyzer,
    stemmer: TextAnalyzer,
    stems: rustc_hash::FxHashMap<String, String>,
}

impl Default for Analyser {
    fn default() -> Analyser {
        Analyser {
            unstemmed: crate::library::unstemmed_analyzer(),
            stemmer: crate::library::word_stemmer(),
            stems: rustc_hash::FxHashMap::default(),
        }
    }
}

impl Analyser {
    /// Like [`analyse`].
    pub fn analyse(&mut self, text: &str) -> Analysis {
        let mut a = self.analyse_words(text);
        a.grams = grams(text);
        a
    }

    /// Terms, figures, names and negation without the 4-grams (only claims' 4-grams are
    /// compared, not headlines').
    pub fn analyse_words(&mut self, text: &str) -> Analysis {
        let mut a = Analysis::default();
        let Analyser {
            unstemmed,
            stemmer,
            stems,
        } = self;
        let mut stream = unstemmed.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            if let Some(stem) = stems.get(&t.text) {
                add_term(&mut a, text, t, stem);
                continue;
            }
            let mut one = stemmer.token_stream(&t.text);
            let stem = if one.advance() {
                one.token().text.clone()
            } else {
                t.text.clone()
            };
            add_term(&mut a, text, t, &stem);
            stems.insert(t.text.clone(), stem);
        }
        add_surface(&mut a, text);
        a
    }
}

/// Adds an analysed term (once) with the word that produced it.
fn add_term(a: &mut Analysis, text: &str, token: &tantivy::tokenizer::Token, term: &str) {
    // A claim has a few dozen terms: a scan beats hashing each one.
    if !a.terms.iter().any(|(seen, _)| seen == term) {
        let word = text
            .get(token.offset_from..token.offset_to)
            .unwrap_or(&token.text);
        a.terms.push((term.to_string(), word.to_string()));
    }
}

/// Figures, names and negation, read from the words as written.
fn add_surface(a: &mut Analysis, text: &str) {
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        let lower = raw.to_lowercase();
        let core = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        if NEGATIONS.contains(&core) || core.ends_with("n't") || core.ends_with("n’t") {
            a.negated = true;
        }
        if let Some(f) = figure(raw) {
            if !a.figures.contains(&f) {
                a.figures.push(f);
            }
        } else if let Some(n) = name(raw, sentence_start)
            && !a.names.contains(&n)
        {
            a.names.push(n);
        }
        sentence_start = raw.ends_with(['.', '!', '?', ':', '"', '“', '”']);
    }
}

/// "1,200" → "1200"; "$4.5bn" → "4.5"; "90%" → "90%"; "2019." → "2019". None if no digit.
fn figure(raw: &str) -> Option<String> {
    let start = raw.find(|c: char| c.is_ascii_digit())?;
    let mut out = String::new();
    let rest = &raw[start..];
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '0'..='9' => out.push(c),
            ',' if chars.peek().is_some_and(char::is_ascii_digit) => {}
            '.' if chars.peek().is_some_and(char::is_ascii_digit) => out.push('.'),
            '%' => {
                out.push('%');
                break;
            }
            _ => break,
        }
    }
    // A handle or code with digits inside ("covid19", "t.co/x9") is not a figure.
    if start > 0
        && raw[..start].chars().any(char::is_alphanumeric)
        && !raw.starts_with(['$', '£', '€'])
    {
        return None;
    }
    Some(out)
}

fn name(raw: &str, sentence_start: bool) -> Option<String> {
    let tagged = raw.starts_with(['#', '@']);
    let word: String = raw
        .trim_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '\'')
        .collect();
    let first = word.chars().next()?;
    if word.chars().count() < 2 || !(tagged || (first.is_uppercase() && !sentence_start)) {
        return None;
    }
    let lower = word.to_lowercase();
    let lower = lower.strip_suffix("'s").unwrap_or(&lower).to_string();
    // ALL-CAPS shouting words are emphasis, not names (but keep short acronyms like "CBC").
    let caps = word.chars().filter(|c| c.is_uppercase()).count();
    if caps == word.chars().count() && caps > 5 {
        return None;
    }
    (!NOT_NAMES.contains(&lower.as_str())).then_some(lower)
}

/// Distinct hashed 4-grams (FNV-1a) of the text lower-cased, with everything but letters
/// and digits as spaces; a gram with more than one space is skipped.
fn grams(text: &str) -> Vec<u32> {
    let mut norm = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' });
    let mut out = Vec::with_capacity(text.len());
    let mut window: [char; 4] = [' '; 4];
    for slot in window.iter_mut().take(3) {
        match norm.next() {
            Some(c) => *slot = c,
            None => return out,
        }
    }
    for c in norm {
        window[3] = c;
        if window.iter().filter(|c| **c == ' ').count() <= 1 {
            let mut h: u32 = 0x811c_9dc5;
            for c in window {
                h = (h ^ c as u32).wrapping_mul(0x0100_0193);
            }
            out.push(h);
        }
        window.rotate_left(1);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// How many values two sorted, distinct lists share.
pub fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyse_en(text: &str) -> Analysis {
        analyse(&mut crate::library::analyzer(), text)
    }

    #[test]
    fn figures_lose_separators_and_keep_percent() {
        let a = analyse_en("Spending rose 1,200 times to $4.5 billion, or 90% of 2019.");
        assert_eq!(a.figures, vec!["1200", "4.5", "90%", "2019"]);
    }

    #[test]
    fn names_skip_sentence_starts_and_take_hashtags() {
        let a = analyse_en("Officials said Obama met Merkel. Then #AustralianFires spread.");
        assert_eq!(a.names, vec!["obama", "merkel", "australianfires"]);
    }

    #[test]
    fn negation_is_seen_in_contractions() {
        assert!(analyse_en("The vaccine doesn't change DNA").negated);
        assert!(!analyse_en("The vaccine changes DNA").negated);
    }

    #[test]
    fn queries_lose_links_and_post_signatures_and_split_hashtags() {
        let q = clean_query(
            "How are butterflies surviving the #AustralianFires? https://t.co/x pic.twitter.com/0e — Center for Bio Div (@CenterForBioDiv) January 14, 2020",
        );
        assert_eq!(q, "How are butterflies surviving the #Australian Fires?");
    }

    /// The first version: a set of the hashes of every window of the normalised chars.
    fn grams_plain(text: &str) -> std::collections::HashSet<u32> {
        let norm: Vec<char> = text
            .chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        let mut out = std::collections::HashSet::new();
        for w in norm.windows(4) {
            if w.iter().filter(|c| **c == ' ').count() > 1 {
                continue;
            }
            let mut h: u32 = 0x811c_9dc5;
            for c in w {
                h = (h ^ *c as u32).wrapping_mul(0x0100_0193);
            }
            out.insert(h);
        }
        out
    }

    proptest::proptest! {
        /// The caching analyser gives what the library's analyzer gives, text after text
        /// (the second text reuses the first's stems).
        #[test]
        fn the_analyser_with_remembered_stems_matches_the_plain_analysis(
            a in "[a-zA-Z0-9 .,'’İıßéÉ#@-]{0,80}",
            b in "(running|runs|Doubled|doubling|İstanbul|the|not|[a-zA-Z]{1,12}| |,|')+",
        ) {
            let mut analyser = Analyser::default();
            for text in [&a, &b, &a] {
                let fast = analyser.analyse(text);
                let plain = analyse_en(text);
                proptest::prop_assert_eq!(&fast.terms, &plain.terms);
                proptest::prop_assert_eq!(&fast.figures, &plain.figures);
                proptest::prop_assert_eq!(&fast.names, &plain.names);
                proptest::prop_assert_eq!(fast.negated, plain.negated);
                proptest::prop_assert_eq!(&fast.grams, &plain.grams);
                let words = analyser.analyse_words(text);
                proptest::prop_assert_eq!(&words.terms, &plain.terms);
                proptest::prop_assert!(words.grams.is_empty());
            }
        }

        #[test]
        fn grams_are_the_plain_set_sorted_and_shared_counts_its_intersection(
            a in "[a-zA-Z0-9 .,'İß-]{0,60}",
            b in "[a-zA-Z0-9 .,'İß-]{0,60}",
        ) {
            let (ga, gb) = (grams(&a), grams(&b));
            let (pa, pb) = (grams_plain(&a), grams_plain(&b));
            let mut want: Vec<u32> = pa.iter().copied().collect();
            want.sort_unstable();
            proptest::prop_assert_eq!(&ga, &want);
            proptest::prop_assert_eq!(shared_count(&ga, &gb), pa.intersection(&pb).count());
        }
    }

    #[test]
    fn terms_are_stemmed_and_keep_the_word() {
        let a = analyse_en("The deficit doubled");
        assert!(a.terms.iter().any(|(t, w)| t == "doubl" && w == "doubled"));
        assert!(!a.terms.iter().any(|(t, _)| t == "the"));
    }
}
