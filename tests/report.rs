//! Report golden files and hostile-input tests.

use factdesk::article;
use factdesk::claims::ClaimFinder;
use factdesk::project::{Project, Source, Verdict};
use factdesk::report::{ReportFormat, ReportScope, render};
use time::macros::datetime;

/// The sample project with a few verdicts, sources and notes, at fixed times.
fn reviewed_sample() -> Project {
    let mut p = Project::from_article(&article::sample(), &ClaimFinder::rules());
    let t = datetime!(2026-11-27 10:00:00 UTC);
    p.created = t;
    p.updated = t;
    p.article.source_path = Some("assets/berlin-talks.txt".into());
    p.settings.article_url = Some("https://news.example.com/berlin-talks".into());
    p.settings.article_date = Some("2025-12-15".into());
    p.settings.reviewer_name = Some("Ana Lima".into());
    p.settings.reviewer_organisation = Some("Example Fact Desk".into());
    p.settings.review_url = Some("https://factdesk.example.org/checks/berlin-talks".into());
    for c in &mut p.claims {
        c.created = t;
        c.updated = t;
    }
    let set = |p: &mut Project, prefix: &str, verdict: Verdict, url: Option<&str>, note: &str| {
        let c = p
            .claims
            .iter_mut()
            .find(|c| c.text.starts_with(prefix))
            .unwrap();
        c.verdict = verdict;
        if let Some(u) = url {
            c.sources.push(Source {
                url: u.into(),
                title: Some("Official readout".into()),
                added: t,
            });
        }
        c.note = note.into();
    };
    set(
        &mut p,
        "A U.S. official said consensus",
        Verdict::DISPUTED,
        Some("https://example.org/readout"),
        "Ukrainian side gave no figure.",
    );
    set(
        &mut p,
        "Witkoff and Kushner held five hours",
        Verdict::VERIFIED,
        Some("https://example.org/kremlin-dec-2"),
        "Kremlin readout confirms date and length.",
    );
    set(
        &mut p,
        "Ukraine has sought to join NATO",
        Verdict::MOSTLY_ACCURATE,
        None,
        "Formal application dates from 2022.",
    );
    set(
        &mut p,
        "Russia isn’t present",
        Verdict::IN_PROGRESS,
        None,
        "",
    );
    set(&mut p, "Merz put the issue", Verdict::NOT_A_CLAIM, None, "");
    p
}

fn report(p: &Project, f: ReportFormat) -> String {
    render(p, f, &ReportScope::default()).unwrap()
}

#[test]
fn golden_markdown() {
    insta::assert_snapshot!(
        "sample.md",
        report(&reviewed_sample(), ReportFormat::Markdown)
    );
}

#[test]
fn golden_html() {
    insta::assert_snapshot!(
        "sample.html",
        report(&reviewed_sample(), ReportFormat::Html)
    );
}

#[test]
fn golden_csv() {
    insta::assert_snapshot!("sample.csv", report(&reviewed_sample(), ReportFormat::Csv));
}

#[test]
fn golden_json() {
    insta::assert_snapshot!(
        "sample.json",
        report(&reviewed_sample(), ReportFormat::Json)
    );
}

#[test]
fn golden_claimreview() {
    insta::assert_snapshot!(
        "sample.claimreview.jsonld",
        report(&reviewed_sample(), ReportFormat::ClaimReview)
    );
}

#[test]
fn claimreview_objects_have_required_fields() {
    let v: serde_json::Value =
        serde_json::from_str(&report(&reviewed_sample(), ReportFormat::ClaimReview)).unwrap();
    let items = v.as_array().unwrap();
    // Disputed, Verified, Mostly accurate are published; In progress and Not a claim are not.
    assert_eq!(items.len(), 3);
    for o in items {
        assert_eq!(o["@context"], "https://schema.org");
        assert_eq!(o["@type"], "ClaimReview");
        assert!(o["claimReviewed"].as_str().is_some_and(|s| !s.is_empty()));
        let r = &o["reviewRating"];
        assert_eq!(r["@type"], "Rating");
        for f in ["ratingValue", "bestRating", "worstRating"] {
            assert!(r[f].as_u64().is_some(), "{f}");
        }
        assert!(r["alternateName"].as_str().is_some());
        assert_eq!(o["itemReviewed"]["@type"], "Claim");
        assert_eq!(
            o["itemReviewed"]["appearance"]["url"],
            "https://news.example.com/berlin-talks"
        );
        assert_eq!(o["author"]["name"], "Example Fact Desk");
        assert!(o["datePublished"].as_str().is_some());
        assert!(
            o["url"]
                .as_str()
                .unwrap()
                .starts_with("https://factdesk.example.org/checks/berlin-talks#c")
        );
    }
    assert_eq!(
        items[0]["itemReviewed"]["author"]["name"],
        "A U.S. official"
    );
}

