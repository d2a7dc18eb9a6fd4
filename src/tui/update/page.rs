//! Web pages in the reader: `R` reads the page again whole, without reader mode (for when it
//! guessed wrong), and again in reader mode; `r` fetches a kept page again.

use super::Effect;
use crate::article::Format;
use crate::article::html::Extraction;
use crate::tui::input::Action;
use crate::tui::state::{App, ArticleKey, LoadJob, Origin};

/// The actions this module answers in the reader; `None` leaves the action to the others.
pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    if action == Action::Refetch {
        return Some(refetch(app));
    }
    if action != Action::WholePage {
        return None;
    }
    let d = app.doc()?;
    if d.reader.article.format != Format::Html {
        app.notify("Not a web page: it has no reader mode to turn off");
        return Some(Vec::new());
    }
    let Some(ArticleKey::File(p)) = d.key.clone() else {
        app.notify("This page cannot be read again (it did not come from a file)");
        return Some(Vec::new());
    };
    let whole = !d.whole;
    let name = d.reader.article.meta.title.clone();
    let mut load = LoadJob::new(name, Some(ArticleKey::File(p.clone())));
    load.whole = whole;
    app.load = Some(load);
    let how = if whole {
        Extraction::Full
    } else {
        Extraction::Main
    };
    Some(vec![Effect::Reread {
        origin: Origin::File(p),
        how,
    }])
}

/// `r`: fetch the open page again (the runtime finds its URL in the record kept beside it).
fn refetch(app: &mut App) -> Vec<Effect> {
    match app.doc().and_then(|d| d.key.clone()) {
        Some(ArticleKey::File(p)) => {
            app.notify("Fetching the page again…");
            vec![Effect::Refetch(p)]
        }
        _ => {
            app.notify("Not a fetched web page: nothing to fetch again");
            Vec::new()
        }
    }
}

/// The page was fetched again: open the new copy where the reader was (or say why not).
pub(super) fn refetched(app: &mut App, result: Result<std::path::PathBuf, String>) -> Vec<Effect> {
    match result {
        Ok(path) => {
            // The copy is kept under the open page's (canonical) data directory.
            let key = Some(ArticleKey::File(path.clone()));
            let name = app
                .doc()
                .map_or_else(String::new, |d| d.reader.article.meta.title.clone());
            app.load = Some(LoadJob::new(name, key));
            app.notify("Fetched again");
            vec![Effect::Open(Origin::File(path))]
        }
        Err(e) => {
            app.warn(format!(
                "Could not fetch again: {}",
                crate::article::text::sanitize(&e)
            ));
            Vec::new()
        }
    }
}
