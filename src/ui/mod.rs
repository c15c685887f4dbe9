//! The workbench window (eframe/egui): a thin shell over the core.

use std::path::PathBuf;

pub fn run(_file: Option<PathBuf>) -> anyhow::Result<()> {
    anyhow::bail!("the window is not built yet")
}
