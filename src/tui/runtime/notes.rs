//! The annotation store in the reader (opened with the reading places, in `persist`): reading an article's annotations anchored
//! in its text, saving and deleting them, and copying to the clipboard. Each answers `update`
//! with a message (or a warning).

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;

use super::persist::Shared;
use crate::article::Article;
use crate::store::Store;
use crate::tui::state::App;
use crate::tui::update::Msg;

/// The number of the latest annotation load asked for: a load asked for before it (for an
/// article left since) does no work.
static LATEST_LOAD: AtomicU64 = AtomicU64::new(0);

/// Read the annotations of the article at `key` in the background, answered by
/// [`Msg::NotesLoaded`]: opening an article never waits for them. An answer that comes after
/// another article opened is for an article no longer shown, and `update` drops it (it names
/// the very `Arc<Article>` it was anchored in); a load overtaken by a newer one before it
/// starts does nothing.
pub(super) fn spawn_load(store: Shared, key: String, article: Arc<Article>, tx: Sender<Msg>) {
    let me = LATEST_LOAD.fetch_add(1, Ordering::AcqRel) + 1;
    std::thread::spawn(move || {
        // Outside the store's lock, which the event loop may want meanwhile.
        let fp = crate::annotate::fingerprint(&article.text);
        store.with(|s| {
            if LATEST_LOAD.load(Ordering::Acquire) != me {
                return;
            }
            let msg = load_with(s, &key, &fp, article);
            let known = matches!(msg, Msg::NotesLoaded { id: Some(_), .. });
            let _ = tx.send(msg);
            // After the answer (a write, waiting for the disk): the name it was opened by is
            // recorded, and when it was seen so (a renamed or moved file keeps its notes).
            if let Some(s) = s.filter(|s| known && s.read_only().is_none())
                && let Err(e) = s.article_id(&key, Some(&fp))
            {
                ::log::warn!("cannot record the article's name: {e}");
            }
        });
    });
}

/// The annotations of the article at `key`, anchored in its text (whose fingerprint is `fp`).
fn load_with(store: Option<&Store>, key: &str, fp: &str, article: Arc<Article>) -> Msg {
    let Some(store) = store else {
        return Msg::NotesLoaded {
            article,
            id: None,
            list: Vec::new(),
            warning: None,
        };
    };
    let found = store.find_article(key, Some(fp)).and_then(|id| match id {
        Some(id) => {
            let mut list = store.anchor_article_with(&id, &article.text, fp)?;
            // In reading order here, so the event loop's own sort finds nothing to move.
            list.sort_by_key(|(_, at)| at.reading_order());
            Ok((Some(id), list))
        }
        None => Ok((None, Vec::new())),
    });
    match found {
        Ok((id, list)) => Msg::NotesLoaded {
            article,
            id,
            list,
            warning: None,
        },
        Err(e) => Msg::NotesLoaded {
            article,
            id: None,
            list: Vec::new(),
            warning: Some(format!("cannot read the notes: {e}")),
        },
    }
}

/// Save an annotation of the article at `key` (its text's fingerprint `fp`).
pub(super) fn save(
    store: Option<&Store>,
    key: &str,
    fp: &str,
    mut a: crate::annotate::Annotation,
) -> Msg {
    let Some(store) = store else {
        return Msg::AnnotationSaved(Err("notes cannot be saved: no store".into()));
    };
    let r = (|| {
        if a.article.is_empty() {
            a.article = store.article_id(key, Some(fp))?;
        }
        store.save(&a)?;
        Ok::<_, crate::store::StoreError>(Box::new(a))
    })();
    Msg::AnnotationSaved(r.map_err(|e| e.to_string()))
}

/// Delete an annotation softly; a failure is said.
pub(super) fn delete(store: Option<&Store>, id: &str, app: &mut App) {
    let Some(store) = store else { return };
    if let Err(e) = store.delete(id) {
        let w = format!("cannot delete the note: {e}");
        ::log::warn!("{w}");
        app.warn(w);
    }
}

/// Copy `text` to the terminal's clipboard with OSC 52 (works over SSH and in tmux with
/// `set-clipboard on`). Control characters never reach the terminal: the text is encoded.
pub(super) fn copy(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout();
    write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()))?;
    out.flush()
}

/// Standard base64 with padding.
pub(super) fn base64(b: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity(b.len().div_ceil(3) * 4);
    for c in b.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                s.push(T[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::base64(b"foobar"), "Zm9vYmFy");
    }
}
