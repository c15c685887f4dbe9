use super::*;
use crate::segment;
use crate::spans::char_span_to_bytes;
use proptest::prelude::*;

fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn sample_lists_every_body_sentence_once_without_boilerplate() {
    let text = crate::article::SAMPLE_ARTICLE;
    let claims = ClaimFinder::default().find(text);
    let texts: Vec<&str> = claims.iter().map(|c| c.text.as_str()).collect();
    for bad in [
        "_____",
        "With assistance",
        "©2025",
        "Distributed by",
        "Comments",
        "Published in",
    ] {
        assert!(
            !texts.iter().any(|t| t.contains(bad)),
            "boilerplate listed: {bad}"
        );
    }
    assert!(
        !texts.iter().any(|t| t.starts_with("Ukraine and US make")),
        "headline listed"
    );
    // Not split at "U.S." or "Dec. 2".
    assert!(texts.iter().any(|t| {
        t.starts_with("A U.S. official said consensus was reached on an estimated 90% of issues")
    }));
    assert!(texts.contains(
        &"Witkoff and Kushner held five hours of talks with Putin in Moscow on the plan on Dec. 2."
    ));
    for t in &texts {
        assert!(
            !t.ends_with("U.S.") && !t.ends_with("Dec."),
            "split claim: {t}"
        );
    }
    // Every sentence of the body paragraphs (line 3 to the separator) is listed exactly once.
    let body: Vec<&str> = text
        .lines()
        .skip(2)
        .take_while(|l| !l.starts_with("___"))
        .collect();
    let body_sentences: Vec<&str> = body
        .iter()
        .flat_map(|l| segment::sentence_texts(l))
        .collect();
    assert_eq!(body_sentences.len(), 32);
    for s in &body_sentences {
        assert_eq!(
            texts.iter().filter(|t| *t == s).count(),
            1,
            "not listed once: {s}"
        );
    }
    assert_eq!(claims.len(), body_sentences.len());
}

#[test]
fn sample_claimants_and_kinds() {
    let claims = ClaimFinder::rules().find(crate::article::SAMPLE_ARTICLE);
    let find = |prefix: &str| claims.iter().find(|c| c.text.starts_with(prefix)).unwrap();
    let c = find("A U.S. official said consensus");
    assert_eq!(c.kind, ClaimKind::Statistic);
    assert!(
        c.reasons.contains(&Reason::Figure("90%".into())),
        "{:?}",
        c.reasons
    );
    let c = find("“Over the past two days");
    assert_eq!(c.kind, ClaimKind::Quote);
    // "Umerov" is the Rustem Umerov named earlier.
    assert_eq!(c.claimant.as_deref(), Some("Rustem Umerov"));
    assert!(
        c.reasons
            .contains(&Reason::AttributedTo("Rustem Umerov".into()))
    );
    // A quotation continuing from the previous sentence keeps its speaker.
    assert_eq!(
        find("“We hope we will reach").claimant.as_deref(),
        Some("Rustem Umerov")
    );
    // "She said of Putin" resolves to the person named just before.
    assert_eq!(
        find("She said of Putin").claimant.as_deref(),
        Some("Blaise Metreweli")
    );
    assert!(
        find("Witkoff and Kushner held")
            .reasons
            .contains(&Reason::Date("Dec. 2".into()))
    );
}

#[test]
fn questions_headings_and_opinions_are_not_listed() {
    let text = "Election Results\n\nWhat happens next? I think we should all be kinder. \
                The turnout was 64%, officials said.";
    let claims = ClaimFinder::rules().find(text);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].text, "The turnout was 64%, officials said.");
}

#[test]
fn the_rules_doubt_talk_about_the_speaker_and_the_moment() {
    // Anchored only by the speaker ("I believe"), a list label or the moment of speaking:
    // the model decides.
    for s in [
        "I believe this country has a great opportunity.",
        "Number two, we are going to increase our trade.",
        "As we have seen tonight, foreign policy and defense policy are difficult issues.",
        "We have been going through this for the last eight years.",
    ] {
        assert_eq!(rule_verdict(s, &analyse(s)), RuleVerdict::Doubted, "{s}");
    }
    for s in [
        "The minister resigned on Tuesday.",
        "Exports fell 4% in the last eight years.",
        "The senator said the bill failed.",
    ] {
        assert_eq!(rule_verdict(s, &analyse(s)), RuleVerdict::Listed, "{s}");
    }
}

