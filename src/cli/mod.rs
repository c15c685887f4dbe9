//! The headless front end: the same core as the window, for scripts and tests.
//!
//! Contract: results go to stdout, diagnostics to stderr, and any error exits non-zero.
//! `-` as a file name reads standard input.

mod output;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

use crate::article;
use crate::claims::ClaimFinder;
use crate::project::{Project, storage};
use crate::report::{self, ReportFormat, ReportScope};

#[derive(Parser, Debug)]
#[command(
    name = "factdesk",
    version,
    about = "Find the checkable claims in an article and keep your fact-check work on them.",
    long_about = "Find the checkable claims in an article and keep your fact-check work on them.\n\n\
                  With no subcommand, opens the workbench window on FILE (an article or a \
                  *.factdesk.ron project), or on the bundled sample article.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Article or project to open in the window.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List the checkable claims of an article.
    Extract {
        /// Article file (.txt, .md, .html), or - for stdin.
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
        /// Score with the hand-set rules instead of the learned model.
        #[arg(long)]
        rules_only: bool,
    },
    /// Print an article's sentences.
    Sentences {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = SentenceFormat::Json)]
        format: SentenceFormat,
    },
    /// Create a project file from an article, with its claims found and unreviewed.
    New {
        article: PathBuf,
        /// Project file to write (default: ARTICLE's name with .factdesk.ron, next to it;
        /// stdout when the article is read from stdin).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace an existing project file.
        #[arg(long)]
        force: bool,
    },
    /// Summarise a project: counts by verdict, then its claims.
    Show { project: PathBuf },
    /// Score sentences, one per line: prints one JSON object per input line.
    Score {
        /// File with one sentence per line, or - for stdin (the default).
        file: Option<PathBuf>,
        #[arg(long)]
        rules_only: bool,
    },
    /// Train the check-worthiness model (writes assets/scorer.bin by default).
    #[command(hide = true)]
    TrainScorer {
        #[arg(long, default_value = DEFAULT_TRAINING_DATA)]
        data: PathBuf,
        #[arg(short, long, default_value = "assets/scorer.bin")]
        output: PathBuf,
    },
    /// Cross-validate the model against the rule score, split by debate.
    #[command(hide = true)]
    EvalScorer {
        #[arg(long, default_value = DEFAULT_TRAINING_DATA)]
        data: PathBuf,
        #[arg(long, default_value_t = 5)]
        folds: usize,
    },
    /// Claimant accuracy on hand-labelled articles: every *.txt in DIR, with a ⟦claimant⟧
    /// label after each labelled sentence (see tests/eval/claimants/README.md).
    #[command(hide = true)]
    EvalClaimants {
        dir: PathBuf,
        /// Also print every labelled sentence whose claimant is wrong.
        #[arg(long)]
        verbose: bool,
    },
    /// Export a project as a report for readers.
    Report {
        project: PathBuf,
        #[arg(long, value_enum)]
        format: ReportFormat,
        /// File to write (default: stdout).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// Where the ClaimBuster training data sits next to this repository.
pub const DEFAULT_TRAINING_DATA: &str = "../shared/data/claimbuster/crowdsourced.csv";

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Json,
    Tsv,
    Text,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum SentenceFormat {
    Json,
    Text,
}

/// Runs a subcommand, writing results to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::Extract {
            file,
            format,
            rules_only,
        } => {
            let article = article::load_path(&file)?;
            let finder = if rules_only {
                ClaimFinder::rules()
            } else {
                ClaimFinder::default()
            };
            let claims = finder.find(&article.text);
            output::extract(out, &article, &claims, finder.scorer_name(), format)
        }
        Command::Sentences { file, format } => {
            let article = article::load_path(&file)?;
            let sentences = crate::segment::sentence_texts(&article.text);
            output::sentences(out, &sentences, format)
        }
        Command::New {
            article: path,
            output,
            force,
        } => new_project(&path, output, force, out),
        Command::Show { project } => {
            let loaded = storage::load(&project)?;
            for w in &loaded.warnings {
                eprintln!("factdesk: warning: {w}");
            }
            output::show(out, &loaded.project)
        }
        Command::Score { file, rules_only } => {
            let finder = if rules_only {
                ClaimFinder::rules()
            } else {
                ClaimFinder::default()
            };
            score_lines(&finder, file.as_deref().unwrap_or(Path::new("-")), out)
        }
        Command::TrainScorer { data, output } => {
            let examples = crate::claims::train::read_claimbuster(&data)?;
            let model = crate::claims::train::train_all(&examples, &Default::default());
            storage::write_atomic(&output, &model.to_bytes(), |f, b| f.write_all(b), false)?;
            eprintln!(
                "factdesk: trained on {} sentences, wrote {}",
                examples.len(),
                output.display()
            );
            Ok(())
        }
        Command::EvalScorer { data, folds } => {
            let examples = crate::claims::train::read_claimbuster(&data)?;
            let report =
                crate::claims::train::cross_validate(&examples, folds, &Default::default());
            output::cross_validation(out, &report, examples.len())
        }
        Command::EvalClaimants { dir, verbose } => {
            let results =
                crate::claims::attribution::eval::evaluate_dir(&ClaimFinder::default(), &dir)?;
            output::claimant_accuracy(out, &results, verbose)
        }
        Command::Report {
            project,
            format,
            output,
        } => {
            let loaded = storage::load(&project)?;
            for w in &loaded.warnings {
                eprintln!("factdesk: warning: {w}");
            }
            let text = report::render(&loaded.project, format, &ReportScope::default())?;
            match output {
                Some(path) if path.as_os_str() != "-" => {
                    storage::write_atomic(&path, text.as_bytes(), |f, b| f.write_all(b), false)?;
                    eprintln!(
                        "factdesk: wrote {} report to {}",
                        format.label(),
                        path.display()
                    );
                }
                _ => out.write_all(text.as_bytes())?,
            }
            Ok(())
        }
    }
}

