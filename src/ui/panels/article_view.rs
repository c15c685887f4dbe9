//! The article with every claim highlighted in its verdict's colour. Click a highlight to
//! select its claim; select text to add a claim by hand. One read-only text field per
//! paragraph keeps selection precise, and only the paragraphs in view are laid out.

use std::ops::Range;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, FontSelection, Stroke};

use crate::project::ProjectClaim;
use crate::ui::command::{Command, SelectedFrom};
use crate::ui::document::{Document, Paragraph};
use crate::ui::widgets::verdict_color;

/// Claims overlapping a character range. Claims are kept in text order by start, so two
/// binary searches bound the candidates (no claim is longer than `MAX_CLAIM_CHARS`).
fn claims_in(
    claims: &[ProjectClaim],
    range: Range<usize>,
    show_dismissed: bool,
) -> Vec<&ProjectClaim> {
    const MAX_CLAIM_CHARS: usize = 20_000;
    let lo = claims.partition_point(|c| c.start < range.start.saturating_sub(MAX_CLAIM_CHARS));
    let hi = claims.partition_point(|c| c.start < range.end);
    claims[lo..hi.max(lo)]
        .iter()
        .filter(|c| c.end > range.start && c.end > c.start)
        .filter(|c| show_dismissed || !c.is_dismissed())
        .collect()
}

fn build_job(
    ui: &egui::Ui,
    text: &str,
    base: usize,
    claims: &[&ProjectClaim],
    scale: &crate::project::Scale,
    selected: Option<&str>,
    wrap: f32,
) -> LayoutJob {
    let font = FontSelection::Default.resolve(ui.style());
    let ink = ui.visuals().text_color();
    let plain = TextFormat::simple(font.clone(), ink);
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping::wrap_at_width(wrap),
        ..Default::default()
    };
    // Cut points where a highlight starts or ends, in characters local to this paragraph.
    let len = text.chars().count();
    let mut cuts = vec![0, len];
    for c in claims {
        cuts.push(c.start.saturating_sub(base).min(len));
        cuts.push(c.end.saturating_sub(base).min(len));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a == b {
            continue;
        }
        let piece = &text[byte_at[a]..byte_at[b]];
        // The innermost (latest starting) claim covering this piece decides its colour.
        let cover = claims
            .iter()
            .filter(|c| c.start <= base + a && c.end >= base + b)
            .max_by_key(|c| c.start);
        let format = match cover {
            Some(c) => {
                let is_selected = selected == Some(c.id.as_str());
                let color = verdict_color(scale, &c.verdict);
                let mut f = TextFormat {
                    background: color.gamma_multiply(if is_selected { 0.45 } else { 0.18 }),
                    ..plain.clone()
                };
                if is_selected {
                    f.underline = Stroke::new(2.0, color);
                }
                f
            }
            None => plain.clone(),
        };
        job.append(piece, 0.0, format);
    }
    job
}

/// The article view's own layout memory: each paragraph's height, estimated from its length
/// until it has been drawn once, and their running sums. With it only the paragraphs in view
/// are laid out, so a 20 MB article costs a frame what a short one does.
#[derive(Debug, Default)]
pub struct ArticleLayout {
    heights: Vec<f32>,
    /// `tops[k]` is the top of paragraph k; `tops[n]` the whole height.
    tops: Vec<f32>,
    width: f32,
}

impl ArticleLayout {
    /// Estimates the heights when the article or the width changed; returns whether it did.
    fn prepare(&mut self, ui: &egui::Ui, paras: &[Paragraph], width: f32) -> bool {
        if self.heights.len() == paras.len() && (self.width - width).abs() < 1.0 {
            return false;
        }
        let row = ui.text_style_height(&egui::TextStyle::Body);
        let spacing = ui.spacing().item_spacing.y;
        // An average character is about as wide as an "e" (plus word spaces): an estimate
        // until each paragraph is drawn and measured.
        let font = egui::FontSelection::Default.resolve(ui.style());
        let char_width = ui.fonts_mut(|f| f.glyph_width(&font, 'e')).max(row * 0.3);
        let per_line = (width / char_width).max(1.0);
        self.heights = paras
            .iter()
            .map(|p| match p.char_len {
                0 => EMPTY_LINE,
                n => (n as f32 / per_line).ceil() * row + spacing,
            })
            .collect();
        self.width = width;
        self.sum();
        true
    }

    fn sum(&mut self) {
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = 0.0;
        self.tops.push(y);
        for h in &self.heights {
            y += h;
            self.tops.push(y);
        }
    }
}

/// The space an empty line takes.
const EMPTY_LINE: f32 = 6.0;

