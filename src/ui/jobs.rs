//! Work that must not block the UI thread: loading and claim finding, and native file dialogs.
//! Each job runs on its own thread and reports back through a channel; the UI polls it once a
//! frame and shows progress meanwhile.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::article;
use crate::claims::ClaimFinder;
use crate::project::Project;
use crate::project::disk::OnDisk;
use crate::project::disk::lock::{self, LockInfo, ProjectLock};
use crate::report::{ReportFormat, ReportScope};

/// What to open.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenRequest {
    /// The article compiled into the binary.
    Sample,
    /// An article (new unsaved project) or a `*.ron` project, decided by the file name.
    Path(PathBuf),
}

/// A project ready to show.
pub struct Opened {
    pub project: Project,
    /// A copy for the autosave worker, made here so the UI thread never clones a project.
    pub replica: Project,
    /// The project file, when a project (not an article) was opened.
    pub path: Option<PathBuf>,
    /// Repairs made while loading, shown to the user.
    pub warnings: Vec<String>,
    /// The file that was opened (for the recent list).
    pub opened_file: Option<PathBuf>,
    /// The project file as loaded (for noticing later changes to it), when one was opened.
    pub disk: Option<OnDisk>,
    /// Whether this window got the file's lock.
    pub lock: LockOutcome,
}

/// What trying to lock an opened project found.
#[derive(Debug, Default)]
pub enum LockOutcome {
    /// Not a project file (an article, the sample): nothing to lock.
    #[default]
    NotAFile,
    Locked {
        lock: ProjectLock,
        /// A lock left over from a crash that was taken over.
        replaced: Option<LockInfo>,
    },
    /// Another window has the file open: this one opens it read-only.
    HeldElsewhere(LockInfo),
    /// The lock file could not be written (a read-only folder): the project opens anyway.
    Failed(String),
    /// This window already held the file's lock (it opened its own file again).
    Kept(std::sync::Arc<ProjectLock>),
}

impl LockOutcome {
    /// Locks `path` for this window.
    pub fn acquire(path: &Path) -> Self {
        match lock::acquire(path) {
            Ok(lock::Acquired::Locked { lock, replaced }) => LockOutcome::Locked { lock, replaced },
            Ok(lock::Acquired::HeldElsewhere(info)) => LockOutcome::HeldElsewhere(info),
            Err(e) => LockOutcome::Failed(e.to_string()),
        }
    }
}

pub struct LoadJob {
    pub label: String,
    /// Progress in thousandths.
    progress: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    rx: Receiver<Result<Opened, String>>,
}

impl LoadJob {
    pub fn fraction(&self) -> f32 {
        self.progress.load(Ordering::Relaxed) as f32 / 1000.0
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// `Some` once the job has finished (or died).
    pub fn poll(&self) -> Option<Result<Opened, String>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                Some(Err(format!("loading {} stopped unexpectedly", self.label)))
            }
        }
    }
}

/// Is this file a project rather than an article? Decided by name: `*.ron`.
pub fn is_project_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// The claim finder with the learned model. Built on first use, which is the first load job's
/// thread, so reading the model never delays the window's first frame.
pub fn finder() -> &'static ClaimFinder {
    static FINDER: std::sync::LazyLock<ClaimFinder> =
        std::sync::LazyLock::new(ClaimFinder::default);
    &FINDER
}

/// Loads on a worker thread; `repaint` is called on progress and when done.
pub fn spawn_load(request: OpenRequest, repaint: impl Fn() + Send + 'static) -> LoadJob {
    let label = match &request {
        OpenRequest::Sample => article::SAMPLE_NAME.to_string(),
        OpenRequest::Path(p) => p.display().to_string(),
    };
    let progress = Arc::new(AtomicU32::new(0));
    let cancel = Arc::new(AtomicBool::new(false));
    let (tx, rx) = channel();
    let (p, c) = (progress.clone(), cancel.clone());
    std::thread::Builder::new()
        .name("factdesk-load".into())
        .spawn(move || {
            let result = load(request, finder(), &p, &c, &repaint);
            let _ = tx.send(result);
            repaint();
        })
        .expect("spawning a thread");
    LoadJob {
        label,
        progress,
        cancel,
        rx,
    }
}

