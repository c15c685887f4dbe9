//! The open project's file on disk: its lock, the watcher that notices other writers, saving
//! only over the version loaded, and the answers to "changed on disk" and "deleted or moved".
//! Called from `App::execute` and the frame's job polling only.

use std::path::Path;
use std::sync::Arc;

use super::App;
use crate::project::Project;
use crate::project::disk::{FileIdentity, Found, OnDisk, Refused, SavePolicy, identity, lock};
use crate::project::edit::Edit;
use crate::ui::command::DiskAnswer;
use crate::ui::disk_watch::{DiskEvent, DiskWatch};
use crate::ui::document::Document;
use crate::ui::jobs::{DialogPurpose, LockOutcome};
use crate::ui::messages::MessageKind;
use crate::ui::modals::{DiskChange, Modal};

/// How a save ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved,
    /// A question is open (changed on disk, or deleted): what waits on the save still waits.
    Asking,
    Failed,
}

impl App {
    /// Holds the document's file lock (or notes that another window has it) and starts
    /// watching the file.
    pub(super) fn attach_file(&mut self, lock: LockOutcome) {
        // Opening (or restoring work for) the file this window already holds finds its own
        // lock: keep it, rather than letting go of it and calling the file open elsewhere.
        let lock = match (lock, &self.lock) {
            (LockOutcome::HeldElsewhere(info), Some(mine)) if mine.is(&info) => {
                LockOutcome::Kept(mine.clone())
            }
            (other, _) => other,
        };
        self.release_file();
        let Some(doc) = self.doc.as_mut() else { return };
        let Some(path) = doc.path.clone() else { return };
        doc.read_only = None;
        self.messages.clear(MessageKind::ReadOnly);
        self.messages.clear(MessageKind::Disk);
        match lock {
            LockOutcome::Locked { lock, replaced } => {
                self.lock = Some(Arc::new(lock));
                if let Some(old) = replaced {
                    self.notice = Some(format!(
                        "{} had been left locked by {}, {}; the lock was taken over.",
                        doc.display_name(),
                        old.describe(),
                        crate::project::disk::lock::stale_reason(&old)
                    ));
                }
            }
            LockOutcome::HeldElsewhere(info) => {
                self.messages.set(
                    MessageKind::ReadOnly,
                    format!(
                        "{} is open in another factdesk window ({}), so it is read-only here.",
                        doc.display_name(),
                        info.describe()
                    ),
                );
                doc.read_only = Some(info);
            }
            LockOutcome::Failed(e) => {
                self.notice = Some(format!(
                    "Other windows will not see that {} is open here (no lock file: {e}).",
                    doc.display_name()
                ));
            }
            LockOutcome::Kept(mine) => self.lock = Some(mine),
            LockOutcome::NotAFile => {}
        }
        let known = doc.disk.as_ref().and_then(|d| d.identity.clone());
        self.autosave.base(known.as_ref().map(|i| i.sha256.clone()));
        self.watch = Some(DiskWatch::spawn(
            path,
            known,
            self.lock.as_ref().map(Arc::downgrade),
            self.repaint_fn(),
        ));
    }

    /// Lets go of the file: its lock goes, the watcher stops.
    pub(super) fn release_file(&mut self) {
        self.watch = None;
        self.lock = None;
    }

    /// Saves to `path` without ever replacing a version of the file this window has not seen.
    pub(super) fn save_with(&mut self, path: &Path, policy: SavePolicy) {
        let outcome = self.try_save(path, policy);
        self.after_save(outcome);
    }

