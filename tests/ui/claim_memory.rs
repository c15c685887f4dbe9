//! Claim memory in the window: an earlier check of the same claim is found in the background,
//! marked in the table, listed in the editor, and reused with one key as one undoable edit.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use factdesk::library::Library;
use factdesk::project::{Project, Source, Verdict, now, storage};
use factdesk::ui::OpenRequest;
use factdesk::ui::command::{Command, SelectedFrom};

use crate::common::*;

#[test]
fn an_earlier_check_is_found_and_reused_in_one_keystroke() {
    let dir = tempfile::tempdir().unwrap();
    let library_dir = dir.path().join("library");
    // Last month's project: one claim checked False, with a source and a note.
    let mut earlier = Project::from_article(
        &factdesk::article::sample(),
        &factdesk::claims::ClaimFinder::default(),
    );
    let target = earlier
        .claims
        .iter()
        .position(|c| c.text.contains("an estimated 90% of issues"))
        .unwrap();
    earlier.claims[target].verdict = Verdict::FALSE;
    earlier.claims[target].note = "The official count was lower.".into();
    earlier.claims[target].sources.push(Source {
        url: "https://example.org/count".into(),
        title: None,
        added: now(),
    });
    let earlier_path = dir.path().join("earlier.factdesk.ron");
    storage::save(&earlier_path, &earlier).unwrap();
    Library::open(&library_dir)
        .unwrap()
        .add_project(&earlier_path, &earlier)
        .unwrap();
    let claim_text = earlier.claims[target].text.clone();

    let mut h = open_app(
        OpenRequest::Sample,
        dir.path().join("recovery"),
        Some(library_dir),
    );
    wait_until(&mut h, "matching", |app| !app.is_matching());
    let id = {
        let doc = h.state().doc.as_ref().unwrap();
        doc.project
            .claims
            .iter()
            .find(|c| c.text == claim_text)
            .unwrap()
            .id
            .clone()
    };
    let best = h
        .state()
        .matches_for(&id)
        .first()
        .cloned()
        .expect("a match");
    assert!(best.is_likely_same(), "score {}", best.score);
    assert!(!best.why.is_empty(), "every match says why");
    assert!(
        h.state().doc.as_ref().unwrap().checked_before.contains(&id),
        "marked in the table"
    );
    h.state_mut().execute(Command::Select {
        id: id.clone(),
        from: SelectedFrom::Table,
    });
    h.run_ok();
    h.get_by_label_contains("Earlier checks (");
    h.key_press(Key::R);
    h.run_ok();
    let c = claim(&h, &id);
    assert_eq!(c.verdict, Verdict::FALSE);
    assert!(
        c.sources
            .iter()
            .any(|s| s.url == "https://example.org/count")
    );
    assert!(c.note.contains("Checked before"), "{}", c.note);
    // One undo takes it all back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    let c = claim(&h, &id);
    assert_eq!(c.verdict, Verdict::UNREVIEWED);
    assert!(c.sources.is_empty() && c.note.is_empty());
}

#[test]
fn a_broken_library_is_reported_and_the_window_works_without_matches() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir.path().join("library");
    std::fs::write(&not_a_folder, "x").unwrap();
    let mut h = open_app(
        OpenRequest::Sample,
        dir.path().join("recovery"),
        Some(not_a_folder),
    );
    wait_until(&mut h, "the library to fail", |app| {
        app.messages
            .get(factdesk::ui::messages::MessageKind::Library)
            .is_some()
    });
    h.key_press(Key::Num3);
    h.run_ok();
    assert_eq!(selected_verdict(&h), Verdict::VERIFIED);
}

/// Found by trying it: a project's own claims, added to the library when it was saved, are
/// not shown as earlier checks of themselves; another project's check of the same claim is.
#[test]
fn a_claim_is_not_its_own_earlier_check() {
    let dir = tempfile::tempdir().unwrap();
    let library_dir = dir.path().join("library");
    let mut p = Project::from_article(
        &factdesk::article::sample(),
        &factdesk::claims::ClaimFinder::rules(),
    );
    p.claims[0].verdict = Verdict::FALSE;
    let mine = dir.path().join("mine.factdesk.ron");
    let other = dir.path().join("other.factdesk.ron");
    storage::save(&mine, &p).unwrap();
    storage::save(&other, &p).unwrap();
    let library = Library::open(&library_dir).unwrap();
    library.add_project(&mine, &p).unwrap();
    library.add_project(&other, &p).unwrap();
    drop(library);
    let id = p.claims[0].id.clone();
    let mut h = open_app(
        OpenRequest::Path(mine.clone()),
        dir.path().join("recovery"),
        Some(library_dir),
    );
    wait_until(&mut h, "matching", |app| !app.is_matching());
    let matches = h.state().matches_for(&id).to_vec();
    assert!(!matches.is_empty(), "the other project's check is found");
    assert!(
        matches
            .iter()
            .all(|m| !m.entry.project.ends_with("mine.factdesk.ron")),
        "{:?}",
        matches.iter().map(|m| &m.entry.project).collect::<Vec<_>>()
    );
}
