//! The claims table: filter bar and a virtualised, sortable egui_extras table. Reads the
//! document; returns commands (select, sort, filter).

use egui::{Align, RichText, Sense};
use egui_extras::{Column, TableBuilder};

use super::Focus;
use crate::project::{Scale, Verdict};
use crate::ui::command::{Command, SelectedFrom};
use crate::ui::command_table::UiCommand;
use crate::ui::document::{Document, SortColumn, SortOrder};
use crate::ui::widgets::verdict_chip;

pub const ROW_HEIGHT: f32 = 22.0;

/// Columns other than the claim: (title, column, width). The claim column takes what is left,
/// so the table fits a 1024-pixel window; below `MIN_CLAIM_WIDTH` it scrolls sideways instead.
const COLUMNS: [(&str, SortColumn, f32); 7] = [
    ("#", SortColumn::Number, 36.0),
    ("Claim", SortColumn::Text, 0.0),
    ("Kind", SortColumn::Kind, 78.0),
    ("Score", SortColumn::Score, 48.0),
    ("Verdict", SortColumn::Verdict, 112.0),
    ("Sources", SortColumn::Sources, 56.0),
    ("Note", SortColumn::Note, 40.0),
];
const MIN_CLAIM_WIDTH: f32 = 160.0;

pub fn filter_bar(ui: &mut egui::Ui, doc: &Document, focus: Option<Focus>, out: &mut Vec<Command>) {
    let mut filter = doc.filter.clone();
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Search");
        let hint = format!(
            "claims, notes, claimants  {}",
            UiCommand::FocusSearch.hint(ui.ctx())
        );
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut filter.text)
                    .hint_text(hint)
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
        if focus == Some(Focus::Search) {
            search.request_focus();
        }
        verdict_filter(ui, &doc.project.scale, &mut filter.verdicts);
        if !doc.checked_before.is_empty() || filter.checked_before {
            ui.checkbox(
                &mut filter.checked_before,
                format!("Checked before ({})", doc.checked_before.len()),
            )
            .on_hover_text("Claims the claim library has likely seen checked before");
        }
        let recheck = doc.summary().recheck;
        if recheck > 0 || filter.needs_recheck {
            ui.checkbox(&mut filter.needs_recheck, format!("Re-check ({recheck})"))
                .on_hover_text("Claims whose wording changed since they were checked");
        }
        ui.checkbox(&mut filter.needs_source, "Needs a source")
            .on_hover_text("Claims that have no source yet");
        ui.checkbox(&mut filter.show_dismissed, "Show dismissed");
        if doc.sort.is_some()
            && ui
                .button("Document order")
                .on_hover_text("List the claims in the order of the article")
                .clicked()
        {
            out.push(Command::Ui(UiCommand::DocumentOrder));
        }
        if doc.sort.is_none()
            && ui
                .button("Rank by score")
                .on_hover_text("Most check-worthy first")
                .clicked()
        {
            out.push(Command::SortBy(SortColumn::Score));
        }
        let shown = doc.cached_rows().len();
        // One piece: when the bar wraps, the count moves to the next line whole.
        let count = format!("{shown} of {} claims", doc.project.claims.len());
        ui.add(egui::Label::new(RichText::new(count).weak()).wrap_mode(egui::TextWrapMode::Extend));
    });
    if filter != doc.filter {
        out.push(Command::SetFilter(filter));
    }
}

/// A drop-down of verdict checkboxes. Tall enough for the whole list, so "All verdicts" is never
/// scrolled out of sight.
fn verdict_filter(ui: &mut egui::Ui, scale: &Scale, verdicts: &mut Vec<Verdict>) {
    let label = match verdicts.as_slice() {
        [] => "All verdicts".to_string(),
        [one] => scale.name(one).to_string(),
        many => format!("{} verdicts", many.len()),
    };
    // The label before its box, as the search field's is ("Verdicts" [All verdicts ▾]).
    let name = ui.label("Verdicts");
    let combo = egui::ComboBox::from_id_salt("verdict filter")
        .selected_text(label)
        .height(f32::INFINITY)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(verdicts.is_empty(), "All verdicts")
                .clicked()
            {
                verdicts.clear();
            }
            for d in &scale.verdicts {
                let v = d.verdict();
                let mut on = verdicts.contains(&v);
                if ui.checkbox(&mut on, &d.name).changed() {
                    if on {
                        verdicts.push(v);
                    } else {
                        verdicts.retain(|x| *x != v);
                    }
                }
            }
        });
    let _ = combo.response.labelled_by(name.id);
}