    fn try_save(&mut self, path: &Path, policy: SavePolicy) -> SaveOutcome {
        let Some(doc) = self.doc.as_mut() else {
            return SaveOutcome::Failed;
        };
        let same_file = doc.disk.as_ref().is_some_and(|d| d.path == path);
        let (mut disk, policy) = match doc.disk.as_ref() {
            Some(d) if same_file => (d.clone(), policy),
            // Save as: the person chose this file and confirmed replacing what is there,
            // but a project another window has open is not replaced under it.
            _ => {
                let ours = self
                    .lock
                    .as_ref()
                    .is_some_and(|l| l.path() == lock::lock_path(path));
                if let Some(holder) = lock::holder(path).filter(|_| !ours) {
                    self.messages.set(
                        MessageKind::Save,
                        format!(
                            "Not saved: {} is open in another factdesk window ({}). Choose another name, or close it there first.",
                            path.display(),
                            holder.describe()
                        ),
                    );
                    return SaveOutcome::Failed;
                }
                let policy = match identity::read(path) {
                    Ok(Some((_, there))) => SavePolicy::Replace(there),
                    _ => policy,
                };
                (OnDisk::new_file(path), policy)
            }
        };
        match disk.save(&doc.project, policy) {
            Ok(()) => {
                doc.disk = Some(disk);
                if !same_file {
                    doc.read_only = None;
                    let lock = LockOutcome::acquire(path);
                    doc.path = Some(path.to_path_buf());
                    self.attach_file(lock);
                }
                self.saved(path);
                SaveOutcome::Saved
            }
            Err(Refused::Changed {
                found: Found::Changed { identity, theirs },
                ..
            }) => {
                let change = DiskChange::new(identity, theirs, &doc.project, doc.disk.as_ref());
                self.modal = Some(Modal::DiskChanged(Box::new(change)));
                SaveOutcome::Asking
            }
            Err(Refused::Changed { .. } | Refused::Missing { .. }) => {
                self.modal = Some(Modal::FileGone);
                SaveOutcome::Asking
            }
            Err(Refused::Failed(e)) => {
                self.messages
                    .set(MessageKind::Save, format!("Not saved: {e}"));
                SaveOutcome::Failed
            }
        }
    }

    /// The answer to "changed on disk".
    pub(super) fn answer_disk_change(&mut self, answer: DiskAnswer) {
        let change = match self.modal.take() {
            Some(Modal::DiskChanged(c)) => Some(*c),
            Some(Modal::FileGone) => None,
            other => {
                self.modal = other;
                return;
            }
        };
        let Some(path) = self.doc.as_ref().and_then(|d| d.path.clone()) else {
            return;
        };
        match (answer, change) {
            (DiskAnswer::Later, _) => self.pending = None,
            (DiskAnswer::SaveAs, _) => self.ask_path(DialogPurpose::SaveAs),
            (DiskAnswer::Overwrite, Some(change)) => {
                self.save_with(&path, SavePolicy::Replace(change.identity))
            }
            (DiskAnswer::Merge, Some(change)) => self.merge_with_disk(&path, change),
            (_, None) => self.pending = None,
        }
    }

    /// Takes the merge shown in the question (the same merge as `factdesk merge`, the version
    /// loaded as base) as one undoable edit, then saves it over the version merged with.
    fn merge_with_disk(&mut self, path: &Path, change: DiskChange) {
        let Ok((merged, _)) = change.merged else {
            self.pending = None;
            return;
        };
        let Ok(theirs) = change.theirs else {
            self.pending = None;
            return;
        };
        let conflicts = merged.conflicts;
        self.execute(crate::ui::command::Command::Apply(Edit::ReplaceWork {
            project: Box::new(merged.project),
        }));
        if let Some(d) = self.doc.as_mut().and_then(|d| d.disk.as_mut()) {
            // Their version is what the merge went on from: save over it (not a newer one).
            d.adopt(change.identity.clone(), *theirs);
        }
        let outcome = self.try_save(path, SavePolicy::IfUnchanged);
        if outcome == SaveOutcome::Saved {
            self.notice = Some(match conflicts {
                0 => "Merged with the version on disk and saved.".to_string(),
                1 => "Merged with the version on disk and saved: 1 conflict to settle (conflicts are listed first).".to_string(),
                n => format!("Merged with the version on disk and saved: {n} conflicts to settle (conflicts are listed first)."),
            });
        }
        self.after_save(outcome);
    }

    /// "Save it there again" after the file was deleted or moved away.
    pub(super) fn recreate_file(&mut self) {
        if !matches!(self.modal, Some(Modal::FileGone)) {
            return;
        }
        self.modal = None;
        if let Some(path) = self.doc.as_ref().and_then(|d| d.path.clone()) {
            self.save_with(&path, SavePolicy::Recreate);
        }
    }

    /// "Edit anyway" on a project another window has open.
    pub(super) fn edit_anyway(&mut self) {
        if let Some(doc) = self.doc.as_mut()
            && doc.read_only.take().is_some()
        {
            self.messages.clear(MessageKind::ReadOnly);
            self.messages.clear(MessageKind::Edit);
            self.messages.clear(MessageKind::Save);
            self.notice = Some(
                "Editing here too: saving checks for the other window's changes first and offers to merge them."
                    .into(),
            );
        }
    }

