use super::*;
use crate::article;
use crate::claims::ClaimFinder;
use crate::project::FORMAT_VERSION;
use crate::project::{Source, Verdict, now};
use proptest::prelude::*;

fn sample_project() -> Project {
    Project::from_article(&article::sample(), &ClaimFinder::rules())
}

#[test]
fn round_trip_keeps_everything() {
    let mut p = sample_project();
    p.claims[0].verdict = Verdict::DISPUTED;
    p.claims[0].note = "Two sources disagree.\nSee “Reuters”, r#raw\"#.".into();
    p.claims[0].sources.push(Source {
        url: "https://example.org/a?b=1&c=2".into(),
        title: Some("Quote \" and backslash \\".into()),
        added: now(),
    });
    p.settings.reviewer_name = Some("Ana Lima".into());
    let text = to_ron(&p).unwrap();
    let loaded = from_ron(&text, "mem").unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.project, p);
    // Human-readable: the article text appears as real lines, one claim per block.
    assert!(text.contains("\nUkrainian and U.S. negotiators"));
    assert!(text.contains("verdict: \"Disputed\""));
}

#[test]
fn malformed_ron_reports_line_and_column() {
    let mut text = to_ron(&sample_project()).unwrap();
    text = text.replacen("verdict: \"Unreviewed\"", "verdict: \"Unreviewed\",,", 1);
    let err = from_ron(&text, "broken.factdesk.ron").unwrap_err();
    let (line, col) = err.position().expect("a syntax error has a position");
    let expected_line = text.lines().position(|l| l.contains(",,")).unwrap() + 1;
    assert_eq!(line, expected_line);
    assert!(col > 1);
    let msg = err.to_string();
    assert!(
        msg.starts_with(&format!("broken.factdesk.ron:{line}:{col}:")),
        "{msg}"
    );
}

#[test]
fn newer_format_is_refused_clearly() {
    let text = to_ron(&sample_project()).unwrap().replacen(
        &format!("format_version: {FORMAT_VERSION}"),
        "format_version: 99",
        1,
    );
    let err = from_ron(&text, "new.factdesk.ron").unwrap_err();
    assert!(matches!(err, LoadError::TooNew { found: 99, .. }));
    assert!(err.to_string().contains("newer factdesk"));
}

#[test]
fn v1_fixture_loads_forever() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.factdesk.ron");
    let loaded = load(&path).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let p = loaded.project;
    assert_eq!(p.format_version, FORMAT_VERSION, "upgraded on load");
    assert_eq!(p.claims.len(), 2);
    assert!(
        p.claims
            .iter()
            .all(|c| c.revision.is_none() && c.conflicts.is_empty())
    );
    assert_eq!(p.claims[0].verdict, Verdict::VERIFIED);
    assert_eq!(p.claims[0].sources[0].url, "https://example.org/report");
    for c in &p.claims {
        let span: String = p
            .article
            .text
            .chars()
            .skip(c.start)
            .take(c.end - c.start)
            .collect();
        assert_eq!(span, c.text);
    }
}

#[test]
fn non_utf8_and_binary_project_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.factdesk.ron");
    std::fs::write(&path, b"(format_version: 1, \xff\xfe)").unwrap();
    assert!(matches!(
        load(&path),
        Err(LoadError::NotUtf8 { offset: 20, .. })
    ));
    std::fs::write(&path, b"\x89PNG\r\n\x1a\n").unwrap();
    assert!(load(&path).is_err());
    std::fs::write(&path, b"").unwrap();
    let err = load(&path).unwrap_err();
    assert!(matches!(err, LoadError::NotAProject { .. }), "{err}");
    assert!(err.to_string().contains("is empty"), "{err}");
}

