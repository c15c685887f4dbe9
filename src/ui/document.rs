//! The open document: a project, its edit history and file, and the table's view of it
//! (filter, sort, selection, stable claim numbers). No egui here, so all of it is unit-tested.

use std::ops::Range;
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
    /// Only claims whose wording changed in a revision since they were checked.
    pub needs_recheck: bool,
    /// Only claims the claim library has likely seen checked before.
    pub checked_before: bool,
    pub show_dismissed: bool,
}

/// The table opens ranked by check-worthiness, highest first (README: "the table sorts by it
/// so the claims that matter most come first"); "Document order" goes back to text order.
pub const DEFAULT_SORT: Option<(SortColumn, SortOrder)> =
    Some((SortColumn::Score, SortOrder::Descending));

impl SortColumn {
    /// Numbers read best largest first (score, sources); words alphabetically.
    pub fn first_order(self) -> SortOrder {
        match self {
            SortColumn::Score | SortColumn::Sources | SortColumn::Note => SortOrder::Descending,
            SortColumn::Number | SortColumn::Text | SortColumn::Kind | SortColumn::Verdict => {
                SortOrder::Ascending
            }
        }
    }
}

impl Filter {
    pub fn is_active(&self) -> bool {
        !self.text.trim().is_empty()
            || !self.verdicts.is_empty()
            || self.needs_source
            || self.needs_recheck
            || self.checked_before
    }
}

/// A line of the article text, with its byte range and first character offset.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub bytes: Range<usize>,
    pub char_start: usize,
    pub char_len: usize,
}

/// Splits the article into lines once per document.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let (mut byte, mut chars) = (0usize, 0usize);
    for line in text.split('\n') {
        let n = line.chars().count();
        out.push(Paragraph {
            bytes: byte..byte + line.len(),
            char_start: chars,
            char_len: n,
        });
        byte += line.len() + 1;
        chars += n + 1;
    }
    out
}

/// What the cached rows were computed from: change counter, filter, sort, matches.
type RowsKey = (u64, Filter, Option<(SortColumn, SortOrder)>, usize);

pub struct Document {
    pub project: Project,
    pub history: History,
    /// The project file, once saved or opened (None: new and unsaved).
    pub path: Option<PathBuf>,
    /// That file as loaded or last saved: saves check it has not changed since.
    pub disk: Option<crate::project::disk::OnDisk>,
    /// Set while another window holds the file's lock: edits and Save are refused.
    pub read_only: Option<crate::project::disk::lock::LockInfo>,
    pub selected: Option<String>,
    pub filter: Filter,
    pub sort: Option<(SortColumn, SortOrder)>,
    /// The article's lines, computed on first display and again when the article changes.
    pub paragraphs: Vec<Paragraph>,
    /// The article (by hash) the paragraphs were computed from.
    paragraphs_of: String,
    /// Claim indices in display order; rebuilt only when the key below changes.
    rows: Vec<usize>,
    rows_key: Option<RowsKey>,
    /// Each claim's number in the table ("#"), by id: found claims in text order, then claims
    /// added by hand in the order they were added, so adding one never renumbers the others.
    numbers: std::collections::HashMap<String, usize>,
    /// Edits applied since the window last collected them (for the autosave journal).
    applied: Vec<Edit>,
    /// Claims the library has likely seen checked before (set by the window).
    pub checked_before: std::collections::HashSet<String>,
    /// Counts for the status bar and filters, recomputed when the project changes (not
    /// every frame: a 10,000-claim project would cost the frame budget).
    summary: Summary,
    summary_of: Option<u64>,
}

/// What the status bar and the filter bar count.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// "3 of 31 reviewed · 2 verified · 1 dismissed · 1 to re-check".
    pub progress: String,
    pub recheck: usize,
}

