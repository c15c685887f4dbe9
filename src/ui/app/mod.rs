//! The running app: its state, and one frame. Panels and dialogs draw from the state and return
//! [`Command`]s; [`App::execute`] (in `execute.rs`) is the only place that changes the state,
//! and `files.rs` holds the open/save/export flows it calls. Saved state (`Prefs`, eframe
//! storage) is kept apart from runtime state, as in egui's `egui_demo_app`.

mod disk;
mod execute;
mod files;

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

use serde::{Deserialize, Serialize};

use super::autosave::{self, Autosave, Outcome, RecoveryOffer};
use super::command::Command;
use super::command_table;
use super::document::Document;
use super::jobs::{DialogJob, DialogPurpose, LoadJob, OpenRequest};
use super::memory::{ClaimMemory, MemoryEvent};
use super::messages::{MessageKind, Messages};
use super::modals::{self, Modal, ModalView};
use super::panels::article_view::ArticleLayout;
use super::panels::editor::EditorDrafts;
use super::panels::menu_bar::MenuState;
use super::panels::status_bar::StatusState;
use super::panels::{self, Focus};
use crate::report::ReportFormat;

/// Preferences that persist between runs (eframe storage). The project itself never does.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub dark: bool,
    pub zoom: f32,
    pub recent: Vec<PathBuf>,
    pub show_dismissed: bool,
    pub last_export: Option<ReportFormat>,
    /// Add a project's reviewed claims to the claim library when it is saved.
    pub add_to_library: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            dark: false,
            zoom: 1.0,
            recent: Vec::new(),
            show_dismissed: false,
            last_export: None,
            add_to_library: true,
        }
    }
}

impl Prefs {
    pub const STORAGE_KEY: &'static str = "factdesk-prefs";
    const MAX_RECENT: usize = 10;

    pub fn add_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(Self::MAX_RECENT);
    }
}

/// Something to do once the user has answered "Save changes?" (or a save it needed is done).
#[derive(Debug, Clone)]
pub enum Pending {
    Open(OpenRequest),
    Dialog(DialogPurpose),
    Quit,
}

pub struct App {
    pub prefs: Prefs,
    pub doc: Option<Document>,
    pub modal: Option<Modal>,
    pub messages: Messages,
    /// The last thing that went well ("Saved …"), in the status bar.
    pub notice: Option<String>,
    /// Character range selected in the article view.
    pub article_selection: Option<(usize, usize)>,
    /// The editor's drafts (a URL being typed); reset when the selection changes.
    pub editor: EditorDrafts,
    /// The article view's measured paragraph heights; reset with the document.
    article_layout: ArticleLayout,
    article_scroll_tries: u8,
    /// Set once the app has asked the window to close (tests read it).
    pub quit_requested: bool,
    load: Option<LoadJob>,
    dialog: Option<DialogJob>,
    pending: Option<Pending>,
    allow_close: bool,
    focus: Option<Focus>,
    scroll_table: bool,
    scroll_article: bool,
    autosave: Autosave,
    recovery_scan: Option<Receiver<Option<RecoveryOffer>>>,
    open_report: Option<Receiver<Result<(), String>>>,
    revise_job: Option<Receiver<Result<crate::project::revise::Revised, String>>>,
    /// The claim library and the matches found for this document's claims.
    memory: ClaimMemory,
    /// This window's lock on the open project file (dropping it removes the lock file).
    lock: Option<std::sync::Arc<crate::project::disk::lock::ProjectLock>>,
    /// Notices other programs' changes to the open project file.
    watch: Option<super::disk_watch::DiskWatch>,
    last_title: String,
    was_dirty: bool,
    ctx: Option<egui::Context>,
}