fn header_button(
    ui: &mut egui::Ui,
    title: &str,
    column: SortColumn,
    sort: Option<(SortColumn, SortOrder)>,
) -> bool {
    let order = sort.filter(|(c, _)| *c == column).map(|(_, o)| o);
    let clicked = ui
        .add(egui::Button::new(RichText::new(title).strong()).frame(false))
        .on_hover_text(format!("Sort by {}", title.to_lowercase()))
        .clicked();
    if let Some(order) = order {
        // A painted triangle: the bundled fonts have no arrow glyphs.
        let (rect, _) = ui.allocate_exact_size(egui::vec2(8.0, 8.0), Sense::hover());
        let c = rect.center();
        let (tip, base) = match order {
            SortOrder::Ascending => (-3.5, 3.5),
            SortOrder::Descending => (3.5, -3.5),
        };
        let points = vec![
            egui::pos2(c.x, c.y + tip),
            egui::pos2(c.x - 4.0, c.y + base),
            egui::pos2(c.x + 4.0, c.y + base),
        ];
        ui.painter().add(egui::Shape::convex_polygon(
            points,
            ui.visuals().text_color(),
            egui::Stroke::NONE,
        ));
    }
    clicked
}

pub fn claims_table(
    ui: &mut egui::Ui,
    doc: &Document,
    scroll_to_selected: bool,
    out: &mut Vec<Command>,
) {
    let fixed: f32 = COLUMNS.iter().map(|c| c.2).sum::<f32>()
        + ui.spacing().item_spacing.x * COLUMNS.len() as f32;
    let needed = fixed + MIN_CLAIM_WIDTH;
    if ui.available_width() >= needed {
        table(ui, doc, scroll_to_selected, out);
    } else {
        egui::ScrollArea::horizontal()
            .id_salt("claims-table-hscroll")
            .show(ui, |ui| {
                ui.set_min_width(needed);
                table(ui, doc, scroll_to_selected, out);
            });
    }
}

fn table(ui: &mut egui::Ui, doc: &Document, scroll_to_selected: bool, out: &mut Vec<Command>) {
    let rows = doc.cached_rows();
    let selected_row = doc.cached_selected_row();
    let sort = doc.sort;
    // Text in rows is not selectable, so a click anywhere on a row selects the claim.
    ui.style_mut().interaction.selectable_labels = false;
    let mut builder = TableBuilder::new(ui)
        .id_salt("claims-table")
        .striped(true)
        .resizable(false)
        .sense(Sense::click())
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .min_scrolled_height(0.0);
    for (_, column, width) in COLUMNS {
        builder = builder.column(if column == SortColumn::Text {
            Column::remainder().at_least(MIN_CLAIM_WIDTH).clip(true)
        } else {
            Column::exact(width)
        });
    }
    if scroll_to_selected && let Some(r) = selected_row {
        builder = builder.scroll_to_row(r, None);
    }
    let mut sort_by = None;
    builder
        .header(24.0, |mut header| {
            for (title, column, _) in COLUMNS {
                header.col(|ui| {
                    if header_button(ui, title, column, sort) {
                        sort_by = Some(column);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, rows.len(), |mut row| {
                let c = &doc.project.claims[rows[row.index()]];
                row.set_selected(selected_row == Some(row.index()));
                row.col(|ui| {
                    ui.label(RichText::new(doc.number(&c.id).to_string()).weak());
                });
                row.col(|ui| {
                    if doc.checked_before.contains(&c.id) {
                        ui.label(
                            RichText::new("checked before")
                                .small()
                                .color(egui::Color32::from_rgb(0x25, 0x63, 0xeb)),
                        )
                        .on_hover_text(
                            "An earlier check of this claim is in the library: see the editor",
                        );
                    }
                    if let Some((tag, why)) = tag(c) {
                        ui.label(RichText::new(tag).small().color(ui.visuals().warn_fg_color))
                            .on_hover_text(why);
                    }
                    let mut text = RichText::new(c.text.replace('\n', " "));
                    if c.is_dismissed() {
                        text = text.strikethrough().weak();
                    }
                    // A cut label shows the whole text on hover by itself (egui), once.
                    ui.add(egui::Label::new(text).truncate());
                });
                row.col(|ui| {
                    ui.label(c.kind.name());
                });
                row.col(|ui| {
                    ui.label(format!("{:.2}", c.score))
                        .on_hover_text(c.reasons.join("\n"));
                });
                row.col(|ui| {
                    verdict_chip(ui, &doc.project.scale, &c.verdict);
                });
                row.col(|ui| {
                    let n = c.sources.len();
                    let label = if n == 0 {
                        RichText::new("0").weak()
                    } else {
                        RichText::new(n.to_string())
                    };
                    ui.label(label);
                });
                row.col(|ui| {
                    if !c.note.trim().is_empty() {
                        ui.label("•").on_hover_text(&c.note);
                    }
                });
                if row.response().clicked() {
                    out.push(Command::Select {
                        id: c.id.clone(),
                        from: SelectedFrom::Table,
                    });
                }
            });
        });
    if let Some(column) = sort_by {
        out.push(Command::SortBy(column));
    }
}

/// A short tag for claims that need attention before their verdict can be trusted.
fn tag(c: &crate::project::ProjectClaim) -> Option<(&'static str, &'static str)> {
    if !c.conflicts.is_empty() {
        Some((
            "conflict",
            "Two people changed this claim differently: settle it in the editor",
        ))
    } else if !c.has_span() {
        Some(("orphaned", "Not in the current article: kept with its work"))
    } else if c.recheck {
        Some(("re-check", "The wording changed since it was checked"))
    } else {
        None
    }
}
