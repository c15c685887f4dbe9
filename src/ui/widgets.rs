//! Small widgets shared by panels and dialogs.

use egui::{Color32, RichText};

use crate::project::Verdict;

pub fn verdict_color(v: Verdict) -> Color32 {
    let [r, g, b] = v.color();
    Color32::from_rgb(r, g, b)
}

/// A coloured verdict chip, with the verdict's description on hover.
pub fn verdict_chip(ui: &mut egui::Ui, v: Verdict) -> egui::Response {
    egui::Frame::new()
        .fill(verdict_color(v))
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(v.name()).color(Color32::WHITE).small())
        })
        .inner
        .on_hover_text(v.description())
}
