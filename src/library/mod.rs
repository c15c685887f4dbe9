//! The claim library: a local, persistent index of checked claims (the user's own reviewed
//! project claims and published fact-checks), searched with BM25.
//!
//! Built on tantivy: segments are immutable and `meta.json` is replaced atomically, so a
//! reader (another factdesk process, or the window's background thread) always sees a
//! complete commit while a writer adds entries; a crash mid-write leaves the last commit.
//! Only one writer at a time: the writer takes tantivy's lock file and holds it only for
//! the duration of one [`Library::add`] / [`Library::remove`], so an idle window never
//! blocks `factdesk library add`.

mod entry;
pub mod import;
mod index;
mod location;
mod search;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, Term};

pub use entry::{Entry, EntryKind, text_hash};
pub use index::LIBRARY_VERSION;
pub use location::{ENV_VAR, default_dir};

use index::{ANALYZER, Fields, VERSION_FILE};
pub use index::{analyzer, unstemmed_analyzer, word_stemmer};
pub use search::{MAX_QUERY_TERMS, Snapshot};

/// Why the library could not be used. Messages are for users, naming the folder.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error(
        "the library in {dir} was written by a newer factdesk (library version {found}, this \
         build reads up to {LIBRARY_VERSION}); update factdesk or use another --library folder"
    )]
    NewerVersion { dir: PathBuf, found: u32 },
    #[error(
        "the library in {0} is being written by another factdesk process; try again when it \
         has finished"
    )]
    Locked(PathBuf),
    #[error(
        "the library in {dir} is damaged or not a factdesk library ({detail}); move the \
         folder away and add your projects and fact-checks again"
    )]
    Broken { dir: PathBuf, detail: String },
    #[error("cannot use the library folder {dir}: {source}")]
    Io {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("no library folder: set --library DIR or {ENV_VAR} (no home or data folder was found)")]
    NoLocation,
}

/// What happened to one entry handed to [`Library::add`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddOutcome {
    Added,
    Updated,
    /// Already in the library, identical.
    Unchanged,
}

/// A BM25 hit: the entry and its retrieval score.
#[derive(Debug, Clone)]
pub struct Hit {
    pub score: f32,
    pub entry: Entry,
}

/// Counts for `library stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub entries: usize,
    pub by_kind: Vec<(EntryKind, usize)>,
    pub projects: usize,
    pub segments: usize,
}

/// An open library. `Send + Sync`: the window can search it from a background thread.
pub struct Library {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    analyzer: TextAnalyzer,
}

/// How long a write waits for another process's write to finish before giving up.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

/// How much memory the writer may buffer before it flushes a segment. One indexing thread:
/// entries land in segments in the order given, so BM25 ties (and MAP figures) come out
/// the same on every run; with several threads the split, and so tie order, varied.
const WRITER_MEMORY: usize = 200_000_000;

impl Library {
    /// Opens the library in the default location ([`default_dir`]).
    pub fn open_default() -> Result<Library, LibraryError> {
        Library::open(&default_dir().ok_or(LibraryError::NoLocation)?)
    }

