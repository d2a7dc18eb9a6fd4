//! Reading positions in the store, and the one-time import of the old `reading.json`.

use super::*;

impl Store {
    // ---- reading positions ----

    /// The reading position saved for the article at `key`.
    pub fn reading_position(&self, key: &str) -> Result<Option<ReadingState>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT r.state FROM reading_positions r JOIN article_paths p \
                 ON p.article_id = r.article_id WHERE p.path = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()?;
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
    }

    /// Every reading position by key.
    pub fn reading_positions(&self) -> Result<BTreeMap<String, ReadingState>> {
        let mut st = self.conn.prepare(
            "SELECT p.path, r.state FROM reading_positions r JOIN article_paths p \
             ON p.article_id = r.article_id",
        )?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = BTreeMap::new();
        for row in rows {
            let (k, j) = row?;
            if let Ok(s) = serde_json::from_str(&j) {
                out.insert(k, s);
            }
        }
        Ok(out)
    }

    /// Save the reading position of the article at `key`; the newer visit wins over what
    /// another Tenor saved meanwhile. Returns whether it was written.
    pub fn save_reading_position(&self, key: &str, st: &ReadingState) -> Result<bool> {
        self.write(|tx| save_position_in(tx, key, st))
    }

    /// Save several reading positions in one transaction, then read every position back (what
    /// other Tenors saved included). The articles in `read_now` are stamped as read at `now`,
    /// later than the stored copy even when a clock went back or another machine's clock runs
    /// ahead; the others are saved only when newer than the stored copy.
    pub fn save_reading_positions(
        &self,
        items: &[(String, ReadingState)],
        read_now: &[String],
        now: u64,
    ) -> Result<BTreeMap<String, ReadingState>> {
        self.write(|tx| {
            for (key, st) in items {
                let mut st = st.clone();
                if read_now.contains(key) {
                    let article = article_id_in(tx, key, None)?;
                    let on_disk = visited_in(tx, &article)?;
                    let on_disk = on_disk.map_or(0, |v| u64::try_from(v).unwrap_or(0));
                    st.visited = now.max(on_disk.saturating_add(1));
                }
                save_position_in(tx, key, &st)?;
            }
            Ok(())
        })?;
        self.reading_positions()
    }

    // ---- reading.json ----

    /// Import `reading.json` once: its positions are merged (the newer visit wins) and the file
    /// renamed `reading.json.imported`, kept as it was.
    pub(super) fn import_reading_json(&self) -> Option<StoreWarning> {
        let from = self.data_dir.join(READING_JSON);
        if fs::symlink_metadata(&from).is_err() {
            return None;
        }
        let to = self.data_dir.join(format!("{READING_JSON}.imported"));
        let bytes = match fs::read(&from) {
            Ok(b) => b,
            Err(e) => {
                return Some(StoreWarning::ImportFailed {
                    from,
                    why: e.to_string(),
                });
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        let text = text.trim_start_matches('\u{feff}');
        #[derive(serde::Deserialize)]
        struct File {
            #[serde(default)]
            articles: BTreeMap<String, serde_json::Value>,
        }
        let file: File = match serde_json::from_str(text) {
            Ok(f) => f,
            Err(e) => {
                return Some(StoreWarning::ImportFailed {
                    from,
                    why: e.to_string(),
                });
            }
        };
        let states: Vec<(String, ReadingState)> = file
            .articles
            .into_iter()
            .filter_map(|(k, v)| serde_json::from_value(v).ok().map(|s| (k, s)))
            .collect();
        let count = states.len();
        let done = self.write(|tx| {
            for (k, s) in &states {
                save_position_in(tx, k, s)?;
            }
            Ok(())
        });
        if let Err(e) = done {
            return Some(StoreWarning::ImportFailed {
                from,
                why: e.to_string(),
            });
        }
        // Imported and committed: now the rename (a crash before it imports again, which
        // merges to the same positions).
        match fs::rename(&from, &to) {
            Ok(()) => Some(StoreWarning::Imported { from, to, count }),
            Err(e) => Some(StoreWarning::ImportFailed {
                from,
                why: format!("imported, but not renamed: {e}"),
            }),
        }
    }
}

/// When the article's stored reading position was last visited (`None`: it has none).
pub(super) fn visited_in(tx: &Connection, article: &str) -> Result<Option<i64>> {
    Ok(tx
        .query_row(
            "SELECT visited FROM reading_positions WHERE article_id = ?1",
            [article],
            |r| r.get(0),
        )
        .optional()?)
}

pub(super) fn save_position_in(tx: &Connection, key: &str, st: &ReadingState) -> Result<bool> {
    let article = article_id_in(tx, key, None)?;
    let on_disk = visited_in(tx, &article)?;
    if on_disk.is_some_and(|v| v > st.visited as i64) {
        return Ok(false);
    }
    let json = serde_json::to_string(st).map_err(|e| StoreError::Other(e.to_string()))?;
    tx.execute(
        "INSERT INTO reading_positions (article_id, state, visited) VALUES (?1, ?2, ?3) \
         ON CONFLICT(article_id) DO UPDATE SET state = ?2, visited = ?3",
        params![article, json, st.visited as i64],
    )?;
    Ok(true)
}
