//! The workbench window (eframe/egui): a thin shell over the core. It renders state and turns
//! user intent into [`crate::project::edit::Edit`]s; everything else lives in the core.

mod app;
pub mod article_view;
pub mod commands;
pub mod document;
mod editor;
pub mod jobs;
pub mod recovery;
mod table;
mod view;

use std::path::PathBuf;

pub use app::{App, Focus, Prefs};
pub use document::Document;
pub use jobs::OpenRequest;

/// The folder where unsaved work is autosaved, in the app's data folder.
pub fn recovery_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("FACTDESK_RECOVERY_DIR") {
        return Some(PathBuf::from(dir));
    }
    eframe::storage_dir("factdesk").map(|d| d.join("recovery"))
}

struct EframeApp(App);

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.0.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Prefs::STORAGE_KEY, &self.0.prefs);
    }
}

/// Opens the window on `file` (an article or a project), or on the embedded sample.
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
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
            let prefs: Prefs = cc
                .storage
                .and_then(|s| eframe::get_value(s, Prefs::STORAGE_KEY))
                .unwrap_or_default();
            Ok(Box::new(EframeApp(App::new(
                request,
                prefs,
                recovery_dir(),
                Some(cc.egui_ctx.clone()),
            ))))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
