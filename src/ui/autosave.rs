//! Crash recovery without stalling the window or rewriting the world every five seconds.
//!
//! A worker thread keeps a replica of the open project (handed over by the load job, which
//! copies it off the UI thread) and applies every edit the window applies. While there are
//! unsaved changes, every [`AUTOSAVE_INTERVAL`] it writes: the first time a *snapshot* of the
//! replica, after that only the new edits, appended to a *journal* (one RON edit per line,
//! fsynced). So a 50 MB article costs one snapshot per session of unsaved work, not hundreds of
//! MB every five seconds, and the UI thread never clones or serialises the project.
//!
//! Files live in the app's data folder (never next to the user's file): `KEY.recovery.ron`
//! (the snapshot) and `KEY.journal` (the edits since), where KEY is derived from the project
//! path, or from the article for a project never saved. A save, or a discard, deletes both. On
//! the next start a left-over pair is read back in the background and offered for restore.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::project::disk::lock;
use crate::project::edit::Edit;
use crate::project::{Project, storage};

/// How long edits may sit unsaved before they are written to the recovery files.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(5);

const SNAPSHOT_SUFFIX: &str = ".recovery.ron";
const JOURNAL_SUFFIX: &str = ".journal";

/// The snapshot file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecoveryFile {
    /// The project file these changes belong to, if it had been saved before.
    pub project_path: Option<String>,
    /// The SHA-256 of that file's content when the changes started from it: on restore, a
    /// file still holding it is the base the changes go on from; another one changed since.
    #[serde(default)]
    pub base_sha256: Option<String>,
    /// The process (and host) whose window is writing these files: while it runs they are
    /// its live autosave, not left-over work, and no other window offers or deletes them.
    #[serde(default)]
    pub owner_pid: Option<u32>,
    #[serde(default)]
    pub owner_host: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub written: time::OffsetDateTime,
    pub project: Project,
}

/// Work found from an earlier run, read back and ready to restore.
pub struct RecoveryOffer {
    pub files: Vec<PathBuf>,
    pub project_path: Option<PathBuf>,
    pub base_sha256: Option<String>,
    pub written: time::OffsetDateTime,
    pub project: Project,
    /// A second copy for the autosave worker, made off the UI thread.
    pub replica: Project,
    /// Journal lines that could not be replayed (a torn last line after a crash).
    pub skipped_edits: usize,
}

impl std::fmt::Debug for RecoveryOffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecoveryOffer")
            .field("files", &self.files)
            .field("written", &self.written)
            .finish_non_exhaustive()
    }
}

enum ToWorker {
    /// A document was opened: this is its state, written under `key`.
    Begin {
        key: PathBuf,
        project_path: Option<String>,
        replica: Box<Project>,
    },
    Edits(Vec<Edit>),
    /// The version of the project file the unsaved changes start from (its SHA-256).
    Base(Option<String>),
    /// Write what is unsaved now.
    Flush,
    /// The document is saved (or its changes discarded): drop the recovery files and, when it
    /// was saved under a new name, write under the new key from now on.
    Clean {
        key: PathBuf,
        project_path: Option<String>,
    },
}

/// What the worker reports back.
pub enum Outcome {
    Written(time::OffsetDateTime),
    Failed(String),
}

/// The window's side of autosave: it sends edits and ticks; the worker does the I/O.
pub struct Autosave {
    dir: Option<PathBuf>,
    tx: Option<Sender<ToWorker>>,
    rx: Option<Receiver<Outcome>>,
    /// Changes sent since the last flush.
    pending: bool,
    last_flush: Option<Instant>,
    /// Wall-clock time of the last write that succeeded, for the status bar.
    pub last_written: Option<time::OffsetDateTime>,
    pub last_error: Option<String>,
}

impl Autosave {
    /// `repaint` wakes the window when the worker reports.
    pub fn new(dir: Option<PathBuf>, repaint: impl Fn() + Send + 'static) -> Self {
        let (tx, rx) = match &dir {
            Some(_) => {
                let (to_worker, worker_rx) = channel();
                let (worker_tx, from_worker) = channel();
                let spawned = std::thread::Builder::new()
                    .name("factdesk-autosave".into())
                    .spawn(move || worker(worker_rx, worker_tx, repaint));
                match spawned {
                    Ok(_) => (Some(to_worker), Some(from_worker)),
                    Err(_) => (None, None),
                }
            }
            None => (None, None),
        };
        Autosave {
            dir,
            tx,
            rx,
            pending: false,
            last_flush: None,
            last_written: None,
            last_error: None,
        }
    }

