//! The status bar: review progress, saved state, autosave, background work, notices.

use egui::{Align, Layout, RichText};

use crate::project::Verdict;
use crate::ui::command::Command;
use crate::ui::command_table::UiCommand;
use crate::ui::document::Document;

/// What the status bar shows besides the document.
pub struct StatusState<'a> {
    /// (label, fraction done) of a file being opened.
    pub loading: Option<(&'a str, f32)>,
    pub last_autosave: Option<time::OffsetDateTime>,
    pub autosave_error: Option<&'a str>,
    pub notice: Option<&'a str>,
}

pub fn status_bar(
    ui: &mut egui::Ui,
    doc: Option<&Document>,
    state: &StatusState<'_>,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        if let Some(doc) = doc {
            ui.label(progress_text(doc));
            ui.separator();
            ui.label(saved_text(doc, ui));
            if let Some(e) = state.autosave_error {
                ui.label(RichText::new("· autosave failed").color(ui.visuals().error_fg_color))
                    .on_hover_text(e);
            } else if let Some(t) = state.last_autosave {
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
        if let Some((label, fraction)) = state.loading {
            ui.separator();
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(160.0)
                    .text(format!("Opening {label}")),
            );
            if ui.small_button("Cancel").clicked() {
                out.push(Command::CancelLoad);
            }
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            let help = format!(
                "{}  Shortcuts",
                UiCommand::ShowShortcuts
                    .shortcut_text(ui.ctx())
                    .unwrap_or_default()
            );
            if ui.small_button(help).clicked() {
                out.push(Command::Ui(UiCommand::ShowShortcuts));
            }
            if let Some(n) = state.notice {
                ui.add(egui::Label::new(RichText::new(n).weak()).truncate());
            }
        });
    });
}

/// "3 of 31 reviewed · 2 verified · 1 false", dismissed claims counted apart.
pub fn progress_text(doc: &Document) -> String {
    let (reviewed, total) = doc.project.review_progress();
    let mut parts = vec![format!("{reviewed} of {total} reviewed")];
    for (v, n) in doc.project.verdict_counts() {
        if n > 0 && doc.project.scale.is_reviewed(&v) && v != Verdict::NOT_A_CLAIM {
            parts.push(format!("{n} {}", doc.project.scale.name(&v).to_lowercase()));
        }
    }
    let dismissed = doc.project.claims.len() - total;
    if dismissed > 0 {
        parts.push(format!("{dismissed} dismissed"));
    }
    let recheck = doc.project.claims.iter().filter(|c| c.recheck).count();
    if recheck > 0 {
        parts.push(format!("{recheck} to re-check"));
    }
    let conflicts = doc.project.conflict_count();
    if conflicts > 0 {
        parts.push(format!("{conflicts} conflicts"));
    }
    parts.join(" · ")
}

fn saved_text(doc: &Document, ui: &egui::Ui) -> RichText {
    if doc.is_dirty() {
        RichText::new("Unsaved changes").color(ui.visuals().warn_fg_color)
    } else if doc.path.is_none() {
        RichText::new("Not saved yet").color(ui.visuals().warn_fg_color)
    } else {
        RichText::new("Saved")
    }
}
