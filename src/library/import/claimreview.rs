//! schema.org ClaimReview: one object, an array, a `DataFeed` with `dataFeedElement`
//! (items directly or wrapped in `DataFeedItem.item`), an `@graph`, or an HTML page that
//! carries any of these in `<script type="application/ld+json">`.

use std::path::Path;

use serde_json::{Map, Value};

use super::{Imported, Problem};
use crate::library::{Entry, EntryKind, text_hash};

/// Reads a JSON document. `first_line` is its line in the file (for scripts in HTML).
pub fn read_json(text: &str, file: &Path, first_line: usize, out: &mut Imported) {
    read_json_in(text, file, first_line, false, out)
}

fn read_json_in(text: &str, file: &Path, first_line: usize, in_page: bool, out: &mut Imported) {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            out.problems.push(Problem {
                file: file.to_path_buf(),
                location: format!(
                    "line {}, column {}",
                    first_line + e.line().max(1) - 1,
                    e.column()
                ),
                message: format!("not valid JSON: {}", plain_json_error(&e)),
            });
            return;
        }
    };
    let mut walker = Walker {
        file,
        line: first_line,
        in_page,
        out,
    };
    walker.walk(&value, "$".to_string(), true);
}

/// serde_json's message without its own " at line L column C" tail (we say it ourselves).
fn plain_json_error(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

struct Walker<'a> {
    file: &'a Path,
    /// Line where the JSON document starts.
    line: usize,
    /// Pages carry other JSON-LD (articles, breadcrumbs): those are not worth a report.
    in_page: bool,
    out: &'a mut Imported,
}

impl Walker<'_> {
    fn problem(&mut self, path: &str, message: String) {
        let location = if self.in_page {
            format!("line {}, {path}", self.line)
        } else {
            path.to_string()
        };
        self.out.problems.push(Problem {
            file: self.file.to_path_buf(),
            location,
            message,
        });
    }

    fn walk(&mut self, value: &Value, path: String, top: bool) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.walk(item, format!("{path}[{i}]"), top);
                }
            }
            Value::Object(map) => {
                if has_type(map, "ClaimReview") {
                    self.claim_review(map, &path);
                } else if let Some(graph) = map.get("@graph") {
                    self.walk(graph, format!("{path}.@graph"), top);
                } else if let Some(items) = map.get("dataFeedElement") {
                    self.walk(items, format!("{path}.dataFeedElement"), false);
                } else if let Some(item) = map.get("item") {
                    self.walk(item, format!("{path}.item"), false);
                } else if !(self.in_page && top) {
                    let ty = map
                        .get("@type")
                        .map(short_json)
                        .unwrap_or_else(|| "none".into());
                    self.problem(&path, format!("not a ClaimReview (@type {ty}); skipped"));
                }
            }
            other => {
                if !(self.in_page && top) {
                    self.problem(
                        &path,
                        format!("expected a ClaimReview object, found {}", short_json(other)),
                    );
                }
            }
        }
    }

    fn claim_review(&mut self, map: &Map<String, Value>, path: &str) {
        let claim = text(map.get("claimReviewed"));
        if claim.is_empty() {
            self.problem(
                path,
                "ClaimReview without claimReviewed (the claim's text); skipped".into(),
            );
            return;
        }
        let url = text(map.get("url"));
        let at_id = text(map.get("@id"));
        let own_id = if url.is_empty() { at_id } else { url.clone() };
        let (key, id) = if own_id.is_empty() {
            let hash = text_hash(&claim);
            (format!("claimreview:{}#{hash}", self.file.display()), hash)
        } else {
            (format!("claimreview:{own_id}"), own_id)
        };
        let mut e = Entry::new(key, id, EntryKind::ClaimReview, claim);
        e.url = url;
        e.title = first_text(&[map.get("name"), map.get("headline")]);
        e.verdict = rating(map.get("reviewRating"));
        e.date = date(&text(map.get("datePublished")));
        e.organisation = first_text(&[
            name_of(map.get("author")).as_ref(),
            name_of(map.get("publisher")).as_ref(),
        ]);
        if let Some(Value::Object(item)) = map.get("itemReviewed") {
            e.claimant = name_of(item.get("author"))
                .map(|v| text(Some(&v)))
                .unwrap_or_default();
            if e.date.is_empty() {
                e.date = date(&text(item.get("datePublished")));
            }
            e.sources = appearances(item);
        }
        e.origin = if e.organisation.is_empty() {
            self.file.display().to_string()
        } else {
            e.organisation.clone()
        };
        self.out.entries.push(e);
    }
}

