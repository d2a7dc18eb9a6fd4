//! Web pages in the reader: `R` reads the page again whole, without reader mode (for when it
//! guessed wrong), and again in reader mode.

use super::Effect;
use crate::article::Format;
use crate::article::html::Extraction;
use crate::tui::input::Action;
use crate::tui::state::{App, ArticleKey, LoadJob, Origin};

/// The actions this module answers in the reader; `None` leaves the action to the others.
pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
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
