//! `factdesk library add|list|stats|prune` and `factdesk match`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use crate::library::import::{self, Imported};
use crate::library::{AddOutcome, Library, default_dir};

#[derive(Args, Debug)]
pub struct LibraryArgs {
    #[command(subcommand)]
    pub action: LibraryAction,
    /// Library folder (default: $FACTDESK_LIBRARY, else `library` in the user's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub library: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum LibraryAction {
    /// Add or update checked claims: projects (*.factdesk.ron, every claim not Unreviewed),
    /// folders (recursively), ClaimReview JSON/JSON-LD/HTML, CSV/TSV with a `claim` column.
    Add {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// List every entry: id, verdict, origin, claim (tab-separated).
    List,
    /// Count the entries by kind.
    Stats,
    /// Remove entries whose project file is gone (reported first).
    Prune {
        /// Only report them.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Opens the library named by `--library`, else the default one.
pub fn open(dir: Option<&Path>) -> Result<Library> {
    let dir = match dir {
        Some(d) => d.to_path_buf(),
        None => default_dir().ok_or(crate::library::LibraryError::NoLocation)?,
    };
    Ok(Library::open(&dir)?)
}

pub fn run(args: LibraryArgs, out: &mut dyn Write) -> Result<()> {
    let library = open(args.library.as_deref())?;
    match args.action {
        LibraryAction::Add { paths } => add(&library, &paths, out),
        LibraryAction::List => {
            for e in library.entries()? {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    cell(&e.id),
                    cell(if e.verdict.is_empty() {
                        "-"
                    } else {
                        &e.verdict
                    }),
                    cell(&e.origin),
                    cell(&e.claim)
                )?;
            }
            Ok(())
        }
        LibraryAction::Stats => {
            let s = library.stats()?;
            writeln!(out, "library: {}", library.dir().display())?;
            writeln!(out, "entries: {}", s.entries)?;
            for (kind, n) in &s.by_kind {
                let name = match kind {
                    crate::library::EntryKind::Project => "from projects",
                    crate::library::EntryKind::ClaimReview => "from ClaimReview",
                    crate::library::EntryKind::Table => "from tables",
                };
                writeln!(out, "  {name}: {n}")?;
            }
            writeln!(out, "project files: {}", s.projects)?;
            writeln!(out, "index segments: {}", s.segments)?;
            Ok(())
        }
        LibraryAction::Prune { dry_run } => {
            let orphans = library.orphans()?;
            for e in &orphans {
                writeln!(
                    out,
                    "{} {}: project file {} is gone",
                    if dry_run { "would remove" } else { "removed" },
                    e.id,
                    e.project
                )?;
            }
            if !dry_run && !orphans.is_empty() {
                let keys: Vec<String> = orphans.iter().map(|e| e.key.clone()).collect();
                library.remove(&keys)?;
            }
            writeln!(
                out,
                "{} {} entries whose project file is gone; {} left",
                if dry_run { "would remove" } else { "removed" },
                orphans.len(),
                library.len()
            )?;
            Ok(())
        }
    }
}

fn add(library: &Library, paths: &[PathBuf], out: &mut dyn Write) -> Result<()> {
    for p in paths {
        if !p.exists() {
            bail!("{} does not exist", p.display());
        }
    }
    let Imported {
        entries,
        problems,
        files,
    } = import::read_paths(paths);
    let outcomes = library.add(entries)?;
    let mut counts = [0usize; 3];
    for (e, outcome) in &outcomes {
        let (word, i) = match outcome {
            AddOutcome::Added => ("added", 0),
            AddOutcome::Updated => ("updated", 1),
            AddOutcome::Unchanged => ("unchanged", 2),
        };
        counts[i] += 1;
        writeln!(out, "{word} {}: {}", e.id, short(&e.claim))?;
    }
    for p in &problems {
        writeln!(out, "skipped {p}")?;
    }
    writeln!(
        out,
        "{} files read: {} added, {} updated, {} unchanged, {} skipped; {} entries in {}",
        files,
        counts[0],
        counts[1],
        counts[2],
        problems.len(),
        library.len(),
        library.dir().display()
    )?;
    if outcomes.is_empty() && !problems.is_empty() {
        bail!("nothing could be added (see the skipped lines above)");
    }
    Ok(())
}

/// `factdesk match`: one JSON object per input line (or per claim of a project).
pub fn match_command(
    file: Option<&Path>,
    library: Option<&Path>,
    top: usize,
    out: &mut dyn Write,
) -> Result<()> {
    let path = file.unwrap_or(Path::new("-"));
    let is_project = import::file_kind(path) == Some(import::FileKind::Project);
    let (texts, ids): (Vec<String>, Vec<Option<String>>) = if is_project {
        let loaded = crate::project::storage::load(path)?;
        loaded
            .project
            .claims
            .iter()
            .map(|c| (c.text.clone(), Some(c.id.clone())))
            .unzip()
    } else {
        let text = super::read_line_input(path)?;
        text.lines().map(|l| (l.to_string(), None)).unzip()
    };
    let library = open(library)?;
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    // A project's claims are in the library themselves once it was saved or added: neither
    // a claim's own entry nor a sibling of the same article is an earlier check, so the
    // project's entries are left out (and as many more fetched, up to 50).
    let own = is_project.then(|| import::project::project_key(path));
    let extra = match &own {
        Some(own) => library.entries_of_project(own)?.len().min(50),
        None => 0,
    };
    let mut matches = library.match_claims(&refs, top + extra)?;
    for found in matches.iter_mut() {
        if let Some(own) = &own {
            found.retain(|m| m.entry.project != *own);
        }
        found.truncate(top);
    }
    for ((text, claim_id), matches) in texts.iter().zip(&ids).zip(&matches) {
        let line = MatchLine {
            text,
            claim_id: claim_id.as_deref(),
            matches,
        };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    }
    Ok(())
}

/// One output line of `factdesk match`, fields in this order.
#[derive(serde::Serialize)]
struct MatchLine<'a> {
    text: &'a str,
    /// The project's claim id, when matching a project.
    #[serde(skip_serializing_if = "Option::is_none")]
    claim_id: Option<&'a str>,
    matches: &'a [crate::matching::Match],
}

/// `train-matcher`: fit on train, report dev, write the weights.
pub fn train_matcher(data: &Path, output: &Path, out: &mut dyn Write) -> Result<()> {
    let tmp = tempfile::tempdir()?;
    let library = crate::matching::train::verified_library(data, tmp.path())?;
    let train = crate::matching::train::split(&library, data, "train")?;
    let dev = crate::matching::train::split(&library, data, "dev")?;
    let model = crate::matching::train::fit(&train);
    crate::project::storage::write_atomic(
        output,
        model.to_json().as_bytes(),
        |f, b| f.write_all(b),
        false,
    )?;
    let fitted = crate::matching::train::evaluate(&model, &train, crate::matching::LIKELY_SAME);
    eprintln!(
        "factdesk: trained on {} queries (MAP@5 on them {:.4}, BM25 {:.4}), wrote {}",
        train.queries.len(),
        fitted.map5_reranked,
        fitted.map5_bm25,
        output.display()
    );
    report(&model, &dev, out)
}

/// `eval-matcher`: MAP@5 on dev of plain BM25 and of the shipped re-ranker.
pub fn eval_matcher(data: &Path, out: &mut dyn Write) -> Result<()> {
    let tmp = tempfile::tempdir()?;
    let library = crate::matching::train::verified_library(data, tmp.path())?;
    let dev = crate::matching::train::split(&library, data, "dev")?;
    report(&crate::matching::Reranker::shipped(), &dev, out)
}

fn report(
    model: &crate::matching::Reranker,
    dev: &crate::matching::train::Split,
    out: &mut dyn Write,
) -> Result<()> {
    let e = crate::matching::train::evaluate(model, dev, crate::matching::LIKELY_SAME);
    writeln!(out, "dev queries: {}", e.queries)?;
    writeln!(out, "MAP@5 BM25:       {:.4}", e.map5_bm25)?;
    writeln!(out, "MAP@5 re-ranked:  {:.4}", e.map5_reranked)?;
    writeln!(
        out,
        "first match scored >= {}: precision {:.3}, recall {:.3}",
        e.threshold, e.precision_at_threshold, e.recall_at_threshold
    )?;
    writeln!(
        out,
        "threshold sweep (first match scored >= t: precision, recall):"
    )?;
    for t in [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] {
        let e = crate::matching::train::evaluate(model, dev, t);
        writeln!(
            out,
            "  {t:.1}  {:.3}  {:.3}",
            e.precision_at_threshold, e.recall_at_threshold
        )?;
    }
    writeln!(out, "calibration (mean score, share right, candidates):")?;
    for (p, rate, n) in e.calibration {
        writeln!(out, "  {p:.3}  {rate:.3}  {n}")?;
    }
    Ok(())
}

fn cell(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn short(s: &str) -> String {
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(79).collect::<String>())
    } else {
        s.to_string()
    }
}
