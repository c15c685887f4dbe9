//! Where the library lives when no `--library DIR` is given.

use std::path::PathBuf;

/// Environment variable overriding the default location.
pub const ENV_VAR: &str = "FACTDESK_LIBRARY";

/// `FACTDESK_LIBRARY`, else `library/` in the user's data folder (the same base the window
/// uses for its state: `$XDG_DATA_HOME/factdesk` or `~/.local/share/factdesk` on Linux,
/// `~/Library/Application Support/factdesk` on macOS, `%APPDATA%\factdesk\data` on Windows).
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    data_dir().map(|d| d.join("library"))
}

fn data_dir() -> Option<PathBuf> {
    let home = || {
        std::env::var_os("HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if cfg!(target_os = "windows") {
        return std::env::var_os("APPDATA").map(|a| PathBuf::from(a).join("factdesk").join("data"));
    }
    if cfg!(target_os = "macos") {
        return home().map(|h| h.join("Library/Application Support/factdesk"));
    }
    match std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        Some(xdg) => Some(PathBuf::from(xdg).join("factdesk")),
        None => home().map(|h| h.join(".local/share/factdesk")),
    }
}