    /// The key (file stem) for a document: its project path, or its article when unsaved.
    pub fn key_for(&self, project_path: Option<&Path>, article_sha256: &str) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        let key = match project_path {
            Some(p) => absolute(p).display().to_string(),
            None => format!("unsaved:{article_sha256}"),
        };
        let hash = crate::project::sha256_hex(&key);
        Some(dir.join(&hash[..16]))
    }

    fn send(&mut self, message: ToWorker) {
        let failed = self.tx.as_ref().is_some_and(|tx| tx.send(message).is_err());
        if failed {
            self.tx = None;
            self.last_error = Some("the autosave worker stopped".into());
        }
    }

    /// A document was opened; `replica` is a copy of its project made off the UI thread.
    pub fn begin(&mut self, key: Option<PathBuf>, project_path: Option<&Path>, replica: Project) {
        self.pending = false;
        self.last_written = None;
        if let Some(key) = key {
            self.send(ToWorker::Begin {
                key,
                project_path: project_path.map(|p| absolute(p).display().to_string()),
                replica: Box::new(replica),
            });
        }
    }

    /// Edits the window has just applied (in order), for the replica.
    pub fn edits(&mut self, edits: Vec<Edit>) {
        if !edits.is_empty() {
            self.pending = true;
            self.send(ToWorker::Edits(edits));
        }
    }

    /// The unsaved changes start from this version of the project file (after an open, a
    /// save, a reload or a merge).
    pub fn base(&mut self, sha256: Option<String>) {
        self.send(ToWorker::Base(sha256));
    }

    /// Called once a frame: asks for a write when changes have waited long enough. Returns
    /// whether it did (the window then looks at the project file too).
    pub fn tick(&mut self, dirty: bool) -> bool {
        let due = self
            .last_flush
            .is_none_or(|t| t.elapsed() >= AUTOSAVE_INTERVAL);
        let write = dirty && self.pending && due;
        if write {
            self.flush();
        }
        write
    }

    /// Writes now (tests; and before a risky operation).
    pub fn flush(&mut self) {
        self.pending = false;
        self.last_flush = Some(Instant::now());
        self.send(ToWorker::Flush);
    }

    /// Saved or discarded: the recovery files go, and later ones use `key`.
    pub fn clean(&mut self, key: Option<PathBuf>, project_path: Option<&Path>) {
        self.pending = false;
        // Nothing unsaved is kept any more: an old "autosaved" time would mislead.
        self.last_written = None;
        if let Some(key) = key {
            self.send(ToWorker::Clean {
                key,
                project_path: project_path.map(|p| absolute(p).display().to_string()),
            });
        }
    }

    /// Reads what the worker reported since the last frame.
    pub fn poll(&mut self) -> Vec<Outcome> {
        let mut out = Vec::new();
        if let Some(rx) = &self.rx {
            loop {
                match rx.try_recv() {
                    Ok(o) => out.push(o),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        out.push(Outcome::Failed("the autosave worker stopped".into()));
                        self.rx = None;
                        break;
                    }
                }
            }
        }
        for o in &out {
            match o {
                Outcome::Written(t) => {
                    self.last_written = Some(*t);
                    self.last_error = None;
                }
                Outcome::Failed(e) => self.last_error = Some(e.clone()),
            }
        }
        out
    }
}

