//! Reports: a project exported for readers — editors (Markdown, HTML), spreadsheets (CSV),
//! scripts (JSON) and the fact-check ecosystem (schema.org ClaimReview JSON-LD).
//!
//! Every renderer escapes all article and user text for its format, and only http(s) URLs
//! ever become links (see [`crate::project::links`]).

mod claimreview;
mod csv;
mod html;
mod json;
mod markdown;

use serde::{Deserialize, Serialize};

use crate::project::{Project, ProjectClaim, Verdict};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportFormat {
    Markdown,
    Html,
    Csv,
    Json,
    ClaimReview,
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 5] = [
        ReportFormat::Markdown,
        ReportFormat::Html,
        ReportFormat::Csv,
        ReportFormat::Json,
        ReportFormat::ClaimReview,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "Markdown",
            ReportFormat::Html => "HTML",
            ReportFormat::Csv => "CSV (spreadsheet)",
            ReportFormat::Json => "JSON (whole project)",
            ReportFormat::ClaimReview => "ClaimReview JSON-LD",
        }
    }

    /// The name used on the command line (`--format md`).
    pub fn cli_name(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "md",
            ReportFormat::Html => "html",
            ReportFormat::Csv => "csv",
            ReportFormat::Json => "json",
            ReportFormat::ClaimReview => "claimreview",
        }
    }

    /// Who the format is for, in a sentence (the CLI's help).
    pub fn description(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "Markdown for editors",
            ReportFormat::Html => {
                "one self-contained HTML page (no scripts, prints well) with verdict badges"
            }
            ReportFormat::Csv => "CSV (RFC 4180) for spreadsheets, formula-safe",
            ReportFormat::Json => "the whole project as JSON, for scripts",
            ReportFormat::ClaimReview => {
                "schema.org ClaimReview JSON-LD, one object per reviewed claim"
            }
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "md",
            ReportFormat::Html => "html",
            ReportFormat::Csv => "csv",
            ReportFormat::Json => "json",
            ReportFormat::ClaimReview => "jsonld",
        }
    }
}

/// Which claims a report covers.
#[derive(Debug, Clone, Default)]
pub struct ReportScope {
    /// Only these claim ids (e.g. what the window's filter shows); `None` for all claims.
    pub only: Option<Vec<String>>,
}

impl ReportScope {
    fn includes(&self, claim: &ProjectClaim) -> bool {
        self.only.as_ref().is_none_or(|ids| ids.contains(&claim.id))
    }
}

/// Renders a report of a project.
pub fn render(
    project: &Project,
    format: ReportFormat,
    scope: &ReportScope,
) -> Result<String, ReportError> {
    let claims: Vec<&ProjectClaim> = project
        .claims
        .iter()
        .filter(|c| scope.includes(c))
        .collect();
    Ok(match format {
        ReportFormat::Markdown => markdown::render(project, &claims),
        ReportFormat::Html => html::render(project, &claims),
        ReportFormat::Csv => csv::render(project, &claims)?,
        ReportFormat::Json => json::render(project, &claims)?,
        ReportFormat::ClaimReview => claimreview::render(project, &claims)?,
    })
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot write CSV: {0}")]
    Csv(String),
    #[error("cannot encode JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// Counts by verdict (in the scale's order) over the claims a report covers, dismissed ones
/// left out; a verdict the scale does not list is counted after the others.
fn summary(project: &Project, claims: &[&ProjectClaim]) -> Vec<(Verdict, usize)> {
    let mut counts: Vec<(Verdict, usize)> = project
        .scale
        .verdicts
        .iter()
        .map(|d| (d.verdict(), 0))
        .filter(|(v, _)| *v != Verdict::NOT_A_CLAIM)
        .collect();
    for c in claims.iter().filter(|c| !c.is_dismissed()) {
        match counts.iter_mut().find(|(v, _)| *v == c.verdict) {
            Some(slot) => slot.1 += 1,
            None => counts.push((c.verdict.clone(), 1)),
        }
    }
    counts
}

/// The claims a reader-facing report shows (dismissed ones left out), and how many of them
/// have a final verdict.
fn active_claims<'a>(
    project: &Project,
    claims: &[&'a ProjectClaim],
) -> (Vec<&'a ProjectClaim>, usize) {
    let active: Vec<&ProjectClaim> = claims
        .iter()
        .copied()
        .filter(|c| !c.is_dismissed())
        .collect();
    let reviewed = active
        .iter()
        .filter(|c| project.scale.is_reviewed(&c.verdict))
        .count();
    (active, reviewed)
}

/// One line on the claims of a revised article ("3 unchanged, 1 changed…"), if any was revised.
fn revision_line(claims: &[&ProjectClaim]) -> Option<String> {
    use crate::project::Revision;
    let count = |r: Revision| claims.iter().filter(|c| c.revision == Some(r)).count();
    let counts = [
        Revision::Unchanged,
        Revision::Changed,
        Revision::Orphaned,
        Revision::New,
    ]
    .map(|r| (r, count(r)));
    counts.iter().any(|(_, n)| *n > 0).then(|| {
        let parts: Vec<String> = counts
            .iter()
            .map(|(r, n)| format!("{n} {}", r.name()))
            .collect();
        format!("The article was revised: {}.", parts.join(", "))
    })
}

/// What a reader is told about a claim's revision, if anything.
fn revision_note(c: &ProjectClaim) -> Option<&'static str> {
    use crate::project::Revision;
    match c.revision? {
        Revision::Unchanged => None,
        Revision::Changed if c.recheck => {
            Some("changed in the revised article; the verdict is being re-checked")
        }
        Revision::Changed => Some("changed in the revised article"),
        Revision::Orphaned => Some("no longer in the revised article"),
        Revision::New => Some("new in the revised article"),
    }
}

/// `2026-11-27T10:00:00Z` → `2026-11-27`.
fn date_of(t: time::OffsetDateTime) -> String {
    let d = t.date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn reviewer_line(project: &Project) -> Option<String> {
    let s = &project.settings;
    match (
        s.reviewer_name.as_deref(),
        s.reviewer_organisation.as_deref(),
    ) {
        (Some(n), Some(o)) => Some(format!("{n}, {o}")),
        (Some(n), None) => Some(n.to_string()),
        (None, Some(o)) => Some(o.to_string()),
        (None, None) => None,
    }
}
