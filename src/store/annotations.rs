//! The store's annotations: read, saved, deleted (a tombstone), and anchored in an article's
//! text, with the texts last seen kept to map offsets through an edit.

use super::*;

impl Store {
    // ---- annotations ----

    /// The article's annotations, deleted ones excluded, in creation order.
    pub fn annotations(&self, article: &str) -> Result<Vec<Annotation>> {
        self.query_annotations(
            &format!("{SELECT} WHERE article_id = ?1 AND deleted IS NULL ORDER BY id"),
            [article],
        )
    }

    /// Every annotation of every article; tombstones too when `deleted`.
    pub fn all_annotations(&self, deleted: bool) -> Result<Vec<Annotation>> {
        let sql = if deleted {
            format!("{SELECT} ORDER BY article_id, id")
        } else {
            format!("{SELECT} WHERE deleted IS NULL ORDER BY article_id, id")
        };
        self.query_annotations(&sql, [])
    }

    /// One annotation by id (a tombstone too).
    pub fn annotation(&self, id: &str) -> Result<Option<Annotation>> {
        Ok(self
            .query_annotations(&format!("{SELECT} WHERE id = ?1"), [id])?
            .pop())
    }

    pub(super) fn query_annotations<P: rusqlite::Params>(
        &self,
        sql: &str,
        p: P,
    ) -> Result<Vec<Annotation>> {
        let mut st = self.conn.prepare_cached(sql)?;
        let rows = st.query_map(p, row_to_annotation)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Save (insert or replace) one annotation; returns after the commit.
    pub fn save(&self, a: &Annotation) -> Result<()> {
        self.write(|tx| upsert(tx, a))
    }

    /// Save many annotations in one transaction: all or nothing.
    pub fn save_all(&self, list: &[Annotation]) -> Result<()> {
        self.write(|tx| {
            for a in list {
                upsert(tx, a)?;
            }
            Ok(())
        })
    }

    /// Delete softly: the annotation stays as a tombstone. Returns whether it was live.
    pub fn delete(&self, id: &str) -> Result<bool> {
        self.write(|tx| {
            let now = now_utc();
            let n = tx.execute(
                "UPDATE annotations SET deleted = ?2, modified = ?2 WHERE id = ?1 AND deleted IS NULL",
                params![id, now],
            )?;
            Ok(n > 0)
        })
    }

    /// Bring a tombstone back (undo of a delete). Returns whether it was deleted.
    pub fn undelete(&self, id: &str) -> Result<bool> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE annotations SET deleted = NULL, modified = ?2 WHERE id = ?1 AND deleted IS NOT NULL",
                params![id, now_utc()],
            )?;
            Ok(n > 0)
        })
    }

    // ---- texts and anchoring ----

    /// Keep `text` (compressed) as the article's text last seen, unless it is kept already.
    pub fn remember_text(&self, article: &str, text: &str, fp: &str) -> Result<()> {
        if self.read_only.is_some() {
            return Ok(());
        }
        let known: Option<i64> = self
            .conn
            .query_row(
                "SELECT 1 FROM article_texts WHERE article_id = ?1 AND fingerprint = ?2",
                params![article, fp],
                |r| r.get(0),
            )
            .optional()?;
        if known.is_some() {
            return Ok(());
        }
        let now = now_utc();
        let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 1);
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO article_texts (article_id, fingerprint, text, seen) \
                 VALUES (?1, ?2, ?3, ?4)",
                params![article, fp, packed, now],
            )?;
            tx.execute(
                "DELETE FROM article_texts WHERE article_id = ?1 AND fingerprint NOT IN \
                 (SELECT fingerprint FROM article_texts WHERE article_id = ?1 \
                  ORDER BY seen DESC LIMIT ?2)",
                params![article, KEEP_TEXTS as i64],
            )?;
            Ok(())
        })
    }

    /// The article's text with fingerprint `fp`, if kept.
    pub fn text(&self, article: &str, fp: &str) -> Result<Option<String>> {
        let blob: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT text FROM article_texts WHERE article_id = ?1 AND fingerprint = ?2",
                params![article, fp],
                |r| r.get(0),
            )
            .optional()?;
        Ok(blob.and_then(|b| {
            let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(&b, 1 << 30).ok()?;
            String::from_utf8(raw).ok()
        }))
    }

    /// Where the article's annotations are in `text` (its canonical text), for drawing them:
    /// the lean path for opening an article. When every target was made on this very text (same
    /// fingerprint) only ids, offsets, colours and statuses are read; otherwise the article is
    /// re-anchored by [`Store::anchor_article`] (which saves what moved).
    pub fn placements(&self, article: &str, text: &str) -> Result<Vec<Placement>> {
        let fp = fingerprint(text);
        let mut st = self.conn.prepare_cached(
            "SELECT id, start, end_, status, color, note <> '', fingerprint = ?2 FROM annotations \
             WHERE article_id = ?1 AND deleted IS NULL ORDER BY id",
        )?;
        let offsets = crate::annotate::anchor::Offsets::new(text);
        let mut out = Vec::new();
        let mut rows = st.query(params![article, fp])?;
        while let Some(r) = rows.next()? {
            if !r.get::<_, bool>(6)? {
                drop(rows);
                return Ok(self
                    .anchor_article(article, text)?
                    .into_iter()
                    .map(|(a, at)| Placement {
                        id: a.id,
                        range: at.range,
                        status: at.status,
                        color: a.color,
                        has_note: !a.note.is_empty(),
                    })
                    .collect());
            }
            let status =
                Status::parse(r.get_ref(3)?.as_str().unwrap_or("")).unwrap_or(Status::NeedsReview);
            let (s, e) = (
                r.get::<_, i64>(1)?.max(0) as usize,
                r.get::<_, i64>(2)?.max(0) as usize,
            );
            let range = matches!(status, Status::Anchored | Status::Fuzzy).then(|| {
                let bs = offsets.byte_of(text, s);
                bs..offsets.byte_of(text, e.max(s)).max(bs)
            });
            out.push(Placement {
                id: r.get(0)?,
                range,
                status,
                color: Color::parse(r.get_ref(4)?.as_str().unwrap_or("")).unwrap_or_default(),
                has_note: r.get(5)?,
            });
        }
        Ok(out)
    }

    /// The article's annotations anchored in `text` (its canonical text): each with where it
    /// is now. Targets that moved or changed status are saved (when the store is writable),
    /// and `text` is kept as the text last seen. The fast path (text unchanged) reads only.
    pub fn anchor_article(&self, article: &str, text: &str) -> Result<Vec<(Annotation, Anchored)>> {
        self.anchor_article_with(article, text, &fingerprint(text))
    }

    /// [`Store::anchor_article`] with the text's fingerprint `fp` computed already.
    pub fn anchor_article_with(
        &self,
        article: &str,
        text: &str,
        fp: &str,
    ) -> Result<Vec<(Annotation, Anchored)>> {
        let fp = fp.to_string();
        let list = self.annotations(article)?;
        if list.iter().all(|a| a.target.fingerprint == fp) {
            let r = Reanchorer::with_fingerprint(text, fp.clone(), None);
            let out: Vec<_> = list
                .into_iter()
                .map(|a| {
                    let at = r.anchor(&a.target);
                    (a, at)
                })
                .collect();
            if out.iter().all(|(_, at)| at.status == Status::Anchored) {
                if !out.is_empty() {
                    self.remember_text(article, text, &fp)?;
                }
                return Ok(out);
            }
            return self.update_targets(article, text, &fp, out, &r);
        }
        // Targets made on other texts: map each through its own old text when kept.
        let mut olds: BTreeMap<String, Option<String>> = BTreeMap::new();
        for a in &list {
            if a.target.fingerprint != fp && !olds.contains_key(&a.target.fingerprint) {
                let t = self.text(article, &a.target.fingerprint)?;
                olds.insert(a.target.fingerprint.clone(), t);
            }
        }
        let plain = Reanchorer::with_fingerprint(text, fp.clone(), None);
        let mappers: BTreeMap<&str, Reanchorer<'_>> = olds
            .iter()
            .filter_map(|(k, v)| {
                v.as_deref().map(|o| {
                    (
                        k.as_str(),
                        Reanchorer::with_fingerprint(text, fp.clone(), Some(o)),
                    )
                })
            })
            .collect();
        let out: Vec<_> = list
            .into_iter()
            .map(|a| {
                let r = mappers.get(a.target.fingerprint.as_str()).unwrap_or(&plain);
                let at = r.anchor(&a.target);
                (a, at)
            })
            .collect();
        self.update_targets(article, text, &fp, out, &plain)
    }

    pub(super) fn update_targets(
        &self,
        article: &str,
        text: &str,
        fp: &str,
        mut out: Vec<(Annotation, Anchored)>,
        r: &Reanchorer<'_>,
    ) -> Result<Vec<(Annotation, Anchored)>> {
        let mut changed = Vec::new();
        for (a, at) in &mut out {
            let t = r.retarget(&a.target, at);
            if t != a.target {
                a.target = t;
                changed.push(a.clone());
            }
        }
        if self.read_only.is_none() {
            // Changed targets are saved as they are found; their modified time stays (the
            // note was not edited).
            self.write(|tx| {
                for a in &changed {
                    update_target(tx, a)?;
                }
                Ok(())
            })?;
            self.remember_text(article, text, fp)?;
        }
        Ok(out)
    }
}

