//! The claim library and `factdesk match`, through the real binary (and the library API for
//! reading while another process writes).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use factdesk::library::Library;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/library")
        .join(name)
        .display()
        .to_string()
}

/// Runs factdesk with a private data folder, so no test touches the user's library.
fn factdesk(home: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factdesk"));
    cmd.args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("FACTDESK_LIBRARY")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .stdin(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("the binary runs");
    let input = stdin.unwrap_or("").to_string();
    let mut pipe = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let _ = pipe.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&o.stderr),
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

struct Setup {
    _tmp: tempfile::TempDir,
    home: PathBuf,
    lib: String,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().to_path_buf();
    let lib = home.join("lib").display().to_string();
    Setup {
        _tmp: tmp,
        home,
        lib,
    }
}

fn add(s: &Setup, paths: &[&str]) -> Output {
    let mut args = vec!["library", "add"];
    args.extend(paths);
    args.extend(["--library", &s.lib]);
    factdesk(&s.home, &args, None)
}

fn list_ids(s: &Setup) -> Vec<String> {
    let out = ok(&factdesk(
        &s.home,
        &["library", "list", "--library", &s.lib],
        None,
    ));
    let mut ids: Vec<String> = out
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn single_claimreview_object_keeps_url_rating_claimant_and_date() {
    let s = setup();
    let out = ok(&add(&s, &[&fixture("claimreview-one.json")]));
    assert!(
        out.contains("added https://checks.example.org/2026/deficit-doubled: The federal deficit"),
        "{out}"
    );
    let lib = Library::open(Path::new(&s.lib)).unwrap();
    let entries = lib.entries().unwrap();
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_eq!(e.verdict, "Mostly false");
    assert_eq!(e.claimant, "Senator Jane Roe");
    assert_eq!(e.organisation, "Example Checks");
    assert_eq!(e.origin, "Example Checks");
    assert_eq!(e.date, "2026-10-02");
    assert_eq!(e.title, "No, the deficit has not doubled since 2019");
    assert_eq!(e.sources, vec!["https://news.example.com/roe-speech"]);
}

#[test]
fn claimreview_array_skips_bad_objects_with_their_json_path() {
    let s = setup();
    let out = ok(&add(&s, &[&fixture("claimreview-array.jsonld")]));
    assert!(
        out.contains("added https://checks.example.org/#wind-turbines:"),
        "{out}"
    );
    assert!(
        out.contains("added https://checks.example.org/bridge-cost:"),
        "{out}"
    );
    assert!(
        out.contains("skipped ") && out.contains("$[1]: ClaimReview without claimReviewed"),
        "{out}"
    );
    assert!(out.contains("$[2]: expected a ClaimReview object"), "{out}");
    assert!(
        out.contains("2 added, 0 updated, 0 unchanged, 2 skipped"),
        "{out}"
    );
    let lib = Library::open(Path::new(&s.lib)).unwrap();
    let bridge = lib
        .entries()
        .unwrap()
        .into_iter()
        .find(|e| e.id.ends_with("bridge-cost"))
        .unwrap();
    assert_eq!(bridge.verdict, "3/5");
}

#[test]
fn datafeed_items_are_read_directly_and_inside_datafeeditem() {
    let s = setup();
    let out = ok(&add(&s, &[&fixture("claimreview-feed.json")]));
    assert!(
        out.contains("added https://checks.example.org/unemployment-record-low:"),
        "{out}"
    );
    assert!(
        out.contains("added https://checks.example.org/vaccine-dna:"),
        "{out}"
    );
    assert!(
        out.contains("$.dataFeedElement[2].item: ClaimReview without claimReviewed"),
        "{out}"
    );
    let lib = Library::open(Path::new(&s.lib)).unwrap();
    let low = lib
        .entries()
        .unwrap()
        .into_iter()
        .find(|e| e.id.ends_with("record-low"))
        .unwrap();
    assert_eq!(low.date, "2026-08-01");
    assert_eq!(low.origin, "Feed Checkers");
}

#[test]
fn html_page_claimreview_is_found_and_a_broken_script_reported_with_its_line() {
    let s = setup();
    let out = ok(&add(&s, &[&fixture("page.html")]));
    assert!(
        out.contains("added https://checks.example.org/fountain-12-million:"),
        "{out}"
    );
    // The third ld+json script (line 23) is cut off; the NewsArticle one is not a problem.
    assert!(out.contains("page.html: line 23, column"), "{out}");
    assert!(out.contains("not valid JSON"), "{out}");
    assert!(!out.contains("NewsArticle"), "{out}");
    assert!(
        out.contains("1 added, 0 updated, 0 unchanged, 1 skipped"),
        "{out}"
    );
}

#[test]
fn csv_rows_keep_their_ids_and_bad_rows_are_reported_by_line() {
    let s = setup();
    let out = ok(&add(&s, &[&fixture("checks.csv")]));
    for id in ["T-001", "T-002", "T-004"] {
        assert!(out.contains(&format!("added {id}: ")), "{id}: {out}");
    }
    assert!(
        out.contains("checks.csv: line 4: empty `claim` cell"),
        "{out}"
    );
    assert!(
        out.contains("checks.csv: line 6: the row has 1 cells"),
        "{out}"
    );
    assert_eq!(list_ids(&s), vec!["T-001", "T-002", "T-004"]);
    let lib = Library::open(Path::new(&s.lib)).unwrap();
    let t1 = lib
        .entries()
        .unwrap()
        .into_iter()
        .find(|e| e.id == "T-001")
        .unwrap();
    assert_eq!(t1.verdict, "Misleading");
    assert_eq!(t1.claimant, "Interior minister");
    assert_eq!(t1.url, "https://table.example.org/crime-40");
    assert_eq!(t1.title, "Did crime rise 40%?");
}

#[test]
fn tsv_without_id_column_gets_stable_ids_and_a_table_without_claim_is_refused() {
    let s = setup();
    let out = ok(&add(&s, &[&fixture("checks.tsv")]));
    assert!(out.contains("2 added"), "{out}");
    let first = list_ids(&s);
    assert_eq!(first.len(), 2);
    let again = ok(&add(&s, &[&fixture("checks.tsv")]));
    assert!(again.contains("0 added, 0 updated, 2 unchanged"), "{again}");
    assert_eq!(list_ids(&s), first);

    let bad = add(&s, &[&fixture("no-claim-column.tsv")]);
    assert!(!bad.status.success());
    let text = String::from_utf8_lossy(&bad.stdout);
    assert!(text.contains("names no `claim` column"), "{text}");
}

#[test]
fn adding_again_updates_instead_of_duplicating() {
    let s = setup();
    let dir = s.home.join("tables");
    std::fs::create_dir_all(&dir).unwrap();
    let table = dir.join("t.csv");
    std::fs::write(
        &table,
        "id,claim,verdict\nA1,Bread prices doubled in a year.,False\n",
    )
    .unwrap();
    let table = table.display().to_string();
    assert!(ok(&add(&s, &[&table])).contains("added A1:"));
    assert!(ok(&add(&s, &[&table])).contains("unchanged A1:"));
    std::fs::write(
        &table,
        "id,claim,verdict\nA1,Bread prices doubled in a year.,Misleading\n",
    )
    .unwrap();
    assert!(ok(&add(&s, &[&table])).contains("updated A1:"));
    assert_eq!(list_ids(&s), vec!["A1"]);
    let list = ok(&factdesk(
        &s.home,
        &["library", "list", "--library", &s.lib],
        None,
    ));
    assert!(list.contains("Misleading"), "{list}");
}

#[test]
fn folders_are_read_recursively_and_projects_give_their_reviewed_claims() {
    let s = setup();
    let root = s.home.join("work");
    let nested = root.join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::copy(fixture("checks.tsv"), nested.join("checks.tsv")).unwrap();
    std::fs::copy(fixture("claimreview-one.json"), root.join("one.json")).unwrap();
    let project = root.join("a/council.factdesk.ron");
    let v1 = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.factdesk.ron");
    std::fs::copy(v1, &project).unwrap();
    std::fs::write(root.join("notes.txt"), "not for the library").unwrap();
    let out = ok(&add(&s, &[&root.display().to_string()]));
    // The fixture project has one Verified and one Unreviewed claim.
    assert!(
        out.contains("added c0adb06a4: The council approved"),
        "{out}"
    );
    assert!(!out.contains("cc4f5acc7"), "{out}");
    assert!(out.contains("3 files read: 4 added"), "{out}");
    assert!(!out.contains("notes.txt"), "{out}");

    // The project file is gone: prune reports and removes its entries only.
    std::fs::remove_file(&project).unwrap();
    let dry = ok(&factdesk(
        &s.home,
        &["library", "prune", "--dry-run", "--library", &s.lib],
        None,
    ));
    assert!(dry.contains("would remove c0adb06a4"), "{dry}");
    assert_eq!(list_ids(&s).len(), 4);
    let pruned = ok(&factdesk(
        &s.home,
        &["library", "prune", "--library", &s.lib],
        None,
    ));
    assert!(
        pruned.contains("removed c0adb06a4: project file"),
        "{pruned}"
    );
    assert!(
        pruned.contains("removed 1 entries whose project file is gone; 3 left"),
        "{pruned}"
    );
    assert!(!list_ids(&s).contains(&"c0adb06a4".to_string()));
    let stats = ok(&factdesk(
        &s.home,
        &["library", "stats", "--library", &s.lib],
        None,
    ));
    assert!(stats.contains("entries: 3"), "{stats}");
    assert!(stats.contains("from tables: 2"), "{stats}");
}

fn all_fixtures(s: &Setup) {
    ok(&add(
        s,
        &[
            &fixture("claimreview-one.json"),
            &fixture("claimreview-array.jsonld"),
            &fixture("claimreview-feed.json"),
            &fixture("page.html"),
            &fixture("checks.csv"),
            &fixture("checks.tsv"),
        ],
    ));
}

#[test]
fn match_prints_one_json_object_per_line_best_first_with_why() {
    let s = setup();
    all_fixtures(&s);
    let input = "Senator Roe says the deficit doubled since 2019\n\nDid the city really pay $12 million for a fountain in Riverside Park?\n";
    let out = ok(&factdesk(
        &s.home,
        &["match", "-", "--library", &s.lib, "--top", "3"],
        Some(input),
    ));
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[0]["text"],
        "Senator Roe says the deficit doubled since 2019"
    );
    let first = &lines[0]["matches"][0];
    assert_eq!(
        first["id"],
        "https://checks.example.org/2026/deficit-doubled"
    );
    assert_eq!(first["verdict"], "Mostly false");
    assert_eq!(
        first["url"],
        "https://checks.example.org/2026/deficit-doubled"
    );
    assert_eq!(first["origin"], "Example Checks");
    let why: Vec<&str> = first["why"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(why.contains(&"shared figures: 2019"), "{why:?}");
    assert!(
        why.iter()
            .any(|w| w.starts_with("key words:") && w.contains("deficit")),
        "{why:?}"
    );
    assert!(lines[1]["matches"].as_array().unwrap().is_empty());
    let fountain = &lines[2]["matches"][0];
    assert_eq!(
        fountain["id"],
        "https://checks.example.org/fountain-12-million"
    );
    let scores: Vec<f64> = lines[2]["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(scores[0] > 0.0 && scores[0] <= 1.0);
    assert!(lines[2]["matches"].as_array().unwrap().len() <= 3);
}

#[test]
fn match_a_project_matches_every_claim() {
    let s = setup();
    all_fixtures(&s);
    let v1 = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.factdesk.ron");
    let out = ok(&factdesk(
        &s.home,
        &["match", &v1.display().to_string(), "--library", &s.lib],
        None,
    ));
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["claim_id"], "c0adb06a4");
    assert!(
        lines[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("The council approved")
    );
    // Once the project is in the library itself, a claim does not match its own entry.
    let copy = s.home.join("v1.factdesk.ron");
    std::fs::copy(&v1, &copy).unwrap();
    ok(&factdesk(
        &s.home,
        &[
            "library",
            "add",
            &copy.display().to_string(),
            "--library",
            &s.lib,
        ],
        None,
    ));
    let out = ok(&factdesk(
        &s.home,
        &["match", &copy.display().to_string(), "--library", &s.lib],
        None,
    ));
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for m in v["matches"].as_array().unwrap() {
            // Neither the claim's own entry nor a sibling of the same project.
            assert!(
                !m["origin"]
                    .as_str()
                    .unwrap()
                    .contains(s.home.to_str().unwrap()),
                "a claim matched an entry of its own project: {m}"
            );
        }
    }
}

#[test]
fn library_location_comes_from_the_environment_or_the_data_folder() {
    let s = setup();
    let env_lib = s.home.join("env-lib");
    let out = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(["library", "add", &fixture("checks.tsv")])
        .env("HOME", &s.home)
        .env("XDG_DATA_HOME", s.home.join("data"))
        .env("FACTDESK_LIBRARY", &env_lib)
        .output()
        .unwrap();
    ok(&out);
    assert!(env_lib.join("meta.json").exists());
    ok(&factdesk(
        &s.home,
        &["library", "add", &fixture("checks.tsv")],
        None,
    ));
    assert!(s.home.join("data/factdesk/library/meta.json").exists());
}

#[test]
fn a_newer_or_broken_library_is_refused_with_a_message() {
    let s = setup();
    ok(&add(&s, &[&fixture("checks.tsv")]));
    let stamp = Path::new(&s.lib).join("factdesk-library.json");
    std::fs::write(&stamp, "{\"format_version\": 99}").unwrap();
    let o = factdesk(
        &s.home,
        &["match", "-", "--library", &s.lib],
        Some("tunnel"),
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("written by a newer factdesk (library version 99"),
        "{err}"
    );

    std::fs::write(&stamp, "{\"format_version\": 1}").unwrap();
    std::fs::write(Path::new(&s.lib).join("meta.json"), "{ not json").unwrap();
    let o = factdesk(&s.home, &["library", "list", "--library", &s.lib], None);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("is damaged or not a factdesk library"),
        "{err}"
    );
}

#[test]
fn reading_works_while_another_process_writes() {
    let s = setup();
    ok(&add(&s, &[&fixture("checks.tsv")]));
    let big = s.home.join("big.csv");
    let mut text = String::from("id,claim\n");
    for i in 0..30_000 {
        text.push_str(&format!(
            "B{i},Claim number {i} about the harbour tunnel and {} buses\n",
            i % 97
        ));
    }
    std::fs::write(&big, text).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args([
            "library",
            "add",
            &big.display().to_string(),
            "--library",
            &s.lib,
        ])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut reads = 0;
    let mut last = 0;
    loop {
        let done = child.try_wait().unwrap().is_some();
        let lib = Library::open(Path::new(&s.lib)).expect("opens while another process writes");
        let hits = lib
            .search("tunnel under the bay", 5)
            .expect("searches while writing");
        assert!(!hits.is_empty());
        let n = lib.len();
        assert!(n >= last, "entries never go backwards");
        assert!(
            n == 2 || n == 30_002,
            "a reader sees whole commits only: {n}"
        );
        last = n;
        reads += 1;
        if done {
            break;
        }
    }
    assert!(child.wait().unwrap().success());
    assert!(reads > 1);
    assert_eq!(Library::open(Path::new(&s.lib)).unwrap().len(), 30_002);
}

#[test]
fn saving_a_project_again_replaces_its_entries() {
    let s = setup();
    let v1 = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.factdesk.ron");
    let path = s.home.join("council.factdesk.ron");
    std::fs::copy(&v1, &path).unwrap();
    let mut project = factdesk::project::storage::load(&path).unwrap().project;
    let lib = Library::open(Path::new(&s.lib)).unwrap();
    let first = lib.add_project(&path, &project).unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].1, factdesk::library::AddOutcome::Added);

    // The other claim is reviewed now, the first one set back to Unreviewed.
    project.claims[0].verdict = factdesk::project::Verdict::UNREVIEWED;
    project.claims[1].verdict = factdesk::project::Verdict::FALSE;
    lib.add_project(&path, &project).unwrap();
    let ids: Vec<String> = lib.entries().unwrap().into_iter().map(|e| e.id).collect();
    assert_eq!(ids, vec!["cc4f5acc7"]);
    let m = lib
        .match_claims(&["Zürich's café tax rose 7% in 2024"], 1)
        .unwrap();
    assert_eq!(m[0][0].id, "cc4f5acc7");
    assert_eq!(m[0][0].verdict, "False");
    assert!(
        m[0][0]
            .why
            .iter()
            .any(|w| w.to_string() == "shared figures: 7%, 2024"),
        "{:?}",
        m[0][0].why
    );
}
