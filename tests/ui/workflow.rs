//! The main workflow: open, select, verdicts, notes, sources, filters, save, recovery.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use factdesk::project::{Verdict, storage};
use factdesk::ui::command::Command;
use factdesk::ui::command_table::UiCommand;
use factdesk::ui::{App, OpenRequest, Prefs};

use crate::common::*;

#[test]
fn opens_the_sample_and_selects_by_click_and_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.project.claims.len(), 32);
    assert!(h.state().title().contains("berlin-talks") || h.state().title().contains("Ukraine"));
    // The first claim is selected and shown in the editor.
    h.get_by_label("Claim 1 of 32");

    // Click a row's text in the table (in document order, where it is on screen).
    h.get_by_label("Document order").click();
    h.run_ok();
    let target =
        "Zelenskyy told a business conference in Berlin that talks were “very constructive.”";
    h.get_by_label(target).scroll_to_me();
    h.run_ok();
    h.get_all_by_label(target)
        .next()
        .expect("the claim is in the table")
        .click();
    h.run_ok();
    assert_eq!(selected_text(&h), target);

    // Keyboard: j moves down, k up.
    let before = selected_text(&h);
    h.key_press(Key::J);
    h.run_ok();
    assert_ne!(selected_text(&h), before);
    h.key_press(Key::K);
    h.run_ok();
    assert_eq!(selected_text(&h), before);
    h.key_press(Key::ArrowDown);
    h.run_ok();
    assert_ne!(selected_text(&h), before);
}

#[test]
fn verdict_hotkey_note_undo_redo() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    h.key_press(Key::Num3);
    h.run_ok();
    assert_eq!(selected_verdict(&h), Verdict::VERIFIED);
    assert!(
        h.state().title().starts_with('●'),
        "title shows unsaved changes"
    );

    // Write a note; while typing, single-key shortcuts do nothing.
    h.get_by_role_and_label(Role::MultilineTextInput, "Note")
        .click();
    h.run_ok();
    h.get_by_role_and_label(Role::MultilineTextInput, "Note")
        .type_text("Checked 2 sources");
    h.run_ok();
    let doc = h.state().doc.as_ref().unwrap();
    let claim = doc.project.claim(doc.selected.as_deref().unwrap()).unwrap();
    assert_eq!(claim.note, "Checked 2 sources");
    assert_eq!(
        claim.verdict,
        Verdict::VERIFIED,
        "typing '2' did not set a verdict"
    );
    h.key_press(Key::Escape);
    h.run_ok();

    // Undo the note, then the verdict; redo both.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    let note_now = |h: &Harness<'static, App>| {
        let doc = h.state().doc.as_ref().unwrap();
        doc.project
            .claim(doc.selected.as_deref().unwrap())
            .unwrap()
            .note
            .clone()
    };
    assert_eq!(note_now(&h), "");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(selected_verdict(&h), Verdict::UNREVIEWED);
    assert!(!h.state().doc.as_ref().unwrap().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_ok();
    assert_eq!(selected_verdict(&h), Verdict::VERIFIED);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_ok();
    assert_eq!(note_now(&h), "Checked 2 sources");
}

#[test]
fn sources_valid_added_invalid_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    let sources = |h: &Harness<'static, App>| {
        let doc = h.state().doc.as_ref().unwrap();
        doc.project
            .claim(doc.selected.as_deref().unwrap())
            .unwrap()
            .sources
            .clone()
    };
    h.get_by_label("New source URL").click();
    h.run_ok();
    h.get_by_label("New source URL")
        .type_text("javascript:alert(1)");
    h.run_ok();
    h.get_by_label("Add source").click();
    h.run_ok();
    assert!(sources(&h).is_empty(), "invalid URL must not be saved");
    h.get_by_label_contains("only http and https");

    // Clear the field and type a valid one (u focuses the URL field from the keyboard).
    h.state_mut().editor.new_url.clear();
    h.key_press(Key::Escape);
    h.run_ok();
    h.key_press(Key::U);
    h.run_ok();
    h.get_by_label("New source URL")
        .type_text("https://www.reuters.com/world/europe/");
    h.get_by_label("Source title").click();
    h.run_ok();
    h.get_by_label("Source title").type_text("Reuters");
    h.run_ok();
    h.get_by_label("Add source").click();
    h.run_ok();
    let s = sources(&h);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].url, "https://www.reuters.com/world/europe/");
    assert_eq!(s[0].title.as_deref(), Some("Reuters"));
    // Shown as a link, and removable.
    h.get_by_label("Reuters");
    h.get_by_label("Remove").click();
    h.run_ok();
    assert!(sources(&h).is_empty());
}

#[test]
fn filter_by_search_and_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    h.key_press(Key::Slash);
    h.run_ok();
    h.get_by_label("Search").type_text("Kushner");
    h.run_ok();
    let doc = h.state_mut().doc.as_mut().unwrap();
    let rows = doc.rows().to_vec();
    assert_eq!(rows.len(), 3, "claims mentioning Kushner");
    h.get_by_label_contains("3 of 32 claims");
    h.state_mut().doc.as_mut().unwrap().filter.text.clear();
    h.key_press(Key::Escape);
    h.run_ok();
    // Mark one disputed, then filter by verdict.
    h.key_press(Key::Num6);
    h.run_ok();
    h.state_mut().doc.as_mut().unwrap().filter.verdicts = vec![Verdict::DISPUTED];
    h.run_ok();
    h.get_by_label_contains("1 of 32 claims");
}

