//! The open document: a project, its edit history and file, and the table's view of it
//! (filter, sort, selection). No egui here, so all of it is unit-tested.

use std::path::PathBuf;

use crate::project::edit::{Edit, EditError, History};
use crate::project::{Project, Verdict};

/// Which column the table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SortColumn {
    Number,
    Text,
    Kind,
    Score,
    Verdict,
    Sources,
    Note,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Ascending,
    Descending,
}

/// What the table shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub text: String,
    /// Only these verdicts (empty: all).
    pub verdicts: Vec<Verdict>,
    /// Only claims that have a verdict other than Unreviewed but no source yet.
    pub needs_source: bool,
    pub show_dismissed: bool,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        !self.text.trim().is_empty() || !self.verdicts.is_empty() || self.needs_source
    }
}

/// What the cached rows were computed from: change counter, filter, sort.
type RowsKey = (u64, Filter, Option<(SortColumn, SortOrder)>);

pub struct Document {
    pub project: Project,
    pub history: History,
    /// The project file, once saved or opened (None: new and unsaved).
    pub path: Option<PathBuf>,
    pub selected: Option<String>,
    pub filter: Filter,
    pub sort: Option<(SortColumn, SortOrder)>,
    /// The article's lines, computed on first display.
    pub paragraphs: Vec<super::article_view::Paragraph>,
    /// Claim indices in display order; rebuilt only when the key below changes.
    rows: Vec<usize>,
    rows_key: Option<RowsKey>,
}

impl Document {
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let selected = project
            .claims
            .iter()
            .find(|c| !c.is_dismissed())
            .map(|c| c.id.clone());
        Document {
            project,
            history: History::new(),
            path,
            selected,
            filter: Filter::default(),
            sort: None,
            paragraphs: Vec::new(),
            rows: Vec::new(),
            rows_key: None,
        }
    }

    /// Applies an edit through the history (undo, dirty flag, autosave all follow from this).
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.project, edit)
    }

    pub fn undo(&mut self) {
        if let Some(Some(id)) = self.history.undo(&mut self.project) {
            self.select_if_present(id);
        }
    }

    pub fn redo(&mut self) {
        if let Some(Some(id)) = self.history.redo(&mut self.project) {
            self.select_if_present(id);
        }
    }

    fn select_if_present(&mut self, id: String) {
        if self.project.claim(&id).is_some() {
            self.selected = Some(id);
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            None => format!("{} (unsaved)", self.project.article.title),
        }
    }

    /// Claim indices in table order, after filter and sort. Cached between frames.
    pub fn rows(&mut self) -> &[usize] {
        let key = (self.history.change_count(), self.filter.clone(), self.sort);
        if self.rows_key.as_ref() != Some(&key) {
            self.rows = compute_rows(&self.project, &self.filter, self.sort);
            self.rows_key = Some(key);
        }
        &self.rows
    }

    /// Position of the selected claim in the current rows.
    pub fn selected_row(&mut self) -> Option<usize> {
        let id = self.selected.clone()?;
        self.rows();
        self.rows
            .iter()
            .position(|&i| self.project.claims[i].id == id)
    }

    /// Moves the selection by `delta` rows in the table (clamped).
    pub fn move_selection(&mut self, delta: isize) {
        let current = self.selected_row();
        let rows = self.rows().to_vec();
        if rows.is_empty() {
            return;
        }
        let next = match current {
            Some(r) => (r as isize + delta).clamp(0, rows.len() as isize - 1) as usize,
            None if delta >= 0 => 0,
            None => rows.len() - 1,
        };
        self.selected = Some(self.project.claims[rows[next]].id.clone());
    }

    /// Selects the next claim (in table order, wrapping) that is still Unreviewed.
    pub fn select_next_unreviewed(&mut self) -> bool {
        let rows = self.rows().to_vec();
        let start = self.selected_row().map_or(0, |r| r + 1);
        let n = rows.len();
        for k in 0..n {
            let i = rows[(start + k) % n];
            if self.project.claims[i].verdict == Verdict::UNREVIEWED {
                self.selected = Some(self.project.claims[i].id.clone());
                return true;
            }
        }
        false
    }

    /// Cycles a column's sort: ascending → descending → original order.
    pub fn toggle_sort(&mut self, column: SortColumn) {
        self.sort = match self.sort {
            Some((c, SortOrder::Ascending)) if c == column => Some((column, SortOrder::Descending)),
            Some((c, SortOrder::Descending)) if c == column => None,
            _ => Some((column, SortOrder::Ascending)),
        };
    }
}