    /// Puts the file's version in the window in place of the document's (a reload), keeping
    /// the selection, the filter and the sort.
    fn replace_project(&mut self, project: Project, replica: Project) {
        let Some(old) = self.doc.take() else { return };
        let mut doc = Document::new(project, old.path.clone());
        if let Some(id) = old.selected.filter(|id| doc.project.claim(id).is_some()) {
            doc.selected = Some(id);
        }
        doc.filter = old.filter;
        doc.sort = old.sort;
        doc.disk = old.disk;
        doc.read_only = old.read_only;
        self.install_document(doc, replica);
        let base = self
            .doc
            .as_ref()
            .and_then(|d| d.disk.as_ref()?.identity.clone());
        self.autosave.base(base.map(|i| i.sha256));
    }

    /// What the watcher found since the last frame.
    pub(super) fn disk_events(&mut self) {
        let Some(watch) = &self.watch else { return };
        for event in watch.poll() {
            let Some(doc) = self.doc.as_ref() else { return };
            let name = doc.display_name();
            let dirty = doc.is_dirty();
            match event {
                DiskEvent::Changed {
                    identity,
                    theirs: Ok((theirs, replica)),
                } if !dirty => self.reload(identity, *theirs, *replica),
                DiskEvent::Changed { identity, theirs } if dirty => {
                    let theirs = theirs.map(|(t, _)| t);
                    if self.modal.is_none() {
                        let change =
                            DiskChange::new(identity, theirs, &doc.project, doc.disk.as_ref());
                        self.modal = Some(Modal::DiskChanged(Box::new(change)));
                    } else {
                        self.messages.set(
                            MessageKind::Disk,
                            format!("{name} changed on disk; saving will ask how to combine it with your changes."),
                        );
                    }
                }
                DiskEvent::Changed { theirs, .. } => {
                    let why = theirs.err().unwrap_or_default();
                    self.messages.set(
                        MessageKind::Disk,
                        format!("{name} changed on disk but cannot be read as a project ({why}); you still see the last version read, and saving will ask before replacing the file."),
                    );
                }
                DiskEvent::LockFree => self.take_free_lock(),
                DiskEvent::Missing => {
                    // The work now exists only here: quitting or opening another file must
                    // ask, as for unsaved changes.
                    if let Some(doc) = self.doc.as_mut() {
                        doc.history.mark_unsaved();
                    }
                    self.messages.set(
                        MessageKind::Disk,
                        format!("{name} was deleted or moved away. Your work is still open here only; saving will ask before writing it there again."),
                    );
                }
            }
        }
    }

    /// Nobody holds the file's lock any more (the other window closed): take it, and a
    /// window that was read-only because of it becomes editable.
    fn take_free_lock(&mut self) {
        if self.lock.is_some() {
            return;
        }
        let Some(path) = self.doc.as_ref().and_then(|d| d.path.clone()) else {
            return;
        };
        let LockOutcome::Locked { lock, .. } = LockOutcome::acquire(&path) else {
            return;
        };
        let lock = Arc::new(lock);
        if let Some(w) = &self.watch {
            w.set_lock(Arc::downgrade(&lock));
        }
        self.lock = Some(lock);
        if let Some(doc) = self.doc.as_mut()
            && doc.read_only.take().is_some()
        {
            self.messages.clear(MessageKind::ReadOnly);
            self.notice = Some(format!(
                "The other window closed {}: you can edit it here now.",
                doc.display_name()
            ));
        }
    }

    /// The file changed and the window had nothing unsaved: show the new version.
    fn reload(&mut self, identity: FileIdentity, theirs: Project, replica: Project) {
        let base = theirs.clone();
        self.replace_project(theirs, replica);
        let Some(doc) = self.doc.as_mut() else { return };
        if let Some(d) = doc.disk.as_mut() {
            d.adopt(identity.clone(), base);
        }
        // (`install_document` asked the claim library about the new version's claims.)
        self.autosave.base(Some(identity.sha256.clone()));
        if let Some(w) = &self.watch {
            w.known(Some(identity));
        }
        self.messages.clear(MessageKind::Disk);
        let now = time::OffsetDateTime::now_utc()
            .to_offset(time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC));
        self.notice = Some(format!(
            "Reloaded {} at {:02}:{:02}:{:02}: it was changed on disk by another program or window.",
            self.doc
                .as_ref()
                .map(Document::display_name)
                .unwrap_or_default(),
            now.hour(),
            now.minute(),
            now.second()
        ));
    }

    /// Restored work from a recovery file: the file it belongs to is its base only if it
    /// still holds the version the work started from; otherwise saving asks how to combine.
    pub(super) fn restored_disk(path: &Path, base_sha256: Option<&str>) -> OnDisk {
        if let Ok(Some((_, there))) = identity::read(path)
            && Some(there.sha256.as_str()) == base_sha256
            && let Ok((_, disk)) = OnDisk::open(path)
        {
            return disk;
        }
        OnDisk::new_file(path)
    }
}