fn new_project(
    path: &Path,
    output: Option<PathBuf>,
    force: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let article = article::load_path(path)?;
    let project = Project::from_article(&article, &ClaimFinder::default());
    let from_stdin = path.as_os_str() == "-";
    let target = match output {
        Some(p) if p.as_os_str() == "-" => None,
        Some(p) => Some(p),
        None if from_stdin => None,
        None => Some(default_project_path(path)),
    };
    let Some(target) = target else {
        out.write_all(storage::to_ron(&project)?.as_bytes())?;
        return Ok(());
    };
    if target.exists() && !force {
        bail!(
            "{} already exists; pass --force to replace it (the old file is kept as .bak)",
            target.display()
        );
    }
    storage::save(&target, &project).with_context(|| format!("writing {}", target.display()))?;
    eprintln!(
        "factdesk: wrote {} claims to {}",
        project.claims.len(),
        target.display()
    );
    Ok(())
}

/// One JSON object per input line, in order; an empty line gives a (not checkable) result
/// too, so output lines match input lines.
fn score_lines(finder: &ClaimFinder, path: &Path, out: &mut dyn Write) -> Result<()> {
    let text = if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut s)
            .context("reading stdin")?;
        s
    } else {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        crate::article::decode_text(&bytes)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
            .0
    };
    for line in text.lines() {
        let a = finder.assess(line);
        let empty = line.trim().is_empty();
        let obj = serde_json::json!({
            "text": line,
            "score": if empty { 0.0 } else { (a.score * 10_000.0).round() / 10_000.0 },
            "checkable": a.checkable,
            "kind": a.kind,
            "reasons": if empty { Vec::new() } else { a.reasons },
        });
        serde_json::to_writer(&mut *out, &obj)?;
        writeln!(out)?;
    }
    Ok(())
}

/// `articles/talks.txt` → `articles/talks.factdesk.ron`.
pub fn default_project_path(article: &Path) -> PathBuf {
    let stem = article
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "article".into());
    article.with_file_name(format!("{stem}.{}", storage::EXTENSION))
}
