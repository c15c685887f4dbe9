//! Page furniture that reads like prose: editors' update notes, media lines, chart and photo
//! credits, archive notices; and photo captions, which are claims of their own kind.
//!
//! These are general shapes of news pages (what the sentence *is*, read from its opening and
//! a few fixed phrases), never phrases of one article. [`super::boilerplate`] holds the
//! shorter credit and byline lines; both are checked only for sentences that would be listed.

use super::lexicon::{CAPTION_KEYS, PAGE_NOTE_KEYS};
use super::signals::Signals;

/// Openings (lowercase, after brackets and markup) of notes about the page rather than the story.
const OPENINGS: &[&str] = &[
    // Editors' notes about updates and corrections.
    "editor's note",
    "editor’s note",
    "editors' note",
    "editors’ note",
    "note to readers",
    "update:",
    "updated,",
    "correction:",
    "clarification:",
    // Contact lines of press releases.
    "for more information",
    "for further information",
    "for media enquiries",
    "for media inquiries",
    "media contact",
    "press contact",
    "media enquiries",
    "media inquiries",
    "notes to editors",
    // Media lines.
    "download this video",
    "download the video",
    "download this audio",
    "download video",
    "download audio",
    "download high-resolution",
    "watch:",
    "watch live",
    "watch the video",
    "watch the full",
    "watch more",
    "watch related",
    "listen:",
    "listen to the",
    "video:",
    "audio:",
    "play video",
    "related video",
    "related:",
    // Chart, map, photo and illustration credits.
    "chart by",
    "chart:",
    "charts by",
    "graphic by",
    "graphic:",
    "graphics by",
    "map by",
    "map:",
    "illustration by",
    "illustration:",
    "video by",
    "photograph by",
    "photograph:",
    "photographs by",
    "top image:",
    "header image:",
    "lead image:",
    "file photo",
    // Archive notices.
    "this is historical material",
    "this is an archived",
    "this page has been archived",
    "this content has been archived",
    "archived content",
    "archived page",
];

/// Phrases that mark such a note wherever they stand, in a short sentence.
const PHRASES: &[&str] = &[
    "has been updated with",
    "has been updated to",
    "was updated to",
    "was updated with",
    "story has been corrected",
    "article has been corrected",
    "story was corrected",
    "article was corrected",
    "this story has been updated",
    "this article has been updated",
    "in hd format",
    "using data from",
    "data source:",
    "no longer updated",
    "no longer being updated",
    "no longer maintained",
    "is not being updated",
    "historical material",
    "has been archived",
    "for reference purposes only",
];

/// Notes are short: a sentence longer than this is prose even if it holds a phrase above.
const MAX_NOTE_BYTES: usize = 300;

/// Is the sentence a note about the page (update note, media line, credit, archive notice)?
pub fn is_page_note(sentence: &str, signals: &Signals) -> bool {
    let body = sentence.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '(' | '[' | '*' | '_' | '-' | '—' | '|' | '>')
    });
    if body.len() > MAX_NOTE_BYTES * 2 {
        return false;
    }
    // Openings start with one of a few letters: most sentences are ruled out at once.
    let first = body.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
    if OPENINGS
        .iter()
        .any(|o| o.as_bytes()[0] == first && starts_with_ignore_case(body, o))
    {
        return true;
    }
    body.len() <= MAX_NOTE_BYTES
        && PAGE_NOTE_KEYS.has(signals.word_classes)
        && PHRASES.iter().any(|p| body.to_lowercase().contains(p))
}

/// `prefix` is lowercase; ASCII letters of `text` compare in either case.
fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()]
            .iter()
            .zip(prefix.as_bytes())
            .all(|(t, p)| t.to_ascii_lowercase() == *p)
}

/// Where people stand in a photo.
const POSITION_MARKERS: &[&str] = &[
    " from left",
    " from right",
    "(left)",
    "(right)",
    "(center)",
    "(centre)",
    "(front)",
    "(back)",
    ", left,",
    ", right,",
    ", center,",
    ", centre,",
    " pictured ",
    " is pictured",
    " are pictured",
    " seen here",
    " in this photo",
    " in this handout",
    " in this file photo",
    " in this image",
];

/// Present-tense verbs of what a photo shows ("X speaks with Y").
const PHOTO_VERBS: &[&str] = &[
    "speaks",
    "talks",
    "attends",
    "arrives",
    "walks",
    "gestures",
    "waves",
    "poses",
    "looks",
    "listens",
    "sits",
    "stands",
    "shakes",
    "greets",
    "delivers",
    "addresses",
    "holds",
    "meets",
    "leaves",
    "reacts",
    "smiles",
    "visits",
    "hugs",
    "votes",
    "prays",
    "marches",
    "rides",
    "signs",
    "chats",
    "kneels",
    "cries",
    "celebrates",
    "inspects",
    "displays",
    "shows",
    "carries",
];