    /// Opens the library in `dir`, creating it (and the folder) if there is none yet.
    pub fn open(dir: &Path) -> Result<Library, LibraryError> {
        let io = |source| LibraryError::Io {
            dir: dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        check_version(dir)?;
        let (schema, fields) = index::schema();
        if !dir.join("meta.json").exists() {
            match Index::builder()
                .schema(schema.clone())
                .settings(index::settings())
                .create_in_dir(dir)
            {
                Ok(_) => write_version(dir).map_err(io)?,
                // Another process created it a moment ago.
                Err(_) if dir.join("meta.json").exists() => {}
                Err(e) => return Err(broken(dir, e)),
            }
        }
        let (index, reader) = open_retrying(dir, &schema)?;
        Ok(Library {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            analyzer: index::analyzer(),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Sees the latest commit (of this or another process).
    pub fn reload(&self) -> Result<(), LibraryError> {
        self.reader.reload().map_err(|e| broken(&self.dir, e))
    }

    fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Adds or updates entries (same key → update) and commits once. Within `entries` a
    /// later entry with the same key wins. Returns one outcome per distinct key, in order.
    pub fn add(&self, entries: Vec<Entry>) -> Result<Vec<(Entry, AddOutcome)>, LibraryError> {
        self.write(entries, &[])
    }

    /// Removes entries by key; returns how many were there.
    pub fn remove(&self, keys: &[String]) -> Result<usize, LibraryError> {
        let searcher = self.searcher();
        let present = keys
            .iter()
            .filter(|k| self.find(&searcher, k).ok().flatten().is_some())
            .count();
        self.write(Vec::new(), keys)?;
        Ok(present)
    }

    /// Adds a project's claims (every one whose verdict is not Unreviewed) and removes the
    /// entries of claims that are no longer in it or no longer reviewed. The window calls
    /// this after a save, unless the user turned that off.
    pub fn add_project(
        &self,
        path: &Path,
        project: &crate::project::Project,
    ) -> Result<Vec<(Entry, AddOutcome)>, LibraryError> {
        let entries = import::project::entries(path, project);
        let project_key = import::project::project_key(path);
        let keep: HashSet<&str> = entries.iter().map(|e| e.key.as_str()).collect();
        let stale: Vec<String> = self
            .entries_of_project(&project_key)?
            .into_iter()
            .filter(|e| !keep.contains(e.key.as_str()))
            .map(|e| e.key)
            .collect();
        self.write(entries, &stale)
    }

    /// The entries that came from one project file.
    pub fn entries_of_project(&self, project: &str) -> Result<Vec<Entry>, LibraryError> {
        let searcher = self.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.fields.project, project),
            IndexRecordOption::Basic,
        );
        let docs = searcher
            .search(&query, &DocSetCollector)
            .map_err(|e| broken(&self.dir, e))?;
        let mut out = Vec::new();
        for addr in docs {
            out.push(self.load(&searcher, addr)?);
        }
        Ok(out)
    }

    fn write(
        &self,
        entries: Vec<Entry>,
        remove: &[String],
    ) -> Result<Vec<(Entry, AddOutcome)>, LibraryError> {
        // Later duplicates win, first position kept.
        let mut order: Vec<Entry> = Vec::with_capacity(entries.len());
        let mut at: HashMap<String, usize> = HashMap::with_capacity(entries.len());
        for e in entries {
            match at.get(&e.key) {
                Some(&i) => order[i] = e,
                None => {
                    at.insert(e.key.clone(), order.len());
                    order.push(e);
                }
            }
        }
        // Look entries up only once we hold the lock, in the latest commit: another process
        // may have added the same keys a moment ago.
        let mut writer = self.writer()?;
        self.reload()?;
        let searcher = self.searcher();
        for key in remove {
            writer.delete_term(Term::from_field_text(self.fields.key, key));
        }
        let mut outcomes = Vec::with_capacity(order.len());
        for e in order {
            let json = serde_json::to_string(&e).expect("entries serialise");
            let outcome = match self.find(&searcher, &e.key)? {
                Some(old) if old == json => AddOutcome::Unchanged,
                Some(_) => AddOutcome::Updated,
                None => AddOutcome::Added,
            };
            if outcome != AddOutcome::Unchanged {
                if outcome == AddOutcome::Updated {
                    writer.delete_term(Term::from_field_text(self.fields.key, &e.key));
                }
                let mut doc = TantivyDocument::default();
                doc.add_text(self.fields.key, &e.key);
                if !e.project.is_empty() {
                    doc.add_text(self.fields.project, &e.project);
                }
                doc.add_text(self.fields.text, e.search_text());
                doc.add_text(self.fields.entry, &json);
                writer.add_document(doc).map_err(|e| broken(&self.dir, e))?;
            }
            outcomes.push((e, outcome));
        }
        writer.commit().map_err(|e| broken(&self.dir, e))?;
        writer
            .wait_merging_threads()
            .map_err(|e| broken(&self.dir, e))?;
        self.reload()?;
        Ok(outcomes)
    }

    /// Takes the writer lock, waiting up to [`LOCK_WAIT`] for another writer to finish.
    fn writer(&self) -> Result<IndexWriter<TantivyDocument>, LibraryError> {
        let start = std::time::Instant::now();
        loop {
            match self.index.writer_with_num_threads(1, WRITER_MEMORY) {
                Ok(w) => return Ok(w),
                Err(tantivy::TantivyError::LockFailure(..)) if start.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(e) => return Err(writer_error(&self.dir, e)),
            }
        }
    }

    /// The stored JSON of the live entry with this key, if any.
    fn find(&self, searcher: &Searcher, key: &str) -> Result<Option<String>, LibraryError> {
        let term = Term::from_field_text(self.fields.key, key);
        if searcher.doc_freq(&term).map_err(|e| broken(&self.dir, e))? == 0 {
            return Ok(None);
        }
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let top = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| broken(&self.dir, e))?;
        let Some((_, addr)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*addr).map_err(|e| broken(&self.dir, e))?;
        Ok(doc
            .get_first(self.fields.entry)
            .and_then(|v| v.as_str())
            .map(str::to_owned))
    }

    fn load(&self, searcher: &Searcher, addr: tantivy::DocAddress) -> Result<Entry, LibraryError> {
        let doc: TantivyDocument = searcher.doc(addr).map_err(|e| broken(&self.dir, e))?;
        let json = doc
            .get_first(self.fields.entry)
            .and_then(|v| v.as_str())
            .unwrap_or("");
        serde_json::from_str(json).map_err(|e| LibraryError::Broken {
            dir: self.dir.clone(),
            detail: format!("an entry does not read back: {e}"),
        })
    }

    /// Every entry, in index order.
    pub fn entries(&self) -> Result<Vec<Entry>, LibraryError> {
        let searcher = self.searcher();
        let mut out = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in segment.doc_ids_alive() {
                out.push(self.load(&searcher, tantivy::DocAddress::new(ord as u32, doc))?);
            }
        }
        Ok(out)
    }

