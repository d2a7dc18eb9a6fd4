//! The database schema and its migrations. `PRAGMA user_version` is the schema version; each
//! migration takes it one step forward, in one transaction.

use rusqlite::{Connection, TransactionBehavior};

/// The schema this Tenor writes.
pub const VERSION: i64 = 1;

/// Migration `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 0 → 1
    "CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        created TEXT NOT NULL
    );
    CREATE TABLE article_paths (
        path TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id),
        seen TEXT NOT NULL
    );
    CREATE INDEX article_paths_article ON article_paths(article_id);
    CREATE TABLE article_fingerprints (
        fingerprint TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id),
        seen TEXT NOT NULL
    );
    CREATE TABLE article_texts (
        article_id TEXT NOT NULL REFERENCES articles(id),
        fingerprint TEXT NOT NULL,
        text BLOB NOT NULL,
        seen TEXT NOT NULL,
        PRIMARY KEY (article_id, fingerprint)
    );
    CREATE TABLE annotations (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id),
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        motivation TEXT NOT NULL,
        note TEXT NOT NULL,
        color TEXT NOT NULL,
        tags TEXT NOT NULL,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        start INTEGER NOT NULL,
        end_ INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        status TEXT NOT NULL,
        o_quote TEXT,
        o_prefix TEXT,
        o_suffix TEXT,
        o_start INTEGER,
        o_end INTEGER,
        o_fingerprint TEXT,
        o_status TEXT,
        deleted TEXT
    );
    -- o_*: the original target, NULL while it is the current one.
    CREATE INDEX annotations_article ON annotations(article_id, id);
    CREATE TABLE reading_positions (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        state TEXT NOT NULL,
        visited INTEGER NOT NULL
    );",
];

/// Bring the schema up to [`VERSION`]; each step in its own transaction.
pub fn migrate(c: &Connection) -> rusqlite::Result<()> {
    loop {
        let tx = rusqlite::Transaction::new_unchecked(c, TransactionBehavior::Immediate)?;
        let v: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let Some(step) = usize::try_from(v).ok().and_then(|i| MIGRATIONS.get(i)) else {
            return Ok(());
        };
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", v + 1)?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_version_has_its_migration() {
        assert_eq!(super::MIGRATIONS.len() as i64, super::VERSION);
    }
}
