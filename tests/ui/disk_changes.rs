//! The project file changing under an open window: reload when clean, never overwrite
//! unseen work (merge, overwrite after seeing what is lost, save as), a deleted file, a
//! second window on one file, a lock left by a crash.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use factdesk::article;
use factdesk::claims::ClaimFinder;
use factdesk::project::disk::lock;
use factdesk::project::edit::Edit;
use factdesk::project::{Project, Verdict, storage};
use factdesk::ui::command::Command;
use factdesk::ui::{App, OpenRequest};

use super::common::{claim, open_app, wait_for_recovery_file, wait_until};

/// A saved project of the sample article in a fresh folder, and a window on it.
fn project_window(dir: &std::path::Path) -> (std::path::PathBuf, Harness<'static, App>) {
    let path = dir.join("sample.factdesk.ron");
    let project = Project::from_article(&article::sample(), &ClaimFinder::rules());
    storage::save(&path, &project).unwrap();
    let h = open_app(OpenRequest::Path(path.clone()), dir.join("recovery"), None);
    (path, h)
}

fn ids(path: &std::path::Path) -> Vec<String> {
    let p = storage::load(path).unwrap().project;
    p.claims.iter().map(|c| c.id.clone()).collect()
}

/// Another program writes the file (no checks, as `git pull` does).
fn write_elsewhere(path: &std::path::Path, edit: impl FnOnce(&mut Project)) {
    let mut p = storage::load(path).unwrap().project;
    edit(&mut p);
    storage::save(path, &p).unwrap();
}

fn on_disk(path: &std::path::Path, id: &str) -> factdesk::project::ProjectClaim {
    storage::load(path)
        .unwrap()
        .project
        .claim(id)
        .unwrap()
        .clone()
}

fn set_note(h: &mut Harness<'static, App>, id: &str, note: &str) {
    h.state_mut().execute(Command::Apply(Edit::SetNote {
        id: id.into(),
        note: note.into(),
    }));
    h.run_ok();
}

/// A window that notes "mine" on the first claim, a file someone else then changes with
/// `theirs`, and Ctrl+S pressed: the question is open.
fn mine_then_theirs_then_save(
    dir: &std::path::Path,
    theirs: impl FnOnce(&mut Project),
) -> (std::path::PathBuf, Harness<'static, App>, Vec<String>) {
    let (path, mut h) = project_window(dir);
    let ids = ids(&path);
    set_note(&mut h, &ids[0], "mine");
    write_elsewhere(&path, theirs);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_ok();
    (path, h, ids)
}

fn notice(h: &Harness<'static, App>) -> String {
    h.state().notice.clone().unwrap_or_default()
}

#[test]
fn a_clean_window_reloads_a_changed_file_and_keeps_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut h) = project_window(dir.path());
    let ids = ids(&path);
    h.state_mut().execute(Command::Select {
        id: ids[3].clone(),
        from: factdesk::ui::command::SelectedFrom::Table,
    });
    h.run_ok();
    write_elsewhere(&path, |p| p.claims[1].note = "from git pull".into());
    h.state().check_disk_now();
    wait_until(&mut h, "the reload", |app| {
        app.doc.as_ref().unwrap().project.claims[1].note == "from git pull"
    });
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.selected.as_deref(), Some(ids[3].as_str()));
    assert!(!doc.is_dirty());
    assert!(notice(&h).starts_with("Reloaded"), "{}", notice(&h));
}

#[test]
fn saving_over_a_changed_file_merges_both_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut h, ids) =
        mine_then_theirs_then_save(dir.path(), |p| p.claims[2].note = "theirs".into());
    h.get_by_label("Changed on disk");
    // Nothing was written yet.
    assert_eq!(on_disk(&path, &ids[0]).note, "");
    h.get_by_label("Merge and save").click();
    h.run_ok();
    assert_eq!(on_disk(&path, &ids[0]).note, "mine");
    assert_eq!(on_disk(&path, &ids[2]).note, "theirs");
    assert_eq!(claim(&h, &ids[2]).note, "theirs");
    assert!(!h.state().doc.as_ref().unwrap().is_dirty());
    assert!(notice(&h).starts_with("Merged"), "{}", notice(&h));
    // Taking the merge is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(claim(&h, &ids[2]).note, "");
    assert_eq!(claim(&h, &ids[0]).note, "mine");
    assert!(h.state().doc.as_ref().unwrap().is_dirty());
}

