//! One test per attribution pattern, on the sentence alone and carried through an article.

use super::*;

fn speaker(sentence: &str) -> Option<String> {
    let local = read_sentence(sentence);
    local.claimant(sentence).map(str::to_string)
}

/// The claimants of an article's sentences, carried by a [`Tracker`] (paragraphs are
/// lines).
fn carried(text: &str) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    let mut tracker = Tracker::new();
    let mut index = 0;
    for (paragraph, line) in text.lines().enumerate() {
        for sentence in crate::segment::sentence_texts(line) {
            let local = read_sentence(sentence);
            let mut settled = Vec::new();
            let who = tracker.step(
                Sentence {
                    index,
                    paragraph,
                    text: sentence,
                    local: &local,
                },
                index,
                &mut |id, who| settled.push((id, who)),
            );
            for (id, who) in settled {
                out[id].1 = Some(who.to_string());
            }
            out.push((sentence.to_string(), who.map(str::to_string)));
            index += 1;
        }
    }
    out
}

fn claimant_of(text: &str, prefix: &str) -> Option<String> {
    carried(text)
        .into_iter()
        .find(|(s, _)| s.starts_with(prefix))
        .unwrap_or_else(|| panic!("no sentence starts with {prefix:?}"))
        .1
}

#[test]
fn quote_verb_speaker_with_title_and_affiliation() {
    assert_eq!(
        speaker("“Prices act like a brake on demand,” said economist Jane Roe of the Federal Reserve Bank of Boston.").as_deref(),
        Some("Jane Roe")
    );
    assert_eq!(
        speaker("“The ice is thinner,” said ice scientist Dr. Maria Alvarez of the University of Colorado.").as_deref(),
        Some("Maria Alvarez")
    );
    assert_eq!(
        speaker("\"We will appeal,\" said Chris Marchetti, the group's litigation director.")
            .as_deref(),
        Some("Chris Marchetti")
    );
    assert_eq!(
        speaker("“We will act,” said the minister.").as_deref(),
        Some("the minister")
    );
    assert_eq!(
        speaker("‘Some councils will run out of money,’ said Councillor Louise Marsh.").as_deref(),
        Some("Louise Marsh")
    );
}

#[test]
fn quote_then_speaker_then_verb() {
    assert_eq!(
        speaker("“If we fail, it is over,” Merz said.").as_deref(),
        Some("Merz")
    );
    assert_eq!(
        speaker("“The PC market has not recovered,” Chief Executive Lisa Tran told analysts.")
            .as_deref(),
        Some("Lisa Tran")
    );
    assert_eq!(
        read_sentence("“We will not stop,” she said.").pronoun,
        Some(Pronoun::She)
    );
}

#[test]
fn never_a_phrase_from_inside_the_quotation() {
    assert_eq!(
        speaker("“The Federal Reserve said nothing about Smith,” he added.").as_deref(),
        None
    );
    assert_eq!(
        speaker("“Norway said no to the deal and the ministry agreed.”"),
        None
    );
}

#[test]
fn speaker_verb_skips_what_is_said_between_commas() {
    assert_eq!(
        speaker("Smith, speaking in Oslo on Sunday, said Norway’s negotiators had offered a cut.")
            .as_deref(),
        Some("Smith")
    );
    assert_eq!(
        speaker(
            "Mark Ellison, chief economist at Harbor Street Capital, said the bank waited too long."
        )
        .as_deref(),
        Some("Mark Ellison")
    );
    assert_eq!(
        speaker("His opponent, Democratic state Sen. Maria Ortiz, said rents had risen 38%.")
            .as_deref(),
        Some("Maria Ortiz")
    );
    assert_eq!(
        speaker(
            "Zelenskyy’s top security official, Rustem Umerov, cited “real progress” in talks."
        )
        .as_deref(),
        Some("Rustem Umerov")
    );
    assert_eq!(
        speaker("The warehouse belonged to a logistics company, Van Dijk Transport, which said its losses were large.").as_deref(),
        Some("Van Dijk Transport")
    );
    assert_eq!(
        speaker("Georgia Attorney General Mark Henley said his office would appeal.").as_deref(),
        Some("Mark Henley")
    );
    assert_eq!(
        speaker("A person familiar with the matter said the plan failed.").as_deref(),
        Some("A person familiar with the matter")
    );
}

#[test]
fn according_to() {
    assert_eq!(
        speaker("According to Dr. Müller, who studies sea ice, winter growth has slowed.")
            .as_deref(),
        Some("Dr. Müller")
    );
    assert_eq!(
        speaker("According to the Bureau of Labor Statistics, payrolls grew by 142,000.")
            .as_deref(),
        Some("Bureau of Labor Statistics")
    );
    assert_eq!(
        speaker("The plan failed, according to the U.S. official, who spoke anonymously.")
            .as_deref(),
        Some("the U.S. official")
    );
    assert_eq!(
        speaker("According to market research firm IDC, shipments fell 3%.").as_deref(),
        Some("IDC")
    );
}