impl Document {
    /// A document on `project`, with the table's first row (the most check-worthy claim)
    /// selected.
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let mut doc = Document {
            project,
            history: History::new(),
            path,
            disk: None,
            read_only: None,
            selected: None,
            filter: Filter::default(),
            sort: DEFAULT_SORT,
            paragraphs: Vec::new(),
            paragraphs_of: String::new(),
            rows: Vec::new(),
            rows_key: None,
            numbers: std::collections::HashMap::new(),
            applied: Vec::new(),
            checked_before: Default::default(),
            summary: Summary::default(),
            summary_of: None,
        }
        .numbered();
        doc.refresh_rows();
        doc.selected = doc.rows.first().map(|&i| doc.project.claims[i].id.clone());
        doc
    }

    fn numbered(mut self) -> Self {
        let mut found: Vec<&crate::project::ProjectClaim> = Vec::new();
        let mut manual: Vec<&crate::project::ProjectClaim> = Vec::new();
        for c in &self.project.claims {
            match c.origin {
                crate::project::Origin::Found => found.push(c),
                crate::project::Origin::Manual => manual.push(c),
            }
        }
        manual.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
        self.numbers = found
            .into_iter()
            .chain(manual)
            .enumerate()
            .map(|(n, c)| (c.id.clone(), n + 1))
            .collect();
        self
    }

    /// The claim's stable number in the table.
    pub fn number(&self, id: &str) -> usize {
        self.numbers.get(id).copied().unwrap_or(0)
    }

    fn number_new_claims(&mut self) {
        if self.numbers.len() == self.project.claims.len() {
            return;
        }
        let mut next = self.numbers.values().copied().max().unwrap_or(0);
        for c in &self.project.claims {
            if !self.numbers.contains_key(&c.id) {
                next += 1;
                self.numbers.insert(c.id.clone(), next);
            }
        }
    }

    /// Applies an edit through the history (undo, dirty flag, autosave all follow from this).
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        let copy = edit.clone();
        self.history.apply(&mut self.project, edit)?;
        self.applied.push(copy);
        self.number_new_claims();
        Ok(())
    }

    /// Undoes the last step and selects the claim it touched. `None`: nothing to undo.
    pub fn undo(&mut self) -> Option<Result<(), EditError>> {
        let result = self.history.undo(&mut self.project)?;
        Some(self.after_history_step(result))
    }

    pub fn redo(&mut self) -> Option<Result<(), EditError>> {
        let result = self.history.redo(&mut self.project)?;
        Some(self.after_history_step(result))
    }

    fn after_history_step(&mut self, result: Result<Edit, EditError>) -> Result<(), EditError> {
        let edit = result?;
        if let Some(id) = edit.claim_id()
            && self.project.claim(id).is_some()
        {
            self.selected = Some(id.to_string());
        }
        self.applied.push(edit);
        self.number_new_claims();
        Ok(())
    }

    /// The edits applied since the last call, in order (for the autosave journal).
    pub fn take_applied(&mut self) -> Vec<Edit> {
        std::mem::take(&mut self.applied)
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
        self.refresh_rows();
        &self.rows
    }

    /// Recomputes the rows if the project, filter or sort changed since the last time.
    pub fn refresh_rows(&mut self) {
        let key = (
            self.history.change_count(),
            self.filter.clone(),
            self.sort,
            self.checked_before.len(),
        );
        if self.rows_key.as_ref() != Some(&key) {
            self.rows = compute_rows(&self.project, &self.filter, self.sort, &self.numbers);
            if self.filter.checked_before {
                self.rows
                    .retain(|&i| self.checked_before.contains(&self.project.claims[i].id));
            }
            self.rows_key = Some(key);
        }
    }

    /// Recomputes the article's lines if the article changed (opened, revised, undone).
    /// Returns whether it did.
    pub fn refresh_paragraphs(&mut self) -> bool {
        if self.paragraphs_of == self.project.article.sha256 && !self.paragraphs.is_empty() {
            return false;
        }
        self.paragraphs = paragraphs(&self.project.article.text);
        self.paragraphs_of = self.project.article.sha256.clone();
        true
    }

    /// Recomputes the counts if the project changed since the last time.
    pub fn refresh_summary(&mut self) {
        let key = self.history.change_count();
        if self.summary_of != Some(key) {
            self.summary = Summary {
                progress: progress_text(self),
                recheck: self.project.claims.iter().filter(|c| c.recheck).count(),
            };
            self.summary_of = Some(key);
        }
    }

    /// The counts as last refreshed.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// The rows as last refreshed (panels read this after the window refreshed them).
    pub fn cached_rows(&self) -> &[usize] {
        &self.rows
    }

    /// Position of the selected claim in the current rows.
    pub fn selected_row(&mut self) -> Option<usize> {
        self.refresh_rows();
        self.cached_selected_row()
    }

    /// Like [`Document::selected_row`], on the rows as last refreshed.
    pub fn cached_selected_row(&self) -> Option<usize> {
        let id = self.selected.as_deref()?;
        self.rows
            .iter()
            .position(|&i| self.project.claims[i].id == id)
    }

    pub fn selected_claim(&self) -> Option<&crate::project::ProjectClaim> {
        self.project.claim(self.selected.as_deref()?)
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

    /// A header click: the column's natural order first (numbers largest first), then the
    /// other way, then back to document order.
    pub fn toggle_sort(&mut self, column: SortColumn) {
        let first = column.first_order();
        let second = match first {
            SortOrder::Ascending => SortOrder::Descending,
            SortOrder::Descending => SortOrder::Ascending,
        };
        self.sort = match self.sort {
            Some((c, o)) if c == column && o == first => Some((column, second)),
            Some((c, o)) if c == column && o == second => None,
            _ => Some((column, first)),
        };
    }
}

