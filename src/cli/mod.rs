//! The headless front end: the same core as the window, for scripts and tests.
//!
//! Contract: results go to stdout, diagnostics to stderr, and any error exits non-zero.
//! `-` as a file name reads standard input.

mod claims_json;
mod formats;
mod library;
mod output;

pub use library::{LibraryAction, LibraryArgs};

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

use crate::article;
use crate::claims::ClaimFinder;
use crate::project::disk::{OnDisk, SavePolicy, lock};
use crate::project::{Project, merge, revise, scale, storage};
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
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
        /// Score with the hand-set rules instead of the learned model.
        #[arg(long)]
        rules_only: bool,
    },
    /// Print an article's sentences.
    Sentences {
        /// Article file (.txt, .md, .html), or - for stdin.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SentenceFormat::Json)]
        format: SentenceFormat,
    },
    /// Create a project file from an article, with its claims found and unreviewed.
    New {
        /// Article file (.txt, .md, .html), or - for stdin.
        article: PathBuf,
        /// Project file to write (default: ARTICLE's name with .factdesk.ron, next to it;
        /// stdout when the article is read from stdin).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace an existing project file (written atomically; the old one kept as .bak).
        #[arg(long)]
        force: bool,
        /// Verdict scale: a preset (factdesk, politifact, fullfact; see `factdesk scales`)
        /// or the path of a custom scale file (RON).
        #[arg(long, default_value = "factdesk")]
        scale: String,
    },
    /// List the preset verdict scales with their verdicts.
    Scales {
        /// Print this preset as a scale file (RON), a starting point for a custom scale.
        #[arg(long, value_name = "NAME")]
        ron: Option<String>,
    },
    /// Summarise a project: counts by verdict, conflicts, then its claims.
    Show {
        /// Project file (*.factdesk.ron).
        project: PathBuf,
    },
    /// Update a project to a new version of its article: each claim ends unchanged, changed
    /// (flagged for re-check), orphaned (kept, no place in the text) or new.
    Revise {
        /// The project file.
        project: PathBuf,
        /// The article's new version (.txt, .md, .html).
        new_article: PathBuf,
        /// Where to write the revised project (default: over PROJECT, keeping a .bak, and
        /// only if nobody changed PROJECT while this ran; an existing OUT is replaced,
        /// keeping a .bak; - for stdout).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Three-way merge of two people's work on one project, by claim id and field by field
    /// (a git merge driver: `factdesk merge %O %A %B`). Exit status 0: merged cleanly;
    /// 1: merged with conflicts recorded in the project (`show` lists them); 2: error,
    /// nothing written.
    Merge {
        /// The common ancestor (git's %O).
        base: PathBuf,
        /// Our version (git's %A); written with the result unless -o is given.
        ours: PathBuf,
        /// Their version (git's %B).
        theirs: PathBuf,
        /// Where to write the merged project (default: over OURS, only if unchanged since it
        /// was read, no .bak; an existing OUT is replaced; - for stdout).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Score sentences, one per line: prints one JSON object per input line.
    Score {
        /// File with one sentence per line, or - for stdin (the default).
        file: Option<PathBuf>,
        /// Score with the hand-set rules instead of the learned model.
        #[arg(long)]
        rules_only: bool,
    },
    /// Train the check-worthiness model (writes assets/scorer.bin by default).
    #[cfg(feature = "train")]
    #[command(hide = true)]
    TrainScorer {
        #[arg(long, default_value = DEFAULT_TRAINING_DATA)]
        data: PathBuf,
        #[arg(short, long, default_value = "assets/scorer.bin")]
        output: PathBuf,
    },
    /// Cross-validate the model against the rule score, split by debate.
    #[cfg(feature = "train")]
    #[command(hide = true)]
    EvalScorer {
        #[arg(long, default_value = DEFAULT_TRAINING_DATA)]
        data: PathBuf,
        #[arg(long, default_value_t = 5)]
        folds: usize,
        /// Training passes over the data (default: the shipped model's).
        #[arg(long)]
        epochs: Option<usize>,
        /// Adagrad learning rate (default: the shipped model's).
        #[arg(long)]
        learning_rate: Option<f32>,
        /// Weight of check-worthy examples (default: the shipped model's).
        #[arg(long)]
        positive_weight: Option<f32>,
        /// Also write each sentence's verdict, rule verdict and held-out probability (TSV).
        #[arg(long)]
        held_out: Option<PathBuf>,
    },
    /// Measure listing on a labelled set (tests/eval/listing): recall of claims, furniture
    /// listed by mistake, captions.
    #[command(hide = true)]
    EvalListing {
        /// Folder of labelled `.tsv` articles.
        #[arg(default_value = "tests/eval/listing")]
        dir: PathBuf,
        /// Print every paragraph the finder got wrong.
        #[arg(long)]
        verbose: bool,
    },
    /// Keep checked claims (your projects', published fact-checks) in a searchable library.
    Library(LibraryArgs),
    /// Find earlier checks of claims: one JSON object per input line (or per project claim).
    Match {
        /// File with one claim per line, a *.factdesk.ron project, or - for stdin (default).
        file: Option<PathBuf>,
        /// Library folder (default: $FACTDESK_LIBRARY, else the user's data folder).
        #[arg(long, value_name = "DIR")]
        library: Option<PathBuf>,
        /// Matches per claim, best first.
        #[arg(long, default_value_t = 5)]
        top: usize,
    },
    /// Train the claim-matching re-ranker (writes assets/matcher.json by default).
    #[command(hide = true)]
    TrainMatcher {
        #[arg(long, default_value = DEFAULT_MATCHING_DATA)]
        data: PathBuf,
        #[arg(short, long, default_value = "assets/matcher.json")]
        output: PathBuf,
    },
    /// MAP@5 of plain BM25 and of the shipped re-ranker on the CLEF 2020 dev queries.
    #[command(hide = true)]
    EvalMatcher {
        #[arg(long, default_value = DEFAULT_MATCHING_DATA)]
        data: PathBuf,
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
        /// Project file (*.factdesk.ron).
        project: PathBuf,
        /// Report format.
        #[arg(long, value_enum)]
        format: ReportFormat,
        /// File to write (default: stdout). An existing file is replaced only with --force,
        /// and never when it is a project.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace an existing report file (the old one is kept as .bak).
        #[arg(long)]
        force: bool,
    },
}

/// Where the ClaimBuster training data sits next to this repository.
#[cfg(feature = "train")]
pub const DEFAULT_TRAINING_DATA: &str = "../shared/data/claimbuster/crowdsourced.csv";

/// Where the CLEF 2020 CheckThat! claim-matching data sits next to this repository.
pub const DEFAULT_MATCHING_DATA: &str = "../shared/data/claim-matching";

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// The article's details and every claim with span, kind, score, reasons and claimant.
    Json,
    /// One claim per line, tab-separated, with a header row.
    Tsv,
    /// A numbered list for reading.
    Text,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum SentenceFormat {
    /// An array of trimmed sentence strings.
    Json,
    /// One sentence per line.
    Text,
}

/// Is `word` a subcommand (or clap's `help`)?
pub fn is_subcommand(word: &str) -> bool {
    let command = <Cli as clap::CommandFactory>::command();
    word == "help" || command.get_subcommands().any(|c| c.get_name() == word)
}

/// Why `factdesk FILE` cannot open FILE in the window, said before any window opens: a
/// misspelled subcommand (`factdesk exract a.txt`) gets "did you mean", a missing file says so.
pub fn not_openable(file: &Path) -> Option<String> {
    if file.exists() {
        return None;
    }
    let word = file.to_string_lossy();
    let command = <Cli as clap::CommandFactory>::command();
    let closest = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .map(|name| (strsim::jaro_winkler(&word, &name), name))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match closest {
        Some((similarity, name)) if similarity > 0.8 && !word.contains(['/', '.']) => {
            Some(format!(
                "unrecognized subcommand '{word}'; did you mean '{name}'? (see `factdesk --help`)"
            ))
        }
        _ => Some(format!(
            "{word}: no such file (and not a subcommand; see `factdesk --help`)"
        )),
    }
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
            output::extract(out, &article, &finder, format)
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
            scale,
        } => new_project(&path, output, force, &scale, out),
        Command::Scales { ron } => match ron {
            Some(name) => {
                let scale = scale::preset(&name).ok_or(scale::ScaleError::Unknown(name))?;
                out.write_all(scale::to_ron(&scale).as_bytes())?;
                writeln!(out)?;
                Ok(())
            }
            None => output::scales(out),
        },
        Command::Show { project } => {
            let loaded = storage::load(&project)?;
            for w in &loaded.warnings {
                eprintln!("factdesk: warning: {w}");
            }
            output::show(out, &loaded.project)
        }
        Command::Revise {
            project,
            new_article,
            output,
        } => revise_project(&project, &new_article, output, out),
        Command::Merge {
            base,
            ours,
            theirs,
            output,
        } => merge_projects(&base, &ours, &theirs, output, out),
        Command::Score { file, rules_only } => {
            let finder = if rules_only {
                ClaimFinder::rules()
            } else {
                ClaimFinder::default()
            };
            score_lines(&finder, file.as_deref().unwrap_or(Path::new("-")), out)
        }
        #[cfg(feature = "train")]
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
        #[cfg(feature = "train")]
        Command::EvalScorer {
            data,
            folds,
            epochs,
            learning_rate,
            positive_weight,
            held_out,
        } => {
            let examples = crate::claims::train::read_claimbuster(&data)?;
            let shipped = crate::claims::train::TrainConfig::default();
            let config = crate::claims::train::TrainConfig {
                epochs: epochs.unwrap_or(shipped.epochs),
                learning_rate: learning_rate.unwrap_or(shipped.learning_rate),
                positive_weight: positive_weight.unwrap_or(shipped.positive_weight),
                ..shipped
            };
            let report = crate::claims::train::cross_validate(&examples, folds, &config);
            if let Some(path) = held_out {
                let mut file = std::io::BufWriter::new(
                    std::fs::File::create(&path)
                        .with_context(|| format!("cannot create {}", path.display()))?,
                );
                crate::claims::train::write_held_out(&mut file, &examples, &report)?;
                file.flush()?;
            }
            output::cross_validation(out, &report, examples.len())
        }
        Command::Library(args) => library::run(args, out),
        Command::Match { file, library, top } => {
            library::match_command(file.as_deref(), library.as_deref(), top, out)
        }
        Command::TrainMatcher { data, output } => library::train_matcher(&data, &output, out),
        Command::EvalMatcher { data } => library::eval_matcher(&data, out),
        Command::EvalListing { dir, verbose } => eval_listing(&dir, verbose, out),
        Command::EvalClaimants { dir, verbose } => {
            let results =
                crate::claims::attribution::eval::evaluate_dir(&ClaimFinder::default(), &dir)?;
            output::claimant_accuracy(out, &results, verbose)
        }
        Command::Report {
            project,
            format,
            output,
            force,
        } => {
            let loaded = storage::load(&project)?;
            for w in &loaded.warnings {
                eprintln!("factdesk: warning: {w}");
            }
            let text = report::render(&loaded.project, format, &ReportScope::default())?;
            match output {
                Some(path) if path.as_os_str() != "-" => {
                    if let Some(why) = storage::report_target_problem(&path, &project, force) {
                        bail!(why);
                    }
                    storage::write_atomic(&path, text.as_bytes(), |f, b| f.write_all(b), true)?;
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
    scale_name: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let scale = scale::resolve(scale_name)?;
    let article = article::load_path(path)?;
    let mut project = Project::from_article(&article, &ClaimFinder::default());
    project.scale = scale;
    let from_stdin = path.as_os_str() == "-";
    let target = match output {
        Some(p) if p.as_os_str() == "-" => None,
        Some(p) => Some(p),
        None if from_stdin => None,
        None => Some(storage::default_project_path(path)),
    };
    let Some(target) = target else {
        let text = storage::to_ron(&project)?;
        storage::check_size(Path::new("-"), text.len())?;
        out.write_all(text.as_bytes())?;
        return Ok(());
    };
    if target.exists() && !force {
        bail!(
            "{} already exists; pass --force to replace it (the old file is kept as .bak)",
            target.display()
        );
    }
    note_open_elsewhere(&target);
    storage::save(&target, &project)?;
    eprintln!(
        "factdesk: wrote {} claims to {}",
        project.claims.len(),
        target.display()
    );
    Ok(())
}

fn revise_project(
    path: &Path,
    new_article: &Path,
    output: Option<PathBuf>,
    out: &mut dyn Write,
) -> Result<()> {
    let (loaded, mut disk) = OnDisk::open(path)?;
    warn_all(&loaded.warnings);
    let article = article::load_path(new_article)?;
    let found = ClaimFinder::default().find(&article.text);
    let mut project = loaded.project;
    let summary = project.apply_revision(revise::revise(&project, &article, found));
    let target = output.unwrap_or_else(|| path.to_path_buf());
    let to_stdout = target.as_os_str() == "-";
    if !to_stdout && same_file(&target, path) {
        // Written back over the project read: only if nobody wrote it meanwhile.
        note_open_elsewhere(&target);
        disk.save(&project, SavePolicy::IfUnchanged)?;
        eprintln!("factdesk: wrote {}", target.display());
    } else {
        if !to_stdout {
            note_open_elsewhere(&target);
        }
        write_project(&project, target, out)?;
    }
    if to_stdout {
        eprintln!("factdesk: {}", summary.message());
    } else {
        writeln!(out, "{}", summary.message())?;
    }
    Ok(())
}

/// How a command ends when "error" (exit 1) is not the whole story: `merge` exits 1 when it
/// recorded conflicts (not an error) and 2 on errors, as git expects of a merge driver.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Exit {
    pub code: u8,
    pub message: String,
}

fn merge_projects(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    output: Option<PathBuf>,
    out: &mut dyn Write,
) -> Result<()> {
    let fail = |message: String| Exit {
        code: 2,
        message: format!(
            "error: {}; nothing was written",
            message.trim_end_matches('.')
        ),
    };
    let load = |path: &Path| -> Result<Project, Exit> {
        let loaded = storage::load(path).map_err(|e| fail(e.to_string()))?;
        warn_all(&loaded.warnings);
        Ok(loaded.project)
    };
    let (b, t) = (load(base)?, load(theirs)?);
    let (o, mut ours_on_disk) = OnDisk::open(ours).map_err(|e| fail(e.to_string()))?;
    warn_all(&o.warnings);
    let o = o.project;
    let merged = merge::merge(&b, &o, &t).map_err(|e| {
        fail(format!(
            "cannot merge {} and {}: {e}",
            ours.display(),
            theirs.display()
        ))
    })?;
    let target = output.unwrap_or_else(|| ours.to_path_buf());
    // Run by git as a merge driver, OURS is a temporary `.merge_file_…` that git moves into
    // place afterwards: name "the project" then, not a file that will be gone.
    let by_git = target
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with(".merge_file_"));
    let shown = if by_git {
        "the merged project".to_string()
    } else {
        target.display().to_string()
    };
    let show_hint = if by_git {
        "`factdesk show PROJECT` lists them once git is done".to_string()
    } else {
        format!("`factdesk show {shown}` lists them")
    };
    if target.as_os_str() != "-" && !by_git {
        note_open_elsewhere(&target);
    }
    if target.as_os_str() == "-" {
        write_project(&merged.project, target, out).map_err(|e| fail(format!("{e:#}")))?;
    } else if same_file(&target, ours) {
        // git's merge driver contract: the result replaces OURS, with no .bak in the work
        // tree; and never over an OURS someone changed while the merge ran.
        ours_on_disk.keep_backup = false;
        ours_on_disk
            .save(&merged.project, SavePolicy::IfUnchanged)
            .map_err(|e| fail(e.to_string()))?;
    } else {
        storage::save_with_backup(&target, &merged.project, false)
            .map_err(|e| fail(e.to_string()))?;
    }
    if merged.conflicts > 0 {
        return Err(Exit {
            code: 1,
            message: format!(
                "merged with {} recorded in {shown} (both values kept; {show_hint})",
                if merged.conflicts == 1 {
                    "1 conflict".to_string()
                } else {
                    format!("{} conflicts", merged.conflicts)
                }
            ),
        }
        .into());
    }
    eprintln!("factdesk: merged cleanly into {shown}");
    Ok(())
}

/// Writes a project to a file (atomically, keeping a .bak) or, for `-`, to stdout.
fn write_project(project: &Project, target: PathBuf, out: &mut dyn Write) -> Result<()> {
    if target.as_os_str() == "-" {
        let text = storage::to_ron(project)?;
        storage::check_size(&target, text.len())?;
        out.write_all(text.as_bytes())?;
        return Ok(());
    }
    storage::save(&target, project)?;
    eprintln!("factdesk: wrote {}", target.display());
    Ok(())
}

/// Do two paths name one file (also when one does not exist yet: then compared as given)?
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => std::path::absolute(a).ok() == std::path::absolute(b).ok(),
    }
}

