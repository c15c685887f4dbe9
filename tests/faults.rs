//! Saves under faults, and hostile project files. After every fault the project file on disk
//! is the old or the new version, complete and loadable.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use factdesk::article;
use factdesk::claims::ClaimFinder;
use factdesk::project::{Project, Verdict, storage};

fn sample() -> Project {
    Project::from_article(&article::sample(), &ClaimFinder::rules())
}

#[test]
fn save_into_unwritable_folder_fails_clearly_and_keeps_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.factdesk.ron");
    let old = sample();
    storage::save(&path, &old).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut new = old.clone();
    new.claims[0].verdict = Verdict::FALSE;

    // Root ignores permission bits, so also try a folder no one can create files in.
    let target = if is_root() {
        PathBuf::from("/proc/factdesk-test.factdesk.ron")
    } else {
        set_mode(dir.path(), 0o555);
        path.clone()
    };
    let err = storage::save(&target, &new).unwrap_err();
    set_mode(dir.path(), 0o755);
    assert!(err.to_string().contains("temporary file"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "old file intact");
    assert_eq!(storage::load(&path).unwrap().project, old);
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Child mode: when this env var names a file, save to it in a loop until killed.
const LOOP_ENV: &str = "FACTDESK_SAVE_LOOP_TARGET";

#[test]
fn save_loop_child() {
    let Some(target) = std::env::var_os(LOOP_ENV) else {
        return;
    };
    let mut p = sample();
    for i in 0u64.. {
        p.claims[0].note = format!("generation {i}");
        storage::save(Path::new(&target), &p).unwrap();
    }
}

#[test]
fn kill_9_while_saving_leaves_a_complete_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loop.factdesk.ron");
    storage::save(&path, &sample()).unwrap();
    let mut generations = std::collections::HashSet::new();
    for round in 0..12u64 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "save_loop_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(LOOP_ENV, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill at a different moment each round, mid-save most of the time.
        std::thread::sleep(Duration::from_millis(40 + round * 37 % 200));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let loaded = storage::load(&path)
            .unwrap_or_else(|e| panic!("round {round}: file broken after kill -9: {e}"));
        assert_eq!(loaded.project.claims.len(), sample().claims.len());
        assert!(loaded.warnings.is_empty());
        generations.insert(loaded.project.claims[0].note.clone());
    }
    // The child really was saving when it was killed: new versions landed between kills.
    assert!(
        generations.iter().any(|g| g.starts_with("generation ")),
        "{generations:?}"
    );
    assert!(generations.len() > 3, "{generations:?}");
    // Leftover temporary files are the only trace of a killed save; they never replace the file.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n == "loop.factdesk.ron"));
}

#[test]
fn huge_project_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.factdesk.ron");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(storage::MAX_PROJECT_BYTES + 1).unwrap(); // sparse: no disk used
    let started = Instant::now();
    let err = storage::load(&path).unwrap_err();
    assert!(matches!(err, storage::LoadError::TooLarge { .. }), "{err}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn deeply_nested_project_is_an_error_not_a_stack_overflow() {
    let text = format!(
        "(format_version: 1, article: {}{})",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    let err = storage::from_ron(&text, "deep.factdesk.ron").unwrap_err();
    assert!(err.to_string().contains("deep.factdesk.ron:1:"), "{err}");
}

#[test]
fn project_with_wrong_types_reports_position() {
    let good = storage::to_ron(&sample()).unwrap();
    let bad = good.replacen("score: ", "score: \"high\", _was: ", 1);
    let err = storage::from_ron(&bad, "t.factdesk.ron").unwrap_err();
    assert!(err.position().is_some(), "{err}");
}