impl App {
    /// A new app that opens `request` in the background. `recovery_dir` holds autosaves; a
    /// left-over recovery there is looked for in the background too.
    pub fn new(
        request: Option<OpenRequest>,
        prefs: Prefs,
        recovery_dir: Option<PathBuf>,
        ctx: Option<egui::Context>,
    ) -> Self {
        let wake = repaint_fn(ctx.clone());
        let mut app = App {
            prefs,
            doc: None,
            modal: None,
            messages: Messages::default(),
            notice: None,
            article_selection: None,
            editor: EditorDrafts::default(),
            article_layout: ArticleLayout::default(),
            article_scroll_tries: 0,
            quit_requested: false,
            load: None,
            dialog: None,
            pending: None,
            allow_close: false,
            focus: None,
            scroll_table: false,
            scroll_article: false,
            autosave: Autosave::new(recovery_dir.clone(), wake.clone()),
            recovery_scan: autosave::spawn_scan(recovery_dir, wake),
            open_report: None,
            revise_job: None,
            memory: ClaimMemory::new(crate::library::default_dir()),
            lock: None,
            watch: None,
            last_title: String::new(),
            was_dirty: false,
            ctx,
        };
        if let Some(r) = request {
            app.start_open(r);
        }
        app
    }

    /// An app with a document already open (tests, benchmarks).
    pub fn with_document(doc: Document, recovery_dir: Option<PathBuf>) -> Self {
        let mut app = App::new(None, Prefs::default(), recovery_dir, None);
        let replica = doc.project.clone();
        app.install_document(doc, replica);
        app
    }

