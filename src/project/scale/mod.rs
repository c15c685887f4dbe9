//! Verdict scales: the judgements a desk gives claims, as data carried by each project.
//!
//! A scale is an ordered list of verdicts, each with a name, description, colour, hotkey,
//! whether it counts as reviewed, and how ClaimReview publishes it. Presets ([`presets`]):
//! factdesk's nine, PolitiFact's Truth-O-Meter, Full Fact's conclusions without a rating;
//! a desk can also write its own (RON, [`parse_custom`]). Every scale starts with the
//! verdict `Unreviewed` (what new claims get) and has `NotAClaim` (a dismissed claim), so
//! that workflow never depends on the scale; their names and colours are the scale's own.

mod presets;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

pub use presets::{PRESET_NAMES, factdesk, full_fact, politifact, preset};

/// A claim's verdict: the id of one of its project's scale's verdicts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Verdict(Cow<'static, str>);

impl Verdict {
    /// In every scale: not looked at yet (new claims start here).
    pub const UNREVIEWED: Verdict = Verdict::fixed("Unreviewed");
    /// In every scale: dismissed, not a checkable claim.
    pub const NOT_A_CLAIM: Verdict = Verdict::fixed("NotAClaim");
    /// The ids of the factdesk preset's other verdicts (used by tests and examples).
    pub const IN_PROGRESS: Verdict = Verdict::fixed("InProgress");
    pub const VERIFIED: Verdict = Verdict::fixed("Verified");
    pub const MOSTLY_ACCURATE: Verdict = Verdict::fixed("MostlyAccurate");
    pub const MISLEADING: Verdict = Verdict::fixed("Misleading");
    pub const DISPUTED: Verdict = Verdict::fixed("Disputed");
    pub const FALSE: Verdict = Verdict::fixed("False");
    pub const UNVERIFIABLE: Verdict = Verdict::fixed("Unverifiable");

    const fn fixed(id: &'static str) -> Verdict {
        Verdict(Cow::Borrowed(id))
    }

    pub fn new(id: impl Into<String>) -> Verdict {
        Verdict(Cow::Owned(id.into()))
    }

    pub fn id(&self) -> &str {
        &self.0
    }
}

impl Default for Verdict {
    fn default() -> Self {
        Verdict::UNREVIEWED
    }
}

