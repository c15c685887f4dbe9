//! Attribution carried from sentence to sentence, in text order.
//!
//! Everything here borrows the article text: names are slices of it, so walking a long
//! article allocates nothing but the claimants handed back.

use crate::claims::Reason;
use std::collections::VecDeque;

use super::{Gender, Local, Named, Pronoun, SpeakerKind};

/// A pronoun or a running quotation reaches back at most this many sentences to the last
/// time its speaker was named or carried: far enough for a quotation over a few short
/// paragraphs, near enough not to hand words to someone who left the story.
pub const REACH: usize = 6;
/// Full names kept for linking later surnames.
const NAMES_KEPT: usize = 128;
/// Speakers kept for pronouns.
const SPEAKERS_KEPT: usize = 8;

#[derive(Debug, Clone, Copy)]
struct Speaker<'t> {
    name: &'t str,
    kind: SpeakerKind,
    gender: Option<Gender>,
    /// The sentence that last named or carried this speaker.
    sentence: usize,
    /// Only mentioned as a sentence's subject, never quoted: a pronoun may point to them,
    /// a running quotation may not.
    mention: bool,
}

/// One sentence as the tracker sees it.
pub struct Sentence<'t, 'l> {
    /// Its index in the article.
    pub index: usize,
    /// Its paragraph's index in the article.
    pub paragraph: usize,
    pub text: &'t str,
    pub local: &'l Local,
}

/// Walks an article's sentences in order (see the module doc).
#[derive(Default)]
pub struct Tracker<'t> {
    speakers: Vec<Speaker<'t>>,
    /// (surname, full name), most recent last.
    names: VecDeque<(&'t str, &'t str)>,
    paragraph: usize,
    /// Sentences of this paragraph inside an open quotation, given the speaker before
    /// them for now: (caller's id, speaker's name).
    pending: Vec<usize>,
}

impl<'t> Tracker<'t> {
    pub fn new() -> Self {
        Tracker::default()
    }

    /// The claimant of `sentence`. `id` is the caller's name for it; when a later
    /// sentence closes a quotation this one opened and names its speaker, `settle` is
    /// called with the earlier sentences' ids and that speaker.
    pub fn step(
        &mut self,
        sentence: Sentence<'t, '_>,
        id: usize,
        settle: &mut dyn FnMut(usize, &'t str),
    ) -> Option<&'t str> {
        let Sentence {
            index,
            paragraph,
            text,
            local,
        } = sentence;
        if paragraph != self.paragraph {
            self.paragraph = paragraph;
            self.pending.clear();
        }
        if let Some(subject) = local.subject {
            // A person the sentence is about may be the "she" of the next one.
            let name = subject.text(text);
            self.remember(Speaker {
                name,
                kind: SpeakerKind::Person,
                gender: self
                    .speakers
                    .iter()
                    .find(|s| s.name == name)
                    .and_then(|s| s.gender),
                sentence: index,
                mention: true,
            });
        }
        for named in local.names.iter().flatten() {
            let full = named.text(text);
            if full.contains(' ') {
                let surname = last_word(full);
                if self.names.len() == NAMES_KEPT {
                    self.names.pop_front();
                }
                self.names.push_back((surname, full));
            }
        }
        let quote = local.quote;
        let own = if let Some(named) = local.speaker {
            Some(self.named(named, text, index))
        } else if let Some(p) = local.pronoun {
            self.pronoun(p, index)
        } else {
            None
        };
        if let Some(who) = own {
            // A quotation opened earlier in the paragraph closes here with its speaker.
            if quote.starts_inside {
                for earlier in self.pending.drain(..) {
                    settle(earlier, who);
                }
            }
            self.pending.clear();
            return Some(who);
        }
        // Quoted words with no speaker of their own continue the last speaker's.
        let continues =
            quote.all_quoted || quote.starts_inside || (quote.starts_quoted && quote.marks);
        if !continues {
            return None;
        }
        if quote.ends_inside {
            self.pending.push(id);
        }
        let last = self.speakers.iter_mut().rev().find(|s| !s.mention)?;
        if index - last.sentence > REACH {
            return None;
        }
        last.sentence = index;
        Some(last.name)
    }