/// The project path as the recovery file records it: absolute, so work restored from another
/// folder is saved back to the file it came from.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The worker: replica, snapshot-once, journal-after.
fn worker(rx: Receiver<ToWorker>, tx: Sender<Outcome>, repaint: impl Fn()) {
    let mut replica: Option<Project> = None;
    let mut key: Option<PathBuf> = None;
    let mut project_path: Option<String> = None;
    let mut base_sha256: Option<String> = None;
    let mut snapshot_written = false;
    let mut unwritten: Vec<Edit> = Vec::new();
    let report = |o: Outcome| {
        let _ = tx.send(o);
        repaint();
    };
    while let Ok(message) = rx.recv() {
        match message {
            ToWorker::Begin {
                key: k,
                project_path: p,
                replica: r,
            } => {
                replica = Some(*r);
                key = Some(k);
                project_path = p;
                base_sha256 = None;
                snapshot_written = false;
                unwritten.clear();
            }
            ToWorker::Edits(edits) => {
                if let Some(project) = replica.as_mut() {
                    for edit in edits {
                        // The window applied this edit to the same state, so it applies here.
                        if edit.clone().apply(project).is_ok() && snapshot_written {
                            unwritten.push(edit);
                        }
                    }
                }
            }
            ToWorker::Base(sha) => base_sha256 = sha,
            ToWorker::Flush => {
                let (Some(project), Some(k)) = (replica.as_ref(), key.as_ref()) else {
                    continue;
                };
                // Another program may have removed the snapshot (a cleaner, by hand): the
                // journal alone could not be read back, so write a snapshot again.
                let snapshot_there = snapshot_written && snapshot_path(k).exists();
                let result = if snapshot_there {
                    append_journal(&journal_path(k), &unwritten)
                } else {
                    write_snapshot(k, project_path.clone(), base_sha256.clone(), project)
                };
                match result {
                    Ok(t) => {
                        snapshot_written = true;
                        unwritten.clear();
                        report(Outcome::Written(t));
                    }
                    Err(e) => report(Outcome::Failed(e)),
                }
            }
            ToWorker::Clean {
                key: k,
                project_path: p,
            } => {
                if let Some(old) = &key {
                    remove_pair(old);
                }
                remove_pair(&k);
                key = Some(k);
                project_path = p;
                snapshot_written = false;
                unwritten.clear();
            }
        }
    }
}

fn snapshot_path(key: &Path) -> PathBuf {
    with_suffix(key, SNAPSHOT_SUFFIX)
}

fn journal_path(key: &Path) -> PathBuf {
    with_suffix(key, JOURNAL_SUFFIX)
}

fn with_suffix(key: &Path, suffix: &str) -> PathBuf {
    let mut s = key.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

fn remove_pair(key: &Path) {
    let _ = std::fs::remove_file(snapshot_path(key));
    let _ = std::fs::remove_file(journal_path(key));
}

fn write_snapshot(
    key: &Path,
    project_path: Option<String>,
    base_sha256: Option<String>,
    project: &Project,
) -> Result<time::OffsetDateTime, String> {
    if let Some(dir) = key.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let written = crate::project::now();
    // Serialise a borrowed view: the replica is not cloned for writing.
    #[derive(Serialize)]
    struct View<'a> {
        project_path: Option<String>,
        base_sha256: Option<String>,
        owner_pid: Option<u32>,
        owner_host: Option<String>,
        #[serde(with = "time::serde::rfc3339")]
        written: time::OffsetDateTime,
        project: &'a Project,
    }
    let text = ron::ser::to_string_pretty(
        &View {
            project_path,
            base_sha256,
            owner_pid: Some(std::process::id()),
            owner_host: Some(lock::host_name()),
            written,
            project,
        },
        ron::ser::PrettyConfig::new(),
    )
    .map_err(|e| format!("cannot encode the recovery file: {e}"))?;
    // The journal belongs to the previous snapshot: remove it first, so a crash between the
    // two writes never pairs an old journal with a new snapshot.
    let journal = journal_path(key);
    match std::fs::remove_file(&journal) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot remove {}: {e}", journal.display())),
    }
    let path = snapshot_path(key);
    storage::write_atomic(&path, text.as_bytes(), std::io::Write::write_all, false)
        .map_err(|e| e.to_string())?;
    Ok(written)
}

