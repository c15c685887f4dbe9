//! Output formats of the CLI commands.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::{ExtractFormat, SentenceFormat};
use crate::article::{Article, Format};
use crate::claims::{Claim, join_reasons};
use crate::project::{Project, sha256_hex};

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
            // serde_json writes many small pieces; a large buffer of a known type here
            // turns them into inlined copies instead of a call through `dyn Write` each.
            let mut buffered = std::io::BufWriter::with_capacity(1 << 18, &mut *out);
            serde_json::to_writer_pretty(&mut buffered, &doc)?;
            writeln!(buffered)?;
            buffered.flush()?;
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
                    tsv_cell(&join_reasons(&c.reasons, "; "))
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
                    writeln!(out, "     {}", join_reasons(&c.reasons, " · "))?;
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
    let dismissed = p.claims.len() - total;
    if dismissed == 0 {
        writeln!(out, "claims: {total} ({reviewed} of {total} reviewed)")?;
    } else {
        // The counts must add up: dismissed claims are not checked, so say them apart.
        writeln!(
            out,
            "claims: {} ({dismissed} dismissed; {reviewed} of the other {total} reviewed)",
            p.claims.len()
        )?;
    }
    for (verdict, n) in p.verdict_counts() {
        if n > 0 {
            writeln!(out, "  {:<16}{n}", p.verdict_name(&verdict))?;
        }
    }
    let conflicts = p.conflict_count();
    if conflicts > 0 {
        writeln!(
            out,
            "conflicts: {conflicts} (left by a merge; both values kept)"
        )?;
        for c in &p.conflicts {
            write_conflict(out, "  ", c)?;
        }
    }
    writeln!(out)?;
    for (i, c) in p.claims.iter().enumerate() {
        let marker = if c.is_dismissed() { " (dismissed)" } else { "" };
        writeln!(
            out,
            "{:>3}. [{}]{marker} {}",
            i + 1,
            p.verdict_name(&c.verdict),
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
        if let Some(r) = c.revision {
            writeln!(
                out,
                "     revision: {}{}",
                r.name(),
                if c.recheck { " (re-check)" } else { "" }
            )?;
        }
        if let Some(previous) = c.previous_text.as_ref().filter(|p| **p != c.text) {
            writeln!(out, "     previous text: {}", previous.replace('\n', " "))?;
        }
        for conflict in &c.conflicts {
            write_conflict(out, "     ", conflict)?;
        }
    }
    Ok(())
}

fn write_conflict(out: &mut dyn Write, indent: &str, c: &crate::project::Conflict) -> Result<()> {
    let one_line = |s: &str| s.replace('\n', " / ");
    writeln!(
        out,
        "{indent}conflict in {}: ours “{}” | theirs “{}”",
        c.field,
        one_line(&c.ours),
        one_line(&c.theirs)
    )?;
    Ok(())
}

#[cfg(feature = "train")]
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
    let l = &r.listing;
    let shares = |out: &mut dyn Write, label: &str, s: &crate::claims::train::Shares| {
        writeln!(
            out,
            "{label:<34}{:>9.3}{:>9.3}{:>9.3}",
            s.check_worthy, s.unimportant, s.non_factual
        )
    };
    writeln!(
        out,
        "listed share by verdict (held-out scores){:>2}{:>9}{:>9}{:>9}",
        "", "V1", "V0", "V-1"
    )?;
    shares(out, "  rules alone (strong signals)", &l.rules_only)?;
    shares(
        out,
        &format!("  rules or model >= {:.3} (shipped)", l.shipped.0),
        &l.shipped.1,
    )?;
    match &l.chosen {
        Some((t, s)) => shares(out, &format!("  rules or model >= {t:.3} (97% of V1)"), s)?,
        None => writeln!(out, "  no threshold lists 97% of V1")?,
    }
    let [q1, q0, qn] = l.questions_with_figure;
    writeln!(
        out,
        "questions with a figure: {q1} V1, {q0} V0, {qn} V-1 (questions are not listed)"
    )?;
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

pub fn scales(out: &mut dyn Write) -> Result<()> {
    use crate::project::scale::{PRESET_NAMES, preset};
    for (i, name) in PRESET_NAMES.iter().enumerate() {
        let scale = preset(name).expect("a preset");
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{name}: {}", scale.name)?;
        for d in &scale.verdicts {
            let key = d.hotkey.map(String::from).unwrap_or_else(|| " ".into());
            let published = match &d.rating {
                None => "not published".to_string(),
                Some(r) => match (r.value, r.best) {
                    (Some(v), Some(b)) => format!("rating {v} of {b}"),
                    _ => "conclusion, no rating".to_string(),
                },
            };
            writeln!(
                out,
                "  {key}  {:<16}{:<24}{}",
                d.name, published, d.description
            )?;
        }
    }
    writeln!(
        out,
        "\nfactdesk new ARTICLE --scale NAME uses one; a custom scale is a RON file like `factdesk scales --ron factdesk` prints."
    )?;
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
