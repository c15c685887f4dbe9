//! Earlier checks of the selected claim from the claim library: verdict, text, origin,
//! date, score and why they match, each reusable as one undoable edit.

use egui::RichText;

use crate::matching::Match;
use crate::ui::command::Command;
use crate::ui::command_table::UiCommand;

/// Matches below this score are not shown: they share words, not the claim.
const SHOW_FROM: f64 = 0.2;

pub fn earlier_checks(ui: &mut egui::Ui, matches: &[Match], out: &mut Vec<Command>) {
    let shown: Vec<(usize, &Match)> = matches
        .iter()
        .enumerate()
        .filter(|(_, m)| m.score >= SHOW_FROM)
        .collect();
    if shown.is_empty() {
        return;
    }
    ui.add_space(4.0);
    egui::CollapsingHeader::new(format!("Earlier checks ({})", shown.len()))
        .id_salt("earlier-checks")
        .default_open(true)
        .show(ui, |ui| {
            for (k, m) in shown {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        let verdict = if m.verdict.is_empty() {
                            "no verdict"
                        } else {
                            &m.verdict
                        };
                        ui.label(RichText::new(verdict).strong());
                        let likely = if m.is_likely_same() {
                            "likely the same claim"
                        } else {
                            "possibly related"
                        };
                        ui.label(
                            RichText::new(format!("{:.0}% · {likely}", m.score * 100.0))
                                .small()
                                .weak(),
                        );
                    });
                    ui.label(&m.claim);
                    let mut origin = m.origin.clone();
                    if !m.date.is_empty() {
                        origin.push_str(&format!(" · {}", m.date));
                    }
                    ui.label(RichText::new(origin).small().weak());
                    if !m.why.is_empty() {
                        let why: Vec<String> = m.why.iter().map(ToString::to_string).collect();
                        ui.label(RichText::new(why.join(" · ")).small());
                    }
                    ui.horizontal(|ui| {
                        let reuse = if k == 0 {
                            format!("Reuse  {}", UiCommand::ReuseMatch.hint(ui.ctx()))
                        } else {
                            "Reuse".to_string()
                        };
                        if ui
                            .button(reuse)
                            .on_hover_text("Take its verdict and sources, and cite it in the note")
                            .clicked()
                        {
                            out.push(Command::ReuseMatch(k));
                        }
                        let open = if m.entry.project.is_empty() {
                            "Open the fact-check"
                        } else {
                            "Open its project"
                        };
                        if (!m.entry.project.is_empty() || !m.url.is_empty())
                            && ui.button(open).clicked()
                        {
                            out.push(Command::OpenMatch(k));
                        }
                    });
                });
            }
        });
}