#[test]
fn organisations_whole_and_without_descriptions() {
    assert_eq!(
        speaker("The London-based Institute for Peace Studies said the talks had stalled.")
            .as_deref(),
        Some("Institute for Peace Studies")
    );
    assert_eq!(
        speaker("The National Oceanic and Atmospheric Administration said temperatures rose.")
            .as_deref(),
        Some("National Oceanic and Atmospheric Administration")
    );
    assert_eq!(
        speaker(
            "The Centers for Disease Control and Prevention recommends vaccination for adults."
        )
        .as_deref(),
        Some("Centers for Disease Control and Prevention")
    );
    assert_eq!(
        speaker(
            "The European Commission issued a statement saying the offer did not go far enough."
        )
        .as_deref(),
        Some("European Commission")
    );
    assert_eq!(
        speaker(
            "A poll released Monday by the University of Denver found Ortiz leading by four points."
        )
        .as_deref(),
        Some("University of Denver")
    );
}

#[test]
fn a_place_only_when_it_speaks() {
    assert_eq!(
        speaker("Moscow has complained that it was not invited to the talks.").as_deref(),
        Some("Moscow")
    );
    assert_eq!(speaker("The talks in Moscow ended on Sunday."), None);
}

#[test]
fn quotations_carry_to_the_following_sentences_and_paragraphs() {
    let text = "“Prices act like a brake,” said economist Jane Roe of the Fed. “Households pull back.”\n\
                The data came out on Friday.\n\
                “We have seen that before.”";
    assert_eq!(
        claimant_of(text, "“Households").as_deref(),
        Some("Jane Roe")
    );
    assert_eq!(claimant_of(text, "The data"), None);
    assert_eq!(
        claimant_of(text, "“We have seen").as_deref(),
        Some("Jane Roe")
    );
    // A quotation over two paragraphs, its second opening without closing.
    let text = "“The river is calm,” Walter Haines said. “But it changes every day.\n\
                “In spring the current will push you downstream. In August it is low.”";
    for prefix in ["“But", "“In spring", "In August"] {
        assert_eq!(
            claimant_of(text, prefix).as_deref(),
            Some("Walter Haines"),
            "{prefix}"
        );
    }
}

#[test]
fn a_quotation_waits_for_the_speaker_named_at_its_end() {
    let text = "Jane Roe spoke first.\n“We will act. We have the votes,” said Mark Ellison.";
    assert_eq!(
        claimant_of(text, "“We will act").as_deref(),
        Some("Mark Ellison")
    );
}

#[test]
fn pronouns_go_to_the_most_recent_fitting_speaker() {
    let text = "Jane Roe said prices would fall. Mark Ellison, an analyst, said they would not. “Rates are too high,” he said.";
    assert_eq!(claimant_of(text, "“Rates").as_deref(), Some("Mark Ellison"));
    let text = "Ms. Roe said prices would fall. Mr. Ellison said they would not. “Rates are too high,” she said.";
    assert_eq!(claimant_of(text, "“Rates").as_deref(), Some("Ms. Roe"));
    let text = "The Defense Ministry denied the accusation. It said no units had moved.";
    assert_eq!(
        claimant_of(text, "It said").as_deref(),
        Some("Defense Ministry")
    );
    let text = "Officials said the bridge was safe. They said repairs would start soon.";
    assert_eq!(claimant_of(text, "They said").as_deref(), Some("Officials"));
}

#[test]
fn a_later_surname_is_the_full_name_given_earlier() {
    let text = "Jane Roe, an economist, joined the bank in 2010. “It is a brake,” Roe said.\n\
                Mayor Linda Greene opened the centre. “Stay cool,” Mayor Greene said.";
    assert_eq!(claimant_of(text, "“It is").as_deref(), Some("Jane Roe"));
    assert_eq!(claimant_of(text, "“Stay").as_deref(), Some("Linda Greene"));
}

#[test]
fn the_company_is_the_organisation_named_before() {
    let text = "The National Association of Home Builders said confidence fell. The group blamed high rates.";
    assert_eq!(
        claimant_of(text, "The group").as_deref(),
        Some("National Association of Home Builders")
    );
}

#[test]
fn narration_takes_no_claimant() {
    let text = "“Prices act like a brake,” Roe said. Core prices rose 3.1% in May.";
    assert_eq!(claimant_of(text, "Core prices"), None);
}

