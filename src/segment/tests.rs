//! One test per segmentation trap named in the core issue.

use super::*;

fn split(text: &str) -> Vec<&str> {
    sentence_texts(text)
}

#[test]
fn plain_sentences() {
    assert_eq!(
        split("The vote passed. Turnout was high! Was it fair? Observers said yes."),
        vec![
            "The vote passed.",
            "Turnout was high!",
            "Was it fair?",
            "Observers said yes."
        ]
    );
}

#[test]
fn titles_do_not_end_sentences() {
    assert_eq!(
        split("Mr. Alvarez met Dr. Chen and Gov. Patel in Ohio. They agreed."),
        vec![
            "Mr. Alvarez met Dr. Chen and Gov. Patel in Ohio.",
            "They agreed."
        ]
    );
}

#[test]
fn initialisms_inside_and_at_end() {
    assert_eq!(
        split(
            "Talks with U.S. officials resumed. The U.K. Treasury agreed. Trade with the U.S. The figures rose."
        ),
        vec![
            "Talks with U.S. officials resumed.",
            "The U.K. Treasury agreed.",
            "Trade with the U.S.",
            "The figures rose."
        ]
    );
    assert_eq!(
        split("She has worked in the U.S. for nine years."),
        vec!["She has worked in the U.S. for nine years."]
    );
}

#[test]
fn am_pm() {
    assert_eq!(
        split("By 7 a.m. Ms. Ortiz had left the office. The train arrived at 9 p.m. It was late."),
        vec![
            "By 7 a.m. Ms. Ortiz had left the office.",
            "The train arrived at 9 p.m.",
            "It was late."
        ]
    );
}

#[test]
fn month_abbreviations_with_numbers() {
    assert_eq!(
        split("The envoys met on Dec. 2 in Moscow. A second round began Jan. 15, 2025."),
        vec![
            "The envoys met on Dec. 2 in Moscow.",
            "A second round began Jan. 15, 2025."
        ]
    );
}

#[test]
fn initials_in_names() {
    assert_eq!(
        split(
            "The letter was signed by Harriet K. Walsh and J. R. Oduya. Both declined to comment."
        ),
        vec![
            "The letter was signed by Harriet K. Walsh and J. R. Oduya.",
            "Both declined to comment."
        ]
    );
}

#[test]
fn decimals_versions_and_money() {
    assert_eq!(
        split(
            "Growth slowed to 3.5 percent in v1.2 of the model. It cost $4.25. Prices rose 0.7%."
        ),
        vec![
            "Growth slowed to 3.5 percent in v1.2 of the model.",
            "It cost $4.25.",
            "Prices rose 0.7%."
        ]
    );
}

#[test]
fn ellipses() {
    assert_eq!(
        split("He paused... Then he spoke again. It was, well ... complicated."),
        vec![
            "He paused...",
            "Then he spoke again.",
            "It was, well ... complicated."
        ]
    );
    assert_eq!(
        split("The report said the plan “would fail . . . without funding.” Nobody disagreed."),
        vec![
            "The report said the plan “would fail . . . without funding.”",
            "Nobody disagreed."
        ]
    );
    assert_eq!(
        split("“Costs [...] have doubled [...]” (Lee 12). Next point."),
        vec!["“Costs [...] have doubled [...]” (Lee 12).", "Next point."]
    );
    assert_eq!(
        split("It ended… Then silence."),
        vec!["It ended…", "Then silence."]
    );
}

#[test]
fn numbered_and_lettered_lists() {
    assert_eq!(
        split("1. Cut taxes 2. Raise pensions 3. Build homes"),
        vec!["1. Cut taxes", "2. Raise pensions", "3. Build homes"]
    );
    assert_eq!(
        split("1) Cut taxes. 2) Raise pensions."),
        vec!["1) Cut taxes.", "2) Raise pensions."]
    );
    assert_eq!(
        split("a. Cut taxes b. Raise pensions"),
        vec!["a. Cut taxes", "b. Raise pensions"]
    );
    assert_eq!(
        split("• 4. Cut taxes • 5. Raise pensions"),
        vec!["• 4. Cut taxes", "• 5. Raise pensions"]
    );
    // A number ending a sentence in prose is not a list.
    assert_eq!(
        split("The tally rose to 9. The count ended at 10. Officials confirmed it."),
        vec![
            "The tally rose to 9.",
            "The count ended at 10.",
            "Officials confirmed it."
        ]
    );
}

#[test]
fn quotes_and_brackets_closing_after_the_stop() {
    assert_eq!(
        split("He said, “We will win.” The crowd cheered. (The vote is Monday.) Polls open at 8."),
        vec![
            "He said, “We will win.”",
            "The crowd cheered.",
            "(The vote is Monday.)",
            "Polls open at 8."
        ]
    );
    assert_eq!(
        split("“It is over,” she said. \"Not yet.\" he replied."),
        vec!["“It is over,” she said.", "\"Not yet.\" he replied."]
    );
    assert_eq!(
        split("The firm (founded in 1990.) grew fast."),
        vec!["The firm (founded in 1990.) grew fast."]
    );
}

#[test]
fn blank_lines_and_headings_end_sentences() {
    let text = "Markets Rally After Vote\nStocks rose 3% on Monday\n\nAnalysts were surprised. Bonds fell.";
    assert_eq!(
        split(text),
        vec![
            "Markets Rally After Vote",
            "Stocks rose 3% on Monday",
            "Analysts were surprised.",
            "Bonds fell."
        ]
    );
}

