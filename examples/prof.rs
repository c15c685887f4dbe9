//! Timing of segmentation, claim finding and dropping the claims on the sample repeated to
//! ~1 MB, for profiling (`valgrind --tool=callgrind target/release/examples/prof 1`);
//! `cargo bench` is the benchmark.
use std::time::Instant;

/// mimalloc instead of the system allocator, as in the `factdesk` binary, so benchmarks
/// measure what users run (claim finding makes many small allocations on several threads).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() {
    let text = factdesk::article::SAMPLE_ARTICLE.repeat(200);
    let f = factdesk::claims::ClaimFinder::default();
    let runs = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    for _ in 0..runs {
        let t = Instant::now();
        let s = factdesk::segment::sentences(&text);
        let seg = t.elapsed();
        let t = Instant::now();
        let c = f.find(&text);
        let e = t.elapsed();
        let n = c.len();
        let t = Instant::now();
        drop(c);
        let d = t.elapsed();
        println!(
            "segment {:?} ({}), find {:?} {} claims, {:.1} MB/s, drop {:?}",
            seg,
            s.len(),
            e,
            n,
            text.len() as f64 / 1e6 / e.as_secs_f64(),
            d
        );
    }
}