fn load(
    request: OpenRequest,
    finder: &ClaimFinder,
    progress: &AtomicU32,
    cancel: &AtomicBool,
    repaint: &dyn Fn(),
) -> Result<Opened, String> {
    let (article, opened_file) = match request {
        OpenRequest::Path(path) if is_project_file(&path) => {
            let (loaded, disk) = OnDisk::open(&path).map_err(|e| e.to_string())?;
            let lock = LockOutcome::acquire(&path);
            progress.store(1000, Ordering::Relaxed);
            return Ok(Opened {
                replica: loaded.project.clone(),
                project: loaded.project,
                path: Some(path.clone()),
                warnings: loaded.warnings,
                opened_file: Some(path),
                disk: Some(disk),
                lock,
            });
        }
        OpenRequest::Path(path) => (
            article::load_path(&path).map_err(|e| e.to_string())?,
            Some(path),
        ),
        OpenRequest::Sample => (article::sample(), None),
    };
    let mut last = Instant::now();
    let claims = finder
        .find_with_progress(&article.text, &mut |p| {
            progress.store(
                (p.done as u64 * 1000 / p.total.max(1) as u64) as u32,
                Ordering::Relaxed,
            );
            if last.elapsed() > Duration::from_millis(50) {
                repaint();
                last = Instant::now();
            }
            !cancel.load(Ordering::Relaxed)
        })
        .ok_or_else(|| "loading was cancelled".to_string())?;
    let project = Project::with_claims(&article, claims);
    Ok(Opened {
        replica: project.clone(),
        project,
        path: None,
        warnings: Vec::new(),
        opened_file,
        disk: None,
        lock: LockOutcome::NotAFile,
    })
}

/// Why a file dialog was opened, i.e. what to do with the chosen path.
#[derive(Debug, Clone)]
pub enum DialogPurpose {
    Open,
    NewFromArticle,
    /// A new version of the open project's article, to re-anchor the claims on.
    UpdateArticle,
    SaveAs,
    Export {
        format: ReportFormat,
        scope: ReportScope,
        open_after: bool,
    },
}

impl DialogPurpose {
    pub fn title(&self) -> &'static str {
        match self {
            DialogPurpose::Open => "Open an article or project",
            DialogPurpose::NewFromArticle => "New project from an article",
            DialogPurpose::UpdateArticle => "Update the article to a new version",
            DialogPurpose::SaveAs => "Save project as",
            DialogPurpose::Export { .. } => "Export report",
        }
    }

    pub fn is_save(&self) -> bool {
        matches!(self, DialogPurpose::SaveAs | DialogPurpose::Export { .. })
    }
}

pub struct DialogJob {
    pub purpose: DialogPurpose,
    started: Instant,
    rx: Receiver<Option<PathBuf>>,
}

/// The outcome of a dialog.
pub enum DialogResult {
    Chosen(PathBuf),
    Cancelled,
    /// It returned at once with nothing: there is no dialog service (no desktop portal).
    Unavailable,
}

impl DialogJob {
    pub fn poll(&self) -> Option<DialogResult> {
        match self.rx.try_recv() {
            Ok(Some(p)) => Some(DialogResult::Chosen(p)),
            // No person answers a dialog within 250 ms: an instant "cancel" means no dialog
            // could be shown (rfd returns None at once when no portal is running).
            Ok(None) if self.started.elapsed() < Duration::from_millis(250) => {
                Some(DialogResult::Unavailable)
            }
            Ok(None) => Some(DialogResult::Cancelled),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(DialogResult::Unavailable),
        }
    }
}

