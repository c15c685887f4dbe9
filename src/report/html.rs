//! A self-contained HTML report: inline CSS, no scripts, no remote resources, print-ready.
//! A Content-Security-Policy forbids scripts outright, as a second wall behind escaping.

use std::fmt::Write;

use super::{active_claims, date_of, reviewer_line, revision_line, revision_note, summary};
use crate::project::links::web_url;
use crate::project::scale::Color;
use crate::project::{Project, ProjectClaim, Verdict};

/// Escapes text for HTML element content and double- or single-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; }
* { box-sizing: border-box; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
       color: var(--ink); max-width: 52rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .75rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; color: var(--muted); font-size: .9rem; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.bar { display: flex; height: .9rem; border-radius: .45rem; overflow: hidden; margin: .6rem 0 .8rem; background: var(--line); }
.bar span { display: block; height: 100%; }
table.summary { border-collapse: collapse; font-size: .92rem; }
table.summary td { padding: .15rem .9rem .15rem 0; }
table.summary td.n { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; color: #fff; border-radius: 999px; padding: .05rem .6rem; font-size: .8rem; font-weight: 600; white-space: nowrap; }
article.claim { border: 1px solid var(--line); border-left-width: .35rem; border-radius: .5rem; padding: .8rem 1rem; margin: 0 0 1rem; break-inside: avoid; }
article.claim h3 { font-size: 1rem; margin: 0 0 .4rem; display: flex; gap: .6rem; align-items: baseline; flex-wrap: wrap; }
article.claim .num { color: var(--muted); font-weight: 600; }
.context { color: var(--muted); margin: .2rem 0 .6rem; }
.context mark { background: #fef3c7; color: var(--ink); padding: 0 .1rem; }
.facts { font-size: .9rem; margin: 0; padding-left: 1.1rem; }
.facts li { margin: .1rem 0; }
.revision { color: #92400e; }
del { color: var(--muted); }
.note { white-space: pre-wrap; background: #f9fafb; border-radius: .35rem; padding: .4rem .6rem; margin: .5rem 0 0; font-size: .92rem; }
a { color: #1d4ed8; overflow-wrap: anywhere; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .8em; color: #555; }
  .badge, .bar span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  article.claim { page-break-inside: avoid; }
}
"#;

fn badge(project: &Project, v: &Verdict) -> String {
    format!(
        r#"<span class="badge" style="background:{}">{}</span>"#,
        css(project, v),
        escape(project.verdict_name(v))
    )
}

fn css(project: &Project, v: &Verdict) -> String {
    Color(project.scale.color(v)).css_hex()
}

pub fn render(project: &Project, claims: &[&ProjectClaim]) -> String {
    let a = &project.article;
    let mut h = String::with_capacity(16 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>Fact-check: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&a.title)
    );
    let _ = writeln!(
        h,
        "<header>\n<h1>Fact-check: {}</h1>\n<dl class=\"meta\">",
        escape(&a.title)
    );
    if let Some(url) = project
        .settings
        .article_url
        .as_deref()
        .and_then(|u| web_url(u).ok())
    {
        let _ = writeln!(
            h,
            "<dt>Published at</dt><dd>{}</dd>",
            link(url.as_str(), url.as_str())
        );
    }
    if let Some(d) = &project.settings.article_date {
        let _ = writeln!(h, "<dt>Published on</dt><dd>{}</dd>", escape(d));
    }
    if let Some(src) = &a.source_path {
        let _ = writeln!(h, "<dt>Source file</dt><dd>{}</dd>", escape(src));
    }
    let _ = writeln!(
        h,
        "<dt>SHA-256</dt><dd><code>{}</code></dd>",
        escape(&a.sha256)
    );
    let _ = writeln!(h, "<dt>Checked</dt><dd>{}</dd>", date_of(project.updated));
    if let Some(r) = reviewer_line(project) {
        let _ = writeln!(h, "<dt>Checked by</dt><dd>{}</dd>", escape(&r));
    }
    let _ = writeln!(h, "</dl>\n</header>");

    let (active, reviewed) = active_claims(project, claims);
    let counts = summary(project, &active);
    let _ = writeln!(
        h,
        "<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">Summary</h2>"
    );
    let _ = writeln!(h, "<p>{reviewed} of {} claims reviewed.</p>", active.len());
    if let Some(line) = revision_line(&active) {
        let _ = writeln!(h, "<p class=\"revision\">{}</p>", escape(&line));
    }
    if !active.is_empty() {
        let _ = write!(
            h,
            "<div class=\"bar\" role=\"img\" aria-label=\"Claims by verdict\">"
        );
        for (v, n) in &counts {
            if *n > 0 {
                let pct = *n as f64 * 100.0 / active.len() as f64;
                let _ = write!(
                    h,
                    "<span style=\"width:{pct:.3}%;background:{}\" title=\"{}: {n}\"></span>",
                    css(project, v),
                    escape(project.verdict_name(v))
                );
            }
        }
        let _ = writeln!(h, "</div>");
    }
    let _ = writeln!(h, "<table class=\"summary\">");
    for (v, n) in &counts {
        if *n > 0 {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=\"n\">{n}</td></tr>",
                badge(project, v)
            );
        }
    }
    let _ = writeln!(h, "</table>\n</section>");

    let _ = writeln!(
        h,
        "<section aria-labelledby=\"claims\">\n<h2 id=\"claims\">Claims</h2>"
    );
    for (i, c) in active.iter().enumerate() {
        let _ = writeln!(
            h,
            "<article class=\"claim\" id=\"{}\" style=\"border-left-color:{}\">",
            escape(&c.id),
            css(project, &c.verdict)
        );
        let _ = writeln!(
            h,
            "<h3><span class=\"num\">{}.</span>{}</h3>",
            i + 1,
            badge(project, &c.verdict)
        );
        let _ = writeln!(
            h,
            "<p class=\"context\">…{}<mark>{}</mark>{}…</p>",
            escape(&c.context_before),
            escape(&c.text),
            escape(&c.context_after)
        );
        let _ = writeln!(h, "<ul class=\"facts\">");
        if let Some(what) = revision_note(c) {
            let _ = writeln!(h, "<li class=\"revision\">Revision: {what}</li>");
        }
        if let Some(previous) = c.previous_text.as_deref().filter(|p| *p != c.text) {
            let _ = writeln!(h, "<li>Previous text: <del>{}</del></li>", escape(previous));
        }
        let _ = writeln!(
            h,
            "<li>{} — {}</li>",
            escape(project.verdict_name(&c.verdict)),
            escape(&project.scale.def(&c.verdict).description)
        );
        if let Some(who) = &c.claimant {
            let _ = writeln!(h, "<li>Claimant: {}</li>", escape(who));
        }
        let _ = writeln!(
            h,
            "<li>Kind: {} · check-worthiness {:.2}</li>",
            c.kind, c.score
        );
        if c.sources.is_empty() {
            let _ = writeln!(h, "<li>Sources: none</li>");
        }
        for s in &c.sources {
            let title = s.title.as_deref().filter(|t| !t.trim().is_empty());
            match web_url(&s.url) {
                Ok(url) => {
                    let _ = writeln!(
                        h,
                        "<li>Source: {}</li>",
                        link(url.as_str(), title.unwrap_or(url.as_str()))
                    );
                }
                Err(_) => {
                    let _ = writeln!(h, "<li>Source (not a web link): {}</li>", escape(&s.url));
                }
            }
        }
        let _ = writeln!(h, "</ul>");
        if !c.note.trim().is_empty() {
            let _ = writeln!(h, "<p class=\"note\">{}</p>", escape(c.note.trim()));
        }
        let _ = writeln!(h, "</article>");
    }
    let _ = writeln!(
        h,
        "</section>\n<footer>Made with factdesk.</footer>\n</body>\n</html>"
    );
    h
}

/// A link to an already-validated http(s) URL.
fn link(url: &str, label: &str) -> String {
    format!(
        "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
        escape(url),
        escape(label)
    )
}