/// Found by trying it: after `factdesk revise` on disk the two stand on different article
/// versions; Merge says how to go on instead of failing after the click.
#[test]
fn a_file_revised_on_disk_cannot_be_merged_and_the_question_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut h, ids) = mine_then_theirs_then_save(dir.path(), |p| {
        p.article.text.push_str("\n\nA new paragraph.")
    });
    h.get_by_label_contains("File > Update article…");
    h.get_by_label_contains("a different version of the article text");
    h.get_by_label("Merge and save").click();
    h.run_ok();
    assert_eq!(
        on_disk(&path, &ids[0]).note,
        "",
        "merged although it could not"
    );
}

#[test]
fn a_merge_with_a_conflict_keeps_both_values_and_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut h, ids) =
        mine_then_theirs_then_save(dir.path(), |p| p.claims[0].note = "theirs".into());
    h.get_by_label("Merge and save").click();
    h.run_ok();
    let c = on_disk(&path, &ids[0]);
    assert_eq!(c.note, "mine");
    assert!(
        c.conflicts
            .iter()
            .any(|k| k.field == "note" && k.theirs == "theirs")
    );
    assert!(
        notice(&h).contains("1 conflict to settle"),
        "{}",
        notice(&h)
    );
}

#[test]
fn overwrite_shows_what_would_be_lost_and_keeps_their_version_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut h, ids) = mine_then_theirs_then_save(dir.path(), |p| {
        p.claims[1].verdict = Verdict::FALSE;
        p.claims[2].note = "theirs".into();
    });
    h.get_by_label_contains("discarding from it: 1 verdict and 1 note.");
    h.get_by_label_contains("It changes here: 1 verdict and 1 note.");
    h.get_by_label("Overwrite").click();
    h.run_ok();
    assert_eq!(on_disk(&path, &ids[0]).note, "mine");
    assert_eq!(on_disk(&path, &ids[1]).verdict, Verdict::UNREVIEWED);
    let bak = storage::load(&storage::backup_path(&path)).unwrap().project;
    assert_eq!(bak.claims[1].verdict, Verdict::FALSE);
}

#[test]
fn a_deleted_file_is_reported_and_written_again_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut h) = project_window(dir.path());
    let ids = ids(&path);
    std::fs::remove_file(&path).unwrap();
    h.state().check_disk_now();
    wait_until(&mut h, "the missing-file message", |app| {
        app.messages
            .iter()
            .any(|m| m.text.contains("deleted or moved away"))
    });
    set_note(&mut h, &ids[0], "mine");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_ok();
    h.get_by_label("File deleted or moved");
    assert!(!path.exists());
    h.get_by_label("Save it there again").click();
    h.run_ok();
    assert_eq!(on_disk(&path, &ids[0]).note, "mine");
}

#[test]
fn a_second_window_on_one_file_is_read_only_unless_the_user_insists() {
    let dir = tempfile::tempdir().unwrap();
    let (path, first) = project_window(dir.path());
    let ids = ids(&path);
    assert!(lock::lock_path(&path).exists());
    let mut second = open_app(OpenRequest::Path(path.clone()), dir.path().join("r2"), None);
    assert!(second.state().is_read_only());
    assert!(second.state().title().contains("(read-only)"));
    second.get_by_label_contains("is open in another factdesk window");
    set_note(&mut second, &ids[0], "second");
    assert_eq!(
        claim(&second, &ids[0]).note,
        "",
        "a read-only window took an edit"
    );
    second.key_press_modifiers(Modifiers::COMMAND, Key::S);
    second.run_ok();
    assert_eq!(on_disk(&path, &ids[0]).note, "");
    second.get_by_label("Edit anyway").click();
    second.run_ok();
    set_note(&mut second, &ids[0], "second");
    assert_eq!(claim(&second, &ids[0]).note, "second");
    // The first window closing frees the file.
    drop(first);
    assert!(!lock::lock_path(&path).exists());
}

#[test]
fn a_lock_left_by_a_crashed_window_is_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.factdesk.ron");
    storage::save(
        &path,
        &Project::from_article(&article::sample(), &ClaimFinder::rules()),
    )
    .unwrap();
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let pid = gone.id();
    gone.wait().unwrap();
    std::fs::write(
        lock::lock_path(&path),
        format!(
            "factdesk lock\npid: {pid}\nhost: {}\nuser: x\nsince: 2026-01-01T00:00:00Z\ntoken: old\n",
            lock::host_name()
        ),
    )
    .unwrap();
    let h = open_app(OpenRequest::Path(path.clone()), dir.path().join("r"), None);
    assert!(!h.state().is_read_only());
    assert!(notice(&h).contains("no longer running"), "{}", notice(&h));
}

