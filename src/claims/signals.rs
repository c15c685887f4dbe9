//! Signals of checkability in one sentence: figures, dates, quotes, attribution, stance,
//! comparison, predictions, names, past-tense events, hedges. Plain English grammar only.

use super::attribution;
use super::lexicon::*;
use super::swar::contains_char;
use super::tokens::{Token, tokenize};

/// What the rules found in a sentence. Scorers read these; reasons are built from them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signals {
    pub words: usize,
    /// Figures as written, with their unit when one follows ("90%", "five hours", "$5 million").
    pub figures: Vec<String>,
    pub money: bool,
    pub percent: bool,
    /// Dates and times as written ("Dec. 2", "Monday", "2014", "last year").
    pub dates: Vec<String>,
    /// One of the dates is on the calendar (a year, a month, a weekday), not only relative
    /// to when the words were said ("today", "tonight", "the last four years").
    pub calendar_date: bool,
    /// The sentence quotes someone (quotation marks around at least two words).
    pub quote: bool,
    /// The speech verb that attributes the statement ("said", "according to").
    pub attribution: Option<String>,
    /// Who the statement is attributed to, when it can be read off the sentence.
    pub claimant: Option<String>,
    /// The sentence's attribution as read alone (speaker, pronoun, quotation, names), for
    /// carrying claimants from sentence to sentence (see [`super::attribution`]).
    pub speaker: attribution::Local,
    /// Stance verbs ("rejected", "vowed", "ruled out").
    pub positions: Vec<String>,
    /// A future or expectation marker ("will", "expected to").
    pub prediction: Option<String>,
    /// Comparison or record words ("more than", "largest", "rose").
    pub comparison: Option<String>,
    /// Proper names (runs of capitalised words not opening the sentence, acronyms).
    pub names: Vec<String>,
    /// Past-tense verbs: something happened.
    pub past_events: Vec<String>,
    /// Opinion or hedge markers ("I think", "should", "perhaps").
    pub hedge: Option<String>,
    /// A word of a general statement of cause, requirement or condition ("lets", "must",
    /// "unless").
    pub general: Option<String>,
    /// Speaker talks about themself or the audience ("I", "we", "you") without any fact.
    pub first_person: bool,
    pub question: bool,
    /// Every lexicon class some word of the sentence is in (one bit per class), so later
    /// checks can rule a sentence out without reading it again.
    pub(crate) word_classes: u32,
}

/// A figure with its unit attached: among the dates, only a number with a unit of time
/// ("three weeks") has one.
fn is_duration(figure: &str) -> bool {
    figure.contains(' ')
}

impl Signals {
    /// The figures that are not dates or durations ("90%", not "2014" or "five hours").
    pub fn figures_not_dates(&self) -> impl Iterator<Item = &String> {
        self.figures.iter().filter(|f| !self.dates.contains(f))
    }

    /// The figures a reader sees as figures: not years or dates, but durations ("14.2
    /// weeks", "five hours") are, though the rules count those as times (above).
    pub fn shown_figures(&self) -> impl Iterator<Item = &String> {
        self.figures
            .iter()
            .filter(|f| !self.dates.contains(f) || is_duration(f))
    }

    /// The dates and times a reader sees as such: not durations.
    pub fn shown_dates(&self) -> impl Iterator<Item = &String> {
        self.dates
            .iter()
            .filter(|d| !(is_duration(d) && self.figures.contains(d)))
    }

    /// Is there a figure that is not a date?
    pub fn has_figure(&self) -> bool {
        self.figures_not_dates().next().is_some()
    }

    /// A signal that makes a sentence a claim on its own: a figure, a calendar date, a
    /// quotation, an
    /// attribution, a stance, a comparison, a named actor doing something, or a general
    /// statement of cause or requirement not addressed to the audience. (Names, events,
    /// predictions and times relative to the speaker, "tonight", "the last four years",
    /// alone are as often small talk, measured on the crowdsourced set; the model decides
    /// those.)
    pub fn has_strong_signal(&self) -> bool {
        self.has_figure()
            || self.calendar_date
            || self.quote
            || self.attribution.is_some()
            || self.claimant.is_some()
            || !self.positions.is_empty()
            || self.comparison.is_some()
            || (!self.names.is_empty() && !self.past_events.is_empty())
            || (self.general.is_some() && !self.first_person)
    }

    /// Any signal of a checkable statement of fact.
    pub fn is_factual(&self) -> bool {
        !self.figures.is_empty()
            || !self.dates.is_empty()
            || self.quote
            || self.attribution.is_some()
            || !self.positions.is_empty()
            || self.comparison.is_some()
            || !self.names.is_empty()
            || !self.past_events.is_empty()
            || self.general.is_some()
    }
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Two or more letters, all capitals ("US", "NATO").
fn is_acronym(word: &str) -> bool {
    word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase())
}

