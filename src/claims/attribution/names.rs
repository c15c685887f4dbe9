//! Names in a sentence: where a name starts and ends, which words around it are titles or
//! descriptions rather than the name, and what kind of speaker it names.

use super::words::*;
use super::{Gender, Named, SpeakerKind};
use crate::claims::tokens::Token;

/// How far into a sentence [`people`] looks for names, in words.
pub const PEOPLE_WITHIN: usize = 6;

/// The word is inside a quotation.
pub const QUOTED: u32 = 1 << 30;
/// The word starts with a capital letter.
pub const CAPITAL: u32 = 1 << 29;

/// A sentence's words with their classes, as the patterns read them.
pub struct View<'a> {
    pub s: &'a str,
    pub tokens: &'a [Token],
    pub words: &'a [&'a str],
    pub lows: &'a [&'a str],
    pub cls: &'a [u32],
}

impl View<'_> {
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn has(&self, k: usize, class: u32) -> bool {
        self.cls.get(k).is_some_and(|c| c & class != 0)
    }

    pub fn cap(&self, k: usize) -> bool {
        self.has(k, CAPITAL)
    }

    pub fn quoted(&self, k: usize) -> bool {
        self.has(k, QUOTED)
    }

    /// Punctuation after word `k` ends a phrase: a comma, a quote, a full stop that is not
    /// an abbreviation's ("Dr.", "U.S.", "J.").
    pub fn edge_after(&self, k: usize) -> bool {
        let t = &self.tokens[k];
        if !t.closed {
            return false;
        }
        let rest = &self.s[t.end..];
        let abbreviation = rest.starts_with('.')
            && !rest[1..].starts_with(['"', '”', '’', ','])
            && (self.has(k, TITLE)
                || self.words[k].chars().count() == 1
                || self.words[k].contains('.'));
        !abbreviation
    }

    /// A comma directly after word `k`.
    pub fn comma_after(&self, k: usize) -> bool {
        self.s[self.tokens[k].end..].starts_with(',')
    }

    pub fn possessive(&self, k: usize) -> bool {
        let w = self.lows[k];
        w.ends_with("’s") || w.ends_with("'s") || w.ends_with("s’") || w.ends_with("s'")
    }

    fn descriptive_prefix(&self, k: usize) -> bool {
        let w = self.lows[k];
        [
            "-based", "-born", "-led", "-owned", "-backed", "-funded", "-run", "-area",
        ]
        .iter()
        .any(|suffix| w.ends_with(suffix))
    }
}

/// The raw run of a name starting at `from`: capitalised words, and lowercase particles
/// between them ("Ursula von der Leyen", "Bank of England", "Centers for Disease Control
/// and Prevention"). Returns the end (exclusive); `from` itself when no name starts there.
pub fn run_forward(v: &View, from: usize) -> usize {
    let mut end = from;
    while end < v.len() && !v.quoted(end) {
        let k = end;
        if v.cap(k) {
            end += 1;
            // A possessive ends the name unless a capitalised word follows ("Fishermen’s
            // Association"): "Norway’s negotiators" is about Norway, not by it.
            if v.edge_after(k)
                || (v.possessive(k) && !v.cap(k + 1))
                || v.tokens.get(k + 1).is_some_and(|t| t.opened)
            {
                break;
            }
            continue;
        }
        if k > from && v.has(k, PARTICLE) && joins(v, from, k) {
            end += 1;
            continue;
        }
        break;
    }
    // Never end on a particle.
    while end > from && !v.cap(end - 1) {
        end -= 1;
    }
    end
}

/// May the lowercase word at `k` continue the name begun at `from`? Name particles always
/// may; "of", "for", "on" only after an organisation's head word ("Institute for Peace
/// Studies", but "Jane Roe of the Fed" is Jane Roe); "and" only inside an organisation's
/// name ("National Oceanic and Atmospheric Administration").
fn joins(v: &View, from: usize, k: usize) -> bool {
    let next_cap = |j: usize| v.cap(j) && !v.quoted(j);
    match v.lows[k] {
        "of" | "for" | "on" => {
            // "Secretary of State", "Minister for Health": a title's office.
            let head = v.has(k - 1, ORG_HEAD | TITLE);
            head && (next_cap(k + 1) || (v.lows.get(k + 1) == Some(&"the") && next_cap(k + 2)))
        }
        "the" => v.lows[k - 1] == "of" || v.lows[k - 1] == "for" || v.lows[k - 1] == "on",
        "and" => {
            if !next_cap(k + 1) {
                return false;
            }
            if org_like(v, from, k) {
                return true;
            }
            // The run after "and" ends with an organisation's head word.
            let mut j = k + 1;
            while j < v.len() && v.cap(j) && !v.quoted(j) {
                j += 1;
                if v.edge_after(j - 1) {
                    break;
                }
            }
            v.has(j - 1, ORG_HEAD)
        }
        // "von der Leyen": up to two particles before the next name word.
        _ => {
            v.has(k, PARTICLE)
                && (next_cap(k + 1) || (v.has(k + 1, PARTICLE) && !v.cap(k + 1) && next_cap(k + 2)))
        }
    }
}