pub(super) const SELECT: &str = "SELECT id, article_id, created, modified, motivation, note, color, tags, \
    quote, prefix, suffix, start, end_, fingerprint, status, \
    o_quote, o_prefix, o_suffix, o_start, o_end, o_fingerprint, o_status, deleted FROM annotations";

pub(super) fn row_to_annotation(r: &rusqlite::Row<'_>) -> rusqlite::Result<Annotation> {
    let target = |i: usize| -> rusqlite::Result<Target> {
        Ok(Target {
            quote: r.get(i)?,
            prefix: r.get(i + 1)?,
            suffix: r.get(i + 2)?,
            start: r.get::<_, i64>(i + 3)?.max(0) as usize,
            end: r.get::<_, i64>(i + 4)?.max(0) as usize,
            fingerprint: r.get(i + 5)?,
            status: Status::parse(r.get_ref(i + 6)?.as_str()?).unwrap_or(Status::NeedsReview),
        })
    };
    let tags = r.get_ref(7)?.as_str()?;
    let current = target(8)?;
    // NULL: the original target is the current one.
    let original = match r.get_ref(15)? {
        rusqlite::types::ValueRef::Null => current.clone(),
        _ => target(15)?,
    };
    Ok(Annotation {
        id: r.get(0)?,
        article: r.get(1)?,
        created: r.get(2)?,
        modified: r.get(3)?,
        motivation: Motivation::parse(r.get_ref(4)?.as_str()?).unwrap_or_default(),
        note: r.get(5)?,
        color: Color::parse(r.get_ref(6)?.as_str()?).unwrap_or_default(),
        tags: split_tags(tags),
        target: current,
        original,
        deleted: r.get(22)?,
    })
}

