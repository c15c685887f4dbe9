//! Notices when the open project's file changes on disk (another window, a colleague on a
//! shared folder, `git pull`), off the UI thread.
//!
//! Polling, not a file-watcher crate: inotify and friends say nothing about files changed
//! over a network share, which is where desks keep shared projects, and a stat per second is
//! nothing. While the window has focus the file is looked at every [`POLL_EVERY`]; unfocused,
//! not at all (the check on focus and before every save catches up). Size and time are
//! looked at first; the file is read and hashed only when they move, and parsed only when
//! its content differs from what the window knows. The thread also keeps the window's lock
//! fresh.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError, channel};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use crate::project::Project;
use crate::project::disk::lock::{self, ProjectLock};
use crate::project::disk::{FileIdentity, identity};
use crate::project::storage;

/// How often the file is looked at while the window has focus.
pub const POLL_EVERY: Duration = Duration::from_secs(1);

/// What the watcher found.
pub enum DiskEvent {
    /// The file holds something the window has not seen.
    Changed {
        identity: FileIdentity,
        /// Their version, with a copy for the autosave worker, or why it cannot be read.
        theirs: Result<(Box<Project>, Box<Project>), String>,
    },
    /// The file is gone (deleted, or moved away).
    Missing,
    /// This window holds no lock and nobody else does now (the other window closed): the
    /// window may take it.
    LockFree,
}

enum ToWatcher {
    /// The window saved, reloaded or merged: this is what the file holds now.
    Known(Option<FileIdentity>),
    CheckNow,
    /// The window took the file's lock.
    Lock(Weak<ProjectLock>),
}

/// The window's handle on a watcher thread; dropping it stops the thread.
pub struct DiskWatch {
    tx: Sender<ToWatcher>,
    rx: Receiver<DiskEvent>,
    focused: Arc<AtomicBool>,
}

impl DiskWatch {
    /// Watches `path`, whose content the window knows as `known`; `lock` is refreshed while
    /// it lives. `repaint` wakes the window when something is found.
    pub fn spawn(
        path: PathBuf,
        known: Option<FileIdentity>,
        lock: Option<Weak<ProjectLock>>,
        repaint: impl Fn() + Send + 'static,
    ) -> Self {
        let (tx, worker_rx) = channel();
        let (worker_tx, rx) = channel();
        let focused = Arc::new(AtomicBool::new(true));
        let f = focused.clone();
        let _ = std::thread::Builder::new()
            .name("factdesk-disk-watch".into())
            .spawn(move || {
                watch(
                    Watched::new(path, known),
                    lock,
                    &f,
                    &worker_rx,
                    &worker_tx,
                    &repaint,
                )
            });
        DiskWatch { tx, rx, focused }
    }

    /// Whether the window has focus (polling only then).
    pub fn set_focused(&self, focused: bool) {
        let was = self.focused.swap(focused, Ordering::Relaxed);
        if focused && !was {
            // Back from another program (maybe the one that changed the file): look now.
            self.check_now();
        }
    }

    pub fn check_now(&self) {
        let _ = self.tx.send(ToWatcher::CheckNow);
    }

    /// The file now holds `identity` (written or adopted by the window).
    pub fn known(&self, identity: Option<FileIdentity>) {
        let _ = self.tx.send(ToWatcher::Known(identity));
    }

    /// The window took the file's lock: keep it fresh.
    pub fn set_lock(&self, lock: Weak<ProjectLock>) {
        let _ = self.tx.send(ToWatcher::Lock(lock));
    }

    /// What was found since the last frame.
    pub fn poll(&self) -> Vec<DiskEvent> {
        let mut out = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(e) => out.push(e),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return out,
            }
        }
    }
}

/// The watcher's memory of the file.
struct Watched {
    path: PathBuf,
    known: Option<FileIdentity>,
    /// The last version reported, so one change is reported once.
    reported: Option<String>,
    reported_missing: bool,
}

impl Watched {
    fn new(path: PathBuf, known: Option<FileIdentity>) -> Self {
        Watched {
            path,
            known,
            reported: None,
            reported_missing: false,
        }
    }

    /// Looks at the file; `Some` when there is something new to say.
    fn look(&mut self) -> Option<DiskEvent> {
        let Ok(meta) = std::fs::metadata(&self.path) else {
            if self.known.is_some() && !self.reported_missing && !self.path.exists() {
                self.reported_missing = true;
                return Some(DiskEvent::Missing);
            }
            return None;
        };
        self.reported_missing = false;
        if self
            .known
            .as_ref()
            .is_some_and(|k| k.looks_unchanged(&meta))
        {
            return None;
        }
        let (bytes, now) = identity::read(&self.path).ok()??;
        if self.known.as_ref().is_some_and(|k| k.same_content(&now)) {
            // Touched, not changed (a checkout): remember the new time, read less next time.
            self.known = Some(now);
            return None;
        }
        if self.reported.as_deref() == Some(now.sha256.as_str()) {
            return None;
        }
        self.reported = Some(now.sha256.clone());
        let theirs = storage::from_bytes(bytes, &self.path.display().to_string())
            .map(|l| {
                let replica = Box::new(l.project.clone());
                (Box::new(l.project), replica)
            })
            .map_err(|e| e.to_string());
        Some(DiskEvent::Changed {
            identity: now,
            theirs,
        })
    }
}

fn watch(
    mut file: Watched,
    mut lock: Option<Weak<ProjectLock>>,
    focused: &AtomicBool,
    rx: &Receiver<ToWatcher>,
    tx: &Sender<DiskEvent>,
    repaint: &dyn Fn(),
) {
    let mut last_refresh = Instant::now();
    let mut offered_lock = false;
    loop {
        let check = match rx.recv_timeout(POLL_EVERY) {
            Ok(ToWatcher::Known(identity)) => {
                file.known = identity;
                file.reported = None;
                file.reported_missing = false;
                false
            }
            Ok(ToWatcher::CheckNow) => true,
            Ok(ToWatcher::Lock(l)) => {
                lock = Some(l);
                false
            }
            Err(RecvTimeoutError::Timeout) => focused.load(Ordering::Relaxed),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if check && let Some(event) = file.look() {
            if tx.send(event).is_err() {
                return;
            }
            repaint();
        }
        // Whether the other window let go is looked at focused or not (a small file read a
        // second): a read-only window must take over before a third window does.
        if lock.is_none() && !offered_lock && lock::holder(&file.path).is_none() {
            offered_lock = true;
            if tx.send(DiskEvent::LockFree).is_err() {
                return;
            }
            repaint();
        }
        if last_refresh.elapsed() >= lock::REFRESH_EVERY {
            last_refresh = Instant::now();
            match lock.as_ref().map(Weak::upgrade) {
                Some(Some(l)) => l.refresh(),
                Some(None) => return, // the window let go of the project
                None => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_reported_once_and_a_touch_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        std::fs::write(&path, "(format_version: 2)").unwrap();
        let (_, id) = identity::read(&path).unwrap().unwrap();
        let mut w = Watched::new(path.clone(), Some(id));
        assert!(w.look().is_none());
        std::fs::write(&path, "(format_version: 2)").unwrap();
        assert!(w.look().is_none(), "same content, new time");
        std::fs::write(&path, "not a project").unwrap();
        match w.look() {
            Some(DiskEvent::Changed { theirs, .. }) => assert!(theirs.is_err()),
            _ => panic!("change not reported"),
        }
        assert!(w.look().is_none(), "reported twice");
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(w.look(), Some(DiskEvent::Missing)));
        assert!(w.look().is_none());
    }
}
