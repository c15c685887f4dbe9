//! Markdown report for editors. All text is escaped so nothing in an article or a note can
//! inject HTML, links or formatting into a rendered page.

use std::fmt::Write;

use super::{active_claims, date_of, reviewer_line, revision_line, revision_note, summary};
use crate::project::links::web_url;
use crate::project::{Project, ProjectClaim};

/// Backslash-escapes the ASCII punctuation CommonMark gives meaning to, so text renders
/// literally (`<script>` stays text; `[x](javascript:…)` is not a link). List and heading
/// markers only matter at the start of a line, so only there are they escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Multi-line text (notes) as indented, escaped lines under a list item.
fn escape_block(text: &str, indent: &str) -> String {
    text.lines()
        .map(|l| format!("{indent}{}", escape(l)))
        .collect::<Vec<_>>()
        .join("  \n")
}

pub fn render(project: &Project, claims: &[&ProjectClaim]) -> String {
    let mut md = String::new();
    let a = &project.article;
    let _ = writeln!(md, "# Fact-check: {}\n", escape(&a.title));
    let _ = writeln!(md, "| | |\n|---|---|");
    let _ = writeln!(md, "| Article | {} |", escape(&a.title));
    if let Some(url) = project
        .settings
        .article_url
        .as_deref()
        .and_then(|u| web_url(u).ok())
    {
        let _ = writeln!(md, "| Published at | <{url}> |");
    }
    if let Some(d) = &project.settings.article_date {
        let _ = writeln!(md, "| Published on | {} |", escape(d));
    }
    if let Some(src) = &a.source_path {
        let _ = writeln!(md, "| Source file | {} |", escape(src));
    }
    let _ = writeln!(md, "| SHA-256 | `{}` |", a.sha256);
    let _ = writeln!(md, "| Checked | {} |", date_of(project.updated));
    if let Some(r) = reviewer_line(project) {
        let _ = writeln!(md, "| Checked by | {} |", escape(&r));
    }

    let (active, reviewed) = active_claims(project, claims);
    let _ = writeln!(
        md,
        "\n## Summary\n\n{reviewed} of {} claims reviewed.\n",
        active.len()
    );
    if let Some(line) = revision_line(&active) {
        let _ = writeln!(md, "{line}\n");
    }
    let _ = writeln!(md, "| Verdict | Claims |\n|---|---:|");
    for (verdict, n) in summary(project, &active) {
        if n > 0 {
            let _ = writeln!(md, "| {} | {n} |", escape(project.verdict_name(&verdict)));
        }
    }

    let _ = writeln!(md, "\n## Claims");
    for (i, c) in active.iter().enumerate() {
        let def = project.scale.def(&c.verdict);
        let name = escape(project.verdict_name(&c.verdict));
        let _ = writeln!(md, "\n### {}. {name}\n", i + 1);
        let _ = writeln!(md, "> {}\n", escape(&c.text));
        let _ = writeln!(md, "- **Verdict:** {name} — {}", escape(&def.description));
        let _ = writeln!(
            md,
            "- **Kind:** {} · check-worthiness {:.2}",
            c.kind, c.score
        );
        if let Some(what) = revision_note(c) {
            let _ = writeln!(md, "- **Revision:** {what}");
        }
        if let Some(previous) = c.previous_text.as_deref().filter(|p| *p != c.text) {
            let _ = writeln!(md, "- **Previous text:** {}", escape(previous));
        }
        if let Some(who) = &c.claimant {
            let _ = writeln!(md, "- **Claimant:** {}", escape(who));
        }
        if c.sources.is_empty() {
            let _ = writeln!(md, "- **Sources:** none");
        } else {
            let _ = writeln!(md, "- **Sources:**");
            for s in &c.sources {
                let title = s.title.as_deref().filter(|t| !t.trim().is_empty());
                match web_url(&s.url) {
                    Ok(url) => {
                        let label = escape(title.unwrap_or(url.as_str()));
                        let _ = writeln!(md, "  - [{label}](<{url}>)");
                    }
                    Err(_) => {
                        let _ = writeln!(md, "  - {} (not a web link)", escape(&s.url));
                    }
                }
            }
        }
        if !c.note.trim().is_empty() {
            let _ = writeln!(md, "- **Note:**  \n{}", escape_block(&c.note, "  "));
        }
    }
    md
}