/// Says when a project about to be written is open in a window: the window will notice and
/// reload it, or ask how to combine it with its own unsaved changes.
fn note_open_elsewhere(target: &Path) {
    if let Some(holder) = lock::holder(target) {
        eprintln!(
            "factdesk: note: {} is open in a factdesk window ({}); that window will reload it or offer to merge",
            target.display(),
            holder.describe()
        );
    }
}

fn warn_all(warnings: &[String]) {
    for w in warnings {
        eprintln!("factdesk: warning: {w}");
    }
}

/// One JSON object per input line, in order; an empty line gives a (not checkable) result
/// too, so output lines match input lines.
fn eval_listing(dir: &Path, verbose: bool, out: &mut dyn Write) -> Result<()> {
    use crate::claims::evaluation::{evaluate, parse};
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the folder {}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        bail!("{} holds no labelled .tsv files", dir.display());
    }
    let mut files = Vec::new();
    for path in &paths {
        let content = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let name = path.display().to_string();
        files.push((
            name.clone(),
            parse(&name, &content).map_err(anyhow::Error::msg)?,
        ));
    }
    let figures = evaluate(&ClaimFinder::default(), &files);
    let ratio =
        |(a, b): (usize, usize)| format!("{a}/{b} ({:.1}%)", 100.0 * a as f64 / b.max(1) as f64);
    writeln!(
        out,
        "listing over {} labelled articles in {}",
        files.len(),
        dir.display()
    )?;
    writeln!(
        out,
        "claims listed (recall):     {}",
        ratio(figures.recall())
    )?;
    writeln!(
        out,
        "furniture listed (errors):  {}",
        ratio(figures.furniture_listed())
    )?;
    writeln!(
        out,
        "captions listed as caption: {}",
        ratio(figures.captions())
    )?;
    writeln!(
        out,
        "non-claims listed:          {}",
        ratio(figures.non_claims_listed())
    )?;
    if verbose {
        for j in figures.judged.iter().filter(|j| !j.correct()) {
            writeln!(
                out,
                "  {:?} {:?} in {}: {}",
                j.label, j.listed, j.file, j.text
            )?;
        }
    }
    Ok(())
}

/// A file of one item per line (any encoding `article` reads), or stdin for `-`.
pub(crate) fn read_line_input(path: &Path) -> Result<String> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut s)
            .context("reading stdin")?;
        return Ok(s);
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(crate::article::decode_text(&bytes)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        .0)
}

fn score_lines(finder: &ClaimFinder, path: &Path, out: &mut dyn Write) -> Result<()> {
    let text = read_line_input(path)?;
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
