//! Small widgets shared by panels and dialogs.

use egui::{Color32, RichText};

use crate::project::{Scale, Verdict};

/// A verdict's colour on the project's scale (the same in the HTML report).
pub fn verdict_color(scale: &Scale, v: &Verdict) -> Color32 {
    let [r, g, b] = scale.color(v);
    Color32::from_rgb(r, g, b)
}

/// A coloured verdict chip, with the verdict's description on hover.
pub fn verdict_chip(ui: &mut egui::Ui, scale: &Scale, v: &Verdict) -> egui::Response {
    egui::Frame::new()
        .fill(verdict_color(scale, v))
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            // 11 px: the small style (9 px) was hard to read in white on the lighter colours.
            ui.label(
                RichText::new(scale.name(v))
                    .color(Color32::WHITE)
                    .size(11.0),
            )
        })
        .inner
        .on_hover_text(&scale.def(v).description)
}
