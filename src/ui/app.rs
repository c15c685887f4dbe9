//! The running app: the open document, background jobs, dialogs and what each command does.
//! Rendering lives in the sibling modules; this file turns intent into edits and file work.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::commands::Command;
use super::document::Document;
use super::jobs::{self, DialogJob, DialogPurpose, DialogResult, LoadJob, OpenRequest};
use super::recovery::{Recovery, RecoveryFile};
use crate::claims::ClaimFinder;
use crate::project::edit::Edit;
use crate::project::{Origin, ProjectClaim, Verdict, storage};
use crate::report::{self, ReportFormat, ReportScope};
use crate::spans::char_span_to_bytes;

/// Preferences that persist between runs (eframe storage). The project itself never does.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub dark: bool,
    pub zoom: f32,
    pub recent: Vec<PathBuf>,
    pub show_dismissed: bool,
    pub last_export: Option<ReportFormat>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            dark: false,
            zoom: 1.0,
            recent: Vec::new(),
            show_dismissed: false,
            last_export: None,
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

/// Something to do once the user has answered "Save changes?".
#[derive(Debug, Clone)]
pub enum Pending {
    Open(OpenRequest),
    Dialog(DialogPurpose),
    Quit,
}

/// Text field to focus on the next frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Search,
    Note,
    NewSourceUrl,
}

/// The export dialog's choices.
#[derive(Debug, Clone)]
pub struct ExportChoice {
    pub format: ReportFormat,
    pub filtered_only: bool,
    pub open_after: bool,
}

/// A path typed by hand when no native dialog can be shown.
#[derive(Debug, Clone)]
pub struct TypedPath {
    pub purpose: DialogPurpose,
    pub text: String,
}

/// Buffers of the claim editor that are not yet edits (a URL being typed).
#[derive(Debug, Default)]
pub struct EditorState {
    pub new_url: String,
    pub new_title: String,
    pub url_error: Option<String>,
    /// Source being edited: (index, url, title).
    pub editing_source: Option<(usize, String, String)>,
}

pub struct App {
    pub prefs: Prefs,
    pub doc: Option<Document>,
    pub finder: ClaimFinder,
    pub load: Option<LoadJob>,
    pub dialog: Option<DialogJob>,
    pub typed_path: Option<TypedPath>,
    pub pending: Option<Pending>,
    pub confirm_unsaved: bool,
    pub allow_close: bool,
    pub errors: Vec<String>,
    pub notice: Option<String>,
    pub show_shortcuts: bool,
    pub export: Option<ExportChoice>,
    /// The project settings dialog's fields while it is open.
    pub settings_draft: Option<crate::project::Settings>,
    pub editor: EditorState,
    pub focus: Option<Focus>,
    /// Character range selected in the article view.
    pub article_selection: Option<(usize, usize)>,
    pub scroll_table: bool,
    pub scroll_article: bool,
    pub recovery: Recovery,
    pub recovery_offer: Option<(PathBuf, RecoveryFile)>,
    /// Set once the app has asked the window to close (tests read it).
    pub quit_requested: bool,
    last_title: String,
    repaint: Option<egui::Context>,
}

impl App {
    /// A new app that opens `request` in the background. `recovery_dir` holds autosaves.
    pub fn new(
        request: Option<OpenRequest>,
        prefs: Prefs,
        recovery_dir: Option<PathBuf>,
        ctx: Option<egui::Context>,
    ) -> Self {
        let recovery = Recovery::new(recovery_dir);
        let recovery_offer = recovery.find_leftover();
        let mut app = App {
            prefs,
            doc: None,
            finder: ClaimFinder::default(),
            load: None,
            dialog: None,
            typed_path: None,
            pending: None,
            confirm_unsaved: false,
            allow_close: false,
            errors: Vec::new(),
            notice: None,
            show_shortcuts: false,
            export: None,
            settings_draft: None,
            editor: EditorState::default(),
            focus: None,
            article_selection: None,
            scroll_table: false,
            scroll_article: false,
            recovery,
            recovery_offer,
            quit_requested: false,
            last_title: String::new(),
            repaint: ctx,
        };
        if let Some(r) = request {
            app.start_open(r);
        }
        app
    }

    /// An app with a document already open (tests, benchmarks).
    pub fn with_document(doc: Document, recovery_dir: Option<PathBuf>) -> Self {
        let mut app = App::new(None, Prefs::default(), recovery_dir, None);
        app.doc = Some(doc);
        app
    }

