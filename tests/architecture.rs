//! The shape of the code, checked: the core knows nothing of the window or the command line,
//! only the app's own files touch `App`, and no two window files import each other in a
//! circle. Reads the sources as text (no build-time magic), so a move that breaks a rule fails
//! here with the file named.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Lines of code that name things (no comments).
fn code_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("//"))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_core_knows_nothing_of_the_window_or_the_command_line() {
    for core in ["article", "segment", "claims", "project", "report"] {
        let mut files = Vec::new();
        let dir = src().join(core);
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        }
        files.push(src().join(format!("{core}.rs")));
        for f in files.iter().filter(|f| f.exists()) {
            for line in code_lines(f) {
                for forbidden in ["egui", "eframe", "clap", "crate::ui", "crate::cli"] {
                    assert!(
                        !line.contains(forbidden),
                        "{} uses {forbidden}: {line}",
                        f.display()
                    );
                }
            }
        }
    }
}

/// The module path of a file: src/ui/panels/table.rs → ["ui", "panels", "table"].
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).unwrap();
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The file that defines a module path, if there is one.
fn file_of(module: &[String]) -> Option<PathBuf> {
    let base = module.iter().fold(src(), |p, m| p.join(m));
    [base.with_extension("rs"), base.join("mod.rs")]
        .into_iter()
        .find(|p| p.exists())
}

/// The window files a file imports: `use crate::ui::…` and `use super::…`, resolved to the
/// deepest module that has a file.
fn ui_imports(file: &Path) -> BTreeSet<PathBuf> {
    let module = module_of(file);
    let mut out = BTreeSet::new();
    for line in code_lines(file) {
        let Some(path) = line.strip_prefix("use ") else {
            continue;
        };
        let path = path.trim_end_matches(';');
        let (head, group) = match path.split_once('{') {
            Some((h, g)) => (h.trim_end_matches("::"), Some(g.trim_end_matches('}'))),
            None => (path, None),
        };
        let mut parts: Vec<String> = head.split("::").map(str::to_string).collect();
        let mut resolved: Vec<String> = match parts.first().map(String::as_str) {
            Some("crate") => {
                parts.remove(0);
                Vec::new()
            }
            Some("super") => {
                // Each `super` is the parent of the module the file defines.
                let mut m = module.clone();
                while parts.first().is_some_and(|p| p == "super") {
                    parts.remove(0);
                    m.pop();
                }
                m
            }
            _ => continue,
        };
        resolved.extend(parts);
        if resolved.first().is_none_or(|p| p != "ui") {
            continue;
        }
        let targets: Vec<Vec<String>> = match group {
            Some(g) => g
                .split(',')
                .map(|item| {
                    let mut t = resolved.clone();
                    t.extend(item.trim().split("::").map(str::to_string));
                    t
                })
                .collect(),
            None => vec![resolved],
        };
        for mut t in targets {
            while !t.is_empty() {
                if let Some(f) = file_of(&t)
                    && f != file
                {
                    out.insert(f);
                    break;
                }
                t.pop();
            }
        }
    }
    out
}

#[test]
fn no_import_circles_among_window_files_and_only_the_app_uses_app() {
    let mut files = Vec::new();
    rust_files(&src().join("ui"), &mut files);
    let graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> =
        files.iter().map(|f| (f.clone(), ui_imports(f))).collect();
    let app_dir = src().join("ui").join("app");
    for (file, imports) in &graph {
        let is_app_own = file.starts_with(&app_dir) || *file == src().join("ui").join("mod.rs");
        if !is_app_own {
            assert!(
                !imports.iter().any(|i| i.starts_with(&app_dir)),
                "{} imports the App",
                file.display()
            );
        }
    }
    // Depth-first search for a cycle.
    fn visit(
        f: &PathBuf,
        graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        stack: &mut Vec<PathBuf>,
        done: &mut BTreeSet<PathBuf>,
    ) {
        if done.contains(f) {
            return;
        }
        if let Some(at) = stack.iter().position(|s| s == f) {
            let names: Vec<String> = stack[at..]
                .iter()
                .map(|p| p.strip_prefix(src()).unwrap().display().to_string())
                .collect();
            panic!("import circle: {}", names.join(" → "));
        }
        stack.push(f.clone());
        for next in graph.get(f).into_iter().flatten() {
            visit(next, graph, stack, done);
        }
        stack.pop();
        done.insert(f.clone());
    }
    let mut done = BTreeSet::new();
    for f in graph.keys() {
        visit(f, &graph, &mut Vec::new(), &mut done);
    }
    // The checker sees imports at all (it must be able to fail).
    let table = src().join("ui/panels/table.rs");
    assert!(graph[&table].contains(&src().join("ui/command.rs")));
}
