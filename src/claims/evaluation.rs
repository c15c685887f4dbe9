//! Listing measured on a labelled set of articles (`tests/eval/listing`): does the finder list
//! every claim, and leave out page furniture? See that folder's README for the format.

use super::{Claim, ClaimFinder, ClaimKind};
use crate::spans::count_chars;

/// The labels of the evaluation set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// A checkable claim: must be listed.
    Claim,
    /// Page furniture or a heading: must not be listed.
    Furniture,
    /// A photo caption: must be listed with kind caption.
    Caption,
    /// Not a claim (opinion, question): should not be listed.
    NotClaim,
}

/// One labelled paragraph and whether the finder got it right.
#[derive(Debug, Clone)]
pub struct Judged {
    pub file: String,
    pub label: Label,
    pub text: String,
    /// The kinds of the claims listed inside this paragraph.
    pub listed: Vec<ClaimKind>,
}

impl Judged {
    pub fn correct(&self) -> bool {
        match self.label {
            Label::Claim => !self.listed.is_empty(),
            Label::Furniture | Label::NotClaim => self.listed.is_empty(),
            Label::Caption => self.listed.contains(&ClaimKind::Caption),
        }
    }
}

/// The figures over a whole set.
#[derive(Debug, Clone, Default)]
pub struct ListingFigures {
    pub judged: Vec<Judged>,
}

impl ListingFigures {
    fn count(&self, label: Label, correct: bool) -> usize {
        self.judged
            .iter()
            .filter(|j| j.label == label && j.correct() == correct)
            .count()
    }

    fn total(&self, label: Label) -> usize {
        self.judged.iter().filter(|j| j.label == label).count()
    }

    /// Claims listed out of claims labelled.
    pub fn recall(&self) -> (usize, usize) {
        (self.count(Label::Claim, true), self.total(Label::Claim))
    }

    /// Furniture paragraphs listed (false positives) out of furniture labelled.
    pub fn furniture_listed(&self) -> (usize, usize) {
        (
            self.count(Label::Furniture, false),
            self.total(Label::Furniture),
        )
    }

    /// Captions listed as captions out of captions labelled.
    pub fn captions(&self) -> (usize, usize) {
        (self.count(Label::Caption, true), self.total(Label::Caption))
    }

    /// Non-claims listed out of non-claims labelled.
    pub fn non_claims_listed(&self) -> (usize, usize) {
        (
            self.count(Label::NotClaim, false),
            self.total(Label::NotClaim),
        )
    }
}

/// Reads one labelled file: `LABEL<TAB>paragraph` per line.
pub fn parse(name: &str, content: &str) -> Result<Vec<(Label, String)>, String> {
    let mut out = Vec::new();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (label, text) = line
            .split_once('\t')
            .ok_or_else(|| format!("{name}, line {}: expected LABEL<tab>text", n + 1))?;
        let label = match label {
            "C" => Label::Claim,
            "F" => Label::Furniture,
            "P" => Label::Caption,
            "O" => Label::NotClaim,
            other => {
                return Err(format!(
                    "{name}, line {}: unknown label {other:?} (use C, F, P or O)",
                    n + 1
                ));
            }
        };
        out.push((label, text.trim().to_string()));
    }
    Ok(out)
}

/// Runs the finder over each labelled article and judges every paragraph.
pub fn evaluate(finder: &ClaimFinder, files: &[(String, Vec<(Label, String)>)]) -> ListingFigures {
    let mut figures = ListingFigures::default();
    for (name, paragraphs) in files {
        let article = paragraphs
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        let claims = finder.find(&article);
        let mut start = 0;
        for (label, text) in paragraphs {
            let end = start + count_chars(text);
            figures.judged.push(Judged {
                file: name.clone(),
                label: *label,
                text: text.clone(),
                listed: inside(&claims, start, end),
            });
            start = end + 2;
        }
    }
    figures
}

fn inside(claims: &[Claim], start: usize, end: usize) -> Vec<ClaimKind> {
    claims
        .iter()
        .filter(|c| c.start < end && c.end > start)
        .map(|c| c.kind)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checked-in set, held to a floor: recall of claims, and no furniture listed.
    #[test]
    fn the_listing_set_keeps_its_figures() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval/listing");
        let mut files = Vec::new();
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let content = std::fs::read_to_string(&path).unwrap();
            files.push((name.clone(), parse(&name, &content).unwrap()));
        }
        let figures = evaluate(&ClaimFinder::default(), &files);
        let wrong: Vec<_> = figures
            .judged
            .iter()
            .filter(|j| !j.correct() && j.label != Label::NotClaim)
            .map(|j| (j.label, j.text.as_str(), &j.listed))
            .collect();
        let (listed, claims) = figures.recall();
        assert!(claims >= 40, "{claims}");
        assert!(listed * 100 >= claims * 97, "{listed}/{claims}: {wrong:#?}");
        assert_eq!(figures.furniture_listed().0, 0, "{wrong:#?}");
        assert_eq!(figures.captions().0, figures.captions().1, "{wrong:#?}");
    }

    #[test]
    fn bad_labels_are_reported_with_their_line() {
        let err = parse("a.tsv", "C\tFine.\nX\tBad.").unwrap_err();
        assert!(err.contains("a.tsv, line 2"), "{err}");
        assert!(parse("a.tsv", "no tab here").is_err());
    }
}