/// "3 of 31 reviewed · 2 verified · 1 false", dismissed claims counted apart.
fn progress_text(doc: &Document) -> String {
    let (reviewed, total) = doc.project.review_progress();
    let mut parts = vec![format!("{reviewed} of {total} reviewed")];
    for (v, n) in doc.project.verdict_counts() {
        if n > 0 && doc.project.scale.is_reviewed(&v) && v != Verdict::NOT_A_CLAIM {
            parts.push(format!("{n} {}", doc.project.scale.name(&v).to_lowercase()));
        }
    }
    let dismissed = doc.project.claims.len() - total;
    if dismissed > 0 {
        parts.push(format!("{dismissed} dismissed"));
    }
    let recheck = doc.project.claims.iter().filter(|c| c.recheck).count();
    if recheck > 0 {
        parts.push(format!("{recheck} to re-check"));
    }
    let conflicts = doc.project.conflict_count();
    if conflicts > 0 {
        parts.push(format!("{conflicts} conflicts"));
    }
    parts.join(" · ")
}

fn compute_rows(
    project: &Project,
    filter: &Filter,
    sort: Option<(SortColumn, SortOrder)>,
    numbers: &std::collections::HashMap<String, usize>,
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
        .filter(|(_, c)| !filter.needs_recheck || c.recheck)
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
                SortColumn::Number => numbers.get(&x.id).cmp(&numbers.get(&y.id)),
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
    // Merge conflicts come first whatever the order: they block the project until settled.
    if rows
        .iter()
        .any(|&i| !project.claims[i].conflicts.is_empty())
    {
        let (mut first, rest): (Vec<usize>, Vec<usize>) = rows
            .into_iter()
            .partition(|&i| !project.claims[i].conflicts.is_empty());
        first.extend(rest);
        rows = first;
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

        let scores = |d: &mut Document| -> Vec<f32> {
            let rows = d.rows().to_vec();
            rows.iter().map(|&i| d.project.claims[i].score).collect()
        };
        // Opens ranked by check-worthiness, highest first.
        assert_eq!(d.sort, DEFAULT_SORT);
        assert!(scores(&mut d).windows(2).all(|w| w[0] >= w[1]));
        // A first click on a numeric column sorts it largest first.
        d.sort = None;
        d.toggle_sort(SortColumn::Score);
        assert!(scores(&mut d).windows(2).all(|w| w[0] >= w[1]));
        d.toggle_sort(SortColumn::Score);
        assert!(scores(&mut d).windows(2).all(|w| w[0] <= w[1]));
        d.toggle_sort(SortColumn::Score);
        assert_eq!(d.sort, None);
        assert_eq!(d.rows(), (0..n).collect::<Vec<_>>().as_slice());
        // Words sort A to Z first.
        d.toggle_sort(SortColumn::Text);
        assert_eq!(d.sort, Some((SortColumn::Text, SortOrder::Ascending)));
    }

    #[test]
    fn numbers_stay_when_a_claim_is_added_by_hand() {
        let mut d = doc();
        let before: Vec<(String, usize)> = d
            .project
            .claims
            .iter()
            .map(|c| (c.id.clone(), d.number(&c.id)))
            .collect();
        assert_eq!(before[0].1, 1);
        let mut manual = d.project.claims[2].clone();
        manual.id = "m-hand".into();
        manual.origin = crate::project::Origin::Manual;
        manual.start += 1;
        let n = d.project.claims.len();
        d.apply(Edit::AddClaim {
            claim: Box::new(manual.clone()),
        })
        .unwrap();
        for (id, number) in &before {
            assert_eq!(d.number(id), *number, "claim {id} was renumbered");
        }
        assert_eq!(d.number("m-hand"), n + 1);
        // Reopening keeps the same numbers: derived from origin and creation order.
        let reopened = Document::new(d.project.clone(), None);
        assert_eq!(reopened.number("m-hand"), n + 1);
        assert_eq!(reopened.number(&before[3].0), before[3].1);
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
        d.sort = None;
        d.selected = Some(ids[0].clone());
        assert!(d.select_next_unreviewed());
        assert_eq!(d.selected.as_ref(), Some(&ids[2]));
        d.filter.needs_source = true;
        assert!(!d.rows().is_empty());
    }
}