const SCRIPT: &str = "<script>alert('x')</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"click\")";
const UNICODE: &str = "Zürich 東京 café — “quoted” ✓";

fn hostile_project() -> Project {
    let mut p = reviewed_sample();
    p.article.title = format!("{SCRIPT}{IMG}");
    p.settings.reviewer_name = Some(IMG.into());
    p.settings.article_url = Some("javascript:alert(document.cookie)".into());
    let c = &mut p.claims[0];
    c.verdict = Verdict::FALSE;
    c.note = format!("{SCRIPT}\n{IMG}\n{UNICODE}\n[click](javascript:alert(1))");
    c.claimant = Some(format!("{FORMULA}{SCRIPT}"));
    c.sources = vec![
        Source {
            url: "javascript:alert(1)".into(),
            title: Some(IMG.into()),
            added: p.updated,
        },
        Source {
            url: "https://ok.example/a?b=<c>&d=\"e\"".into(),
            title: Some(SCRIPT.into()),
            added: p.updated,
        },
    ];
    p.claims[1].note = FORMULA.into();
    p.claims[1].claimant = Some("@SUM(A1:A2)".into());
    p.claims[2].note = "-2+3".into();
    p.claims[3].note = "\tTabbed".into();
    p
}

#[test]
fn hostile_input_is_inert_in_html() {
    let html = report(&hostile_project(), ReportFormat::Html);
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "script tag survived");
    assert!(!lower.contains("<img"), "img tag survived");
    assert!(!lower.contains("href=\"javascript"), "javascript link");
    assert!(!lower.contains("onerror=alert(1)>"));
    // Only the valid https sources and none else are links, all with rel=noopener noreferrer.
    let links: Vec<&str> = html
        .match_indices("<a ")
        .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap()])
        .collect();
    assert!(!links.is_empty());
    for l in &links {
        assert!(l.contains("href=\"https://"), "{l}");
        assert!(l.contains("rel=\"noopener noreferrer\""), "{l}");
    }
    assert!(html.contains(UNICODE));
    assert!(html.contains("&lt;script&gt;"));
}

#[test]
fn hostile_input_is_inert_in_markdown() {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let md = report(&hostile_project(), ReportFormat::Markdown);
    let mut links = 0;
    for event in Parser::new_ext(&md, Options::all()) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in Markdown: {h}"),
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                assert!(dest_url.starts_with("https://"), "link to {dest_url}");
                links += 1;
            }
            _ => {}
        }
    }
    assert!(links >= 1);
    assert!(md.contains(UNICODE));
}

#[test]
fn hostile_input_is_inert_in_csv() {
    let text = report(&hostile_project(), ReportFormat::Csv);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let mut rows = 0;
    let mut saw_unicode = false;
    for rec in r.records() {
        let rec = rec.unwrap();
        rows += 1;
        for cell in rec.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "live formula cell: {cell:?}"
            );
            saw_unicode |= cell.contains(UNICODE);
        }
    }
    assert_eq!(rows, hostile_project().claims.len());
    assert!(saw_unicode);
    assert!(text.contains("'=HYPERLINK"));
}

#[test]
fn non_ascii_survives_json_and_claimreview() {
    let p = hostile_project();
    let json: serde_json::Value = serde_json::from_str(&report(&p, ReportFormat::Json)).unwrap();
    assert!(
        json["claims"][0]["note"]
            .as_str()
            .unwrap()
            .contains(UNICODE)
    );
    assert_eq!(json["claims"][0]["sources"][0]["is_link"], false);
    let cr: serde_json::Value =
        serde_json::from_str(&report(&p, ReportFormat::ClaimReview)).unwrap();
    // The invalid article URL never becomes an appearance link.
    assert!(cr[0]["itemReviewed"].get("appearance").is_none());
}