    pub fn len(&self) -> usize {
        self.searcher().num_docs() as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn stats(&self) -> Result<Stats, LibraryError> {
        let entries = self.entries()?;
        let mut by_kind = Vec::new();
        for kind in [EntryKind::Project, EntryKind::ClaimReview, EntryKind::Table] {
            let n = entries.iter().filter(|e| e.kind == kind).count();
            by_kind.push((kind, n));
        }
        let projects: HashSet<&str> = entries
            .iter()
            .filter(|e| !e.project.is_empty())
            .map(|e| e.project.as_str())
            .collect();
        Ok(Stats {
            entries: entries.len(),
            by_kind,
            projects: projects.len(),
            segments: self.searcher().segment_readers().len(),
        })
    }

    /// Entries whose project file no longer exists.
    pub fn orphans(&self) -> Result<Vec<Entry>, LibraryError> {
        Ok(self
            .entries()?
            .into_iter()
            .filter(|e| !e.project.is_empty() && !Path::new(&e.project).exists())
            .collect())
    }

    /// The analysed terms of `text` (the same analysis the index uses).
    pub fn terms(&self, text: &str) -> Vec<String> {
        index::terms(&mut self.analyzer.clone(), text)
    }

    /// A consistent view of the library as of the last commit seen, for many searches.
    pub fn snapshot(&self) -> Snapshot<'_> {
        Snapshot::new(self, self.searcher())
    }

    /// A fresh copy of the analyzer the index uses (cheap; one per thread).
    pub fn analyzer(&self) -> TextAnalyzer {
        self.analyzer.clone()
    }

    /// BM25 over claim + headline: the `limit` best entries for `text`, best first.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<Hit>, LibraryError> {
        self.snapshot().search(&mut self.analyzer(), text, limit)
    }
}

/// Social-media posts carry links that match nothing useful.
pub fn strip_urls(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| {
            let l = w.to_ascii_lowercase();
            !(l.starts_with("http://")
                || l.starts_with("https://")
                || l.starts_with("www.")
                || l.starts_with("pic.twitter.com"))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_version(dir: &Path) -> Result<(), LibraryError> {
    let path = dir.join(VERSION_FILE);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(());
    };
    let found = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("format_version").and_then(|n| n.as_u64()))
        .ok_or_else(|| LibraryError::Broken {
            dir: dir.to_path_buf(),
            detail: format!("{VERSION_FILE} does not say which version wrote it"),
        })?;
    if found > u64::from(LIBRARY_VERSION) {
        return Err(LibraryError::NewerVersion {
            dir: dir.to_path_buf(),
            found: found.min(u64::from(u32::MAX)) as u32,
        });
    }
    Ok(())
}

fn write_version(dir: &Path) -> std::io::Result<()> {
    let text = format!("{{\"format_version\": {LIBRARY_VERSION}}}\n");
    crate::project::storage::write_atomic(
        &dir.join(VERSION_FILE),
        text.as_bytes(),
        std::io::Write::write_all,
        false,
    )
    .map_err(|e| std::io::Error::other(e.to_string()))
}

/// Opens an existing index and a reader on it. A writer in another process may delete an
/// old segment between our reading `meta.json` and opening its files; a fresh attempt then
/// sees the new commit.
fn open_retrying(
    dir: &Path,
    schema: &tantivy::schema::Schema,
) -> Result<(Index, IndexReader), LibraryError> {
    let mut last = None;
    for attempt in 0..5 {
        match open_once(dir, schema) {
            Ok(opened) => return Ok(opened),
            Err(e @ LibraryError::Broken { .. }) if attempt < 4 => last = Some(e),
            Err(e) => return Err(e),
        }
        std::thread::sleep(std::time::Duration::from_millis(20 << attempt));
    }
    Err(last.expect("at least one attempt"))
}

fn open_once(
    dir: &Path,
    schema: &tantivy::schema::Schema,
) -> Result<(Index, IndexReader), LibraryError> {
    let index = Index::open_in_dir(dir).map_err(|e| broken(dir, e))?;
    if index.schema() != *schema {
        return Err(LibraryError::Broken {
            dir: dir.to_path_buf(),
            detail: "its index has a different layout".into(),
        });
    }
    index.tokenizers().register(ANALYZER, index::analyzer());
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e| broken(dir, e))?;
    Ok((index, reader))
}

fn broken(dir: &Path, e: tantivy::TantivyError) -> LibraryError {
    LibraryError::Broken {
        dir: dir.to_path_buf(),
        detail: e.to_string(),
    }
}

fn writer_error(dir: &Path, e: tantivy::TantivyError) -> LibraryError {
    match e {
        tantivy::TantivyError::LockFailure(..) => LibraryError::Locked(dir.to_path_buf()),
        e => broken(dir, e),
    }
}
