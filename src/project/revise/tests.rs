use super::*;
use crate::article::{self, Article};
use crate::claims::ClaimFinder;
use crate::project::{Source, Verdict};
use proptest::prelude::*;

const BASE: &str = "Budget Talks\n\n\
The council approved a $2.5 million budget on Monday, the mayor said. \
Unemployment fell to a 30-year low of 3.1% in March, according to the statistics office.\n\n\
Officials said 4,000 homes would be built by 2027. \
The minister told reporters that the plan \"will cost nothing\" in the first year.\n\n\
Police reported 120 arrests during the protest on Friday. \
The union said 15,000 members joined the strike.\n";

fn article(text: &str) -> Article {
    article::from_bytes(None, text.as_bytes()).unwrap()
}

fn finder() -> ClaimFinder {
    ClaimFinder::rules()
}

/// A project on BASE with work on every claim.
fn reviewed() -> Project {
    let mut p = Project::from_article(&article(BASE), &finder());
    for (i, c) in p.claims.iter_mut().enumerate() {
        c.verdict = Verdict::VERIFIED;
        c.note = format!("note {i}");
        c.sources.push(Source {
            url: format!("https://example.org/{i}"),
            title: None,
            added: now(),
        });
    }
    p
}

fn revise_to(p: &Project, text: &str) -> (Project, RevisionSummary) {
    let a = article(text);
    let found = finder().find(&a.text);
    let mut q = p.clone();
    let summary = q.apply_revision(revise(p, &a, found));
    assert_spans_hold(&q);
    (q, summary)
}

fn assert_spans_hold(p: &Project) {
    for c in p.claims.iter().filter(|c| c.has_span()) {
        let span: String = p
            .article
            .text
            .chars()
            .skip(c.start)
            .take(c.end - c.start)
            .collect();
        assert_eq!(span, c.text, "claim {}", c.id);
        let context = crate::project::context_around(&p.article.text, c.start, c.end);
        assert_eq!(
            context,
            (c.context_before.clone(), c.context_after.clone()),
            "claim {}",
            c.id
        );
    }
}

fn by_text<'a>(p: &'a Project, needle: &str) -> &'a ProjectClaim {
    p.claims
        .iter()
        .find(|c| {
            c.text.contains(needle)
                || c.previous_text
                    .as_deref()
                    .is_some_and(|t| t.contains(needle))
        })
        .unwrap_or_else(|| panic!("no claim with {needle:?}"))
}

fn assert_work_kept(before: &Project, after: &Project) {
    for c in &before.claims {
        let d = after
            .claim(&c.id)
            .unwrap_or_else(|| panic!("claim {} lost", c.id));
        assert_eq!(
            (&d.verdict, &d.note, &d.sources),
            (&c.verdict, &c.note, &c.sources)
        );
    }
}

#[test]
fn same_text_is_unchanged_and_nothing_is_new() {
    let p = reviewed();
    let (q, s) = revise_to(&p, BASE);
    assert_eq!(
        s,
        RevisionSummary {
            unchanged: p.claims.len(),
            ..Default::default()
        }
    );
    assert!(
        q.claims
            .iter()
            .all(|c| c.revision == Some(Revision::Unchanged) && !c.recheck)
    );
    assert_work_kept(&p, &q);
}

#[test]
fn moved_paragraph_is_unchanged_at_its_new_place() {
    let p = reviewed();
    let paragraphs: Vec<&str> = BASE.split("\n\n").collect();
    let moved = format!(
        "{}\n\n{}\n\n{}\n\n{}",
        paragraphs[0],
        paragraphs[3].trim_end(),
        paragraphs[1],
        paragraphs[2]
    );
    let (q, s) = revise_to(&p, &moved);
    assert_eq!((s.changed, s.orphaned, s.new), (0, 0, 0), "{s:?}");
    let police = by_text(&q, "120 arrests");
    assert_eq!(police.revision, Some(Revision::Unchanged));
    assert!(police.start < by_text(&q, "$2.5 million").start, "moved up");
    assert_work_kept(&p, &q);
}

