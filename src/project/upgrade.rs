//! Upgrades of older project files, applied on load, one step per format version.
//!
//! Version 1 → 2: format 2 only adds fields (revision state, merge conflicts, the verdict
//! scale), each with a default that means "as before", so a version-1 file parses as is and
//! only its version number changes. `tests/fixtures/v1.factdesk.ron` must load forever.

use super::{FORMAT_VERSION, Project};

/// Brings a just-parsed project to the current format, and says what in it does not hold
/// together (a scale edited by hand), without dropping anything.
pub(super) fn upgrade(project: &mut Project, warnings: &mut Vec<String>) {
    if project.format_version < 2 {
        // Format 1 wrote verdicts as identifiers (`verdict: Verified`), which read as the
        // factdesk preset's ids, and had no scale, which defaults to that preset.
        project.format_version = 2;
    }
    debug_assert_eq!(project.format_version, FORMAT_VERSION);
    if let Err(why) = project.scale.validate() {
        warnings.push(format!(
            "the project's verdict scale is not usable as written: {why}"
        ));
    }
    let mut unknown: Vec<&str> = project
        .claims
        .iter()
        .filter(|c| !project.scale.contains(&c.verdict))
        .map(|c| c.verdict.id())
        .collect();
    if !unknown.is_empty() {
        let n = unknown.len();
        unknown.sort_unstable();
        unknown.dedup();
        warnings.push(format!(
            "{n} claims have verdicts the project's scale does not list ({}); they are kept and shown by their id",
            unknown.join(", ")
        ));
    }
}
