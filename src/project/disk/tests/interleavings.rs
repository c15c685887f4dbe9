//! No interleaving of outside writes and window saves loses a claim's verdict, sources or
//! note. Two windows (each an [`OnDisk`] session with unsaved edits) and an outside writer
//! (`git pull`, a colleague's program: plain writes, no checks) act on one file in any order;
//! windows save as the window does when the file changed (merge, then save over the version
//! merged with) and reload when clean. At the end every value someone set is on disk, in the
//! field or in a recorded conflict, unless someone later replaced it having seen it.

use proptest::prelude::*;

use super::*;

#[derive(Debug, Clone, Copy)]
enum Field {
    Note,
    Verdict,
    Source,
}

#[derive(Debug, Clone)]
enum Op {
    Edit {
        window: usize,
        claim: usize,
        field: Field,
    },
    Save {
        window: usize,
    },
    Poll {
        window: usize,
    },
    Outside {
        claim: usize,
        field: Field,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let field = prop_oneof![Just(Field::Note), Just(Field::Verdict), Just(Field::Source)];
    prop_oneof![
        4 => (0..2usize, 0..4usize, field.clone()).prop_map(|(window, claim, field)| Op::Edit { window, claim, field }),
        3 => (0..2usize).prop_map(|window| Op::Save { window }),
        2 => (0..2usize).prop_map(|window| Op::Poll { window }),
        2 => (0..4usize, field).prop_map(|(claim, field)| Op::Outside { claim, field }),
    ]
}

struct Window {
    disk: OnDisk,
    project: Project,
    dirty: bool,
}

/// A value someone set.
#[derive(Debug)]
struct Intent {
    claim: usize,
    field: &'static str,
    value: String,
}

const VERDICTS: [Verdict; 4] = [
    Verdict::VERIFIED,
    Verdict::FALSE,
    Verdict::MISLEADING,
    Verdict::DISPUTED,
];

fn field_name(f: Field) -> &'static str {
    match f {
        Field::Note => "note",
        Field::Verdict => "verdict",
        Field::Source => "sources",
    }
}

/// Sets a fresh value (unique per step, verdicts cycle) and returns it.
fn set(project: &mut Project, claim: usize, field: Field, step: usize, who: &str) -> String {
    let c = &mut project.claims[claim];
    match field {
        Field::Note => {
            c.note = format!("{who} note {step}");
            c.note.clone()
        }
        Field::Verdict => {
            // A real change (setting the value a claim already has changes nothing).
            let mut k = step;
            while VERDICTS[k % VERDICTS.len()] == c.verdict {
                k += 1;
            }
            c.verdict = VERDICTS[k % VERDICTS.len()].clone();
            c.verdict.to_string()
        }
        Field::Source => {
            let url = format!("https://{who}.example/{step}");
            c.sources.push(Source {
                url: url.clone(),
                title: None,
                added: now(),
            });
            url
        }
    }
}

fn current(project: &Project, claim: usize, field: &str) -> String {
    let c = &project.claims[claim];
    match field {
        "note" => c.note.clone(),
        "verdict" => c.verdict.to_string(),
        _ => String::new(),
    }
}

/// Saves as the window does: over the loaded version, or merged with the newer one.
fn save(w: &mut Window) {
    match w.disk.save(&w.project, SavePolicy::IfUnchanged) {
        Ok(()) => w.dirty = false,
        Err(Refused::Changed {
            found: Found::Changed { identity, theirs },
            ..
        }) => {
            let theirs = theirs.expect("outside writes are projects");
            let merged = w.disk.merge(&w.project, &theirs).unwrap();
            w.project = merged.project;
            w.disk
                .save(&w.project, SavePolicy::Replace(identity))
                .unwrap();
            w.dirty = false;
        }
        Err(e) => panic!("unexpected: {e}"),
    }
}

fn kept(final_project: &Project, i: &Intent) -> bool {
    let c = &final_project.claims[i.claim];
    let in_conflict = c
        .conflicts
        .iter()
        .any(|k| k.field == i.field && k.values().any(|v| *v == i.value));
    match i.field {
        "sources" => c.sources.iter().any(|s| s.url == i.value),
        f => current(final_project, i.claim, f) == i.value || in_conflict,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn no_interleaving_loses_work(ops in proptest::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.factdesk.ron");
        storage::save(&path, &sample()).unwrap();
        let mut windows: Vec<Window> = (0..2)
            .map(|_| {
                let (loaded, disk) = OnDisk::open(&path).unwrap();
                Window { disk, project: loaded.project, dirty: false }
            })
            .collect();
        let mut intents: Vec<Intent> = Vec::new();
        // Values someone replaced while looking at them. By value, not by who set them: a
        // verdict set back to what it was is, to a merge, no change at all.
        let mut replaced: std::collections::HashSet<(usize, &'static str, String)> =
            Default::default();
        for (step, op) in ops.into_iter().enumerate() {
            match op {
                Op::Edit { window, claim, field } => {
                    let w = &mut windows[window];
                    let name = field_name(field);
                    let seen = current(&w.project, claim, name);
                    replaced.insert((claim, name, seen));
                    let value = set(&mut w.project, claim, field, step, &format!("w{window}"));
                    w.dirty = true;
                    intents.push(Intent { claim, field: name, value });
                }
                Op::Save { window } => save(&mut windows[window]),
                Op::Poll { window } => {
                    let w = &mut windows[window];
                    if let Found::Changed { identity, theirs } = w.disk.check().unwrap()
                        && !w.dirty
                    {
                        let theirs = *theirs.unwrap();
                        w.project = theirs.clone();
                        w.disk.adopt(identity, theirs);
                    }
                }
                Op::Outside { claim, field } => {
                    let mut p = storage::load(&path).unwrap().project;
                    let name = field_name(field);
                    let seen = current(&p, claim, name);
                    replaced.insert((claim, name, seen));
                    let value = set(&mut p, claim, field, step, "outside");
                    storage::save(&path, &p).unwrap();
                    intents.push(Intent { claim, field: name, value });
                }
            }
        }
        for w in [0, 1, 0] {
            if windows[w].dirty || w == 0 {
                windows[w].dirty = true;
                save(&mut windows[w]);
            }
        }
        let last = storage::load(&path).unwrap().project;
        for i in intents.iter().filter(|i| !replaced.contains(&(i.claim, i.field, i.value.clone()))) {
            prop_assert!(kept(&last, i), "lost {:?}; claim now {:?}", i, (&last.claims[i.claim].note, &last.claims[i.claim].verdict, &last.claims[i.claim].conflicts));
        }
    }
}
