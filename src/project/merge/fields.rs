//! The fields a merge compares and a conflict names, read and written as text, so a conflict
//! can record both sides' values and a resolution can set either (or an edited one).
//!
//! Claim fields: `verdict` (the verdict's id), `claimant` (empty for none), `note`, and
//! `source <URL>` (a source's title, when both sides retitled it). Project fields:
//! `settings.article_url`, `settings.article_date`, `settings.reviewer_name`,
//! `settings.reviewer_organisation`, `settings.review_url`, and `scale` (the whole verdict
//! scale as a scale file's RON text).

use crate::project::scale::{parse_custom, to_ron};
use crate::project::{Project, ProjectClaim, Settings, Verdict};

/// The claim fields merged one by one (sources are merged as a set apart).
pub const CLAIM_FIELDS: [&str; 3] = ["verdict", "claimant", "note"];
pub const SETTINGS_FIELDS: [&str; 5] = [
    "settings.article_url",
    "settings.article_date",
    "settings.reviewer_name",
    "settings.reviewer_organisation",
    "settings.review_url",
];
const SOURCE_PREFIX: &str = "source ";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("no field called {0}")]
    Unknown(String),
    #[error("{value:?} is not a verdict of this project's scale")]
    NoSuchVerdict { value: String },
    #[error("not a usable scale: {0}")]
    BadScale(String),
}

/// The field name of a source's title.
pub fn source_field(url: &str) -> String {
    format!("{SOURCE_PREFIX}{url}")
}

pub fn claim_field(c: &ProjectClaim, field: &str) -> Result<String, FieldError> {
    Ok(match field {
        "verdict" => c.verdict.id().to_string(),
        "claimant" => c.claimant.clone().unwrap_or_default(),
        "note" => c.note.clone(),
        _ => {
            let url = field
                .strip_prefix(SOURCE_PREFIX)
                .ok_or_else(|| FieldError::Unknown(field.to_string()))?;
            c.sources
                .iter()
                .find(|s| s.url == url)
                .map(|s| s.title.clone().unwrap_or_default())
                .ok_or_else(|| FieldError::Unknown(field.to_string()))?
        }
    })
}

pub fn set_claim_field(c: &mut ProjectClaim, field: &str, value: &str) -> Result<(), FieldError> {
    match field {
        "verdict" => {
            if value.trim().is_empty() {
                return Err(FieldError::NoSuchVerdict {
                    value: value.to_string(),
                });
            }
            c.verdict = Verdict::new(value);
        }
        "claimant" => c.claimant = optional(value),
        "note" => c.note = value.to_string(),
        _ => {
            let url = field
                .strip_prefix(SOURCE_PREFIX)
                .ok_or_else(|| FieldError::Unknown(field.to_string()))?;
            let source = c
                .sources
                .iter_mut()
                .find(|s| s.url == url)
                .ok_or_else(|| FieldError::Unknown(field.to_string()))?;
            source.title = optional(value);
        }
    }
    Ok(())
}

fn settings_slot<'a>(
    s: &'a mut Settings,
    field: &str,
) -> Result<&'a mut Option<String>, FieldError> {
    Ok(match field {
        "settings.article_url" => &mut s.article_url,
        "settings.article_date" => &mut s.article_date,
        "settings.reviewer_name" => &mut s.reviewer_name,
        "settings.reviewer_organisation" => &mut s.reviewer_organisation,
        "settings.review_url" => &mut s.review_url,
        _ => return Err(FieldError::Unknown(field.to_string())),
    })
}

/// The name of the project-level field holding the verdict scale.
pub const SCALE_FIELD: &str = "scale";

/// A project-level field: a setting, or the scale.
pub fn project_field(p: &Project, field: &str) -> Result<String, FieldError> {
    if field == SCALE_FIELD {
        return Ok(to_ron(&p.scale));
    }
    let mut copy = p.settings.clone();
    Ok(settings_slot(&mut copy, field)?.clone().unwrap_or_default())
}

/// Sets a project-level field. The scale is replaced as is: claims keep their verdict ids
/// (use `Edit::SetScale` to map them).
pub fn set_project_field(p: &mut Project, field: &str, value: &str) -> Result<(), FieldError> {
    if field == SCALE_FIELD {
        p.scale = parse_custom(value, "scale").map_err(|e| FieldError::BadScale(e.to_string()))?;
        return Ok(());
    }
    *settings_slot(&mut p.settings, field)? = optional(value);
    Ok(())
}

/// Sets one of the settings by its field name (the project-settings dialog keeps its draft in
/// step with a conflict it settles).
pub fn set_settings_field(s: &mut Settings, field: &str, value: &str) -> Result<(), FieldError> {
    *settings_slot(s, field)? = optional(value);
    Ok(())
}

fn optional(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}
