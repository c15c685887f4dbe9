//! The command table: every command a person can give from a menu or the keyboard, with its
//! label, shortcuts and menu place. Menus, the shortcut help, the hints in text fields and key
//! handling all read it, so a shortcut shown is a shortcut that works (after rerun's `re_ui`
//! `UICommand`). Labels use egui's `format_shortcut`, so they read "Ctrl+S" on Linux and
//! Windows and "⌘S" on macOS.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiCommand {
    NewFromArticle,
    Open,
    Save,
    SaveAs,
    ExportReport,
    UpdateArticle,
    ProjectSettings,
    Quit,
    Undo,
    Redo,
    AddClaimFromSelection,
    DismissClaim,
    ReuseMatch,
    ToggleAddToLibrary,
    ToggleShowDismissed,
    DocumentOrder,
    ToggleTheme,
    ZoomIn,
    ZoomOut,
    ShowShortcuts,
    NextClaim,
    PreviousClaim,
    NextUnreviewed,
    FocusSearch,
    FocusNote,
    FocusNewSource,
    LeaveField,
    /// Set the verdict with this hotkey (1–9): the project's scale says which verdict.
    SetVerdict(u8),
}

/// Where a command appears in the menu bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    View,
    Help,
    /// Keyboard only (navigation, fields, verdict hotkeys): listed in the shortcut help.
    KeyboardOnly,
}

impl Menu {
    pub const BAR: [(Menu, &'static str); 4] = [
        (Menu::File, "File"),
        (Menu::Edit, "Edit"),
        (Menu::View, "View"),
        (Menu::Help, "Help"),
    ];
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        },
        key,
    )
}

const DIGITS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

impl UiCommand {
    /// Every command, in menu and help order.
    pub const ALL: [UiCommand; 36] = [
        UiCommand::NewFromArticle,
        UiCommand::Open,
        UiCommand::Save,
        UiCommand::SaveAs,
        UiCommand::ExportReport,
        UiCommand::UpdateArticle,
        UiCommand::ProjectSettings,
        UiCommand::Quit,
        UiCommand::Undo,
        UiCommand::Redo,
        UiCommand::AddClaimFromSelection,
        UiCommand::DismissClaim,
        UiCommand::ReuseMatch,
        UiCommand::ToggleAddToLibrary,
        UiCommand::ToggleShowDismissed,
        UiCommand::DocumentOrder,
        UiCommand::ToggleTheme,
        UiCommand::ZoomIn,
        UiCommand::ZoomOut,
        UiCommand::ShowShortcuts,
        UiCommand::NextClaim,
        UiCommand::PreviousClaim,
        UiCommand::NextUnreviewed,
        UiCommand::FocusSearch,
        UiCommand::FocusNote,
        UiCommand::FocusNewSource,
        UiCommand::LeaveField,
        UiCommand::SetVerdict(1),
        UiCommand::SetVerdict(2),
        UiCommand::SetVerdict(3),
        UiCommand::SetVerdict(4),
        UiCommand::SetVerdict(5),
        UiCommand::SetVerdict(6),
        UiCommand::SetVerdict(7),
        UiCommand::SetVerdict(8),
        UiCommand::SetVerdict(9),
    ];

