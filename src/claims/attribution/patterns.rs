//! The patterns of English news attribution, read off one sentence:
//! quote–verb–speaker ("…,” said economist Jane Roe of X), speaker–verb ("Smith, speaking
//! in Oslo, said"), "according to X", "X issued a statement saying", a document and its
//! author ("a poll by the University of Denver found"), and the subject of a stance verb
//! ("Moscow has complained", "the Treasury rejected"). Quoted words are never a speaker.

use std::cell::RefCell;

use super::names::{CAPITAL, QUOTED, View, clean, people, run_forward};
use super::words::*;
use super::{Local, NAMES_PER_SENTENCE, Named, Pronoun, SpeakerKind, quotes};
use crate::claims::tokens::{Token, tokenize};

thread_local! {
    /// Each word's classes, reused from sentence to sentence.
    static CLASSES: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// [`read`] on a sentence given as text.
pub fn read_sentence(s: &str) -> Local {
    let mut tokens = Vec::new();
    tokenize(s, &mut tokens);
    let lower = s.to_ascii_lowercase();
    let words: Vec<&str> = tokens.iter().map(|t| t.text(s)).collect();
    let lows: Vec<&str> = tokens.iter().map(|t| &lower[t.start..t.end]).collect();
    let word_classes: Vec<u32> = lows.iter().map(|low| classes(low)).collect();
    read(s, &tokens, &words, &lows, &word_classes)
}

/// Reads the attribution of one sentence from its tokens, the words as written and
/// ASCII-lowercased, and each word's [`classes`] (looked up by the caller with the
/// signals' own, in one lexicon lookup).
pub(crate) fn read(
    s: &str,
    tokens: &[Token],
    words: &[&str],
    lows: &[&str],
    word_classes: &[u32],
) -> Local {
    CLASSES.with_borrow_mut(|cls| {
        cls.clear();
        // Every class some word has: a sentence without a verb of saying, stance or finding
        // names no speaker, and most sentences are passed over at that.
        let mut verbs = 0;
        cls.extend(words.iter().zip(word_classes).map(|(w, &word_classes)| {
            let first = w.as_bytes()[0];
            let upper = if first < 0x80 {
                first.is_ascii_uppercase()
            } else {
                w.chars().next().is_some_and(char::is_uppercase)
            };
            let capital = if upper { CAPITAL } else { 0 };
            verbs |= word_classes;
            word_classes | capital
        }));
        let mut first_token = 0;
        let quote = quotes::read(s, |from, to| {
            while first_token < tokens.len() && tokens[first_token].start < from {
                first_token += 1;
            }
            let mut k = first_token;
            while k < tokens.len() && tokens[k].start < to {
                cls[k] |= QUOTED;
                k += 1;
            }
        });
        let v = View {
            s,
            tokens,
            words,
            lows,
            cls,
        };
        let mut local = Local {
            quote,
            ..Local::default()
        };
        let mut n = 0;
        let mut first_person = None;
        people(&v, &mut |at, named| {
            if n < NAMES_PER_SENTENCE {
                local.names[n] = Some(named);
                n += 1;
            }
            first_person = first_person.or(Some((at, named)));
        });
        let found = if verbs & (SPEECH | STANCE | FINDING | PARTICIPLE) != 0 {
            speaker(&v).filter(|found| !names_nobody(&v, found))
        } else {
            None
        };
        match found {
            Some(Found::Named(named)) => local.speaker = Some(named),
            Some(Found::Pronoun(p)) => local.pronoun = Some(p),
            None => {
                local.subject = first_person
                    .filter(|&(at, _)| at < 6)
                    .map(|(_, named)| named);
            }
        }
        local
    })
}

enum Found {
    Named(Named),
    Pronoun(Pronoun),
}

/// A speaker phrase with a word that is never a speaker in it ("I", "let me", "we've",
/// "everybody"): the one speaking gives their own view, which a checker cannot attribute.
fn names_nobody(v: &View, found: &Found) -> bool {
    let Found::Named(named) = found else {
        return false;
    };
    let span = named.start()..named.start() + named.text(v.s).len();
    v.tokens
        .iter()
        .enumerate()
        .skip_while(|(_, t)| t.start < span.start)
        .take_while(|(_, t)| t.end <= span.end)
        .any(|(k, _)| v.has(k, NOT_SPEAKER))
}

fn speaker(v: &View) -> Option<Found> {
    let outside = |k: usize| !v.quoted(k);
    // "According to X, …" names its source outright.
    for k in 0..v.len().saturating_sub(1) {
        if v.lows[k] == "according"
            && v.lows[k + 1] == "to"
            && outside(k)
            && let Some(found) = after_verb(v, k + 2)
        {
            return Some(found);
        }
    }
    // The speech verbs, in order: the first with a speaker is the attribution.
    for k in 0..v.len() {
        if !v.has(k, SPEECH) || !outside(k) || v.lows[k] == "according" || is_noun_use(v, k) {
            continue;
        }
        if after_quotation(v, k)
            && let Some(found) = after_verb(v, k + 1)
        {
            return Some(found);
        }
        if let Some(found) = subject(v, k) {
            return Some(with_gender_hint(v, k, found));
        }
    }
    // "…, saying …": the speaker is the subject of the main clause.
    for k in 1..v.len() {
        if v.has(k, PARTICIPLE) && outside(k) && (v.comma_after(k - 1) || v.has(k - 1, DOCUMENT)) {
            return clause_subject(v).map(Found::Named);
        }
    }
    // A document states what it found: "the study found", "a poll by X found" (X).
    for k in 1..v.len() {
        if v.has(k, FINDING) && outside(k) && (0..k).any(|j| v.has(j, DOCUMENT)) {
            return subject(v, k);
        }
    }
    // Positions belong to their subject: "Moscow has complained", "Ortiz disputed".
    for k in 1..v.len() {
        if v.has(k, STANCE)
            && outside(k)
            && !v.cap(k)
            && let Some(found) = subject(v, k)
        {
            return Some(found);
        }
    }
    None
}

/// "Insurance claims reached …", "reports show …": a speech word in `-s` followed by a
/// verb is a plural noun, not the verb of the sentence.
fn is_noun_use(v: &View, k: usize) -> bool {
    let next = k + 1;
    v.lows[k].ends_with('s')
        && next < v.len()
        && !v.quoted(next)
        && !v.edge_after(k)
        && (matches!(
            v.lows[next],
            "is" | "are"
                | "was"
                | "were"
                | "have"
                | "has"
                | "had"
                | "will"
                | "would"
                | "could"
                | "may"
                | "rose"
                | "fell"
                | "grew"
                | "hit"
                | "show"
                | "showed"
                | "suggest"
                | "remain"
        ) || (v.lows[next].ends_with("ed") && !v.has(next, SPEECH | STANCE)))
}

/// The verb at `k` follows a quotation directly ("…,” said X" / "…,” X said" is handled
/// by the subject): a closing mark between the word before and the verb.
fn after_quotation(v: &View, k: usize) -> bool {
    k > 0 && {
        let gap = &v.s[v.tokens[k - 1].end..v.tokens[k].start];
        v.quoted(k - 1) || gap.contains(['”', '"', '’', '»'])
    }
}

/// The speaker named after a verb or "according to": "said economist Jane Roe of X",
/// "said the minister", "said he", "according to market research firm IDC".
fn after_verb(v: &View, from: usize) -> Option<Found> {
    if from >= v.len() || v.quoted(from) {
        return None;
    }
    if v.has(from, PRONOUN) {
        return pronoun(v.lows[from]).map(Found::Pronoun);
    }
    let determiner = v.has(from, DETERMINER) && !v.cap(from);
    let mut k = from + usize::from(determiner);
    // Lowercase descriptions before a name ("ice scientist", "market research firm").
    let descriptions = k;
    while k < v.len()
        && k < descriptions + 4
        && !v.cap(k)
        && !v.quoted(k)
        && !v.has(k, OPENER | FILLER | SPEECH | PARTICLE)
        && !v.edge_after(k)
    {
        k += 1;
    }
    // "according to figures from the Department of Energy": the document's author.
    // Also with a participle between: "according to figures published by NHS England".
    let document_before = |k: usize| {
        v.has(k - 1, DOCUMENT)
            || (k >= from + 2 && v.lows[k - 1].ends_with("ed") && v.has(k - 2, DOCUMENT))
    };
    if k > from
        && k + 1 < v.len()
        && matches!(v.lows[k], "from" | "by" | "of")
        && document_before(k)
    {
        k += 1 + usize::from(v.lows[k + 1] == "the");
    }
    if k < v.len() && v.cap(k) && !v.quoted(k) {
        let end = run_forward(v, k).max(k + 1);
        // A name before a noun describes it: "the U.S. official", "a Treasury spokesperson".
        let modifier = end < v.len()
            && !v.edge_after(end - 1)
            && !v.quoted(end)
            && !v.cap(end)
            && !v.has(
                end,
                OPENER | FILLER | SPEECH | STANCE | PARTICLE | RELATIVE | PRONOUN,
            )
            && !v.lows[end].ends_with("ed");
        if modifier {
            let mut stop = end + 1;
            while stop < v.len()
                && stop < end + 3
                && !v.edge_after(stop - 1)
                && !v.cap(stop)
                && !v.quoted(stop)
                && !v.has(
                    stop,
                    OPENER | FILLER | SPEECH | STANCE | PARTICLE | RELATIVE,
                )
            {
                stop += 1;
            }
            return description(v, from, stop).map(Found::Named);
        }
        if let Some(named) = clean(v, k, end) {
            return Some(Found::Named(named));
        }
    }
    if determiner || v.has(from, GROUP) {
        // A description is the speaker: "said the minister", "according to local media".
        let mut end = from + 1;
        while end < v.len()
            && end < from + 5
            && !v.edge_after(end - 1)
            && !v.quoted(end)
            && !v.has(end, OPENER | FILLER | SPEECH | PARTICLE | RELATIVE)
            && !v.lows[end].ends_with("ed")
        {
            end += 1;
        }
        return description(v, from, end).map(Found::Named);
    }
    // "according to local media": lowercase words only.
    if k > from && v.edge_after(k.min(v.len() - 1)) {
        return description(v, from, (k + 1).min(v.len())).map(Found::Named);
    }
    None
}

/// "Haines said he would retire": a pronoun right after the verb is the speaker's, so it
/// tells which of two people named Haines is meant.
fn with_gender_hint(v: &View, verb: usize, found: Found) -> Found {
    let Found::Named(mut named) = found else {
        return found;
    };
    let next = if v.lows.get(verb + 1) == Some(&"that") {
        verb + 2
    } else {
        verb + 1
    };
    if named.gender.is_none() && next < v.len() && !v.quoted(next) {
        named.gender = match v.lows[next] {
            "he" => Some(super::Gender::Male),
            "she" => Some(super::Gender::Female),
            _ => None,
        };
    }
    Found::Named(named)
}

fn pronoun(low: &str) -> Option<Pronoun> {
    match low {
        "he" => Some(Pronoun::He),
        "she" => Some(Pronoun::She),
        "they" => Some(Pronoun::They),
        "it" => Some(Pronoun::It),
        _ => None,
    }
}

/// A descriptive speaker, words `from..to`: "a Treasury spokesperson", "council leaders",
/// "the company" (a reference to the organisation named before).
fn description(v: &View, from: usize, to: usize) -> Option<Named> {
    let head = to - 1;
    let plural =
        |k: usize| v.has(k, GROUP) || (v.lows[k].ends_with('s') && !v.lows[k].ends_with("ss"));
    // One lowercase word speaks only as a group ("officials", "police"): "be", "debate"
    // or "country" alone are no speaker.
    if from >= to
        || (to - from == 1
            && (v.has(from, DETERMINER | OPENER | PARTICLE | FILLER | PRONOUN)
                || (!v.cap(from) && !plural(from))))
    {
        return None;
    }
    let kind = if to - from == 2 && v.lows[from] == "the" && v.has(head, ORG_HEAD) && !v.cap(head)
        || to - from == 2 && v.lows[from] == "the" && v.lows[head] == "club"
    {
        SpeakerKind::Reference
    } else if plural(head) {
        SpeakerKind::Group
    } else {
        SpeakerKind::Person
    };
    Some(Named::new(
        v.tokens[from].start,
        v.tokens[head].end,
        kind,
        None,
    ))
}

/// The subject of the verb at `k`, before it.
fn subject(v: &View, k: usize) -> Option<Found> {
    let mut j = k;
    while j > 0
        && !v.quoted(j - 1)
        && !v.edge_after(j - 1)
        && (v.has(j - 1, FILLER) || (v.lows[j - 1].ends_with("ly") && v.lows[j - 1].len() > 3))
    {
        j -= 1;
    }
    // "want to say", "going to say": an infinitive has no subject of its own here.
    if j == 0 || v.quoted(j - 1) || v.lows[j - 1] == "to" {
        return None;
    }
    // A passive ("was challenged by") has no speaker before its verb.
    if j < k && matches!(v.lows[k - 1], "was" | "were" | "been" | "be" | "is" | "are") {
        return None;
    }
    let last = j - 1;
    if v.has(last, PRONOUN) {
        return pronoun(v.lows[last]).map(Found::Pronoun);
    }
    // "Umerov lauded them — and said …": the verb shares the clause's subject.
    if matches!(v.lows[last], "and" | "but") {
        return clause_subject(v).map(Found::Named);
    }
    // "some reports", "the claims": a noun, not a speech verb.
    if v.has(last, DETERMINER) || v.possessive(last) {
        return None;
    }
    if v.has(last, RELATIVE) {
        // "…, a logistics company, Van Dijk Transport, which said": the noun before.
        return (last > 0 && v.comma_after(last - 1))
            .then(|| phrase_ending_at(v, last - 1))
            .flatten()
            .map(Found::Named);
    }
    if v.comma_after(last) {
        return parenthesis(v, last).map(Found::Named);
    }
    if v.edge_after(last) {
        return None;
    }
    phrase_ending_at(v, last).map(Found::Named)
}

/// "X, …, said": the words between two commas before the verb describe X ("Smith,
/// speaking in Oslo on Sunday, said") or name it ("His opponent, Maria Ortiz, said").
fn parenthesis(v: &View, last: usize) -> Option<Named> {
    let mut p = last;
    while p > 0 {
        p -= 1;
        if v.quoted(p) {
            return None;
        }
        if v.comma_after(p) {
            break;
        }
        if v.edge_after(p) {
            return phrase_ending_at(v, last);
        }
        if p == 0 {
            // No comma before: "Prices rose, officials said" has none to pair with.
            return phrase_ending_at(v, last);
        }
    }
    if !v.comma_after(p) {
        return phrase_ending_at(v, last);
    }
    let inner = p + 1;
    let head_is_name = v.cap(p) && !v.possessive(p);
    let inner_names = v.cap(inner) && !v.has(inner, OPENER | DETERMINER);
    if inner_names && !head_is_name {
        // The last name in the parenthesis: "Democratic state Sen. Maria Ortiz".
        let mut b = last;
        while b > inner && (v.cap(b - 1) || (v.has(b - 1, PARTICLE) && v.cap(b.saturating_sub(2))))
        {
            b -= 1;
        }
        let end = run_forward(v, b).max(b + 1);
        return clean(v, b, end);
    }
    if v.has(inner, RELATIVE)
        || !v.cap(inner)
        || v.words[inner].starts_with(|c: char| c.is_ascii_digit())
        || head_is_name
    {
        return phrase_ending_at(v, p);
    }
    phrase_ending_at(v, last)
}

/// The noun phrase whose last word is `e`: a name ("Governor Rachel Dunn of Montana" →
/// Rachel Dunn) or a description ("a person familiar with the talks").
fn phrase_ending_at(v: &View, e: usize) -> Option<Named> {
    if v.quoted(e) {
        return None;
    }
    if v.cap(e) && !v.possessive(e) {
        let mut b = e;
        // Back over the name, its particles and "of the" ("International Committee of
        // the Red Cross").
        while b > 0 && !v.edge_after(b - 1) && !v.quoted(b - 1) {
            // Particles ("von der", "of the") with a name word before them.
            let particle = v.has(b - 1, PARTICLE) && {
                let mut p = b - 1;
                while p > 0 && v.has(p - 1, PARTICLE) && !v.cap(p - 1) && b - p < 3 {
                    p -= 1;
                }
                p > 0 && v.cap(p - 1) && !v.edge_after(p - 1)
            };
            if !(v.cap(b - 1) || particle) {
                break;
            }
            b -= 1;
        }
        if let Some(group) = group_in_place(v, b, e) {
            return Some(group);
        }
        let end = run_forward(v, b).max(b + 1);
        let named = clean(v, b, end.min(e + 1).max(b + 1))?;
        return Some(single_word_kind(v, named, b, e));
    }
    // A description: back to its determiner, within the clause.
    let mut b = e;
    let mut determiner = None;
    while b > 0 && e - b < 7 {
        let j = b - 1;
        if v.edge_after(j) || v.quoted(j) || v.has(j, SPEECH | STANCE | FILLER | RELATIVE) {
            break;
        }
        if v.has(j, OPENER) && !matches!(v.lows[j], "of" | "for" | "with" | "at" | "from" | "in") {
            break;
        }
        if v.lows[j].ends_with("ed") && !v.cap(j) && v.lows[j] != "red" {
            // "released", "involved": a clause, unless a determiner comes before it.
            if determiner.is_none() {
                break;
            }
        }
        b = j;
        if v.has(j, DETERMINER) && !v.has(j, PRONOUN) {
            determiner = Some(j);
        }
    }
    let from = match determiner {
        Some(d) => d,
        None => {
            // No determiner: the words right before the verb ("council leaders").
            let mut f = e;
            while f > b && !v.has(f - 1, PARTICLE | OPENER) {
                f -= 1;
            }
            f
        }
    };
    if v.has(from, DETERMINER)
        && v.cap(from)
        && from < e
        && v.cap(from + 1)
        && (from + 1..=e).all(|j| v.cap(j) || v.has(j, PARTICLE))
    {
        return clean(v, from + 1, e + 1);
    }
    description(v, from, e + 1)
}

/// "Hospitals in the North East reported", "police in Oslo said": the name `b..=e` is
/// where the speakers are, and the speakers are the plural noun before it.
fn group_in_place(v: &View, b: usize, e: usize) -> Option<Named> {
    let before_the = b.checked_sub(usize::from(b > 0 && v.lows[b - 1] == "the"))?;
    let prep = before_the.checked_sub(1)?;
    if !matches!(v.lows[prep], "in" | "across" | "near") || prep == 0 {
        return None;
    }
    let head = prep - 1;
    let plural = v.has(head, GROUP)
        || (v.lows[head].ends_with('s') && !v.lows[head].ends_with("ss") && v.lows[head].len() > 3);
    if !plural || v.edge_after(head) || v.quoted(head) || v.has(head, PRONOUN | DETERMINER) {
        return None;
    }
    // The head with the lowercase words or the determiner before it ("local hospitals").
    let mut from = head;
    while from > 0
        && head - from < 3
        && !v.edge_after(from - 1)
        && !v.quoted(from - 1)
        && !v.cap(from - 1)
        && !v.has(
            from - 1,
            OPENER | SPEECH | STANCE | FILLER | RELATIVE | PRONOUN,
        )
    {
        from -= 1;
    }
    Some(Named::new(
        v.tokens[from].start,
        v.tokens[e].end,
        SpeakerKind::Group,
        None,
    ))
}

/// One capitalised word without title is a surname, a firm or a capital: [`SpeakerKind::Unknown`].
fn single_word_kind(v: &View, mut named: Named, from: usize, e: usize) -> Named {
    let words = named.text(v.s).split_whitespace().count();
    if words == 1 && named.kind == SpeakerKind::Person && e >= from {
        named.kind = SpeakerKind::Unknown;
    }
    named
}

/// The subject at the start of the main clause, after an opening phrase ("On Monday, …").
fn clause_subject(v: &View) -> Option<Named> {
    let mut from = 0;
    if v.has(0, OPENER) {
        while from < v.len() && !v.comma_after(from) {
            from += 1;
        }
        from += 1;
    }
    if from >= v.len() || v.quoted(from) {
        return None;
    }
    let start = from + usize::from(v.has(from, DETERMINER) && v.cap(from + 1));
    if v.cap(start) {
        let mut end = run_forward(v, start).max(start + 1);
        // "Opposition leader Per Haugen", "Labour leader Ann Roe": a lowercase title
        // between a description and the name; `clean` keeps the name after it.
        while end + 1 < v.len()
            && v.has(end, TITLE)
            && !v.cap(end)
            && v.cap(end + 1)
            && !v.edge_after(end - 1)
            && !v.edge_after(end)
            && !v.quoted(end + 1)
        {
            end = run_forward(v, end + 1).max(end + 2);
        }
        return clean(v, start, end).map(|n| single_word_kind(v, n, start, end - 1));
    }
    let mut end = from + 1;
    while end < v.len()
        && end < from + 5
        && !v.edge_after(end - 1)
        && !v.has(end, FILLER | SPEECH | STANCE | OPENER | PARTICLE)
        && !v.lows[end].ends_with("ed")
    {
        end += 1;
    }
    description(v, from, end)
}