#[test]
fn a_second_verb_shares_the_subject_and_nouns_are_not_verbs() {
    assert_eq!(
        speaker("Umerov lauded the envoys for their work — and said the talks would go on.")
            .as_deref(),
        Some("Umerov")
    );
    assert_eq!(
        speaker(
            "Ukraine wants to join, though the U.S. and some European states have been unwilling."
        ),
        None
    );
    assert_eq!(
        speaker("The claims were false, officials said.").as_deref(),
        Some("officials")
    );
}

#[test]
fn documents_speak_for_their_authors() {
    assert_eq!(
        speaker("According to figures from the Department of Energy, outages have doubled.")
            .as_deref(),
        Some("Department of Energy")
    );
    assert_eq!(
        speaker("The study found that older ice makes up less than 5% of the pack.").as_deref(),
        Some("The study")
    );
    assert_eq!(
        speaker("Police found a body near the river on Monday."),
        None
    );
}

#[test]
fn passives_and_statements() {
    assert_eq!(
        speaker("The law was challenged by NetChoice in 2024."),
        None
    );
    assert_eq!(
        speaker("The National Weather Service has issued a heat warning through Monday."),
        None
    );
    assert_eq!(
        speaker("Forecaster Tim Okoro told reporters the system was strengthening.").as_deref(),
        Some("Tim Okoro")
    );
}

#[test]
fn a_surname_and_the_pronoun_after_it_pick_the_person() {
    let text = "Walter Haines runs the ferry. His daughter, Beth Haines, works the deck.\n\
                She said the ferry carried 40,000 cars.\n\
                Haines said he would retire next year. “She deserves a rest,” he said.";
    assert_eq!(
        claimant_of(text, "She said").as_deref(),
        Some("Beth Haines")
    );
    assert_eq!(
        claimant_of(text, "Haines said").as_deref(),
        Some("Walter Haines")
    );
    assert_eq!(
        claimant_of(text, "“She deserves").as_deref(),
        Some("Walter Haines")
    );
}

#[test]
fn the_speaker_themself_and_nobody_in_particular_are_no_claimant() {
    for sentence in [
        "I believe the treaty failed.",
        "I don't believe the Soviet Union dominates them.",
        "We've said the plan will fail.",
        "Let me say that the deficit doubled.",
        "You said the plan would cost $5 billion.",
        "Everybody says taxes went up.",
        "I want to say the deficit doubled.",
        "They are going to say the plan failed, which will be good to be.",
        "It is naive and dangerous to say that.",
    ] {
        assert_eq!(speaker(sentence), None, "{sentence}");
    }
    // Still read: a named speaker, a group, a pronoun.
    assert_eq!(
        speaker("George Bush believes the tax cut worked.").as_deref(),
        Some("George Bush")
    );
    assert_eq!(
        speaker("Analysts said the tax cut worked.").as_deref(),
        Some("Analysts")
    );
    assert!(
        read_sentence("She said the tax cut worked.")
            .pronoun
            .is_some()
    );
}

#[test]
fn a_title_between_a_description_and_the_name() {
    let text = "Opposition leader Per Haugen called the project wasteful and said the money would be better spent on drainage. He claimed that drainage could prevent 70 percent of the damage.";
    assert_eq!(
        claimant_of(text, "Opposition").as_deref(),
        Some("Per Haugen")
    );
    assert_eq!(
        claimant_of(text, "He claimed").as_deref(),
        Some("Per Haugen")
    );
}

#[test]
fn a_speech_word_followed_by_a_verb_is_a_noun() {
    assert_eq!(
        speaker("Insurance claims reached NOK 1.1 billion last year."),
        None
    );
    assert_eq!(speaker("Budget statements were published in May."), None);
    // The verb itself still attributes.
    assert_eq!(
        speaker("Jane Roe claims the budget grew 4% last year.").as_deref(),
        Some("Jane Roe")
    );
}

#[test]
fn a_document_with_a_participle_before_its_author() {
    assert_eq!(
        speaker("Waits grew by a third, according to figures published by NHS England.").as_deref(),
        Some("NHS England")
    );
    assert_eq!(
        speaker("Sales fell 3%, according to data released by the Census Bureau.").as_deref(),
        Some("Census Bureau")
    );
}

#[test]
fn people_in_a_place_are_the_speakers_not_the_place() {
    assert_eq!(
        speaker("Hospitals in the North East reported the longest waits since 2019.").as_deref(),
        Some("Hospitals in the North East")
    );
    assert_eq!(
        speaker("Police in Oslo said 14 people were arrested.").as_deref(),
        Some("Police in Oslo")
    );
    // A place that is the subject still speaks: "Moscow has complained".
    assert_eq!(
        speaker("Moscow has complained about the sanctions since 2022.").as_deref(),
        Some("Moscow")
    );
}