/// Tags are kept one a line.
pub(super) fn split_tags(s: &str) -> Vec<String> {
    s.split('\n')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

pub(super) fn upsert(tx: &Connection, a: &Annotation) -> Result<()> {
    // The article must exist (a foreign key): an annotation of an unknown article is refused.
    let t = &a.target;
    // The original is stored only once it differs from the current target.
    let o = (a.original != a.target).then_some(&a.original);
    let tags: Vec<&str> = a
        .tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty() && !t.contains('\n'))
        .collect();
    tx.prepare_cached(
        "INSERT INTO annotations (id, article_id, created, modified, motivation, note, color, \
         tags, quote, prefix, suffix, start, end_, fingerprint, status, o_quote, o_prefix, \
         o_suffix, o_start, o_end, o_fingerprint, o_status, deleted) VALUES (?1, ?2, ?3, ?4, \
         ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23) \
         ON CONFLICT(id) DO UPDATE SET article_id = ?2, created = ?3, modified = ?4, \
         motivation = ?5, note = ?6, color = ?7, tags = ?8, quote = ?9, prefix = ?10, \
         suffix = ?11, start = ?12, end_ = ?13, fingerprint = ?14, status = ?15, o_quote = ?16, \
         o_prefix = ?17, o_suffix = ?18, o_start = ?19, o_end = ?20, o_fingerprint = ?21, \
         o_status = ?22, deleted = ?23",
    )?
    .execute(params![
        a.id,
        a.article,
        a.created,
        a.modified,
        a.motivation.as_str(),
        a.note,
        a.color.as_str(),
        tags.join("\n"),
        t.quote,
        t.prefix,
        t.suffix,
        t.start as i64,
        t.end as i64,
        t.fingerprint,
        t.status.as_str(),
        o.map(|o| &o.quote),
        o.map(|o| &o.prefix),
        o.map(|o| &o.suffix),
        o.map(|o| o.start as i64),
        o.map(|o| o.end as i64),
        o.map(|o| &o.fingerprint),
        o.map(|o| o.status.as_str()),
        a.deleted,
    ])?;
    Ok(())
}

/// Save `a`'s current target only (its original is kept as stored: set once the two differ).
pub(super) fn update_target(tx: &Connection, a: &Annotation) -> Result<()> {
    let t = &a.target;
    let o = &a.original;
    tx.prepare_cached(
        "UPDATE annotations SET quote = ?2, prefix = ?3, suffix = ?4, start = ?5, end_ = ?6, \
         fingerprint = ?7, status = ?8, o_quote = coalesce(o_quote, ?9), \
         o_prefix = coalesce(o_prefix, ?10), o_suffix = coalesce(o_suffix, ?11), \
         o_start = coalesce(o_start, ?12), o_end = coalesce(o_end, ?13), \
         o_fingerprint = coalesce(o_fingerprint, ?14), o_status = coalesce(o_status, ?15) \
         WHERE id = ?1",
    )?
    .execute(params![
        a.id,
        t.quote,
        t.prefix,
        t.suffix,
        t.start as i64,
        t.end as i64,
        t.fingerprint,
        t.status.as_str(),
        o.quote,
        o.prefix,
        o.suffix,
        o.start as i64,
        o.end as i64,
        o.fingerprint,
        o.status.as_str(),
    ])?;
    Ok(())
}
