//! The preset scales. Each keeps factdesk's two workflow verdicts (Unreviewed first, In
//! progress while sources are gathered) and its dismissal (Not a claim, last).

use super::{Color, Rating, Scale, VerdictDef};

/// Names accepted by `factdesk new --scale` (besides a path to a scale file).
pub const PRESET_NAMES: [&str; 3] = ["factdesk", "politifact", "fullfact"];

/// A preset by name: case, spaces and punctuation aside ("PolitiFact", "full-fact").
pub fn preset(name: &str) -> Option<Scale> {
    let key: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    match key.as_str() {
        "factdesk" => Some(factdesk()),
        "politifact" | "truthometer" => Some(politifact()),
        "fullfact" => Some(full_fact()),
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn verdict(
    id: &str,
    name: &str,
    description: &str,
    color: [u8; 3],
    hotkey: char,
    reviewed: bool,
    rating: Option<Rating>,
) -> VerdictDef {
    VerdictDef {
        id: id.into(),
        name: name.into(),
        description: description.into(),
        color: Color(color),
        hotkey: Some(hotkey),
        reviewed,
        rating,
    }
}

fn rated(value: i32, best: i32) -> Option<Rating> {
    Some(Rating {
        value: Some(value),
        best: Some(best),
        worst: Some(1),
        alternate_name: None,
    })
}

/// A conclusion published without a rating: ClaimReview carries only its name.
fn conclusion() -> Option<Rating> {
    Some(Rating::default())
}

fn unreviewed() -> VerdictDef {
    verdict(
        "Unreviewed",
        "Unreviewed",
        "Not looked at yet.",
        [0x6b, 0x72, 0x80],
        '1',
        false,
        None,
    )
}

fn in_progress() -> VerdictDef {
    verdict(
        "InProgress",
        "In progress",
        "Being checked; sources still being gathered.",
        [0x25, 0x63, 0xeb],
        '2',
        false,
        None,
    )
}

fn not_a_claim(key: char) -> VerdictDef {
    verdict(
        "NotAClaim",
        "Not a claim",
        "Dismissed: not a checkable statement of fact.",
        [0x9c, 0xa3, 0xaf],
        key,
        true,
        None,
    )
}

/// factdesk's own nine verdicts, rated 1 (False) to 5 (Verified) in ClaimReview.
/// Colours contrast with white text and stay distinct under common colour blindness.
pub fn factdesk() -> Scale {
    Scale {
        name: "factdesk".into(),
        verdicts: vec![
            unreviewed(),
            in_progress(),
            verdict(
                "Verified",
                "Verified",
                "Accurate: reliable sources confirm it.",
                [0x15, 0x80, 0x3d],
                '3',
                true,
                rated(5, 5),
            ),
            verdict(
                "MostlyAccurate",
                "Mostly accurate",
                "Accurate in substance, with a minor error or missing detail.",
                [0x4d, 0x7c, 0x0f],
                '4',
                true,
                rated(4, 5),
            ),
            verdict(
                "Misleading",
                "Misleading",
                "Technically accurate, but presented so as to mislead.",
                [0xb4, 0x53, 0x09],
                '5',
                true,
                rated(2, 5),
            ),
            verdict(
                "Disputed",
                "Disputed",
                "Credible sources disagree, or the claim is contested.",
                [0x7e, 0x22, 0xce],
                '6',
                true,
                rated(3, 5),
            ),
            verdict(
                "False",
                "False",
                "Inaccurate: reliable sources contradict it.",
                [0xb9, 0x1c, 0x1c],
                '7',
                true,
                rated(1, 5),
            ),
            verdict(
                "Unverifiable",
                "Unverifiable",
                "Cannot be confirmed or refuted with available sources.",
                [0x37, 0x41, 0x51],
                '8',
                true,
                rated(3, 5),
            ),
            not_a_claim('9'),
        ],
    }
}

/// PolitiFact's Truth-O-Meter: six ratings, True (6) to Pants on Fire (1).
pub fn politifact() -> Scale {
    Scale {
        name: "PolitiFact Truth-O-Meter".into(),
        verdicts: vec![
            unreviewed(),
            in_progress(),
            verdict(
                "True",
                "True",
                "The statement is accurate and there’s nothing significant missing.",
                [0x15, 0x80, 0x3d],
                '3',
                true,
                rated(6, 6),
            ),
            verdict(
                "MostlyTrue",
                "Mostly True",
                "The statement is accurate but needs clarification or additional information.",
                [0x4d, 0x7c, 0x0f],
                '4',
                true,
                rated(5, 6),
            ),
            verdict(
                "HalfTrue",
                "Half True",
                "The statement is partially accurate but leaves out important details or takes things out of context.",
                [0xa1, 0x62, 0x07],
                '5',
                true,
                rated(4, 6),
            ),
            verdict(
                "MostlyFalse",
                "Mostly False",
                "The statement contains an element of truth but ignores critical facts that would give a different impression.",
                [0xc2, 0x41, 0x0c],
                '6',
                true,
                rated(3, 6),
            ),
            verdict(
                "False",
                "False",
                "The statement is not accurate.",
                [0xb9, 0x1c, 0x1c],
                '7',
                true,
                rated(2, 6),
            ),
            verdict(
                "PantsOnFire",
                "Pants on Fire",
                "The statement is not accurate and makes a ridiculous claim.",
                [0x7f, 0x1d, 0x1d],
                '8',
                true,
                rated(1, 6),
            ),
            not_a_claim('9'),
        ],
    }
}

/// Full Fact style: a written conclusion, published without a numeric rating.
pub fn full_fact() -> Scale {
    Scale {
        name: "Full Fact style".into(),
        verdicts: vec![
            unreviewed(),
            in_progress(),
            verdict(
                "Correct",
                "Correct",
                "The claim is right.",
                [0x15, 0x80, 0x3d],
                '3',
                true,
                conclusion(),
            ),
            verdict(
                "NeedsContext",
                "Needs context",
                "Right as far as it goes, but missing context changes how it reads.",
                [0xa1, 0x62, 0x07],
                '4',
                true,
                conclusion(),
            ),
            verdict(
                "Misleading",
                "Misleading",
                "Gives a wrong impression of the facts.",
                [0xb4, 0x53, 0x09],
                '5',
                true,
                conclusion(),
            ),
            verdict(
                "Incorrect",
                "Incorrect",
                "The claim is wrong.",
                [0xb9, 0x1c, 0x1c],
                '6',
                true,
                conclusion(),
            ),
            verdict(
                "Unsupported",
                "Unsupported",
                "No evidence we could find backs the claim.",
                [0x37, 0x41, 0x51],
                '7',
                true,
                conclusion(),
            ),
            not_a_claim('9'),
        ],
    }
}
