//! Training and evaluating the re-ranker on the CLEF 2020 CheckThat! verified-claim
//! retrieval data (read at run time from `../shared/data/claim-matching/`; never shipped).
//!
//! Deterministic: the same data gives the same weights, bit for bit (fixed order, Newton
//! steps, no randomness).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::features::N;
use super::{Matcher, RETRIEVE, Reranker};
use crate::library::Library;

/// The labelled candidate lists of one query.
pub struct QueryCandidates {
    pub query_id: String,
    /// Features and whether the candidate is a right answer, in BM25 order.
    pub rows: Vec<([f32; N], bool)>,
    /// Right answers in total (some may not be among the candidates).
    pub relevant: usize,
}

/// One split of the data set.
pub struct Split {
    pub queries: Vec<QueryCandidates>,
}

/// Reads a TSV with a header into rows of named cells.
fn read_tsv(path: &Path) -> Result<Vec<HashMap<String, String>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    let mut out = Vec::new();
    for rec in reader.records() {
        let rec = rec.with_context(|| format!("reading {}", path.display()))?;
        out.push(
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect(),
        );
    }
    Ok(out)
}

/// Builds a library of the verified claims in `dir` (a temporary folder).
pub fn verified_library(data: &Path, dir: &Path) -> Result<Library> {
    let path = data.join("verified_claims.tsv");
    let mut imported = crate::library::import::Imported::default();
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    crate::library::import::table::read(&text, b'\t', &path, &mut imported);
    if imported.entries.is_empty() {
        bail!("no verified claims in {}", path.display());
    }
    let library = Library::open(dir)?;
    library.add(imported.entries)?;
    Ok(library)
}

/// The candidates of a split (`train` or `dev`), labelled from its qrels.
pub fn split(library: &Library, data: &Path, name: &str) -> Result<Split> {
    let queries = read_tsv(&data.join(format!("{name}.queries.tsv")))?;
    let qrels = read_tsv(&data.join(format!("{name}.qrels.tsv")))?;
    let mut relevant: HashMap<String, HashSet<String>> = HashMap::new();
    for r in qrels {
        relevant
            .entry(r.get("query_id").cloned().unwrap_or_default())
            .or_default()
            .insert(r.get("claim_id").cloned().unwrap_or_default());
    }
    let snapshot = library.snapshot();
    let mut matcher = Matcher::new(&snapshot, library.analyzer());
    let mut out = Vec::new();
    for q in queries {
        let id = q.get("id").cloned().unwrap_or_default();
        let text = q.get("text").cloned().unwrap_or_default();
        let Some(gold) = relevant.get(&id) else {
            continue;
        };
        let (_, cands) = matcher.candidates(&text, RETRIEVE)?;
        let rows = cands
            .into_iter()
            .map(|(s, _, _)| (s.features, gold.contains(&s.hit.entry.id)))
            .collect();
        out.push(QueryCandidates {
            query_id: id,
            rows,
            relevant: gold.len(),
        });
    }
    Ok(Split { queries: out })
}

/// The re-ranker: a linear pairwise ranker (every right candidate of a query against every
/// wrong one, logistic loss), then Platt scaling of its score on all candidates so the output
/// is a probability. Both by Newton's method on standardised features: deterministic.
pub fn fit(split: &Split) -> Reranker {
    let rows: Vec<&([f32; N], bool)> = split.queries.iter().flat_map(|q| &q.rows).collect();
    let n = rows.len().max(1) as f64;
    let mut mean = [0f64; N];
    let mut var = [0f64; N];
    for (x, _) in &rows {
        for i in 0..N {
            mean[i] += f64::from(x[i]) / n;
        }
    }
    for (x, _) in &rows {
        for i in 0..N {
            var[i] += (f64::from(x[i]) - mean[i]).powi(2) / n;
        }
    }
    let scale: Vec<f64> = var
        .iter()
        .map(|v| if *v > 1e-12 { v.sqrt() } else { 1.0 })
        .collect();
    let z = |x: &[f32; N]| -> Vec<f64> {
        (0..N)
            .map(|i| (f64::from(x[i]) - mean[i]) / scale[i])
            .collect()
    };

    let mut pairs = Vec::new();
    let mut labels = Vec::new();
    for q in &split.queries {
        for (xp, yp) in &q.rows {
            if !*yp {
                continue;
            }
            let zp = z(xp);
            for (xn, yn) in &q.rows {
                if *yn {
                    continue;
                }
                let d: Vec<f64> = zp.iter().zip(z(xn)).map(|(a, b)| a - b).collect();
                pairs.push(d.iter().map(|v| -v).collect::<Vec<f64>>());
                labels.push(0.0);
                pairs.push(d);
                labels.push(1.0);
            }
        }
    }
    let w = newton(&pairs, &labels, 1.0);

    let scores: Vec<Vec<f64>> = rows
        .iter()
        .map(|(x, _)| vec![z(x).iter().zip(&w).map(|(a, b)| a * b).sum::<f64>(), 1.0])
        .collect();
    let ys: Vec<f64> = rows.iter().map(|(_, y)| f64::from(u8::from(*y))).collect();
    let platt = newton(&scores, &ys, 1e-6);
    Reranker {
        features: super::features::NAMES
            .iter()
            .map(|s| s.to_string())
            .collect(),
        mean: mean.iter().map(|v| *v as f32).collect(),
        scale: scale.iter().map(|v| *v as f32).collect(),
        weights: w.iter().map(|v| (v * platt[0]) as f32).collect(),
        bias: platt[1] as f32,
    }
}

