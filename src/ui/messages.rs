//! Problems the person must see, one line per kind: a second failed save replaces the first
//! instead of stacking, a successful save clears the save problem, and fifty repairs made while
//! loading are one line with the details on hover. Each line can be dismissed.

/// What a message is about; a new message of a kind replaces the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageKind {
    Open,
    Save,
    Export,
    Autosave,
    Edit,
    /// Repairs made while loading a project (spans moved back onto their text).
    Repairs,
    /// The claim library could not be opened or searched.
    Library,
    /// The project file changed, became unreadable or went away on disk.
    Disk,
    /// The project is open in another window, so this one does not change it.
    ReadOnly,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub kind: MessageKind,
    pub text: String,
    /// Longer detail, shown on hover (e.g. one line per repaired claim).
    pub detail: Option<String>,
}

#[derive(Debug, Default)]
pub struct Messages {
    items: Vec<Message>,
}

impl Messages {
    pub fn set(&mut self, kind: MessageKind, text: impl Into<String>) {
        self.set_with_detail(kind, text, None);
    }

    pub fn set_with_detail(
        &mut self,
        kind: MessageKind,
        text: impl Into<String>,
        detail: Option<String>,
    ) {
        let message = Message {
            kind,
            text: text.into(),
            detail,
        };
        match self.items.iter_mut().find(|m| m.kind == kind) {
            Some(m) => *m = message,
            None => self.items.push(message),
        }
    }

    /// The problem is resolved (or dismissed).
    pub fn clear(&mut self, kind: MessageKind) {
        self.items.retain(|m| m.kind != kind);
    }

    pub fn get(&self, kind: MessageKind) -> Option<&Message> {
        self.items.iter().find(|m| m.kind == kind)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Message> {
        self.items.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_kind_and_cleared_when_resolved() {
        let mut m = Messages::default();
        m.set(MessageKind::Save, "cannot save a");
        m.set(MessageKind::Save, "cannot save b");
        m.set(MessageKind::Open, "cannot open");
        assert_eq!(m.len(), 2);
        assert_eq!(m.get(MessageKind::Save).unwrap().text, "cannot save b");
        m.clear(MessageKind::Save);
        assert!(m.get(MessageKind::Save).is_none());
        assert_eq!(m.len(), 1);
    }
}
