//! The rough edges a new user hit (issue 11, a–j), one test each where one can be written.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use factdesk::project::storage;
use factdesk::ui::command::Command;
use factdesk::ui::command_table::UiCommand;
use factdesk::ui::document::SortColumn;
use factdesk::ui::jobs::DialogPurpose;
use factdesk::ui::messages::MessageKind;
use factdesk::ui::modals::{Modal, TypedPath};
use factdesk::ui::{App, OpenRequest};

use crate::common::*;

/// a. Quit → Save fails → the window stays, and a later successful save does not quit.
#[test]
fn a_failed_save_cancels_the_waiting_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    let missing = dir.path().join("no-such-folder").join("p.factdesk.ron");
    h.state_mut().doc.as_mut().unwrap().path = Some(missing);
    h.key_press(Key::Num3);
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run_ok();
    h.get_by_label("Save changes?");
    h.get_by_label("Save").click();
    h.run_ok();
    assert!(!h.state().quit_requested, "a failed save must not quit");
    let message = h
        .state()
        .messages
        .get(MessageKind::Save)
        .unwrap()
        .text
        .clone();
    assert!(message.contains("no-such-folder"), "{message}");

    let good = dir.path().join("good.factdesk.ron");
    h.state_mut()
        .execute(Command::PathChosen(DialogPurpose::SaveAs, good.clone()));
    h.run_ok();
    assert!(good.exists());
    assert!(
        !h.state().quit_requested,
        "the quit was cancelled by the failed save"
    );
    assert!(
        h.state().messages.get(MessageKind::Save).is_none(),
        "a successful save clears the save problem"
    );
}

/// b. At 1024×700 every column of the table is on screen.
#[test]
fn b_table_fits_a_small_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app_sized(dir.path(), 1024.0, 700.0);
    h.run_ok();
    for title in ["Verdict", "Sources", "#"] {
        let node = h
            .get_all_by_label(title)
            .find(|n| n.rect().top() < 200.0)
            .unwrap_or_else(|| panic!("no {title} header"));
        let r = node.rect();
        assert!(r.right() <= 1024.0 && r.left() >= 0.0, "{title} at {r:?}");
    }
    // The Note header: the rightmost header, left of the editor panel.
    let note = h
        .get_all_by_label("Note")
        .map(|n| n.rect())
        .filter(|r| r.top() < 200.0)
        .fold(None::<egui::Rect>, |a, r| Some(a.map_or(r, |a| a.union(r))));
    let note = note.expect("a Note header");
    assert!(note.right() <= 1024.0, "{note:?}");
}

/// c. Opens ranked by score, first click on a numeric column sorts it largest first, and the
/// way back to document order is visible.
#[test]
fn c_ranked_by_score_with_a_way_back_to_document_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    let scores = |h: &mut egui_kittest::Harness<'static, App>| -> Vec<f32> {
        let doc = h.state_mut().doc.as_mut().unwrap();
        let rows = doc.rows().to_vec();
        rows.iter().map(|&i| doc.project.claims[i].score).collect()
    };
    let s = scores(&mut h);
    assert!(s.windows(2).all(|w| w[0] >= w[1]), "opens highest first");
    h.get_by_label("Document order").click();
    h.run_ok();
    let doc = h.state_mut().doc.as_mut().unwrap();
    let n = doc.project.claims.len();
    assert_eq!(doc.rows(), (0..n).collect::<Vec<_>>().as_slice());
    h.get_by_label("Score").click();
    h.run_ok();
    let s = scores(&mut h);
    assert!(
        s.windows(2).all(|w| w[0] >= w[1]),
        "first click: largest first"
    );
    assert_eq!(
        h.state().doc.as_ref().unwrap().sort.map(|(c, _)| c),
        Some(SortColumn::Score)
    );
}

/// d. Messages: one line per kind, repairs summarised, cleared when resolved.
#[test]
fn d_repairs_are_one_dismissable_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = factdesk::project::Project::from_article(
        &factdesk::article::sample(),
        &factdesk::claims::ClaimFinder::rules(),
    );
    for c in &mut project.claims {
        // Every span off by one: each claim must be moved back onto its text.
        c.start += 1;
        c.end += 1;
    }
    let path = dir.path().join("shifted.factdesk.ron");
    std::fs::write(&path, storage::to_ron(&project).unwrap()).unwrap();
    let mut h = open_app(OpenRequest::Path(path), dir.path().to_path_buf(), None);
    assert_eq!(h.state().messages.len(), 1, "one line, not one per claim");
    let text = h
        .state()
        .messages
        .get(MessageKind::Repairs)
        .unwrap()
        .text
        .clone();
    assert!(text.contains("repaired"), "{text}");
    h.get_by_label("Dismiss").click();
    h.run_ok();
    assert!(h.state().messages.is_empty());
}