/// A photo caption: says where people stand ("second from left", "(right)"), or describes a
/// scene in the present tense and ends with the photo's full date ("…, Feb. 21, 2016.").
/// Captions are listed with kind "caption" and ranked last (see `README.md`): what a
/// caption states can be checked, but it is rarely the story's claim.
pub fn is_caption(sentence: &str, signals: &Signals) -> bool {
    if sentence.len() > 400 {
        return false;
    }
    if !CAPTION_KEYS.has(signals.word_classes) && !ends_with_full_date(sentence) {
        return false;
    }
    let lower = sentence.to_lowercase();
    if POSITION_MARKERS.iter().any(|m| lower.contains(m)) {
        return true;
    }
    ends_with_full_date(sentence)
        && (lower
            .split(|c: char| !c.is_alphabetic())
            .any(|w| PHOTO_VERBS.contains(&w))
            || only_a_scene(signals))
}

/// Nothing but a scene and its date: no past event, speaker, figure, quotation, comparison,
/// forecast, opinion or general statement ("Firefighters work near Sept-Îles, Quebec,
/// June 6, 2023.").
fn only_a_scene(s: &Signals) -> bool {
    s.past_events.is_empty()
        && s.attribution.is_none()
        && s.claimant.is_none()
        && !s.quote
        && !s.has_figure()
        && s.comparison.is_none()
        && s.prediction.is_none()
        && s.hedge.is_none()
        && s.general.is_none()
        && s.positions.is_empty()
        && !s.first_person
        && !s.question
}

/// "…, Feb. 21, 2016." / "… on March 3, 2024." / "… (AP Photo/…, 2019)": a month, a day and a
/// year closing the sentence.
fn ends_with_full_date(text: &str) -> bool {
    let end = text.trim_end_matches(|c: char| c == '.' || c == ')' || c.is_whitespace());
    // A year ends it: most sentences are ruled out here, before splitting any words.
    if !end.as_bytes().last().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let mut words = end
        .rsplit(|c: char| c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| c == ',' || c == '.' || c == '('));
    let (Some(year), Some(day), Some(month)) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && (1..=2).contains(&day.len())
        && day.bytes().all(|b| b.is_ascii_digit())
        && super::lexicon::MONTHS_LIST
            .iter()
            .any(|m| m.eq_ignore_ascii_case(month))
}

#[cfg(test)]
mod tests {
    use super::super::signals::analyse;

    fn is_page_note(s: &str) -> bool {
        super::is_page_note(s, &analyse(s))
    }

    fn is_caption(s: &str) -> bool {
        super::is_caption(s, &analyse(s))
    }

    #[test]
    fn update_notes() {
        for s in [
            "The story below has been updated with comments from the ministry.",
            "Editor’s note: This article was first published on March 3.",
            "This story has been updated to include the final vote count.",
            "Correction: An earlier version misstated the mayor's age.",
        ] {
            assert!(is_page_note(s), "{s}");
        }
    }

    #[test]
    fn press_release_contact_lines() {
        for s in [
            "For more information contact the press office on 020 7946 0000.",
            "For media enquiries, email press@example.org or call 555 0100.",
            "Media contact: Jane Roe, 555 0100.",
        ] {
            assert!(is_page_note(s), "{s}");
        }
    }

    #[test]
    fn media_lines() {
        for s in [
            "Download this video in HD formats from https://example.org/media.",
            "WATCH: related video on the flood response.",
            "Video: Residents describe the night the river rose.",
            "Listen to the full interview on our podcast.",
        ] {
            assert!(is_page_note(s), "{s}");
        }
    }

    #[test]
    fn chart_and_photo_credits() {
        for s in [
            "Chart by A. Person/Agency, using data from the Census Bureau.",
            "Graphic: Jane Roe, Data Desk.",
            "Map by the Mapping Unit, using data from the national survey.",
            "Photograph: Tom Ng for the Daily Example.",
        ] {
            assert!(is_page_note(s), "{s}");
        }
    }

    #[test]
    fn archive_notices() {
        for s in [
            "This is historical material “frozen in time”.",
            "This website is no longer updated and links to external websites may not work.",
            "This page has been archived and is kept for reference purposes only.",
        ] {
            assert!(is_page_note(s), "{s}");
        }
    }

    #[test]
    fn prose_is_not_a_page_note() {
        for s in [
            "The ministry updated its forecast on Monday, cutting growth to 1.2%.",
            "Watchdogs said the data showed 4,000 homes were flooded.",
            "Mapping the damage took the agency three weeks, officials said.",
            "Information about the floods reached 40,000 people in 2024.",
            "The archive holds 2 million documents from the war years.",
        ] {
            assert!(!is_page_note(s), "{s}");
        }
    }

    #[test]
    fn captions() {
        for s in [
            "Jane Roe, second from left, speaks with Ali Khan at the summit in Oslo, Feb. 21, 2016.",
            "Firefighters (right) inspect the damaged roof in Leeds.",
            "The minister greets supporters in Lyon on March 3, 2024.",
            "Firefighters work near Sept-Îles, Quebec, June 6, 2023.",
        ] {
            assert!(is_caption(s), "{s}");
        }
        for s in [
            "The minister said the roof was repaired on March 3, 2024.",
            "Jane Roe speaks five languages and has led the agency since 2019.",
            "Turnout rose to 64% in the left-leaning districts.",
            "Turnout reaches 64% in the left-leaning districts, May 3, 2024.",
            "The council approved the plan in Leeds on March 3, 2024.",
            "Officials say the bridge opens in Leeds on March 3, 2024.",
        ] {
            assert!(!is_caption(s), "{s}");
        }
    }
}
