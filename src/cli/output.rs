//! Output formats of the CLI commands.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::claims_json::{self, pretty_inside};
use super::{ExtractFormat, SentenceFormat};
use crate::article::{Article, Format};
use crate::claims::{Claim, ClaimFinder, join_reasons};
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

impl<'a> ArticleMeta<'a> {
    fn of(article: &'a Article) -> Self {
        ArticleMeta {
            title: &article.title,
            source_path: article
                .source_path
                .as_ref()
                .map(|p| p.display().to_string()),
            sha256: sha256_hex(&article.text),
            format: article.format,
            encoding: article.encoding,
            characters: article.text.chars().count(),
        }
    }
}

/// The `extract` JSON document, as one value: what [`extract`] writes, piece by piece.
#[cfg(test)]
#[derive(Serialize)]
struct ExtractJson<'a> {
    article: ArticleMeta<'a>,
    scorer: &'a str,
    claims: &'a [Claim],
}

/// Finds the claims of `article` and writes them out as they are found: JSON and TSV
/// part by part, rendered on the finding threads, so a large article's claims are never
/// all held at once and writing costs little time of its own; the text list says its
/// count first, so it waits for all of them.
pub fn extract(
    out: &mut dyn Write,
    article: &Article,
    finder: &ClaimFinder,
    format: ExtractFormat,
) -> Result<()> {
    // Many small pieces go out: a large buffer of a known type turns them into inlined
    // copies instead of a call through `dyn Write` each.
    let mut out = std::io::BufWriter::with_capacity(1 << 18, out);
    let text = &article.text;
    match format {
        ExtractFormat::Json => std::thread::scope(|scope| {
            // The article's SHA-256 and length take a pass over all of it: made beside the
            // finding instead of before it, and written out when the first claims are.
            let meta = scope.spawn(|| ArticleMeta::of(article));
            let mut meta = Some(meta);
            let mut head = |out: &mut dyn Write| -> Result<()> {
                let Some(meta) = meta.take() else {
                    return Ok(());
                };
                let meta = meta.join().expect("the article's details never panic");
                // The same bytes as pretty-printing `ExtractJson` whole (a test holds
                // them to it).
                out.write_all(b"{\n  \"article\": ")?;
                meta.serialize(&mut pretty_inside(&mut *out, 1))?;
                out.write_all(b",\n  \"scorer\": ")?;
                serde_json::to_writer(&mut *out, finder.scorer_name())?;
                out.write_all(b",\n  \"claims\": [")?;
                Ok(())
            };
            let mut any = false;
            stream(finder, text, &json_claims, &mut |bytes| {
                head(&mut out)?;
                // Every claim comes with a comma before it: all but the first need one.
                out.write_all(if any { bytes } else { &bytes[1..] })?;
                any = true;
                Ok(())
            })?;
            head(&mut out)?;
            out.write_all(if any { b"\n  ]\n}\n" } else { b"]\n}\n" })?;
            Ok::<_, anyhow::Error>(())
        })?,
        ExtractFormat::Tsv => {
            writeln!(out, "id\tstart\tend\tkind\tscore\tclaimant\ttext\treasons")?;
            stream(finder, text, &tsv_rows, &mut |bytes| {
                Ok(out.write_all(bytes)?)
            })?;
        }
        ExtractFormat::Text => {
            let claims = finder.find(text);
            let plural = if claims.len() == 1 { "" } else { "s" };
            writeln!(out, "{} — {} claim{plural}", article.title, claims.len())?;
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
            // The process ends next (`extract` is the binary's): freeing a large article's
            // hundreds of thousands of small strings one by one would only delay the exit.
            std::mem::forget(claims);
        }
    }
    out.flush()?;
    Ok(())
}

/// Finds the claims of `text`, renders each part with `render` on the finding threads and
/// hands the parts that have claims to `write` in order; stops at the first error.
fn stream(
    finder: &ClaimFinder,
    text: &str,
    render: &(dyn Fn(Vec<Claim>) -> Result<Vec<u8>> + Sync),
    write: &mut dyn FnMut(&[u8]) -> Result<()>,
) -> Result<()> {
    let mut failed = None;
    finder.find_streamed(text, render, &mut |rendered| {
        let written = rendered.and_then(|bytes| match bytes.is_empty() {
            true => Ok(()),
            false => write(&bytes),
        });
        written.map_err(|e| failed = Some(e)).is_ok()
    });
    failed.map_or(Ok(()), Err)
}

/// One part's claims as elements of the document's "claims" array, each after a comma.
fn json_claims(claims: Vec<Claim>) -> Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(claims.len() * 1024);
    claims_json::write_claims(&mut bytes, &claims)?;
    Ok(bytes)
}

/// One part's claims as TSV rows.
fn tsv_rows(claims: Vec<Claim>) -> Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(claims.len() * 512);
    for c in &claims {
        writeln!(
            bytes,
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
    Ok(bytes)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        crate::article::from_bytes(Some(std::path::Path::new("a.txt")), text.as_bytes())
            .expect("test articles load")
    }

    fn written(article: &Article, finder: &ClaimFinder, format: ExtractFormat) -> String {
        let mut out = Vec::new();
        extract(&mut out, article, finder, format).expect("writing to memory");
        String::from_utf8(out).expect("UTF-8 output")
    }

    /// Articles with no claim, one part, and many parts on several threads (above the
    /// finder's parallel threshold), with text that JSON must escape.
    fn articles() -> Vec<Article> {
        let sample = include_str!("../../assets/berlin-talks.txt");
        let escapes = "The \"fund\" grew 5%\tto $2 million in 2024, \\ said Ana Ruiz.\n\n";
        vec![
            article("Hello there.\n"),
            article(sample),
            article(&format!("{escapes}{}", sample.repeat(30))),
        ]
    }

    #[test]
    fn streamed_json_is_the_whole_document_pretty_printed() {
        let finder = ClaimFinder::default();
        for article in articles() {
            let claims = finder.find(&article.text);
            let whole = ExtractJson {
                article: ArticleMeta::of(&article),
                scorer: finder.scorer_name(),
                claims: &claims,
            };
            let expected = serde_json::to_string_pretty(&whole).expect("serialises") + "\n";
            assert_eq!(written(&article, &finder, ExtractFormat::Json), expected);
        }
    }

    #[test]
    fn streamed_tsv_has_every_claim_in_text_order() {
        let finder = ClaimFinder::default();
        for article in articles() {
            let claims = finder.find(&article.text);
            let tsv = written(&article, &finder, ExtractFormat::Tsv);
            let ids: Vec<&str> = tsv
                .lines()
                .skip(1)
                .map(|row| row.split('\t').next().expect("an id column"))
                .collect();
            let expected: Vec<&str> = claims.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(ids, expected);
        }
    }

    /// A writer that fails once it has taken `room` bytes.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if buf.len() > self.room {
                return Err(std::io::Error::other("disk full"));
            }
            self.room -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failing_output_stops_with_its_error() {
        let finder = ClaimFinder::default();
        let big = articles().pop().expect("three articles");
        for format in [ExtractFormat::Json, ExtractFormat::Tsv, ExtractFormat::Text] {
            let err = extract(&mut Full { room: 1000 }, &big, &finder, format)
                .expect_err("the output fills up");
            assert!(err.to_string().contains("disk full"), "{err}");
        }
    }
}
