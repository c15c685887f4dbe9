//! One table of commands: label, shortcuts and menu place. Menus, the shortcut help and key
//! handling all read it, so a shortcut shown is a shortcut that works.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    NewFromArticle,
    Open,
    Save,
    SaveAs,
    ExportReport,
    ProjectSettings,
    Quit,
    Undo,
    Redo,
    AddClaimFromSelection,
    DismissClaim,
    ToggleShowDismissed,
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
    /// Set the verdict with this hotkey (1–9).
    SetVerdict(u8),
}

/// A key, with modifiers or without. Plain keys never fire while a text field has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shortcut {
    pub modifiers: Modifiers,
    pub key: Key,
}

impl Shortcut {
    const fn plain(key: Key) -> Self {
        Shortcut {
            modifiers: Modifiers::NONE,
            key,
        }
    }
    const fn cmd(key: Key) -> Self {
        Shortcut {
            modifiers: Modifiers::COMMAND,
            key,
        }
    }
    const fn cmd_shift(key: Key) -> Self {
        Shortcut {
            modifiers: Modifiers {
                shift: true,
                ..Modifiers::COMMAND
            },
            key,
        }
    }

    /// Single keys (letters, digits, arrows) that would type into a text field.
    pub fn is_plain(&self) -> bool {
        self.modifiers.is_none()
    }

    pub fn keyboard_shortcut(&self) -> KeyboardShortcut {
        KeyboardShortcut::new(self.modifiers, self.key)
    }

    pub fn label(&self) -> String {
        let mut s = String::new();
        if self.modifiers.command || self.modifiers.ctrl {
            s.push_str("Ctrl+");
        }
        if self.modifiers.shift {
            s.push_str("Shift+");
        }
        if self.modifiers.alt {
            s.push_str("Alt+");
        }
        s.push_str(match self.key {
            Key::ArrowDown => "Down",
            Key::ArrowUp => "Up",
            Key::Enter => "Enter",
            Key::Escape => "Esc",
            Key::Slash => "/",
            Key::Questionmark => "?",
            Key::Plus => "+",
            Key::Minus => "-",
            other => other.name(),
        });
        s
    }
}

/// Where a command appears in the menu bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    View,
    Help,
    /// Keyboard only (navigation and verdict hotkeys).
    None,
}

pub struct CommandSpec {
    pub command: Command,
    pub label: &'static str,
    pub shortcuts: &'static [Shortcut],
    pub menu: Menu,
}

macro_rules! verdict_spec {
    ($n:literal, $key:expr) => {
        CommandSpec {
            command: Command::SetVerdict($n),
            label: "Set verdict",
            shortcuts: &[Shortcut::plain($key)],
            menu: Menu::None,
        }
    };
}

