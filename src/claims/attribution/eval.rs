//! Measuring claimants against hand-labelled articles.
//!
//! A labelled article is an ordinary article with a label written straight after a
//! sentence: `…,” Roe said.⟦Jane Roe⟧`. The label names the expected claimant; `|`
//! separates acceptable spellings (`⟦a Treasury spokesperson|Treasury spokesperson⟧`), and
//! `⟦-⟧` marks a sentence that states something without attributing it to anyone. Labels
//! are removed before the article is read, so the finder sees plain text.

use std::path::{Path, PathBuf};

use crate::claims::{Claim, ClaimFinder};

const OPEN: char = '⟦';
const CLOSE: char = '⟧';

/// One labelled sentence: where its label stood in the plain text, and what it expects.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// Character offset in the plain text: the end of the labelled sentence.
    pub at: usize,
    /// Acceptable claimants; empty for `⟦-⟧` (no claimant).
    pub want: Vec<String>,
}

/// A labelled article with its labels taken out.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledArticle {
    pub text: String,
    pub labels: Vec<Label>,
}

/// Reads the labels out of `source`. Errors name the line of an unclosed or empty label.
pub fn parse(source: &str) -> Result<LabelledArticle, String> {
    let mut text = String::with_capacity(source.len());
    let mut labels = Vec::new();
    let mut chars = 0usize;
    let mut rest = source;
    while let Some(open) = rest.find(OPEN) {
        let before = &rest[..open];
        text.push_str(before);
        chars += before.chars().count();
        let line = source[..source.len() - rest.len() + open]
            .matches('\n')
            .count()
            + 1;
        let after = &rest[open + OPEN.len_utf8()..];
        let close = after
            .find(CLOSE)
            .filter(|&c| !after[..c].contains('\n'))
            .ok_or_else(|| {
                format!("line {line}: a label opened with ⟦ is not closed on its line")
            })?;
        let body = after[..close].trim();
        if body.is_empty() {
            return Err(format!(
                "line {line}: empty label (write ⟦-⟧ for no claimant)"
            ));
        }
        let want = if body == "-" {
            Vec::new()
        } else {
            body.split('|').map(|w| w.trim().to_string()).collect()
        };
        labels.push(Label { at: chars, want });
        rest = &after[close + CLOSE.len_utf8()..];
    }
    text.push_str(rest);
    Ok(LabelledArticle { text, labels })
}

/// What the finder gave for one labelled sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The claim's text, or the text before the label when no claim ends there.
    pub sentence: String,
    pub want: Vec<String>,
    /// The claimant found; `None` also when the sentence was not listed.
    pub got: Option<String>,
    pub listed: bool,
    pub correct: bool,
}

/// Compares the claimants of `finder`'s claims with the labels.
pub fn evaluate(finder: &ClaimFinder, article: &LabelledArticle) -> Vec<Outcome> {
    let claims = finder.find(&article.text);
    article
        .labels
        .iter()
        .map(|label| {
            let claim = claim_ending_at(&claims, label.at);
            let got = claim.and_then(|c| c.claimant.clone());
            let correct = if label.want.is_empty() {
                got.is_none()
            } else {
                got.as_deref()
                    .is_some_and(|g| label.want.iter().any(|w| same_claimant(w, g)))
            };
            let sentence = match claim {
                Some(c) => c.text.clone(),
                None => text_before(&article.text, label.at),
            };
            Outcome {
                sentence,
                want: label.want.clone(),
                got,
                listed: claim.is_some(),
                correct,
            }
        })
        .collect()
}

/// The claim whose span ends at `at` (labels sit right after the sentence's last character).
fn claim_ending_at(claims: &[Claim], at: usize) -> Option<&Claim> {
    claims
        .iter()
        .find(|c| c.end == at || (c.start < at && at < c.end))
}

fn text_before(text: &str, at: usize) -> String {
    let before: Vec<char> = text.chars().take(at).collect();
    let from = before.len().saturating_sub(80);
    before[from..].iter().collect::<String>().trim().to_string()
}

/// Claimants compare without case, a leading "the" or surrounding punctuation.
pub fn same_claimant(a: &str, b: &str) -> bool {
    normalise(a) == normalise(b)
}

fn normalise(name: &str) -> String {
    let lower = name
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .replace('’', "'");
    ["the ", "a ", "an "]
        .iter()
        .find_map(|article| lower.strip_prefix(article))
        .unwrap_or(&lower)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The outcomes of every `*.txt` file in `dir`, by file name.
pub fn evaluate_dir(
    finder: &ClaimFinder,
    dir: &Path,
) -> anyhow::Result<Vec<(PathBuf, Vec<Outcome>)>> {
    use anyhow::Context;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the folder {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    if files.is_empty() {
        anyhow::bail!("no labelled articles (*.txt) in {}", dir.display());
    }
    files
        .into_iter()
        .map(|path| {
            let source = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let article = parse(&source).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let outcomes = evaluate(finder, &article);
            Ok((path, outcomes))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_taken_out_and_placed_at_the_sentence_end() {
        let a = parse("“Go,” said Jane Roe.⟦Jane Roe⟧ Prices rose.⟦-⟧ Ü ok.⟦A|B⟧").unwrap();
        assert_eq!(a.text, "“Go,” said Jane Roe. Prices rose. Ü ok.");
        let ats: Vec<usize> = a.labels.iter().map(|l| l.at).collect();
        assert_eq!(ats, vec![20, 33, 39]);
        assert_eq!(a.labels[0].want, vec!["Jane Roe"]);
        assert!(a.labels[1].want.is_empty());
        assert_eq!(a.labels[2].want, vec!["A", "B"]);
    }

    #[test]
    fn broken_labels_name_their_line() {
        assert_eq!(
            parse("One.\nTwo.⟦Jane\n").unwrap_err(),
            "line 2: a label opened with ⟦ is not closed on its line"
        );
        assert!(
            parse("One.⟦ ⟧")
                .unwrap_err()
                .starts_with("line 1: empty label")
        );
    }

    #[test]
    fn claimants_compare_loosely_on_case_and_a_leading_the() {
        assert!(same_claimant("the Treasury", "Treasury"));
        assert!(same_claimant(
            "Norwegian Fishermen’s Association",
            "norwegian fishermen's association"
        ));
        assert!(!same_claimant("Jane Roe", "Roe"));
    }

    #[test]
    fn a_sentence_scores_against_its_label() {
        let article = parse(
            "“Prices act like a brake,” said economist Jane Roe of the Federal Reserve Bank of Boston.⟦Jane Roe⟧ \
             The sky was blue over the harbour in 2024.⟦-⟧",
        )
        .unwrap();
        let outcomes = evaluate(&ClaimFinder::rules(), &article);
        assert_eq!(outcomes.len(), 2);
        assert!(outcomes[0].listed);
        assert!(outcomes[1].correct, "{:?}", outcomes[1]);
    }
}
