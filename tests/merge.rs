//! `factdesk merge` as a user and as git's merge driver run it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn factdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/berlin-talks.txt")
}

/// A new project file for the sample article, in `dir`.
fn new_project(dir: &Path, name: &str) -> PathBuf {
    let article = dir.join("talks.txt");
    std::fs::copy(sample(), &article).unwrap();
    let path = dir.join(name);
    let o = factdesk(&[
        "new",
        article.to_str().unwrap(),
        "-o",
        path.to_str().unwrap(),
        "--force",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    path
}

/// Replaces the n-th occurrence of `from` in a project file, as an edit in the window would.
fn edit(path: &Path, n: usize, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let at = text.match_indices(from).nth(n).expect("occurrence").0;
    let edited = format!("{}{to}{}", &text[..at], &text[at + from.len()..]);
    std::fs::write(path, edited).unwrap();
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn clean_merge_exits_0_and_conflicts_exit_1_and_show_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let base = new_project(dir.path(), "base.factdesk.ron");
    let ours = dir.path().join("ours.factdesk.ron");
    let theirs = dir.path().join("theirs.factdesk.ron");
    std::fs::copy(&base, &ours).unwrap();
    std::fs::copy(&base, &theirs).unwrap();
    edit(&ours, 0, "verdict: \"Unreviewed\"", "verdict: \"Verified\"");
    edit(&theirs, 1, "verdict: \"Unreviewed\"", "verdict: \"False\"");
    let out = dir.path().join("merged.factdesk.ron");
    let o = factdesk(&["merge", s(&base), s(&ours), s(&theirs), "-o", s(&out)]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let shown = String::from_utf8(factdesk(&["show", s(&out)]).stdout).unwrap();
    assert!(
        shown.contains("Verified") && shown.contains("False"),
        "{shown}"
    );

    // Both change the first claim's verdict differently: recorded, exit 1, ours written.
    edit(
        &theirs,
        0,
        "verdict: \"Unreviewed\"",
        "verdict: \"Disputed\"",
    );
    let o = factdesk(&["merge", s(&base), s(&ours), s(&theirs)]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let shown = String::from_utf8(factdesk(&["show", s(&ours)]).stdout).unwrap();
    assert!(shown.contains("conflicts: 1"), "{shown}");
    assert!(
        shown.contains("conflict in verdict: ours “Verified” | theirs “Disputed”"),
        "{shown}"
    );
    let json = factdesk(&["report", s(&ours), "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let with_conflicts: Vec<&serde_json::Value> = doc["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["conflicts"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(with_conflicts.len(), 1);
    assert_eq!(with_conflicts[0]["conflicts"][0]["field"], "verdict");
    assert_eq!(with_conflicts[0]["conflicts"][0]["ours"], "Verified");
    assert_eq!(with_conflicts[0]["conflicts"][0]["theirs"], "Disputed");
}

#[test]
fn bad_inputs_exit_2_name_the_file_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = new_project(dir.path(), "base.factdesk.ron");
    let ours = dir.path().join("ours.factdesk.ron");
    std::fs::copy(&base, &ours).unwrap();
    let before = std::fs::read(&ours).unwrap();

    let malformed = dir.path().join("broken.factdesk.ron");
    std::fs::write(&malformed, "(\n  format_version: 2,\n  article: [oops\n").unwrap();
    let newer = dir.path().join("newer.factdesk.ron");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(
        &newer,
        text.replacen("format_version: 2", "format_version: 9", 1),
    )
    .unwrap();
    let other_article = dir.path().join("other.txt");
    std::fs::write(
        &other_article,
        "Other News\n\nThe port handled 3 million containers in 2024, officials said.\n",
    )
    .unwrap();
    let other = dir.path().join("other.factdesk.ron");
    assert!(
        factdesk(&["new", s(&other_article), "-o", s(&other)])
            .status
            .success()
    );
    let revised_article = dir.path().join("talks-v2.txt");
    let mut v2 = std::fs::read_to_string(sample()).unwrap();
    v2.push_str("\nThe ministry said 42 delegates attended in 2025.\n");
    std::fs::write(&revised_article, v2).unwrap();
    let revised = dir.path().join("revised.factdesk.ron");
    assert!(
        factdesk(&["revise", s(&base), s(&revised_article), "-o", s(&revised)])
            .status
            .success()
    );

    for (theirs, expect) in [
        (&malformed, "broken.factdesk.ron:3:"),
        (&newer, "newer factdesk"),
        (&other, "different articles"),
        (&revised, "revise"),
    ] {
        let o = factdesk(&["merge", s(&base), s(&ours), s(theirs)]);
        assert_eq!(o.status.code(), Some(2), "{expect}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(expect), "{err}");
        assert!(err.contains("nothing was written"), "{err}");
        assert_eq!(std::fs::read(&ours).unwrap(), before, "ours untouched");
    }
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap()
}

fn git_ok(dir: &Path, args: &[&str]) {
    let o = git(dir, args);
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn real_git_merge_uses_factdesk_as_driver() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git_ok(repo, &["init", "-q", "-b", "main"]);
    let driver = format!("{} merge %O %A %B", env!("CARGO_BIN_EXE_factdesk"));
    git_ok(repo, &["config", "merge.factdesk.driver", &driver]);
    std::fs::write(
        repo.join(".gitattributes"),
        "*.factdesk.ron merge=factdesk\n",
    )
    .unwrap();
    let project = new_project(repo, "talks.factdesk.ron");
    git_ok(repo, &["add", "."]);
    git_ok(repo, &["commit", "-qm", "base"]);

    git_ok(repo, &["checkout", "-qb", "ana"]);
    edit(
        &project,
        0,
        "verdict: \"Unreviewed\"",
        "verdict: \"Verified\"",
    );
    edit(
        &project,
        0,
        "note: \"\"",
        "note: \"Ana checked the readout.\"",
    );
    git_ok(repo, &["commit", "-qam", "ana"]);

    git_ok(repo, &["checkout", "-q", "main"]);
    // Ben works on the same claim's sources and on another claim; line-wise this touches
    // the same block of the file, which a text merge would call a conflict.
    edit(
        &project,
        0,
        "sources: [],",
        "sources: [\n        (\n          url: \"https://example.org/ben\",\n          title: None,\n          added: \"2026-11-27T10:00:00Z\",\n        ),\n      ],",
    );
    edit(&project, 1, "verdict: \"Unreviewed\"", "verdict: \"False\"");
    git_ok(repo, &["commit", "-qam", "ben"]);

    let o = git(repo, &["merge", "--no-edit", "ana"]);
    assert!(
        o.status.success(),
        "git merge: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let shown = String::from_utf8(factdesk(&["show", s(&project)]).stdout).unwrap();
    assert!(shown.contains("Ana checked the readout."), "{shown}");
    assert!(shown.contains("https://example.org/ben"), "{shown}");
    assert!(
        shown.contains("Verified") && shown.contains("False"),
        "{shown}"
    );
    assert!(!shown.contains("conflicts:"), "{shown}");
    // No stray files in the work tree.
    let status = String::from_utf8(git(repo, &["status", "--porcelain"]).stdout).unwrap();
    assert_eq!(status.trim(), "", "{status}");

    // A real conflict: git reports the merge as conflicted (driver exit 1), and the file
    // holds both values.
    git_ok(repo, &["checkout", "-qb", "cy"]);
    edit(
        &project,
        0,
        "verdict: \"Verified\"",
        "verdict: \"Disputed\"",
    );
    git_ok(repo, &["commit", "-qam", "cy"]);
    git_ok(repo, &["checkout", "-q", "main"]);
    edit(
        &project,
        0,
        "verdict: \"Verified\"",
        "verdict: \"Misleading\"",
    );
    git_ok(repo, &["commit", "-qam", "main again"]);
    let o = git(repo, &["merge", "--no-edit", "cy"]);
    assert!(
        !o.status.success(),
        "a recorded conflict stops the merge for review"
    );
    let shown = String::from_utf8(factdesk(&["show", s(&project)]).stdout).unwrap();
    assert!(
        shown.contains("conflict in verdict: ours “Misleading” | theirs “Disputed”"),
        "{shown}"
    );
}