fn has_digit(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_digit())
}

/// "90", "1,200", "3.5", "five": a number without a unit glued to it.
fn is_bare_number(word: &str) -> bool {
    word.chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        || NUMBER_WORDS.contains(&word.to_lowercase().as_str())
}

fn is_year(word: &str) -> bool {
    let w = word.trim_end_matches('s');
    w.len() == 4
        && w.bytes().all(|b| b.is_ascii_digit())
        && matches!(w.parse::<u32>(), Ok(1500..=2100))
}

/// Reads every signal from a sentence.
pub fn analyse(sentence: &str) -> Signals {
    analyse_with(sentence, &mut Scratch::default())
}

/// Buffers reused from sentence to sentence when analysing many.
#[derive(Default)]
pub(crate) struct Scratch {
    tokens: Vec<Token>,
    lower: String,
    flags: Vec<u32>,
    /// The attribution's classes of each token, from the same lookup.
    attribution: Vec<u32>,
}

/// [`analyse`] with reused buffers.
pub(crate) fn analyse_with(sentence: &str, scratch: &mut Scratch) -> Signals {
    tokenize(sentence, &mut scratch.tokens);
    // ASCII lowercasing keeps byte offsets, so one copy serves every token.
    scratch.lower.clear();
    scratch.lower.push_str(sentence);
    scratch.lower.make_ascii_lowercase();
    let lower = scratch.lower.as_bytes();
    scratch.flags.clear();
    scratch.attribution.clear();
    for t in &scratch.tokens {
        let flags = LEXICON.get_at(lower, t.start, t.end);
        scratch.flags.push(flags as u32);
        scratch
            .attribution
            .push((flags >> ATTRIBUTION_SHIFT) as u32);
    }
    analyse_tokens(
        sentence,
        &scratch.tokens,
        &scratch.lower,
        &scratch.flags,
        &scratch.attribution,
    )
}

