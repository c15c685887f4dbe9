//! The claim editor: the selected claim's text, claimant, verdict, sources and note.
//! Every change is returned as a [`Command::Apply`] of an [`Edit`]; the window applies it
//! through the document's history. The editor keeps only its own drafts (a URL being typed).

use egui::{Color32, RichText};

use super::Focus;
use crate::project::edit::Edit;
use crate::project::links::web_url;
use crate::project::{Source, now};
use crate::ui::command::Command;
use crate::ui::command_table::UiCommand;
use crate::ui::document::Document;
use crate::ui::widgets::verdict_color;

/// What the editor is typing that is not an edit yet. Reset when the selection changes.
#[derive(Debug, Default)]
pub struct EditorDrafts {
    pub new_url: String,
    pub new_title: String,
    pub url_error: Option<String>,
    /// Source being edited: (index, url, title).
    pub editing_source: Option<(usize, String, String)>,
    /// A merge conflict being resolved by hand.
    pub conflict: super::claim_status::ConflictDraft,
}

pub fn claim_editor(
    ui: &mut egui::Ui,
    doc: &Document,
    matches: &[crate::matching::Match],
    drafts: &mut EditorDrafts,
    focus: Option<Focus>,
    out: &mut Vec<Command>,
) {
    let Some(claim) = doc.selected_claim() else {
        ui.label(RichText::new("Select a claim in the table or the article.").weak());
        return;
    };
    let scale = &doc.project.scale;
    let position = doc.cached_selected_row().map(|r| r + 1);
    let total = doc.cached_rows().len();
    let mut edits: Vec<Edit> = Vec::new();
    let id = claim.id.clone();
    let ctx = ui.ctx().clone();

    egui::ScrollArea::vertical()
        .id_salt("editor-scroll")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(match position {
                    Some(p) => format!("Claim {p} of {total}"),
                    None => "Claim (hidden by filter)".to_string(),
                });
                ui.label(RichText::new(format!("#{}", doc.number(&claim.id))).weak());
            });
            ui.add_space(4.0);
            super::claim_status::claim_status(ui, claim, &mut drafts.conflict, out);
            ui.label(RichText::new(&claim.text).size(15.0));
            super::earlier_checks::earlier_checks(ui, matches, out);
            ui.add_space(2.0);
            ui.label(
                RichText::new(format!(
                    "{} · check-worthiness {:.2}{}",
                    claim.kind,
                    claim.score,
                    if claim.origin == crate::project::Origin::Manual {
                        " · added by hand"
                    } else {
                        ""
                    }
                ))
                .weak(),
            );
            // Body size: the reasons are why the claim is listed, read while judging it.
            if !claim.reasons.is_empty() {
                ui.label(RichText::new(claim.reasons.join(" · ")).weak());
            }
            ui.separator();

            // Claimant.
            ui.horizontal(|ui| {
                let label = ui.label("Claimant");
                let mut claimant = claim.claimant.clone().unwrap_or_default();
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut claimant)
                            .hint_text("Who made the claim")
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                // A long name runs past the field: the whole of it on hover.
                let r = match claim.claimant.as_deref() {
                    Some(full) if !r.has_focus() => r.on_hover_text(full),
                    _ => r,
                };
                if r.changed() {
                    let value = (!claimant.trim().is_empty()).then_some(claimant);
                    edits.push(Edit::SetClaimant {
                        id: id.clone(),
                        claimant: value,
                    });
                }
            });

            // Verdict buttons with their hotkeys.
            ui.add_space(4.0);
            ui.label(RichText::new("Verdict").strong());
            ui.horizontal_wrapped(|ui| {
                for d in &scale.verdicts {
                    let v = d.verdict();
                    let selected = claim.verdict == v;
                    let key = hotkey_text(&ctx, d.hotkey);
                    let text = RichText::new(format!("{key} {}", d.name));
                    let text = if selected {
                        text.color(Color32::WHITE)
                    } else {
                        text
                    };
                    let mut button = egui::Button::new(text).selected(selected);
                    if selected {
                        button = button.fill(verdict_color(scale, &v));
                    }
                    if ui.add(button).on_hover_text(&d.description).clicked() && !selected {
                        edits.push(Edit::SetVerdict {
                            id: id.clone(),
                            verdict: v,
                        });
                    }
                }
            });

            // Sources.
            ui.add_space(6.0);
            ui.label(RichText::new(format!("Sources ({})", claim.sources.len())).strong());
            let mut remove: Option<usize> = None;
            for (k, source) in claim.sources.iter().enumerate() {
                let editing = drafts
                    .editing_source
                    .as_ref()
                    .is_some_and(|(i, _, _)| *i == k);
                if editing {
                    let (_, url, title) = drafts.editing_source.as_mut().expect("editing");
                    ui.add(
                        egui::TextEdit::singleline(url)
                            .hint_text("Source URL")
                            .desired_width(f32::INFINITY),
                    );
                    ui.add(
                        egui::TextEdit::singleline(title)
                            .hint_text("Source title (optional)")
                            .desired_width(f32::INFINITY),
                    );
                    let valid = web_url(url);
                    if let Err(e) = &valid {
                        ui.colored_label(ui.visuals().error_fg_color, e.to_string());
                    }
                    let (save, cancel) = ui
                        .horizontal(|ui| {
                            (
                                ui.add_enabled(valid.is_ok(), egui::Button::new("Save source"))
                                    .clicked(),
                                ui.button("Cancel").clicked(),
                            )
                        })
                        .inner;
                    if save && let Ok(u) = &valid {
                        let title = title.trim();
                        edits.push(Edit::SetSource {
                            id: id.clone(),
                            index: k,
                            source: Source {
                                url: u.to_string(),
                                title: (!title.is_empty()).then(|| title.to_string()),
                                added: source.added,
                            },
                        });
                    }
                    if save || cancel {
                        drafts.editing_source = None;
                    }
                    continue;
                }
                ui.horizontal(|ui| {
                    let label = source
                        .title
                        .clone()
                        .filter(|t| !t.trim().is_empty())
                        .unwrap_or_else(|| source.url.clone());
                    match web_url(&source.url) {
                        Ok(url) => {
                            ui.hyperlink_to(label, url.as_str())
                                .on_hover_text(url.as_str());
                        }
                        Err(_) => {
                            ui.label(RichText::new(label).color(ui.visuals().error_fg_color))
                                .on_hover_text("Not a valid http(s) link");
                        }
                    }
                    if ui
                        .small_button("Edit")
                        .on_hover_text("Edit this source")
                        .clicked()
                    {
                        drafts.editing_source = Some((
                            k,
                            source.url.clone(),
                            source.title.clone().unwrap_or_default(),
                        ));
                    }
                    if ui
                        .small_button("Remove")
                        .on_hover_text("Remove this source")
                        .clicked()
                    {
                        remove = Some(k);
                    }
                });
            }
            if let Some(k) = remove {
                edits.push(Edit::RemoveSource {
                    id: id.clone(),
                    index: k,
                });
            }
            let url_label = ui.label("New source URL");
            let url_field = ui
                .add(
                    egui::TextEdit::singleline(&mut drafts.new_url)
                        .hint_text(format!(
                            "https://…  {}",
                            UiCommand::FocusNewSource.hint(&ctx)
                        ))
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(url_label.id);
            if focus == Some(Focus::NewSourceUrl) {
                url_field.request_focus();
            }
            if url_field.changed() {
                drafts.url_error = None;
            }
            let title_label = ui.label("Source title");
            ui.add(
                egui::TextEdit::singleline(&mut drafts.new_title)
                    .hint_text("optional")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(title_label.id);
            let submitted = url_field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Add source").clicked() || (submitted && !drafts.new_url.trim().is_empty())
            {
                match web_url(&drafts.new_url) {
                    Ok(url) => {
                        let title = drafts.new_title.trim();
                        edits.push(Edit::AddSource {
                            id: id.clone(),
                            source: Source {
                                url: url.to_string(),
                                title: (!title.is_empty()).then(|| title.to_string()),
                                added: now(),
                            },
                        });
                        drafts.new_url.clear();
                        drafts.new_title.clear();
                        drafts.url_error = None;
                    }
                    Err(e) => drafts.url_error = Some(format!("Not added: {e}")),
                }
            }
            if let Some(err) = &drafts.url_error {
                ui.colored_label(ui.visuals().error_fg_color, err);
            }

            // Note.
            ui.add_space(6.0);
            let note_label = ui.label(RichText::new("Note").strong());
            let mut note = claim.note.clone();
            let r = ui
                .add(
                    egui::TextEdit::multiline(&mut note)
                        .hint_text(format!(
                            "What you found, and how  {}",
                            UiCommand::FocusNote.hint(&ctx)
                        ))
                        .desired_rows(5)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(note_label.id);
            if focus == Some(Focus::Note) {
                r.request_focus();
            }
            if r.changed() {
                edits.push(Edit::SetNote {
                    id: id.clone(),
                    note,
                });
            }

            ui.add_space(8.0);
            let label = if claim.is_dismissed() {
                "Restore claim".to_string()
            } else {
                format!(
                    "Dismiss: not a claim  {}",
                    UiCommand::DismissClaim.hint(&ctx)
                )
            };
            if ui.button(label).clicked() {
                out.push(Command::Ui(UiCommand::DismissClaim));
            }
        });

    out.extend(edits.into_iter().map(Command::Apply));
}

/// A verdict's key as the command table writes it ("3"), or the scale's own key.
fn hotkey_text(ctx: &egui::Context, hotkey: Option<char>) -> String {
    match hotkey.and_then(|c| c.to_digit(10)) {
        Some(n @ 1..=9) => UiCommand::SetVerdict(n as u8)
            .shortcut_text(ctx)
            .unwrap_or_default(),
        _ => hotkey.map(String::from).unwrap_or_default(),
    }
}
