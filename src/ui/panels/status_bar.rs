//! The status bar: review progress, saved state, autosave, background work, notices.

use egui::{Align, Layout, RichText};

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
            ui.label(&doc.summary().progress);
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

fn saved_text(doc: &Document, ui: &egui::Ui) -> RichText {
    if doc.is_dirty() {
        RichText::new("Unsaved changes").color(ui.visuals().warn_fg_color)
    } else if doc.path.is_none() {
        RichText::new("Not saved yet").color(ui.visuals().warn_fg_color)
    } else {
        RichText::new("Saved")
    }
}
