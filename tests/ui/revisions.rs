//! Work that survives change, in the window: Update article, settling a merge conflict,
//! changing the verdict scale. Each is one undoable edit.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use factdesk::project::{Conflict, Verdict, storage};
use factdesk::ui::OpenRequest;
use factdesk::ui::command::Command;
use factdesk::ui::command_table::UiCommand;
use factdesk::ui::jobs::DialogPurpose;

use crate::common::*;

#[test]
fn update_article_keeps_work_flags_changed_claims_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    // Work on the claim with a figure that the new version changes.
    let text = h.state().doc.as_ref().unwrap().project.article.text.clone();
    let old = "an estimated 90% of issues";
    assert!(text.contains(old));
    let id = {
        let doc = h.state().doc.as_ref().unwrap();
        doc.project
            .claims
            .iter()
            .find(|c| c.text.contains(old))
            .unwrap()
            .id
            .clone()
    };
    h.state_mut().execute(Command::Select {
        id: id.clone(),
        from: factdesk::ui::command::SelectedFrom::Table,
    });
    h.run_ok();
    h.key_press(Key::Num3);
    h.run_ok();
    let revised = dir.path().join("revised.txt");
    std::fs::write(&revised, text.replace(old, "an estimated 80% of issues")).unwrap();

    h.state_mut()
        .execute(Command::PathChosen(DialogPurpose::UpdateArticle, revised));
    wait_until(&mut h, "the revision", |app| !app.is_revising());
    let notice = h.state().notice.clone().unwrap_or_default();
    assert!(notice.contains("1 changed"), "{notice}");
    let doc = h.state().doc.as_ref().unwrap();
    let c = doc.project.claim(&id).expect("the id is kept");
    assert!(c.text.contains("80%") && c.recheck);
    assert_eq!(c.verdict, Verdict::VERIFIED, "the work is kept");
    assert!(doc.project.article.text.contains("80%"));
    // Re-check is counted and shown with the difference.
    h.get_by_label_contains("1 to re-check");
    h.state_mut().execute(Command::Select {
        id: id.clone(),
        from: factdesk::ui::command::SelectedFrom::Table,
    });
    h.run_ok();
    h.get_by_label("Changed since it was checked");
    h.get_by_label("Checked again").click();
    h.run_ok();
    assert!(
        !h.state()
            .doc
            .as_ref()
            .unwrap()
            .project
            .claim(&id)
            .unwrap()
            .recheck
    );

    // Undo: the re-check flag, then the whole revision.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    let doc = h.state().doc.as_ref().unwrap();
    assert!(doc.project.article.text.contains("90%"));
    assert!(doc.project.claim(&id).unwrap().text.contains("90%"));
}

#[test]
fn a_merge_conflict_is_listed_first_and_settled_undoably() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = factdesk::project::Project::from_article(
        &factdesk::article::sample(),
        &factdesk::claims::ClaimFinder::rules(),
    );
    let i = project.claims.len() - 1;
    project.claims[i].note = "ours".into();
    project.claims[i].conflicts.push(Conflict {
        field: "note".into(),
        ours: "ours".into(),
        theirs: "theirs".into(),
        earlier: Vec::new(),
    });
    let id = project.claims[i].id.clone();
    let path = dir.path().join("merged.factdesk.ron");
    storage::save(&path, &project).unwrap();
    let mut h = open_app(OpenRequest::Path(path), dir.path().to_path_buf(), None);
    {
        let doc = h.state_mut().doc.as_mut().unwrap();
        let first = doc.rows()[0];
        assert_eq!(doc.project.claims[first].id, id, "conflicts come first");
        assert_eq!(doc.selected.as_deref(), Some(id.as_str()));
    }
    h.get_by_label_contains("1 conflicts");
    h.get_by_label("Conflict in note");
    h.get_by_label("Take theirs").click();
    h.run_ok();
    let c = claim(&h, &id);
    assert_eq!(c.note, "theirs");
    assert!(c.conflicts.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    let c = claim(&h, &id);
    assert_eq!(c.note, "ours");
    assert_eq!(c.conflicts.len(), 1, "undo brings the conflict back");
}

#[test]
fn changing_the_scale_maps_verdicts_and_hotkeys_follow() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    h.key_press(Key::Num3); // Verified on the factdesk scale
    h.run_ok();
    let id = h.state().doc.as_ref().unwrap().selected.clone().unwrap();
    h.state_mut()
        .execute(Command::Ui(UiCommand::ProjectSettings));
    h.run_ok();
    h.get_by_label("Verdict scale").click();
    h.run_ok();
    h.get_by_label("PolitiFact Truth-O-Meter").click();
    h.run_ok();
    h.get_by_label_contains("The verdicts claims have now become");
    h.get_by_label("Apply").click();
    h.run_ok();
    let doc = h.state().doc.as_ref().unwrap();
    assert!(
        doc.project.scale.name.contains("PolitiFact"),
        "{}",
        doc.project.scale.name
    );
    let v = doc.project.claim(&id).unwrap().verdict.clone();
    assert!(doc.project.scale.contains(&v), "mapped onto the new scale");
    // The editor's verdict buttons and the digit keys follow the new scale.
    assert!(
        h.get_all_by_label_contains("Pants on Fire")
            .next()
            .is_some()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.project.scale.name, "factdesk");
    assert_eq!(doc.project.claim(&id).unwrap().verdict, Verdict::VERIFIED);
}

#[test]
fn a_custom_scale_is_edited_in_project_settings() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample_app(dir.path());
    let before = h.state().doc.as_ref().unwrap().project.scale.verdicts.len();
    h.state_mut()
        .execute(Command::Ui(UiCommand::ProjectSettings));
    h.run_ok();
    h.get_by_label("Edit the verdicts (a custom scale)").click();
    h.run_ok();
    h.get_by_label("Add a verdict").click();
    h.run_ok();
    h.get_by_label("Apply").click();
    h.run_ok();
    let scale = h.state().doc.as_ref().unwrap().project.scale.clone();
    assert_eq!(scale.verdicts.len(), before + 1);
    assert!(scale.validate().is_ok());
    assert_eq!(
        scale.verdicts.last().unwrap().verdict(),
        Verdict::NOT_A_CLAIM,
        "Not a claim stays last"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(
        h.state().doc.as_ref().unwrap().project.scale.verdicts.len(),
        before
    );
}