impl<'de> Deserialize<'de> for Verdict {
    /// Accepts a string (format 2) and a bare identifier (format 1 wrote the verdict as an
    /// enum variant, `verdict: Verified`); RON hands both to an untagged enum as a string.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged, expecting = "a verdict")]
        enum Repr {
            Id(String),
        }
        let Repr::Id(id) = Repr::deserialize(d)?;
        Ok(Verdict::new(id))
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An sRGB colour, written `"#rrggbb"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color(pub [u8; 3]);

impl Color {
    pub fn css_hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    pub fn parse(text: &str) -> Option<Color> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Color([byte(0)?, byte(2)?, byte(4)?]))
    }
}

impl Serialize for Color {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.css_hex())
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Color::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("{text:?} is not a colour written as \"#rrggbb\""))
        })
    }
}

/// How ClaimReview publishes a verdict (`reviewRating`). A conclusion without a rating
/// (Full Fact style) has only `alternate_name`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Rating {
    /// `ratingValue`, between `worst` and `best`.
    pub value: Option<i32>,
    pub best: Option<i32>,
    pub worst: Option<i32>,
    /// `alternateName`, what readers see; the verdict's name when absent.
    pub alternate_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictDef {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "grey")]
    pub color: Color,
    /// The key that sets it in the window (a digit or letter).
    #[serde(default)]
    pub hotkey: Option<char>,
    /// Has the reviewer reached a judgement (the claim is done)?
    #[serde(default)]
    pub reviewed: bool,
    /// How ClaimReview publishes it; `None`: not published (work in progress, dismissed).
    #[serde(default)]
    pub rating: Option<Rating>,
}

fn grey() -> Color {
    Color([0x6b, 0x72, 0x80])
}

impl VerdictDef {
    pub fn verdict(&self) -> Verdict {
        Verdict::new(self.id.clone())
    }

    /// The ClaimReview `alternateName`.
    pub fn alternate_name(&self) -> &str {
        self.rating
            .as_ref()
            .and_then(|r| r.alternate_name.as_deref())
            .unwrap_or(&self.name)
    }
}

/// An ordered list of verdicts, carried by each project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub name: String,
    pub verdicts: Vec<VerdictDef>,
}

impl Default for Scale {
    fn default() -> Self {
        factdesk()
    }
}

/// A verdict a project's claim has but its scale does not list (a file edited by hand):
/// shown by its id, in grey, and never counted as reviewed.
static UNKNOWN: std::sync::LazyLock<VerdictDef> = std::sync::LazyLock::new(|| VerdictDef {
    id: String::new(),
    name: String::new(),
    description: "Not a verdict of this project's scale.".into(),
    color: grey(),
    hotkey: None,
    reviewed: false,
    rating: None,
});

impl Scale {
    pub fn get(&self, v: &Verdict) -> Option<&VerdictDef> {
        self.verdicts.iter().find(|d| d.id == v.id())
    }

    pub fn contains(&self, v: &Verdict) -> bool {
        self.get(v).is_some()
    }

    /// The verdict's definition, or a grey stand-in for an id the scale does not list.
    pub fn def(&self, v: &Verdict) -> &VerdictDef {
        self.get(v).unwrap_or(&UNKNOWN)
    }

    pub fn name<'a>(&'a self, v: &'a Verdict) -> &'a str {
        self.get(v).map_or(v.id(), |d| d.name.as_str())
    }

    pub fn color(&self, v: &Verdict) -> [u8; 3] {
        self.def(v).color.0
    }

    pub fn is_reviewed(&self, v: &Verdict) -> bool {
        self.def(v).reviewed
    }

    pub fn by_hotkey(&self, key: char) -> Option<Verdict> {
        self.verdicts
            .iter()
            .find(|d| d.hotkey.is_some_and(|h| h.eq_ignore_ascii_case(&key)))
            .map(VerdictDef::verdict)
    }

    /// Position in the scale (for sorting by verdict); unknown ids sort last.
    pub fn rank(&self, v: &Verdict) -> usize {
        self.verdicts
            .iter()
            .position(|d| d.id == v.id())
            .unwrap_or(self.verdicts.len())
    }

    /// What makes a scale usable; the reasons it is not, in words.
    pub fn validate(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err("the scale has no name".into());
        }
        let first = self.verdicts.first().map(|d| d.id.as_str());
        if first != Some(Verdict::UNREVIEWED.id()) {
            return Err(format!(
                "the first verdict must have id \"{}\" (new claims start there)",
                Verdict::UNREVIEWED.id()
            ));
        }
        if !self.contains(&Verdict::NOT_A_CLAIM) {
            return Err(format!(
                "the scale needs a verdict with id \"{}\" (dismissed claims)",
                Verdict::NOT_A_CLAIM.id()
            ));
        }
        let mut ids = HashSet::new();
        let mut keys = HashSet::new();
        for (i, d) in self.verdicts.iter().enumerate() {
            let which = format!("verdict {} (“{}”)", i + 1, d.name);
            if d.id.trim().is_empty() || d.name.trim().is_empty() {
                return Err(format!("{which} needs an id and a name"));
            }
            if !ids.insert(d.id.as_str()) {
                return Err(format!("{which}: the id \"{}\" is used twice", d.id));
            }
            if let Some(k) = d.hotkey
                && !keys.insert(k.to_ascii_lowercase())
            {
                return Err(format!("{which}: the hotkey '{k}' is used twice"));
            }
            if let Some(r) = &d.rating
                && let (Some(v), Some(best), Some(worst)) = (r.value, r.best, r.worst)
                && !(worst.min(best)..=worst.max(best)).contains(&v)
            {
                return Err(format!(
                    "{which}: ratingValue {v} is outside {worst}..{best}"
                ));
            }
        }
        Ok(())
    }

    /// A proposed mapping from this scale's verdicts to `to`'s: the same id, else the same
    /// name (case aside), else the verdict of `to` whose rating sits at the nearest relative
    /// position, else Unreviewed. The window shows it for the person to adjust.
    pub fn proposed_mapping(&self, to: &Scale) -> Mapping {
        let mut map = Mapping::new();
        for d in &self.verdicts {
            let target = to
                .get(&d.verdict())
                .or_else(|| {
                    to.verdicts
                        .iter()
                        .find(|t| t.name.eq_ignore_ascii_case(&d.name))
                })
                .or_else(|| {
                    let here = relative_rating(d)?;
                    to.verdicts
                        .iter()
                        .filter_map(|t| Some((t, relative_rating(t)?)))
                        .min_by(|a, b| (a.1 - here).abs().total_cmp(&(b.1 - here).abs()))
                        .map(|(t, _)| t)
                })
                .map_or(Verdict::UNREVIEWED, VerdictDef::verdict);
            map.insert(d.verdict(), target);
        }
        map
    }
}

/// Old verdict → new verdict, for changing a project's scale.
pub type Mapping = BTreeMap<Verdict, Verdict>;

/// 0 (worst) … 1 (best), for verdicts with a numeric rating.
fn relative_rating(d: &VerdictDef) -> Option<f32> {
    let r = d.rating.as_ref()?;
    let (v, best, worst) = (r.value?, r.best?, r.worst?);
    (best != worst).then(|| (v - worst) as f32 / (best - worst) as f32)
}

#[derive(Debug, thiserror::Error)]
pub enum ScaleError {
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error(
        "no verdict scale called “{0}”; the presets are {presets}, or give the path of a scale file (RON)",
        presets = PRESET_NAMES.join(", ")
    )]
    Unknown(String),
    #[error("cannot read {path}: {reason}")]
    Io {
        path: String,
        reason: std::io::Error,
    },
}

/// A custom scale from RON text (the shape `factdesk scales --ron NAME` prints). `path`
/// labels errors, which give line and column.
pub fn parse_custom(text: &str, path: &str) -> Result<Scale, ScaleError> {
    let scale: Scale = ron::Options::default()
        .from_str(text)
        .map_err(|e| ScaleError::Syntax {
            path: path.to_string(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e
                .code
                .to_string()
                .replace(" in `Scale`", "")
                .replace(" in `VerdictDef`", ""),
        })?;
    scale.validate().map_err(|message| ScaleError::Invalid {
        path: path.to_string(),
        message,
    })?;
    Ok(scale)
}

/// A preset by name (case and punctuation aside), or a custom scale file by path.
pub fn resolve(name_or_path: &str) -> Result<Scale, ScaleError> {
    if let Some(s) = preset(name_or_path) {
        return Ok(s);
    }
    let path = std::path::Path::new(name_or_path);
    if path.exists() {
        let text = std::fs::read_to_string(path).map_err(|reason| ScaleError::Io {
            path: name_or_path.to_string(),
            reason,
        })?;
        return parse_custom(&text, name_or_path);
    }
    Err(ScaleError::Unknown(name_or_path.to_string()))
}

/// Pretty RON of a scale, the format custom scales are written in.
pub fn to_ron(scale: &Scale) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("  ".to_string());
    ron::Options::default()
        .to_string_pretty(scale, config)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
