//! schema.org `ClaimReview` JSON-LD, the format search engines and fact-check aggregators read.
//!
//! One object per reviewed claim; Unreviewed, In progress and Not a claim are left out.
//!
//! Verdict → `reviewRating` follows the project's verdict scale
//! ([`crate::project::scale`]): each verdict says whether it is published and with which
//! `ratingValue`, `bestRating`, `worstRating` and `alternateName` (the verdict's name unless
//! the scale gives another). A conclusion without a rating (Full Fact style) has only
//! `alternateName`. The factdesk preset rates False 1, Misleading 2, Disputed and
//! Unverifiable 3, Mostly accurate 4 and Verified 5 (of 5); PolitiFact's Truth-O-Meter
//! rates Pants on Fire 1 to True 6.
//!
//! The claimant becomes an `Organization` when its name reads like one (an acronym, or a
//! word such as ministry, agency, government, delegation), otherwise a `Person`.

use serde_json::{Value, json};

use super::{ReportError, date_of};
use crate::project::links::web_url;
use crate::project::scale::VerdictDef;
use crate::project::{Project, ProjectClaim};

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
        let Some(def) = project.scale.get(&c.verdict).filter(|d| d.rating.is_some()) else {
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
            "reviewRating": review_rating(def),
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

/// `reviewRating` of a published verdict: the numbers its scale gives, and its name.
fn review_rating(def: &VerdictDef) -> Value {
    let mut rating = json!({ "@type": "Rating" });
    if let Some(r) = &def.rating {
        for (key, value) in [
            ("ratingValue", r.value),
            ("bestRating", r.best),
            ("worstRating", r.worst),
        ] {
            if let Some(v) = value {
                rating[key] = json!(v);
            }
        }
    }
    rating["alternateName"] = json!(def.alternate_name());
    rating
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
    fn published_verdicts_follow_the_scale() {
        use crate::project::scale::{PRESET_NAMES, preset};
        for name in PRESET_NAMES {
            let scale = preset(name).unwrap();
            for d in &scale.verdicts {
                let workflow = !d.reviewed || d.verdict() == crate::project::Verdict::NOT_A_CLAIM;
                assert_eq!(d.rating.is_none(), workflow, "{name}: {}", d.name);
                if d.rating.is_some() {
                    let r = review_rating(d);
                    assert_eq!(r["alternateName"], d.name.as_str());
                }
            }
        }
    }
}