/// e. The verdict filter lists every verdict and "All verdicts" without scrolling.
#[test]
fn e_verdict_filter_shows_the_whole_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app_sized(dir.path(), 1024.0, 700.0);
    h.get_by_label("Verdicts").click();
    h.run_ok();
    let all = h.get_by_label("All verdicts").rect();
    assert!(all.top() >= 0.0 && all.bottom() <= 700.0, "{all:?}");
    let names: Vec<String> = h
        .state()
        .doc
        .as_ref()
        .unwrap()
        .project
        .scale
        .verdicts
        .iter()
        .map(|d| d.name.clone())
        .collect();
    assert!(names.len() >= 9);
    for name in names {
        let r = h
            .get_all_by_label(&name)
            .map(|n| n.rect())
            .find(|r| r.top() >= 0.0 && r.bottom() <= 700.0);
        assert!(r.is_some(), "{name} is not visible in the list");
    }
}

/// f. Without a file dialog, Enter in the typed path confirms.
#[test]
fn f_enter_confirms_a_typed_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    let path = dir.path().join("typed.factdesk.ron");
    h.state_mut()
        .execute(Command::ShowModal(Modal::TypedPath(TypedPath::new(
            DialogPurpose::SaveAs,
            String::new(),
        ))));
    h.run_ok();
    h.get_by_label("No file dialog is available on this system. Type the file's path:")
        .type_text(&path.display().to_string());
    h.run_ok();
    h.key_press(Key::Enter);
    h.run_ok();
    assert!(path.exists(), "Enter saved the project");
    assert!(h.state().modal.is_none());
    // Esc cancels.
    h.state_mut()
        .execute(Command::ShowModal(Modal::TypedPath(TypedPath::new(
            DialogPurpose::SaveAs,
            "x".into(),
        ))));
    h.run_ok();
    h.key_press(Key::Escape);
    h.run_ok();
    assert!(h.state().modal.is_none());
}

/// g. The shortcuts help does not cover the menu bar, and lists every command.
#[test]
fn g_shortcuts_help_below_the_menu_bar_lists_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app_sized(dir.path(), 1024.0, 700.0);
    h.key_press(Key::F1);
    h.run_ok();
    // The help's heading (the Help menu's item has the same words).
    let heading = h
        .get_all_by_label("Keyboard shortcuts")
        .map(|n| n.rect())
        .max_by(|a, b| a.top().total_cmp(&b.top()))
        .expect("the help's heading");
    let menu = h.get_by_label("File").rect();
    assert!(heading.top() > menu.bottom(), "{heading:?} over {menu:?}");
    for c in UiCommand::ALL {
        assert!(
            h.get_all_by_label_contains(c.label()).next().is_some(),
            "{c:?} is not in the help"
        );
    }
    h.get_by_label("Ctrl+Shift+S");
    h.key_press(Key::Escape);
    h.run_ok();
    assert!(h.state().modal.is_none());
}

/// h. A project never saved says so.
#[test]
fn h_never_saved_says_not_saved_yet() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    h.get_by_label("Not saved yet");
    let path = dir.path().join("p.factdesk.ron");
    h.state_mut()
        .execute(Command::PathChosen(DialogPurpose::SaveAs, path));
    h.run_ok();
    h.get_by_label("Saved");
}

/// i. Adding a claim by hand renumbers nothing.
#[test]
fn i_claim_numbers_are_stable() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    let doc = h.state().doc.as_ref().unwrap();
    let before: Vec<(String, usize)> = doc
        .project
        .claims
        .iter()
        .map(|c| (c.id.clone(), doc.number(&c.id)))
        .collect();
    let text = doc.project.article.text.clone();
    let phrase = "Published in News & Features";
    let start = text[..text.find(phrase).unwrap()].chars().count();
    h.state_mut().execute(Command::SetArticleSelection(Some((
        start,
        start + phrase.chars().count(),
    ))));
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_ok();
    let doc = h.state().doc.as_ref().unwrap();
    for (id, n) in &before {
        assert_eq!(doc.number(id), *n);
    }
    h.get_by_label(&format!("#{}", before.len() + 1));
}

/// j. Opening the report afterwards: a failing opener is reported, a working one is waited for.
#[test]
fn j_report_opener_failure_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    let failing = dir.path().join("fail.sh");
    std::fs::write(&failing, "#!/bin/sh\nexit 3\n").unwrap();
    std::fs::set_permissions(
        &failing,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    // SAFETY: only this test reads FACTDESK_OPENER.
    unsafe { std::env::set_var("FACTDESK_OPENER", &failing) };
    let out = dir.path().join("r.html");
    h.state_mut().execute(Command::PathChosen(
        DialogPurpose::Export {
            format: factdesk::report::ReportFormat::Html,
            scope: Default::default(),
            open_after: true,
        },
        out.clone(),
    ));
    wait_until(&mut h, "the opener's answer", |app| {
        app.messages.get(MessageKind::Export).is_some()
    });
    assert!(out.exists());
    let m = h
        .state()
        .messages
        .get(MessageKind::Export)
        .unwrap()
        .text
        .clone();
    assert!(m.contains("could not open"), "{m}");
}

