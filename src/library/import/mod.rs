//! Reading checked claims from files: projects, ClaimReview (JSON, JSON-LD, HTML) and
//! CSV/TSV tables. Bad parts are reported with file and line (or JSON path) and skipped;
//! one bad row never aborts an import.

pub mod claimreview;
pub mod project;
pub mod table;

use std::path::{Path, PathBuf};

use super::Entry;

/// Something in an input that was skipped, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// "line 4", "line 12, $[2]", or empty when the whole file is concerned.
    pub location: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let file = self.file.display().to_string();
        if self.location.is_empty() && self.message.starts_with(&file) {
            // Project load errors already name the file (with line and column).
            write!(f, "{}", self.message)
        } else if self.location.is_empty() {
            write!(f, "{file}: {}", self.message)
        } else {
            write!(f, "{file}: {}: {}", self.location, self.message)
        }
    }
}

/// Entries read from some paths, and what was skipped.
#[derive(Debug, Default)]
pub struct Imported {
    pub entries: Vec<Entry>,
    pub problems: Vec<Problem>,
    /// Files read, for the summary.
    pub files: usize,
}

/// What a file is, judged by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Project,
    Json,
    Html,
    Csv,
    Tsv,
}

pub fn file_kind(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    if name.ends_with(".factdesk.ron") {
        return Some(FileKind::Project);
    }
    let ext = name.rsplit_once('.')?.1;
    match ext {
        "json" | "jsonld" => Some(FileKind::Json),
        "html" | "htm" | "xhtml" => Some(FileKind::Html),
        "csv" => Some(FileKind::Csv),
        "tsv" | "tab" => Some(FileKind::Tsv),
        _ => None,
    }
}

/// Reads files and folders (recursively; files of unknown kinds inside folders are passed
/// over silently, a named file of unknown kind is reported).
pub fn read_paths(paths: &[PathBuf]) -> Imported {
    let mut out = Imported::default();
    for path in paths {
        if path.is_dir() {
            read_dir(path, &mut out);
        } else {
            read_file(path, true, &mut out);
        }
    }
    out
}

fn read_dir(dir: &Path, out: &mut Imported) {
    let listing = match std::fs::read_dir(dir) {
        Ok(l) => l,
        Err(e) => {
            out.problems
                .push(whole(dir, format!("cannot read the folder: {e}")));
            return;
        }
    };
    let mut children: Vec<PathBuf> = listing.filter_map(|d| d.ok().map(|d| d.path())).collect();
    children.sort();
    for child in children {
        let hidden = child
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        // Symlinked folders are not followed: they can loop.
        let is_link = std::fs::symlink_metadata(&child).is_ok_and(|m| m.file_type().is_symlink());
        if child.is_dir() && !is_link {
            read_dir(&child, out);
        } else if child.is_file() {
            read_file(&child, false, out);
        }
    }
}

/// Biggest file read: the library is for fact-checks, not for arbitrary dumps.
const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

fn read_file(path: &Path, named: bool, out: &mut Imported) {
    let Some(kind) = file_kind(path) else {
        if named {
            out.problems.push(whole(
                path,
                "not a file the library reads (projects *.factdesk.ron, ClaimReview .json/.jsonld/.html, tables .csv/.tsv)".into(),
            ));
        }
        return;
    };
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_BYTES => {
            out.problems
                .push(whole(path, "file too large (over 512 MB)".into()));
            return;
        }
        Ok(_) => {}
        Err(e) => {
            out.problems
                .push(whole(path, format!("cannot read it: {e}")));
            return;
        }
    }
    out.files += 1;
    if kind == FileKind::Project {
        project::read(path, out);
        return;
    }
    let text = match std::fs::read(path) {
        Ok(bytes) => match crate::article::decode_text(&bytes) {
            Ok((text, _)) => text,
            Err(e) => {
                out.problems.push(whole(path, e.to_string()));
                return;
            }
        },
        Err(e) => {
            out.problems
                .push(whole(path, format!("cannot read it: {e}")));
            return;
        }
    };
    let origin = absolute(path);
    match kind {
        FileKind::Json => claimreview::read_json(&text, &origin, 1, out),
        FileKind::Html => claimreview::read_html(&text, &origin, out),
        FileKind::Csv => table::read(&text, b',', &origin, out),
        FileKind::Tsv => table::read(&text, b'\t', &origin, out),
        FileKind::Project => unreachable!("handled above"),
    }
}

pub(crate) fn whole(path: &Path, message: String) -> Problem {
    Problem {
        file: path.to_path_buf(),
        location: String::new(),
        message,
    }
}

/// The absolute form of a path (without resolving symlinks if it cannot be canonicalised).
pub fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}
