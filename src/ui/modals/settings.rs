//! Project settings used by the reports (ClaimReview needs the reviewer).

use egui::RichText;

use super::state::SettingsDraft;
use crate::project::edit::Edit;
use crate::ui::command::Command;

pub fn show(ctx: &egui::Context, state: &mut SettingsDraft, out: &mut Vec<Command>) {
    let draft = &mut state.draft;
    egui::Modal::new(egui::Id::unique("project-settings")).show(ctx, |ui| {
        ui.heading("Project settings");
        ui.label(
            RichText::new("Used by the reports; the ClaimReview export needs the reviewer.").weak(),
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
                out.push(Command::CloseModal);
                if *draft != state.original {
                    out.push(Command::Apply(Edit::SetSettings {
                        settings: draft.clone(),
                    }));
                }
            }
            if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                out.push(Command::CloseModal);
            }
        });
    });
}
