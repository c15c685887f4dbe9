//! Opening, saving and exporting, and the "Save changes?" flow around them. Called from
//! `App::execute` only.

use std::path::{Path, PathBuf};

use super::disk::SaveOutcome;
use super::{App, Pending};
use crate::project::disk::SavePolicy;
use crate::project::{Project, storage};
use crate::report::{self, ReportScope};
use crate::ui::document::Document;
use crate::ui::jobs::{self, DialogPurpose, DialogResult, OpenRequest, Opened};
use crate::ui::messages::MessageKind;
use crate::ui::modals::{ExportChoice, Modal, TypedPath};

impl App {
    /// Runs `then` now, or first asks "Save changes?" when there are unsaved changes.
    pub(super) fn guard_unsaved(&mut self, then: Pending) {
        self.pending = Some(then);
        if self.doc.as_ref().is_some_and(Document::is_dirty) {
            self.modal = Some(Modal::Unsaved);
        } else {
            self.run_pending();
        }
    }

    /// Continues what was waiting on the unsaved-changes question.
    pub(super) fn run_pending(&mut self) {
        match self.pending.take() {
            Some(Pending::Open(r)) => self.start_open(r),
            Some(Pending::Dialog(p)) => self.ask_path(p),
            Some(Pending::Quit) => self.quit_now(),
            None => {}
        }
    }

    /// Answer to "Save changes?": discard them and go on.
    pub(super) fn discard_and_continue(&mut self) {
        if let Some(doc) = &mut self.doc {
            doc.history.mark_saved();
            let key = self
                .autosave
                .key_for(doc.path.as_deref(), &doc.project.article.sha256);
            self.autosave.clean(key, doc.path.as_deref());
        }
        self.run_pending();
    }