#[test]
fn edited_figure_is_changed_with_the_previous_text_and_a_recheck() {
    let p = reviewed();
    let before = by_text(&p, "30-year low").clone();
    let (q, s) = revise_to(&p, &BASE.replace("30-year low", "31-year low"));
    assert_eq!((s.changed, s.orphaned, s.new), (1, 0, 0), "{s:?}");
    let c = q.claim(&before.id).unwrap();
    assert_eq!(c.revision, Some(Revision::Changed));
    assert!(c.text.contains("31-year low"));
    assert_eq!(c.previous_text.as_deref(), Some(before.text.as_str()));
    assert!(c.recheck);
    assert_eq!(c.verdict, Verdict::VERIFIED, "the work stays, flagged");
    assert_work_kept(&p, &q);
}

#[test]
fn edited_wording_is_changed() {
    let p = reviewed();
    let id = by_text(&p, "$2.5 million").id.clone();
    let edited = BASE.replace(
        "The council approved a $2.5 million budget on Monday, the mayor said.",
        "On Monday the city council approved a $2.5 million budget, the mayor said.",
    );
    let (q, _) = revise_to(&p, &edited);
    let c = q.claim(&id).unwrap();
    assert_eq!(c.revision, Some(Revision::Changed));
    assert!(c.text.starts_with("On Monday the city council"));
}

#[test]
fn deleted_paragraph_orphans_its_claims_with_their_work() {
    let p = reviewed();
    let paragraphs: Vec<&str> = BASE.split("\n\n").collect();
    let deleted = format!(
        "{}\n\n{}\n\n{}",
        paragraphs[0], paragraphs[1], paragraphs[3]
    );
    let (q, s) = revise_to(&p, &deleted);
    assert_eq!((s.orphaned, s.changed, s.new), (2, 0, 0), "{s:?}");
    let homes = by_text(&q, "4,000 homes");
    assert_eq!(homes.revision, Some(Revision::Orphaned));
    assert!(!homes.has_span());
    assert_eq!(homes.previous_text.as_deref(), Some(homes.text.as_str()));
    assert_work_kept(&p, &q);
}

#[test]
fn new_paragraph_brings_new_unreviewed_claims() {
    let p = reviewed();
    let added = format!("{BASE}\nThe mayor said 300 new teachers were hired in 2025.\n");
    let (q, s) = revise_to(&p, &added);
    assert_eq!((s.unchanged, s.new), (p.claims.len(), 1), "{s:?}");
    let c = by_text(&q, "300 new teachers");
    assert_eq!(c.revision, Some(Revision::New));
    assert_eq!(c.verdict, Verdict::UNREVIEWED);
    assert_work_kept(&p, &q);
}

