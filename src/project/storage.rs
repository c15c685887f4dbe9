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

/// Why a report must not be written to `target`, if it must not: a report never replaces a
/// project (the one it comes from or any other), and replaces another existing file only
/// when the person said so (`force`). Reports are text for readers; a project is work.
pub fn report_target_problem(target: &Path, project: &Path, force: bool) -> Option<String> {
    if !target.exists() {
        return None;
    }
    let same = |a: &Path, b: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    let is_project = same(target, project)
        || target.to_string_lossy().ends_with(".ron")
        || std::fs::read(target)
            .ok()
            .is_some_and(|b| from_ron(&String::from_utf8_lossy(&b), "").is_ok());
    if is_project {
        return Some(format!(
            "{} is a factdesk project; a report never replaces a project. Choose another file name.",
            target.display()
        ));
    }
    (!force).then(|| {
        format!(
            "{} already exists; pass --force to replace it (the old file is kept as .bak)",
            target.display()
        )
    })
}

/// The one size limit of project files: factdesk never writes a project above it (a save
/// that would is refused before anything is written) and opens every file up to it, so
/// whatever factdesk writes, it opens. A 10,000-claim project is ~10 MB.
pub const MAX_PROJECT_BYTES: u64 = 512 * 1024 * 1024;

/// The oldest format this build still reads (and upgrades).
pub const OLDEST_FORMAT_VERSION: u32 = 1;

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
    #[error(
        "{path} has format version {found}, which no factdesk ever wrote (versions start at {OLDEST_FORMAT_VERSION}); the file is damaged or was not made by factdesk"
    )]
    BadVersion { path: String, found: u32 },
    #[error(
        "{path} is not a factdesk project ({why}). To check an article, open it with `factdesk {path}` or make a project with `factdesk new {path}`."
    )]
    NotAProject { path: String, why: &'static str },
    #[error(
        "{path}:{line}: git left merge conflict markers in this project (a merge it could not do line by line). Undo that merge with `git merge --abort`, set up factdesk as git's merge driver for projects (README: Revisions, merges and scales) and merge again; `git checkout --ours {path}` (or `--theirs`) would keep one side whole and drop the other's work"
    )]
    ConflictMarkers { path: String, line: usize },
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
    #[error(
        "cannot save {path}: the project would be {size} bytes, above the {MAX_PROJECT_BYTES}-byte limit of project files (factdesk would not open it again); split the article into parts"
    )]
    TooLarge { path: String, size: u64 },
    #[error("cannot save {path}: the folder {folder} does not exist")]
    NoFolder { path: String, folder: String },
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

/// Reads only `format_version` (every other field is skipped), for files whose header is not
/// laid out as factdesk writes it.
#[derive(Deserialize)]
#[serde(rename = "project")]
struct VersionProbe {
    #[serde(default, deserialize_with = "present")]
    format_version: Option<u32>,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    u32::deserialize(d).map(Some)
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
        message: plain_message(&err.code),
    }
}

/// The parser's message in the words of the file, without the program's type names
/// ("missing field `claims`", not "Unexpected missing field named `claims` in `Project`").
fn plain_message(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::MissingStructField { field, .. } => format!("missing field `{field}`"),
        E::NoSuchStructField { found, .. } => format!("unknown field `{found}`"),
        E::DuplicateStructField { field, .. } => format!("field `{field}` appears twice"),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "unknown value `{found}` (expected one of: {})",
            expected.join(", ")
        ),
        E::InvalidValueForType { expected, found } => {
            format!("expected {}, found {found}", strip_type_names(expected))
        }
        E::ExpectedDifferentStructName { found, .. } => {
            format!("unexpected name `{found}` before a parenthesis")
        }
        other => strip_type_names(&other.to_string()),
    }
}

/// Drops the " `Name`" of the program's own structs from a message.
fn strip_type_names(message: &str) -> String {
    let mut out = message.to_string();
    for name in [
        "VersionProbe",
        "Project",
        "ProjectClaim",
        "ArticleRecord",
        "Settings",
        "Source",
        "Conflict",
        "Scale",
        "VerdictDef",
    ] {
        out = out
            .replace(&format!(" struct `{name}`"), " a parenthesised record")
            .replace(&format!(" in `{name}`"), "")
            .replace(&format!("`{name}`"), "a record");
    }
    out
}

/// The first line (1-based) of a git conflict block (`<<<<<<< `, then `=======`, then
/// `>>>>>>> `), if the text has one. All three are required: a note may well hold a line of
/// `=======`.
fn conflict_marker_line(text: &str) -> Option<usize> {
    let mut start = None;
    let mut middle = false;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with("<<<<<<< ") || line == "<<<<<<<" {
            start = Some(n + 1);
            middle = false;
        } else if start.is_some() && line == "=======" {
            middle = true;
        } else if middle && (line.starts_with(">>>>>>> ") || line == ">>>>>>>") {
            return start;
        }
    }
    None
}