    pub fn label(self) -> &'static str {
        match self {
            UiCommand::NewFromArticle => "New from article…",
            UiCommand::Open => "Open…",
            UiCommand::Save => "Save",
            UiCommand::SaveAs => "Save as…",
            UiCommand::ExportReport => "Export report…",
            UiCommand::UpdateArticle => "Update article…",
            UiCommand::ProjectSettings => "Project settings…",
            UiCommand::Quit => "Quit",
            UiCommand::Undo => "Undo",
            UiCommand::Redo => "Redo",
            UiCommand::AddClaimFromSelection => "Add claim from selection",
            UiCommand::DismissClaim => "Dismiss / restore claim",
            UiCommand::ReuseMatch => "Reuse the best earlier check",
            UiCommand::ToggleAddToLibrary => "Add saved work to the claim library",
            UiCommand::ToggleShowDismissed => "Show dismissed claims",
            UiCommand::DocumentOrder => "Document order",
            UiCommand::ToggleTheme => "Dark / light theme",
            UiCommand::ZoomIn => "Larger text",
            UiCommand::ZoomOut => "Smaller text",
            UiCommand::ShowShortcuts => "Keyboard shortcuts",
            UiCommand::NextClaim => "Next claim",
            UiCommand::PreviousClaim => "Previous claim",
            UiCommand::NextUnreviewed => "Next unreviewed claim",
            UiCommand::FocusSearch => "Search claims",
            UiCommand::FocusNote => "Edit the note",
            UiCommand::FocusNewSource => "Add a source URL",
            UiCommand::LeaveField => "Leave the text field or dialog",
            UiCommand::SetVerdict(_) => "Set the verdict",
        }
    }

    /// The keys that run the command; the first is the one menus show.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            UiCommand::NewFromArticle => const { &[cmd(Key::N)] },
            UiCommand::Open => const { &[cmd(Key::O)] },
            UiCommand::Save => const { &[cmd(Key::S)] },
            UiCommand::SaveAs => const { &[cmd_shift(Key::S)] },
            UiCommand::ExportReport => const { &[cmd(Key::E)] },
            UiCommand::Quit => const { &[cmd(Key::Q)] },
            UiCommand::Undo => const { &[cmd(Key::Z)] },
            UiCommand::Redo => const { &[cmd_shift(Key::Z), cmd(Key::Y)] },
            UiCommand::AddClaimFromSelection => const { &[cmd(Key::D)] },
            UiCommand::DismissClaim => const { &[plain(Key::X)] },
            UiCommand::ReuseMatch => const { &[plain(Key::R)] },
            UiCommand::ZoomIn => const { &[cmd(Key::Plus), cmd(Key::Equals)] },
            UiCommand::ZoomOut => const { &[cmd(Key::Minus)] },
            UiCommand::ShowShortcuts => const { &[plain(Key::Questionmark), plain(Key::F1)] },
            UiCommand::NextClaim => const { &[plain(Key::J), plain(Key::ArrowDown)] },
            UiCommand::PreviousClaim => const { &[plain(Key::K), plain(Key::ArrowUp)] },
            UiCommand::NextUnreviewed => const { &[plain(Key::Enter)] },
            UiCommand::FocusSearch => const { &[plain(Key::Slash), cmd(Key::F)] },
            UiCommand::FocusNote => const { &[plain(Key::N)] },
            UiCommand::FocusNewSource => const { &[plain(Key::U)] },
            UiCommand::LeaveField => const { &[plain(Key::Escape)] },
            UiCommand::SetVerdict(n) => match n {
                1..=9 => std::slice::from_ref(&DIGIT_SHORTCUTS[usize::from(n - 1)]),
                _ => const { &[] },
            },
            UiCommand::ProjectSettings
            | UiCommand::ToggleAddToLibrary
            | UiCommand::UpdateArticle
            | UiCommand::ToggleShowDismissed
            | UiCommand::DocumentOrder
            | UiCommand::ToggleTheme => const { &[] },
        }
    }

    pub fn menu(self) -> Menu {
        match self {
            UiCommand::NewFromArticle
            | UiCommand::Open
            | UiCommand::Save
            | UiCommand::SaveAs
            | UiCommand::ExportReport
            | UiCommand::UpdateArticle
            | UiCommand::ProjectSettings
            | UiCommand::ToggleAddToLibrary
            | UiCommand::Quit => Menu::File,
            UiCommand::Undo
            | UiCommand::Redo
            | UiCommand::AddClaimFromSelection
            | UiCommand::DismissClaim
            | UiCommand::ReuseMatch => Menu::Edit,
            UiCommand::ToggleShowDismissed
            | UiCommand::DocumentOrder
            | UiCommand::ToggleTheme
            | UiCommand::ZoomIn
            | UiCommand::ZoomOut => Menu::View,
            UiCommand::ShowShortcuts => Menu::Help,
            UiCommand::NextClaim
            | UiCommand::PreviousClaim
            | UiCommand::NextUnreviewed
            | UiCommand::FocusSearch
            | UiCommand::FocusNote
            | UiCommand::FocusNewSource
            | UiCommand::LeaveField
            | UiCommand::SetVerdict(_) => Menu::KeyboardOnly,
        }
    }

    /// The first shortcut as the platform writes it ("Ctrl+S", "⌘S"), for menus and hints.
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.shortcuts().first().map(|k| format_shortcut(ctx, k))
    }

    /// All shortcuts, for the help ("J  or  Down").
    pub fn all_shortcuts_text(self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .iter()
            .map(|k| format_shortcut(ctx, k))
            .collect::<Vec<_>>()
            .join("  or  ")
    }

    /// A hint for a text field's placeholder: "(U)", built from the table.
    pub fn hint(self, ctx: &egui::Context) -> String {
        self.shortcut_text(ctx)
            .map(|k| format!("({k})"))
            .unwrap_or_default()
    }

    /// A key without modifiers would type into a text field; it only fires outside one.
    fn is_plain(shortcut: &KeyboardShortcut) -> bool {
        shortcut.modifiers.is_none()
    }
}

