//! Article loading: bytes from disk (or stdin) to one normalised plain text.
//!
//! Every later stage (sentences, claims, spans, the project file) works on the text this module
//! returns, so it is the single place where encodings, line endings and markup are dealt with.

mod decode;
mod html;
mod markdown;

use std::path::{Path, PathBuf};

pub use decode::{DecodeError, decode_owned, decode_text};

/// Articles above this size are refused rather than risking memory exhaustion in the UI.
pub const MAX_ARTICLE_BYTES: u64 = 256 * 1024 * 1024;

/// What the text was extracted from; decides which markup is stripped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// Picks the format from the file extension, falling back to sniffing the content so an
    /// HTML page saved as `.txt` (or read from stdin) still loses its markup.
    pub fn detect(name: Option<&Path>, text: &str) -> Format {
        let ext = name
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("html" | "htm" | "xhtml") => Format::Html,
            Some("md" | "markdown" | "mdown") => Format::Markdown,
            _ => {
                let head: String = text
                    .trim_start()
                    .chars()
                    .take(64)
                    .collect::<String>()
                    .to_ascii_lowercase();
                if head.starts_with("<!doctype html") || head.starts_with("<html") {
                    Format::Html
                } else {
                    Format::Text
                }
            }
        }
    }
}

/// A loaded article: the readable text every span refers to, plus where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub title: String,
    pub text: String,
    pub source_path: Option<PathBuf>,
    pub format: Format,
    /// Name of the encoding the bytes were decoded from (e.g. "UTF-8", "windows-1252").
    pub encoding: &'static str,
}

/// Why an article could not be loaded. Every variant names the file so the message stands alone.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    #[error("cannot read {path}: {reason}")]
    Io {
        path: String,
        reason: std::io::Error,
    },
    #[error("{path} is too large ({size} bytes; the limit is {MAX_ARTICLE_BYTES} bytes)")]
    TooLarge { path: String, size: u64 },
    #[error("{path}: {reason}")]
    Decode { path: String, reason: DecodeError },
    #[error("{path} contains no text")]
    Empty { path: String },
}

/// Loads an article from a path; `-` reads standard input.
pub fn load_path(path: &Path) -> Result<Article, ArticleError> {
    let shown = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf).map_err(|reason| {
            ArticleError::Io {
                path: "<stdin>".into(),
                reason,
            }
        })?;
        buf
    } else {
        let meta = std::fs::metadata(path).map_err(|reason| ArticleError::Io {
            path: shown.clone(),
            reason,
        })?;
        if meta.is_dir() {
            return Err(ArticleError::Io {
                path: shown,
                reason: std::io::Error::other("is a directory"),
            });
        }
        if meta.len() > MAX_ARTICLE_BYTES {
            return Err(ArticleError::TooLarge {
                path: shown,
                size: meta.len(),
            });
        }
        std::fs::read(path).map_err(|reason| ArticleError::Io {
            path: shown.clone(),
            reason,
        })?
    };
    let named = (path.as_os_str() != "-").then_some(path);
    let mut article = from_vec(named, bytes)?;
    article.source_path = named.map(Path::to_path_buf);
    Ok(article)
}

/// Decodes and extracts an article from raw bytes. `name` gives the format hint and error label.
pub fn from_bytes(name: Option<&Path>, bytes: &[u8]) -> Result<Article, ArticleError> {
    within_limit(name, bytes.len())?;
    from_decoded(name, decode_text(bytes))
}

/// [`from_bytes`] of bytes the caller gives up: UTF-8 text is not copied.
pub fn from_vec(name: Option<&Path>, bytes: Vec<u8>) -> Result<Article, ArticleError> {
    within_limit(name, bytes.len())?;
    from_decoded(name, decode_owned(bytes))
}

fn shown_name(name: Option<&Path>) -> String {
    name.map(|p| p.display().to_string())
        .unwrap_or_else(|| "<stdin>".into())
}

fn within_limit(name: Option<&Path>, len: usize) -> Result<(), ArticleError> {
    if len as u64 > MAX_ARTICLE_BYTES {
        return Err(ArticleError::TooLarge {
            path: shown_name(name),
            size: len as u64,
        });
    }
    Ok(())
}

/// The article from its decoded text.
fn from_decoded(
    name: Option<&Path>,
    decoded: Result<(String, &'static str), DecodeError>,
) -> Result<Article, ArticleError> {
    let shown = shown_name(name);
    let (raw, encoding) = decoded.map_err(|reason| ArticleError::Decode {
        path: shown.clone(),
        reason,
    })?;
    let format = Format::detect(name, &raw);
    let (text, markup_title) = match format {
        Format::Text => (raw, None),
        Format::Markdown => markdown::to_text(&raw),
        Format::Html => html::to_text(&raw),
    };
    if text.trim().is_empty() {
        return Err(ArticleError::Empty { path: shown });
    }
    let title = markup_title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| title_from_text(&text, name));
    Ok(Article {
        title,
        text,
        source_path: None,
        format,
        encoding,
    })
}

/// The first non-empty line is the headline in nearly every plain-text export; cap it so a
/// one-paragraph article does not become a 2,000-character title.
fn title_from_text(text: &str, name: Option<&Path>) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty());
    match line {
        Some(l) if l.chars().count() <= 160 => l.to_string(),
        Some(l) => {
            let cut: String = l.chars().take(157).collect();
            format!("{}…", cut.trim_end())
        }
        None => name
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled article".into()),
    }
}

/// The sample article compiled into the binary, so the app opens on it from any folder.
pub const SAMPLE_ARTICLE: &str = include_str!("../../assets/berlin-talks.txt");
/// File name the embedded sample is shown under.
pub const SAMPLE_NAME: &str = "berlin-talks.txt";

/// The embedded sample as a loaded article.
pub fn sample() -> Article {
    from_bytes(Some(Path::new(SAMPLE_NAME)), SAMPLE_ARTICLE.as_bytes())
        .expect("the embedded sample article is valid text")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_html_by_content() {
        assert_eq!(Format::detect(None, "  <!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(Format::detect(None, "Plain words."), Format::Text);
        assert_eq!(
            Format::detect(Some(Path::new("a.MD")), "# x"),
            Format::Markdown
        );
    }

    #[test]
    fn title_is_first_line() {
        let a = from_bytes(Some(Path::new("x.txt")), b"\n\n  Headline here \nBody.").unwrap();
        assert_eq!(a.title, "Headline here");
    }

    #[test]
    fn empty_and_whitespace_files_are_errors_naming_the_file() {
        for bytes in [&b""[..], b"   \n\t\n"] {
            let err = from_bytes(Some(Path::new("empty.txt")), bytes).unwrap_err();
            assert!(err.to_string().contains("empty.txt"), "{err}");
            assert!(err.to_string().contains("no text"), "{err}");
        }
    }

    #[test]
    fn missing_file_names_path() {
        let err = load_path(Path::new("/definitely/not/here.txt")).unwrap_err();
        assert!(err.to_string().contains("/definitely/not/here.txt"));
    }

    #[test]
    fn sample_loads() {
        let a = sample();
        assert!(a.title.starts_with("Ukraine and US"));
        assert!(!a.text.contains('\r'));
    }
}
