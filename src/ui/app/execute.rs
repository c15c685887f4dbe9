//! `App::execute`: the one place where the app's state changes. Every panel, dialog, key and
//! menu item ends here, so selection, undo steps, the dirty flag, dialogs and saving follow
//! one path.

use super::{App, Pending};
use crate::project::edit::Edit;
use crate::project::{Origin, ProjectClaim, Verdict};
use crate::report::ReportFormat;
use crate::spans::char_span_to_bytes;
use crate::ui::command::{Command, SelectedFrom, UnsavedAnswer};
use crate::ui::command_table::UiCommand;
use crate::ui::document::Document;
use crate::ui::jobs::{self, DialogPurpose, LockOutcome};
use crate::ui::messages::MessageKind;
use crate::ui::modals::{ExportChoice, Modal, SettingsDraft};
use crate::ui::panels::Focus;

impl App {
    pub fn execute(&mut self, command: Command) {
        match command {
            Command::Ui(c) => self.execute_ui(c),
            Command::Open(request) => self.guard_unsaved(Pending::Open(request)),
            Command::CancelLoad => {
                if let Some(job) = self.load.take() {
                    job.cancel();
                }
            }
            Command::Select { id, from } => self.select(id, from),
            Command::Apply(edit) => {
                if let Edit::AddClaim { claim } = &edit {
                    let claim = vec![(claim.id.clone(), claim.text.clone())];
                    self.memory.request(claim, self.repaint_fn());
                }
                self.apply(edit)
            }
            Command::ReuseMatch(k) => self.reuse_match(k),
            Command::OpenMatch(k) => self.open_match(k),
            Command::SetFilter(filter) => {
                if let Some(doc) = self.doc.as_mut() {
                    self.prefs.show_dismissed = filter.show_dismissed;
                    doc.filter = filter;
                    self.scroll_table = true;
                }
            }
            Command::SortBy(column) => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.toggle_sort(column);
                    self.scroll_table = true;
                }
            }
            Command::SetArticleSelection(selection) => self.article_selection = selection,
            Command::ShowModal(modal) => self.modal = Some(modal),
            Command::CloseModal => {
                if matches!(self.modal, Some(Modal::Unsaved | Modal::TypedPath(_))) {
                    self.pending = None;
                }
                self.modal = None;
            }
            Command::AnswerUnsaved(answer) => {
                self.modal = None;
                match answer {
                    UnsavedAnswer::Save => self.save(),
                    UnsavedAnswer::Discard => self.discard_and_continue(),
                    UnsavedAnswer::Cancel => self.pending = None,
                }
            }
            Command::PathChosen(purpose, path) => {
                // A typed path closes its dialog without cancelling what waits on it.
                if matches!(self.modal, Some(Modal::TypedPath(_))) {
                    self.modal = None;
                }
                self.path_chosen(purpose, path)
            }
            Command::StartExport(choice) => self.start_export(choice),
            Command::RestoreRecovery => self.restore_recovery(),
            Command::DiscardRecovery => {
                if let Some(Modal::Recovery(offer)) = self.modal.take() {
                    crate::ui::autosave::remove_offer_files(&offer);
                }
            }
            Command::DismissMessage(kind) => self.messages.clear(kind),
            Command::AnswerDiskChange(answer) => self.answer_disk_change(answer),
            Command::RecreateFile => self.recreate_file(),
            Command::EditAnyway => self.edit_anyway(),
        }
    }

    fn execute_ui(&mut self, command: UiCommand) {
        match command {
            UiCommand::NewFromArticle => {
                self.guard_unsaved(Pending::Dialog(DialogPurpose::NewFromArticle))
            }
            UiCommand::Open => self.guard_unsaved(Pending::Dialog(DialogPurpose::Open)),
            UiCommand::Save => {
                if self.doc.is_some() {
                    self.save()
                }
            }
            UiCommand::SaveAs => {
                if self.doc.is_some() {
                    self.ask_path(DialogPurpose::SaveAs)
                }
            }
            UiCommand::ExportReport => {
                if self.doc.is_some() {
                    self.modal = Some(Modal::Export(ExportChoice {
                        format: self.prefs.last_export.unwrap_or(ReportFormat::Html),
                        filtered_only: false,
                        open_after: true,
                    }));
                }
            }
            UiCommand::UpdateArticle => {
                if self.doc.is_some() {
                    self.ask_path(DialogPurpose::UpdateArticle)
                }
            }
            UiCommand::ProjectSettings => {
                if let Some(doc) = &self.doc {
                    self.modal = Some(Modal::ProjectSettings(Box::new(SettingsDraft::new(
                        &doc.project,
                    ))));
                }
            }
            UiCommand::Quit => self.guard_unsaved(Pending::Quit),
            UiCommand::Undo => self.step_history(Document::undo),
            UiCommand::Redo => self.step_history(Document::redo),
            UiCommand::AddClaimFromSelection => self.add_claim_from_selection(),
            UiCommand::DismissClaim => self.toggle_dismissed(),
            UiCommand::ReuseMatch => self.reuse_match(0),
            UiCommand::ToggleAddToLibrary => self.prefs.add_to_library = !self.prefs.add_to_library,
            UiCommand::ToggleShowDismissed => {
                if let Some(doc) = &self.doc {
                    let mut filter = doc.filter.clone();
                    filter.show_dismissed = !filter.show_dismissed;
                    self.execute(Command::SetFilter(filter));
                } else {
                    self.prefs.show_dismissed = !self.prefs.show_dismissed;
                }
            }
            UiCommand::DocumentOrder => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.sort = None;
                    self.scroll_table = true;
                }
            }
            UiCommand::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            UiCommand::ZoomIn => self.prefs.zoom = (self.prefs.zoom + 0.1).min(2.5),
            UiCommand::ZoomOut => self.prefs.zoom = (self.prefs.zoom - 0.1).max(0.6),
            UiCommand::ShowShortcuts => self.modal = Some(Modal::Shortcuts),
            UiCommand::NextClaim => self.navigate(|d| d.move_selection(1)),
            UiCommand::PreviousClaim => self.navigate(|d| d.move_selection(-1)),
            UiCommand::NextUnreviewed => self.navigate(|d| {
                d.select_next_unreviewed();
            }),
            UiCommand::FocusSearch => self.focus = Some(Focus::Search),
            UiCommand::FocusNote => self.focus = Some(Focus::Note),
            UiCommand::FocusNewSource => self.focus = Some(Focus::NewSourceUrl),
            UiCommand::LeaveField => {
                if let Some(ctx) = &self.ctx {
                    ctx.memory_mut(|m| {
                        if let Some(id) = m.focused() {
                            m.surrender_focus(id);
                        }
                    });
                }
            }
            UiCommand::SetVerdict(n) => {
                // The project's scale says which verdict a digit sets.
                let key = char::from(b'0' + n.min(9));
                let verdict = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.project.scale.by_hotkey(key));
                if let Some(verdict) = verdict {
                    self.edit_selected(|id| Edit::SetVerdict { id, verdict });
                }
            }
        }
    }

    /// Selects a claim: the other view scrolls to it, the editor's drafts start afresh and
    /// the next typing is its own undo step.
    fn select(&mut self, id: String, from: SelectedFrom) {
        let Some(doc) = self.doc.as_mut() else { return };
        if doc.project.claim(&id).is_none() {
            return;
        }
        doc.history.break_merge();
        doc.selected = Some(id);
        self.editor = Default::default();
        match from {
            SelectedFrom::Table => self.scroll_article = true,
            SelectedFrom::Article => self.scroll_table = true,
        }
    }

    /// Moves the selection from the keyboard: both views follow.
    fn navigate(&mut self, f: impl FnOnce(&mut Document)) {
        let Some(doc) = self.doc.as_mut() else { return };
        let before = doc.selected.clone();
        f(doc);
        if doc.selected != before {
            doc.history.break_merge();
            self.editor = Default::default();
        }
        self.scroll_table = true;
        self.scroll_article = true;
    }

    fn step_history(
        &mut self,
        step: fn(&mut Document) -> Option<Result<(), crate::project::edit::EditError>>,
    ) {
        if self.refuse_read_only() {
            return;
        }
        let Some(doc) = self.doc.as_mut() else { return };
        match step(doc) {
            Some(Ok(())) => {
                self.messages.clear(MessageKind::Edit);
                self.scroll_table = true;
                self.scroll_article = true;
            }
            Some(Err(e)) => self.messages.set(
                MessageKind::Edit,
                format!("That step could not be undone or redone and was dropped: {e}"),
            ),
            None => {}
        }
    }

    /// Applies an edit through the document's history (undo, dirty flag, autosave follow).
    fn apply(&mut self, edit: Edit) {
        if self.refuse_read_only() {
            return;
        }
        let Some(doc) = self.doc.as_mut() else { return };
        match doc.apply(edit) {
            Ok(()) => self.messages.clear(MessageKind::Edit),
            Err(e) => self
                .messages
                .set(MessageKind::Edit, format!("The change was not made: {e}")),
        }
    }

    /// A read-only document (open in another window) takes no edits; says so.
    fn refuse_read_only(&mut self) -> bool {
        let read_only = self.doc.as_ref().is_some_and(|d| d.read_only.is_some());
        if read_only {
            self.messages.set(
                MessageKind::Edit,
                "Not changed: this project is read-only here because another window has it open (Edit anyway, or Save as… for a copy).",
            );
        }
        read_only
    }

    fn edit_selected(&mut self, make: impl FnOnce(String) -> Edit) {
        let Some(id) = self.doc.as_ref().and_then(|d| d.selected.clone()) else {
            return;
        };
        self.apply(make(id));
    }

    fn toggle_dismissed(&mut self) {
        let Some(claim) = self.doc.as_ref().and_then(Document::selected_claim) else {
            return;
        };
        let verdict = if claim.is_dismissed() {
            Verdict::UNREVIEWED
        } else {
            Verdict::NOT_A_CLAIM
        };
        self.edit_selected(|id| Edit::SetVerdict { id, verdict });
    }

    /// "Add claim from selection": a manual claim over the selected article text.
    fn add_claim_from_selection(&mut self) {
        let Some((start, end)) = self.article_selection else {
            self.messages.set(
                MessageKind::Edit,
                "Select some article text first, then add it as a claim.",
            );
            return;
        };
        let Some(doc) = self.doc.as_mut() else { return };
        let text = &doc.project.article.text;
        let Some(bytes) = char_span_to_bytes(text, start, end) else {
            return;
        };
        let raw = &text[bytes];
        // Trim the selection to whole words without surrounding whitespace.
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return;
        }
        let start = start + raw[..lead].chars().count();
        let end = start + trimmed.chars().count();
        let assessment = jobs::finder().assess(trimmed);
        let mut id = format!("m{start}-{end}");
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
        self.apply(Edit::AddClaim {
            claim: Box::new(record),
        });
        if self
            .doc
            .as_ref()
            .is_some_and(|d| d.project.claim(&id).is_some())
        {
            self.article_selection = None;
            self.select(id, SelectedFrom::Article);
        }
    }

    /// Restores offered recovery work as the open (unsaved) document.
    fn restore_recovery(&mut self) {
        let Some(Modal::Recovery(offer)) = self.modal.take() else {
            return;
        };
        if let Some(job) = self.load.take() {
            job.cancel();
        }
        crate::ui::autosave::remove_offer_files(&offer);
        let offer = *offer;
        let disk = offer
            .project_path
            .as_deref()
            .map(|p| App::restored_disk(p, offer.base_sha256.as_deref()));
        let lock = offer
            .project_path
            .as_deref()
            .map_or(LockOutcome::NotAFile, LockOutcome::acquire);
        let mut doc = Document::new(offer.project, offer.project_path);
        doc.history.mark_unsaved();
        doc.disk = disk;
        self.install_document(doc, offer.replica);
        self.attach_file(lock);
        // Restored work is unsaved by definition: keep it safe at once.
        self.autosave.flush();
    }

    /// Reuses an earlier check on the selected claim, as one undoable edit: its verdict (when
    /// the project's scale has one of that name), its sources and the match's URL, and a note
    /// line citing it. The person can change any of it after.
    fn reuse_match(&mut self, k: usize) {
        let Some(doc) = self.doc.as_ref() else { return };
        let Some(claim) = doc.selected_claim() else {
            return;
        };
        let Some(m) = self.memory.matches.get(&claim.id).and_then(|m| m.get(k)) else {
            self.messages.set(
                MessageKind::Edit,
                "This claim has no earlier check to reuse.",
            );
            return;
        };
        let id = claim.id.clone();
        let mut edits = Vec::new();
        let scale = &doc.project.scale;
        let verdict = scale
            .verdicts
            .iter()
            .find(|d| {
                d.name.eq_ignore_ascii_case(m.verdict.trim())
                    || d.id.eq_ignore_ascii_case(m.verdict.trim())
            })
            .map(|d| d.verdict());
        if let Some(verdict) = verdict
            && verdict != claim.verdict
        {
            edits.push(Edit::SetVerdict {
                id: id.clone(),
                verdict,
            });
        }
        let mut urls: Vec<&str> = m.entry.sources.iter().map(String::as_str).collect();
        urls.push(&m.url);
        let mut seen: Vec<String> = claim.sources.iter().map(|s| s.url.clone()).collect();
        for url in urls {
            let Ok(url) = crate::project::links::web_url(url) else {
                continue;
            };
            let url = url.to_string();
            if !seen.contains(&url) {
                seen.push(url.clone());
                edits.push(Edit::AddSource {
                    id: id.clone(),
                    source: crate::project::Source {
                        url,
                        title: None,
                        added: crate::project::now(),
                    },
                });
            }
        }
        let mut citation = format!("Checked before: “{}”", m.claim);
        for part in [&m.verdict, &m.origin, &m.date] {
            if !part.trim().is_empty() {
                citation.push_str(&format!(" · {}", part.trim()));
            }
        }
        if !m.url.is_empty() {
            citation.push_str(&format!(" · {}", m.url));
        }
        let note = if claim.note.trim().is_empty() {
            citation
        } else {
            format!("{}\n{citation}", claim.note)
        };
        edits.push(Edit::SetNote { id, note });
        if let Some(doc) = self.doc.as_mut() {
            doc.history.break_merge();
        }
        self.apply(Edit::Several(edits));
    }

    /// Opens where an earlier check came from: its project file, else its published page.
    fn open_match(&mut self, k: usize) {
        let Some(doc) = self.doc.as_ref() else { return };
        let Some(m) = doc
            .selected
            .as_deref()
            .and_then(|id| self.memory.matches.get(id))
            .and_then(|m| m.get(k))
        else {
            return;
        };
        if !m.entry.project.is_empty() {
            let path = std::path::PathBuf::from(&m.entry.project);
            self.execute(Command::Open(jobs::OpenRequest::Path(path)));
        } else if let Ok(url) = crate::project::links::web_url(&m.url)
            && let Some(ctx) = &self.ctx
        {
            ctx.open_url(egui::OpenUrl::new_tab(url.as_str()));
        }
    }
}
