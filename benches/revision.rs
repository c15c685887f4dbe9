//! Revising and merging large projects, with same-run baselines.
//!
//! - `revise_1mb`: a 1 MB article with ~6,000 claims, 10% of its paragraphs changed (a figure
//!   edited, a sentence reworded, a paragraph deleted or added), given the claims found on the
//!   new text; `revise_1mb_with_finding` adds the claim finding `factdesk revise` does.
//!   Baseline: claim finding alone on the same text.
//! - `merge_10k`: two 10,000-claim projects, one side reviewing every fifth claim, the other
//!   every seventh (the claims both touched conflict on verdict and note).
//!   Baseline: cloning one project (the merge's floor: it builds one new project).
//! - `autosave_50mb`: what writing a 50 MB article's whole project costs (the first autosave
//!   snapshot, and every save) against what each later autosave writes: the journal line of
//!   the edits since (`autosave_50mb_journal_line`); sizes are printed once.
//!
//! Run: `cargo bench --bench revision`

use factdesk::article::{Article, Format};
use factdesk::claims::ClaimFinder;
use factdesk::project::{Project, Source, Verdict, merge, now, revise, storage};

fn main() {
    divan::main();
}

const SENTENCES: [&str; 8] = [
    "The council of district {i} approved a ${a}.{b} million budget for parks and road repairs on Monday, the mayor said after a meeting that ran late into the night.",
    "Unemployment in region {i} fell to a {a}-year low of {b}.1% in March, according to the statistics office, which revised its figure for February upwards.",
    "Officials said {a},{b}00 homes would be built in zone {i} by 2027, most of them on former industrial land owned by the city and the regional government.",
    "The minister told reporters that plan {i} \"will cost nothing\" in its first {a} years, a claim that opposition lawmakers disputed in parliament on Tuesday.",
    "Police reported {a}{b} arrests during protest number {i} on Friday, when several thousand people marched through the centre of the capital against the law.",
    "The union said {a},{b}50 members in branch {i} joined the strike over pay and pensions, which closed schools and hospitals across the region for two days.",
    "Exports from port {i} rose {a}.{b}% in 2024, the trade ministry said, driven by record shipments of grain and steel to customers in Asia and the Middle East.",
    "A survey of {a}{b}0 residents of town {i} found that 61% backed the proposal to build a new bridge, while 29% opposed it and the rest were undecided.",
];

fn sentence(k: usize, i: usize) -> String {
    SENTENCES[k % SENTENCES.len()]
        .replace("{i}", &i.to_string())
        .replace("{a}", &(i % 37 + 2).to_string())
        .replace("{b}", &(i % 9 + 1).to_string())
}

/// An article of about `bytes` bytes: paragraphs of four distinct checkable sentences.
fn article_text(bytes: usize) -> String {
    let mut text = String::from("Regional Report\n\n");
    let mut i = 0;
    while text.len() < bytes {
        let para: Vec<String> = (0..4).map(|k| sentence(k + i, i * 4 + k)).collect();
        text.push_str(&para.join(" "));
        text.push_str("\n\n");
        i += 1;
    }
    text
}

/// The same article with every tenth paragraph changed, four ways in turn.
fn revised_text(text: &str) -> String {
    let mut out = Vec::new();
    for (n, para) in text.split("\n\n").enumerate() {
        if n % 10 != 5 {
            out.push(para.to_string());
            continue;
        }
        match (n / 10) % 4 {
            0 => out.push(
                para.replacen("-year low", "-year high", 1)
                    .replacen("rose", "fell", 1)
                    .replacen(" said", " stated", 1),
            ),
            1 => out.push(para.replacen("The ", "According to officials, the ", 1)),
            2 => {} // deleted
            _ => {
                out.push(para.to_string());
                out.push(format!(
                    "A new report said {n} schools in the region closed in 2025."
                ));
            }
        }
    }
    out.join("\n\n")
}

fn article(text: String) -> Article {
    Article {
        title: "Regional Report".into(),
        text,
        source_path: None,
        format: Format::Text,
        encoding: "UTF-8",
    }
}

