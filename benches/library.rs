//! Claim library: indexing a synthetic corpus, and matching a 40-claim article against it.
//!
//! Run: `cargo bench --bench library` (100,000 entries), and the 1,000,000-entry cases with
//! `cargo bench --bench library -- --include-ignored`.
//!
//! Same-run baselines: `build_entries_*` makes the same entries without indexing them (the
//! floor an index cannot beat); `bm25_only_*` is the retrieval step alone, so the re-ranker's
//! share of `match_40_*` is the difference.

use std::sync::OnceLock;

use factdesk::library::{Entry, EntryKind, Library};

/// mimalloc instead of the system allocator, as in the `factdesk` binary, so benchmarks
/// measure what users run (matching allocates each candidate's analysis on two threads).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// A deterministic pseudo-English corpus: 50,000 words drawn with a Zipf law (like real
/// text, a few words are very common), claims of 8–30 words with figures, and headlines.
struct Corpus {
    words: Vec<String>,
    /// Cumulative Zipf weights, for inverse-CDF sampling.
    cdf: Vec<f64>,
    state: u64,
}

impl Corpus {
    fn new(seed: u64) -> Corpus {
        let syllables = [
            "ka", "to", "ri", "ne", "sa", "lu", "mo", "pe", "di", "ga", "vo", "che", "ban", "ter",
            "ol", "is",
        ];
        let mut words = Vec::with_capacity(50_000);
        let mut i = 0u64;
        while words.len() < 50_000 {
            let mut w = String::new();
            let mut x = i;
            loop {
                w.push_str(syllables[(x % 16) as usize]);
                x /= 16;
                if x == 0 {
                    break;
                }
            }
            words.push(w);
            i += 1;
        }
        let mut cdf = Vec::with_capacity(words.len());
        let mut sum = 0.0;
        for r in 1..=words.len() {
            sum += 1.0 / (r as f64).powf(1.07);
            cdf.push(sum);
        }
        Corpus {
            words,
            cdf,
            state: seed | 1,
        }
    }

    fn next(&mut self) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state
    }

    fn word(&mut self) -> &str {
        let total = *self.cdf.last().unwrap();
        let x = (self.next() % 1_000_000_007) as f64 / 1_000_000_007.0 * total;
        let i = self
            .cdf
            .partition_point(|c| *c < x)
            .min(self.words.len() - 1);
        &self.words[i]
    }

    fn sentence(&mut self, min: u64, max: u64) -> String {
        let n = min + self.next() % (max - min + 1);
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push(' ');
            }
            if self.next().is_multiple_of(12) {
                let f = self.next() % 5000;
                s.push_str(&f.to_string());
            } else {
                let w = self.word().to_string();
                s.push_str(&w);
            }
        }
        s
    }

    fn entries(&mut self, n: usize) -> Vec<Entry> {
        (0..n)
            .map(|i| {
                let id = format!("S{i}");
                let claim = self.sentence(8, 30);
                let mut e = Entry::new(format!("table:bench#{id}"), id, EntryKind::Table, claim);
                e.title = self.sentence(6, 14);
                e.verdict = ["False", "True", "Misleading"][i % 3].into();
                e.origin = "bench".into();
                e
            })
            .collect()
    }
}

fn index(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let entries = Corpus::new(7).entries(n);
    let lib = Library::open(dir.path()).unwrap();
    lib.add(entries).unwrap();
    dir
}

#[divan::bench(sample_count = 1, sample_size = 1)]
fn build_entries_100k() -> Vec<Entry> {
    Corpus::new(7).entries(100_000)
}

#[divan::bench(sample_count = 1, sample_size = 1)]
fn index_100k() -> tempfile::TempDir {
    index(100_000)
}

#[divan::bench(sample_count = 1, sample_size = 1, ignore)]
fn build_entries_1m() -> Vec<Entry> {
    Corpus::new(7).entries(1_000_000)
}

#[divan::bench(sample_count = 1, sample_size = 1, ignore)]
fn index_1m() -> tempfile::TempDir {
    index(1_000_000)
}

/// Forty claims of an article: half reworded library entries, half new claims.
fn article_claims(entries: &[Entry]) -> Vec<String> {
    let mut c = Corpus::new(99);
    (0..40)
        .map(|i| {
            if i % 2 == 0 {
                let e = &entries[(c.next() % entries.len() as u64) as usize];
                let words: Vec<&str> = e.claim.split(' ').collect();
                format!("They said {} again", words[..words.len() * 2 / 3].join(" "))
            } else {
                c.sentence(10, 30)
            }
        })
        .collect()
}

struct Loaded {
    _dir: tempfile::TempDir,
    library: Library,
    claims: Vec<String>,
}

fn loaded(n: usize, cell: &'static OnceLock<Loaded>) -> &'static Loaded {
    cell.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let entries = Corpus::new(7).entries(n);
        let claims = article_claims(&entries);
        let library = Library::open(dir.path()).unwrap();
        library.add(entries).unwrap();
        Loaded {
            _dir: dir,
            library,
            claims,
        }
    })
}

static LIB_100K: OnceLock<Loaded> = OnceLock::new();
static LIB_1M: OnceLock<Loaded> = OnceLock::new();

fn match_40(l: &Loaded) -> usize {
    let refs: Vec<&str> = l.claims.iter().map(String::as_str).collect();
    l.library.match_claims(&refs, 5).unwrap().len()
}

fn bm25_only(l: &Loaded) -> usize {
    l.claims
        .iter()
        .map(|c| {
            l.library
                .search(c, factdesk::matching::RETRIEVE)
                .unwrap()
                .len()
        })
        .sum()
}

#[divan::bench(sample_count = 20)]
fn match_40_claims_100k(b: divan::Bencher) {
    let l = loaded(100_000, &LIB_100K);
    b.bench(|| match_40(l));
}

#[divan::bench(sample_count = 20)]
fn bm25_only_40_claims_100k(b: divan::Bencher) {
    let l = loaded(100_000, &LIB_100K);
    b.bench(|| bm25_only(l));
}

#[divan::bench(sample_count = 20, ignore)]
fn match_40_claims_1m(b: divan::Bencher) {
    let l = loaded(1_000_000, &LIB_1M);
    b.bench(|| match_40(l));
}

#[divan::bench(sample_count = 20, ignore)]
fn bm25_only_40_claims_1m(b: divan::Bencher) {
    let l = loaded(1_000_000, &LIB_1M);
    b.bench(|| bm25_only(l));
}
