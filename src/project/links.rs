//! Source URLs: only absolute http(s) URLs are links. Everything else (`javascript:`, `file:`,
//! bare words) is kept as text where the user typed it, never made clickable.

use url::Url;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlProblem {
    #[error("empty URL")]
    Empty,
    #[error("not a URL: {0}")]
    Invalid(String),
    #[error("only http and https links are allowed, not {0}:")]
    Scheme(String),
    #[error("the URL has no host")]
    NoHost,
}

/// Parses a source URL typed by a user, accepting only absolute http(s) URLs with a host.
/// Surrounding whitespace is ignored; the result is normalised (percent-encoded).
pub fn web_url(input: &str) -> Result<Url, UrlProblem> {
    let input = input.trim();
    if input.is_empty() {
        return Err(UrlProblem::Empty);
    }
    let url = Url::parse(input).map_err(|e| UrlProblem::Invalid(e.to_string()))?;
    match url.scheme() {
        "http" | "https" => {}
        other => return Err(UrlProblem::Scheme(other.to_string())),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(UrlProblem::NoHost);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https() {
        assert_eq!(
            web_url(" https://example.org/a b ").unwrap().as_str(),
            "https://example.org/a%20b"
        );
        assert!(web_url("http://example.org").is_ok());
        assert_eq!(
            web_url("javascript:alert(1)"),
            Err(UrlProblem::Scheme("javascript".into()))
        );
        assert_eq!(
            web_url("JaVaScRiPt:alert(1)"),
            Err(UrlProblem::Scheme("javascript".into()))
        );
        assert_eq!(
            web_url("file:///etc/passwd"),
            Err(UrlProblem::Scheme("file".into()))
        );
        assert!(matches!(
            web_url("example.org"),
            Err(UrlProblem::Invalid(_))
        ));
        assert_eq!(web_url(""), Err(UrlProblem::Empty));
        assert_eq!(
            web_url("data:text/html,<b>x</b>"),
            Err(UrlProblem::Scheme("data".into()))
        );
    }
}