/// The signals of a sentence from its tokens, its ASCII-lowercased copy and each token's
/// lexicon flags.
fn analyse_tokens(
    s: &str,
    tokens: &[Token],
    lower_s: &str,
    fl: &[u32],
    attribution_classes: &[u32],
) -> Signals {
    // Each token as written and lowercased, in one allocation.
    let mut both: Vec<&str> = Vec::with_capacity(2 * tokens.len());
    both.extend(tokens.iter().map(|t| t.text(s)));
    both.extend(tokens.iter().map(|t| &lower_s[t.start..t.end]));
    let (words, lows) = both.split_at(tokens.len());
    let next_flags = |i: usize| fl.get(i + 1).copied().unwrap_or(0);
    let mut sig = Signals {
        words: words.len(),
        word_classes: fl.iter().fold(0, |all, &f| all | f),
        question: s
            .trim_end_matches(['"', '\'', '”', '’', ')', ']', ' '])
            .ends_with('?'),
        ..Signals::default()
    };
    let mut i = 0;
    // The token of a weekday just read: "Monday, April 16" is one date.
    let mut weekday_before: Option<usize> = None;
    while i < words.len() {
        let w = words[i];
        // Most words are none of what follows: a word opening with a letter is a date or a
        // figure only through its lexicon classes.
        if w.as_bytes()[0].is_ascii_alphabetic() && fl[i] & DATE_OR_FIGURE_WORDS == 0 {
            // "trillion-dollar", "two-thirds", "half-a-million": a figure inside a compound.
            if w.len() > 4 && w.as_bytes().contains(&b'-') && is_compound_figure(lows[i]) {
                sig.figures.push(w.to_string());
            }
            i += 1;
            continue;
        }
        let lw = lows[i];
        let next = lows.get(i + 1).copied();
        let first = i;
        // Dates first: a year or "Dec. 2" is a date, not a statistic.
        if is_year(w) {
            sig.dates.push(w.to_string());
            sig.calendar_date = true;
        } else if MONTHS.has(fl[i])
            && is_capitalised(w)
            && (lw != "may" || next.is_some_and(has_digit))
        {
            // "May" is a month only with a day or year next to it.
            let mut d = s[tokens[i].start..tokens[i].end].to_string();
            if lw.len() <= 4 && s[tokens[i].end..].starts_with('.') {
                d.push('.');
            }
            if let Some(n) = words.get(i + 1).filter(|n| has_digit(n)) {
                d.push(' ');
                d.push_str(n);
                i += 1;
                // "April 16, 2024": the year belongs to the same date.
                if is_day(n) && words.get(i + 1).is_some_and(|y| is_year(y)) {
                    d.push_str(&s[tokens[i].end..tokens[i + 1].end]);
                    i += 1;
                }
            }
            push_date(&mut sig.dates, d, &mut weekday_before, first);
            sig.calendar_date = true;
        } else if is_day(w)
            && MONTHS.has(next_flags(i))
            && words.get(i + 1).is_some_and(|m| is_capitalised(m))
        {
            // "16 April 2024", day first.
            let mut last = i + 1;
            if words.get(i + 2).is_some_and(|y| is_year(y)) {
                last = i + 2;
            }
            let d = s[tokens[i].start..tokens[last].end].to_string();
            i = last;
            push_date(&mut sig.dates, d, &mut weekday_before, first);
            sig.calendar_date = true;
        } else if WEEKDAYS.has(fl[i]) {
            sig.dates.push(w.to_string());
            sig.calendar_date = true;
            weekday_before = Some(i);
        } else if RELATIVE_TIME.has(fl[i]) {
            sig.dates.push(w.to_string());
        } else if TIME_OPENERS.has(fl[i])
            && (TIME_UNITS.has(next_flags(i)) || WEEKDAYS.has(next_flags(i)))
        {
            sig.dates.push(format!("{w} {}", words[i + 1]));
            sig.calendar_date |= WEEKDAYS.has(next_flags(i));
            i += 1;
        } else if i > 0 && lows[i - 1] == "number" && (NUMBER_WORDS.has(fl[i]) || is_day(w)) {
            // "Number two, …", "number 3": a label in a list, not a figure.
        } else if w.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | '¥'))
            || (NUMBER_WORDS.has(fl[i]) && !(lw == "one" && next.is_some_and(|n| n == "of")))
        {
            let mut fig = w.to_string();
            // "NOK 1.1 billion": the currency code before the number is part of the sum.
            if i > 0 && is_currency_code(words[i - 1]) && !tokens[i - 1].closed {
                fig = format!("{} {w}", words[i - 1]);
                sig.money = true;
            }
            if w.ends_with('%') || lw == "percent" {
                sig.percent = true;
            }
            if w.starts_with(['$', '€', '£', '¥']) {
                sig.money = true;
            }
            // "one" counts only with a scale or a unit of time ("one million", "one year"):
            // "one thing", "one way" are no figure.
            let mut counted_unit = false;
            // Attach the unit: "five hours", "90 percent", "$5 million".
            // "1 in 10": a rate is one figure.
            if is_bare_number(w)
                && !tokens[i].closed
                && next == Some("in")
                && words.get(i + 2).is_some_and(|d| is_bare_number(d))
            {
                sig.figures.push(format!("{w} in {}", words[i + 2]));
                i += 3;
                continue;
            }
            if !tokens[i].closed
                && !w.ends_with('%')
                && let Some(n) = next
                && !STOPWORDS.has(next_flags(i))
                && !is_function_word(n)
                && (SCALE_WORDS.has(next_flags(i))
                    || TIME_UNITS.has(next_flags(i))
                    || (is_bare_number(w)
                        && words[i + 1].chars().all(char::is_lowercase)
                        && !HEDGES.has(next_flags(i))))
            {
                fig.push(' ');
                fig.push_str(words[i + 1]);
                if matches!(n, "percent" | "percentage") {
                    sig.percent = true;
                }
                if matches!(
                    n,
                    "dollars" | "euros" | "pounds" | "yen" | "yuan" | "rubles"
                ) {
                    sig.money = true;
                }
                if TIME_UNITS.has(next_flags(i)) {
                    sig.dates.push(fig.clone());
                }
                counted_unit = SCALE_WORDS.has(next_flags(i)) || TIME_UNITS.has(next_flags(i));
                i += 1;
            }
            // "one" alone ("one of the …", "the one", "one thing") is too weak to count.
            if lw != "one" || counted_unit {
                sig.figures.push(fig);
            }
        }
        i += 1;
    }

    sig.quote = has_quotation(s) || has_single_quotation(s);
    read_attribution(s, tokens, words, lows, fl, attribution_classes, &mut sig);

    for (k, &lw) in lows.iter().enumerate() {
        // Most words carry none of these markers: skip them at once.
        if fl[k] & CLAUSE_MARKERS == 0 && !lw.ends_with("ed") && !lw.starts_with("call") {
            continue;
        }
        if sig.general.is_none() && GENERAL_STATEMENT.has(fl[k]) {
            sig.general = Some(words[k].to_string());
        }
        if STANCE_VERBS.has(fl[k]) {
            let phrase = if lw == "ruled" && lows.get(k + 1).is_some_and(|n| *n == "out") {
                "ruled out".to_string()
            } else if lw == "ruled" {
                continue;
            } else {
                words[k].to_string()
            };
            if !sig.positions.contains(&phrase) {
                sig.positions.push(phrase);
            }
        } else if (lw == "calls" || lw == "called") && lows.get(k + 1).is_some_and(|n| *n == "for")
        {
            sig.positions.push(format!("{} for", words[k]));
        }
        if sig.prediction.is_none() && PREDICTION_MARKERS.has(fl[k]) {
            let strong = match lw {
                "set" | "going" | "plans" | "planned" | "poised" => {
                    lows.get(k + 1).is_some_and(|n| *n == "to")
                }
                "expected" | "projected" | "likely" | "unlikely" => true,
                _ => true,
            };
            if strong {
                sig.prediction = Some(words[k].to_string());
            }
        }
        if sig.comparison.is_none() && COMPARISON_WORDS.has(fl[k]) {
            let next = lows.get(k + 1).copied();
            let found = match lw {
                "more" | "less" | "fewer" => {
                    (next == Some("than")).then(|| format!("{} than", words[k]))
                }
                // "cleaner than", "higher than": a comparative before "than".
                "than" => k
                    .checked_sub(1)
                    .filter(|&p| {
                        let before = lows[p];
                        before.len() > 4
                            && before.ends_with("er")
                            && !matches!(
                                before,
                                "rather"
                                    | "other"
                                    | "either"
                                    | "neither"
                                    | "whether"
                                    | "together"
                                    | "never"
                                    | "however"
                                    | "after"
                                    | "sooner"
                            )
                    })
                    .map(|p| format!("{} than", words[p])),
                "first" | "last" | "only" | "top" | "best" | "worst" | "rise" | "fall" => None,
                "most" | "least" => None,
                _ => Some(words[k].to_string()),
            };
            sig.comparison = found;
        }
        if HEDGES.has(fl[k]) && sig.hedge.is_none() {
            let first_person_before = k > 0 && FIRST_PERSON.has(fl[k - 1]);
            if first_person_before
                || !matches!(
                    lw,
                    "think" | "believe" | "feel" | "hope" | "want" | "need" | "wish"
                )
            {
                sig.hedge = Some(words[k].to_string());
            }
        }
        // ("US" is a country, not "us".)
        if FIRST_PERSON.has(fl[k]) && !is_acronym(words[k]) {
            sig.first_person = true;
        }
        let is_past = IRREGULAR_PAST.has(fl[k])
            || (lw.len() > 4 && lw.ends_with("ed") && words[k].chars().all(char::is_lowercase));
        if is_past && sig.past_events.len() < 3 {
            sig.past_events.push(words[k].to_string());
        }
    }
    sig.names = proper_names(s, tokens, words, lows, fl, attribution_classes);
    sig
}

