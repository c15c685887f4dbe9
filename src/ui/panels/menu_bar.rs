//! The menu bar, built from the command table.

use std::path::PathBuf;

use egui::RichText;

use crate::ui::command::Command;
use crate::ui::command_table::{Menu, UiCommand};
use crate::ui::jobs::OpenRequest;

/// What the menus need to know to enable and tick their items.
pub struct MenuState<'a> {
    pub has_document: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    pub has_article_selection: bool,
    pub has_claim_selected: bool,
    pub show_dismissed: bool,
    pub add_to_library: bool,
    pub has_match: bool,
    pub in_document_order: bool,
    pub recent: &'a [PathBuf],
}

impl MenuState<'_> {
    pub fn enabled(&self, command: UiCommand) -> bool {
        match command {
            UiCommand::Undo => self.can_undo,
            UiCommand::Redo => self.can_redo,
            UiCommand::Save
            | UiCommand::SaveAs
            | UiCommand::ExportReport
            | UiCommand::UpdateArticle
            | UiCommand::ProjectSettings
            | UiCommand::ToggleShowDismissed => self.has_document,
            UiCommand::DocumentOrder => self.has_document && !self.in_document_order,
            UiCommand::DismissClaim => self.has_claim_selected,
            UiCommand::ReuseMatch => self.has_match,
            UiCommand::AddClaimFromSelection => self.has_article_selection,
            _ => true,
        }
    }
}

pub fn menu_bar(ui: &mut egui::Ui, state: &MenuState<'_>, out: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        for (menu, title) in Menu::BAR {
            ui.menu_button(title, |ui| {
                for command in UiCommand::ALL.into_iter().filter(|c| c.menu() == menu) {
                    if command == UiCommand::Quit {
                        recent_menu(ui, state.recent, out);
                        ui.separator();
                    }
                    item(ui, state, command, out);
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

fn item(ui: &mut egui::Ui, state: &MenuState<'_>, command: UiCommand, out: &mut Vec<Command>) {
    let mut button = egui::Button::new(command.label());
    if let Some(k) = command.shortcut_text(ui.ctx()) {
        button = button.shortcut_text(k);
    }
    if command == UiCommand::ToggleShowDismissed {
        button = button.selected(state.show_dismissed);
    }
    if command == UiCommand::ToggleAddToLibrary {
        button = button.selected(state.add_to_library);
    }
    if ui.add_enabled(state.enabled(command), button).clicked() {
        out.push(Command::Ui(command));
        ui.close();
    }
}

fn recent_menu(ui: &mut egui::Ui, recent: &[PathBuf], out: &mut Vec<Command>) {
    ui.menu_button("Open recent", |ui| {
        if recent.is_empty() {
            ui.label(RichText::new("No recent files").weak());
        }
        for path in recent {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if ui
                .button(name)
                .on_hover_text(path.display().to_string())
                .clicked()
            {
                out.push(Command::Open(OpenRequest::Path(path.clone())));
                ui.close();
            }
        }
        if ui.button("Open the sample article").clicked() {
            out.push(Command::Open(OpenRequest::Sample));
            ui.close();
        }
    });
}