#[test]
fn page_furniture_is_not_listed_and_captions_are_their_own_kind() {
    let text = "The story below has been updated with comments from the ministry.\n\n\
        Floods destroyed 4,000 homes in the region on Monday, the ministry said.\n\n\
        Download this video in HD formats from https://example.org/media/flood.\n\n\
        WATCH: related video on the 2021 floods.\n\n\
        Chart by A. Person/Agency, using data from the Met Office.\n\n\
        This is historical material from the 2016 archive.\n\n\
        This website is no longer updated and links may not work.\n\n\
        Mayor Jane Roe, second from left, speaks with residents in Leeds, Feb. 21, 2016.\n";
    let claims = ClaimFinder::default().find(text);
    let kinds: Vec<(&str, ClaimKind)> = claims.iter().map(|c| (c.text.as_str(), c.kind)).collect();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    assert!(kinds[0].0.starts_with("Floods destroyed"));
    assert_eq!(kinds[1].1, ClaimKind::Caption);
    assert!(claims[1].score <= claims[0].score);
}

#[test]
fn bulleted_facts_are_listed() {
    let claims = ClaimFinder::rules()
        .find("Key facts:\n• Unemployment fell to 3.9% in May 2024\n• Exports rose 12% in 2023\n");
    assert_eq!(claims.len(), 2, "{claims:?}");
}

#[test]
fn ids_are_stable_and_unique() {
    let text = "Prices rose 5% in May. Prices rose 5% in May. Wages fell 2% in June.";
    let a = ClaimFinder::rules().find(text);
    let b = ClaimFinder::rules().find(&format!("Intro text added later here. {text}"));
    assert_eq!(a.len(), 3);
    assert_ne!(a[0].id, a[1].id);
    let ids_a: Vec<_> = a.iter().map(|c| &c.id).collect();
    let ids_b: Vec<_> = b.iter().map(|c| &c.id).collect();
    assert!(
        ids_a.iter().all(|id| ids_b.contains(id)),
        "{ids_a:?} vs {ids_b:?}"
    );
}

#[test]
fn char_offsets_with_non_ascii() {
    let text = "Zürich’s mayor said the café tax rose 7% in 2024. Ünal agreed on Monday.";
    let claims = ClaimFinder::rules().find(text);
    assert_eq!(claims.len(), 2);
    for c in &claims {
        assert_eq!(char_slice(text, c.start, c.end), c.text);
        let bytes = char_span_to_bytes(text, c.start, c.end).unwrap();
        assert_eq!(&text[bytes], c.text);
    }
}

#[test]
fn assess_single_sentences() {
    let f = ClaimFinder::rules();
    assert!(f.assess("The bridge cost $4 million in 1998.").checkable);
    assert!(!f.assess("").checkable);
    assert!(!f.assess("Is it true?").checkable);
    let hi = f
        .assess("Unemployment fell to 3.9% in May, the lowest since 2001.")
        .score;
    let lo = f.assess("I think we should be proud of our people.").score;
    assert!(hi > lo, "{hi} <= {lo}");
}

#[test]
fn recall_first_the_model_lists_what_the_rules_miss() {
    let model = ClaimFinder::default();
    let rules = ClaimFinder::rules();
    for s in [
        "We still have trillion-dollar deficits.",
        "And now we have half-a-trillion-dollar deficit annually.",
        "Less snow cover lets the ground warm faster.",
        "Applicants must hold a licence issued by the state.",
        "The port has been the target of repeated attacks in recent months.",
    ] {
        assert!(model.assess(s).checkable, "{s}");
    }
    // A sentence the rules doubt is listed only when the model is confident.
    let doubted = "Good evening, and thank you all for coming.";
    assert!(!rules.assess(doubted).checkable);
    assert!(!model.assess(doubted).checkable);
    // Headings, questions and furniture stay out whatever the score.
    for s in [
        "Unemployment Fell To 3.9% In May",
        "Did unemployment fall to 3.9% in May?",
        "Chart by A. Person/Agency, using data from the Labor Department.",
    ] {
        assert!(!model.assess(s).checkable, "{s}");
    }
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "U.S.", "Dec. 2", "Mr.", "said", "“", "”", "\"", "90%", "$5", "...", "…", ". ", "? ", "!",
        "\n", "\n\n", "1. ", "a) ", "• ", "Zürich", "é", "日本", "👍", " ", "  ", "The", "rose",
        "in", "2014", "(", ")", "_____", "©", "\t", "'", "’", "—", "-", "Inc.", "a.m.", "I.", "x",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(String::from), any::<String>()],
        0..60,
    )
    .prop_map(|v| v.concat())
}