/// Adds a date starting at token `first`, joined to a weekday read just before it
/// ("Monday, April 16"), so one date is one entry.
fn push_date(
    dates: &mut Vec<String>,
    date: String,
    weekday_before: &mut Option<usize>,
    first: usize,
) {
    match weekday_before.take() {
        Some(at) if at + 1 == first && dates.last().is_some() => {
            let weekday = dates.last_mut().expect("the weekday just pushed");
            weekday.push_str(", ");
            weekday.push_str(&date);
        }
        _ => dates.push(date),
    }
}

/// A hyphenated word with a number word in it ("trillion-dollar", "two-thirds"), not one of
/// the number words that are also ordinary words ("one-sided", "half-hearted").
fn is_compound_figure(low: &str) -> bool {
    low.split('-').any(|part| {
        NUMBER_WORDS.contains(&part)
            && !matches!(
                part,
                "one"
                    | "half"
                    | "double"
                    | "triple"
                    | "twice"
                    | "quarter"
                    | "third"
                    | "majority"
                    | "minority"
            )
    })
}

/// "1" to "31", maybe with an ordinal ending ("16th"): a day of the month.
fn is_day(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    (1..=2).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "" | "st" | "nd" | "rd" | "th")
        && matches!(digits.parse::<u8>(), Ok(1..=31))
}

