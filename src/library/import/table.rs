//! CSV/TSV tables whose header names at least `claim` (optional `id`, `title`, `verdict` or
//! `rating`, `url`, `date`, `claimant`, `organisation`; other columns are ignored).

use std::path::Path;

use super::{Imported, Problem, whole};
use crate::library::{Entry, EntryKind, text_hash};

#[derive(Default)]
struct Columns {
    claim: usize,
    id: Option<usize>,
    title: Option<usize>,
    verdict: Option<usize>,
    url: Option<usize>,
    date: Option<usize>,
    claimant: Option<usize>,
    organisation: Option<usize>,
}

pub fn read(text: &str, delimiter: u8, file: &Path, out: &mut Imported) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            out.problems
                .push(whole(file, format!("cannot read the header: {e}")));
            return;
        }
    };
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let find = |wanted: &[&str]| names.iter().position(|n| wanted.contains(&n.as_str()));
    let Some(claim) = find(&["claim"]) else {
        out.problems.push(whole(
            file,
            format!(
                "the header names no `claim` column (found: {}); nothing added",
                names.join(", ")
            ),
        ));
        return;
    };
    let cols = Columns {
        claim,
        id: find(&["id"]),
        title: find(&["title"]),
        verdict: find(&["verdict"]).or_else(|| find(&["rating"])),
        url: find(&["url"]),
        date: find(&["date"]),
        claimant: find(&["claimant"]),
        organisation: find(&["organisation", "organization"]),
    };
    let file_name = file.display().to_string();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(line, |p| p.line());
                match row(&record, &cols, &file_name) {
                    Ok(e) => out.entries.push(e),
                    Err(message) => out.problems.push(Problem {
                        file: file.to_path_buf(),
                        location: format!("line {line}"),
                        message,
                    }),
                }
            }
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line());
                out.problems.push(Problem {
                    file: file.to_path_buf(),
                    location: format!("line {line}"),
                    message: format!("unreadable row: {e}; skipped"),
                });
                if !matches!(
                    e.kind(),
                    csv::ErrorKind::Utf8 { .. } | csv::ErrorKind::UnequalLengths { .. }
                ) {
                    break;
                }
            }
        }
    }
}

fn row(record: &csv::StringRecord, cols: &Columns, file: &str) -> Result<Entry, String> {
    let get = |i: Option<usize>| {
        i.and_then(|i| record.get(i))
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    if record.len() <= cols.claim {
        return Err(format!(
            "the row has {} cells, the `claim` column is number {}; skipped",
            record.len(),
            cols.claim + 1
        ));
    }
    let claim = get(Some(cols.claim));
    if claim.is_empty() {
        return Err("empty `claim` cell; skipped".into());
    }
    // The id as given, exactly (not re-spaced).
    let given_id = cols
        .id
        .and_then(|i| record.get(i))
        .unwrap_or("")
        .to_string();
    let url = get(cols.url);
    let id = if !given_id.trim().is_empty() {
        given_id
    } else if !url.is_empty() {
        url.clone()
    } else {
        text_hash(&claim)
    };
    let mut e = Entry::new(format!("table:{file}#{id}"), id, EntryKind::Table, claim);
    e.title = get(cols.title);
    e.verdict = get(cols.verdict);
    e.url = url;
    e.date = get(cols.date);
    e.claimant = get(cols.claimant);
    e.organisation = get(cols.organisation);
    e.origin = if e.organisation.is_empty() {
        file.to_string()
    } else {
        format!("{} ({file})", e.organisation)
    };
    Ok(e)
}
