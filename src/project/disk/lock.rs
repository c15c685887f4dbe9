//! An advisory lock next to an open project, so a second window on the same file knows the
//! file is open elsewhere and opens it read-only (unless the person insists).
//!
//! The lock is a small text file `.NAME.lock` beside the project (hidden, so it stays out of
//! file pickers; add `.*.lock` to `.gitignore`). It names the process, host, user and time, and
//! a token that tells two windows of one process apart. It is advisory: nothing stops a
//! program from writing the project anyway, which is why every save also checks the file on
//! disk (see [`super::OnDisk`]).
//!
//! A lock is *stale*, and is replaced, when its process is gone (same host) or when its
//! holder has not refreshed it for [`STALE_AFTER`] (any host: a crash on another machine, a
//! reused process id). A window refreshes its lock every [`REFRESH_EVERY`].

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// How often a window touches its lock to say it is still there.
pub const REFRESH_EVERY: Duration = Duration::from_secs(60);
/// A lock not refreshed for this long is taken to be left over from a crash.
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// Who holds a lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockInfo {
    pub pid: u32,
    pub host: String,
    pub user: String,
    /// When the holder opened the project (RFC 3339, as written).
    pub since: String,
    token: String,
}

impl LockInfo {
    /// "process 1234 of alice on desk-7, since 2026-11-30 09:12".
    pub fn describe(&self) -> String {
        let since = self.since.replace('T', " ");
        let since = since.get(..16).unwrap_or(&since);
        format!(
            "process {} of {} on {}, since {since}",
            self.pid, self.user, self.host
        )
    }
}

/// A lock this window holds; dropping it removes the file (only if it is still ours).
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
    token: String,
}

/// What trying to lock a project found.
#[derive(Debug)]
pub enum Acquired {
    /// Locked for this window; `replaced` names a stale lock that was taken over.
    Locked {
        lock: ProjectLock,
        replaced: Option<LockInfo>,
    },
    /// Another live window has it open.
    HeldElsewhere(LockInfo),
}

/// The lock file's path for a project.
pub fn lock_path(project: &Path) -> PathBuf {
    let name = project.file_name().unwrap_or_default().to_string_lossy();
    project.with_file_name(format!(".{name}.lock"))
}

/// Locks `project` for this window, taking over a stale lock.
pub fn acquire(project: &Path) -> io::Result<Acquired> {
    let path = lock_path(project);
    let mut replaced = None;
    // Twice at most: once more after removing a stale lock (another window may win that race).
    for _ in 0..2 {
        let me = LockInfo {
            pid: std::process::id(),
            host: host_name(),
            user: user_name(),
            since: crate::project::now()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            token: new_token(),
        };
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(render(&me).as_bytes())?;
                file.sync_all()?;
                return Ok(Acquired::Locked {
                    lock: ProjectLock {
                        path,
                        token: me.token,
                    },
                    replaced,
                });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
                match parse(&text) {
                    Some(held) if !is_stale(&held, modified) => {
                        return Ok(Acquired::HeldElsewhere(held));
                    }
                    held => {
                        // Unreadable or stale: left over, safe to replace.
                        replaced = held;
                        match std::fs::remove_file(&path) {
                            Ok(()) => {}
                            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                            Err(e) => return Err(e),
                        }
                    }
                }
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(
        "another window kept taking the lock file while this one tried",
    ))
}

/// Who holds the lock on `project` now, if anyone live does.
pub fn holder(project: &Path) -> Option<LockInfo> {
    let path = lock_path(project);
    let text = std::fs::read_to_string(&path).ok()?;
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    parse(&text).filter(|h| !is_stale(h, modified))
}

impl ProjectLock {
    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Is `info` this very lock (found again when this window opens its own file anew)?
    pub fn is(&self, info: &LockInfo) -> bool {
        info.token == self.token
    }

    /// Says "still here" (the lock's modification time), so it is not taken for stale.
    pub fn refresh(&self) {
        if self.is_ours()
            && let Ok(file) = std::fs::OpenOptions::new().append(true).open(&self.path)
        {
            let _ = file.set_modified(SystemTime::now());
        }
    }

    fn is_ours(&self) -> bool {
        std::fs::read_to_string(&self.path)
            .ok()
            .and_then(|t| parse(&t))
            .is_some_and(|h| h.token == self.token)
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        if self.is_ours() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Why a lock counts as left over, in words (for the note shown when it is taken over).
pub fn stale_reason(held: &LockInfo) -> &'static str {
    if held.host == host_name() {
        "which is no longer running"
    } else {
        "which has not been heard from for over 10 minutes"
    }
}

fn is_stale(held: &LockInfo, modified: Option<SystemTime>) -> bool {
    let silent_for = modified
        .and_then(|m| SystemTime::now().duration_since(m).ok())
        .unwrap_or_default();
    if silent_for > STALE_AFTER {
        return true;
    }
    held.host == host_name() && !process_alive(held.pid)
}

fn render(info: &LockInfo) -> String {
    format!(
        "factdesk lock: this project is open in a factdesk window\npid: {}\nhost: {}\nuser: {}\nsince: {}\ntoken: {}\n",
        info.pid, info.host, info.user, info.since, info.token
    )
}

fn parse(text: &str) -> Option<LockInfo> {
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(": "))
            .map(str::to_string)
    };
    Some(LockInfo {
        pid: field("pid")?.parse().ok()?,
        host: field("host")?,
        user: field("user").unwrap_or_default(),
        since: field("since").unwrap_or_default(),
        token: field("token")?,
    })
}