/// Finds `<script type="application/ld+json">` blocks and reads each, with its line.
pub fn read_html(html: &str, file: &Path, out: &mut Imported) {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    let mut found = 0;
    while let Some(i) = lower[from..].find("<script") {
        let tag_start = from + i;
        let Some(tag_len) = lower[tag_start..].find('>') else {
            break;
        };
        let tag = &lower[tag_start..tag_start + tag_len];
        let body_start = tag_start + tag_len + 1;
        let Some(body_len) = lower[body_start..].find("</script") else {
            break;
        };
        from = body_start + body_len;
        if !tag.contains("application/ld+json") {
            continue;
        }
        found += 1;
        let body = &html[body_start..body_start + body_len];
        let line = 1 + html[..body_start].matches('\n').count();
        read_json_in(body.trim_end(), file, line, true, out);
    }
    if found == 0 {
        out.problems.push(super::whole(
            file,
            "no <script type=\"application/ld+json\"> in this page; nothing to add".into(),
        ));
    }
}

fn has_type(map: &Map<String, Value>, wanted: &str) -> bool {
    let matches = |v: &Value| {
        v.as_str()
            .map(|t| t.rsplit(['/', ':', '#']).next().unwrap_or(t) == wanted)
            .unwrap_or(false)
    };
    match map.get("@type") {
        Some(Value::Array(types)) => types.iter().any(matches),
        Some(v) => matches(v),
        None => false,
    }
}

/// A string value (numbers too), trimmed; empty when absent.
fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.split_whitespace().collect::<Vec<_>>().join(" "),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Array(a)) => a.first().map(|v| text(Some(v))).unwrap_or_default(),
        Some(Value::Object(o)) => text(o.get("@value").or_else(|| o.get("name"))),
        _ => String::new(),
    }
}

fn first_text(values: &[Option<&Value>]) -> String {
    values
        .iter()
        .map(|v| text(*v))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

/// `author` may be a string, an object with `name`, or an array of those.
fn name_of(v: Option<&Value>) -> Option<Value> {
    match v? {
        Value::Array(a) => name_of(a.first()),
        Value::Object(o) => o.get("name").cloned(),
        s @ Value::String(_) => Some(s.clone()),
        _ => None,
    }
}

/// `reviewRating.alternateName` (the words), else `ratingValue` out of `bestRating`.
fn rating(v: Option<&Value>) -> String {
    let Some(Value::Object(r)) = v else {
        return text(v);
    };
    let name = text(r.get("alternateName"));
    if !name.is_empty() {
        return name;
    }
    let value = text(r.get("ratingValue"));
    let best = text(r.get("bestRating"));
    match (value.is_empty(), best.is_empty()) {
        (false, false) => format!("{value}/{best}"),
        (false, true) => value,
        _ => String::new(),
    }
}

fn appearances(item: &Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["appearance", "firstAppearance"] {
        let list = match item.get(key) {
            Some(Value::Array(a)) => a.iter().collect(),
            Some(v) => vec![v],
            None => Vec::new(),
        };
        for v in list {
            let url = match v {
                Value::Object(o) => text(o.get("url").or_else(|| o.get("@id"))),
                v => text(Some(v)),
            };
            if url.starts_with("http") && !out.contains(&url) {
                out.push(url);
            }
        }
    }
    out
}

/// The date part of an ISO 8601 timestamp, if it looks like one.
fn date(s: &str) -> String {
    let d: String = s.chars().take(10).collect();
    let b = d.as_bytes();
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && d.chars().filter(char::is_ascii_digit).count() == 8
    {
        d
    } else {
        String::new()
    }
}

fn short_json(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}