fn append_journal(path: &Path, edits: &[Edit]) -> Result<time::OffsetDateTime, String> {
    let mut buf = String::new();
    for edit in edits {
        let line = ron::to_string(edit).map_err(|e| format!("cannot encode an edit: {e}"))?;
        buf.push_str(&line);
        buf.push('\n');
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    file.write_all(buf.as_bytes())
        .and_then(|()| file.sync_data())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(crate::project::now())
}

/// Reads a snapshot and replays its journal. Lines that do not parse or apply (a torn last
/// line after a crash) are counted and skipped.
fn read_pair(snapshot: &Path) -> Option<RecoveryOffer> {
    let text = std::fs::read_to_string(snapshot).ok()?;
    let file: RecoveryFile = ron::from_str(&text).ok()?;
    if owned_by_another_live_window(&file) {
        return None;
    }
    let key = PathBuf::from(
        snapshot
            .to_string_lossy()
            .strip_suffix(SNAPSHOT_SUFFIX)?
            .to_string(),
    );
    let journal = journal_path(&key);
    let mut project = file.project;
    let mut written = file.written;
    let mut skipped = 0;
    if let Ok(lines) = std::fs::read_to_string(&journal) {
        for line in lines.lines().filter(|l| !l.trim().is_empty()) {
            match ron::from_str::<Edit>(line).map(|e| e.apply(&mut project)) {
                Ok(Ok(_)) => {}
                _ => skipped += 1,
            }
        }
        if let Some(t) = std::fs::metadata(&journal)
            .and_then(|m| m.modified())
            .ok()
            .map(time::OffsetDateTime::from)
        {
            written = written.max(t);
        }
    }
    let replica = project.clone();
    Some(RecoveryOffer {
        files: vec![snapshot.to_path_buf(), journal],
        project_path: file.project_path.map(PathBuf::from),
        base_sha256: file.base_sha256,
        written,
        project,
        replica,
        skipped_edits: skipped,
    })
}

/// The newest recovery left by an earlier run, if any, read back (call off the UI thread).
/// Is a window of another running process writing these files right now?
fn owned_by_another_live_window(file: &RecoveryFile) -> bool {
    match (file.owner_pid, file.owner_host.as_deref()) {
        (Some(pid), Some(host)) => {
            pid != std::process::id() && host == lock::host_name() && lock::process_alive(pid)
        }
        _ => false,
    }
}

pub fn find_leftover(dir: &Path) -> Option<RecoveryOffer> {
    let mut snapshots: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(SNAPSHOT_SUFFIX))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    snapshots.sort();
    while let Some((_, path)) = snapshots.pop() {
        let Some(offer) = read_pair(&path) else {
            continue;
        };
        // A project saved after the recovery was written needs no recovery.
        // A save deletes the recovery files, so left-over ones hold work not saved. Only
        // files written before the base was recorded are judged by time (a save after them).
        let saved_later = offer.base_sha256.is_none()
            && offer
                .project_path
                .as_deref()
                .and_then(|p| std::fs::metadata(p).ok()?.modified().ok())
                .is_some_and(|saved| saved > std::time::SystemTime::from(offer.written));
        if saved_later {
            for f in &offer.files {
                let _ = std::fs::remove_file(f);
            }
            continue;
        }
        return Some(offer);
    }
    None
}

/// Looks for left-over recovery files on a worker thread (reading a big snapshot must not
/// delay the first frame).
pub fn spawn_scan(
    dir: Option<PathBuf>,
    repaint: impl Fn() + Send + 'static,
) -> Option<Receiver<Option<RecoveryOffer>>> {
    let dir = dir?;
    let (tx, rx) = channel();
    std::thread::Builder::new()
        .name("factdesk-recovery-scan".into())
        .spawn(move || {
            let _ = tx.send(find_leftover(&dir));
            repaint();
        })
        .ok()?;
    Some(rx)
}

