use super::*;
use crate::article;
use crate::claims::ClaimFinder;
use crate::project::{Source, Verdict, now};

fn sample() -> Project {
    Project::from_article(&article::sample(), &ClaimFinder::rules())
}

/// A saved sample project and its session.
fn saved(dir: &Path) -> (PathBuf, OnDisk, Project) {
    let path = dir.join("p.factdesk.ron");
    storage::save(&path, &sample()).unwrap();
    let (loaded, disk) = OnDisk::open(&path).unwrap();
    (path, disk, loaded.project)
}

/// Someone else writes the file (another program, `git pull`): no checks.
fn write_elsewhere(path: &Path, edit: impl FnOnce(&mut Project)) {
    let mut p = storage::load(path).unwrap().project;
    edit(&mut p);
    storage::save(path, &p).unwrap();
}

#[test]
fn saving_over_the_loaded_version_works_and_becomes_the_base() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut disk, mut ours) = saved(dir.path());
    ours.claims[0].note = "mine".into();
    disk.save(&ours, SavePolicy::IfUnchanged).unwrap();
    assert_eq!(storage::load(&path).unwrap().project.claims[0].note, "mine");
    assert!(matches!(disk.check().unwrap(), Found::Unchanged));
    assert_eq!(disk.base.as_ref().unwrap().claims[0].note, "mine");
}

#[test]
fn a_changed_file_is_never_overwritten_without_being_told() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut disk, mut ours) = saved(dir.path());
    write_elsewhere(&path, |p| p.claims[1].note = "theirs".into());
    ours.claims[0].note = "mine".into();
    let err = disk.save(&ours, SavePolicy::IfUnchanged).unwrap_err();
    assert!(err.to_string().contains("changed on disk"), "{err}");
    let Refused::Changed {
        found: Found::Changed { identity, theirs },
        ..
    } = err
    else {
        panic!("not reported as changed")
    };
    let theirs = theirs.unwrap();
    assert_eq!(theirs.claims[1].note, "theirs");
    // The file still holds their work.
    assert_eq!(
        storage::load(&path).unwrap().project.claims[1].note,
        "theirs"
    );

    // Merge: both notes kept, then saved over the version seen.
    let merged = disk.merge(&ours, &theirs).unwrap();
    assert_eq!(merged.conflicts, 0);
    disk.save(&merged.project, SavePolicy::Replace(identity))
        .unwrap();
    let on_disk = storage::load(&path).unwrap().project;
    assert_eq!(on_disk.claims[0].note, "mine");
    assert_eq!(on_disk.claims[1].note, "theirs");
}

#[test]
fn overwrite_replaces_only_the_version_shown_and_keeps_it_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut disk, mut ours) = saved(dir.path());
    write_elsewhere(&path, |p| p.claims[0].verdict = Verdict::FALSE);
    let Found::Changed { identity, theirs } = disk.check().unwrap() else {
        panic!()
    };
    let theirs = theirs.unwrap();
    let lost = WorkDifferences::lost_by_overwrite(disk.base.as_deref(), &ours, &theirs);
    assert_eq!(lost.verdicts, 1);
    assert_eq!(lost.describe("", "only there"), "1 verdict");
    // A newer change arrives while the person reads the question: not overwritten either.
    write_elsewhere(&path, |p| p.claims[2].note = "newer".into());
    ours.claims[0].note = "mine".into();
    assert!(matches!(
        disk.save(&ours, SavePolicy::Replace(identity)),
        Err(Refused::Changed { .. })
    ));
    let Found::Changed { identity, .. } = disk.check().unwrap() else {
        panic!()
    };
    disk.save(&ours, SavePolicy::Replace(identity)).unwrap();
    assert_eq!(storage::load(&path).unwrap().project.claims[0].note, "mine");
    let bak = storage::load(&storage::backup_path(&path)).unwrap().project;
    assert_eq!(bak.claims[2].note, "newer");
}

#[test]
fn a_deleted_file_is_recreated_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut disk, ours) = saved(dir.path());
    std::fs::remove_file(&path).unwrap();
    assert!(matches!(disk.check().unwrap(), Found::Missing));
    let err = disk.save(&ours, SavePolicy::IfUnchanged).unwrap_err();
    assert!(err.to_string().contains("deleted or moved away"), "{err}");
    assert!(!path.exists());
    disk.save(&ours, SavePolicy::Recreate).unwrap();
    assert!(path.exists());
}

