//! Harness helpers shared by the window tests.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use factdesk::project::Verdict;
use factdesk::ui::{App, OpenRequest, Prefs};

pub fn harness(app: App) -> Harness<'static, App> {
    harness_sized(app, 1280.0, 800.0)
}

pub fn harness_sized(app: App, width: f32, height: f32) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(width, height))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

/// Steps frames until the background load and the recovery scan finish.
pub fn wait_loaded(h: &mut Harness<'static, App>) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while h.state().is_loading() || h.state().is_scanning_recovery() {
        assert!(Instant::now() < deadline, "loading did not finish");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run_ok();
}

pub fn sample_app(recovery: &std::path::Path) -> Harness<'static, App> {
    sample_app_sized(recovery, 1280.0, 800.0)
}

pub fn sample_app_sized(recovery: &std::path::Path, w: f32, h: f32) -> Harness<'static, App> {
    let app = App::new(
        Some(OpenRequest::Sample),
        Prefs::default(),
        Some(recovery.to_path_buf()),
        None,
    )
    .with_library_dir(None);
    let mut h = harness_sized(app, w, h);
    wait_loaded(&mut h);
    h
}

pub fn selected_text(h: &Harness<'static, App>) -> String {
    let doc = h.state().doc.as_ref().unwrap();
    doc.selected_claim().unwrap().text.clone()
}

pub fn selected_verdict(h: &Harness<'static, App>) -> Verdict {
    let doc = h.state().doc.as_ref().unwrap();
    doc.selected_claim().unwrap().verdict.clone()
}

/// Waits (stepping frames) until `done` holds.
pub fn wait_until(h: &mut Harness<'static, App>, what: &str, done: impl Fn(&App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(h.state()) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run_ok();
}

/// A window opening `request`, with its recovery folder and claim library (None: no
/// library), loaded.
pub fn open_app(
    request: OpenRequest,
    recovery: std::path::PathBuf,
    library: Option<std::path::PathBuf>,
) -> Harness<'static, App> {
    let app =
        App::new(Some(request), Prefs::default(), Some(recovery), None).with_library_dir(library);
    let mut h = harness(app);
    wait_loaded(&mut h);
    h
}

/// The open project's claim `id`, as it is now.
pub fn claim(h: &Harness<'static, App>, id: &str) -> factdesk::project::ProjectClaim {
    h.state()
        .doc
        .as_ref()
        .unwrap()
        .project
        .claim(id)
        .unwrap()
        .clone()
}

/// Waits until an autosave has left its recovery file in `dir`: the file itself, not the
/// temporary file it is written through (a busy machine shows that one first).
pub fn wait_for_recovery_file(dir: &std::path::Path) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let has_snapshot = || {
        std::fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|e| e.file_name().to_string_lossy().ends_with(".recovery.ron"))
        })
    };
    while !has_snapshot() {
        assert!(
            Instant::now() < deadline,
            "no recovery file in {}",
            dir.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
