//! Every command and its keys, from the command table.

use egui::RichText;

use crate::project::Scale;
use crate::ui::command::Command;
use crate::ui::command_table::{Menu, UiCommand};

pub fn show(ctx: &egui::Context, scale: Option<&Scale>, out: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("shortcuts")).show(ctx, |ui| {
        ui.heading("Keyboard shortcuts");
        let max_height = (ctx.content_rect().height() - 160.0).max(200.0);
        // A scroll bar of its own width: the floating one covered the last column's text.
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::vertical()
            .max_height(max_height)
            .show(ui, |ui| {
                egui::Grid::new("shortcuts-grid")
                    .striped(true)
                    .num_columns(3)
                    .show(ui, |ui| {
                        for command in UiCommand::ALL {
                            ui.label(RichText::new(command.all_shortcuts_text(ctx)).monospace());
                            ui.label(match command {
                                UiCommand::SetVerdict(n) => format!(
                                    "{}: {}",
                                    command.label(),
                                    scale
                                        .and_then(|s| s
                                            .by_hotkey(char::from(b'0' + n))
                                            .map(|v| s.name(&v).to_string()))
                                        .unwrap_or_else(|| "none on this scale".into())
                                ),
                                _ => command.label().to_string(),
                            });
                            ui.label(
                                RichText::new(match command.menu() {
                                    Menu::File => "File menu",
                                    Menu::Edit => "Edit menu",
                                    Menu::View => "View menu",
                                    Menu::Help => "Help menu",
                                    Menu::KeyboardOnly => "",
                                })
                                .weak(),
                            );
                            ui.end_row();
                        }
                    });
            });
        ui.label(
            RichText::new("Single keys do nothing while you type in a text field; Esc leaves it.")
                .weak(),
        );
        if ui.button("Close").clicked() || super::escape_pressed(ui) {
            out.push(Command::CloseModal);
        }
    });
}
