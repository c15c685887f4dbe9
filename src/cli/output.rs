//! Output formats of the CLI commands.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::{ExtractFormat, SentenceFormat};
use crate::article::{Article, Format};
use crate::claims::Claim;
use crate::project::{Project, Verdict, sha256_hex};

#[derive(Serialize)]
struct ArticleMeta<'a> {
    title: &'a str,
    source_path: Option<String>,
    sha256: String,
    format: Format,
    encoding: &'a str,
    characters: usize,
}

#[derive(Serialize)]
struct ExtractJson<'a> {
    article: ArticleMeta<'a>,
    scorer: &'a str,
    claims: &'a [Claim],
}

pub fn extract(
    out: &mut dyn Write,
    article: &Article,
    claims: &[Claim],
    scorer: &str,
    format: ExtractFormat,
) -> Result<()> {
    match format {
        ExtractFormat::Json => {
            let doc = ExtractJson {
                article: ArticleMeta {
                    title: &article.title,
                    source_path: article
                        .source_path
                        .as_ref()
                        .map(|p| p.display().to_string()),
                    sha256: sha256_hex(&article.text),
                    format: article.format,
                    encoding: article.encoding,
                    characters: article.text.chars().count(),
                },
                scorer,
                claims,
            };
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            writeln!(out)?;
        }
        ExtractFormat::Tsv => {
            writeln!(out, "id\tstart\tend\tkind\tscore\tclaimant\ttext\treasons")?;
            for c in claims {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{:.3}\t{}\t{}\t{}",
                    c.id,
                    c.start,
                    c.end,
                    c.kind,
                    c.score,
                    tsv_cell(c.claimant.as_deref().unwrap_or("")),
                    tsv_cell(&c.text),
                    tsv_cell(&c.reasons.join("; "))
                )?;
            }
        }
        ExtractFormat::Text => {
            writeln!(out, "{} — {} claims", article.title, claims.len())?;
            for (i, c) in claims.iter().enumerate() {
                writeln!(
                    out,
                    "\n{:>3}. [{} · {:.2}] {}",
                    i + 1,
                    c.kind,
                    c.score,
                    c.text
                )?;
                if !c.reasons.is_empty() {
                    writeln!(out, "     {}", c.reasons.join(" · "))?;
                }
            }
        }
    }
    Ok(())
}

/// Tabs and line breaks inside a cell would break the row; they become spaces.
fn tsv_cell(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

pub fn sentences(out: &mut dyn Write, sentences: &[&str], format: SentenceFormat) -> Result<()> {
    match format {
        SentenceFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, sentences)?;
            writeln!(out)?;
        }
        SentenceFormat::Text => {
            for s in sentences {
                writeln!(out, "{}", s.replace('\n', " "))?;
            }
        }
    }
    Ok(())
}

pub fn show(out: &mut dyn Write, p: &Project) -> Result<()> {
    writeln!(out, "{}", p.article.title)?;
    if let Some(src) = &p.article.source_path {
        writeln!(out, "source: {src}")?;
    }
    writeln!(out, "sha256: {}", p.article.sha256)?;
    let (reviewed, total) = p.review_progress();
    writeln!(
        out,
        "claims: {} ({reviewed} of {total} reviewed)",
        p.claims.len()
    )?;
    for (verdict, n) in p.verdict_counts() {
        if n > 0 {
            writeln!(out, "  {:<16}{n}", verdict.name())?;
        }
    }
    writeln!(out)?;
    for (i, c) in p.claims.iter().enumerate() {
        let marker = if c.verdict == Verdict::NotAClaim {
            " (dismissed)"
        } else {
            ""
        };
        writeln!(
            out,
            "{:>3}. [{}]{marker} {}",
            i + 1,
            c.verdict,
            c.text.replace('\n', " ")
        )?;
        if let Some(who) = &c.claimant {
            writeln!(out, "     claimant: {who}")?;
        }
        for s in &c.sources {
            writeln!(out, "     source: {}", s.url)?;
        }
        if !c.note.is_empty() {
            writeln!(out, "     note: {}", c.note.replace('\n', " / "))?;
        }
    }
    Ok(())
}

pub fn cross_validation(
    out: &mut dyn Write,
    r: &crate::claims::train::CvReport,
    n: usize,
) -> Result<()> {
    use crate::claims::train::CvReport;
    writeln!(
        out,
        "{}-fold cross-validation by debate over {n} sentences (check-worthy class)",
        r.folds
    )?;
    writeln!(
        out,
        "{:<8}{:>8}{:>8}{:>11}{:>8}",
        "scorer", "AP", "F1", "precision", "recall"
    )?;
    for (name, m) in [
        ("model", CvReport::mean(&r.model)),
        ("rules", CvReport::mean(&r.rules)),
    ] {
        writeln!(
            out,
            "{name:<8}{:>8.3}{:>8.3}{:>11.3}{:>8.3}",
            m.average_precision, m.f1, m.precision, m.recall
        )?;
    }
    for (k, (m, rl)) in r.model.iter().zip(&r.rules).enumerate() {
        writeln!(
            out,
            "  fold {}: model AP {:.3} F1 {:.3} | rules AP {:.3} F1 {:.3}",
            k + 1,
            m.average_precision,
            m.f1,
            rl.average_precision,
            rl.f1
        )?;
    }
    Ok(())
}

/// `eval-claimants`: one line per article, then the totals. Attributed sentences (a
/// claimant labelled) and unattributed ones (`⟦-⟧`) are counted apart: the first is the
/// accuracy, the second how often a claimant is invented.
pub fn claimant_accuracy(
    out: &mut dyn Write,
    results: &[(
        std::path::PathBuf,
        Vec<crate::claims::attribution::eval::Outcome>,
    )],
    verbose: bool,
) -> Result<()> {
    let (mut right, mut total, mut invented, mut plain, mut unlisted) = (0, 0, 0, 0, 0);
    for (path, outcomes) in results {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let attributed: Vec<_> = outcomes.iter().filter(|o| !o.want.is_empty()).collect();
        let ok = attributed.iter().filter(|o| o.correct).count();
        writeln!(out, "{name}\t{ok}/{}", attributed.len())?;
        right += ok;
        total += attributed.len();
        unlisted += attributed.iter().filter(|o| !o.listed).count();
        for o in outcomes.iter().filter(|o| o.want.is_empty()) {
            plain += 1;
            invented += usize::from(!o.correct);
        }
        if verbose {
            for o in outcomes.iter().filter(|o| !o.correct) {
                let want = if o.want.is_empty() {
                    "-".to_string()
                } else {
                    o.want.join(" | ")
                };
                let got = match (&o.got, o.listed) {
                    (Some(g), _) => g.clone(),
                    (None, true) => "-".into(),
                    (None, false) => "(not listed)".into(),
                };
                writeln!(out, "  wrong: want {want}, got {got}: {}", o.sentence)?;
            }
        }
    }
    let percent = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    writeln!(
        out,
        "claimant accuracy: {right}/{total} = {:.1}% of attributed sentences ({unlisted} not listed)",
        percent(right, total)
    )?;
    writeln!(
        out,
        "claimant invented: {invented}/{plain} = {:.1}% of unattributed sentences",
        percent(invented, plain)
    )?;
    Ok(())
}