/// egui's `format_shortcut` (platform modifiers: "Ctrl+" or "⌘"), with punctuation keys as
/// their symbol: "?" and "/" rather than "Questionmark" and "Slash".
pub fn format_shortcut(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    let text = ctx.format_shortcut(shortcut);
    let key = shortcut.logical_key;
    let symbol = key.symbol_or_name();
    match text.strip_suffix(key.name()) {
        Some(mods) if symbol.len() == 1 && symbol.chars().all(|c| c.is_ascii_punctuation()) => {
            format!("{mods}{symbol}")
        }
        _ => text,
    }
}

static DIGIT_SHORTCUTS: [KeyboardShortcut; 9] = {
    let mut out = [plain(Key::Num1); 9];
    let mut i = 0;
    while i < 9 {
        out[i] = plain(DIGITS[i]);
        i += 1;
    }
    out
};

/// Consumes this frame's key presses that match a command. Plain-key shortcuts are skipped
/// while a text field has focus (Esc excepted: it leaves the field).
pub fn pressed(ctx: &egui::Context) -> Vec<UiCommand> {
    let typing = ctx.text_edit_focused();
    let mut bindings: Vec<(UiCommand, KeyboardShortcut)> = UiCommand::ALL
        .iter()
        .flat_map(|c| c.shortcuts().iter().map(move |k| (*c, *k)))
        .collect();
    // More modifiers first, so Ctrl+Shift+S is not read as Ctrl+S.
    bindings.sort_by_key(|(_, k)| {
        std::cmp::Reverse(u8::from(k.modifiers.shift) + u8::from(k.modifiers.alt))
    });
    let mut out = Vec::new();
    ctx.input_mut(|input| {
        for (command, key) in bindings {
            let plain = UiCommand::is_plain(&key);
            if plain && typing && key.logical_key != Key::Escape {
                continue;
            }
            // Several presses in one slow frame are several commands (j j j moves three rows).
            let times = if plain {
                input.count_and_consume_key(Modifiers::NONE, key.logical_key)
            } else {
                usize::from(input.consume_shortcut(&key))
            };
            out.extend(std::iter::repeat_n(command, times));
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_label_and_a_way_to_reach_it() {
        for c in UiCommand::ALL {
            assert!(!c.label().is_empty(), "{c:?} has no label");
            assert!(
                c.menu() != Menu::KeyboardOnly || !c.shortcuts().is_empty(),
                "{c:?} is in no menu and has no key: nobody can reach it"
            );
        }
    }

    #[test]
    fn no_two_commands_share_a_key() {
        let mut seen: Vec<(KeyboardShortcut, UiCommand)> = Vec::new();
        for c in UiCommand::ALL {
            for k in c.shortcuts() {
                if let Some((_, other)) = seen.iter().find(|(s, _)| s == k) {
                    panic!("{k:?} is bound to both {other:?} and {c:?}");
                }
                seen.push((*k, c));
            }
        }
        assert!(seen.len() > 30);
    }

    #[test]
    fn all_lists_every_command_once() {
        let mut seen = std::collections::HashSet::new();
        for c in UiCommand::ALL {
            assert!(seen.insert(c), "{c:?} listed twice");
        }
        // Each verdict digit has its key.
        for n in 1..=9u8 {
            assert_eq!(
                UiCommand::SetVerdict(n).shortcuts()[0].logical_key,
                DIGITS[usize::from(n - 1)]
            );
        }
    }

    #[test]
    fn labels_are_platform_formatted() {
        let ctx = egui::Context::default();
        assert_eq!(
            UiCommand::SaveAs.shortcut_text(&ctx).as_deref(),
            Some("Ctrl+Shift+S")
        );
        assert_eq!(UiCommand::FocusNewSource.hint(&ctx), "(U)");
        assert_eq!(
            UiCommand::ShowShortcuts.all_shortcuts_text(&ctx),
            "?  or  F1"
        );
        assert_eq!(UiCommand::FocusSearch.hint(&ctx), "(/)");
        assert_eq!(
            UiCommand::Redo.shortcut_text(&ctx).as_deref(),
            Some("Ctrl+Shift+Z")
        );
        assert_eq!(UiCommand::ProjectSettings.hint(&ctx), "");
    }
}