#[test]
fn hard_wrapped_paragraphs_are_joined() {
    let text = "The committee met on Tuesday to discuss the budget for the coming\n\
                fiscal year, and members agreed that spending on schools would rise\n\
                by four percent. The chairman said the vote was unanimous and that\n\
                the final text would be published next week.\n\
                \n\
                Budget Details\n\
                \n\
                Officials said the plan includes new funding for roads and bridges\n\
                across the state, though some lawmakers wanted more for transit.\n";
    assert_eq!(
        split(text),
        vec![
            "The committee met on Tuesday to discuss the budget for the coming\nfiscal year, and members agreed that spending on schools would rise\nby four percent.",
            "The chairman said the vote was unanimous and that\nthe final text would be published next week.",
            "Budget Details",
            "Officials said the plan includes new funding for roads and bridges\nacross the state, though some lawmakers wanted more for transit."
        ]
    );
}

#[test]
fn abbreviations_with_following_sentence_opener() {
    assert_eq!(
        split("The deal was signed with Baxter & Co. It closes in May. Ask Lee and co. about it."),
        vec![
            "The deal was signed with Baxter & Co.",
            "It closes in May.",
            "Ask Lee and co. about it."
        ]
    );
    assert_eq!(
        split("Shares of Acme Inc. Chief Executive Ray Poole sold rose."),
        vec!["Shares of Acme Inc. Chief Executive Ray Poole sold rose."]
    );
}

#[test]
fn emails_urls_and_exclamations_in_names() {
    assert_eq!(
        split(
            "Write to desk@news.example.org. Or visit https://news.example.org/a.html. She joined Yahoo! in 2010."
        ),
        vec![
            "Write to desk@news.example.org.",
            "Or visit https://news.example.org/a.html.",
            "She joined Yahoo! in 2010."
        ]
    );
}

#[test]
fn nothing_inside_an_address_is_a_boundary() {
    assert_eq!(
        split("Her address is Jane.Doe@example.com. Write to her."),
        vec!["Her address is Jane.Doe@example.com.", "Write to her."]
    );
    assert_eq!(
        split("See https://example.org/News.Today/Report.Final for details. It is long."),
        vec![
            "See https://example.org/News.Today/Report.Final for details.",
            "It is long."
        ]
    );
    assert_eq!(
        split("Mail Press.Office@Agency.Gov.Example or visit www.Agency.Example today."),
        vec!["Mail Press.Office@Agency.Gov.Example or visit www.Agency.Example today."]
    );
}

#[test]
fn double_punctuation() {
    assert_eq!(
        split("Really?! Yes. Wow!! Fine??"),
        vec!["Really?!", "Yes.", "Wow!!", "Fine??"]
    );
}

#[test]
fn pronoun_i_versus_initial() {
    assert_eq!(
        split("The winners were Ana and I. Did Paul B. Greer attend?"),
        vec!["The winners were Ana and I.", "Did Paul B. Greer attend?"]
    );
}

#[test]
fn no_split_at_number_abbreviations() {
    assert_eq!(
        split("See p. 12 and No. 4 of the report. It is clear."),
        vec!["See p. 12 and No. 4 of the report.", "It is clear."]
    );
}

#[test]
fn offsets_are_trimmed_and_ordered() {
    let text = "  One. \n\n Two!  ";
    let ranges = sentences(text);
    assert_eq!(ranges, vec![2..6, 10..14]);
}

#[test]
fn missing_space_after_the_stop() {
    assert_eq!(
        split(
            "Rents rose in June.The council met on Friday.It approved 1,200.Nobody objected. Mr.Smith left for St.Louis."
        ),
        vec![
            "Rents rose in June.",
            "The council met on Friday.",
            "It approved 1,200.",
            "Nobody objected.",
            "Mr.Smith left for St.Louis."
        ]
    );
    assert_eq!(
        split(
            "Costs fell.Analysts agreed. See U.S.A.Today and version 3.5.More at desk@news.example.org."
        ),
        vec![
            "Costs fell.",
            "Analysts agreed.",
            "See U.S.A.Today and version 3.5.More at desk@news.example.org."
        ]
    );
}

/// Prose pieces, including lines of wrap width so some texts are read as hard-wrapped.
fn prose_with_lines() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let pieces = prop::sample::select(vec![
        "The talks resumed on Dec. 2 in Berlin, officials said after the meeting ended.\n",
        "Turnout rose to 61% in the U.S. state, the highest level since records began.\n",
        "A short heading\n",
        "\n",
        "\n\n",
        "  \n",
        "1. First item. ",
        "• bullet ",
        "Mr. Smith left. ",
        "It ended. ",
        "“Yes,” he said. ",
        "x",
        " ",
        "é日",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Parts segmented one by one (as the claim finder does on several cores) give exactly
    /// the sentences of the whole text.
    #[test]
    fn parts_segment_like_the_whole(text in prose_with_lines(), size in 1usize..200) {
        let layout = Layout::of(&text);
        let parts = parts(&text, layout, size);
        let mut joined = Vec::new();
        let mut expected_start = 0;
        for p in parts {
            proptest::prop_assert_eq!(p.start, expected_start);
            expected_start = p.end;
            sentences_in(&text, layout, p, &mut joined);
        }
        proptest::prop_assert_eq!(expected_start, text.len());
        proptest::prop_assert_eq!(joined, sentences(&text));
    }
}
