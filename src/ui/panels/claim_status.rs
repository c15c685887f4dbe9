//! What the editor shows above a claim's work when it needs attention: merge conflicts to
//! settle (ours, theirs or an edited value, each one undoable edit), wording changed by a
//! revision (old and new sentence with the difference marked), or no place in the article.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText};

use crate::project::ProjectClaim;
use crate::project::edit::Edit;
use crate::ui::command::Command;

/// A conflict being edited by hand: (field, value so far).
pub type ConflictDraft = Option<(String, String)>;

pub fn claim_status(
    ui: &mut egui::Ui,
    claim: &ProjectClaim,
    draft: &mut ConflictDraft,
    out: &mut Vec<Command>,
) {
    for conflict in &claim.conflicts {
        attention_frame(ui, |ui| {
            ui.label(
                RichText::new(format!("Conflict in {}", conflict.field))
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            );
            ui.label(format!("Ours: {}", shown(&conflict.ours)));
            ui.label(format!("Theirs: {}", shown(&conflict.theirs)));
            let resolve = |value: &str| {
                Command::Apply(Edit::ResolveConflict {
                    id: Some(claim.id.clone()),
                    field: conflict.field.clone(),
                    value: value.to_string(),
                })
            };
            let editing = draft.as_ref().is_some_and(|(f, _)| *f == conflict.field);
            if editing {
                let (_, value) = draft.as_mut().expect("editing");
                let label = ui.label("Resolved value");
                ui.add(egui::TextEdit::multiline(value).desired_rows(2))
                    .labelled_by(label.id);
                let (use_it, cancel) = ui
                    .horizontal(|ui| {
                        (
                            ui.button("Use this").clicked(),
                            ui.button("Cancel").clicked(),
                        )
                    })
                    .inner;
                if use_it {
                    out.push(resolve(value));
                }
                if use_it || cancel {
                    *draft = None;
                }
            } else {
                ui.horizontal(|ui| {
                    if ui.button("Keep ours").clicked() {
                        out.push(resolve(&conflict.ours));
                    }
                    if ui.button("Take theirs").clicked() {
                        out.push(resolve(&conflict.theirs));
                    }
                    if ui.button("Edit…").clicked() {
                        *draft = Some((conflict.field.clone(), conflict.ours.clone()));
                    }
                });
                // Values of an earlier, unsettled conflict on this field (two merges before
                // anyone settled it): each can still be chosen.
                for (k, value) in conflict.earlier.iter().enumerate() {
                    ui.horizontal(|ui| {
                        ui.label(format!("Earlier: {}", shown(value)));
                        if ui
                            .small_button("Take this")
                            .on_hover_text(format!("Use earlier value {}", k + 1))
                            .clicked()
                        {
                            out.push(resolve(value));
                        }
                    });
                }
            }
        });
    }
    if !claim.has_span() {
        attention_frame(ui, |ui| {
            ui.label(
                RichText::new("Not in the current article")
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            );
            ui.label(
                "The article was updated and this sentence is gone. The claim is kept with its \
                 verdict, sources and note.",
            );
        });
    } else if claim.recheck {
        attention_frame(ui, |ui| {
            ui.label(
                RichText::new("Changed since it was checked")
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            );
            if let Some(before) = &claim.previous_text {
                let (old, new) = word_diff(ui, before, &claim.text);
                ui.label(RichText::new("Before").small().weak());
                ui.label(old);
                ui.label(RichText::new("Now").small().weak());
                ui.label(new);
            }
            if ui
                .button("Checked again")
                .on_hover_text("The verdict, sources and note still hold for the new wording")
                .clicked()
            {
                out.push(Command::Apply(Edit::SetRecheck {
                    id: claim.id.clone(),
                    recheck: false,
                }));
            }
        });
    }
}

fn shown(value: &str) -> String {
    if value.is_empty() {
        "(empty)".into()
    } else {
        value.replace('\n', " / ")
    }
}

fn attention_frame(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::new()
        .fill(ui.visuals().warn_fg_color.gamma_multiply(0.12))
        .inner_margin(6.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui)
        });
    ui.add_space(4.0);
}

/// The old and new sentence, words removed struck through in red and words added marked.
fn word_diff(ui: &egui::Ui, old: &str, new: &str) -> (LayoutJob, LayoutJob) {
    let font = egui::FontSelection::Default.resolve(ui.style());
    let ink = ui.visuals().text_color();
    let plain = TextFormat::simple(font, ink);
    let removed = TextFormat {
        strikethrough: egui::Stroke::new(1.0, Color32::from_rgb(0xb9, 0x1c, 0x1c)),
        color: Color32::from_rgb(0xb9, 0x1c, 0x1c),
        ..plain.clone()
    };
    let added = TextFormat {
        background: Color32::from_rgb(0x15, 0x80, 0x3d).gamma_multiply(0.25),
        ..plain.clone()
    };
    let (mut before, mut after) = (LayoutJob::default(), LayoutJob::default());
    before.wrap.max_width = ui.available_width();
    after.wrap.max_width = ui.available_width();
    let diff = similar::TextDiff::from_words(old, new);
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            similar::ChangeTag::Equal => {
                before.append(text, 0.0, plain.clone());
                after.append(text, 0.0, plain.clone());
            }
            similar::ChangeTag::Delete => before.append(text, 0.0, removed.clone()),
            similar::ChangeTag::Insert => after.append(text, 0.0, added.clone()),
        }
    }
    (before, after)
}
