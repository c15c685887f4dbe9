//! Project files: pretty RON on disk, written atomically, read with precise errors.
//!
//! Safety rules: a save writes a temporary file in the same folder, fsyncs it, copies the
//! previous file to `*.bak`, then renames over the target (atomic on POSIX), so the file on
//! disk is always the old or the new version, complete. A file that does not parse is never
//! overwritten.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{FORMAT_VERSION, Project};

/// The usual extension, used by dialogs and `factdesk new`.
pub const EXTENSION: &str = "factdesk.ron";

/// The project file for an article when none is named: next to it, `NAME.factdesk.ron`.
pub fn default_project_path(article: &Path) -> PathBuf {
    let stem = article
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "article".into());
    article.with_file_name(format!("{stem}.{EXTENSION}"))
}

/// Project files above this size are refused (a 10,000-claim project is ~10 MB).
pub const MAX_PROJECT_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {reason}")]
    Io { path: String, reason: io::Error },
    #[error("{path} is too large for a project file ({size} bytes)")]
    TooLarge { path: String, size: u64 },
    #[error("{path} is not a text file (invalid UTF-8 at byte {offset})")]
    NotUtf8 { path: String, offset: usize },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path} was written by a newer factdesk (format version {found}; this build reads up to {FORMAT_VERSION}). Update factdesk to open it."
    )]
    TooNew { path: String, found: u32 },
}

impl LoadError {
    /// Line and column of a syntax error, for the UI to point at.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            LoadError::Syntax { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot encode the project: {0}")]
    Encode(String),
    #[error("cannot save {path}: {step}: {reason}")]
    Io {
        path: String,
        step: &'static str,
        reason: io::Error,
    },
    #[error(
        "{path} exists and is not a readable project ({reason}); it was not overwritten. Choose another file name."
    )]
    WouldOverwriteUnreadable { path: String, reason: String },
}

/// A loaded project and the repairs made while loading it.
#[derive(Debug)]
pub struct Loaded {
    pub project: Project,
    pub warnings: Vec<String>,
}

#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

fn ron_options() -> ron::Options {
    // The default recursion limit (128) already stops hostile, deeply nested files.
    ron::Options::default()
}

fn syntax_error(path: &str, err: ron::error::SpannedError) -> LoadError {
    LoadError::Syntax {
        path: path.to_string(),
        line: err.span.start.line,
        column: err.span.start.col,
        message: err.code.to_string(),
    }
}

/// Serialises a project as pretty RON: one field per line, one claim per block, and the
/// article text as real lines, so two people's files diff and merge sensibly.
pub fn to_ron(project: &Project) -> Result<String, SaveError> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .escape_strings(false)
        .indentor("  ".to_string());
    let body = ron_options()
        .to_string_pretty(project, config)
        .map_err(|e| SaveError::Encode(e.to_string()))?;
    Ok(format!(
        "// factdesk project file, format version {FORMAT_VERSION}. Spans are character offsets into article.text.\n{body}\n"
    ))
}

/// Parses a project from RON text. `path` labels errors.
pub fn from_ron(text: &str, path: &str) -> Result<Loaded, LoadError> {
    let version = match header_version(text) {
        Some(v) => v,
        // Unusual layout: let the parser find the field (and report precise errors).
        None => {
            ron_options()
                .from_str::<VersionProbe>(text)
                .map_err(|e| syntax_error(path, e))?
                .format_version
        }
    };
    if version > FORMAT_VERSION {
        return Err(LoadError::TooNew {
            path: path.to_string(),
            found: version,
        });
    }
    // Version 1 is the current layout; later versions add a migration step here.
    let mut project: Project = ron_options()
        .from_str(text)
        .map_err(|e| syntax_error(path, e))?;
    if project.format_version > FORMAT_VERSION {
        return Err(LoadError::TooNew {
            path: path.to_string(),
            found: project.format_version,
        });
    }
    project.format_version = FORMAT_VERSION;
    let mut warnings = Vec::new();
    let actual = super::sha256_hex(&project.article.text);
    if actual != project.article.sha256 {
        warnings.push(format!(
            "the article text does not match its recorded SHA-256 (edited by hand?); recorded {}, now {}",
            project.article.sha256, actual
        ));
        project.article.sha256 = actual;
    }
    warnings.extend(project.repair_spans());
    Ok(Loaded { project, warnings })
}

/// `format_version: N` near the top of the file, as factdesk writes it; `None` if absent.
/// Reading it without a full parse keeps loading to a single pass over the file.
fn header_version(text: &str) -> Option<u32> {
    let cut = (0..=text.len().min(1024))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let head = &text[..cut];
    let at = head.find("format_version:")?;
    let digits: String = head[at + "format_version:".len()..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Reads a project file.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let shown = path.display().to_string();
    let io_err = |reason| LoadError::Io {
        path: shown.clone(),
        reason,
    };
    let size = std::fs::metadata(path).map_err(io_err)?.len();
    if size > MAX_PROJECT_BYTES {
        return Err(LoadError::TooLarge { path: shown, size });
    }
    let bytes = std::fs::read(path).map_err(io_err)?;
    let text = String::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        path: shown.clone(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    from_ron(&text, &shown)
}

/// Saves a project atomically, keeping the previous file as `*.bak`.
pub fn save(path: &Path, project: &Project) -> Result<(), SaveError> {
    let text = to_ron(project)?;
    refuse_unreadable_target(path)?;
    write_atomic(
        path,
        text.as_bytes(),
        |file, bytes| file.write_all(bytes),
        true,
    )
}

/// The `.bak` path kept next to a saved project.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

fn refuse_unreadable_target(path: &Path) -> Result<(), SaveError> {
    let Ok(existing) = std::fs::read(path) else {
        return Ok(());
    };
    let reason = match String::from_utf8(existing) {
        Err(_) => Some("not UTF-8 text".to_string()),
        Ok(text) => ron_options()
            .from_str::<VersionProbe>(&text)
            .err()
            .map(|e| {
                format!(
                    "line {}, column {}: {}",
                    e.span.start.line, e.span.start.col, e.code
                )
            }),
    };
    match reason {
        Some(reason) => Err(SaveError::WouldOverwriteUnreadable {
            path: path.display().to_string(),
            reason,
        }),
        None => Ok(()),
    }
}

/// Writes `bytes` to `path` atomically. `write` does the actual writing into the temporary
/// file, so tests can inject a writer that fails midway (a full disk).
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
    keep_backup: bool,
) -> Result<(), SaveError> {
    let shown = path.display().to_string();
    let err = |step: &'static str| {
        let shown = shown.clone();
        move |reason: io::Error| SaveError::Io {
            path: shown,
            step,
            reason,
        }
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(err("creating a temporary file in the folder"))?;
    write(tmp.as_file_mut(), bytes).map_err(err("writing"))?;
    tmp.as_file().sync_all().map_err(err("flushing to disk"))?;
    let existing = std::fs::metadata(path).ok();
    if let Some(meta) = &existing {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(err("copying permissions"))?;
        if keep_backup {
            std::fs::copy(path, backup_path(path))
                .map_err(err("keeping a .bak of the previous file"))?;
        }
    } else {
        set_default_permissions(tmp.as_file()).map_err(err("setting permissions"))?;
    }
    tmp.persist(path)
        .map_err(|e| e.error)
        .map_err(err("replacing the file"))?;
    sync_dir(&dir).map_err(err("flushing the folder"))?;
    Ok(())
}

#[cfg(unix)]
fn set_default_permissions(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_permissions(_file: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests;