#[test]
fn scope_limits_claims() {
    let p = reviewed_sample();
    let ids = vec![p.claims[2].id.clone()];
    let csv = render(&p, ReportFormat::Csv, &ReportScope { only: Some(ids) }).unwrap();
    assert_eq!(csv.lines().count(), 2);
}

#[test]
fn report_cli_writes_file() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.factdesk.ron");
    factdesk::project::storage::save(&project, &reviewed_sample()).unwrap();
    let out = dir.path().join("r.html");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args([
            "report",
            project.to_str().unwrap(),
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args([
            "report",
            project.to_str().unwrap(),
            "--format",
            "claimreview",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
}

/// The reviewed sample after the article was revised: one figure edited (changed), one
/// paragraph deleted (orphaned), one sentence added (new).
fn revised_sample() -> Project {
    let p = reviewed_sample();
    let text = &p.article.text;
    let verified = p
        .claims
        .iter()
        .find(|c| c.text.starts_with("Witkoff and Kushner held five hours"))
        .unwrap();
    let mut edited = text.replacen(&verified.text, &verified.text.replacen("five", "six", 1), 1);
    let mostly = p
        .claims
        .iter()
        .find(|c| c.text.starts_with("Ukraine has sought to join NATO"))
        .unwrap();
    edited = edited.replacen(&mostly.text, "", 1);
    edited.push_str("\nThe ministry said 42 delegates attended the talks in 2025.\n");
    let a = article::from_bytes(None, edited.as_bytes()).unwrap();
    let found = ClaimFinder::rules().find(&a.text);
    let mut q = p.clone();
    q.apply_revision(factdesk::project::revise::revise(&p, &a, found));
    let t = datetime!(2026-11-28 10:00:00 UTC);
    q.updated = t;
    for c in &mut q.claims {
        c.created = c.created.min(t);
        if c.revision == Some(factdesk::project::Revision::New) {
            c.created = t;
            c.updated = t;
        }
    }
    q
}

#[test]
fn golden_revised_reports() {
    let p = revised_sample();
    let json: serde_json::Value = serde_json::from_str(&report(&p, ReportFormat::Json)).unwrap();
    let by_revision = |r: &str| {
        json["claims"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["revision"] == r)
            .count()
    };
    assert_eq!(by_revision("changed"), 1);
    assert_eq!(by_revision("orphaned"), 1);
    assert_eq!(by_revision("new"), 1);
    let changed = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["revision"] == "changed")
        .unwrap();
    assert!(
        changed["previous_text"]
            .as_str()
            .unwrap()
            .contains("five hours")
    );
    assert!(changed["text"].as_str().unwrap().contains("six hours"));
    insta::assert_snapshot!("revised.md", report(&p, ReportFormat::Markdown));
    insta::assert_snapshot!("revised.html", report(&p, ReportFormat::Html));
    insta::assert_snapshot!("revised.json", report(&p, ReportFormat::Json));
}

/// The reviewed sample moved to another preset scale through the undoable edit, with the
/// proposed mapping of its verdicts.
fn on_scale(name: &str) -> Project {
    use factdesk::project::edit::Edit;
    use factdesk::project::scale::preset;
    let mut p = reviewed_sample();
    let scale = preset(name).unwrap();
    let mapping = p.scale.proposed_mapping(&scale);
    Edit::SetScale {
        scale: Box::new(scale),
        mapping,
    }
    .apply(&mut p)
    .unwrap();
    let t = datetime!(2026-11-27 10:00:00 UTC);
    p.updated = t;
    for c in &mut p.claims {
        c.updated = t;
    }
    p
}

#[test]
fn golden_claimreview_for_each_preset_scale() {
    for name in factdesk::project::scale::PRESET_NAMES {
        let p = on_scale(name);
        let text = report(&p, ReportFormat::ClaimReview);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        for review in v.as_array().unwrap() {
            let rating = &review["reviewRating"];
            assert!(rating["alternateName"].is_string(), "{name}: {rating}");
            if name == "fullfact" {
                assert!(
                    rating.get("ratingValue").is_none(),
                    "a conclusion without a rating"
                );
            } else {
                let value = rating["ratingValue"].as_i64().unwrap();
                let best = rating["bestRating"].as_i64().unwrap();
                assert!((1..=best).contains(&value));
            }
        }
        insta::assert_snapshot!(format!("scale-{name}.claimreview.jsonld"), text);
        insta::assert_snapshot!(
            format!("scale-{name}.md"),
            report(&p, ReportFormat::Markdown)
        );
    }
}