fn compute_rows(
    project: &Project,
    filter: &Filter,
    sort: Option<(SortColumn, SortOrder)>,
) -> Vec<usize> {
    let needle = filter.text.trim().to_lowercase();
    let mut rows: Vec<usize> = project
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            filter.show_dismissed
                || !c.is_dismissed()
                || filter.verdicts.contains(&Verdict::NOT_A_CLAIM)
        })
        .filter(|(_, c)| filter.verdicts.is_empty() || filter.verdicts.contains(&c.verdict))
        .filter(|(_, c)| !filter.needs_source || (c.sources.is_empty() && !c.is_dismissed()))
        .filter(|(_, c)| {
            needle.is_empty()
                || c.text.to_lowercase().contains(&needle)
                || c.note.to_lowercase().contains(&needle)
                || c.claimant
                    .as_deref()
                    .is_some_and(|w| w.to_lowercase().contains(&needle))
        })
        .map(|(i, _)| i)
        .collect();
    if let Some((column, order)) = sort {
        let claims = &project.claims;
        rows.sort_by(|&a, &b| {
            let (x, y) = (&claims[a], &claims[b]);
            let ord = match column {
                SortColumn::Number => a.cmp(&b),
                SortColumn::Text => x.text.to_lowercase().cmp(&y.text.to_lowercase()),
                SortColumn::Kind => x.kind.cmp(&y.kind),
                SortColumn::Score => x.score.total_cmp(&y.score),
                SortColumn::Verdict => project
                    .scale
                    .rank(&x.verdict)
                    .cmp(&project.scale.rank(&y.verdict)),
                SortColumn::Sources => x.sources.len().cmp(&y.sources.len()),
                SortColumn::Note => x.note.is_empty().cmp(&y.note.is_empty()).reverse(),
            };
            // Stable tie-break on text order keeps the table predictable.
            let ord = ord.then(a.cmp(&b));
            if order == SortOrder::Descending {
                ord.reverse()
            } else {
                ord
            }
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article;
    use crate::claims::ClaimFinder;

    fn doc() -> Document {
        Document::new(
            Project::from_article(&article::sample(), &ClaimFinder::rules()),
            None,
        )
    }

    #[test]
    fn filter_sort_and_navigation() {
        let mut d = doc();
        let n = d.rows().len();
        assert_eq!(n, d.project.claims.len());
        let first = d.selected.clone().unwrap();
        d.move_selection(1);
        assert_ne!(d.selected.as_deref(), Some(first.as_str()));
        d.move_selection(-5);
        assert_eq!(d.selected.as_deref(), Some(first.as_str()));

        let id = d.project.claims[0].id.clone();
        d.apply(Edit::SetVerdict {
            id: id.clone(),
            verdict: Verdict::NOT_A_CLAIM,
        })
        .unwrap();
        assert_eq!(d.rows().len(), n - 1, "dismissed claims hidden by default");
        d.filter.show_dismissed = true;
        assert_eq!(d.rows().len(), n);

        d.filter.text = "kremlin".into();
        let rows = d.rows().to_vec();
        assert!(
            rows.iter()
                .all(|&i| d.project.claims[i].text.to_lowercase().contains("kremlin"))
        );
        d.filter.text.clear();

        d.toggle_sort(SortColumn::Score);
        let rows = d.rows().to_vec();
        let scores: Vec<f32> = rows.iter().map(|&i| d.project.claims[i].score).collect();
        assert!(scores.windows(2).all(|w| w[0] <= w[1]));
        d.toggle_sort(SortColumn::Score);
        let rows = d.rows().to_vec();
        let scores: Vec<f32> = rows.iter().map(|&i| d.project.claims[i].score).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]));
        d.toggle_sort(SortColumn::Score);
        assert_eq!(d.sort, None);
        assert_eq!(d.rows(), (0..n).collect::<Vec<_>>().as_slice());
    }

    #[test]
    fn next_unreviewed_skips_reviewed() {
        let mut d = doc();
        let ids: Vec<String> = d.project.claims.iter().map(|c| c.id.clone()).collect();
        d.apply(Edit::SetVerdict {
            id: ids[1].clone(),
            verdict: Verdict::VERIFIED,
        })
        .unwrap();
        d.selected = Some(ids[0].clone());
        assert!(d.select_next_unreviewed());
        assert_eq!(d.selected.as_ref(), Some(&ids[2]));
        d.filter.needs_source = true;
        assert!(!d.rows().is_empty());
    }
}
