//! The article with every claim highlighted in its verdict's colour. Click a highlight to
//! select its claim; select text to add a claim by hand. One read-only text field per
//! paragraph keeps layout cheap and selection precise.

use std::ops::Range;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, FontSelection, Stroke};

use super::app::App;
use super::table::verdict_color;
use crate::project::ProjectClaim;

/// Articles with more paragraphs than this show a window of paragraphs around the selected
/// claim, so a 20 MB article scrolls as smoothly as a short one.
pub const MAX_PARAGRAPHS_SHOWN: usize = 400;

/// A line of the article text, with its byte range and first character offset.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub bytes: Range<usize>,
    pub char_start: usize,
    pub char_len: usize,
}

/// Splits the article into lines once per document.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let (mut byte, mut chars) = (0usize, 0usize);
    for line in text.split('\n') {
        let n = line.chars().count();
        out.push(Paragraph {
            bytes: byte..byte + line.len(),
            char_start: chars,
            char_len: n,
        });
        byte += line.len() + 1;
        chars += n + 1;
    }
    out
}

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

pub fn article_view(app: &mut App, ui: &mut egui::Ui) {
    let scroll = std::mem::take(&mut app.scroll_article);
    let Some(doc) = app.doc.as_mut() else { return };
    if doc.paragraphs.is_empty() {
        doc.paragraphs = paragraphs(&doc.project.article.text);
    }
    let selected = doc.selected.clone();
    let selected_span = selected
        .as_deref()
        .and_then(|id| doc.project.claim(id))
        .map(|c| (c.start, c.end));
    let paras = &doc.paragraphs;
    let window = if paras.len() <= MAX_PARAGRAPHS_SHOWN {
        0..paras.len()
    } else {
        let at = selected_span.map_or(0, |(s, _)| {
            paras.partition_point(|p| p.char_start + p.char_len < s)
        });
        let start = at.saturating_sub(MAX_PARAGRAPHS_SHOWN / 2);
        start..(start + MAX_PARAGRAPHS_SHOWN).min(paras.len())
    };
    let text = &doc.project.article.text;
    let claims = &doc.project.claims;
    let scale = &doc.project.scale;
    let show_dismissed = doc.filter.show_dismissed;
    let mut select: Option<String> = None;
    let mut selection: Option<Option<(usize, usize)>> = None;
    egui::ScrollArea::vertical()
        .id_salt("article-scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            if window.start > 0 {
                ui.label(
                    egui::RichText::new(format!(
                        "… {} earlier paragraphs (select a claim there to show them)",
                        window.start
                    ))
                    .weak(),
                );
            }
            for k in window.clone() {
                let p = &paras[k];
                let para_text = &text[p.bytes.clone()];
                if para_text.trim().is_empty() {
                    ui.add_space(6.0);
                    continue;
                }
                let here = claims_in(
                    claims,
                    p.char_start..p.char_start + p.char_len,
                    show_dismissed,
                );
                let base = p.char_start;
                let sel = selected.as_deref();
                let mut layouter = |ui: &egui::Ui, buf: &dyn egui::TextBuffer, wrap: f32| {
                    let job = build_job(ui, buf.as_str(), base, &here, scale, sel, wrap);
                    ui.fonts_mut(|f| f.layout_job(job))
                };
                let mut s: &str = para_text;
                let out = egui::TextEdit::multiline(&mut s)
                    .id_salt(("article-paragraph", k))
                    .frame(egui::Frame::NONE)
                    .desired_width(f32::INFINITY)
                    .desired_rows(1)
                    .layouter(&mut layouter)
                    .show(ui);
                if let Some(range) = out.cursor_range {
                    let r = range.as_sorted_char_range();
                    if out.response.clicked() && r.start == r.end {
                        let at = base + r.start.0;
                        if let Some(c) = here
                            .iter()
                            .filter(|c| c.start <= at && at < c.end)
                            .max_by_key(|c| c.start)
                        {
                            select = Some(c.id.clone());
                        }
                        selection = Some(None);
                    } else if r.start != r.end && out.response.has_focus() {
                        selection = Some(Some((base + r.start.0, base + r.end.0)));
                    }
                }
                if scroll
                    && let Some((s, _)) = selected_span
                    && s >= p.char_start
                    && s <= p.char_start + p.char_len
                {
                    let local = CCursor::new(s - p.char_start);
                    let rect = out
                        .galley
                        .pos_from_cursor(local)
                        .translate(out.galley_pos.to_vec2());
                    ui.scroll_to_rect(rect.expand(40.0), Some(Align::Center));
                }
            }
            if window.end < paras.len() {
                ui.label(
                    egui::RichText::new(format!("… {} later paragraphs", paras.len() - window.end))
                        .weak(),
                );
            }
        });
    if let Some(sel) = selection {
        app.article_selection = sel;
    }
    if let Some(id) = select {
        doc.history.break_merge();
        doc.selected = Some(id);
        app.scroll_table = true;
        app.editor = Default::default();
    }
}

/// A subtle colour legend, so highlights can be read without hovering.
pub fn legend(ui: &mut egui::Ui, scale: &crate::project::Scale) {
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Highlights:").weak().small());
        let shown = scale
            .verdicts
            .iter()
            .filter(|d| d.verdict() != crate::project::Verdict::NOT_A_CLAIM);
        for d in shown {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(rect, 2.0, verdict_color(scale, &d.verdict()));
            ui.label(egui::RichText::new(&d.name).small());
        }
    });
}
