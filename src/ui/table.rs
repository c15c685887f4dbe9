//! The claims table: filter bar and a virtualised, sortable egui_extras table.

use egui::{Align, Color32, RichText, Sense};
use egui_extras::{Column, TableBuilder};

use super::app::{App, Focus};
use super::document::{SortColumn, SortOrder};
use crate::project::{Scale, Verdict};

pub const ROW_HEIGHT: f32 = 22.0;

pub fn verdict_color(scale: &Scale, v: &Verdict) -> Color32 {
    let [r, g, b] = scale.color(v);
    Color32::from_rgb(r, g, b)
}

/// A coloured verdict chip.
pub fn verdict_chip(ui: &mut egui::Ui, scale: &Scale, v: &Verdict) -> egui::Response {
    egui::Frame::new()
        .fill(verdict_color(scale, v))
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(scale.name(v)).color(Color32::WHITE).small())
        })
        .inner
        .on_hover_text(&scale.def(v).description)
}

pub fn filter_bar(app: &mut App, ui: &mut egui::Ui) {
    let focus = app.focus;
    let Some(doc) = app.doc.as_mut() else { return };
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Search");
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut doc.filter.text)
                    .hint_text("words in claims, notes, claimants  ( / )")
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
        if focus == Some(Focus::Search) {
            search.request_focus();
            app.focus = None;
        }
        let label = match doc.filter.verdicts.as_slice() {
            [] => "All verdicts".to_string(),
            [one] => doc.project.scale.name(one).to_string(),
            many => format!("{} verdicts", many.len()),
        };
        egui::ComboBox::from_label("Verdict filter")
            .selected_text(label)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(doc.filter.verdicts.is_empty(), "All verdicts")
                    .clicked()
                {
                    doc.filter.verdicts.clear();
                }
                for d in &doc.project.scale.verdicts {
                    let v = d.verdict();
                    let mut on = doc.filter.verdicts.contains(&v);
                    if ui.checkbox(&mut on, &d.name).changed() {
                        if on {
                            doc.filter.verdicts.push(v);
                        } else {
                            doc.filter.verdicts.retain(|x| *x != v);
                        }
                    }
                }
            });
        ui.checkbox(&mut doc.filter.needs_source, "Needs a source")
            .on_hover_text("Claims that have no source yet");
        if ui
            .checkbox(&mut doc.filter.show_dismissed, "Show dismissed")
            .changed()
        {
            app.prefs.show_dismissed = doc.filter.show_dismissed;
        }
        let shown = doc.rows().len();
        ui.label(RichText::new(format!("{shown} of {} claims", doc.project.claims.len())).weak());
    });
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

pub fn claims_table(app: &mut App, ui: &mut egui::Ui) {
    let scroll = std::mem::take(&mut app.scroll_table);
    let Some(doc) = app.doc.as_mut() else { return };
    let selected_row = doc.selected_row();
    let rows = doc.rows().to_vec();
    let sort = doc.sort;
    let mut clicked: Option<String> = None;
    let mut sort_by: Option<SortColumn> = None;
    // Text in rows is not selectable, so a click anywhere on a row selects the claim.
    ui.style_mut().interaction.selectable_labels = false;
    let mut table = TableBuilder::new(ui)
        .id_salt("claims-table")
        .striped(true)
        .resizable(true)
        .sense(Sense::click())
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .column(Column::exact(40.0))
        .column(Column::remainder().at_least(200.0).clip(true))
        .column(Column::initial(86.0).at_least(60.0))
        .column(Column::initial(52.0).at_least(44.0))
        .column(Column::initial(124.0).at_least(90.0))
        .column(Column::initial(64.0).at_least(50.0))
        .column(Column::initial(44.0).at_least(36.0))
        .min_scrolled_height(0.0);
    if scroll && let Some(r) = selected_row {
        table = table.scroll_to_row(r, None);
    }
    table
        .header(24.0, |mut header| {
            for (title, column) in [
                ("#", SortColumn::Number),
                ("Claim", SortColumn::Text),
                ("Kind", SortColumn::Kind),
                ("Score", SortColumn::Score),
                ("Verdict", SortColumn::Verdict),
                ("Sources", SortColumn::Sources),
                ("Note", SortColumn::Note),
            ] {
                header.col(|ui| {
                    if header_button(ui, title, column, sort) {
                        sort_by = Some(column);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, rows.len(), |mut row| {
                let i = rows[row.index()];
                let c = &doc.project.claims[i];
                row.set_selected(selected_row == Some(row.index()));
                row.col(|ui| {
                    ui.label(RichText::new((i + 1).to_string()).weak());
                });
                row.col(|ui| {
                    let mut text = RichText::new(c.text.replace('\n', " "));
                    if c.is_dismissed() {
                        text = text.strikethrough().weak();
                    }
                    ui.add(egui::Label::new(text).truncate())
                        .on_hover_text(&c.text);
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
                    clicked = Some(c.id.clone());
                }
            });
        });
    if let Some(column) = sort_by {
        doc.toggle_sort(column);
    }
    if let Some(id) = clicked {
        doc.history.break_merge();
        doc.selected = Some(id);
        app.scroll_article = true;
        app.editor = Default::default();
    }
}
