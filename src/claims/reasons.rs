//! Why a sentence was listed, as typed values rendered in one place.
//!
//! The finder and the scorers build [`Reason`]s; code that needs to know what a reason is
//! matches on the variant. Text appears only when a reason is shown or written out
//! ([`Display`](std::fmt::Display), also used for JSON and project files: "figure: 90%",
//! "date: Dec. 2", "attributed to: Umerov", "+ words “percent”").

use std::fmt;

/// One reason a claim was listed, or one feature that moved its score.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// A figure that is not a date ("90%", "$5 million", "five hours").
    Figure(String),
    /// A date or time, whole ("April 16, 2024", "last year").
    Date(String),
    /// Who said it.
    AttributedTo(String),
    /// A speech verb whose speaker is not named in the sentence.
    Attribution(String),
    Quotation,
    /// A stance verb ("rejected", "ruled out").
    Position(String),
    Comparison(String),
    Prediction(String),
    /// Proper names (people, organisations, places), at most three.
    Names(Vec<String>),
    /// Something happened (a past-tense verb), when nothing else is found.
    Event(String),
    /// A general statement of cause, requirement or condition ("lets", "must").
    General(String),
    Hedge(String),
    /// A feature that pushed the check-worthiness score up or down.
    Score {
        up: bool,
        feature: String,
    },
    /// Text that is none of the above (a reason read back from a file written elsewhere).
    Other(String),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let labelled = |f: &mut fmt::Formatter<'_>, label: &str, value: &str| {
            f.write_str(label)?;
            f.write_str(": ")?;
            f.write_str(value)
        };
        match self {
            Reason::Figure(v) => labelled(f, "figure", v),
            Reason::Date(v) => labelled(f, "date", v),
            Reason::AttributedTo(v) => labelled(f, "attributed to", v),
            Reason::Attribution(v) => labelled(f, "attribution", v),
            Reason::Quotation => f.write_str("quotation"),
            Reason::Position(v) => labelled(f, "position", v),
            Reason::Comparison(v) => labelled(f, "comparison", v),
            Reason::Prediction(v) => labelled(f, "prediction", v),
            Reason::Names(names) => {
                f.write_str("names: ")?;
                for (k, name) in names.iter().enumerate() {
                    if k > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(name)?;
                }
                Ok(())
            }
            Reason::Event(v) => labelled(f, "event", v),
            Reason::General(v) => labelled(f, "general statement", v),
            Reason::Hedge(v) => labelled(f, "hedge", v),
            Reason::Score { up, feature } => {
                f.write_str(if *up { "+ " } else { "− " })?;
                f.write_str(feature)
            }
            Reason::Other(v) => f.write_str(v),
        }
    }
}

impl Reason {
    /// Reads a rendered reason back (the inverse of `Display`; unknown text is `Other`).
    pub fn parse(text: &str) -> Reason {
        if text == "quotation" {
            return Reason::Quotation;
        }
        if let Some(feature) = text.strip_prefix("+ ") {
            return Reason::Score {
                up: true,
                feature: feature.to_string(),
            };
        }
        if let Some(feature) = text.strip_prefix("− ") {
            return Reason::Score {
                up: false,
                feature: feature.to_string(),
            };
        }
        let Some((label, value)) = text.split_once(": ") else {
            return Reason::Other(text.to_string());
        };
        let value = value.to_string();
        match label {
            "figure" => Reason::Figure(value),
            "date" => Reason::Date(value),
            "attributed to" => Reason::AttributedTo(value),
            "attribution" => Reason::Attribution(value),
            "position" => Reason::Position(value),
            "comparison" => Reason::Comparison(value),
            "prediction" => Reason::Prediction(value),
            "names" => Reason::Names(value.split(", ").map(str::to_string).collect()),
            "event" => Reason::Event(value),
            "general statement" => Reason::General(value),
            "hedge" => Reason::Hedge(value),
            _ => Reason::Other(text.to_string()),
        }
    }
}

/// The reasons' text, joined by `separator` (for one-line displays and TSV).
pub fn join(reasons: &[Reason], separator: &str) -> String {
    let mut out = String::new();
    for (k, reason) in reasons.iter().enumerate() {
        if k > 0 {
            out.push_str(separator);
        }
        std::fmt::Write::write_fmt(&mut out, format_args!("{reason}"))
            .expect("writing to a String");
    }
    out
}

/// Written as its text, straight into the output (no string built first).
impl serde::Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Reason {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(Reason::parse(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendering_reads_back() {
        let all = [
            Reason::Figure("90%".into()),
            Reason::Date("April 16, 2024".into()),
            Reason::AttributedTo("Jane Roe".into()),
            Reason::Attribution("said".into()),
            Reason::Quotation,
            Reason::Position("ruled out".into()),
            Reason::Comparison("more than".into()),
            Reason::Prediction("will".into()),
            Reason::Names(vec!["Jane Roe".into(), "NATO".into()]),
            Reason::Event("held".into()),
            Reason::General("lets".into()),
            Reason::Hedge("must".into()),
            Reason::Score {
                up: true,
                feature: "figure".into(),
            },
            Reason::Score {
                up: false,
                feature: "words “i think”".into(),
            },
            Reason::Other("checked by hand".into()),
        ];
        for reason in all {
            let text = reason.to_string();
            assert_eq!(Reason::parse(&text), reason, "{text}");
            let json = serde_json::to_string(&reason).unwrap();
            assert_eq!(json, serde_json::to_string(&text).unwrap());
            assert_eq!(serde_json::from_str::<Reason>(&json).unwrap(), reason);
        }
        assert_eq!(Reason::Figure("5%".into()).to_string(), "figure: 5%");
    }
}
