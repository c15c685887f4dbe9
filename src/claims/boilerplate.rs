//! Sentences that are page furniture, not claims: bylines, credits, copyright and
//! distribution lines, separators, share and navigation text.

/// Openings of credit, byline and navigation lines (compared lowercase, after brackets).
const OPENINGS: &[&str] = &[
    "with assistance from",
    "reporting by",
    "additional reporting",
    "editing by",
    "edited by",
    "writing by",
    "written by",
    "compiled by",
    "produced by",
    "contributing:",
    "copyright",
    "all rights reserved",
    "distributed by",
    "published in",
    "published:",
    "posted in",
    "posted:",
    "updated:",
    "last updated",
    "follow us",
    "follow @",
    "sign up",
    "subscribe",
    "share this",
    "share on",
    "click here",
    "read more",
    "read next",
    "related:",
    "advertisement",
    "photo:",
    "photo by",
    "photos:",
    "image:",
    "image credit",
    "credit:",
    "source:",
    "comments",
    "leave a comment",
    "listen to this article",
    "this article was",
    "this story was",
    "this report was",
    "email:",
    "contact:",
    "visit ",
];

/// Phrases that mark a credit or distribution line wherever they stand.
const ANYWHERE: &[&str] = &[
    "©",
    "(c) 20",
    "all rights reserved",
    "distributed by",
    "contributed to this report",
    "contributed reporting",
    "may not be published, broadcast",
    "getty images",
    "ap photo",
    "afp via getty",
    "terms of use",
    "privacy policy",
];

/// True when the sentence is boilerplate rather than article prose.
pub fn is_boilerplate(sentence: &str) -> bool {
    let trimmed = sentence.trim();
    let letters = trimmed.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 {
        // Separators ("_____", "* * *", "---"), lone numbers, stray symbols.
        return true;
    }
    let body = trimmed.trim_start_matches(['(', '[', '*', '_', ' ', '-', '—', '|']);
    // Openings need only the first few dozen bytes, lowercased (ASCII keeps byte offsets).
    let head_end = (0..=body.len().min(48))
        .rev()
        .find(|&i| body.is_char_boundary(i))
        .unwrap_or(0);
    let head = body[..head_end].to_ascii_lowercase();
    if OPENINGS.iter().any(|o| head.starts_with(o)) {
        return true;
    }
    // Credit lines are short; long sentences are prose even if they mention a copyright.
    if body.contains('©') {
        return true;
    }
    if body.len() <= 400 {
        let lower = body.to_ascii_lowercase();
        if ANYWHERE.iter().any(|a| lower.contains(a)) {
            return true;
        }
    }
    is_byline(trimmed)
}

/// "By Jane Doe", "By Jane Doe and Ali Khan, Reuters": short, opens with "By", all names.
fn is_byline(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("By ").or_else(|| s.strip_prefix("BY ")) else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    words.len() <= 8
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.is_empty()
                || matches!(w, "and" | "in" | "for" | "of")
                || w.chars().next().is_some_and(char::is_uppercase)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_and_furniture() {
        for s in [
            "_____",
            "* * *",
            "(With assistance from Ana Ruiz and Li Wei.)",
            "©2025 Example Media L.P. Visit example.com.",
            "Distributed by Some Content Agency, LLC.",
            "Comments",
            "By Jane Doe and Ali Khan",
            "Reporting by Tom Ng; Editing by Sue Park",
            "Share this article",
            "Photo: John Smith/Getty Images",
            "Jane Doe in Lagos contributed to this report.",
        ] {
            assert!(is_boilerplate(s), "{s}");
        }
    }

    #[test]
    fn prose_is_not_boilerplate() {
        for s in [
            "By Monday, the talks had collapsed and both sides walked out.",
            "The minister said the copyright law would change.",
            "Visitors to the museum rose 12% last year.",
        ] {
            assert!(!is_boilerplate(s), "{s}");
        }
    }
}