#[test]
fn curly_quotes_and_rewrapped_lines_are_unchanged() {
    let p = reviewed();
    let curly = BASE.replace("\"will cost nothing\"", "“will cost nothing”");
    // Every paragraph hard-wrapped at 40 columns.
    let wrapped: String = curly
        .split("\n\n")
        .map(|para| {
            let mut out = String::new();
            let mut line = 0;
            for word in para.split(' ') {
                if line > 0 && line + word.len() > 40 {
                    out.push('\n');
                    line = 0;
                } else if line > 0 {
                    out.push(' ');
                    line += 1;
                }
                out.push_str(word);
                line += word.len();
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let curly = wrapped;
    let (q, s) = revise_to(&p, &curly);
    assert_eq!((s.changed, s.orphaned), (0, 0), "{s:?}");
    let quote = by_text(&q, "will cost nothing");
    assert_eq!(quote.revision, Some(Revision::Unchanged));
    assert!(
        quote.text.contains("“will cost nothing”"),
        "text follows the article"
    );
}

#[test]
fn revision_is_one_undoable_edit() {
    let p = reviewed();
    let a = article(&BASE.replace("30-year", "31-year"));
    let (edit, _) = revise(&p, &a, finder().find(&a.text)).into_edit();
    let mut q = p.clone();
    let mut h = crate::project::edit::History::new();
    h.apply(&mut q, edit).unwrap();
    assert!(q.article.text.contains("31-year"));
    let changed = q.claims.iter().find(|c| c.recheck).unwrap().id.clone();
    let recheck = crate::project::edit::Edit::SetRecheck {
        id: changed.clone(),
        recheck: false,
    };
    h.apply(&mut q, recheck).unwrap();
    assert!(!q.claim(&changed).unwrap().recheck, "re-checked");
    h.undo(&mut q).unwrap().unwrap();
    assert!(q.claim(&changed).unwrap().recheck);
    h.undo(&mut q).unwrap().unwrap();
    assert_eq!(q.article, p.article);
    assert_eq!(q.claims, p.claims);
}

#[test]
fn off_spans_on_load_are_moved_changed_or_orphaned_never_kept_wrong() {
    let mut p = reviewed();
    let truth = p.clone();
    // The case: the claim text differs from the article at its (unmoved) span.
    p.claims[1].text = p.claims[1].text.replace("30-year", "29-year");
    p.claims[2].start += 7;
    p.claims[2].end += 7;
    p.claims[3].text = "A sentence that is nowhere in the article at all.".into();
    let repair = p.repair_spans();
    assert_eq!(
        repair,
        Repair {
            moved: 1,
            changed: 1,
            orphaned: 1
        }
    );
    assert_spans_hold(&p);
    assert_eq!(p.claims[1].text, truth.claims[1].text);
    assert_eq!(p.claims[1].revision, Some(Revision::Changed));
    assert_eq!(p.claims[2].start, truth.claims[2].start);
    assert_eq!(p.claims[3].revision, Some(Revision::Orphaned));
    let msg = repair.message().unwrap();
    assert!(msg.starts_with("3 claims"), "{msg}");
}

/// Random edits of the article: every kept claim keeps its work, and every claim with a span
/// shows its text.
fn edit_ops() -> impl Strategy<Value = Vec<(u8, usize, String)>> {
    prop::collection::vec((0u8..5, 0usize..10_000, "[a-z0-9 ,.\n“”\"]{0,30}"), 1..8)
}

fn apply_ops(text: &str, ops: &[(u8, usize, String)]) -> String {
    let mut sentences: Vec<String> = crate::segment::sentence_texts(text)
        .iter()
        .map(|s| s.to_string())
        .collect();
    for (kind, at, insert) in ops {
        let n = sentences.len().max(1);
        let i = at % n;
        match kind {
            0 if !sentences.is_empty() => {
                sentences.remove(i);
            }
            1 => sentences.insert(
                i,
                format!(
                    "The agency said {} people, {insert}, came in 2024.",
                    at % 997
                ),
            ),
            2 if !sentences.is_empty() => {
                let s = &mut sentences[i];
                let cut = s
                    .char_indices()
                    .nth(at % s.chars().count().max(1))
                    .map_or(s.len(), |(b, _)| b);
                s.insert_str(cut, insert);
            }
            3 if sentences.len() > 1 => {
                let s = sentences.remove(i);
                let j = (at / 7) % sentences.len();
                sentences.insert(j, s);
            }
            _ => {
                if let Some(s) = sentences.get_mut(i) {
                    *s = s.replace(' ', "\n").replace('"', "“");
                }
            }
        }
    }
    sentences.join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_edit_sequences_keep_spans_and_work(steps in prop::collection::vec(edit_ops(), 1..4)) {
        let mut p = reviewed();
        let original = p.clone();
        for ops in steps {
            let text = apply_ops(&p.article.text, &ops);
            if text.trim().is_empty() {
                continue;
            }
            let a = article(&text);
            let found = finder().find(&a.text);
            let revised = revise(&p, &a, found);
            p.apply_revision(revised);
            assert_spans_hold(&p);
        }
        assert_work_kept(&original, &p);
        let ids: HashSet<&str> = p.claims.iter().map(|c| c.id.as_str()).collect();
        prop_assert_eq!(ids.len(), p.claims.len(), "ids stay unique");
    }
}

#[test]
fn text_changes_mark_the_edited_words() {
    let changes = text_changes(
        "fell to a 30-year low in March",
        "fell to a 31-year low in March",
    );
    assert_eq!(
        changes,
        [
            TextChange::Same("fell to a ".into()),
            TextChange::Removed("30-year".into()),
            TextChange::Added("31-year".into()),
            TextChange::Same(" low in March".into()),
        ]
    );
    let joined_old: String = text_changes("a b c", "a x c")
        .iter()
        .filter_map(|c| match c {
            TextChange::Same(t) | TextChange::Removed(t) => Some(t.as_str()),
            TextChange::Added(_) => None,
        })
        .collect();
    assert_eq!(joined_old, "a b c");
}
