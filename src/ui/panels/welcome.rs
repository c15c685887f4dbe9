//! What the window shows with nothing open.

use crate::ui::command::Command;
use crate::ui::command_table::UiCommand;
use crate::ui::jobs::OpenRequest;

pub fn welcome(ui: &mut egui::Ui, out: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.heading("factdesk");
        ui.label("Open an article to list its checkable claims.");
        ui.add_space(12.0);
        if ui.button("Open…").clicked() {
            out.push(Command::Ui(UiCommand::Open));
        }
        if ui.button("Open the sample article").clicked() {
            out.push(Command::Open(OpenRequest::Sample));
        }
    });
}