pub const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        command: Command::NewFromArticle,
        label: "New from article…",
        shortcuts: &[Shortcut::cmd(Key::N)],
        menu: Menu::File,
    },
    CommandSpec {
        command: Command::Open,
        label: "Open…",
        shortcuts: &[Shortcut::cmd(Key::O)],
        menu: Menu::File,
    },
    CommandSpec {
        command: Command::Save,
        label: "Save",
        shortcuts: &[Shortcut::cmd(Key::S)],
        menu: Menu::File,
    },
    CommandSpec {
        command: Command::SaveAs,
        label: "Save as…",
        shortcuts: &[Shortcut::cmd_shift(Key::S)],
        menu: Menu::File,
    },
    CommandSpec {
        command: Command::ExportReport,
        label: "Export report…",
        shortcuts: &[Shortcut::cmd(Key::E)],
        menu: Menu::File,
    },
    CommandSpec {
        command: Command::ProjectSettings,
        label: "Project settings…",
        shortcuts: &[],
        menu: Menu::File,
    },
    CommandSpec {
        command: Command::Quit,
        label: "Quit",
        shortcuts: &[Shortcut::cmd(Key::Q)],
        menu: Menu::File,
    },
    CommandSpec {
        command: Command::Undo,
        label: "Undo",
        shortcuts: &[Shortcut::cmd(Key::Z)],
        menu: Menu::Edit,
    },
    CommandSpec {
        command: Command::Redo,
        label: "Redo",
        shortcuts: &[Shortcut::cmd_shift(Key::Z), Shortcut::cmd(Key::Y)],
        menu: Menu::Edit,
    },
    CommandSpec {
        command: Command::AddClaimFromSelection,
        label: "Add claim from selection",
        shortcuts: &[Shortcut::cmd(Key::D)],
        menu: Menu::Edit,
    },
    CommandSpec {
        command: Command::DismissClaim,
        label: "Dismiss / restore claim",
        shortcuts: &[Shortcut::plain(Key::X)],
        menu: Menu::Edit,
    },
    CommandSpec {
        command: Command::ToggleShowDismissed,
        label: "Show dismissed claims",
        shortcuts: &[],
        menu: Menu::View,
    },
    CommandSpec {
        command: Command::ToggleTheme,
        label: "Dark / light theme",
        shortcuts: &[],
        menu: Menu::View,
    },
    CommandSpec {
        command: Command::ZoomIn,
        label: "Larger text",
        shortcuts: &[Shortcut::cmd(Key::Plus), Shortcut::cmd(Key::Equals)],
        menu: Menu::View,
    },
    CommandSpec {
        command: Command::ZoomOut,
        label: "Smaller text",
        shortcuts: &[Shortcut::cmd(Key::Minus)],
        menu: Menu::View,
    },
    CommandSpec {
        command: Command::ShowShortcuts,
        label: "Keyboard shortcuts",
        shortcuts: &[Shortcut::plain(Key::Questionmark), Shortcut::plain(Key::F1)],
        menu: Menu::Help,
    },
    CommandSpec {
        command: Command::NextClaim,
        label: "Next claim",
        shortcuts: &[Shortcut::plain(Key::J), Shortcut::plain(Key::ArrowDown)],
        menu: Menu::None,
    },
    CommandSpec {
        command: Command::PreviousClaim,
        label: "Previous claim",
        shortcuts: &[Shortcut::plain(Key::K), Shortcut::plain(Key::ArrowUp)],
        menu: Menu::None,
    },
    CommandSpec {
        command: Command::NextUnreviewed,
        label: "Next unreviewed claim",
        shortcuts: &[Shortcut::plain(Key::Enter)],
        menu: Menu::None,
    },
    CommandSpec {
        command: Command::FocusSearch,
        label: "Search claims",
        shortcuts: &[Shortcut::plain(Key::Slash), Shortcut::cmd(Key::F)],
        menu: Menu::None,
    },
    CommandSpec {
        command: Command::FocusNote,
        label: "Edit the note",
        shortcuts: &[Shortcut::plain(Key::N)],
        menu: Menu::None,
    },
    CommandSpec {
        command: Command::FocusNewSource,
        label: "Add a source URL",
        shortcuts: &[Shortcut::plain(Key::U)],
        menu: Menu::None,
    },
    CommandSpec {
        command: Command::LeaveField,
        label: "Leave the text field",
        shortcuts: &[Shortcut::plain(Key::Escape)],
        menu: Menu::None,
    },
    verdict_spec!(1, Key::Num1),
    verdict_spec!(2, Key::Num2),
    verdict_spec!(3, Key::Num3),
    verdict_spec!(4, Key::Num4),
    verdict_spec!(5, Key::Num5),
    verdict_spec!(6, Key::Num6),
    verdict_spec!(7, Key::Num7),
    verdict_spec!(8, Key::Num8),
    verdict_spec!(9, Key::Num9),
];

pub fn spec(command: Command) -> &'static CommandSpec {
    COMMANDS
        .iter()
        .find(|s| s.command == command)
        .expect("every command is in the table")
}

/// The first shortcut of a command, as shown in menus.
pub fn shortcut_label(command: Command) -> Option<String> {
    spec(command).shortcuts.first().map(Shortcut::label)
}

/// Consumes the key presses of this frame that match a command. Plain-key shortcuts are
/// skipped while a text field has focus (Esc excepted: it leaves the field).
pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
    let typing = ctx.text_edit_focused();
    let mut out = Vec::new();
    ctx.input_mut(|input| {
        // Longer modifier sets first, so Ctrl+Shift+S is not read as Ctrl+S.
        let mut all: Vec<(&CommandSpec, &Shortcut)> = COMMANDS
            .iter()
            .flat_map(|s| s.shortcuts.iter().map(move |k| (s, k)))
            .collect();
        all.sort_by_key(|(_, k)| {
            std::cmp::Reverse(u8::from(k.modifiers.shift) + u8::from(k.modifiers.alt))
        });
        for (spec, key) in all {
            if key.is_plain() && typing && key.key != Key::Escape {
                continue;
            }
            let hit = if key.is_plain() {
                input.consume_key(Modifiers::NONE, key.key)
            } else {
                input.consume_shortcut(&key.keyboard_shortcut())
            };
            if hit {
                out.push(spec.command);
            }
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: Vec<(Shortcut, &str)> = Vec::new();
        for spec in COMMANDS {
            for k in spec.shortcuts {
                if let Some((_, other)) = seen.iter().find(|(s, _)| s == k) {
                    panic!(
                        "{} is bound to both {other:?} and {:?}",
                        k.label(),
                        spec.label
                    );
                }
                seen.push((*k, spec.label));
            }
        }
        assert!(seen.len() > 30);
    }

    #[test]
    fn every_command_has_a_spec() {
        for n in 1..=9 {
            assert_eq!(
                spec(Command::SetVerdict(n)).shortcuts[0].label(),
                n.to_string()
            );
        }
        assert_eq!(
            shortcut_label(Command::SaveAs).as_deref(),
            Some("Ctrl+Shift+S")
        );
    }
}
