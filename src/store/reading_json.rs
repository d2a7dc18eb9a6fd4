//! The legacy reading-state file, `reading.json` in the data directory: reading positions now
//! live in the SQLite store ([`crate::store::Store`]), which imports this file once on its
//! first run and renames it `reading.json.imported`. Nothing writes it any more.
//!
//! [`Store`] is the reader's in-memory copy of the positions, by article key.

use std::collections::BTreeMap;

use crate::annotate::reading::ReadingState;

/// The file's name in the data directory.
pub const FILE_NAME: &str = "reading.json";

/// Reading states by article key (`file:/abs/path`, `bundled:name`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Store {
    pub articles: BTreeMap<String, ReadingState>,
}

impl Store {
    /// Merge `other` in: for each article, the state with the later visit (`other`'s on a
    /// tie: visits are in seconds, and two saves in one second keep the later one).
    pub fn merge(&mut self, other: Store) {
        for (k, v) in other.articles {
            match self.articles.get(&k) {
                Some(mine) if mine.visited > v.visited => {}
                _ => {
                    self.articles.insert(k, v);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(offset: usize, visited: u64) -> ReadingState {
        ReadingState {
            offset,
            quote: "Harbour dues rise".into(),
            section: "1.1-dues".into(),
            folded: vec!["2-dredging".into()],
            percent: 40,
            visited,
            target: None,
            marks: Default::default(),
        }
    }

    fn store(entries: &[(&str, ReadingState)]) -> Store {
        Store {
            articles: entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        }
    }

    #[test]
    fn merging_keeps_the_newer_visit_and_every_article() {
        let mut mine = store(&[("a", st(1, 10)), ("c", st(7, 30))]);
        mine.merge(store(&[
            ("a", st(99, 20)),
            ("b", st(5, 1)),
            ("c", st(2, 30)),
        ]));
        assert_eq!(mine.articles["a"].offset, 99);
        assert_eq!(mine.articles["b"].offset, 5);
        // A tie: the other's (the later save).
        assert_eq!(mine.articles["c"].offset, 2);
    }
}