fn org_like(v: &View, from: usize, to: usize) -> bool {
    (from..to).any(|j| v.cap(j) && v.has(j, ORG_HEAD))
}

fn acronym(word: &str) -> bool {
    if word.is_ascii() {
        let mut letters = word.bytes().filter(u8::is_ascii_alphabetic);
        let all_upper = letters.clone().all(|b| b.is_ascii_uppercase());
        return all_upper && letters.nth(1).is_some();
    }
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// The speaker a name run `from..to` names, with titles, descriptions and leading clause
/// words taken off: "The London-based Institute for Peace Studies" → "Institute for Peace
/// Studies"; "Georgia Attorney General Mark Henley" → "Mark Henley"; "Dr. Müller" stays.
pub fn clean(v: &View, mut from: usize, to: usize) -> Option<Named> {
    while from < to && (v.has(from, OPENER | DETERMINER) || v.descriptive_prefix(from)) {
        from += 1;
    }
    while from < to && !v.cap(from) {
        from += 1;
    }
    if from >= to {
        return None;
    }
    let org = org_like(v, from, to) || (to - from == 1 && acronym(v.words[from]));
    if org {
        return Some(Named::new(
            v.tokens[from].start,
            v.tokens[to - 1].end,
            SpeakerKind::Organisation,
            None,
        ));
    }
    // A person: the name is what follows the last title.
    let mut gender = None;
    let mut last_title = None;
    for j in from..to {
        // "Finance Minister Ann Roe", but "Finance Norway", "Health Canada": a portfolio
        // word is a title only before another title.
        if j + 1 < to && super::is_title(v.cls[j], v.lows[j], v.cls[j + 1]) {
            last_title = Some(j);
            if v.has(j, MALE) {
                gender = Some(Gender::Male);
            } else if v.has(j, FEMALE) {
                gender = Some(Gender::Female);
            }
        }
    }
    let mut name_from = last_title.map_or(from, |t| t + 1);
    while name_from < to && v.has(name_from, PARTICLE) && !v.cap(name_from) && name_from + 1 < to {
        // "de Vries" keeps its particle; "of" after a title does not start a name.
        if matches!(v.lows[name_from], "of" | "for" | "and" | "the" | "on") {
            name_from += 1;
        } else {
            break;
        }
    }
    // Titles with "of" ("Secretary of State Marco Rubio"): a person's name is short.
    let caps_in_name = (name_from..to).filter(|&j| v.cap(j)).count();
    if caps_in_name > 3 {
        name_from = to - 2;
    }
    if name_from >= to {
        return None;
    }
    // A lone surname keeps an honorific that comes right before it ("Dr. Müller").
    if to - name_from == 1
        && let Some(t) = last_title
        && t + 1 == name_from
        && v.has(t, HONORIFIC)
    {
        name_from = t;
    }
    if v.has(name_from, CALENDAR) && to - name_from == 1 {
        return None;
    }
    let kind = if to - name_from == 1 && v.has(name_from, GROUP) {
        SpeakerKind::Group
    } else {
        SpeakerKind::Person
    };
    Some(Named::new(
        v.tokens[name_from].start,
        v.tokens[to - 1].end,
        kind,
        gender,
    ))
}

/// Full personal names (two to four capitalised words, no organisation word) anywhere
/// outside quotations, for linking a later surname to them ("Roe said" → "Jane Roe").
pub fn people(v: &View, out: &mut impl FnMut(usize, Named)) {
    let mut k = 0;
    // A sentence introduces the people it is about near its start ("Mary Collins runs three
    // homes", "His daughter, Beth Haines, works the deck"); speakers named later in a
    // sentence are remembered as speakers. Looking no further keeps this cheap.
    while k < v.len().min(PEOPLE_WITHIN) {
        if !v.cap(k) || v.quoted(k) {
            k += 1;
            continue;
        }
        let end = run_forward(v, k);
        let end = end.max(k + 1);
        // Two words at least, so a lone capitalised word costs nothing more.
        if end - k >= 2
            && let Some(named) = clean(v, k, end)
            && named.kind == SpeakerKind::Person
        {
            // The name's words: from the token where it starts to `end`.
            let first = (k..end)
                .find(|&j| v.tokens[j].start == named.start())
                .unwrap_or(k);
            let words = end - first;
            let honorific_only = v.has(first, HONORIFIC);
            if (2..=4).contains(&words)
                && !honorific_only
                && !(first..end).any(|j| v.possessive(j) || acronym(v.words[j]))
            {
                out(k, named);
            }
        }
        k = end;
    }
}
