//! Project settings used by the reports (ClaimReview needs the reviewer).

use egui::RichText;

use super::state::SettingsDraft;
use crate::project::edit::Edit;
use crate::project::scale::{PRESET_NAMES, preset};
use crate::project::{Scale, Verdict};
use crate::ui::command::Command;

pub fn show(ctx: &egui::Context, state: &mut SettingsDraft, out: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("project-settings")).show(ctx, |ui| {
        let draft = &mut state.draft;
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
        let bad_date = draft
            .article_date
            .as_deref()
            .is_some_and(|d| !valid_date(d));
        if bad_date {
            ui.colored_label(
                ui.visuals().error_fg_color,
                "The article date must be a real date written YYYY-MM-DD (e.g. 2025-03-04).",
            );
        }
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
        ui.separator();
        scale_choice(ui, state);
        project_conflicts(ui, state, out);
        let bad_date = state
            .draft
            .article_date
            .as_deref()
            .is_some_and(|d| !valid_date(d));
        let bad_scale = state
            .new_scale
            .as_ref()
            .is_some_and(|(s, _)| s.validate().is_err());
        ui.horizontal(|ui| {
            if ui
                .add_enabled(!bad_date && !bad_scale, egui::Button::new("Apply"))
                .clicked()
            {
                out.push(Command::CloseModal);
                if state.draft != state.original {
                    out.push(Command::Apply(Edit::SetSettings {
                        settings: state.draft.clone(),
                    }));
                }
                if let Some((scale, mapping)) = &state.new_scale {
                    out.push(Command::Apply(Edit::SetScale {
                        scale: Box::new(scale.clone()),
                        mapping: mapping.clone(),
                    }));
                }
            }
            if ui.button("Cancel").clicked() || super::escape_pressed(ui) {
                out.push(Command::CloseModal);
            }
        });
    });
}

/// The verdict scale: a preset or a custom file, and the explicit mapping of the verdicts
/// claims have now (applied as one undoable edit).
fn scale_choice(ui: &mut egui::Ui, state: &mut SettingsDraft) {
    let current = state
        .new_scale
        .as_ref()
        .map_or(state.scale.name.clone(), |(s, _)| s.name.clone());
    let mut chosen: Option<Scale> = None;
    egui::ComboBox::from_label("Verdict scale")
        .selected_text(&current)
        .show_ui(ui, |ui| {
            for name in PRESET_NAMES {
                if let Some(p) = preset(name)
                    && ui.selectable_label(current == p.name, &p.name).clicked()
                {
                    chosen = Some(p);
                }
            }
            if ui
                .selectable_label(
                    current == state.scale.name,
                    format!("{} (this project's)", state.scale.name),
                )
                .clicked()
            {
                chosen = Some(state.scale.clone());
            }
        });
    ui.horizontal(|ui| {
        let label = ui.label("Custom scale file");
        ui.add(
            egui::TextEdit::singleline(&mut state.custom_path)
                .hint_text("path to a .scale.ron (see `factdesk scales --ron factdesk`)")
                .desired_width(260.0),
        )
        .labelled_by(label.id);
        if ui.button("Load").clicked() {
            match crate::project::scale::resolve(state.custom_path.trim()) {
                Ok(scale) => {
                    state.custom_error = None;
                    chosen = Some(scale);
                }
                Err(e) => state.custom_error = Some(e.to_string()),
            }
        }
    });
    if let Some(e) = &state.custom_error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    if let Some(scale) = chosen {
        state.choose(scale);
    }
    if let Some(edited) = scale_editor(ui, state) {
        state.choose(edited);
    }
    let in_use = &state.in_use;
    let old = &state.scale;
    if let Some((scale, mapping)) = state.new_scale.as_mut() {
        ui.label(RichText::new("The verdicts claims have now become:").weak());
        egui::Grid::new("scale-mapping")
            .num_columns(3)
            .show(ui, |ui| {
                for (verdict, n) in in_use {
                    let from = ui.label(format!("{} ({n})", old.name(verdict)));
                    ui.label("becomes");
                    let target = mapping
                        .entry(verdict.clone())
                        .or_insert(Verdict::UNREVIEWED);
                    egui::ComboBox::from_id_salt(("map", verdict.id()))
                        .selected_text(scale.name(target).to_string())
                        .show_ui(ui, |ui| {
                            for d in &scale.verdicts {
                                ui.selectable_value(target, d.verdict(), &d.name);
                            }
                        })
                        .response
                        .labelled_by(from.id);
                    ui.end_row();
                }
            });
    }
}

