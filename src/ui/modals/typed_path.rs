//! A path typed by hand, for systems without a native file dialog (no desktop portal).
//! Enter confirms, Esc cancels.

use std::path::PathBuf;

use super::state::TypedPath;
use crate::ui::command::Command;

pub fn show(ctx: &egui::Context, state: &mut TypedPath, out: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("typed-path")).show(ctx, |ui| {
        ui.heading(state.purpose.title());
        let label = ui.label("No file dialog is available on this system. Type the file's path:");
        let before = state.text.clone();
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.text)
                    .hint_text("Path to the file")
                    .desired_width(420.0),
            )
            .labelled_by(label.id);
        if state.text != before {
            state.replace = false;
        }
        if !state.focused {
            field.request_focus();
            state.focused = true;
        }
        let enter = (field.lost_focus() || field.has_focus())
            && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            let verb = if state.purpose.is_save() {
                "Save"
            } else {
                "Open"
            };
            let ok = ui.button(verb).clicked() || enter;
            if ok && !state.text.trim().is_empty() {
                let path = expand_home(state.text.trim());
                // Saving over an existing file asks first, as native dialogs do.
                if state.purpose.is_save() && path.exists() && !state.replace {
                    state.replace = true;
                } else {
                    out.push(Command::PathChosen(state.purpose.clone(), path));
                }
            }
            if state.replace {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "That file exists. Press Save again to replace it (the old one is kept as .bak).",
                );
            }
            if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                out.push(Command::CloseModal);
            }
        });
    });
}

fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
        _ => PathBuf::from(path),
    }
}
