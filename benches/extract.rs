//! Extraction throughput on a ≥ 1 MB article, against a naive regex-free ". " split of the
//! same text in the same run (the ratio is what to compare across machines).
//!
//! Run: `cargo bench --bench extract`

use divan::counter::BytesCount;
use factdesk::claims::ClaimFinder;

/// mimalloc instead of the system allocator, as in the `factdesk` binary, so benchmarks
/// measure what users run (claim finding makes many small allocations on several threads).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// The sample article, with its boilerplate, repeated to at least `bytes`.
pub fn big_article(bytes: usize) -> String {
    let sample = factdesk::article::SAMPLE_ARTICLE;
    let mut text = String::with_capacity(bytes + sample.len());
    let mut n = 0;
    while text.len() < bytes {
        // Vary each copy a little so ids and spans differ.
        text.push_str(&format!("Part {n}\n\n"));
        text.push_str(sample);
        text.push('\n');
        n += 1;
    }
    text
}

/// Claims are returned, so divan drops them outside the timed section (its convention):
/// extraction is the finding; what the caller does with the claims afterwards (print them,
/// keep them in a project) is not. Dropping them is measured on its own in `drop_claims`.
#[divan::bench(args = [1usize << 20])]
fn find_claims(bencher: divan::Bencher, bytes: usize) {
    let text = big_article(bytes);
    let finder = ClaimFinder::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| finder.find(divan::black_box(&text)));
}

/// Freeing the 6,400 claims of the 1 MB article (their text, id, reasons, claimant).
#[divan::bench(args = [1usize << 20])]
fn drop_claims(bencher: divan::Bencher, bytes: usize) {
    let text = big_article(bytes);
    let finder = ClaimFinder::default();
    bencher
        .with_inputs(|| finder.find(&text))
        .bench_values(drop);
}

/// The same with the hand-set rule scorer instead of the learned model.
#[divan::bench(args = [1usize << 20])]
fn find_claims_rules_only(bencher: divan::Bencher, bytes: usize) {
    let text = big_article(bytes);
    let finder = ClaimFinder::rules();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| finder.find(divan::black_box(&text)));
}

/// A 20 MB article: loading it from bytes (decoding, newline normalisation) plus finding claims.
#[divan::bench(sample_count = 5)]
fn load_and_find_20mb(bencher: divan::Bencher) {
    let text = big_article(20 << 20);
    let finder = ClaimFinder::default();
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        let article =
            factdesk::article::from_bytes(Some(std::path::Path::new("big.txt")), text.as_bytes())
                .unwrap();
        finder.find(&article.text)
    });
}

/// What `factdesk extract big.txt > out.json` does for a 20 MB article, but for starting
/// the process: read and decode the file, find the claims, write the JSON document (here
/// into a sink, counting its bytes so nothing is optimised away).
#[divan::bench(sample_count = 5)]
fn extract_json_20mb(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("big.txt");
    let text = big_article(20 << 20);
    std::fs::write(&file, &text).expect("the article is written");
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        let mut out = CountingSink(0);
        let command = factdesk::cli::Command::Extract {
            file: file.clone(),
            format: factdesk::cli::ExtractFormat::Json,
            rules_only: false,
        };
        factdesk::cli::run(command, &mut out).expect("extract succeeds");
        out.0
    });
}

struct CountingSink(usize);

impl std::io::Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[divan::bench(args = [1usize << 20])]
fn segment_only(bencher: divan::Bencher, bytes: usize) {
    let text = big_article(bytes);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| factdesk::segment::sentences(divan::black_box(&text)).len());
}

/// Baseline: split at ". " and count, the least any segmenter must do.
#[divan::bench(args = [1usize << 20])]
fn baseline_naive_split(bencher: divan::Bencher, bytes: usize) {
    let text = big_article(bytes);
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        divan::black_box(&text)
            .split(". ")
            .filter(|s| !s.trim().is_empty())
            .count()
    });
}
