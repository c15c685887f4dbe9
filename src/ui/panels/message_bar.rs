//! Problems, one line per kind, each dismissable (see [`Messages`]).

use egui::{Align, Layout, RichText};

use crate::ui::command::Command;
use crate::ui::messages::{MessageKind, Messages};

pub fn message_bar(ui: &mut egui::Ui, messages: &Messages, out: &mut Vec<Command>) {
    if messages.is_empty() {
        return;
    }
    egui::Frame::new()
        .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
        .inner_margin(4.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            for m in messages.iter() {
                ui.horizontal(|ui| {
                    let color = ui.visuals().error_fg_color;
                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                        if ui
                            .small_button("Dismiss")
                            .on_hover_text("Hide this message")
                            .clicked()
                        {
                            out.push(Command::DismissMessage(m.kind));
                        }
                        if m.kind == MessageKind::ReadOnly
                            && ui
                                .small_button("Edit anyway")
                                .on_hover_text("Change the project here too; saving checks for the other window's changes and offers to merge them")
                                .clicked()
                        {
                            out.push(Command::EditAnyway);
                        }
                        ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
                            let label = ui
                                .add(egui::Label::new(RichText::new(&m.text).color(color)).wrap());
                            if let Some(d) = &m.detail {
                                label.on_hover_text(d);
                            }
                        });
                    });
                });
            }
        });
    ui.add_space(4.0);
}
