//! schema.org `ClaimReview` JSON-LD, the format search engines and fact-check aggregators read.
//!
//! One object per reviewed claim; Unreviewed, In progress and Not a claim are left out.
//!
//! Verdict → `reviewRating` on a 1 (worst) to 5 (best) scale; `alternateName` always carries
//! the verdict's own name, which is what readers see:
//!
//! | verdict | ratingValue |
//! |---|---|
//! | False | 1 |
//! | Misleading | 2 |
//! | Disputed | 3 |
//! | Unverifiable | 3 |
//! | Mostly accurate | 4 |
//! | Verified | 5 |
//!
//! The claimant becomes an `Organization` when its name reads like one (an acronym, or a
//! word such as ministry, agency, government, delegation), otherwise a `Person`.

use serde_json::{Value, json};

use super::{ReportError, date_of};
use crate::project::links::web_url;
use crate::project::{Project, ProjectClaim, Verdict};

pub const BEST_RATING: u8 = 5;
pub const WORST_RATING: u8 = 1;

/// The numeric rating of a verdict, or `None` for verdicts that are not published.
pub fn rating_value(v: Verdict) -> Option<u8> {
    match v {
        Verdict::False => Some(1),
        Verdict::Misleading => Some(2),
        Verdict::Disputed | Verdict::Unverifiable => Some(3),
        Verdict::MostlyAccurate => Some(4),
        Verdict::Verified => Some(5),
        Verdict::Unreviewed | Verdict::InProgress | Verdict::NotAClaim => None,
    }
}

const ORGANISATION_WORDS: &[&str] = &[
    "ministry",
    "department",
    "agency",
    "government",
    "administration",
    "office",
    "delegation",
    "council",
    "committee",
    "commission",
    "company",
    "corporation",
    "inc",
    "ltd",
    "corp",
    "party",
    "union",
    "bank",
    "court",
    "police",
    "army",
    "university",
    "institute",
    "association",
    "federation",
    "organization",
    "organisation",
    "board",
    "authority",
    "kremlin",
    "white house",
    "parliament",
    "congress",
    "senate",
    "group",
    "foundation",
    "bureau",
    "service",
];

fn author_type(name: &str) -> &'static str {
    let lower = name.to_lowercase();
    let acronym = name.split_whitespace().count() == 1
        && name.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if acronym
        || ORGANISATION_WORDS.iter().any(|w| {
            lower.split(|c: char| !c.is_alphanumeric()).any(|t| t == *w)
                || (w.contains(' ') && lower.contains(w))
        })
    {
        "Organization"
    } else {
        "Person"
    }
}

pub fn render(project: &Project, claims: &[&ProjectClaim]) -> Result<String, ReportError> {
    let s = &project.settings;
    let reviewer = match (
        s.reviewer_organisation.as_deref(),
        s.reviewer_name.as_deref(),
    ) {
        (Some(org), _) => json!({ "@type": "Organization", "name": org }),
        (None, Some(name)) => json!({ "@type": "Person", "name": name }),
        (None, None) => json!({ "@type": "Organization", "name": "Unnamed fact-checker" }),
    };
    let article_url = s.article_url.as_deref().and_then(|u| web_url(u).ok());
    let review_url = s.review_url.as_deref().and_then(|u| web_url(u).ok());
    let mut out: Vec<Value> = Vec::new();
    for c in claims {
        let Some(rating) = rating_value(c.verdict) else {
            continue;
        };
        let mut item = json!({ "@type": "Claim" });
        if let Some(who) = c.claimant.as_deref().filter(|w| !w.trim().is_empty()) {
            item["author"] = json!({ "@type": author_type(who), "name": who });
        }
        if let Some(url) = &article_url {
            item["appearance"] = json!({ "@type": "CreativeWork", "url": url.as_str() });
        }
        if let Some(date) = s.article_date.as_deref().filter(|d| !d.trim().is_empty()) {
            item["datePublished"] = json!(date);
        }
        let mut review = json!({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": c.text,
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": rating,
                "bestRating": BEST_RATING,
                "worstRating": WORST_RATING,
                "alternateName": c.verdict.name(),
            },
            "itemReviewed": item,
            "author": reviewer,
            "datePublished": date_of(c.updated),
        });
        if let Some(url) = &review_url {
            let mut u = url.clone();
            u.set_fragment(Some(&c.id));
            review["url"] = json!(u.as_str());
        }
        out.push(review);
    }
    let mut text = serde_json::to_string_pretty(&out)?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_types() {
        assert_eq!(author_type("Rustem Umerov"), "Person");
        assert_eq!(author_type("NATO"), "Organization");
        assert_eq!(author_type("The U.S. delegation"), "Organization");
        assert_eq!(author_type("the Kremlin"), "Organization");
        assert_eq!(author_type("the German leader"), "Person");
    }

    #[test]
    fn unpublished_verdicts_have_no_rating() {
        for v in Verdict::ALL {
            let r = rating_value(v);
            assert_eq!(
                r.is_some(),
                v.is_reviewed() && v != Verdict::NotAClaim,
                "{v}"
            );
            if let Some(r) = r {
                assert!((WORST_RATING..=BEST_RATING).contains(&r));
            }
        }
    }
}