/// A custom scale, edited here: each verdict's name, description, colour, key and whether it
/// counts as reviewed; verdicts added or removed (the first, Unreviewed, and Not a claim stay:
/// new claims start at one and dismissals use the other). Returns the edited scale when it
/// changed, so the mapping below follows it.
fn scale_editor(ui: &mut egui::Ui, state: &mut SettingsDraft) -> Option<Scale> {
    let mut scale = state
        .new_scale
        .as_ref()
        .map_or_else(|| state.scale.clone(), |(s, _)| s.clone());
    let before = scale.clone();
    egui::CollapsingHeader::new("Edit the verdicts (a custom scale)")
        .id_salt("scale-editor")
        .show(ui, |ui| {
            let label = ui.label("Scale name");
            ui.text_edit_singleline(&mut scale.name)
                .labelled_by(label.id);
            let mut remove = None;
            egui::Grid::new("scale-editor-grid")
                .num_columns(6)
                .striped(true)
                .show(ui, |ui| {
                    for (i, d) in scale.verdicts.iter_mut().enumerate() {
                        let fixed = d.verdict() == Verdict::UNREVIEWED
                            || d.verdict() == Verdict::NOT_A_CLAIM;
                        let name = ui.label(format!("{}.", i + 1));
                        ui.add(egui::TextEdit::singleline(&mut d.name).desired_width(120.0))
                            .labelled_by(name.id);
                        ui.add(
                            egui::TextEdit::singleline(&mut d.description)
                                .hint_text("what it means")
                                .desired_width(180.0),
                        )
                        .labelled_by(name.id);
                        ui.color_edit_button_srgb(&mut d.color.0)
                            .labelled_by(name.id);
                        let mut key = d.hotkey.map(String::from).unwrap_or_default();
                        if ui
                            .add(egui::TextEdit::singleline(&mut key).desired_width(18.0))
                            .labelled_by(name.id)
                            .on_hover_text("The key that sets it")
                            .changed()
                        {
                            d.hotkey = key.chars().last();
                        }
                        ui.add_enabled(!fixed, egui::Checkbox::new(&mut d.reviewed, "reviewed"));
                        if !fixed && ui.small_button("Remove").clicked() {
                            remove = Some(i);
                        }
                        ui.end_row();
                    }
                });
            if let Some(i) = remove {
                scale.verdicts.remove(i);
            }
            if ui.button("Add a verdict").clicked() {
                let n = scale.verdicts.len();
                let id = (1..)
                    .map(|k| format!("Custom{k}"))
                    .find(|id| scale.verdicts.iter().all(|d| d.id != *id))
                    .unwrap_or_default();
                let mut d = scale.verdicts[0].clone();
                d.id = id;
                d.name = format!("Verdict {}", n + 1);
                d.description.clear();
                d.hotkey = None;
                d.reviewed = true;
                d.rating = None;
                // Before "Not a claim", which stays last.
                let at = scale
                    .verdicts
                    .iter()
                    .position(|v| v.verdict() == Verdict::NOT_A_CLAIM)
                    .unwrap_or(n);
                scale.verdicts.insert(at, d);
            }
            if let Err(e) = scale.validate() {
                ui.colored_label(ui.visuals().error_fg_color, format!("Not usable yet: {e}"));
            }
        });
    (scale != before).then_some(scale)
}

/// Project-level merge conflicts (settings two people changed differently).
fn project_conflicts(ui: &mut egui::Ui, state: &mut SettingsDraft, out: &mut Vec<Command>) {
    let mut settled = None;
    let conflicts = state.conflicts.clone();
    for (k, c) in conflicts.iter().enumerate() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "Conflict in {}: ours “{}”, theirs “{}”",
                c.field, c.ours, c.theirs
            ),
        );
        ui.horizontal(|ui| {
            for (label, value) in [("Keep ours", &c.ours), ("Take theirs", &c.theirs)] {
                if ui.button(label).clicked() {
                    // Keep the dialog's own fields in step, so Apply does not undo the choice.
                    for s in [&mut state.draft, &mut state.original] {
                        let _ =
                            crate::project::merge::fields::set_settings_field(s, &c.field, value);
                    }
                    out.push(Command::Apply(Edit::ResolveConflict {
                        id: None,
                        field: c.field.clone(),
                        value: value.clone(),
                    }));
                    settled = Some(k);
                }
            }
        });
    }
    if let Some(k) = settled {
        state.conflicts.remove(k);
    }
}

/// ClaimReview publishes the article date as ISO 8601: only real calendar dates pass.
fn valid_date(text: &str) -> bool {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text.trim(), &format).is_ok()
}