    fn repaint_fn(&self) -> impl Fn() + Send + Clone + 'static {
        repaint_fn(self.ctx.clone())
    }

    /// Is a file being opened in the background?
    pub fn is_loading(&self) -> bool {
        self.load.is_some()
    }

    /// Uses the claim library in `dir` instead of the default one (tests; `None`: none).
    pub fn with_library_dir(mut self, dir: Option<PathBuf>) -> Self {
        self.memory = ClaimMemory::new(dir);
        self
    }

    /// Earlier checks found for a claim, best first.
    pub fn matches_for(&self, claim_id: &str) -> &[crate::matching::Match] {
        self.memory.matches.get(claim_id).map_or(&[], Vec::as_slice)
    }

    /// Is the claim library still being opened or searched?
    pub fn is_matching(&self) -> bool {
        self.memory.is_busy()
    }

    /// Is an article update still running?
    pub fn is_revising(&self) -> bool {
        self.revise_job.is_some()
    }

    /// Is a left-over recovery still being looked for?
    pub fn is_scanning_recovery(&self) -> bool {
        self.recovery_scan.is_some()
    }

    /// Looks at the open project's file now instead of at the next poll (tests).
    pub fn check_disk_now(&self) {
        if let Some(w) = &self.watch {
            w.check_now();
        }
    }

    /// Is the open project read-only here (another window has it)?
    pub fn is_read_only(&self) -> bool {
        self.doc.as_ref().is_some_and(|d| d.read_only.is_some())
    }

    /// Writes the recovery files now instead of at the next autosave tick (tests).
    pub fn autosave_now(&mut self) {
        self.forward_edits();
        self.autosave.flush();
    }

    /// Draws the whole window: one frame. Used by eframe, the UI tests and the frame
    /// benchmark alike.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
        self.memory.start(repaint_fn(self.ctx.clone()));
        if let Some(w) = &self.watch {
            w.set_focused(ctx.input(|i| i.focused));
        }
        self.poll_jobs();
        self.apply_prefs(&ctx);

        let mut out: Vec<Command> = Vec::new();
        self.window_events(&ctx, &mut out);
        if self.modal.is_none() {
            out.extend(command_table::pressed(&ctx).into_iter().map(Command::Ui));
        }
        // Keys first, so this frame draws their result.
        self.run(std::mem::take(&mut out));

        let focus = self.focus.take();
        let scroll_table = std::mem::take(&mut self.scroll_table);
        let scroll_article = std::mem::take(&mut self.scroll_article);
        if let Some(doc) = self.doc.as_mut() {
            doc.refresh_rows();
            doc.refresh_summary();
            if doc.refresh_paragraphs() {
                self.article_layout = ArticleLayout::default();
            }
        }

        egui::Panel::top("menu-bar").show(ui, |ui| {
            panels::menu_bar::menu_bar(ui, &self.menu_state(), &mut out)
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            let state = StatusState {
                loading: self.load.as_ref().map(|j| (j.label.as_str(), j.fraction())),
                last_autosave: self.autosave.last_written,
                autosave_error: self.autosave.last_error.as_deref(),
                notice: self.notice.as_deref(),
            };
            panels::status_bar::status_bar(ui, self.doc.as_ref(), &state, &mut out)
        });
        if let Some(doc) = &self.doc {
            let width = ctx.content_rect().width();
            egui::Panel::right("claim-editor")
                .resizable(true)
                .default_size((width * 0.3).clamp(260.0, 420.0))
                .min_size(240.0)
                .show(ui, |ui| {
                    // Read-only (another window has the file): shown, not editable.
                    ui.add_enabled_ui(doc.read_only.is_none(), |ui| {
                        let matches = doc
                            .selected
                            .as_deref()
                            .and_then(|id| self.memory.matches.get(id))
                            .map_or(&[][..], Vec::as_slice);
                        panels::editor::claim_editor(
                            ui,
                            doc,
                            matches,
                            &mut self.editor,
                            focus,
                            &mut out,
                        )
                    });
                });
            egui::Panel::bottom("article-view")
                .resizable(true)
                .default_size(ctx.content_rect().height() * 0.36)
                .min_size(120.0)
                .show(ui, |ui| {
                    ui.add_space(4.0);
                    panels::article_view::legend(ui, &doc.project.scale);
                    let reached = panels::article_view::article_view(
                        ui,
                        doc,
                        &mut self.article_layout,
                        scroll_article,
                        self.article_selection,
                        &mut out,
                    );
                    // Estimated heights can put the claim out of view: try again (a few
                    // frames at most) once the paragraphs around it are measured.
                    if scroll_article && !reached && self.article_scroll_tries < 4 {
                        self.article_scroll_tries += 1;
                        self.scroll_article = true;
                        ui.ctx().request_repaint();
                    } else if scroll_article {
                        self.article_scroll_tries = 0;
                    }
                });
        }
        egui::CentralPanel::default_margins().show(ui, |ui| {
            panels::message_bar::message_bar(ui, &self.messages, &mut out);
            if let Some(doc) = &self.doc {
                panels::table::filter_bar(ui, doc, focus, &mut out);
                ui.add_space(2.0);
                panels::table::claims_table(ui, doc, scroll_table, &mut out);
            } else if let Some(job) = &self.load {
                ui.centered_and_justified(|ui| {
                    ui.add(
                        egui::ProgressBar::new(job.fraction())
                            .text(format!("Opening {}…", job.label))
                            .animate(true),
                    );
                });
            } else {
                panels::welcome::welcome(ui, &mut out);
            }
        });
        if let Some(modal) = self.modal.as_mut() {
            let view = ModalView {
                scale: self.doc.as_ref().map(|d| &d.project.scale),
                document_name: self
                    .doc
                    .as_ref()
                    .map(Document::display_name)
                    .unwrap_or_default(),
                filter_active: self.doc.as_ref().is_some_and(|d| d.filter.is_active()),
            };
            modals::show(&ctx, modal, &view, &mut out);
        }

        if !out.is_empty() {
            self.run(out);
            ctx.request_repaint();
        }
        self.forward_edits();
        self.sync_title(&ctx);
        let dirty = self.doc.as_ref().is_some_and(Document::is_dirty);
        if self.was_dirty && !dirty {
            // Undone back to the saved state: nothing is left to recover.
            if let Some(doc) = &self.doc {
                let key = self
                    .autosave
                    .key_for(doc.path.as_deref(), &doc.project.article.sha256);
                self.autosave.clean(key, doc.path.as_deref());
            }
        }
        if dirty && !self.was_dirty {
            // "Saved …" no longer describes the document.
            self.notice = None;
        }
        self.was_dirty = dirty;
        if self.autosave.tick(dirty)
            && let Some(w) = &self.watch
        {
            // Before changes go to recovery, look whether the file moved on meanwhile.
            w.check_now();
        }
        if self.load.is_some()
            || self.memory.is_busy()
            || self.dialog.is_some()
            || self.recovery_scan.is_some()
            || self.revise_job.is_some()
        {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if dirty {
            // Wake up for the next autosave even if the user is idle.
            ctx.request_repaint_after(autosave::AUTOSAVE_INTERVAL);
        }
    }

    fn run(&mut self, commands: Vec<Command>) {
        for c in commands {
            self.execute(c);
        }
    }

    fn menu_state(&self) -> MenuState<'_> {
        let doc = self.doc.as_ref();
        MenuState {
            has_document: doc.is_some(),
            can_undo: doc.is_some_and(|d| d.history.can_undo()),
            can_redo: doc.is_some_and(|d| d.history.can_redo()),
            has_article_selection: self.article_selection.is_some(),
            has_claim_selected: doc.is_some_and(|d| d.selected_claim().is_some()),
            show_dismissed: self.prefs.show_dismissed,
            add_to_library: self.prefs.add_to_library,
            has_match: doc
                .and_then(|d| d.selected.as_deref())
                .is_some_and(|id| !self.matches_for(id).is_empty()),
            in_document_order: doc.is_some_and(|d| d.sort.is_none()),
            recent: &self.prefs.recent,
        }
    }

    /// Dropped files and the window's close button, as commands.
    fn window_events(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
        let dropped: Option<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(path) = dropped {
            out.push(Command::Open(OpenRequest::Path(path)));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.doc.as_ref().is_some_and(Document::is_dirty) {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            }
            out.push(Command::Ui(command_table::UiCommand::Quit));
        }
    }

    fn apply_prefs(&self, ctx: &egui::Context) {
        let theme = if self.prefs.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        };
        if ctx.theme() != theme {
            ctx.set_theme(theme);
        }
        if (ctx.zoom_factor() - self.prefs.zoom).abs() > 0.001 {
            ctx.set_zoom_factor(self.prefs.zoom);
        }
    }

    /// Checks background jobs; called at the start of every frame.
    fn poll_jobs(&mut self) {
        if let Some(result) = self.load.as_ref().and_then(LoadJob::poll) {
            let label = self.load.take().map(|j| j.label).unwrap_or_default();
            self.loaded(&label, result);
        }
        if let Some(result) = self.dialog.as_ref().and_then(DialogJob::poll) {
            let purpose = self.dialog.take().map(|d| d.purpose);
            if let Some(purpose) = purpose {
                self.dialog_answered(purpose, result);
            }
        }
        if let Some(rx) = &self.recovery_scan {
            match rx.try_recv() {
                Ok(found) => {
                    self.recovery_scan = None;
                    if let Some(offer) = found
                        && self.modal.is_none()
                    {
                        self.modal = Some(Modal::Recovery(Box::new(offer)));
                    }
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.recovery_scan = None,
            }
        }
        if let Some(rx) = &self.open_report
            && let Ok(result) = rx.try_recv()
        {
            self.open_report = None;
            match result {
                Ok(()) => self.messages.clear(MessageKind::Export),
                Err(e) => self.messages.set(MessageKind::Export, e),
            }
        }
        if let Some(rx) = &self.revise_job
            && let Ok(result) = rx.try_recv()
        {
            self.revise_job = None;
            self.revised(result);
        }
        for event in self.memory.poll(repaint_fn(self.ctx.clone())) {
            match event {
                MemoryEvent::Unavailable(e) => self.messages.set(
                    MessageKind::Library,
                    format!("The claim library is not available, so claims are not matched: {e}"),
                ),
                MemoryEvent::Matched => {
                    self.messages.clear(MessageKind::Library);
                    let seen = self.memory.checked_before();
                    if let Some(doc) = self.doc.as_mut() {
                        doc.checked_before = seen;
                    }
                }
            }
        }
        self.disk_events();
        for outcome in self.autosave.poll() {
            match outcome {
                Outcome::Written(_) => self.messages.clear(MessageKind::Autosave),
                Outcome::Failed(e) => self.messages.set(
                    MessageKind::Autosave,
                    format!("Autosave failed: {e}. Your work is still open; save it to keep it."),
                ),
            }
        }
    }

    /// Hands the edits applied this frame to the autosave worker.
    fn forward_edits(&mut self) {
        if let Some(doc) = self.doc.as_mut() {
            let edits = doc.take_applied();
            self.autosave.edits(edits);
        }
    }

    /// The window title: document name, and a marker while there are unsaved changes.
    pub fn title(&self) -> String {
        match &self.doc {
            Some(d) => format!(
                "{}{}{} — factdesk",
                if d.is_dirty() { "● " } else { "" },
                d.display_name(),
                if d.read_only.is_some() {
                    " (read-only)"
                } else {
                    ""
                }
            ),
            None => "factdesk".into(),
        }
    }

    fn sync_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }
}

fn repaint_fn(ctx: Option<egui::Context>) -> impl Fn() + Send + Clone + 'static {
    move || {
        if let Some(c) = &ctx {
            c.request_repaint();
        }
    }
}
