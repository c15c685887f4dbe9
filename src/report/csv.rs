//! CSV (RFC 4180) for spreadsheets, written by the `csv` crate, with formula injection
//! neutralised: a cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`,
//! which spreadsheets show as text instead of evaluating.

use super::ReportError;
use crate::project::{Project, ProjectClaim};

const HEADER: [&str; 13] = [
    "number", "id", "verdict", "claim", "claimant", "kind", "score", "sources", "note", "start",
    "end", "origin", "updated",
];

/// Makes a cell inert in Excel, LibreOffice and Google Sheets (OWASP's CSV-injection advice).
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

pub fn render(project: &Project, claims: &[&ProjectClaim]) -> Result<String, ReportError> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let err = |e: ::csv::Error| ReportError::Csv(e.to_string());
    w.write_record(HEADER).map_err(err)?;
    for (i, c) in claims.iter().enumerate() {
        let sources = c
            .sources
            .iter()
            .map(|s| s.url.as_str())
            .collect::<Vec<_>>()
            .join(" | ");
        let updated = c
            .updated
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        w.write_record([
            (i + 1).to_string(),
            neutralise(&c.id),
            project.verdict_name(&c.verdict).to_string(),
            neutralise(&c.text),
            neutralise(c.claimant.as_deref().unwrap_or("")),
            c.kind.to_string(),
            format!("{:.3}", c.score),
            neutralise(&sources),
            neutralise(&c.note),
            c.start.to_string(),
            c.end.to_string(),
            format!("{:?}", c.origin).to_lowercase(),
            updated,
        ])
        .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ReportError::Csv(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ReportError::Csv(e.to_string()))
}