    fn quit_now(&mut self) {
        self.release_file();
        self.allow_close = true;
        self.quit_requested = true;
        if let Some(ctx) = &self.ctx {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    pub(super) fn start_open(&mut self, request: OpenRequest) {
        if let Some(job) = self.load.take() {
            job.cancel();
        }
        self.load = Some(jobs::spawn_load(request, self.repaint_fn()));
    }

    /// A background load finished.
    pub(super) fn loaded(&mut self, label: &str, result: Result<Opened, String>) {
        match result {
            Ok(opened) => {
                if let Some(f) = &opened.opened_file {
                    self.prefs.add_recent(f);
                }
                self.messages.clear(MessageKind::Open);
                match opened.warnings.as_slice() {
                    [] => self.messages.clear(MessageKind::Repairs),
                    warnings => self.messages.set_with_detail(
                        MessageKind::Repairs,
                        format!(
                            "{label}: {} claim{} repaired while opening (hover for details)",
                            warnings.len(),
                            if warnings.len() == 1 {
                                " was"
                            } else {
                                "s were"
                            }
                        ),
                        Some(warnings.join("\n")),
                    ),
                }
                let mut doc = Document::new(opened.project, opened.path);
                doc.disk = opened.disk;
                self.install_document(doc, opened.replica);
                self.attach_file(opened.lock);
            }
            Err(e) => self.messages.set(MessageKind::Open, e),
        }
    }

    /// Makes `doc` the open document; `replica` is its copy for the autosave worker.
    pub(super) fn install_document(&mut self, mut doc: Document, replica: Project) {
        doc.filter.show_dismissed = self.prefs.show_dismissed;
        let key = self
            .autosave
            .key_for(doc.path.as_deref(), &doc.project.article.sha256);
        self.autosave.begin(key, doc.path.as_deref(), replica);
        self.memory.clear();
        self.memory.set_project(doc.path.as_deref());
        self.notice = None;
        let claims = doc
            .project
            .claims
            .iter()
            .filter(|c| !c.is_dismissed())
            .map(|c| (c.id.clone(), c.text.clone()))
            .collect();
        self.memory.request(claims, self.repaint_fn());
        self.doc = Some(doc);
        self.article_layout = Default::default();
        self.article_selection = None;
        self.editor = Default::default();
        self.scroll_table = true;
        self.scroll_article = true;
    }

    pub(super) fn dialog_answered(&mut self, purpose: DialogPurpose, result: DialogResult) {
        match result {
            DialogResult::Chosen(path) => self.path_chosen(purpose, path),
            DialogResult::Cancelled => self.pending = None,
            DialogResult::Unavailable => {
                let text = self.default_path_for(&purpose).display().to_string();
                self.modal = Some(Modal::TypedPath(TypedPath::new(purpose, text)));
            }
        }
    }

    /// Asks for a path: a native dialog off the UI thread (or a typed path without one).
    pub(super) fn ask_path(&mut self, purpose: DialogPurpose) {
        if self.dialog.is_some() {
            return;
        }
        let default = self.default_path_for(&purpose);
        let name = default
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = default
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map(Path::to_path_buf);
        self.dialog = Some(jobs::spawn_dialog(purpose, name, dir, self.repaint_fn()));
    }

    fn default_path_for(&self, purpose: &DialogPurpose) -> PathBuf {
        let doc = self.doc.as_ref();
        let base = doc.and_then(|d| d.path.clone()).or_else(|| {
            let src = doc?.project.article.source_path.as_ref()?;
            Some(storage::default_project_path(Path::new(src)))
        });
        let base = base.unwrap_or_else(|| PathBuf::from(format!("article.{}", storage::EXTENSION)));
        match purpose {
            DialogPurpose::Export { format, .. } => {
                let name = base
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let stem = name
                    .strip_suffix(&format!(".{}", storage::EXTENSION))
                    .unwrap_or(&name)
                    .to_string();
                base.with_file_name(format!("{stem}.report.{}", format.extension()))
            }
            DialogPurpose::SaveAs => base,
            DialogPurpose::Open | DialogPurpose::NewFromArticle | DialogPurpose::UpdateArticle => {
                base.parent().map(Path::to_path_buf).unwrap_or_default()
            }
        }
    }

    /// A path came back from a dialog or was typed.
    pub(super) fn path_chosen(&mut self, purpose: DialogPurpose, path: PathBuf) {
        match purpose {
            DialogPurpose::Open | DialogPurpose::NewFromArticle => {
                self.pending = None;
                self.start_open(OpenRequest::Path(path));
            }
            DialogPurpose::SaveAs => {
                let path = with_project_extension(path);
                self.save_then_continue(&path);
            }
            DialogPurpose::UpdateArticle => {
                if let Some(doc) = &self.doc {
                    // A copy for the worker: the window keeps working while it runs.
                    let project = doc.project.clone();
                    self.revise_job = Some(jobs::spawn_revise(project, path, self.repaint_fn()));
                    self.notice = Some("Updating the article…".into());
                }
            }
            DialogPurpose::Export {
                format,
                scope,
                open_after,
            } => self.export_to(&path, format, &scope, open_after),
        }
    }

    /// Save (Ctrl+S, or "Save" in "Save changes?"): to the project's file, or ask where.
    pub(super) fn save(&mut self) {
        if let Some(doc) = &self.doc
            && doc.read_only.is_some()
        {
            self.pending = None;
            self.messages.set(
                MessageKind::Save,
                "Not saved: this project is read-only here because another window has it open. Use Save as… to keep a copy, or Edit anyway.",
            );
            return;
        }
        match self.doc.as_ref().and_then(|d| d.path.clone()) {
            Some(path) => self.save_then_continue(&path),
            None => self.ask_path(DialogPurpose::SaveAs),
        }
    }

    /// Saves, then runs what waited on the save (a quit, an open). A failed save cancels
    /// the waiting action: a later, unrelated save must never quit the window. A save that
    /// asks first (the file changed on disk) keeps it waiting for the answer.
    pub(super) fn save_then_continue(&mut self, path: &Path) {
        self.save_with(path, SavePolicy::IfUnchanged);
    }

    /// Runs what waited, or drops it, after a save's outcome.
    pub(super) fn after_save(&mut self, outcome: SaveOutcome) {
        match outcome {
            SaveOutcome::Saved => self.run_pending(),
            SaveOutcome::Asking => {}
            SaveOutcome::Failed => self.pending = None,
        }
    }

    /// A save went through: the document is the file's content now.
    pub(super) fn saved(&mut self, path: &Path) {
        let Some(doc) = self.doc.as_mut() else { return };
        doc.path = Some(path.to_path_buf());
        doc.history.mark_saved();
        // Recovery files were keyed by the old path (or the article when unsaved):
        // the worker drops them and keys later ones by the new path.
        let key = self
            .autosave
            .key_for(Some(path), &doc.project.article.sha256);
        self.autosave.clean(key, Some(path));
        let identity = doc.disk.as_ref().and_then(|d| d.identity.clone());
        self.autosave
            .base(identity.as_ref().map(|i| i.sha256.clone()));
        if let Some(w) = &self.watch {
            w.known(identity);
        }
        self.prefs.add_recent(path);
        self.memory.set_project(Some(path));
        if self.prefs.add_to_library {
            self.memory.add_project(path, doc.project.clone());
        }
        self.messages.clear(MessageKind::Save);
        self.messages.clear(MessageKind::Disk);
        self.notice = Some(format!("Saved {}", path.display()));
    }

    pub(super) fn start_export(&mut self, choice: ExportChoice) {
        let Some(doc) = self.doc.as_mut() else { return };
        let scope = if choice.filtered_only {
            doc.refresh_rows();
            let ids = doc
                .cached_rows()
                .iter()
                .map(|&i| doc.project.claims[i].id.clone())
                .collect();
            ReportScope { only: Some(ids) }
        } else {
            ReportScope::default()
        };
        self.ask_path(DialogPurpose::Export {
            format: choice.format,
            scope,
            open_after: choice.open_after,
        });
    }

    fn export_to(
        &mut self,
        path: &Path,
        format: report::ReportFormat,
        scope: &ReportScope,
        open_after: bool,
    ) {
        let Some(doc) = self.doc.as_ref() else { return };
        // The window asked before replacing (typed path) or the native dialog did, so only
        // a project is refused; a replaced file is kept as .bak.
        let project = doc.path.clone().unwrap_or_default();
        let problem = storage::report_target_problem(path, &project, true);
        let result = match problem {
            Some(why) => Err(why),
            None => report::render(&doc.project, format, scope)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    storage::write_atomic(path, text.as_bytes(), std::io::Write::write_all, true)
                        .map_err(|e| e.to_string())
                }),
        };
        match result {
            Ok(()) => {
                self.prefs.last_export = Some(format);
                self.messages.clear(MessageKind::Export);
                self.notice = Some(format!("Exported {} to {}", format.label(), path.display()));
                if open_after {
                    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                    self.open_report = Some(jobs::spawn_open_file(abs, self.repaint_fn()));
                }
            }
            Err(e) => self
                .messages
                .set(MessageKind::Export, format!("Export failed: {e}")),
        }
    }
}

impl App {
    /// An article update finished: one undoable edit, one summary.
    pub(super) fn revised(&mut self, result: Result<crate::project::revise::Revised, String>) {
        match result {
            Ok(revised) => {
                let (edit, summary) = revised.into_edit();
                self.execute(crate::ui::command::Command::Apply(edit));
                if let Some(doc) = &self.doc {
                    let claims = doc
                        .project
                        .claims
                        .iter()
                        .map(|c| (c.id.clone(), c.text.clone()))
                        .collect();
                    self.memory.request(claims, self.repaint_fn());
                }
                self.messages.clear(MessageKind::Open);
                self.notice = Some(capitalise(&summary.message()));
                self.scroll_table = true;
                self.scroll_article = true;
            }
            Err(e) => {
                self.notice = None;
                self.messages.set(
                    MessageKind::Open,
                    format!("The article was not updated: {e}"),
                );
            }
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn with_project_extension(path: PathBuf) -> PathBuf {
    if jobs::is_project_file(&path) {
        path
    } else {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".{}", storage::EXTENSION));
        path.with_file_name(name)
    }
}