/// Paragraphs that carry claimants across sentences and repeat, so cuts between parts
/// land between a claimant and its "she said", and between a sentence and its repeat.
fn article_like_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Rustem Umerov said the talks made progress on Dec. 2. ",
        "He said 90% of issues were agreed. ",
        "“We will not give up land,” she added. ",
        "“The deal is close.” ",
        "Prices rose 5% in the U.S. last year. ",
        "The minister, Ana Lima, rejected the plan. ",
        "Was it fair? ",
        "Zürich’s café rose 7% — “a record”, they said. ",
        "\n",
        "\n\n",
        "Breaking news\n\n",
        "Jane Roe, an economist, said prices rose 4% in May. ",
        "“Rates are high,” Roe said. ",
        "The Labor Department said wages rose 3% last year. ",
        "The department blamed high rates. ",
        "It said the plan failed in 2024. ",
        "“The river changes every day.\n\n",
        "“In spring it floods.”\n",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// However the article is cut into parts and shared between threads, the claims are
    /// those of one sequential pass: offsets, ids of repeats and carried-over claimants.
    #[test]
    fn parts_and_threads_do_not_change_claims(
        text in prop_oneof![article_like_text(), arbitrary_text()],
        part_bytes in 1usize..300,
        threads in 1usize..4,
    ) {
        let finder = ClaimFinder::rules();
        let whole = pipeline::Plan { part_bytes: usize::MAX, threads: 1 };
        let cut = pipeline::Plan { part_bytes, threads };
        let expected = finder.find_planned(&text, whole, &mut |_| true).unwrap();
        let got = finder.find_planned(&text, cut, &mut |_| true).unwrap();
        prop_assert_eq!(got, expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_are_valid_on_any_text(text in arbitrary_text()) {
        let claims = ClaimFinder::rules().find(&text);
        let total = text.chars().count();
        let mut last_end = 0;
        for c in &claims {
            prop_assert!(c.start < c.end && c.end <= total);
            prop_assert!(c.start >= last_end, "overlap or disorder");
            prop_assert_eq!(&char_slice(&text, c.start, c.end), &c.text);
            prop_assert!((0.0..=1.0).contains(&c.score));
            last_end = c.end;
        }
        let sentences = segment::sentences(&text);
        let mut prev = 0;
        for r in &sentences {
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            prop_assert!(r.start >= prev && r.start < r.end);
            prev = r.end;
        }
    }
}

#[test]
fn progress_reaches_the_end_and_cancel_stops_every_thread() {
    let text = "Prices rose 5% in May, officials said. ".repeat(2_000);
    let finder = ClaimFinder::rules();
    let plan = pipeline::Plan {
        part_bytes: 4 * 1024,
        threads: 3,
    };
    let mut seen = Vec::new();
    let claims = finder
        .find_planned(&text, plan, &mut |p| {
            seen.push(p);
            true
        })
        .expect("not cancelled");
    assert_eq!(claims.len(), 2_000);
    assert!(seen.len() > 2, "progress was reported {} times", seen.len());
    assert!(seen.windows(2).all(|w| w[0].done <= w[1].done));
    let last = seen.last().unwrap();
    assert_eq!((last.done, last.total), (text.len(), text.len()));

    let mut calls = 0;
    let cancelled = finder.find_planned(&text, plan, &mut |_| {
        calls += 1;
        calls < 3
    });
    assert!(cancelled.is_none());
    assert!(calls <= 4, "kept reporting after cancel: {calls} calls");
}

proptest::proptest! {
    /// Hashing four texts side by side gives each text's own hash (ids depend on it).
    #[test]
    fn hashing_in_fours_matches_one_at_a_time(texts in proptest::collection::vec("\\PC{0,40}", 0..11)) {
        let mut got = Vec::new();
        fnv1a_each(texts.iter().map(String::as_str), &mut got);
        let want: Vec<u64> = texts.iter().map(|t| fnv1a(t)).collect();
        proptest::prop_assert_eq!(got, want);
    }
}

#[test]
fn streamed_parts_come_in_text_order_and_emit_can_stop() {
    let text: String = (0..3_000)
        .map(|k| format!("Prices rose {k}% in May, officials said.\n\n"))
        .collect();
    let finder = ClaimFinder::rules();
    let whole = pipeline::Plan {
        part_bytes: usize::MAX,
        threads: 1,
    };
    let cut = pipeline::Plan {
        part_bytes: 2 * 1024,
        threads: 3,
    };
    let expected = finder.find_planned(&text, whole, &mut |_| true).unwrap();
    let (mut parts, mut streamed) = (0, Vec::new());
    let finished = finder.stream_planned(
        &text,
        cut,
        &|claims| claims,
        &mut |claims| {
            parts += 1;
            streamed.extend(claims);
            true
        },
        &mut |_| true,
    );
    assert!(finished);
    assert!(parts > 10, "{parts} parts");
    assert_eq!(streamed, expected);

    let mut emitted = 0;
    let finished = finder.stream_planned(
        &text,
        cut,
        &|claims| claims.len(),
        &mut |_| {
            emitted += 1;
            emitted < 2
        },
        &mut |_| true,
    );
    assert!(!finished);
    assert_eq!(emitted, 2, "went on emitting after a stop");
}