/// Why a text is not a project at all, judged from its first meaningful character, so an
/// article given by mistake gets a plain answer rather than a parser complaint.
fn not_a_project(text: &str) -> Option<&'static str> {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    while let Some(comment) = rest.strip_prefix("//") {
        rest = comment.split_once('\n').map_or("", |(_, r)| r).trim_start();
    }
    match rest.chars().next() {
        None if text.trim_start_matches('\u{feff}').trim().is_empty() => Some("the file is empty"),
        None => Some("it holds only a comment (cut short while being written or copied?)"),
        Some('(') => None,
        Some(_) => Some("it does not start like a project file"),
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

/// Parses a project from RON text, upgrading older formats. `path` labels errors.
pub fn from_ron(text: &str, path: &str) -> Result<Loaded, LoadError> {
    // Markers are looked for only when the file does not parse: an article or a note may
    // hold such lines, and what factdesk writes must open.
    parse_project(text, path).map_err(|e| match conflict_marker_line(text) {
        Some(line) => LoadError::ConflictMarkers {
            path: path.to_string(),
            line,
        },
        None => e,
    })
}

fn parse_project(text: &str, path: &str) -> Result<Loaded, LoadError> {
    if let Some(why) = not_a_project(text) {
        return Err(LoadError::NotAProject {
            path: path.to_string(),
            why,
        });
    }
    let version = match header_version(text) {
        Some(v) => v,
        // Unusual layout: let the parser find the field (and report precise errors).
        None => ron_options()
            .from_str::<VersionProbe>(text)
            .map_err(|e| syntax_error(path, e))?
            .format_version
            .ok_or_else(|| LoadError::NotAProject {
                path: path.to_string(),
                why: "it has no format_version",
            })?,
    };
    check_version(version, path)?;
    let mut project: Project = ron_options()
        .from_str(text)
        .map_err(|e| syntax_error(path, e))?;
    check_version(project.format_version, path)?;
    let mut warnings = Vec::new();
    super::upgrade::upgrade(&mut project, &mut warnings);
    let actual = super::sha256_hex(&project.article.text);
    if actual != project.article.sha256 {
        warnings.push(format!(
            "the article text does not match its recorded SHA-256 (edited by hand?); recorded {}, now {}",
            project.article.sha256, actual
        ));
        project.article.sha256 = actual;
    }
    warnings.extend(project.repair_spans().message());
    Ok(Loaded { project, warnings })
}

fn check_version(version: u32, path: &str) -> Result<(), LoadError> {
    if version > FORMAT_VERSION {
        return Err(LoadError::TooNew {
            path: path.to_string(),
            found: version,
        });
    }
    if version < OLDEST_FORMAT_VERSION {
        return Err(LoadError::BadVersion {
            path: path.to_string(),
            found: version,
        });
    }
    Ok(())
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
    from_bytes(bytes, &shown)
}

/// Parses a project from a file's bytes; `path` labels errors.
pub fn from_bytes(bytes: Vec<u8>, path: &str) -> Result<Loaded, LoadError> {
    let text = String::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        path: path.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    from_ron(&text, path)
}

/// Saves a project atomically, keeping the previous file as `*.bak`.
pub fn save(path: &Path, project: &Project) -> Result<(), SaveError> {
    save_with_backup(path, project, true)
}

/// Saves atomically; `keep_backup: false` for files under version control, such as the
/// temporary files git hands a merge driver (a `.bak` would litter the work tree).
pub fn save_with_backup(
    path: &Path,
    project: &Project,
    keep_backup: bool,
) -> Result<(), SaveError> {
    save_text(path, &to_ron(project)?, keep_backup)
}

/// Saves a project already rendered by [`to_ron`] (callers that also need the bytes written,
/// to remember the file's identity).
pub fn save_text(path: &Path, text: &str, keep_backup: bool) -> Result<(), SaveError> {
    check_size(path, text.len())?;
    refuse_unreadable_target(path)?;
    write_atomic(
        path,
        text.as_bytes(),
        |file, bytes| file.write_all(bytes),
        keep_backup,
    )
}

/// Refuses to write what [`load`] would refuse to read.
pub fn check_size(path: &Path, bytes: usize) -> Result<(), SaveError> {
    let size = bytes as u64;
    if size > MAX_PROJECT_BYTES {
        return Err(SaveError::TooLarge {
            path: path.display().to_string(),
            size,
        });
    }
    Ok(())
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
        Ok(text) => match not_a_project(&text) {
            // An empty file holds no work: replacing it loses nothing.
            Some(_) if text.trim().is_empty() => None,
            Some(why) => Some(why.to_string()),
            None => ron_options()
                .from_str::<VersionProbe>(&text)
                .err()
                .map(|e| {
                    format!(
                        "line {}, column {}: {}",
                        e.span.start.line,
                        e.span.start.col,
                        plain_message(&e.code)
                    )
                }),
        },
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
    if !dir.is_dir() {
        return Err(SaveError::NoFolder {
            path: shown,
            folder: dir.display().to_string(),
        });
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)
        // tempfile's error names the temporary file; the person chose the target, so the
        // reason alone is said, next to the target's name.
        .map_err(|e| io::Error::new(e.kind(), plain_io_reason(&e)))
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

/// An I/O error's reason without any path tempfile added to it.
fn plain_io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied (the folder is not writable)".into(),
        io::ErrorKind::NotFound => "the folder does not exist".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        _ => {
            let text = e.to_string();
            text.split(" at path ").next().unwrap_or(&text).to_string()
        }
    }
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
