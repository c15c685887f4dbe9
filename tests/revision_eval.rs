//! The revision evaluation set: `tests/revisions/NAME.{old,new}.txt` with `NAME.expect`
//! (one line per claim: the expected outcome, a tab, words of the claim's old text — or of
//! the new text for `new`). Prints the share of outcomes re-anchoring gets right:
//!
//! `cargo test --test revision_eval -- --nocapture`

use std::path::Path;

use factdesk::article;
use factdesk::claims::ClaimFinder;
use factdesk::project::{Project, revise};

#[test]
fn revision_outcomes_match_the_labelled_set() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/revisions");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "expect"))
        .collect();
    cases.sort();
    let finder = ClaimFinder::default();
    let (mut right, mut total) = (0, 0);
    for case in &cases {
        let stem = case.file_stem().unwrap().to_str().unwrap();
        let old = article::load_path(&dir.join(format!("{stem}.old.txt"))).unwrap();
        let new = article::load_path(&dir.join(format!("{stem}.new.txt"))).unwrap();
        let before = Project::from_article(&old, &finder);
        let mut after = before.clone();
        after.apply_revision(revise::revise(&before, &new, finder.find(&new.text)));
        for line in std::fs::read_to_string(case).unwrap().lines() {
            let (expected, needle) = line.split_once('\t').expect("outcome<TAB>words");
            total += 1;
            let got = if expected == "new" {
                after
                    .claims
                    .iter()
                    .find(|c| c.text.contains(needle))
                    .map(|c| c.revision.map_or("none", |r| r.name()))
            } else {
                before
                    .claims
                    .iter()
                    .find(|c| c.text.contains(needle))
                    .and_then(|c| after.claim(&c.id))
                    .map(|c| c.revision.map_or("none", |r| r.name()))
            };
            let got = got.unwrap_or("not listed");
            if got == expected {
                right += 1;
            } else {
                println!("{stem}: “{needle}”: expected {expected}, got {got}");
            }
        }
    }
    let share = right as f64 / total as f64;
    println!(
        "revision outcomes: {right} of {total} right ({:.1}%) over {} cases",
        share * 100.0,
        cases.len()
    );
    assert!(total >= 25, "the set has {total} labelled claims");
    assert!(share >= 0.9, "{right} of {total}");
}