fn reviewed(p: &mut Project, every: usize, verdict: Verdict, tag: &str) {
    for (i, c) in p.claims.iter_mut().enumerate() {
        if i % every == 0 {
            c.verdict = verdict.clone();
            c.note = format!("{tag} checked {i}.");
            c.sources.push(Source {
                url: format!("https://example.org/{tag}/{i}"),
                title: None,
                added: now(),
            });
        }
    }
}

#[divan::bench(sample_count = 20)]
fn revise_1mb(bencher: divan::Bencher) {
    let old = article(article_text(1_000_000));
    let mut p = Project::from_article(&old, &ClaimFinder::default());
    reviewed(&mut p, 3, Verdict::VERIFIED, "a");
    let new = article(revised_text(&old.text));
    let found = ClaimFinder::default().find(&new.text);
    eprintln!(
        "revise_1mb: {} claims, {} bytes",
        p.claims.len(),
        old.text.len()
    );
    bencher
        .with_inputs(|| found.clone())
        .bench_values(|found| revise::revise(&p, &new, found).summary);
}

#[divan::bench(sample_count = 20)]
fn revise_1mb_with_finding(bencher: divan::Bencher) {
    let old = article(article_text(1_000_000));
    let p = Project::from_article(&old, &ClaimFinder::default());
    let new = article(revised_text(&old.text));
    let finder = ClaimFinder::default();
    bencher.bench(|| revise::revise(&p, &new, finder.find(&new.text)).summary);
}

/// Baseline for the revision: finding the claims of the same new text.
#[divan::bench(sample_count = 20)]
fn baseline_find_claims_1mb(bencher: divan::Bencher) {
    let old = article(article_text(1_000_000));
    let new = revised_text(&old.text);
    let finder = ClaimFinder::default();
    bencher.bench(|| finder.find(&new).len());
}

fn merge_inputs() -> (Project, Project, Project) {
    let base = Project::from_article(&article(article_text(1_650_000)), &ClaimFinder::rules());
    assert!(base.claims.len() >= 10_000, "{}", base.claims.len());
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    reviewed(&mut ours, 5, Verdict::VERIFIED, "ours");
    reviewed(&mut theirs, 7, Verdict::FALSE, "theirs");
    (base, ours, theirs)
}

#[divan::bench(sample_count = 20)]
fn merge_10k(bencher: divan::Bencher) {
    let (base, ours, theirs) = merge_inputs();
    let m = merge::merge(&base, &ours, &theirs).unwrap();
    eprintln!(
        "merge_10k: {} claims, {} conflicts",
        m.project.claims.len(),
        m.conflicts
    );
    bencher.bench(|| merge::merge(&base, &ours, &theirs).unwrap().conflicts);
}

/// Baseline for the merge: one clone of a side.
#[divan::bench(sample_count = 20)]
fn baseline_clone_10k(bencher: divan::Bencher) {
    let (_, ours, _) = merge_inputs();
    bencher.bench(|| ours.clone().claims.len());
}

fn project_50mb() -> Project {
    let mut p = Project::from_article(&article(article_text(50_000_000)), &ClaimFinder::rules());
    reviewed(&mut p, 1000, Verdict::VERIFIED, "a");
    p
}

/// The whole project as RON: the first autosave snapshot of a session, and a save.
#[divan::bench(sample_count = 3)]
fn autosave_50mb_whole_project(bencher: divan::Bencher) {
    let mut current = project_50mb();
    current.claims[7].note = "one more note".into();
    let whole = storage::to_ron(&current).unwrap().len();
    let line = journal_line(&current).len();
    eprintln!(
        "autosave_50mb: {} claims; whole project {whole} bytes; journal line {line} bytes",
        current.claims.len()
    );
    bencher.bench(|| storage::to_ron(&current).unwrap().len());
}

/// Every later autosave: the edits since the last one, one RON line each (the window's
/// journal), whatever the project's size.
#[divan::bench(sample_count = 3)]
fn autosave_50mb_journal_line(bencher: divan::Bencher) {
    let mut current = project_50mb();
    current.claims[7].note = "one more note".into();
    bencher.bench(|| journal_line(&current).len());
}

fn journal_line(p: &Project) -> String {
    let edit = factdesk::project::edit::Edit::SetNote {
        id: p.claims[7].id.clone(),
        note: p.claims[7].note.clone(),
    };
    ron::to_string(&edit).unwrap() + "\n"
}