#[test]
fn version_zero_missing_and_articles_are_refused_in_plain_words() {
    let good = to_ron(&sample_project()).unwrap();
    let current = format!("format_version: {FORMAT_VERSION}");
    let zero = good.replacen(&current, "format_version: 0", 1);
    let err = from_ron(&zero, "zero.factdesk.ron").unwrap_err();
    assert!(
        matches!(err, LoadError::BadVersion { found: 0, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("format version 0"), "{err}");

    let missing = good.replacen(&format!("{current},"), "", 1);
    let err = from_ron(&missing, "none.factdesk.ron").unwrap_err();
    assert!(matches!(err, LoadError::NotAProject { .. }), "{err}");
    assert!(err.to_string().contains("no format_version"), "{err}");

    for article in [
        "Antarctic ice shrank 10% in 2024.\n",
        "# Title\n\nText.",
        "\u{feff}<html>",
    ] {
        let msg = from_ron(article, "article.txt").unwrap_err().to_string();
        assert!(
            msg.contains("article.txt is not a factdesk project"),
            "{msg}"
        );
        assert!(msg.contains("factdesk new article.txt"), "{msg}");
        assert!(
            !msg.contains("VersionProbe") && !msg.contains("struct"),
            "{msg}"
        );
    }
    // Errors inside a project name the field, not the program's types.
    let unknown = good.replacen("  claims: [", "  claimz: [", 1);
    let msg = from_ron(&unknown, "p.factdesk.ron")
        .unwrap_err()
        .to_string();
    assert!(!msg.contains("`Project`"), "{msg}");
}

#[test]
fn saving_into_a_missing_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder/p.factdesk.ron");
    let msg = save(&path, &sample_project()).unwrap_err().to_string();
    assert!(msg.contains("does not exist"), "{msg}");
    assert!(
        !msg.contains("/.p.factdesk.ron."),
        "no temporary file name: {msg}"
    );
}

#[test]
fn what_would_not_load_is_not_written() {
    let path = Path::new("big.factdesk.ron");
    assert!(check_size(path, MAX_PROJECT_BYTES as usize).is_ok());
    let err = check_size(path, MAX_PROJECT_BYTES as usize + 1).unwrap_err();
    assert!(matches!(err, SaveError::TooLarge { .. }), "{err}");
}

#[test]
fn save_keeps_backup_and_replaces_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.factdesk.ron");
    let mut p = sample_project();
    save(&path, &p).unwrap();
    let first = std::fs::read_to_string(&path).unwrap();
    p.claims[1].verdict = Verdict::FALSE;
    save(&path, &p).unwrap();
    assert_eq!(std::fs::read_to_string(backup_path(&path)).unwrap(), first);
    assert_eq!(
        load(&path).unwrap().project.claims[1].verdict,
        Verdict::FALSE
    );
    // No temporary files are left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn failed_write_leaves_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.factdesk.ron");
    let p = sample_project();
    save(&path, &p).unwrap();
    let before = std::fs::read(&path).unwrap();
    let bytes = to_ron(&p).unwrap().replace("Unreviewed", "Verified");
    // A disk that fills up halfway through the write.
    let err = write_atomic(
        &path,
        bytes.as_bytes(),
        |file, b| {
            file.write_all(&b[..b.len() / 2])?;
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "No space left on device",
            ))
        },
        true,
    )
    .unwrap_err();
    assert!(err.to_string().contains("No space left on device"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(load(&path).is_ok());
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn malformed_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.factdesk.ron");
    std::fs::write(&path, "(format_version: 1, article: (").unwrap();
    let err = save(&path, &sample_project()).unwrap_err();
    assert!(
        matches!(err, SaveError::WouldOverwriteUnreadable { .. }),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "(format_version: 1, article: ("
    );
}

#[test]
fn spans_outside_the_text_are_repaired_or_reported() {
    let mut p = sample_project();
    let moved = p.claims[2].clone();
    p.claims[2].start += 5;
    p.claims[2].end += 5;
    p.claims[3].start = 1_000_000;
    p.claims[3].end = 1_000_010;
    p.claims[4].text = "A sentence that is nowhere in the article.".into();
    let text = to_ron(&p).unwrap();
    let loaded = from_ron(&text, "mem").unwrap();
    assert_eq!(
        loaded.warnings.len(),
        1,
        "one summary: {:?}",
        loaded.warnings
    );
    assert!(
        loaded.warnings[0].starts_with("3 claims"),
        "{:?}",
        loaded.warnings
    );
    assert_eq!(loaded.project.claims[2].start, moved.start);
    assert_eq!(
        loaded.project.claims[3].start,
        sample_project().claims[3].start
    );
    assert!(
        !loaded.project.claims[4].has_span(),
        "orphaned, not kept at a wrong span"
    );
    // Nothing is dropped.
    assert_eq!(loaded.project.claims.len(), p.claims.len());
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-zA-Z0-9 .,\"'\\\\#\n\r\t“”()]{0,80}"]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn save_load_round_trip(article in arb_text(), note in arb_text(), title in arb_text(), url in arb_text(), claimant in proptest::option::of(arb_text()), verdict in 0u8..9) {
        let loaded_article = article::Article {
            title,
            text: article.clone(),
            source_path: None,
            format: article::Format::Text,
            encoding: "UTF-8",
        };
        let mut p = Project::from_article(&loaded_article, &ClaimFinder::rules());
        let t = now();
        let found = crate::claims::Claim {
            id: "manual-1".into(),
            text: article.chars().take(3).collect(),
            start: 0,
            end: article.chars().take(3).count(),
            kind: crate::claims::ClaimKind::Event,
            score: 0.5,
            reasons: vec![crate::claims::Reason::Other(note.clone())],
            claimant: claimant.clone(),
        };
        let mut c = crate::project::ProjectClaim::from_claim(found, &article, crate::project::Origin::Manual, t);
        c.note = note;
        c.verdict = p.scale.verdicts[usize::from(verdict)].verdict();
        c.sources.push(Source { url, title: claimant, added: t });
        p.claims.push(c);
        let text = to_ron(&p).unwrap();
        let loaded = from_ron(&text, "mem").unwrap();
        prop_assert_eq!(loaded.project, p);
    }
}

#[test]
fn git_conflict_markers_are_named_and_lines_like_them_in_text_still_open() {
    let text = to_ron(&sample_project()).unwrap();
    let at = text.find("  claims:").unwrap();
    let conflicted = format!(
        "{}<<<<<<< HEAD\n  scale_x: 1,\n=======\n  scale_y: 2,\n>>>>>>> theirs\n{}",
        &text[..at],
        &text[at..]
    );
    let err = from_ron(&conflicted, "p.factdesk.ron")
        .unwrap_err()
        .to_string();
    assert!(err.contains("git left merge conflict markers"), "{err}");
    let line = conflicted[..conflicted.find("<<<<<<<").unwrap()]
        .lines()
        .count()
        + 1;
    assert!(err.starts_with(&format!("p.factdesk.ron:{line}:")), "{err}");
    // The same lines inside a note are just text.
    let mut p = sample_project();
    p.claims[0].note = "<<<<<<< a\n=======\n>>>>>>> b".into();
    let loaded = from_ron(&to_ron(&p).unwrap(), "mem").unwrap();
    assert_eq!(loaded.project.claims[0].note, p.claims[0].note);
}
