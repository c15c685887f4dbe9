//! Project save/load with 10,000 claims, against a plain serde_json round trip of the same
//! project in the same run, and one UI frame (egui, headless, no rendering) of that project.
//!
//! Run: `cargo bench --bench project`

use factdesk::article::{Article, Format};
use factdesk::claims::ClaimFinder;
use factdesk::project::{Project, Source, Verdict, now, storage};
use factdesk::ui::{App, Document};

/// mimalloc instead of the system allocator, as in the `factdesk` binary, so benchmarks
/// measure what users run (claim finding makes many small allocations on several threads).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// A project with at least 10,000 claims: the sample repeated, with some review work on it.
pub fn big_project() -> Project {
    let mut text = String::new();
    while text.len() < 10_000 * 170 {
        text.push_str(factdesk::article::SAMPLE_ARTICLE);
        text.push('\n');
    }
    let article = Article {
        title: "Big".into(),
        text,
        source_path: None,
        format: Format::Text,
        encoding: "UTF-8",
    };
    let mut p = Project::from_article(&article, &ClaimFinder::rules());
    for (i, c) in p.claims.iter_mut().enumerate() {
        if i % 3 == 0 {
            c.verdict = Verdict::VERIFIED;
            c.note = format!("Checked against source {i}.");
            c.sources.push(Source {
                url: format!("https://example.org/{i}"),
                title: Some("Source".into()),
                added: now(),
            });
        }
    }
    assert!(p.claims.len() >= 10_000, "{}", p.claims.len());
    p
}

#[divan::bench(sample_count = 20)]
fn save_10k(bencher: divan::Bencher) {
    let p = big_project();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.factdesk.ron");
    bencher.bench(|| storage::save(&path, &p).unwrap());
}

#[divan::bench(sample_count = 20)]
fn load_10k(bencher: divan::Bencher) {
    let p = big_project();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.factdesk.ron");
    storage::save(&path, &p).unwrap();
    bencher.bench(|| storage::load(&path).unwrap().project.claims.len());
}

/// Baseline: serialise and parse the same project with serde_json, in memory.
#[divan::bench(sample_count = 20)]
fn baseline_serde_json_round_trip_10k(bencher: divan::Bencher) {
    let p = big_project();
    bencher.bench(|| {
        let s = serde_json::to_string(&p).unwrap();
        serde_json::from_str::<Project>(&s).unwrap().claims.len()
    });
}

/// The RON encode + parse alone, in memory (what save/load cost without the disk).
#[divan::bench(sample_count = 20)]
fn ron_round_trip_10k(bencher: divan::Bencher) {
    let p = big_project();
    bencher.bench(|| {
        let s = storage::to_ron(&p).unwrap();
        storage::from_ron(&s, "mem").unwrap().project.claims.len()
    });
}

/// One frame of the whole window with a 10,000-claim project, CPU only (no GPU, no painting).
#[divan::bench(sample_count = 50)]
fn ui_frame_10k(bencher: divan::Bencher) {
    let mut app = App::with_document(Document::new(big_project(), None), None);
    let ctx = egui::Context::default();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    // Warm up: fonts, layout caches, the table's row cache.
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| app.show(ui));
    }
    bencher.bench_local(|| {
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        out.shapes.len()
    });
}
