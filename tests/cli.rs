//! Runs the real `factdesk` binary as a user or script would.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn factdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn factdesk_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn sample() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/berlin-talks.txt")
        .display()
        .to_string()
}

/// A temporary folder holding `p.factdesk.ron`, made by `factdesk new` from the sample.
fn sample_project() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.factdesk.ron");
    stdout(&factdesk(&[
        "new",
        &sample(),
        "-o",
        project.to_str().unwrap(),
    ]));
    (dir, project)
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn extract_json_lists_sample_claims_with_valid_spans() {
    let out = stdout(&factdesk(&["extract", &sample(), "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = std::fs::read_to_string(sample()).unwrap();
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(doc["article"]["encoding"], "UTF-8");
    assert!(
        doc["article"]["title"]
            .as_str()
            .unwrap()
            .starts_with("Ukraine and US")
    );
    let claims = doc["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 32);
    let mut seen = std::collections::HashSet::new();
    for c in claims {
        let (start, end) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        let span: String = chars[start..end].iter().collect();
        let t = c["text"].as_str().unwrap();
        assert_eq!(span, t);
        assert!(seen.insert(t.to_string()), "listed twice: {t}");
        assert!(!t.ends_with("U.S.") && !t.ends_with("Dec."), "split: {t}");
        for bad in [
            "_____",
            "With assistance",
            "Distributed by",
            "©",
            "Comments",
        ] {
            assert!(!t.contains(bad), "boilerplate listed: {t}");
        }
        for field in ["id", "kind", "score", "reasons", "claimant"] {
            assert!(c.get(field).is_some(), "missing {field}");
        }
        let score = c["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
    }
    assert!(
        claims
            .iter()
            .any(|c| c["text"].as_str().unwrap().ends_with("on Dec. 2."))
    );
}

#[test]
fn extract_tsv_and_text_formats() {
    let tsv = stdout(&factdesk(&["extract", &sample(), "--format", "tsv"]));
    let mut lines = tsv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id\tstart\tend\tkind\tscore\tclaimant\ttext\treasons"
    );
    assert_eq!(lines.clone().count(), 32);
    assert!(lines.all(|l| l.split('\t').count() == 8));
    let text = stdout(&factdesk(&["extract", &sample(), "--format", "text"]));
    assert!(text.contains("32 claims"));
}

#[test]
fn sentences_json_is_trimmed_strings_and_stdin_works() {
    let out = stdout(&factdesk_stdin(
        &["sentences", "-"],
        b"  Mr. Lee met the U.S. envoy on Dec. 2.  It went well!\n\nNext?  ",
    ));
    let v: Vec<String> = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v,
        [
            "Mr. Lee met the U.S. envoy on Dec. 2.",
            "It went well!",
            "Next?"
        ]
    );
    let text = stdout(&factdesk(&["sentences", &sample(), "--format", "text"]));
    assert!(text.lines().count() > 30);
}

#[test]
fn new_then_show_and_refuse_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("talks.txt");
    std::fs::copy(sample(), &article).unwrap();
    let o = factdesk(&["new", article.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let project = dir.path().join("talks.factdesk.ron");
    assert!(project.exists());
    assert!(String::from_utf8_lossy(&o.stderr).contains("wrote 32 claims"));
    let again = factdesk(&["new", article.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let shown = stdout(&factdesk(&["show", project.to_str().unwrap()]));
    assert!(shown.contains("claims: 32 (0 of 32 reviewed)"), "{shown}");
    assert!(shown.contains("Unreviewed      32"));
    let custom = dir.path().join("other.factdesk.ron");
    let o = factdesk(&[
        "new",
        article.to_str().unwrap(),
        "-o",
        custom.to_str().unwrap(),
    ]);
    assert!(o.status.success() && custom.exists());
}

#[test]
fn storage_errors_speak_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.factdesk.ron");
    std::fs::write(&empty, "").unwrap();
    let cut = dir.path().join("cut.factdesk.ron");
    std::fs::write(&cut, "// factdesk project file, format version 2.\n").unwrap();
    for (file, expect) in [
        (sample(), "is not a factdesk project"),
        (empty.display().to_string(), "the file is empty"),
        (cut.display().to_string(), "only a comment (cut short"),
    ] {
        let o = factdesk(&["show", &file]);
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(expect), "{err}");
        assert!(err.contains("factdesk new"), "{err}");
        assert!(
            !err.contains("VersionProbe") && !err.contains("Expected struct"),
            "{err}"
        );
    }
    let missing = dir.path().join("no/such/folder/p.factdesk.ron");
    let o = factdesk(&["new", &sample(), "-o", missing.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("does not exist"), "{err}");
    assert!(!err.contains("/.p.factdesk.ron."), "{err}");
}

#[test]
fn windows_1252_article_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("legacy.txt");
    std::fs::write(
        &path,
        b"The mayor said the caf\xe9 tax rose 7% in 2024 \x96 the highest ever.\n",
    )
    .unwrap();
    let doc: serde_json::Value =
        serde_json::from_str(&stdout(&factdesk(&["extract", path.to_str().unwrap()]))).unwrap();
    assert_eq!(doc["article"]["encoding"], "windows-1252");
    assert_eq!(
        doc["claims"][0]["text"],
        "The mayor said the café tax rose 7% in 2024 – the highest ever."
    );
}

#[test]
fn bad_inputs_fail_with_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let binary = dir.path().join("image.png");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let broken = dir.path().join("broken.factdesk.ron");
    std::fs::write(&broken, "(\n  format_version: 1,\n  article: [oops\n").unwrap();
    for (args, expect) in [
        (vec!["extract", "/no/such/file.txt"], "/no/such/file.txt"),
        (vec!["extract", empty.to_str().unwrap()], "contains no text"),
        (vec!["extract", binary.to_str().unwrap()], "binary"),
        (
            vec!["show", broken.to_str().unwrap()],
            "broken.factdesk.ron:3:",
        ),
    ] {
        let o = factdesk(&args);
        assert!(!o.status.success(), "{args:?} should fail");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(expect), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let o = factdesk(&["extract", &sample(), "--format", "yaml"]);
    assert_eq!(o.status.code(), Some(2), "clap usage errors exit 2");
}

#[test]
fn html_and_markdown_articles() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("a.html");
    std::fs::write(&html, "<html><head><title>T</title><script>x()</script></head><body><nav>Home</nav><p>The agency said exports rose 12% in 2023.</p></body></html>").unwrap();
    let doc: serde_json::Value =
        serde_json::from_str(&stdout(&factdesk(&["extract", html.to_str().unwrap()]))).unwrap();
    assert_eq!(doc["article"]["format"], "html");
    assert_eq!(
        doc["claims"][0]["text"],
        "The agency said exports rose 12% in 2023."
    );
    let md = dir.path().join("a.md");
    std::fs::write(
        &md,
        "# Title\n\nThe **agency** said exports rose [12%](https://x.y) in 2023.\n",
    )
    .unwrap();
    let doc: serde_json::Value =
        serde_json::from_str(&stdout(&factdesk(&["extract", md.to_str().unwrap()]))).unwrap();
    assert_eq!(
        doc["claims"][0]["text"],
        "The agency said exports rose 12% in 2023."
    );
}

#[test]
fn score_prints_one_json_line_per_input_line() {
    let input = "Unemployment fell to 3.9 percent in 2019, the lowest since 1969.\n\nThank you all for coming tonight.\nZürich’s café tax rose 7% in 2024, officials said.\nWas it true?\n";
    let out = stdout(&factdesk_stdin(&["score"], input.as_bytes()));
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines.len(),
        5,
        "one result per input line, empty ones included"
    );
    for (l, text) in lines.iter().zip(input.lines()) {
        assert_eq!(l["text"], text);
        for field in ["score", "checkable", "kind", "reasons"] {
            assert!(l.get(field).is_some(), "{field}");
        }
    }
    assert_eq!(lines[1]["checkable"], false);
    assert_eq!(lines[1]["score"], 0.0);
    assert_eq!(lines[0]["checkable"], true);
    assert_eq!(lines[3]["checkable"], true, "non-ASCII sentence");
    assert_eq!(lines[4]["checkable"], false, "questions are not listed");
    let s = |i: usize| lines[i]["score"].as_f64().unwrap();
    assert!(s(0) > s(2), "a statistic outranks pleasantries");
    assert!(
        lines[0]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().starts_with('+'))
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lines.txt");
    std::fs::write(&file, input).unwrap();
    let from_file = stdout(&factdesk(&["score", file.to_str().unwrap()]));
    assert_eq!(from_file, out);
}

#[test]
fn revise_keeps_work_and_reports_one_summary() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("talks.txt");
    let text = std::fs::read_to_string(sample()).unwrap();
    std::fs::write(&article, &text).unwrap();
    let project = dir.path().join("talks.factdesk.ron");
    stdout(&factdesk(&["new", article.to_str().unwrap()]));
    // Review the first claim by editing the file as a script would.
    let ron = std::fs::read_to_string(&project).unwrap();
    std::fs::write(
        &project,
        ron.replacen("verdict: \"Unreviewed\"", "verdict: \"Verified\"", 1),
    )
    .unwrap();

    let first_paragraph_end = text.find("\n\n").unwrap();
    let edited = format!(
        "{}\n\nThe ministry said 42 new schools opened in 2026.{}",
        &text[..first_paragraph_end],
        &text[first_paragraph_end..]
    );
    let new_article = dir.path().join("talks-v2.txt");
    std::fs::write(&new_article, &edited).unwrap();
    let out_path = dir.path().join("v2.factdesk.ron");
    let o = factdesk(&[
        "revise",
        project.to_str().unwrap(),
        new_article.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    let summary = stdout(&o);
    assert!(
        summary.contains("32 unchanged") && summary.contains("1 new"),
        "{summary}"
    );
    assert_eq!(summary.lines().count(), 1);
    let shown = stdout(&factdesk(&["show", out_path.to_str().unwrap()]));
    assert!(shown.contains("Verified"), "{shown}");
    assert!(shown.contains("42 new schools"), "{shown}");

    // Bad articles: a clear error naming the file, the project untouched.
    let before = std::fs::read(&project).unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.path().join("photo.jpg");
    std::fs::write(&binary, b"\xff\xd8\xff\xe0\0\x10JFIF\0\0\0\0").unwrap();
    for bad in [&empty, &binary, &dir.path().join("missing.txt")] {
        let o = factdesk(&["revise", project.to_str().unwrap(), bad.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(bad.file_name().unwrap().to_str().unwrap()),
            "{err}"
        );
        assert_eq!(std::fs::read(&project).unwrap(), before);
    }
}

#[test]
fn scales_are_listed_and_chosen_for_new_projects() {
    let listed = stdout(&factdesk(&["scales"]));
    for expect in [
        "factdesk",
        "Pants on Fire",
        "Half True",
        "Full Fact",
        "conclusion, no rating",
    ] {
        assert!(listed.contains(expect), "{expect}: {listed}");
    }
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.factdesk.ron");
    let o = factdesk(&[
        "new",
        &sample(),
        "-o",
        project.to_str().unwrap(),
        "--scale",
        "PolitiFact",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ron = std::fs::read_to_string(&project).unwrap();
    assert!(
        ron.contains("name: \"Pants on Fire\""),
        "the scale travels with the project"
    );

    // A custom scale: the RON a preset prints, renamed, is accepted...
    let custom = dir.path().join("desk.scale.ron");
    let text = stdout(&factdesk(&["scales", "--ron", "factdesk"]))
        .replace("name: \"factdesk\"", "name: \"Our desk\"");
    std::fs::write(&custom, &text).unwrap();
    let p2 = dir.path().join("p2.factdesk.ron");
    let o = factdesk(&[
        "new",
        &sample(),
        "-o",
        p2.to_str().unwrap(),
        "--scale",
        custom.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // ...and a malformed one is refused with its line and column, nothing written.
    std::fs::write(&custom, text.replacen("color: \"#", "color: \"blue", 1)).unwrap();
    let p3 = dir.path().join("p3.factdesk.ron");
    let o = factdesk(&[
        "new",
        &sample(),
        "-o",
        p3.to_str().unwrap(),
        "--scale",
        custom.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success() && !p3.exists());
    let line = text.lines().position(|l| l.contains("color: \"#")).unwrap() + 1;
    assert!(err.contains(&format!("desk.scale.ron:{line}:")), "{err}");
    let o = factdesk(&[
        "new",
        &sample(),
        "-o",
        p3.to_str().unwrap(),
        "--scale",
        "truth-o-meter-2",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no verdict scale called") && err.contains("politifact"),
        "{err}"
    );
}

#[test]
fn misspelled_subcommand_gets_did_you_mean_and_missing_file_is_named() {
    let o = factdesk(&["exract", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("did you mean 'extract'"), "{err}");
    let o = factdesk(&["no-such-article.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no-such-article.txt: no such file"), "{err}");
}

#[test]
fn window_without_a_display_says_so_plainly() {
    let o = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .arg(sample())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no graphical display was found"), "{err}");
    assert!(err.contains("subcommands work without one"), "{err}");
    assert!(!err.contains(".cargo"), "no source paths: {err}");
}

#[test]
fn help_describes_every_argument_and_the_report_formats() {
    let help = stdout(&factdesk(&["report", "--help"]));
    for needle in [
        "Project file",
        "md",
        "Markdown for editors",
        "claimreview",
        "ClaimReview JSON-LD",
        "File to write",
    ] {
        assert!(help.contains(needle), "{needle} missing from:\n{help}");
    }
    for sub in ["extract", "sentences", "new", "show", "score"] {
        let help = stdout(&factdesk(&[sub, "--help"]));
        let args = help.split("Arguments:").nth(1).unwrap_or_default();
        // Every argument line has a description after its name.
        for line in args.lines().take_while(|l| !l.trim().is_empty()) {
            assert!(
                line.split_whitespace().count() >= 2,
                "{sub}: undescribed argument {line:?}"
            );
        }
    }
}

#[test]
fn show_counts_add_up_with_dismissed_claims() {
    let (_dir, project) = sample_project();
    let text = std::fs::read_to_string(&project).unwrap();
    let text = text
        .replacen("verdict: \"Unreviewed\"", "verdict: \"NotAClaim\"", 1)
        .replacen("verdict: \"Unreviewed\"", "verdict: \"Verified\"", 1);
    std::fs::write(&project, text).unwrap();
    let out = stdout(&factdesk(&["show", project.to_str().unwrap()]));
    assert!(
        out.contains("claims: 32 (1 dismissed; 1 of the other 31 reviewed)"),
        "{out}"
    );
}

#[test]
fn report_never_replaces_a_project_and_asks_for_force_over_a_file() {
    let (dir, project) = sample_project();
    let before = std::fs::read_to_string(&project).unwrap();
    let p = project.to_str().unwrap();
    let o = factdesk(&["report", p, "--format", "csv", "-o", p]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("never replaces a project"));
    assert_eq!(std::fs::read_to_string(&project).unwrap(), before);
    let article = dir.path().join("article.html");
    std::fs::write(&article, "<p>mine</p>").unwrap();
    let a = article.to_str().unwrap();
    let o = factdesk(&["report", p, "--format", "html", "-o", a]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&article).unwrap(), "<p>mine</p>");
    let o = factdesk(&["report", p, "--format", "html", "-o", a, "--force"]);
    assert!(o.status.success());
    assert!(
        dir.path().join("article.html.bak").exists(),
        "the old file is kept"
    );
}

#[test]
fn eval_listing_prints_its_figures_and_names_bad_input() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval/listing");
    let out = stdout(&factdesk(&["eval-listing", dir.to_str().unwrap()]));
    assert!(out.contains("claims listed (recall):"), "{out}");
    assert!(out.contains("furniture listed (errors):  0/"), "{out}");
    let missing = factdesk(&["eval-listing", "/nonexistent/folder"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/folder"));
}

#[test]
fn extract_keeps_addresses_whole_and_leaves_code_and_furniture_out() {
    let md = "# Notes\n\nHer address is Jane.Doe@example.com. The council approved $5 million on Monday.\n\n```\nlet said = 90; // 5 people said 90%.\n```\n\nChart by A. Person/Agency, using data from the Census Bureau.\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.md");
    std::fs::write(&path, md).unwrap();
    let out = stdout(&factdesk(&["extract", path.to_str().unwrap()]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let texts: Vec<&str> = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        vec!["The council approved $5 million on Monday."],
        "{out}"
    );
    let sentences = stdout(&factdesk(&["sentences", path.to_str().unwrap()]));
    assert!(
        sentences.contains("\"Her address is Jane.Doe@example.com.\""),
        "{sentences}"
    );
}

#[test]
fn eval_claimants_scores_a_labelled_folder_and_names_a_bad_label() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "“Prices act like a brake,” said economist Jane Roe of the Federal Reserve Bank of Boston.⟦Jane Roe⟧ \
         “Households pull back.”⟦Jane Roe⟧\nPrices rose 3% in May.⟦-⟧\n",
    )
    .unwrap();
    let out = stdout(&factdesk(&[
        "eval-claimants",
        dir.path().to_str().unwrap(),
        "--verbose",
    ]));
    assert!(out.contains("a.txt\t2/2"), "{out}");
    assert!(
        out.contains("claimant accuracy: 2/2 = 100.0% of attributed sentences"),
        "{out}"
    );
    assert!(out.contains("claimant invented: 0/1"), "{out}");

    std::fs::write(dir.path().join("b.txt"), "One.\nTwo.⟦Jane\n").unwrap();
    let failed = factdesk(&["eval-claimants", dir.path().to_str().unwrap()]);
    assert!(!failed.status.success());
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(err.contains("b.txt") && err.contains("line 2"), "{err}");
}

#[test]
fn writers_say_when_the_project_is_open_in_a_window_and_write_it_in_place() {
    use factdesk::project::disk::lock;
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("talks.txt");
    std::fs::copy(sample(), &article).unwrap();
    let project = dir.path().join("talks.factdesk.ron");
    stdout(&factdesk(&["new", article.to_str().unwrap()]));
    // A window (this test process) has it open.
    let held = lock::acquire(&project).unwrap();
    assert!(matches!(held, lock::Acquired::Locked { .. }));
    let o = factdesk(&["new", "--force", article.to_str().unwrap()]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is open in a factdesk window"), "{err}");
    assert!(err.contains(&std::process::id().to_string()), "{err}");
    // revise back over the project it read: written in place, the lock left alone.
    let o = factdesk(&[
        "revise",
        project.to_str().unwrap(),
        article.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("open in a factdesk window"));
    assert!(lock::lock_path(&project).exists());
    // revise into it from another project (-o): the same note.
    let other = dir.path().join("other.factdesk.ron");
    std::fs::copy(&project, &other).unwrap();
    let o = factdesk(&[
        "revise",
        other.to_str().unwrap(),
        article.to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("open in a factdesk window"));
    // merge over it: the same note.
    let copy = dir.path().join("copy.factdesk.ron");
    std::fs::copy(&project, &copy).unwrap();
    let o = factdesk(&[
        "merge",
        copy.to_str().unwrap(),
        project.to_str().unwrap(),
        copy.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("open in a factdesk window"));
    drop(held);
    assert!(!lock::lock_path(&project).exists());
}

/// A full disk is named as the output's problem, for every format, and nothing panics.
#[cfg(target_os = "linux")]
#[test]
fn a_full_output_is_a_clear_error() {
    for format in ["json", "tsv", "text"] {
        let o = Command::new(env!("CARGO_BIN_EXE_factdesk"))
            .args(["extract", "--format", format, &sample()])
            .stdout(std::fs::File::create("/dev/full").expect("/dev/full exists on Linux"))
            .output()
            .expect("the binary runs");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{format}: {err}");
        assert!(
            err.contains("could not write the output") && err.contains("No space left"),
            "{format}: {err}"
        );
        assert!(!err.contains("panicked"), "{format}: {err}");
    }
}