/// Deletes an offer's files (restored or discarded).
pub fn remove_offer_files(offer: &RecoveryOffer) {
    for f in &offer.files {
        let _ = std::fs::remove_file(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Verdict;

    fn wait(a: &mut Autosave) -> Outcome {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(o) = a.poll().into_iter().next() {
                return o;
            }
            assert!(Instant::now() < deadline, "the worker did not answer");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn snapshot_once_then_journal_and_recovery_replays_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut project = Project::from_article(
            &crate::article::sample(),
            &crate::claims::ClaimFinder::rules(),
        );
        let mut a = Autosave::new(Some(dir.path().to_path_buf()), || {});
        let key = a.key_for(None, &project.article.sha256);
        a.begin(key.clone(), None, project.clone());
        let id = project.claims[0].id.clone();
        let first = Edit::SetVerdict {
            id: id.clone(),
            verdict: Verdict::FALSE,
        };
        first.clone().apply(&mut project).unwrap();
        a.edits(vec![first]);
        a.flush();
        assert!(matches!(wait(&mut a), Outcome::Written(_)));
        let snapshot = snapshot_path(key.as_ref().unwrap());
        let written_once = std::fs::read(&snapshot).unwrap();

        let second = Edit::SetNote {
            id: id.clone(),
            note: "checked\nagainst the record".into(),
        };
        second.clone().apply(&mut project).unwrap();
        a.edits(vec![second]);
        a.flush();
        assert!(matches!(wait(&mut a), Outcome::Written(_)));
        assert_eq!(
            std::fs::read(&snapshot).unwrap(),
            written_once,
            "the snapshot is not rewritten: later edits go to the journal"
        );
        let journal = std::fs::read_to_string(journal_path(key.as_ref().unwrap())).unwrap();
        assert_eq!(journal.lines().count(), 1);

        // A torn last line (a crash mid-write) is skipped, the rest restored.
        let mut torn = journal.clone();
        torn.push_str("SetNote(id: \"c");
        std::fs::write(journal_path(key.as_ref().unwrap()), torn).unwrap();
        let offer = find_leftover(dir.path()).expect("the work is offered");
        assert_eq!(offer.skipped_edits, 1);
        let c = offer.project.claim(&id).unwrap();
        assert_eq!(c.verdict, Verdict::FALSE);
        assert_eq!(c.note, "checked\nagainst the record");

        // Saved: the files go.
        a.clean(key.clone(), None);
        let deadline = Instant::now() + Duration::from_secs(10);
        while find_leftover(dir.path()).is_some() {
            assert!(Instant::now() < deadline, "recovery files were not removed");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Found by trying it: a second window never offers (or deletes) the autosave a running
    /// window is writing; once that process is gone, its files are left-over work.
    #[test]
    fn a_live_windows_autosave_is_not_left_over_and_a_lost_snapshot_is_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let project = Project::from_article(
            &crate::article::sample(),
            &crate::claims::ClaimFinder::rules(),
        );
        let key = dir.path().join("k");
        write_snapshot(&key, None, None, &project).unwrap();
        let text = std::fs::read_to_string(snapshot_path(&key)).unwrap();
        let mut file: RecoveryFile = ron::from_str(&text).unwrap();
        assert_eq!(file.owner_pid, Some(std::process::id()));
        let mut other = std::process::Command::new("sleep")
            .arg("5")
            .spawn()
            .unwrap();
        file.owner_pid = Some(other.id());
        let write = |f: &RecoveryFile| {
            let text = ron::ser::to_string_pretty(f, Default::default()).unwrap();
            std::fs::write(snapshot_path(&key), text).unwrap();
        };
        write(&file);
        assert!(
            find_leftover(dir.path()).is_none(),
            "a live window's files offered"
        );
        other.kill().unwrap();
        other.wait().unwrap();
        assert!(find_leftover(dir.path()).is_some());

        // The worker writes a snapshot again when its snapshot went missing.
        let mut a = Autosave::new(Some(dir.path().to_path_buf()), || {});
        let key = a.key_for(None, "x");
        a.begin(key.clone(), None, project.clone());
        let id = project.claims[0].id.clone();
        let edit = |note: &str| Edit::SetNote {
            id: id.clone(),
            note: note.into(),
        };
        a.edits(vec![edit("one")]);
        a.flush();
        assert!(matches!(wait(&mut a), Outcome::Written(_)));
        std::fs::remove_file(snapshot_path(key.as_ref().unwrap())).unwrap();
        a.edits(vec![edit("two")]);
        a.flush();
        assert!(matches!(wait(&mut a), Outcome::Written(_)));
        let text = std::fs::read_to_string(snapshot_path(key.as_ref().unwrap())).unwrap();
        let file: RecoveryFile = ron::from_str(&text).unwrap();
        assert_eq!(file.project.claim(&id).unwrap().note, "two");
    }
}