/// Quotation marks around at least two words, or a sentence that opens a quotation.
fn has_quotation(s: &str) -> bool {
    let bytes = s.as_bytes();
    // Most sentences quote nobody: rule them out with a vector scan or two.
    let may_quote = s.starts_with('"')
        || memchr::memchr_iter(b'"', bytes).nth(1).is_some()
        || contains_char(s, '“');
    if !may_quote {
        return false;
    }
    // The text between the 1st and 2nd mark, the 3rd and 4th, … (any of " “ ” counts as a
    // mark, as writers mix them), looking for two words.
    let two_words = |inner: &str| inner.split_whitespace().nth(1).is_some();
    let (mut marks, mut inner_start, mut pos) = (0usize, 0usize, 0usize);
    while let Some(found) = memchr::memchr2(b'"', 0xE2, &bytes[pos..]) {
        let at = pos + found;
        let len = if bytes[at] == b'"' {
            1
        } else if s[at..].starts_with(['“', '”']) {
            '“'.len_utf8()
        } else {
            pos = at + 1;
            continue;
        };
        if marks % 2 == 1 && two_words(&s[inner_start..at]) {
            return true;
        }
        marks += 1;
        inner_start = at + len;
        pos = inner_start;
    }
    marks % 2 == 1 && two_words(&s[inner_start..])
}

/// British-style quotation marks around at least two words: ‘…’, where the closing ’ is
/// not an apostrophe inside a word ("the council’s").
fn has_single_quotation(s: &str) -> bool {
    let Some(open) = s.find('‘') else {
        return false;
    };
    let inner = &s[open + '‘'.len_utf8()..];
    let mut chars = inner.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let closes = c == '’' && !chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if closes {
            return inner[..at].split_whitespace().nth(1).is_some();
        }
    }
    // A quotation running on past the sentence's end.
    s[..open].trim().is_empty() && inner.split_whitespace().nth(1).is_some()
}

/// Finds the speech verb; who it is attributed to is the attribution module's to say.
fn read_attribution(
    s: &str,
    tokens: &[Token],
    words: &[&str],
    lows: &[&str],
    fl: &[u32],
    attribution_classes: &[u32],
    sig: &mut Signals,
) {
    let according =
        (0..lows.len().saturating_sub(1)).any(|k| lows[k] == "according" && lows[k + 1] == "to");
    if according {
        sig.attribution = Some("according to".into());
    } else if let Some(k) = (0..fl.len()).find(|&k| {
        // "must be added to the list": a passive with "to" says nothing. (The class
        // first: most words are no speech verb.)
        let passive = || {
            k > 0
                && matches!(
                    lows[k - 1],
                    "be" | "been" | "being" | "is" | "are" | "was" | "were"
                )
                && lows.get(k + 1) == Some(&"to")
        };
        SPEECH_VERBS.has(fl[k]) && !passive()
    }) {
        sig.attribution = Some(words[k].to_string());
    }
    let local = attribution::read(s, tokens, words, lows, attribution_classes);
    sig.claimant = local.claimant(s).map(str::to_string);
    sig.speaker = local;
}

/// "Dr.", "Gen.", "Sen.": a title cut off from its name by its full stop names nobody.
fn is_title_abbreviation(word: &str, closed: bool) -> bool {
    closed
        && matches!(
            word,
            "Dr" | "Mr"
                | "Mrs"
                | "Ms"
                | "Mx"
                | "Prof"
                | "Gen"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Lt"
                | "Col"
                | "Sgt"
                | "Capt"
                | "Cmdr"
                | "Maj"
                | "Rev"
                | "Fr"
                | "Hon"
                | "Supt"
                | "Insp"
                | "Det"
                | "Cpl"
                | "Adm"
        )
}

/// Does `longer` hold `words` as whole words ("NHS England" holds "England")? Compared at
/// word starts only: names are short, and a substring searcher costs more to set up.
fn contains_words(longer: &str, words: &str) -> bool {
    let (l, w) = (longer.as_bytes(), words.as_bytes());
    (0..=l.len().saturating_sub(w.len())).any(|i| {
        (i == 0 || l[i - 1] == b' ')
            && l[i..].starts_with(w)
            && l.get(i + w.len()).is_none_or(|&b| b == b' ')
    })
}

/// Words that never are a figure's unit ("a third since 2021", "40 in total").
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "since"
            | "after"
            | "before"
            | "than"
            | "in"
            | "on"
            | "at"
            | "by"
            | "to"
            | "from"
            | "for"
            | "with"
            | "and"
            | "or"
            | "but"
            | "of"
            | "as"
            | "when"
            | "while"
            | "because"
            | "if"
    )
}

