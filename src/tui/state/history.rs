//! The search history: `↑`/`↓` in the search prompt, kept between runs (the runtime loads and
//! saves it as the `search_history` file in the data directory).

/// Entries kept (the oldest go first).
pub const MAX_ENTRIES: usize = 100;
/// Longer entries are not kept (a pasted page is not a search to recall).
pub const MAX_ENTRY_BYTES: usize = 1000;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SearchHistory {
    /// Oldest first; no duplicates, no empty entries, none with a line break.
    pub entries: Vec<String>,
    /// While browsing with `↑`/`↓`: the entry shown, and what was typed before browsing.
    browsing: Option<(usize, String)>,
}

fn keepable(q: &str) -> bool {
    !q.is_empty() && q.len() <= MAX_ENTRY_BYTES && !q.contains(['\n', '\r'])
}

impl SearchHistory {
    /// A history from the saved file's text (one entry a line; bad lines are skipped).
    pub fn parse(text: &str) -> SearchHistory {
        let mut h = SearchHistory::default();
        for line in text.lines() {
            h.push(line);
        }
        h
    }

    /// The file's text.
    pub fn to_text(&self) -> String {
        self.entries.iter().map(|e| format!("{e}\n")).collect()
    }

    /// Remember a search (moving it to the newest place if it was there already).
    pub fn push(&mut self, q: &str) {
        self.browsing = None;
        if !keepable(q) {
            return;
        }
        self.entries.retain(|e| e != q);
        self.entries.push(q.to_string());
        if self.entries.len() > MAX_ENTRIES {
            let extra = self.entries.len() - MAX_ENTRIES;
            self.entries.drain(..extra);
        }
    }

    /// A new prompt: stop browsing.
    pub fn reset(&mut self) {
        self.browsing = None;
    }

    /// `↑`: the next older entry (the typed text is kept to come back to); None at the oldest.
    pub fn older(&mut self, typed: &str) -> Option<String> {
        let at = match &self.browsing {
            Some((i, _)) => i.checked_sub(1)?,
            None => self.entries.len().checked_sub(1)?,
        };
        let draft = match self.browsing.take() {
            Some((_, d)) => d,
            None => typed.to_string(),
        };
        self.browsing = Some((at, draft));
        Some(self.entries[at].clone())
    }

    /// `↓`: the next newer entry, or what was typed before browsing; None when not browsing.
    pub fn newer(&mut self) -> Option<String> {
        let (i, draft) = self.browsing.take()?;
        if i + 1 < self.entries.len() {
            self.browsing = Some((i + 1, draft));
            Some(self.entries[i + 1].clone())
        } else {
            Some(draft)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browse_and_come_back_to_the_draft() {
        let mut h = SearchHistory::parse("quota\ntariff\n\nquota\n");
        assert_eq!(h.entries, ["tariff", "quota"]);
        assert_eq!(h.older("fer").as_deref(), Some("quota"));
        assert_eq!(h.older("").as_deref(), Some("tariff"));
        assert_eq!(h.older(""), None);
        assert_eq!(h.newer().as_deref(), Some("quota"));
        assert_eq!(h.newer().as_deref(), Some("fer"));
        assert_eq!(h.newer(), None);
    }

    #[test]
    fn bounded_and_one_line_each() {
        let mut h = SearchHistory::default();
        for i in 0..250 {
            h.push(&format!("q{i}"));
        }
        h.push("two\nlines");
        h.push(&"x".repeat(MAX_ENTRY_BYTES + 1));
        assert_eq!(h.entries.len(), MAX_ENTRIES);
        assert_eq!(h.entries[0], "q150");
        assert_eq!(SearchHistory::parse(&h.to_text()), h);
    }
}
