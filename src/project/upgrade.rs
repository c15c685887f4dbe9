//! Upgrades of older project files, applied on load, one step per format version.
//!
//! Version 1 → 2: format 2 only adds fields (revision state, merge conflicts, the verdict
//! scale), each with a default that means "as before", so a version-1 file parses as is and
//! only its version number changes. `tests/fixtures/v1.factdesk.ron` must load forever.

use super::{FORMAT_VERSION, Project};

/// Brings a just-parsed project to the current format.
pub(super) fn upgrade(project: &mut Project, _warnings: &mut Vec<String>) {
    if project.format_version < 2 {
        // Nothing to convert: the new fields' defaults describe a never-revised,
        // never-merged project.
        project.format_version = 2;
    }
    debug_assert_eq!(project.format_version, FORMAT_VERSION);
}
