//! The workbench window (eframe/egui): a thin shell over the core.
//!
//! How it fits together (read in this order):
//! - `app/`: the [`App`] state and one frame (`mod.rs`), `execute.rs` (the only place state
//!   changes) and `files.rs` (open, save, export, "Save changes?").
//! - `command.rs`: the intents panels and dialogs return; `command_table.rs`: every menu and
//!   keyboard command with its label and keys.
//! - `panels/`: menu bar, table, editor, article view, status bar, messages, welcome; each
//!   reads state and returns commands. `modals/`: one file per dialog, one `Option<Modal>`.
//! - `document.rs`: the open project and the table's view of it (no egui, unit-tested).
//! - `jobs.rs`: loading, file dialogs and the report opener off the UI thread;
//!   `autosave.rs`: crash recovery on a worker thread; `messages.rs`: problems shown, one per
//!   kind.

mod app;
mod autosave;
pub mod command;
pub mod command_table;
mod disk_watch;
pub mod document;
pub mod jobs;
mod memory;
pub mod messages;
pub mod modals;
mod panels;
mod widgets;

use std::path::PathBuf;

pub use app::{App, Prefs};
pub use document::Document;
pub use jobs::OpenRequest;
pub use panels::Focus;

/// The folder where unsaved work is autosaved, in the app's data folder.
pub fn recovery_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("FACTDESK_RECOVERY_DIR") {
        return Some(PathBuf::from(dir));
    }
    eframe::storage_dir("factdesk").map(|d| d.join("recovery"))
}

struct EframeApp {
    app: App,
    startup: Option<StartupTrace>,
}

/// `FACTDESK_TRACE_STARTUP=1` prints where start-up time goes (BENCHMARKS.md uses it).
struct StartupTrace {
    process_start: std::time::Instant,
    frames: u32,
    document_shown: bool,
}

impl StartupTrace {
    fn mark(&self, what: &str) {
        eprintln!(
            "factdesk: startup: {what} at {:.1} ms",
            self.process_start.elapsed().as_secs_f64() * 1000.0
        );
    }
}

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(t) = &mut self.startup {
            t.frames += 1;
            match t.frames {
                1 => t.mark("first frame begins"),
                // The second frame starts once the first one has been painted and swapped.
                2 => t.mark("first frame painted"),
                _ => {}
            }
        }
        self.app.show(ui);
        if let Some(t) = &self.startup {
            if t.frames == 1 {
                t.mark("first frame laid out");
            }
            if self.app.doc.is_some() && !t.document_shown {
                t.mark("document laid out");
            }
        }
        if let Some(t) = &mut self.startup {
            t.document_shown |= self.app.doc.is_some();
            if t.document_shown && t.frames >= 2 {
                self.startup = None;
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Prefs::STORAGE_KEY, &self.app.prefs);
    }
}

/// Opens the window on `file` (an article or a project), or on the embedded sample.
/// `process_start` is when `main` began, for the start-up trace.
pub fn run(file: Option<PathBuf>, process_start: std::time::Instant) -> anyhow::Result<()> {
    let trace = std::env::var_os("FACTDESK_TRACE_STARTUP").is_some();
    if !has_display() {
        anyhow::bail!(
            "no graphical display was found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the \
             window cannot open. The subcommands work without one: see `factdesk --help`."
        );
    }
    let request = Some(file.map_or(OpenRequest::Sample, OpenRequest::Path));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("factdesk")
            .with_app_id("factdesk")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "factdesk",
        options,
        Box::new(move |cc| {
            let startup = trace.then_some(StartupTrace {
                process_start,
                frames: 0,
                document_shown: false,
            });
            if let Some(t) = &startup {
                t.mark("window and GL context created");
            }
            let prefs: Prefs = cc
                .storage
                .and_then(|s| eframe::get_value(s, Prefs::STORAGE_KEY))
                .unwrap_or_default();
            let app = App::new(request, prefs, recovery_dir(), Some(cc.egui_ctx.clone()));
            Ok(Box::new(EframeApp { app, startup }))
        }),
    )
    .map_err(|e| {
        let detail = e.to_string();
        let display = std::env::var("DISPLAY")
            .or_else(|_| std::env::var("WAYLAND_DISPLAY"))
            .unwrap_or_default();
        let why = if detail.contains("connection") || detail.contains("X server") {
            format!("could not connect to the graphical display {display}")
        } else {
            plain_words(&detail)
        };
        anyhow::anyhow!(
            "the window could not open: {why}. factdesk needs a graphical session with \
             OpenGL; the subcommands work without one: see `factdesk --help`."
        )
    })
}

/// On Linux and the BSDs the window needs X11 or Wayland; elsewhere there is always a desktop.
fn has_display() -> bool {
    if cfg!(any(target_os = "macos", windows)) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

/// Backend errors can carry source paths ("at /…/winit/…/mod.rs:788") and long chains; the
/// person needs the first line without them.
fn plain_words(s: &str) -> String {
    let line = s.lines().next().unwrap_or(s);
    line.split_whitespace()
        .filter(|w| !(w.contains(".rs:") || w.starts_with('/')))
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" at :", ":")
}