/// L2-penalised logistic regression (no separate bias: add a constant column for one).
fn newton(xs: &[Vec<f64>], ys: &[f64], lambda: f64) -> Vec<f64> {
    let d = xs.first().map_or(0, Vec::len);
    let mut w = vec![0f64; d];
    for _ in 0..40 {
        let mut grad = vec![0f64; d];
        let mut hess = vec![vec![0f64; d]; d];
        for (x, y) in xs.iter().zip(ys) {
            let s: f64 = x.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-s).exp());
            let h = (p * (1.0 - p)).max(1e-9);
            for i in 0..d {
                grad[i] += (p - y) * x[i];
                for j in 0..d {
                    hess[i][j] += h * x[i] * x[j];
                }
            }
        }
        for i in 0..d {
            grad[i] += lambda * w[i];
            hess[i][i] += lambda;
        }
        let step = solve(hess, grad);
        let moved: f64 = step.iter().map(|v| v.abs()).sum();
        for i in 0..d {
            w[i] -= step[i];
        }
        if moved < 1e-10 {
            break;
        }
    }
    w
}

/// Gaussian elimination with partial pivoting (the system is small and positive definite).
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let m = b.len();
    for col in 0..m {
        let pivot = (col..m)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let d = a[col][col];
        if d.abs() < 1e-12 {
            continue;
        }
        for row in 0..m {
            if row != col {
                let f = a[row][col] / d;
                if f != 0.0 {
                    let pivot_row = a[col].clone();
                    for (v, p) in a[row].iter_mut().zip(&pivot_row).skip(col) {
                        *v -= f * p;
                    }
                    b[row] -= f * b[col];
                }
            }
        }
    }
    (0..m)
        .map(|i| {
            if a[i][i].abs() < 1e-12 {
                0.0
            } else {
                b[i] / a[i][i]
            }
        })
        .collect()
}

/// Average precision in the top `k` (CLEF CheckThat! 2020 scorer: divided by the number of
/// right answers).
fn average_precision(labels_in_order: &[bool], relevant: usize, k: usize) -> f64 {
    let mut hits = 0;
    let mut sum = 0.0;
    for (i, right) in labels_in_order.iter().take(k).enumerate() {
        if *right {
            hits += 1;
            sum += hits as f64 / (i + 1) as f64;
        }
    }
    if relevant == 0 {
        0.0
    } else {
        sum / relevant as f64
    }
}

/// Figures of one evaluation.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub queries: usize,
    pub map5_bm25: f64,
    pub map5_reranked: f64,
    /// Share of first matches scored ≥ threshold that are right.
    pub precision_at_threshold: f64,
    /// Share of queries whose right answer is first and scored ≥ threshold.
    pub recall_at_threshold: f64,
    pub threshold: f64,
    /// Calibration: (mean predicted, observed rate, count) in score bins of 0.1.
    pub calibration: Vec<(f64, f64, usize)>,
}

pub fn evaluate(model: &Reranker, split: &Split, threshold: f64) -> Evaluation {
    let mut map_bm25 = 0.0;
    let mut map_re = 0.0;
    let (mut above, mut above_right, mut right_first_above) = (0usize, 0usize, 0usize);
    let mut bins = vec![(0.0f64, 0usize, 0usize); 10];
    for q in &split.queries {
        let labels: Vec<bool> = q.rows.iter().map(|(_, y)| *y).collect();
        map_bm25 += average_precision(&labels, q.relevant, 5);
        let mut scored: Vec<(f32, usize, bool)> = q
            .rows
            .iter()
            .enumerate()
            .map(|(i, (x, y))| (model.probability(x), i, *y))
            .collect();
        for (p, _, y) in &scored {
            let b = ((*p * 10.0) as usize).min(9);
            bins[b].0 += f64::from(*p);
            bins[b].1 += usize::from(*y);
            bins[b].2 += 1;
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let order: Vec<bool> = scored.iter().map(|s| s.2).collect();
        map_re += average_precision(&order, q.relevant, 5);
        if let Some((p, _, y)) = scored.first()
            && f64::from(*p) >= threshold
        {
            above += 1;
            above_right += usize::from(*y);
            right_first_above += usize::from(*y);
        }
    }
    let n = split.queries.len().max(1) as f64;
    Evaluation {
        queries: split.queries.len(),
        map5_bm25: map_bm25 / n,
        map5_reranked: map_re / n,
        precision_at_threshold: above_right as f64 / above.max(1) as f64,
        recall_at_threshold: right_first_above as f64 / n,
        threshold,
        calibration: bins
            .into_iter()
            .filter(|b| b.2 > 0)
            .map(|(sum, pos, count)| (sum / count as f64, pos as f64 / count as f64, count))
            .collect(),
    }
}

pub fn query_ids(split: &Split) -> Vec<&str> {
    split.queries.iter().map(|q| q.query_id.as_str()).collect()
}
