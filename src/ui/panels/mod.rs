//! The window's panels. Each reads the state it needs and returns [`Command`]s; none changes
//! the app's state itself (the one exception is a panel's own drafts, such as the editor's
//! half-typed URL).
//!
//! [`Command`]: crate::ui::command::Command

pub mod article_view;
pub mod claim_status;
pub mod earlier_checks;
pub mod editor;
pub mod menu_bar;
pub mod message_bar;
pub mod status_bar;
pub mod table;
pub mod welcome;

/// A text field that should take the keyboard focus this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Search,
    Note,
    NewSourceUrl,
}