#[test]
fn ctrl_s_saves_and_the_file_loads_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    let path = dir.path().join("saved.factdesk.ron");
    h.state_mut().doc.as_mut().unwrap().path = Some(path.clone());
    h.key_press(Key::Num7);
    h.run_ok();
    let id = h.state().doc.as_ref().unwrap().selected.clone().unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_ok();
    assert!(
        h.state().messages.is_empty(),
        "{:?}",
        h.state().messages.iter().collect::<Vec<_>>()
    );
    assert!(!h.state().doc.as_ref().unwrap().is_dirty());
    assert!(!h.state().title().starts_with('●'));
    let loaded = storage::load(&path).unwrap().project;
    assert_eq!(loaded.claim(&id).unwrap().verdict, Verdict::FALSE);

    // Open it in a fresh window.
    let h2 = open_app(
        OpenRequest::Path(path.clone()),
        dir.path().to_path_buf(),
        None,
    );
    let doc = h2.state().doc.as_ref().unwrap();
    assert_eq!(doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(doc.project.claim(&id).unwrap().verdict, Verdict::FALSE);
}

#[test]
fn broken_project_shows_error_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.factdesk.ron");
    std::fs::write(&path, "(\n  format_version: 1,\n  article: [oops\n").unwrap();
    let mut h = open_app(OpenRequest::Path(path), dir.path().to_path_buf(), None);
    assert!(h.state().doc.is_none());
    h.get_by_label_contains("broken.factdesk.ron:3:");
    // The app keeps running: the welcome screen offers to open something else.
    h.get_by_label("Open the sample article").click();
    h.run_ok();
    wait_loaded(&mut h);
    assert!(h.state().doc.is_some());
}

#[test]
fn unsaved_changes_prompt_on_open_and_autosave_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    h.key_press(Key::Num5);
    h.run_ok();
    // Autosave writes a recovery file (never the user's file).
    h.state_mut().autosave_now();
    wait_for_recovery_file(dir.path());
    // Opening another file asks first.
    h.state_mut().execute(Command::Open(OpenRequest::Sample));
    h.run_ok();
    h.get_by_label("Save changes?");
    h.get_by_label("Cancel").click();
    h.run_ok();
    assert!(h.state().doc.as_ref().unwrap().is_dirty());

    // A new start finds the recovery file and restores the work.
    let app = App::new(None, Prefs::default(), Some(dir.path().to_path_buf()), None)
        .with_library_dir(None);
    let mut h2 = harness(app);
    wait_loaded(&mut h2);
    h2.get_by_label("Recover unsaved work?");
    h2.get_by_label("Restore").click();
    h2.run_ok();
    let doc = h2.state().doc.as_ref().unwrap();
    assert!(doc.is_dirty());
    assert!(
        doc.project
            .claims
            .iter()
            .any(|c| c.verdict == Verdict::MISLEADING)
    );
}

#[test]
fn shortcuts_help_and_dismiss() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    h.key_press(Key::Questionmark);
    h.run_ok();
    h.get_by_label_contains("Single keys do nothing while you type");
    h.get_by_label("Ctrl+Shift+S");
    h.key_press(Key::Escape);
    h.run_ok();
    let n = h.state_mut().doc.as_mut().unwrap().rows().len();
    h.key_press(Key::X);
    h.run_ok();
    assert_eq!(selected_verdict(&h), Verdict::NOT_A_CLAIM);
    assert_eq!(h.state_mut().doc.as_mut().unwrap().rows().len(), n - 1);
}

#[test]
fn add_claim_from_article_selection() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    let text = h.state().doc.as_ref().unwrap().project.article.text.clone();
    let phrase = "Published in News & Features";
    let start = text[..text.find(phrase).unwrap()].chars().count();
    h.state_mut().article_selection = Some((start, start + phrase.chars().count()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_ok();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.project.claims.len(), 33);
    let c = doc.project.claim(doc.selected.as_deref().unwrap()).unwrap();
    assert_eq!(c.text, phrase);
    assert_eq!(c.origin, factdesk::project::Origin::Manual);
    let span: String = text.chars().skip(c.start).take(c.end - c.start).collect();
    assert_eq!(span, phrase);
}

#[test]
fn project_settings_dialog_sets_reviewer_for_reports() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    h.state_mut()
        .execute(Command::Ui(UiCommand::ProjectSettings));
    h.run_ok();
    h.get_by_label("Reviewer organisation").click();
    h.run_ok();
    h.get_by_label("Reviewer organisation")
        .type_text("Example Fact Desk");
    h.run_ok();
    h.get_by_label("Apply").click();
    h.run_ok();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(
        doc.project.settings.reviewer_organisation.as_deref(),
        Some("Example Fact Desk")
    );
    assert!(doc.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(
        h.state()
            .doc
            .as_ref()
            .unwrap()
            .project
            .settings
            .reviewer_organisation,
        None
    );
}