/// Autosave problems reach the person (not only stderr).
#[test]
fn autosave_failure_shows_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir.path().join("file");
    std::fs::write(&not_a_folder, "x").unwrap();
    let mut h = open_app(OpenRequest::Sample, not_a_folder, None);
    h.key_press(Key::Num3);
    h.run_ok();
    h.state_mut().autosave_now();
    wait_until(&mut h, "the autosave error", |app| {
        app.messages.get(MessageKind::Autosave).is_some()
    });
    h.get_by_label("· autosave failed");
}

/// Found by trying it: Save in "Save changes?" on a never-saved project goes on to quit
/// once the typed path is saved; replacing an existing file asks first.
#[test]
fn save_from_the_quit_prompt_then_quits_and_replacing_asks() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    h.key_press(Key::Num3);
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run_ok();
    h.get_by_label("Save").click();
    h.run_ok();
    // No portal here: the typed-path dialog appears (the dialog job answers at once).
    wait_until(&mut h, "the typed-path dialog", |app| {
        matches!(app.modal, Some(Modal::TypedPath(_)))
    });
    let existing = dir.path().join("taken.factdesk.ron");
    std::fs::write(&existing, "not mine").unwrap();
    if let Some(Modal::TypedPath(t)) = h.state_mut().modal.as_mut() {
        t.text = existing.display().to_string();
    }
    h.run_ok();
    h.get_by_label("Save").click();
    h.run_ok();
    h.get_by_label_contains("That file exists");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "not mine");
    let fresh = dir.path().join("fresh.factdesk.ron");
    if let Some(Modal::TypedPath(t)) = h.state_mut().modal.as_mut() {
        t.text = fresh.display().to_string();
        t.replace = false;
    }
    h.get_by_label("Save").click();
    h.run_ok();
    assert!(fresh.exists());
    assert!(
        h.state().quit_requested,
        "the waiting quit goes on after the save"
    );
}

/// Found by trying it: quick presses in one slow frame are each a command.
#[test]
fn several_presses_in_one_frame_each_move() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    let row = |h: &mut egui_kittest::Harness<'static, App>| {
        h.state_mut().doc.as_mut().unwrap().selected_row().unwrap()
    };
    let before = row(&mut h);
    for _ in 0..3 {
        h.event(egui::Event::Key {
            key: Key::J,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        });
    }
    h.run_ok();
    assert_eq!(row(&mut h), before + 3);
}

/// Found by trying it: a report is never exported over a project.
#[test]
fn export_never_replaces_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    let project = dir.path().join("p.factdesk.ron");
    h.state_mut()
        .execute(Command::PathChosen(DialogPurpose::SaveAs, project.clone()));
    h.run_ok();
    let saved = std::fs::read_to_string(&project).unwrap();
    h.state_mut().execute(Command::PathChosen(
        DialogPurpose::Export {
            format: factdesk::report::ReportFormat::Csv,
            scope: Default::default(),
            open_after: false,
        },
        project.clone(),
    ));
    h.run_ok();
    assert_eq!(std::fs::read_to_string(&project).unwrap(), saved);
    let m = h
        .state()
        .messages
        .get(MessageKind::Export)
        .unwrap()
        .text
        .clone();
    assert!(m.contains("never replaces a project"), "{m}");
}

/// Found by trying it: undoing back to the saved state leaves nothing to recover.
#[test]
fn undo_to_the_saved_state_removes_the_recovery_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    h.key_press(Key::Num3);
    h.run_ok();
    h.state_mut().autosave_now();
    let has_recovery = |dir: &std::path::Path| {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().ends_with(".recovery.ron"))
    };
    let d = dir.path().to_path_buf();
    wait_until(&mut h, "the autosave", move |_| has_recovery(&d));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    let d = dir.path().to_path_buf();
    wait_until(&mut h, "the recovery files to go", move |_| {
        !has_recovery(&d)
    });
}

/// Found by trying it: Enter in the export dialog exports (no native dialog here: the
/// typed-path dialog asks where).
#[test]
fn enter_in_the_export_dialog_exports() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_ok();
    h.get_by_label("Export report");
    h.key_press(Key::Enter);
    h.run_ok();
    wait_until(&mut h, "the path dialog", |app| {
        matches!(app.modal, Some(Modal::TypedPath(_)))
    });
}
