//! Crash recovery: while a project has unsaved changes it is written every few seconds to a
//! recovery file in the app's data folder (never over the user's file). A clean save or an
//! explicit discard deletes it; on the next start a left-over recovery file is offered.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::document::Document;
use crate::project::{Project, storage};

/// How long edits may sit unsaved before they are written to the recovery file.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecoveryFile {
    /// The project file these changes belong to, if it had been saved before.
    pub project_path: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub written: time::OffsetDateTime,
    pub project: Project,
}

pub struct Recovery {
    dir: Option<PathBuf>,
    last_change: u64,
    last_write: Option<Instant>,
    /// Wall-clock time of the last autosave, for the status bar.
    pub last_written: Option<time::OffsetDateTime>,
    pub last_error: Option<String>,
}

impl Recovery {
    pub fn new(dir: Option<PathBuf>) -> Self {
        Recovery {
            dir,
            last_change: 0,
            last_write: None,
            last_written: None,
            last_error: None,
        }
    }

    /// The recovery file for a document: one per project file, one per unsaved article.
    fn file_for(&self, doc: &Document) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        let key = match &doc.path {
            Some(p) => p.display().to_string(),
            None => format!("unsaved:{}", doc.project.article.sha256),
        };
        let hash = crate::project::sha256_hex(&key);
        Some(dir.join(format!("{}.recovery.ron", &hash[..16])))
    }

    /// Called every frame: writes the recovery file when due. Returns true if it wrote.
    pub fn tick(&mut self, doc: &Document) -> bool {
        let changes = doc.history.change_count();
        if !doc.is_dirty() || changes == self.last_change {
            return false;
        }
        if self
            .last_write
            .is_some_and(|t| t.elapsed() < AUTOSAVE_INTERVAL)
        {
            return false;
        }
        self.write_now(doc)
    }

    /// Writes the recovery file now (also used by tests).
    pub fn write_now(&mut self, doc: &Document) -> bool {
        let Some(path) = self.file_for(doc) else {
            return false;
        };
        self.last_change = doc.history.change_count();
        self.last_write = Some(Instant::now());
        let file = RecoveryFile {
            project_path: doc.path.as_ref().map(|p| p.display().to_string()),
            written: crate::project::now(),
            project: doc.project.clone(),
        };
        // Serialising and writing happen off the UI thread: a 10,000-claim project is MBs.
        let written = file.written;
        std::thread::spawn(move || {
            if let Err(e) = write_recovery(&path, &file) {
                eprintln!("factdesk: autosave failed: {e}");
            }
        });
        self.last_written = Some(written);
        true
    }

    /// The changes are saved or discarded: the recovery file is no longer needed.
    pub fn clear(&mut self, doc: &Document) {
        if let Some(path) = self.file_for(doc) {
            let _ = std::fs::remove_file(path);
        }
        self.last_change = doc.history.change_count();
    }

    /// The newest recovery file left by an earlier run, if any.
    pub fn find_leftover(&self) -> Option<(PathBuf, RecoveryFile)> {
        let dir = self.dir.as_ref()?;
        let mut found: Vec<(PathBuf, RecoveryFile)> = std::fs::read_dir(dir)
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(".recovery.ron"))
            .filter_map(|p| read_recovery(&p).map(|f| (p, f)))
            .collect();
        found.sort_by_key(|(_, f)| f.written);
        let (path, file) = found.pop()?;
        // A project saved after the recovery file was written needs no recovery.
        if let Some(saved) = file
            .project_path
            .as_deref()
            .and_then(|p| std::fs::metadata(p).ok()?.modified().ok())
        {
            let written: std::time::SystemTime = file.written.into();
            if saved > written {
                let _ = std::fs::remove_file(&path);
                return None;
            }
        }
        Some((path, file))
    }
}

pub fn write_recovery(path: &Path, file: &RecoveryFile) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let text = ron::ser::to_string_pretty(file, ron::ser::PrettyConfig::new())
        .map_err(|e| e.to_string())?;
    storage::write_atomic(path, text.as_bytes(), std::io::Write::write_all, false)
        .map_err(|e| e.to_string())
}

pub fn read_recovery(path: &Path) -> Option<RecoveryFile> {
    let text = std::fs::read_to_string(path).ok()?;
    ron::from_str(&text).ok()
}