    fn repaint_fn(&self) -> impl Fn() + Send + 'static {
        let ctx = self.repaint.clone();
        move || {
            if let Some(c) = &ctx {
                c.request_repaint();
            }
        }
    }

    pub fn set_context(&mut self, ctx: &egui::Context) {
        if self.repaint.is_none() {
            self.repaint = Some(ctx.clone());
        }
    }

    // ---- opening and saving ----

    /// Opens in the background (asking about unsaved changes first).
    pub fn open(&mut self, request: OpenRequest) {
        if self.doc.as_ref().is_some_and(Document::is_dirty) {
            self.pending = Some(Pending::Open(request));
            self.confirm_unsaved = true;
        } else {
            self.start_open(request);
        }
    }

    fn start_open(&mut self, request: OpenRequest) {
        if let Some(job) = self.load.take() {
            job.cancel();
        }
        self.load = Some(jobs::spawn_load(
            request,
            self.finder.clone(),
            self.repaint_fn(),
        ));
    }

    /// Checks background jobs; called at the start of every frame.
    pub fn poll_jobs(&mut self) {
        if let Some(result) = self.load.as_ref().and_then(LoadJob::poll) {
            let label = self.load.take().map(|j| j.label).unwrap_or_default();
            match result {
                Ok(opened) => {
                    if let Some(f) = &opened.opened_file {
                        self.prefs.add_recent(f);
                    }
                    for w in &opened.warnings {
                        self.errors.push(format!("{label}: {w}"));
                    }
                    let mut doc = Document::new(opened.project, opened.path);
                    doc.filter.show_dismissed = self.prefs.show_dismissed;
                    self.doc = Some(doc);
                    self.article_selection = None;
                    self.editor = EditorState::default();
                    self.scroll_table = true;
                    self.scroll_article = true;
                }
                Err(e) => self.errors.push(e),
            }
        }
        if let Some(result) = self.dialog.as_ref().and_then(DialogJob::poll) {
            let purpose = self.dialog.take().expect("polled").purpose;
            match result {
                DialogResult::Chosen(path) => self.path_chosen(purpose, path),
                DialogResult::Cancelled => self.pending = None,
                DialogResult::Unavailable => {
                    let text = self.default_path_for(&purpose).display().to_string();
                    self.typed_path = Some(TypedPath { purpose, text });
                }
            }
        }
    }

    /// Asks for a path: a native dialog off the UI thread.
    pub fn ask_path(&mut self, purpose: DialogPurpose) {
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
            Some(crate::cli::default_project_path(Path::new(src)))
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
            DialogPurpose::Open | DialogPurpose::NewFromArticle => {
                base.parent().map(Path::to_path_buf).unwrap_or_default()
            }
        }
    }

    /// A path came back from a dialog or was typed.
    pub fn path_chosen(&mut self, purpose: DialogPurpose, path: PathBuf) {
        match purpose {
            DialogPurpose::Open | DialogPurpose::NewFromArticle => {
                self.pending = None;
                self.start_open(OpenRequest::Path(path));
            }
            DialogPurpose::SaveAs => {
                let path = with_project_extension(path);
                if self.save_to(&path) {
                    self.run_pending();
                } else {
                    self.pending = None;
                }
            }
            DialogPurpose::Export {
                format,
                scope,
                open_after,
            } => self.export_to(&path, format, &scope, open_after),
        }
    }

    /// Saves to a path; reports errors in the window. Returns whether it saved.
    pub fn save_to(&mut self, path: &Path) -> bool {
        let Some(doc) = self.doc.as_mut() else {
            return false;
        };
        match storage::save(path, &doc.project) {
            Ok(()) => {
                // Recovery files are keyed by the project path (or, unsaved, by the article):
                // clear the one under the old key, then any under the new path.
                self.recovery.clear(doc);
                doc.path = Some(path.to_path_buf());
                doc.history.mark_saved();
                self.recovery.clear(doc);
                self.prefs.add_recent(path);
                self.notice = Some(format!("Saved {}", path.display()));
                true
            }
            Err(e) => {
                self.errors.push(e.to_string());
                false
            }
        }
    }

    pub fn save(&mut self) {
        match self.doc.as_ref().and_then(|d| d.path.clone()) {
            Some(path) => {
                if self.save_to(&path) {
                    self.run_pending();
                }
            }
            None => self.ask_path(DialogPurpose::SaveAs),
        }
    }

    fn export_to(
        &mut self,
        path: &Path,
        format: ReportFormat,
        scope: &ReportScope,
        open_after: bool,
    ) {
        let Some(doc) = self.doc.as_ref() else { return };
        let result = report::render(&doc.project, format, scope)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                storage::write_atomic(path, text.as_bytes(), std::io::Write::write_all, false)
                    .map_err(|e| e.to_string())
            });
        match result {
            Ok(()) => {
                self.prefs.last_export = Some(format);
                self.notice = Some(format!("Exported {} to {}", format.label(), path.display()));
                if open_after && let Some(ctx) = &self.repaint {
                    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                    ctx.open_url(egui::OpenUrl::new_tab(format!("file://{}", abs.display())));
                }
            }
            Err(e) => self.errors.push(format!("Export failed: {e}")),
        }
    }

    /// Continues what was waiting on the unsaved-changes question.
    pub fn run_pending(&mut self) {
        match self.pending.take() {
            Some(Pending::Open(r)) => self.start_open(r),
            Some(Pending::Dialog(p)) => self.ask_path(p),
            Some(Pending::Quit) => self.quit_now(),
            None => {}
        }
    }

    /// Answer to "Save changes?": discard them and go on.
    pub fn discard_and_continue(&mut self) {
        if let Some(doc) = &self.doc {
            self.recovery.clear(doc);
        }
        if let Some(doc) = &mut self.doc {
            doc.history.mark_saved();
        }
        self.run_pending();
    }

    fn guard_unsaved(&mut self, then: Pending) {
        if self.doc.as_ref().is_some_and(Document::is_dirty) {
            self.pending = Some(then);
            self.confirm_unsaved = true;
        } else {
            self.pending = Some(then);
            self.run_pending();
        }
    }

    fn quit_now(&mut self) {
        self.allow_close = true;
        self.quit_requested = true;
        if let Some(ctx) = &self.repaint {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// The window's close button: ask first when there are unsaved changes.
    pub fn on_close_requested(&mut self, ctx: &egui::Context) {
        if self.allow_close || !self.doc.as_ref().is_some_and(Document::is_dirty) {
            return;
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        self.pending = Some(Pending::Quit);
        self.confirm_unsaved = true;
    }

    // ---- commands ----

    pub fn execute(&mut self, command: Command) {
        match command {
            Command::NewFromArticle => {
                self.guard_unsaved(Pending::Dialog(DialogPurpose::NewFromArticle))
            }
            Command::Open => self.guard_unsaved(Pending::Dialog(DialogPurpose::Open)),
            Command::Save => self.save(),
            Command::SaveAs => {
                if self.doc.is_some() {
                    self.ask_path(DialogPurpose::SaveAs)
                }
            }
            Command::ExportReport => {
                if self.doc.is_some() {
                    self.export = Some(ExportChoice {
                        format: self.prefs.last_export.unwrap_or(ReportFormat::Html),
                        filtered_only: false,
                        open_after: true,
                    });
                }
            }
            Command::ProjectSettings => {
                self.settings_draft = self.doc.as_ref().map(|d| d.project.settings.clone());
            }
            Command::Quit => self.guard_unsaved(Pending::Quit),
            Command::Undo => self.with_doc(|d| d.undo()),
            Command::Redo => self.with_doc(|d| d.redo()),
            Command::AddClaimFromSelection => self.add_claim_from_selection(),
            Command::DismissClaim => self.toggle_dismissed(),
            Command::ToggleShowDismissed => {
                self.prefs.show_dismissed = !self.prefs.show_dismissed;
                let show = self.prefs.show_dismissed;
                self.with_doc(|d| d.filter.show_dismissed = show);
            }
            Command::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            Command::ZoomIn => self.prefs.zoom = (self.prefs.zoom + 0.1).min(2.5),
            Command::ZoomOut => self.prefs.zoom = (self.prefs.zoom - 0.1).max(0.6),
            Command::ShowShortcuts => self.show_shortcuts = !self.show_shortcuts,
            Command::NextClaim => self.navigate(|d| d.move_selection(1)),
            Command::PreviousClaim => self.navigate(|d| d.move_selection(-1)),
            Command::NextUnreviewed => self.navigate(|d| {
                d.select_next_unreviewed();
            }),
            Command::FocusSearch => self.focus = Some(Focus::Search),
            Command::FocusNote => self.focus = Some(Focus::Note),
            Command::FocusNewSource => self.focus = Some(Focus::NewSourceUrl),
            Command::LeaveField => {
                if let Some(ctx) = &self.repaint {
                    ctx.memory_mut(|m| {
                        if let Some(id) = m.focused() {
                            m.surrender_focus(id);
                        }
                    });
                }
                self.show_shortcuts = false;
            }
            Command::SetVerdict(n) => {
                if let Some(verdict) = Verdict::from_hotkey(n) {
                    self.edit_selected(|id| Edit::SetVerdict { id, verdict });
                }
            }
        }
    }

    fn with_doc(&mut self, f: impl FnOnce(&mut Document)) {
        if let Some(d) = self.doc.as_mut() {
            f(d);
        }
    }

    fn navigate(&mut self, f: impl FnOnce(&mut Document)) {
        if let Some(d) = self.doc.as_mut() {
            d.history.break_merge();
            f(d);
            self.scroll_table = true;
            self.scroll_article = true;
            self.editor = EditorState::default();
        }
    }

    /// Applies an edit to the selected claim.
    pub fn edit_selected(&mut self, make: impl FnOnce(String) -> Edit) {
        let Some(doc) = self.doc.as_mut() else { return };
        let Some(id) = doc.selected.clone() else {
            return;
        };
        if let Err(e) = doc.apply(make(id)) {
            self.errors.push(e.to_string());
        }
    }

    pub fn apply(&mut self, edit: Edit) {
        if let Some(doc) = self.doc.as_mut()
            && let Err(e) = doc.apply(edit)
        {
            self.errors.push(e.to_string());
        }
    }

    fn toggle_dismissed(&mut self) {
        let Some(doc) = self.doc.as_ref() else { return };
        let Some(claim) = doc.selected.as_deref().and_then(|id| doc.project.claim(id)) else {
            return;
        };
        let verdict = if claim.is_dismissed() {
            Verdict::Unreviewed
        } else {
            Verdict::NotAClaim
        };
        self.edit_selected(|id| Edit::SetVerdict { id, verdict });
    }

    /// "Add claim from selection": a manual claim over the selected article text.
    pub fn add_claim_from_selection(&mut self) {
        let Some((start, end)) = self.article_selection else {
            self.errors
                .push("Select some article text first, then add it as a claim.".into());
            return;
        };
        let Some(doc) = self.doc.as_mut() else { return };
        let text = &doc.project.article.text;
        let Some(bytes) = char_span_to_bytes(text, start, end) else {
            return;
        };
        let raw = &text[bytes.clone()];
        // Trim the selection to whole words without surrounding whitespace.
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return;
        }
        let start = start + raw[..lead].chars().count();
        let end = start + trimmed.chars().count();
        let assessment = self.finder.assess(trimmed);
        let mut id = format!("m{}-{}", start, end);
        while doc.project.claim(&id).is_some() {
            id.push('x');
        }
        let claim = crate::claims::Claim {
            id: id.clone(),
            text: trimmed.to_string(),
            start,
            end,
            kind: assessment.kind,
            score: assessment.score,
            reasons: assessment.reasons,
            claimant: assessment.claimant,
        };
        let record = ProjectClaim::from_claim(claim, text, Origin::Manual, crate::project::now());
        if let Err(e) = doc.apply(Edit::AddClaim {
            claim: Box::new(record),
        }) {
            self.errors.push(e.to_string());
            return;
        }
        doc.selected = Some(id);
        self.article_selection = None;
        self.scroll_table = true;
    }

    /// The window title: document name, and a marker while there are unsaved changes.
    pub fn title(&self) -> String {
        match &self.doc {
            Some(d) => format!(
                "{}{} — factdesk",
                if d.is_dirty() { "● " } else { "" },
                d.display_name()
            ),
            None => "factdesk".into(),
        }
    }

    /// Updates the OS window title when it changed.
    pub fn sync_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    pub fn autosave_tick(&mut self) {
        if let Some(doc) = &self.doc {
            self.recovery.tick(doc);
        }
    }

    /// Restores an offered recovery file as the open (unsaved) document.
    pub fn restore_recovery(&mut self) {
        if let Some((path, file)) = self.recovery_offer.take() {
            let mut doc = Document::new(file.project, file.project_path.map(PathBuf::from));
            // Restored work is unsaved by definition.
            doc.history.mark_unsaved();
            self.doc = Some(doc);
            if let Some(job) = self.load.take() {
                job.cancel();
            }
            let _ = std::fs::remove_file(path);
        }
    }
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
