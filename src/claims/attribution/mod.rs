//! Who a claim is attributed to, as a fact-checker reads it.
//!
//! Two steps. [`read`] looks at one sentence alone: the speaker it names ("said economist
//! Jane Roe of the Federal Reserve Bank of Boston" → Jane Roe; "according to Dr. Müller";
//! "The London-based Institute for Peace Studies said"), a pronoun standing for one ("she
//! said"), how it sits in a quotation, and the full names it mentions. Words inside
//! quotation marks are never a speaker. This runs for every sentence, in parallel.
//!
//! Then a [`Tracker`] walks the sentences in order and settles what depends on the ones
//! before: a surname becomes the full name given earlier ("Roe said" → Jane Roe), a
//! pronoun the most recent speaker it fits, "the company" the organisation last quoted,
//! and a quotation running on over sentences and paragraphs keeps its speaker until
//! another is named. It works on byte ranges of the article, so it allocates nothing.

mod carry;
pub mod eval;
mod names;
mod patterns;
mod quotes;
pub(super) mod words;

pub use carry::{REACH, Sentence, Tracker, set_reason};
pub(crate) use patterns::read;
pub use patterns::read_sentence;

/// Is a word of these attribution classes a title before a name ("Minister", "Dr")? A
/// portfolio word ("Finance", "State") only before another title ("Finance Minister").
pub fn is_title(classes: u32, low: &str, next_classes: u32) -> bool {
    classes & words::TITLE != 0
        && (!words::TITLE_MODIFIERS.contains(&low) || next_classes & words::TITLE != 0)
}
pub use quotes::QuoteShape;

/// What kind of speaker a name is: decides which pronoun may point back to it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SpeakerKind {
    /// A person ("Jane Roe", "a Treasury spokesperson").
    #[default]
    Person,
    /// A named organisation ("Institute for Peace Studies", "NASA").
    Organisation,
    /// People in the plural ("officials", "council leaders"): "they".
    Group,
    /// "the company", "the group": the organisation named before.
    Reference,
    /// One capitalised word, no title: a surname, a firm or a capital ("Moscow").
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// A speaker pronoun outside any quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    He,
    She,
    They,
    It,
}

/// A name in a sentence: byte offsets into the sentence (32 bits keep a sentence's
/// attribution small; it is copied with every sentence's signals).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    start: u32,
    end: u32,
    pub kind: SpeakerKind,
    pub gender: Option<Gender>,
}

impl Named {
    pub fn new(start: usize, end: usize, kind: SpeakerKind, gender: Option<Gender>) -> Self {
        let offset = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        Named {
            start: offset(start),
            end: offset(end),
            kind,
            gender,
        }
    }

    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn text<'a>(&self, sentence: &'a str) -> &'a str {
        sentence
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

/// How many full names of one sentence are kept for linking surnames.
pub const NAMES_PER_SENTENCE: usize = 3;

/// The attribution of one sentence read on its own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Local {
    /// The speaker the sentence names.
    pub speaker: Option<Named>,
    /// Or the pronoun that stands for one.
    pub pronoun: Option<Pronoun>,
    pub quote: QuoteShape,
    /// Full personal names mentioned outside quotations.
    pub names: [Option<Named>; NAMES_PER_SENTENCE],
    /// When no speaker is named: a person the sentence opens with ("Mary Collins runs
    /// three homes."), whom a following "she said" may mean.
    pub subject: Option<Named>,
}

impl Local {
    /// The claimant as far as the sentence alone tells: its named speaker.
    pub fn claimant<'a>(&self, sentence: &'a str) -> Option<&'a str> {
        self.speaker.map(|n| n.text(sentence))
    }

    /// Nothing here for the sentences after it, nor anything to take from before.
    pub fn is_empty(&self) -> bool {
        self.speaker.is_none()
            && self.subject.is_none()
            && self.pronoun.is_none()
            && !self.quote.marks
            && self.names[0].is_none()
    }
}

#[cfg(test)]
mod tests;