/// Work restored after a crash goes on from the version it started from: saved plainly
/// when the file still holds it, and asked about (merge, nothing picked blindly) when the
/// file moved on meanwhile.
#[test]
fn restored_work_checks_the_file_it_started_from() {
    for file_moved_on in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let recovery = dir.path().join("recovery");
        let (path, mut h) = project_window(dir.path());
        let ids = ids(&path);
        set_note(&mut h, &ids[0], "unsaved");
        h.state_mut().autosave_now();
        wait_for_recovery_file(&recovery);
        std::thread::sleep(std::time::Duration::from_millis(100));
        drop(h); // the crash (recovery files stay)
        if file_moved_on {
            write_elsewhere(&path, |p| p.claims[1].note = "pulled".into());
        }
        // Reopened on the project itself (as after a crash), then the work restored: the
        // window keeps its own lock and stays editable.
        let mut h = open_app(OpenRequest::Path(path.clone()), recovery.clone(), None);
        h.get_by_label("Restore").click();
        h.run_ok();
        assert!(!h.state().is_read_only(), "locked out by its own lock");
        assert!(lock::lock_path(&path).exists());
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        h.run_ok();
        if file_moved_on {
            h.get_by_label("Changed on disk");
            h.get_by_label("Merge and save").click();
            h.run_ok();
            // The version the work started from is gone: their note is not dropped, and not
            // picked blindly either; it waits as a conflict to settle.
            let c = on_disk(&path, &ids[1]);
            assert!(
                c.note == "pulled" || c.conflicts.iter().any(|k| k.theirs == "pulled"),
                "{c:?}"
            );
        }
        assert_eq!(
            on_disk(&path, &ids[0]).note,
            "unsaved",
            "moved on: {file_moved_on}"
        );
        assert!(!h.state().doc.as_ref().unwrap().is_dirty());
    }
}

/// Noticed while editing (not only on save): asked at once; "Not now" writes nothing and
/// the next save asks again.
#[test]
fn a_change_noticed_while_editing_is_asked_about_and_not_now_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut h) = project_window(dir.path());
    let ids = ids(&path);
    set_note(&mut h, &ids[0], "mine");
    write_elsewhere(&path, |p| p.claims[0].note = "theirs".into());
    h.state().check_disk_now();
    wait_until(&mut h, "the question", |app| {
        matches!(app.modal, Some(factdesk::ui::modals::Modal::DiskChanged(_)))
    });
    h.get_by_label("Not now").click();
    h.run_ok();
    assert!(h.state().modal.is_none());
    assert_eq!(on_disk(&path, &ids[0]).note, "theirs");
    assert_eq!(claim(&h, &ids[0]).note, "mine");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_ok();
    h.get_by_label("Changed on disk");
    assert_eq!(on_disk(&path, &ids[0]).note, "theirs");
}

/// Found by trying it: Save as onto a project another window has open is refused, not done
/// under that window.
#[test]
fn save_as_onto_a_project_open_elsewhere_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _first) = project_window(dir.path());
    let before = std::fs::read(&path).unwrap();
    let mut second = open_app(OpenRequest::Sample, dir.path().join("r2"), None);
    second.state_mut().execute(Command::PathChosen(
        factdesk::ui::jobs::DialogPurpose::SaveAs,
        path.clone(),
    ));
    second.run_ok();
    assert_eq!(std::fs::read(&path).unwrap(), before);
    second.get_by_label_contains("is open in another factdesk window");
    assert!(!second.state().is_read_only());
}

/// Found by trying it: when the window holding the lock closes, a read-only window on the
/// same file takes the lock and becomes editable (so a third window opens read-only).
#[test]
fn a_read_only_window_takes_over_when_the_other_closes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, first) = project_window(dir.path());
    let mut second = open_app(OpenRequest::Path(path.clone()), dir.path().join("r2"), None);
    assert!(second.state().is_read_only());
    drop(first);
    second.state().check_disk_now();
    wait_until(&mut second, "the lock taken over", |app| {
        !app.is_read_only()
    });
    assert!(notice(&second).contains("you can edit it here now"));
    let third = open_app(OpenRequest::Path(path.clone()), dir.path().join("r3"), None);
    assert!(third.state().is_read_only());
}

/// Found by trying it: opening the project this window already has open (from an earlier
/// check's "Open its project", or the recent list) keeps the window's own lock.
#[test]
fn opening_the_same_project_again_keeps_its_own_lock() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut h) = project_window(dir.path());
    h.state_mut()
        .execute(Command::Open(OpenRequest::Path(path.clone())));
    super::common::wait_loaded(&mut h);
    assert!(!h.state().is_read_only());
    assert!(lock::lock_path(&path).exists());
    let other = open_app(OpenRequest::Path(path.clone()), dir.path().join("r2"), None);
    assert!(other.state().is_read_only());
}