    /// A named speaker, a surname made whole and "the company" made the company's name.
    fn named(&mut self, named: Named, text: &'t str, index: usize) -> &'t str {
        let written = named.text(text);
        let mut speaker = Speaker {
            name: written,
            kind: named.kind,
            gender: named.gender,
            sentence: index,
            mention: false,
        };
        match named.kind {
            SpeakerKind::Reference => {
                let head = written.split_whitespace().next_back().unwrap_or("");
                let organisation = self.speakers.iter().rev().find(|s| {
                    index - s.sentence <= 3 * REACH
                        && matches!(s.kind, SpeakerKind::Organisation | SpeakerKind::Unknown)
                        && (s.kind == SpeakerKind::Unknown
                            || s.name
                                .split_whitespace()
                                .any(|w| w.eq_ignore_ascii_case(head))
                            || !self.speakers.iter().any(|o| {
                                o.kind == SpeakerKind::Organisation
                                    && o.name
                                        .split_whitespace()
                                        .any(|w| w.eq_ignore_ascii_case(head))
                            }))
                });
                if let Some(org) = organisation {
                    speaker = Speaker {
                        sentence: index,
                        ..*org
                    };
                }
            }
            SpeakerKind::Person | SpeakerKind::Unknown => {
                // Names are single-spaced slices of one sentence: words split at ' '.
                let surname = last_word(written);
                let lone = match written.split_once(' ') {
                    None => true,
                    // "Dr. Müller", "Mr. Ellison": an honorific and a surname.
                    Some((first, rest)) => first.ends_with('.') && !rest.contains(' '),
                };
                // The full name given earlier, of a fitting gender when the sentence tells
                // ("Haines said he would retire"); else a speaker named with a title.
                let gender_of = |full: &str| {
                    self.speakers
                        .iter()
                        .find(|s| s.name == full)
                        .and_then(|s| s.gender)
                };
                let fits = |full: &str| {
                    named
                        .gender
                        .is_none_or(|g| gender_of(full).is_none_or(|known| known == g))
                };
                let full = self
                    .names
                    .iter()
                    .rev()
                    .find(|(s, f)| *s == surname && *f != written && fits(f))
                    .map(|(_, f)| *f)
                    .or_else(|| {
                        self.speakers
                            .iter()
                            .rev()
                            .find(|s| {
                                s.name != written
                                    && s.name.contains(' ')
                                    && last_word(s.name) == surname
                            })
                            .map(|s| s.name)
                    });
                if lone && let Some(full) = full {
                    speaker.name = full;
                    speaker.kind = SpeakerKind::Person;
                }
                if let Some(known) = self.speakers.iter().find(|s| s.name == speaker.name) {
                    speaker.gender = speaker.gender.or(known.gender);
                    if known.kind == SpeakerKind::Person {
                        speaker.kind = SpeakerKind::Person;
                    }
                }
            }
            SpeakerKind::Organisation | SpeakerKind::Group => {}
        }
        // A speaker's full name links their surname later on.
        if speaker.kind == SpeakerKind::Person
            && let Some((_, surname)) = speaker.name.rsplit_once(' ')
        {
            if self.names.len() == NAMES_KEPT {
                self.names.pop_front();
            }
            self.names.push_back((surname, speaker.name));
        }
        self.remember(speaker);
        speaker.name
    }

    /// The most recent speaker a pronoun can stand for.
    fn pronoun(&mut self, pronoun: Pronoun, index: usize) -> Option<&'t str> {
        let fits = |s: &Speaker| match pronoun {
            Pronoun::He | Pronoun::She => {
                let gender = if pronoun == Pronoun::He {
                    Gender::Male
                } else {
                    Gender::Female
                };
                matches!(s.kind, SpeakerKind::Person | SpeakerKind::Unknown)
                    && s.gender.is_none_or(|g| g == gender)
            }
            Pronoun::It => matches!(s.kind, SpeakerKind::Organisation | SpeakerKind::Unknown),
            Pronoun::They => matches!(
                s.kind,
                SpeakerKind::Group | SpeakerKind::Organisation | SpeakerKind::Unknown
            ),
        };
        let at = self
            .speakers
            .iter()
            .rposition(|s| index - s.sentence <= REACH && fits(s))?;
        let mut speaker = self.speakers.remove(at);
        speaker.sentence = index;
        speaker.mention = false;
        match pronoun {
            Pronoun::He => speaker.gender = Some(Gender::Male),
            Pronoun::She => speaker.gender = Some(Gender::Female),
            Pronoun::It | Pronoun::They => {}
        }
        if matches!(pronoun, Pronoun::He | Pronoun::She) {
            speaker.kind = SpeakerKind::Person;
        }
        let name = speaker.name;
        self.speakers.push(speaker);
        Some(name)
    }

    fn remember(&mut self, speaker: Speaker<'t>) {
        self.speakers.retain(|s| s.name != speaker.name);
        if self.speakers.len() == SPEAKERS_KEPT {
            self.speakers.remove(0);
        }
        self.speakers.push(speaker);
    }
}

/// The last word of a name.
fn last_word(name: &str) -> &str {
    name.rsplit_once(' ').map_or(name, |(_, last)| last)
}

/// Puts `who` into a claim's reasons as "attributed to: …", replacing the sentence's own
/// attribution reason.
pub fn set_reason(reasons: &mut Vec<Reason>, who: &str) {
    let entry = Reason::AttributedTo(who.to_string());
    if let Some(pos) = reasons
        .iter()
        .position(|r| matches!(r, Reason::AttributedTo(_) | Reason::Attribution(_)))
    {
        reasons[pos] = entry;
    } else {
        let pos = reasons
            .iter()
            .position(|r| !matches!(r, Reason::Figure(_) | Reason::Date(_)))
            .unwrap_or(reasons.len());
        reasons.insert(pos, entry);
    }
}