/// The article with its highlights. `doc.paragraphs` must be filled (the window does it once
/// per document). Returns selection changes as commands; `layout` is the view's own memory.
/// Returns whether a requested scroll reached the selected claim (heights are estimates
/// until drawn, so the window asks again next frame when it did not).
pub fn article_view(
    ui: &mut egui::Ui,
    doc: &Document,
    layout: &mut ArticleLayout,
    scroll_to_selected: bool,
    current_selection: Option<(usize, usize)>,
    out: &mut Vec<Command>,
) -> bool {
    let mut reached = false;
    let selected = doc.selected.as_deref();
    let selected_span = doc.selected_claim().map(|c| (c.start, c.end));
    let paras = &doc.paragraphs;
    let width = ui.available_width() - ui.spacing().scroll.allocated_width();
    // A new width (the window or panel resized) moves every paragraph: keep the selected
    // claim in view.
    let scroll_to_selected = layout.prepare(ui, paras, width) || scroll_to_selected;
    let selected_para = selected_span
        .map(|(s, _)| paras.partition_point(|p| p.char_start + p.char_len < s))
        .filter(|&k| k < paras.len());
    let mut area = egui::ScrollArea::vertical()
        .id_salt("article-scroll")
        .auto_shrink(false);
    if scroll_to_selected && let Some(k) = selected_para {
        area = area.vertical_scroll_offset((layout.tops[k] - ui.available_height() * 0.3).max(0.0));
    }
    let text = &doc.project.article.text;
    let claims = &doc.project.claims;
    let scale = &doc.project.scale;
    let show_dismissed = doc.filter.show_dismissed;
    let mut select: Option<String> = None;
    let mut selection: Option<Option<(usize, usize)>> = None;
    let mut remeasured = false;
    area.show_viewport(ui, |ui, viewport| {
        let total = *layout.tops.last().unwrap_or(&0.0);
        let origin = ui.cursor().top();
        ui.set_height(total);
        let first = layout
            .tops
            .partition_point(|&y| y <= viewport.min.y)
            .saturating_sub(1)
            .min(paras.len().saturating_sub(1));
        let mut rect = ui.max_rect();
        rect.min.y = origin + layout.tops.get(first).copied().unwrap_or(0.0);
        ui.scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
            for (k, p) in paras.iter().enumerate().skip(first) {
                let top = ui.cursor().top();
                if top - origin > viewport.max.y {
                    break;
                }
                let para_text = &text[p.bytes.clone()];
                if para_text.trim().is_empty() {
                    ui.add_space(EMPTY_LINE);
                } else {
                    let here = claims_in(
                        claims,
                        p.char_start..p.char_start + p.char_len,
                        show_dismissed,
                    );
                    let base = p.char_start;
                    let mut layouter = |ui: &egui::Ui, buf: &dyn egui::TextBuffer, wrap: f32| {
                        let job = build_job(ui, buf.as_str(), base, &here, scale, selected, wrap);
                        ui.fonts_mut(|f| f.layout_job(job))
                    };
                    let mut s: &str = para_text;
                    let shown = egui::TextEdit::multiline(&mut s)
                        .id_salt(("article-paragraph", k))
                        .frame(egui::Frame::NONE)
                        .desired_width(f32::INFINITY)
                        .desired_rows(1)
                        .layouter(&mut layouter)
                        .show(ui);
                    if let Some(range) = shown.cursor_range {
                        let r = range.as_sorted_char_range();
                        if shown.response.clicked() && r.start == r.end {
                            let at = base + r.start.0;
                            if let Some(c) = here
                                .iter()
                                .filter(|c| c.start <= at && at < c.end)
                                .max_by_key(|c| c.start)
                            {
                                select = Some(c.id.clone());
                            }
                            selection = Some(None);
                        } else if r.start != r.end && shown.response.has_focus() {
                            selection = Some(Some((base + r.start.0, base + r.end.0)));
                        }
                    }
                    if scroll_to_selected
                        && selected_para == Some(k)
                        && let Some((s, _)) = selected_span
                    {
                        let local = CCursor::new(s.saturating_sub(p.char_start));
                        let at = shown
                            .galley
                            .pos_from_cursor(local)
                            .translate(shown.galley_pos.to_vec2());
                        ui.scroll_to_rect(at.expand(40.0), Some(Align::Center));
                        reached = !remeasured;
                    }
                }
                let measured = ui.cursor().top() - top;
                if (measured - layout.heights[k]).abs() > 0.5 {
                    layout.heights[k] = measured;
                    remeasured = true;
                }
            }
        });
    });
    if remeasured {
        layout.sum();
        ui.ctx().request_repaint();
    }
    if let Some(sel) = selection
        && sel != current_selection
    {
        out.push(Command::SetArticleSelection(sel));
    }
    if let Some(id) = select {
        out.push(Command::Select {
            id,
            from: SelectedFrom::Article,
        });
    }
    reached || selected_para.is_none()
}

/// A subtle colour legend, so highlights can be read without hovering.
pub fn legend(ui: &mut egui::Ui, scale: &crate::project::Scale) {
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Highlights:").weak());
        let shown = scale
            .verdicts
            .iter()
            .filter(|d| d.verdict() != crate::project::Verdict::NOT_A_CLAIM);
        for d in shown {
            // Swatch and name drawn as one widget, so a wrapped legend never parts them.
            let name = egui::WidgetText::from(d.name.as_str()).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            );
            let gap = ui.spacing().item_spacing.x;
            let size = egui::vec2(10.0 + gap + name.size().x, name.size().y);
            let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Label, true, d.name.as_str())
            });
            let swatch = egui::Rect::from_center_size(
                egui::pos2(rect.left() + 5.0, rect.center().y),
                egui::vec2(10.0, 10.0),
            );
            let text_color = ui.visuals().text_color();
            let painter = ui.painter();
            painter.rect_filled(swatch, 2.0, verdict_color(scale, &d.verdict()));
            painter.galley(
                egui::pos2(swatch.right() + gap, rect.top()),
                name,
                text_color,
            );
        }
    });
}