/// Is there a process with this id on this host? Where that cannot be told, yes (the lock
/// then goes stale by time only).
pub fn process_alive(pid: u32) -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // "PID (name) STATE …": a zombie (Z) or dead (X) process has ended; the name may
        // hold spaces and parentheses, so the state is read after the last ')'.
        Ok(stat) => !matches!(
            stat.rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().chars().next()),
            Some(Some('Z' | 'X'))
        ),
        Err(_) => false,
    }
}

/// This machine's name, as the lock records it.
pub fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_else(|| "this computer".into())
}

fn user_name() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|u| !u.is_empty())
        .or_else(account_name)
        .unwrap_or_else(|| "someone".into())
}

/// The account's name from the system's user list, for when `$USER` is not set (services,
/// `sudo -i`, containers).
fn account_name() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let mut f = l.split(':');
        let name = f.next()?;
        (f.nth(1)? == uid).then(|| name.to_string())
    })
}

/// A token unique to this lock: two windows of one process hold different ones.
fn new_token() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    crate::project::sha256_hex(&format!("{}:{nanos}:{n}", std::process::id()))[..16].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(dir: &Path) -> PathBuf {
        let p = dir.join("a.factdesk.ron");
        std::fs::write(&p, "()").unwrap();
        p
    }

    #[test]
    fn a_second_lock_on_one_file_is_refused_and_freed_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let p = project(dir.path());
        let Acquired::Locked { lock, replaced } = acquire(&p).unwrap() else {
            panic!("first lock refused");
        };
        assert!(replaced.is_none());
        assert!(lock_path(&p).exists());
        match acquire(&p).unwrap() {
            Acquired::HeldElsewhere(info) => {
                assert_eq!(info.pid, std::process::id());
                assert!(info.describe().contains(&host_name()));
            }
            Acquired::Locked { .. } => panic!("second window got the lock"),
        }
        assert_eq!(holder(&p).map(|h| h.pid), Some(std::process::id()));
        drop(lock);
        assert!(!lock_path(&p).exists());
        assert!(holder(&p).is_none());
    }

    #[test]
    fn this_process_is_alive_and_a_reaped_or_zombie_child_is_not() {
        assert!(process_alive(std::process::id()));
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        // Not yet waited for: a zombie once it exits.
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(!process_alive(pid));
        child.wait().unwrap();
        assert!(!process_alive(pid));
        assert_ne!(user_name(), "someone");
    }

    #[test]
    fn a_lock_of_a_finished_process_is_stale_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let p = project(dir.path());
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let old = LockInfo {
            pid: dead,
            host: host_name(),
            user: "x".into(),
            since: "2026-01-01T00:00:00Z".into(),
            token: "old".into(),
        };
        std::fs::write(lock_path(&p), render(&old)).unwrap();
        match acquire(&p).unwrap() {
            Acquired::Locked { replaced, .. } => assert_eq!(replaced, Some(old)),
            Acquired::HeldElsewhere(_) => panic!("a dead process kept the lock"),
        }
    }

    #[test]
    fn a_lock_from_another_host_is_stale_only_when_silent_for_long() {
        let dir = tempfile::tempdir().unwrap();
        let p = project(dir.path());
        let other = LockInfo {
            pid: 1,
            host: "elsewhere.example".into(),
            user: "x".into(),
            since: "2026-01-01T00:00:00Z".into(),
            token: "t".into(),
        };
        std::fs::write(lock_path(&p), render(&other)).unwrap();
        assert!(matches!(acquire(&p).unwrap(), Acquired::HeldElsewhere(_)));
        let file = std::fs::File::options()
            .append(true)
            .open(lock_path(&p))
            .unwrap();
        file.set_modified(SystemTime::now() - STALE_AFTER - Duration::from_secs(5))
            .unwrap();
        assert!(matches!(acquire(&p).unwrap(), Acquired::Locked { .. }));
    }

    #[test]
    fn a_dropped_lock_leaves_another_windows_lock_alone() {
        let dir = tempfile::tempdir().unwrap();
        let p = project(dir.path());
        let Acquired::Locked { lock, .. } = acquire(&p).unwrap() else {
            panic!()
        };
        // Someone replaced it (a stale-lock takeover elsewhere).
        std::fs::remove_file(lock_path(&p)).unwrap();
        let Acquired::Locked { lock: theirs, .. } = acquire(&p).unwrap() else {
            panic!()
        };
        drop(lock);
        assert!(lock_path(&p).exists(), "dropped someone else's lock");
        drop(theirs);
        assert!(!lock_path(&p).exists());
    }
}
