//! One frame of the window: keys, menus, panels, status bar and dialogs.

use egui::{Align, Layout, RichText};

use super::app::{App, TypedPath};
use super::article_view::{article_view, legend};
use super::commands::{self, COMMANDS, Command, Menu, shortcut_label};
use super::editor::claim_editor;
use super::jobs::{DialogPurpose, OpenRequest};
use super::table::{claims_table, filter_bar};
use crate::report::{ReportFormat, ReportScope};

impl App {
    /// Draws the whole window. Used by eframe, the UI tests and the frame benchmark alike.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.set_context(&ctx);
        self.poll_jobs();
        self.apply_prefs(&ctx);

        let dropped: Vec<std::path::PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.open(OpenRequest::Path(path));
        }
        if ctx.input(|i| i.viewport().close_requested()) {
            self.on_close_requested(&ctx);
        }
        if !self.modal_open() {
            for command in commands::pressed(&ctx) {
                self.execute(command);
            }
        }

        egui::Panel::top("menu-bar").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar(ui));
        if let Some(scale) = self.doc.as_ref().map(|d| d.project.scale.clone()) {
            egui::Panel::right("claim-editor")
                .resizable(true)
                .default_size(380.0)
                .min_size(260.0)
                .show(ui, |ui| claim_editor(self, ui));
            egui::Panel::bottom("article-view")
                .resizable(true)
                .default_size(300.0)
                .min_size(120.0)
                .show(ui, |ui| {
                    ui.add_space(4.0);
                    legend(ui, &scale);
                    article_view(self, ui);
                });
        }
        egui::CentralPanel::default_margins().show(ui, |ui| {
            self.error_bar(ui);
            if self.doc.is_some() {
                filter_bar(self, ui);
                ui.add_space(2.0);
                claims_table(self, ui);
            } else if let Some(job) = &self.load {
                ui.centered_and_justified(|ui| {
                    ui.add(
                        egui::ProgressBar::new(job.fraction())
                            .text(format!("Opening {}…", job.label))
                            .animate(true),
                    );
                });
            } else {
                self.welcome(ui);
            }
        });

        self.modals(&ctx);
        self.sync_title(&ctx);
        self.autosave_tick();
        if self.load.is_some() || self.dialog.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if self.doc.as_ref().is_some_and(|d| d.is_dirty()) {
            // Wake up for the next autosave even if the user is idle.
            ctx.request_repaint_after(super::recovery::AUTOSAVE_INTERVAL);
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

    fn modal_open(&self) -> bool {
        self.confirm_unsaved
            || self.typed_path.is_some()
            || self.export.is_some()
            || self.recovery_offer.is_some()
            || self.settings_draft.is_some()
    }

    fn menu_item(&mut self, ui: &mut egui::Ui, command: Command) {
        let spec = commands::spec(command);
        let enabled = match command {
            Command::Undo => self.doc.as_ref().is_some_and(|d| d.history.can_undo()),
            Command::Redo => self.doc.as_ref().is_some_and(|d| d.history.can_redo()),
            Command::Save
            | Command::SaveAs
            | Command::ExportReport
            | Command::DismissClaim
            | Command::ProjectSettings => self.doc.is_some(),
            Command::AddClaimFromSelection => self.article_selection.is_some(),
            _ => true,
        };
        let mut button = egui::Button::new(spec.label);
        if let Some(k) = shortcut_label(command) {
            button = button.shortcut_text(k);
        }
        let button = match command {
            Command::ToggleShowDismissed => {
                egui::Button::new(spec.label).selected(self.prefs.show_dismissed)
            }
            _ => button,
        };
        if ui.add_enabled(enabled, button).clicked() {
            self.execute(command);
            ui.close();
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            for (title, menu) in [
                ("File", Menu::File),
                ("Edit", Menu::Edit),
                ("View", Menu::View),
                ("Help", Menu::Help),
            ] {
                ui.menu_button(title, |ui| {
                    for spec in COMMANDS.iter().filter(|s| s.menu == menu) {
                        if spec.command == Command::Quit {
                            self.recent_menu(ui);
                            ui.separator();
                        }
                        self.menu_item(ui, spec.command);
                    }
                    if menu == Menu::Help {
                        ui.separator();
                        ui.label(
                            RichText::new(format!("factdesk {}", env!("CARGO_PKG_VERSION"))).weak(),
                        );
                    }
                });
            }
        });
    }

    fn recent_menu(&mut self, ui: &mut egui::Ui) {
        ui.menu_button("Open recent", |ui| {
            if self.prefs.recent.is_empty() {
                ui.label(RichText::new("No recent files").weak());
            }
            let mut chosen = None;
            for path in &self.prefs.recent {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if ui
                    .button(name)
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    chosen = Some(path.clone());
                }
            }
            if ui.button("Open the sample article").clicked() {
                self.open(OpenRequest::Sample);
                ui.close();
            }
            if let Some(p) = chosen {
                self.open(OpenRequest::Path(p));
                ui.close();
            }
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if let Some(doc) = &self.doc {
                let counts = doc.project.verdict_counts();
                let (reviewed, total) = doc.project.review_progress();
                let mut parts = vec![format!("{reviewed} of {total} reviewed")];
                for (v, n) in counts {
                    let scale = &doc.project.scale;
                    if n > 0 && scale.is_reviewed(&v) && v != crate::project::Verdict::NOT_A_CLAIM {
                        parts.push(format!("{n} {}", scale.name(&v).to_lowercase()));
                    }
                }
                ui.label(parts.join(" · "));
                ui.separator();
                if doc.is_dirty() {
                    ui.label(RichText::new("Unsaved changes").color(ui.visuals().warn_fg_color));
                } else {
                    ui.label("Saved");
                }
                if let Some(t) = self.recovery.last_written {
                    let local = t.to_offset(
                        time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC),
                    );
                    ui.label(
                        RichText::new(format!(
                            "· autosaved {:02}:{:02}:{:02}",
                            local.hour(),
                            local.minute(),
                            local.second()
                        ))
                        .weak(),
                    );
                }
            }
            if let Some(job) = &self.load {
                ui.separator();
                ui.add(
                    egui::ProgressBar::new(job.fraction())
                        .desired_width(160.0)
                        .text(format!("Opening {}", job.label)),
                );
                if ui.small_button("Cancel").clicked() {
                    job.cancel();
                }
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui.small_button("?  Shortcuts").clicked() {
                    self.show_shortcuts = true;
                }
                if let Some(n) = &self.notice {
                    ui.label(RichText::new(n).weak());
                }
            });
        });
    }

    fn error_bar(&mut self, ui: &mut egui::Ui) {
        if self.errors.is_empty() {
            return;
        }
        let mut dismiss = false;
        egui::Frame::new()
            .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
            .inner_margin(6.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.vertical(|ui| {
                        for e in &self.errors {
                            ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
                        }
                    });
                    ui.with_layout(Layout::right_to_left(Align::TOP), |ui| {
                        dismiss = ui.button("Dismiss").clicked();
                    });
                });
            });
        if dismiss {
            self.errors.clear();
        }
        ui.add_space(4.0);
    }

    fn welcome(&mut self, ui: &mut egui::Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading("factdesk");
            ui.label("Open an article to list its checkable claims.");
            ui.add_space(12.0);
            if ui.button("Open…").clicked() {
                self.execute(Command::Open);
            }
            if ui.button("Open the sample article").clicked() {
                self.open(OpenRequest::Sample);
            }
        });
    }

    fn modals(&mut self, ctx: &egui::Context) {
        if self.confirm_unsaved {
            egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
                ui.heading("Save changes?");
                let name = self
                    .doc
                    .as_ref()
                    .map(|d| d.display_name())
                    .unwrap_or_default();
                ui.label(format!("{name} has unsaved changes."));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        self.confirm_unsaved = false;
                        self.save();
                    }
                    if ui.button("Discard").clicked() {
                        self.confirm_unsaved = false;
                        self.discard_and_continue();
                    }
                    if ui.button("Cancel").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        self.confirm_unsaved = false;
                        self.pending = None;
                    }
                });
            });
        }
        if let Some(mut typed) = self.typed_path.take() {
            let mut keep = true;
            egui::Modal::new(egui::Id::unique("typed-path")).show(ctx, |ui| {
                ui.heading(typed.purpose.title());
                ui.label("No file dialog is available on this system. Type the file's path:");
                let r = ui.add(
                    egui::TextEdit::singleline(&mut typed.text)
                        .hint_text("Path to the file")
                        .desired_width(420.0),
                );
                r.request_focus();
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    let ok = ui
                        .button(if typed.purpose.is_save() {
                            "Save"
                        } else {
                            "Open"
                        })
                        .clicked()
                        || enter;
                    if ok && !typed.text.trim().is_empty() {
                        keep = false;
                        let TypedPath { purpose, text } = typed.clone();
                        self.path_chosen(purpose, expand_home(text.trim()));
                    }
                    if ui.button("Cancel").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        keep = false;
                        self.pending = None;
                    }
                });
            });
            if keep {
                self.typed_path = Some(typed);
            }
        }
        if let Some(mut choice) = self.export.take() {
            let mut keep = true;
            egui::Modal::new(egui::Id::unique("export")).show(ctx, |ui| {
                ui.heading("Export report");
                egui::ComboBox::from_label("Format")
                    .selected_text(choice.format.label())
                    .show_ui(ui, |ui| {
                        for f in ReportFormat::ALL {
                            ui.selectable_value(&mut choice.format, f, f.label());
                        }
                    });
                let filtered = self.doc.as_ref().is_some_and(|d| d.filter.is_active());
                ui.add_enabled(
                    filtered,
                    egui::Checkbox::new(
                        &mut choice.filtered_only,
                        "Only the claims the filter shows",
                    ),
                );
                ui.checkbox(&mut choice.open_after, "Open the report afterwards");
                ui.horizontal(|ui| {
                    if ui.button("Export…").clicked() {
                        keep = false;
                        let scope = match (&mut self.doc, choice.filtered_only && filtered) {
                            (Some(d), true) => {
                                let rows = d.rows().to_vec();
                                let ids = rows
                                    .iter()
                                    .map(|&i| d.project.claims[i].id.clone())
                                    .collect();
                                ReportScope { only: Some(ids) }
                            }
                            _ => ReportScope::default(),
                        };
                        self.ask_path(DialogPurpose::Export {
                            format: choice.format,
                            scope,
                            open_after: choice.open_after,
                        });
                    }
                    if ui.button("Cancel").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        keep = false;
                    }
                });
            });
            if keep {
                self.export = Some(choice);
            }
        }
        self.settings_modal(ctx);
        if let Some((_, file)) = &self.recovery_offer {
            let when = file
                .written
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default();
            let title = file.project.article.title.clone();
            egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
                ui.heading("Recover unsaved work?");
                ui.label(format!(
                    "factdesk kept unsaved changes to “{title}” from {when}."
                ));
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        self.restore_recovery();
                    }
                    if ui.button("Discard").clicked()
                        && let Some((path, _)) = self.recovery_offer.take()
                    {
                        let _ = std::fs::remove_file(path);
                    }
                    if ui.button("Later").clicked() {
                        self.recovery_offer = None;
                    }
                });
            });
        }
        if self.show_shortcuts {
            let mut open = true;
            egui::Window::new("Keyboard shortcuts")
                .open(&mut open)
                .collapsible(false)
                .resizable(false)
                .show(ctx, |ui| {
                    egui::Grid::new("shortcuts-grid")
                        .striped(true)
                        .show(ui, |ui| {
                            for spec in COMMANDS {
                                if spec.shortcuts.is_empty()
                                    || matches!(spec.command, Command::SetVerdict(n) if n > 1)
                                {
                                    continue;
                                }
                                let keys = if let Command::SetVerdict(_) = spec.command {
                                    "1 – 9".to_string()
                                } else {
                                    spec.shortcuts
                                        .iter()
                                        .map(|s| s.label())
                                        .collect::<Vec<_>>()
                                        .join("  or  ")
                                };
                                ui.label(RichText::new(keys).monospace());
                                ui.label(if let Command::SetVerdict(_) = spec.command {
                                    "Set the verdict (see the editor's buttons)"
                                } else {
                                    spec.label
                                });
                                ui.end_row();
                            }
                        });
                    ui.label(
                        RichText::new(
                            "Single keys do nothing while you type in a text field; Esc leaves it.",
                        )
                        .weak(),
                    );
                });
            self.show_shortcuts &= open;
        }
    }
}

