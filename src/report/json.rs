//! The whole project as JSON for scripts. Shape (stable; documented in the README):
//!
//! ```text
//! { "factdesk_report": 1,
//!   "article": { "title", "source_path", "sha256", "text" },
//!   "settings": { "article_url", "article_date", "reviewer_name", "reviewer_organisation", "review_url" },
//!   "scale": { "name", "verdicts": [ { "id", "name", "description", "color", "hotkey", "reviewed",
//!              "rating": { "value", "best", "worst", "alternate_name" } | null } ] },
//!   "summary": { "<verdict name>": count, … },
//!   "created", "updated",
//!   "claims": [ { "id", "text", "start", "end", "context_before", "context_after", "kind",
//!                 "score", "reasons", "claimant", "origin", "verdict", "verdict_name",
//!                 "sources": [ { "url", "title", "added", "is_link" } ], "note",
//!                 "created", "updated",
//!                 "revision": "unchanged" | "changed" | "orphaned" | "new" | null (never revised),
//!                 "previous_text" (changed and orphaned claims only), "recheck",
//!                 "conflicts": [ { "field", "ours", "theirs" } ] } ],
//!   "conflicts": [ { "field", "ours", "theirs" } ]   // project-level (settings, scale)
//! }
//! ```
//!
//! An orphaned claim (no longer in the article) has `start` and `end` null.

use serde_json::{Map, Value, json};

use super::{ReportError, summary};
use crate::project::links::web_url;
use crate::project::{Project, ProjectClaim};

/// Version of the JSON shape; bumped only on incompatible changes.
pub const JSON_REPORT_VERSION: u32 = 1;

pub fn render(project: &Project, claims: &[&ProjectClaim]) -> Result<String, ReportError> {
    let mut counts = Map::new();
    for (v, n) in summary(project, claims) {
        counts.insert(project.verdict_name(&v).to_string(), json!(n));
    }
    let claims: Vec<Value> = claims
        .iter()
        .map(|c| {
            let mut v = serde_json::to_value(c)?;
            v["verdict_name"] = json!(project.verdict_name(&c.verdict));
            v["revision"] = json!(c.revision.map(|r| r.name()));
            v["recheck"] = json!(c.recheck);
            v["conflicts"] = serde_json::to_value(&c.conflicts)?;
            if !c.has_span() {
                v["start"] = Value::Null;
                v["end"] = Value::Null;
            }
            if let Some(sources) = v["sources"].as_array_mut() {
                for (s, src) in sources.iter_mut().zip(&c.sources) {
                    s["is_link"] = json!(web_url(&src.url).is_ok());
                }
            }
            Ok(v)
        })
        .collect::<Result<_, serde_json::Error>>()?;
    let doc = json!({
        "factdesk_report": JSON_REPORT_VERSION,
        "article": project.article,
        "settings": project.settings,
        "scale": project.scale,
        "summary": counts,
        "created": serde_json::to_value(TimeRef(project.created))?,
        "updated": serde_json::to_value(TimeRef(project.updated))?,
        "claims": claims,
        "conflicts": project.conflicts,
    });
    let mut out = serde_json::to_string_pretty(&doc)?;
    out.push('\n');
    Ok(out)
}

struct TimeRef(time::OffsetDateTime);

impl serde::Serialize for TimeRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        time::serde::rfc3339::serialize(&self.0, s)
    }
}
