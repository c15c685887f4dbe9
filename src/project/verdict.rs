//! The verdict scale: a fact-checker's judgement of one claim.

/// Default verdicts, in hotkey order (1–9).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Verdict {
    #[default]
    Unreviewed,
    InProgress,
    Verified,
    MostlyAccurate,
    Misleading,
    Disputed,
    False,
    Unverifiable,
    /// Dismissed: the finder listed it, but it is not a checkable claim.
    NotAClaim,
}

impl Verdict {
    pub const ALL: [Verdict; 9] = [
        Verdict::Unreviewed,
        Verdict::InProgress,
        Verdict::Verified,
        Verdict::MostlyAccurate,
        Verdict::Misleading,
        Verdict::Disputed,
        Verdict::False,
        Verdict::Unverifiable,
        Verdict::NotAClaim,
    ];

    /// The verdict as written in project files (and merge conflicts).
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Unreviewed => "Unreviewed",
            Verdict::InProgress => "InProgress",
            Verdict::Verified => "Verified",
            Verdict::MostlyAccurate => "MostlyAccurate",
            Verdict::Misleading => "Misleading",
            Verdict::Disputed => "Disputed",
            Verdict::False => "False",
            Verdict::Unverifiable => "Unverifiable",
            Verdict::NotAClaim => "NotAClaim",
        }
    }

    pub fn from_id(id: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.id() == id)
    }

    pub fn name(self) -> &'static str {
        match self {
            Verdict::Unreviewed => "Unreviewed",
            Verdict::InProgress => "In progress",
            Verdict::Verified => "Verified",
            Verdict::MostlyAccurate => "Mostly accurate",
            Verdict::Misleading => "Misleading",
            Verdict::Disputed => "Disputed",
            Verdict::False => "False",
            Verdict::Unverifiable => "Unverifiable",
            Verdict::NotAClaim => "Not a claim",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Verdict::Unreviewed => "Not looked at yet.",
            Verdict::InProgress => "Being checked; sources still being gathered.",
            Verdict::Verified => "Accurate: reliable sources confirm it.",
            Verdict::MostlyAccurate => {
                "Accurate in substance, with a minor error or missing detail."
            }
            Verdict::Misleading => "Technically accurate, but presented so as to mislead.",
            Verdict::Disputed => "Credible sources disagree, or the claim is contested.",
            Verdict::False => "Inaccurate: reliable sources contradict it.",
            Verdict::Unverifiable => "Cannot be confirmed or refuted with available sources.",
            Verdict::NotAClaim => "Dismissed: not a checkable statement of fact.",
        }
    }

    /// The digit key that sets this verdict (1 for Unreviewed … 9 for Not a claim).
    pub fn hotkey(self) -> u8 {
        Verdict::ALL
            .iter()
            .position(|v| *v == self)
            .map_or(0, |i| i as u8 + 1)
    }

    pub fn from_hotkey(digit: u8) -> Option<Verdict> {
        Verdict::ALL
            .get(usize::from(digit.checked_sub(1)?))
            .copied()
    }

    /// Has a reviewer reached a judgement (the claim is done)?
    pub fn is_reviewed(self) -> bool {
        !matches!(self, Verdict::Unreviewed | Verdict::InProgress)
    }

    /// sRGB colour shared by the app and the HTML report, so a verdict looks the same in both.
    /// Chosen for contrast with white text and distinguishability under common colour blindness.
    pub fn color(self) -> [u8; 3] {
        match self {
            Verdict::Unreviewed => [0x6b, 0x72, 0x80],
            Verdict::InProgress => [0x25, 0x63, 0xeb],
            Verdict::Verified => [0x15, 0x80, 0x3d],
            Verdict::MostlyAccurate => [0x4d, 0x7c, 0x0f],
            Verdict::Misleading => [0xb4, 0x53, 0x09],
            Verdict::Disputed => [0x7e, 0x22, 0xce],
            Verdict::False => [0xb9, 0x1c, 0x1c],
            Verdict::Unverifiable => [0x37, 0x41, 0x51],
            Verdict::NotAClaim => [0x9c, 0xa3, 0xaf],
        }
    }

    pub fn css_hex(self) -> String {
        let [r, g, b] = self.color();
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hotkeys_round_trip() {
        for v in Verdict::ALL {
            assert_eq!(Verdict::from_hotkey(v.hotkey()), Some(v));
        }
        assert_eq!(Verdict::from_hotkey(0), None);
        assert_eq!(Verdict::from_hotkey(10), None);
        assert_eq!(Verdict::Verified.hotkey(), 3);
    }
}
