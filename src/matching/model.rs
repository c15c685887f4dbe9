//! The re-ranker: logistic regression over the pair features, so its output is a
//! probability that the entry settles the claim (calibrated on held-out queries; see
//! `eval-matcher`). The weights ship inside the binary as a small JSON file.

use serde::{Deserialize, Serialize};

use super::features::{N, NAMES};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reranker {
    /// Feature names, to refuse a weights file made for another feature list.
    pub features: Vec<String>,
    /// Standardisation: (x - mean) / scale before the weights.
    pub mean: Vec<f32>,
    pub scale: Vec<f32>,
    pub weights: Vec<f32>,
    pub bias: f32,
}

/// The trained weights (`factdesk train-matcher` writes this file).
const SHIPPED: &str = include_str!("../../assets/matcher.json");

impl Reranker {
    /// The shipped model. Falls back to plain BM25 order if the file does not fit this
    /// build's features (only possible mid-development, caught by a test).
    pub fn shipped() -> Reranker {
        Reranker::from_json(SHIPPED).unwrap_or_else(|_| Reranker::bm25_only())
    }

    pub fn from_json(text: &str) -> Result<Reranker, String> {
        let r: Reranker = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let fits = r.features.len() == N
            && r.features.iter().zip(NAMES).all(|(a, b)| a == b)
            && r.mean.len() == N
            && r.scale.len() == N
            && r.weights.len() == N;
        if fits {
            Ok(r)
        } else {
            Err("the weights were made for other features".into())
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("serialises") + "\n"
    }

    /// Ranks by relative BM25 only.
    pub fn bm25_only() -> Reranker {
        let mut weights = vec![0.0; N];
        weights[0] = 8.0;
        Reranker {
            features: NAMES.iter().map(|s| s.to_string()).collect(),
            mean: vec![0.0; N],
            scale: vec![1.0; N],
            weights,
            bias: -7.0,
        }
    }

    /// The linear score (log-odds).
    pub fn logit(&self, x: &[f32; N]) -> f32 {
        let parts = x.iter().zip(&self.mean).zip(&self.scale).zip(&self.weights);
        self.bias + parts.map(|(((x, m), s), w)| w * (x - m) / s).sum::<f32>()
    }

    /// Probability that the entry is the same claim.
    pub fn probability(&self, x: &[f32; N]) -> f32 {
        1.0 / (1.0 + (-self.logit(x)).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_weights_fit_this_builds_features() {
        let model = Reranker::from_json(SHIPPED).expect("assets/matcher.json fits the features");
        assert_ne!(model, Reranker::bm25_only());
        assert!(model.weights.iter().any(|w| *w != 0.0));
    }

    #[test]
    fn weights_for_other_features_are_refused() {
        let mut other = Reranker::bm25_only();
        other.features[0] = "something else".into();
        assert!(Reranker::from_json(&other.to_json()).is_err());
    }
}