impl App {
    /// Project settings used by the reports (ClaimReview needs the reviewer).
    fn settings_modal(&mut self, ctx: &egui::Context) {
        let Some(mut draft) = self.settings_draft.take() else {
            return;
        };
        let mut keep = true;
        egui::Modal::new(egui::Id::unique("project-settings")).show(ctx, |ui| {
            ui.heading("Project settings");
            ui.label(
                RichText::new("Used by the reports; the ClaimReview export needs the reviewer.")
                    .weak(),
            );
            egui::Grid::new("settings-grid")
                .num_columns(2)
                .show(ui, |ui| {
                    for (label, hint, value) in [
                        (
                            "Article URL",
                            "https://… where the article was published",
                            &mut draft.article_url,
                        ),
                        ("Article date", "YYYY-MM-DD", &mut draft.article_date),
                        ("Reviewer name", "who checked it", &mut draft.reviewer_name),
                        (
                            "Reviewer organisation",
                            "the publishing fact-check organisation",
                            &mut draft.reviewer_organisation,
                        ),
                        (
                            "Review URL",
                            "https://… where the fact-check is published",
                            &mut draft.review_url,
                        ),
                    ] {
                        let l = ui.label(label);
                        let mut text = value.clone().unwrap_or_default();
                        ui.add(
                            egui::TextEdit::singleline(&mut text)
                                .hint_text(hint)
                                .desired_width(320.0),
                        )
                        .labelled_by(l.id);
                        *value = (!text.trim().is_empty()).then(|| text.trim().to_string());
                        ui.end_row();
                    }
                });
            for url in [&draft.article_url, &draft.review_url]
                .into_iter()
                .flatten()
            {
                if let Err(e) = crate::project::links::web_url(url) {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("{url}: {e}; it will not be a link"),
                    );
                }
            }
            ui.horizontal(|ui| {
                if ui.button("Apply").clicked() {
                    keep = false;
                    if self
                        .doc
                        .as_ref()
                        .is_some_and(|d| d.project.settings != draft)
                    {
                        self.apply(crate::project::edit::Edit::SetSettings {
                            settings: draft.clone(),
                        });
                    }
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    keep = false;
                }
            });
        });
        if keep {
            self.settings_draft = Some(draft);
        }
    }
}

fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
        _ => std::path::PathBuf::from(path),
    }
}
