//! Claim memory in the window: the library is opened, searched and updated on worker
//! threads; the window keeps the matches found for each claim. A library that cannot be
//! opened (locked, broken, newer) is reported once and the window works without matches.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::library::Library;
use crate::matching::Match;
use crate::project::Project;

/// Matches shown per claim.
pub const TOP_K: usize = 5;

type MatchResult = Result<Vec<(String, Vec<Match>)>, String>;

pub struct ClaimMemory {
    dir: Option<PathBuf>,
    library: Option<Arc<Library>>,
    opening: Option<Receiver<Result<Library, String>>>,
    jobs: Vec<Receiver<MatchResult>>,
    /// Claims (id, text) waiting for the library to open.
    waiting: Vec<(String, String)>,
    /// Matches by claim id, best first.
    pub matches: HashMap<String, Vec<Match>>,
    started: bool,
    /// The open project's file as the library names it: a claim's own entry (added when the
    /// project was saved) is not an earlier check of it.
    own_project: Option<String>,
}

/// What the window should tell the person.
pub enum MemoryEvent {
    Unavailable(String),
    Matched,
}

impl ClaimMemory {
    pub fn new(dir: Option<PathBuf>) -> Self {
        ClaimMemory {
            dir,
            library: None,
            own_project: None,
            opening: None,
            jobs: Vec::new(),
            waiting: Vec::new(),
            matches: HashMap::new(),
            started: false,
        }
    }

    /// Opens the library in the background (on the first frame, so tests can choose it).
    pub fn start(&mut self, repaint: impl Fn() + Send + 'static) {
        if self.started {
            return;
        }
        self.started = true;
        let Some(dir) = self.dir.clone() else {
            return;
        };
        let (tx, rx) = channel();
        let spawned = std::thread::Builder::new()
            .name("factdesk-library".into())
            .spawn(move || {
                let _ = tx.send(Library::open(&dir).map_err(|e| e.to_string()));
                repaint();
            });
        if spawned.is_ok() {
            self.opening = Some(rx);
        }
    }

    pub fn is_busy(&self) -> bool {
        self.opening.is_some() || !self.jobs.is_empty()
    }

    /// The open project's file (None: not saved yet).
    pub fn set_project(&mut self, path: Option<&Path>) {
        self.own_project = path.map(crate::library::import::project::project_key);
    }

    /// Forget the matches (another document).
    pub fn clear(&mut self) {
        self.matches.clear();
        self.waiting.clear();
        self.jobs.clear();
    }

    /// Matches these claims in the background.
    pub fn request(&mut self, claims: Vec<(String, String)>, repaint: impl Fn() + Send + 'static) {
        if claims.is_empty() {
            return;
        }
        let Some(library) = self.library.clone() else {
            self.waiting.extend(claims);
            return;
        };
        let (tx, rx) = channel();
        let own = self.own_project.clone();
        let spawned = std::thread::Builder::new()
            .name("factdesk-match".into())
            .spawn(move || {
                let texts: Vec<&str> = claims.iter().map(|(_, t)| t.as_str()).collect();
                let result = library
                    .match_claims(&texts, TOP_K)
                    .map_err(|e| e.to_string())
                    .map(|found| {
                        let ids = claims.iter().map(|(id, _)| id.clone());
                        ids.zip(found)
                            .map(|(id, mut matches)| {
                                matches.retain(|m| !is_itself(m, own.as_deref()));
                                (id, matches)
                            })
                            .collect()
                    });
                let _ = tx.send(result);
                repaint();
            });
        if spawned.is_ok() {
            self.jobs.push(rx);
        }
    }

    /// Adds a saved project's reviewed claims to the library, in the background.
    pub fn add_project(&self, path: &Path, project: Project) {
        let Some(library) = self.library.clone() else {
            return;
        };
        let path = path.to_path_buf();
        let _ = std::thread::Builder::new()
            .name("factdesk-library-add".into())
            .spawn(move || {
                if let Err(e) = library.add_project(&path, &project) {
                    eprintln!(
                        "factdesk: could not add {} to the claim library: {e}",
                        path.display()
                    );
                }
            });
    }

    /// Collects what the workers finished; `repaint` is for matching queued claims.
    pub fn poll(&mut self, repaint: impl Fn() + Send + Clone + 'static) -> Vec<MemoryEvent> {
        let mut events = Vec::new();
        if let Some(rx) = &self.opening {
            match rx.try_recv() {
                Ok(Ok(library)) => {
                    self.opening = None;
                    self.library = Some(Arc::new(library));
                    let waiting = std::mem::take(&mut self.waiting);
                    self.request(waiting, repaint.clone());
                }
                Ok(Err(e)) => {
                    self.opening = None;
                    events.push(MemoryEvent::Unavailable(e));
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.opening = None,
            }
        }
        let mut still = Vec::new();
        for rx in std::mem::take(&mut self.jobs) {
            match rx.try_recv() {
                Ok(Ok(found)) => {
                    for (id, matches) in found {
                        self.matches.insert(id, matches);
                    }
                    events.push(MemoryEvent::Matched);
                }
                Ok(Err(e)) => events.push(MemoryEvent::Unavailable(e)),
                Err(TryRecvError::Empty) => still.push(rx),
                Err(TryRecvError::Disconnected) => {}
            }
        }
        self.jobs = still;
        events
    }

    /// Claims whose best match is likely the same claim.
    pub fn checked_before(&self) -> std::collections::HashSet<String> {
        self.matches
            .iter()
            .filter(|(_, m)| m.first().is_some_and(Match::is_likely_same))
            .map(|(id, _)| id.clone())
            .collect()
    }
}

/// Is this match an entry of the open project itself (added when it was saved)? Neither a
/// claim's own entry nor a sibling claim of the same article is an earlier check.
fn is_itself(m: &Match, own_project: Option<&str>) -> bool {
    own_project.is_some_and(|p| m.entry.project == p)
}