#[test]
fn a_file_left_unreadable_by_git_can_be_replaced_after_asking() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut disk, ours) = saved(dir.path());
    std::fs::write(&path, "<<<<<<< HEAD\n(x)\n=======\n(y)\n>>>>>>> other\n").unwrap();
    let Found::Changed { identity, theirs } = disk.check().unwrap() else {
        panic!()
    };
    assert!(theirs.is_err());
    assert!(matches!(
        disk.save(&ours, SavePolicy::IfUnchanged),
        Err(Refused::Changed { .. })
    ));
    disk.save(&ours, SavePolicy::Replace(identity)).unwrap();
    assert!(storage::load(&path).is_ok());
    let bak = std::fs::read_to_string(storage::backup_path(&path)).unwrap();
    assert!(bak.starts_with("<<<<<<<"));
}

#[test]
fn without_a_known_base_every_difference_is_a_conflict() {
    let b = sample();
    let (mut ours, mut theirs) = (b.clone(), b.clone());
    ours.claims[0].note = "mine".into();
    theirs.claims[0].note = "theirs".into();
    theirs.claims[1].verdict = Verdict::FALSE;
    let url = |u: &str| Source {
        url: u.into(),
        title: None,
        added: now(),
    };
    ours.claims[2].sources.push(url("https://a.example"));
    theirs.claims[2].sources.push(url("https://b.example"));
    let disk = OnDisk::new_file(Path::new("x.factdesk.ron"));
    let m = disk.merge(&ours, &theirs).unwrap();
    assert_eq!(m.conflicts, 2, "{:?}", m.project.conflicts);
    let c0 = &m.project.claims[0];
    assert!(
        c0.conflicts
            .iter()
            .any(|c| c.ours == "mine" && c.theirs == "theirs")
    );
    assert_eq!(m.project.claims[2].sources.len(), 2);
}

#[test]
fn overwrite_counts_only_their_changes_that_ours_lacks() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.claims[0].note = "mine".into(); // ours only: nothing of theirs lost
    theirs.claims[1].note = "theirs".into(); // theirs only: lost
    ours.claims[2].verdict = Verdict::FALSE;
    theirs.claims[2].verdict = Verdict::FALSE; // the same change: nothing lost
    theirs.claims[3].verdict = Verdict::VERIFIED; // lost
    let mut added = theirs.claims[4].clone();
    added.id = "theirs-new".into();
    theirs.claims.push(added); // lost
    let removed = ours.claims.remove(5).id; // removed by us, untouched by them
    assert!(theirs.claims.iter().any(|c| c.id == removed));
    let lost = WorkDifferences::lost_by_overwrite(Some(&base), &ours, &theirs);
    assert_eq!(
        (lost.verdicts, lost.notes, lost.sources, lost.claims_missing),
        (1, 1, 0, 1)
    );
    assert_eq!(
        lost.describe("", "only there"),
        "1 verdict and 1 note; 1 claim only there"
    );
    // Without a base every difference counts.
    let all = WorkDifferences::lost_by_overwrite(None, &ours, &theirs);
    assert_eq!((all.verdicts, all.notes), (1, 2));
}

#[test]
fn changes_say_what_a_merge_does_here_in_words() {
    let before = sample();
    let mut after = before.clone();
    after.claims[0].verdict = Verdict::FALSE;
    after.claims[1].verdict = Verdict::FALSE;
    after.claims[2].note = "n".into();
    after.claims.remove(3);
    let d = WorkDifferences::changes(&before, &after);
    assert_eq!(
        d.describe("added", "removed"),
        "2 verdicts and 1 note; 1 claim removed"
    );
    assert_eq!(WorkDifferences::default().describe("a", "b"), "nothing");
    let mut revised = after.clone();
    revised.article.sha256 = "other".into();
    assert!(
        WorkDifferences::changes(&before, &revised)
            .describe("added", "removed")
            .ends_with("a different version of the article text")
    );
}

mod interleavings;