/// Shows a native file dialog on a worker thread (never on the UI thread).
pub fn spawn_dialog(
    purpose: DialogPurpose,
    default_name: String,
    start_dir: Option<PathBuf>,
    repaint: impl Fn() + Send + 'static,
) -> DialogJob {
    let (tx, rx) = channel();
    let p = purpose.clone();
    std::thread::Builder::new()
        .name("factdesk-dialog".into())
        .spawn(move || {
            let mut dialog = rfd::FileDialog::new().set_title(p.title());
            if let Some(dir) = start_dir {
                dialog = dialog.set_directory(dir);
            }
            let chosen = match &p {
                DialogPurpose::Open => dialog
                    .add_filter(
                        "Articles and projects",
                        &["txt", "md", "markdown", "html", "htm", "ron"],
                    )
                    .add_filter("All files", &["*"])
                    .pick_file(),
                DialogPurpose::NewFromArticle | DialogPurpose::UpdateArticle => dialog
                    .add_filter("Articles", &["txt", "md", "markdown", "html", "htm"])
                    .add_filter("All files", &["*"])
                    .pick_file(),
                DialogPurpose::SaveAs => dialog
                    .add_filter("factdesk project", &["ron"])
                    .set_file_name(default_name)
                    .save_file(),
                DialogPurpose::Export { format, .. } => dialog
                    .add_filter(format.label(), &[format.extension()])
                    .set_file_name(default_name)
                    .save_file(),
            };
            let _ = tx.send(chosen);
            repaint();
        })
        .expect("spawning a thread");
    DialogJob {
        purpose,
        started: Instant::now(),
        rx,
    }
}

/// Opens a written report with the system's opener (xdg-open, open, start) on a worker thread
/// that waits for it, so no defunct process is left behind and a failure can be reported.
pub fn spawn_open_file(
    path: PathBuf,
    repaint: impl Fn() + Send + 'static,
) -> Receiver<Result<(), String>> {
    let (tx, rx) = channel();
    let spawned = std::thread::Builder::new()
        .name("factdesk-open-report".into())
        .spawn(move || {
            let _ = tx.send(open_with_system(&path));
            repaint();
        });
    if let Err(e) = spawned {
        let (tx, rx2) = channel();
        let _ = tx.send(Err(format!(
            "cannot start a thread to open the report: {e}"
        )));
        return rx2;
    }
    rx
}

fn open_with_system(path: &Path) -> Result<(), String> {
    let (program, args): (&str, Vec<&std::ffi::OsStr>) = if cfg!(target_os = "macos") {
        ("open", vec![path.as_os_str()])
    } else if cfg!(windows) {
        (
            "cmd",
            vec![
                "/C".as_ref(),
                "start".as_ref(),
                "".as_ref(),
                path.as_os_str(),
            ],
        )
    } else {
        ("xdg-open", vec![path.as_os_str()])
    };
    let program = std::env::var("FACTDESK_OPENER").unwrap_or_else(|_| program.to_string());
    let status = std::process::Command::new(&program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(|e| {
            format!(
                "the report was written to {}, but it could not be opened: {program} could not start ({e})",
                path.display()
            )
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "the report was written to {}, but {program} could not open it ({status})",
            path.display()
        ))
    }
}

/// Re-anchors a copy of the project on a new version of its article, off the UI thread:
/// loading, claim finding and matching can take a while on a long article.
pub fn spawn_revise(
    project: Project,
    path: PathBuf,
    repaint: impl Fn() + Send + 'static,
) -> Receiver<Result<crate::project::revise::Revised, String>> {
    let (tx, rx) = channel();
    let spawned = std::thread::Builder::new()
        .name("factdesk-revise".into())
        .spawn(move || {
            let result = article::load_path(&path)
                .map_err(|e| e.to_string())
                .map(|article| {
                    let found = finder().find(&article.text);
                    crate::project::revise::revise(&project, &article, found)
                });
            let _ = tx.send(result);
            repaint();
        });
    if let Err(e) = spawned {
        let (tx, rx2) = channel();
        let _ = tx.send(Err(format!("cannot start the revision: {e}")));
        return rx2;
    }
    rx
}