/// "NOK 1.1 billion": a currency code before a number is part of a sum, not a name.
fn is_currency_code(word: &str) -> bool {
    matches!(
        word,
        "USD"
            | "EUR"
            | "GBP"
            | "JPY"
            | "CNY"
            | "CHF"
            | "NOK"
            | "SEK"
            | "DKK"
            | "ISK"
            | "PLN"
            | "CZK"
            | "HUF"
            | "RUB"
            | "UAH"
            | "INR"
            | "AUD"
            | "CAD"
            | "NZD"
            | "HKD"
            | "SGD"
            | "ZAR"
            | "BRL"
            | "MXN"
            | "KRW"
            | "TRY"
            | "ILS"
            | "AED"
            | "SAR"
    )
}

/// Runs of capitalised words that do not open the sentence (or a dateline's "OSLO (Reuters)
/// -"), plus acronyms anywhere; titles before a name ("Prime Minister", "Dr") and
/// descriptions ("London-based") are not part of it.
fn proper_names(
    s: &str,
    tokens: &[Token],
    words: &[&str],
    lows: &[&str],
    fl: &[u32],
    attribution_classes: &[u32],
) -> Vec<String> {
    let mut names = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let w = words[k];
        // A word opening with an ASCII byte other than a capital is no name (the common case).
        let first = w.as_bytes()[0];
        if first < 0x80 && !first.is_ascii_uppercase() {
            k += 1;
            continue;
        }
        // A dateline's end: "OSLO, Oct 14 (Reuters) - Heavy rain …" (a dash after a
        // closing bracket; a dash alone is as often a speaker breaking off).
        let after_dateline = || {
            // The dash may be a token of its own: look back from before it.
            let from = if matches!(words[k - 1], "-" | "—" | "–") && k > 1 {
                tokens[k - 2].end
            } else {
                tokens[k - 1].end
            };
            let gap = &s[from..tokens[k].start];
            gap.contains(')') && gap.contains(['-', '—', '–'])
        };
        let opens_clause =
            || k == 0 || (tokens[k].opened && tokens[k - 1].closed) || after_dateline();
        // Days, months and e-mail or web addresses ("Jane.Doe@example.com") are no names.
        let before_number = || {
            words
                .get(k + 1)
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        };
        let not_a_name = WEEKDAYS.has(fl[k])
            || MONTHS.has(fl[k])
            || w.contains('@')
            || w.contains("://")
            || (is_currency_code(w) && before_number());
        // (A capitalised word has a letter, so an acronym needs only its letters upper case.)
        let acronym = || {
            w.len() >= 2
                && w.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
        };
        // "I", "I've": the speaker, not a name ("US" is one).
        let speaker_self = FIRST_PERSON.has(fl[k]) && !acronym();
        if is_capitalised(w) && (!opens_clause() || acronym()) && !speaker_self && !not_a_name {
            let start = k;
            k += 1;
            while k < words.len()
                && !tokens[k - 1].closed
                && (is_capitalised(words[k])
                    || (NAME_PARTICLES.has(fl[k])
                        && k + 1 < words.len()
                        && is_capitalised(words[k + 1])))
            {
                k += 1;
            }
            // A lone capitalised word that is a common word ("An", "Most", "Will") or a
            // format or page label ("HD", "WATCH") names nobody.
            // ("US" and "IT" in capitals are names, though "us" and "it" are pronouns.)
            let pronoun_acronym = acronym() && fl[start] & !(FIRST_PERSON.0 | PRONOUNS.0) == 0;
            let lone_common_word = k == start + 1
                && ((fl[start] & !NAME_PARTICLES.0 != 0 && !pronoun_acronym)
                    || is_title_abbreviation(w, tokens[start].closed));
            // Titles and descriptions before the name ("Prime Minister Anna Smith",
            // "London-based Institute"), keeping at least one word.
            let mut first = start;
            while first + 1 < k
                && (attribution::is_title(
                    attribution_classes[first],
                    lows[first],
                    attribution_classes[first + 1],
                ) || lows[first].ends_with("-based"))
            {
                first += 1;
            }
            let name = words[first..k].join(" ");
            if !lone_common_word && names.len() < 8 && !names.contains(&name) {
                names.push(name);
            }
        } else {
            k += 1;
        }
    }
    // "NHS hospitals in England … NHS England": a name that is whole words of a longer one
    // in the same sentence is that one.
    if names.len() > 1 {
        let mut inside = 0u8; // one bit per name (at most 8)
        for (n, name) in names.iter().enumerate() {
            if names
                .iter()
                .any(|longer| longer.len() > name.len() && contains_words(longer, name))
            {
                inside |= 1 << n;
            }
        }
        let mut n = 0;
        names.retain(|_| {
            n += 1;
            inside & (1 << (n - 1)) == 0
        });
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_with_units_and_percent() {
        let s = analyse(
            "A U.S. official said consensus was reached on an estimated 90% of issues after five hours.",
        );
        assert_eq!(s.figures, vec!["90%", "five hours"]);
        assert!(s.percent);
        assert_eq!(s.claimant.as_deref(), Some("A U.S. official"));
        assert_eq!(s.attribution.as_deref(), Some("said"));
    }

    #[test]
    fn dates_are_not_figures() {
        let s = analyse(
            "Witkoff held talks with Putin in Moscow on Dec. 2 and again on Monday, as in 2014.",
        );
        assert_eq!(s.dates, vec!["Dec. 2", "Monday", "2014"]);
        assert!(s.figures.is_empty(), "{:?}", s.figures);
    }

    #[test]
    fn money() {
        let s = analyse("The city spent $4.5 million on the bridge.");
        assert!(s.money);
        assert_eq!(s.figures, vec!["$4.5 million"]);
    }

    #[test]
    fn claimants() {
        let cases = [
            (
                "Zelenskyy’s top security official, Rustem Umerov, cited “real progress” in talks.",
                Some("Rustem Umerov"),
            ),
            (
                "“We will act,” said Ana Lima, the minister.",
                Some("Ana Lima"),
            ),
            ("“If we fail, it is over,” Merz said.", Some("Merz")),
            (
                "Ushakov said in prerecorded remarks that it was unacceptable.",
                Some("Ushakov"),
            ),
            (
                "The plan failed, according to the U.S. official, who spoke anonymously.",
                Some("the U.S. official"),
            ),
            (
                "Ursula von der Leyen told reporters the deal was done.",
                Some("Ursula von der Leyen"),
            ),
            (
                "Zelenskyy repeatedly rejected the demand.",
                Some("Zelenskyy"),
            ),
            ("The rain fell all day.", None),
        ];
        for (text, want) in cases {
            assert_eq!(analyse(text).claimant.as_deref(), want, "{text}");
        }
        assert!(
            analyse("She said the plan would fail.")
                .speaker
                .pronoun
                .is_some()
        );
    }

    #[test]
    fn stance_prediction_comparison_hedge() {
        let s = analyse(
            "The administration has already ruled out support, and prices will rise more than 5%.",
        );
        assert!(s.positions.contains(&"ruled out".to_string()));
        assert_eq!(s.prediction.as_deref(), Some("will"));
        assert_eq!(s.comparison.as_deref(), Some("more than"));
        assert_eq!(
            analyse("I think we should do better.").hedge.as_deref(),
            Some("think")
        );
    }

    /// The plain definition of [`has_quotation`].
    fn has_quotation_reference(s: &str) -> bool {
        if !s.contains('“') && s.matches('"').count() < 2 && !s.starts_with('"') {
            return false;
        }
        s.split(['“', '”', '"'])
            .skip(1)
            .step_by(2)
            .any(|q| q.split_whitespace().count() >= 2)
    }

    proptest::proptest! {
        #[test]
        fn quotation_scan_matches_the_plain_definition(s in "[a b\"“”‘’—\u{a0}日Ü]{0,30}") {
            proptest::prop_assert_eq!(has_quotation(&s), has_quotation_reference(&s), "{:?}", s);
        }
    }

    #[test]
    fn names_are_names_and_a_date_is_one_reason() {
        let s = analyse("The agency said: An official in HD video met Jane Roe of UNICEF.");
        assert_eq!(s.names, vec!["Jane Roe of UNICEF"]);
        let s = analyse("The vote was held on April 16, 2024, and again on Monday, May 6.");
        assert_eq!(s.dates, vec!["April 16, 2024", "Monday, May 6"]);
        assert!(s.figures.is_empty(), "{:?}", s.figures);
        let s = analyse("Talks resumed on 16 April 2024 in Geneva, with 40 delegates.");
        assert_eq!(s.dates, vec!["16 April 2024"]);
        assert_eq!(s.figures, vec!["40 delegates"]);
        let s = analyse("The fall is real, said Dr. Helen Carr of the King's Fund.");
        assert_eq!(s.names, vec!["Helen Carr", "King's Fund"]);
    }

    #[test]
    fn names_leave_out_titles_descriptions_currencies_and_datelines() {
        let s =
            analyse("Prime Minister Anna Smith met Dr Sarah Patel and Finance Minister Ann Roe.");
        assert_eq!(s.names, vec!["Anna Smith", "Sarah Patel", "Ann Roe"]);
        let s = analyse(
            "The London-based Institute for Peace Studies said claims reached NOK 1.1 billion.",
        );
        assert_eq!(s.names, vec!["Institute for Peace Studies"]);
        assert_eq!(s.figures, vec!["NOK 1.1 billion"]);
        assert!(s.money);
        let s = analyse("The NHS said hospitals in England met targets, NHS England said.");
        assert_eq!(s.names, vec!["NHS England"]);
        let s = analyse("OSLO, Oct 14 (Reuters) - Heavy rain flooded towns across Norway.");
        assert!(!s.names.iter().any(|n| n == "Heavy"), "{:?}", s.names);
        assert_eq!(
            analyse("Finance Norway said so.").claimant.as_deref(),
            Some("Finance Norway")
        );
    }

    #[test]
    fn rates_fractions_and_comparatives() {
        let s = analyse("She said 1 in 10 surgical posts is vacant.");
        assert_eq!(s.figures, vec!["1 in 10"]);
        let s = analyse("The cost had risen by a third since the estimate in 2021.");
        assert!(
            s.figures.iter().all(|f| !f.contains("since")),
            "{:?}",
            s.figures
        );
        assert_eq!(
            analyse("Trams are cleaner than buses.")
                .comparison
                .as_deref(),
            Some("cleaner than")
        );
        assert_eq!(
            analyse("We walked rather than drove home.").comparison,
            None
        );
        // A passive "be added to" is no attribution.
        assert_eq!(
            analyse("Patients must be referred before they can be added to the list.").attribution,
            None
        );
    }

    #[test]
    fn durations_are_shown_as_figures_not_dates() {
        let s = analyse("Waits fell to 14.2 weeks in April 2024 after five hours of talks.");
        let figures: Vec<&String> = s.shown_figures().collect();
        let dates: Vec<&String> = s.shown_dates().collect();
        assert_eq!(figures, ["14.2 weeks", "five hours"]);
        assert_eq!(dates, ["April 2024"]);
    }

    #[test]
    fn compound_figures_and_general_statements() {
        let s = analyse("We still have trillion-dollar deficits.");
        assert_eq!(s.figures, vec!["trillion-dollar"]);
        assert!(
            analyse("The one-sided match ended early.")
                .figures
                .is_empty()
        );
        for text in [
            "Less snow cover lets the ground warm faster.",
            "Applicants must hold a licence issued by the state.",
        ] {
            assert!(analyse(text).is_factual(), "{text}");
        }
    }

    #[test]
    fn list_labels_and_one_thing_are_no_figures() {
        for text in [
            "Number two, we are going to increase our trade.",
            "One thing is clear about the plan.",
            "That is just one tiny example of the problem.",
        ] {
            assert!(!analyse(text).has_figure(), "{text}");
        }
        assert_eq!(
            analyse("The fund lost one million dollars in number 3 of its accounts.").figures,
            vec!["one million"]
        );
    }

    #[test]
    fn relative_times_are_dates_but_not_on_the_calendar() {
        for text in [
            "As we have seen tonight, foreign policy is difficult.",
            "That is what we have been going through for the last eight years.",
        ] {
            let s = analyse(text);
            assert!(!s.dates.is_empty() && !s.calendar_date, "{text}: {s:?}");
            assert!(!s.has_strong_signal(), "{text}");
        }
        for text in [
            "The vote was held in 1998.",
            "The minister resigned on Tuesday.",
            "Talks resume in December.",
        ] {
            assert!(analyse(text).calendar_date, "{text}");
        }
    }

    #[test]
    fn the_speaker_is_first_person_and_no_name_but_us_is_a_country() {
        let s = analyse("Well, I've met Putin and I'm sure of it.");
        assert!(s.first_person);
        assert_eq!(s.names, vec!["Putin"]);
        assert!(
            analyse("Her address is Jane.Doe@example.com today.")
                .names
                .is_empty()
        );
        let s = analyse("The talks with US officials ended.");
        assert!(!s.first_person);
        assert_eq!(s.names, vec!["US"]);
    }

    #[test]
    fn names_and_quotes() {
        let s = analyse("Chancellor Friedrich Merz hosted NATO Secretary General Mark Rutte.");
        assert_eq!(
            s.names,
            vec!["Friedrich Merz", "NATO Secretary General Mark Rutte"]
        );
        assert!(analyse("He called it “a criminal attack on Europe”.").quote);
        assert!(!analyse("It was a “win”.").quote);
        assert!(analyse("‘Some councils will simply run out of money.’").quote);
        assert!(analyse("She called it ‘a council’s worst year’ on air.").quote);
        assert!(!analyse("The council’s budget and the mayor’s plan.").quote);
        assert!(!analyse("It was a ‘win’ for them.").quote);
    }
}
