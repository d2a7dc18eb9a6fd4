//! The links list and following a link: within the article (an anchor, a footnote), to another
//! article on disk (`Ctrl-o` comes back), or to the browser (an effect the runtime performs).

use std::path::{Component, Path, PathBuf};

use super::Effect;
use crate::article::BlockKind;
use crate::article::links::shown_target;
use crate::article::links::{Destination, Target, anchor_section, destination, is_safe_target};
use crate::tui::input::Action;
use crate::tui::state::{App, ArticleKey, Focus, LoadJob, Origin, Overlay, Prompt, PromptKind};

/// The actions this module answers in the reader; `None` leaves the action to the others.
pub(super) fn action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::Links => {
            let n = app.doc().map_or(0, |d| d.reader.article.links.len());
            if n == 0 {
                app.notify("This article has no links");
            } else {
                app.focus = Focus::Reader;
                app.overlay = Some(Overlay::Prompt(Prompt::new(
                    PromptKind::Links { selected: 0 },
                    String::new(),
                )));
            }
            Some(Vec::new())
        }
        Action::Activate if app.focus == Focus::Reader && app.overlay.is_none() => activate(app),
        Action::JumpBack if app.focus == Focus::Reader && !app.trail.left.is_empty() => {
            let r = app.reader_mut()?;
            let before = r.cursor;
            r.jump_back();
            if r.cursor != before {
                return Some(Vec::new());
            }
            Some(travel(app, false))
        }
        Action::JumpForward if app.focus == Focus::Reader && !app.trail.right.is_empty() => {
            let r = app.reader_mut()?;
            let before = r.cursor;
            r.jump_forward();
            if r.cursor != before {
                return Some(Vec::new());
            }
            Some(travel(app, true))
        }
        _ => None,
    }
}

/// `Enter` in the article on a block that is not a heading: on a footnote's definition, back
/// to where the reader came from (as `Ctrl-o`); on a block with one link, follow it; with
/// several, the links list opens at the block's first. `None` elsewhere (headings fold).
fn activate(app: &mut App) -> Option<Vec<Effect>> {
    let d = app.doc()?;
    let r = &d.reader;
    let c = r.cursor;
    let block = r.article.blocks.get(c)?;
    if matches!(block.kind, BlockKind::Heading { .. }) || r.folded_section_at(c).is_some() {
        return None;
    }
    let links = &r.article.links;
    let is_definition = links
        .iter()
        .any(|l| matches!(l.target, Target::Footnote { definition: Some(b), .. } if b == c));
    if is_definition {
        app.reader_mut()?.jump_back();
        return Some(Vec::new());
    }
    let mut here = links.iter().enumerate().filter(|(_, l)| l.block == c);
    let first = here.next()?.0;
    match here.next() {
        None => Some(follow(app, first)),
        Some(_) => {
            app.overlay = Some(Overlay::Prompt(Prompt::new(
                PromptKind::Links { selected: first },
                String::new(),
            )));
            Some(Vec::new())
        }
    }
}

/// Back to the article the last followed link left (its reading place restored), remembered
/// so `Ctrl-i` comes here again; or, `forward`, to the article `Ctrl-o` came back from.
fn travel(app: &mut App, forward: bool) -> Vec<Effect> {
    let here = app.doc().and_then(|d| d.key.clone());
    loop {
        let trail = &mut app.trail;
        let Some(key) = (if forward {
            trail.right.pop()
        } else {
            trail.left.pop()
        }) else {
            return Vec::new();
        };
        if Some(&key) == here.as_ref() {
            continue;
        }
        let Some(origin) = origin_of(&key) else {
            continue;
        };
        if let Some(h) = here {
            if forward {
                app.trail.push_left(h);
            } else {
                app.trail.push_right(h);
            }
        }
        app.load = Some(LoadJob::new(key_name(&key), Some(key)));
        return vec![Effect::Open(origin)];
    }
}

/// Where the article kept under `key` is read from.
fn origin_of(key: &ArticleKey) -> Option<Origin> {
    match key {
        ArticleKey::File(p) => Some(Origin::File(p.clone())),
        ArticleKey::Bundled(name) => crate::library::BUNDLED
            .iter()
            .position(|(n, _)| n == name)
            .map(Origin::Bundled),
    }
}

/// An article has opened: when a link named a section of it (`other.md#costs`), jump there.
/// The jump is not recorded in its jump history, so `Ctrl-o` goes straight back to the
/// article the link was in.
pub(super) fn arrived(app: &mut App) {
    if app.load.is_some() || app.doc().is_none_or(|d| d.partial) {
        return;
    }
    let Some((key, fragment)) = app.trail.anchor.take() else {
        return;
    };
    let Some(d) = app.doc_mut() else { return };
    if d.key.as_ref() != Some(&key) {
        return;
    }
    match anchor_section(&d.reader.article, &fragment) {
        Some(s) => {
            d.reader.jump_to_section(s);
            d.reader.forget_jumps();
            super::panels::follow_panels(app);
        }
        None => app.warn(format!(
            "No section #{} in this article",
            shown_target(&fragment)
        )),
    }
}

fn key_name(key: &ArticleKey) -> String {
    match key {
        ArticleKey::Bundled(name) => name.clone(),
        ArticleKey::File(p) => p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
    }
}

/// Follow link `index` of the open article.
pub(super) fn follow(app: &mut App, index: usize) -> Vec<Effect> {
    let Some(d) = app.doc_mut() else {
        return Vec::new();
    };
    let a = d.reader.article.clone();
    let Some(link) = a.links.get(index) else {
        return Vec::new();
    };
    match &link.target {
        Target::Footnote {
            definition: Some(b),
            ..
        } => {
            d.reader.jump_to(*b);
            app.notify("Footnote: Ctrl-o goes back to the reference");
        }
        Target::Footnote { label, .. } => {
            app.warn(format!("Footnote {} is not defined", shown_target(label)));
        }
        Target::Url { url } => match destination(url) {
            Destination::Anchor(f) => match anchor_section(&a, f) {
                Some(s) => d.reader.jump_to_section(s),
                None => app.warn(format!("No section #{} in this article", shown_target(f))),
            },
            Destination::Web(u) if is_safe_target(u) => return vec![Effect::Browse(u.into())],
            Destination::Web(u) => app.warn(format!(
                "Not opened: the address holds characters a browser should not get: {}",
                shown_target(u)
            )),
            Destination::File(p) => {
                let fragment = url.split_once('#').map(|(_, f)| f.to_string());
                return open_file(app, p, fragment);
            }
        },
    }
    Vec::new()
}

/// Open the article at `target` (relative to the open article's file), remembering this one;
/// once it loads, jump to the section `fragment` names.
fn open_file(app: &mut App, target: &str, fragment: Option<String>) -> Vec<Effect> {
    let here = app.doc().and_then(|d| d.key.clone());
    let rel = percent_decode(target);
    let path = Path::new(&rel);
    let path = match &here {
        _ if path.is_absolute() => path.to_path_buf(),
        Some(ArticleKey::File(f)) => f.parent().unwrap_or(Path::new("/")).join(path),
        _ => {
            app.warn(format!(
                "Cannot follow {}: this article is not a file, so the link has no folder",
                shown_target(target)
            ));
            return Vec::new();
        }
    };
    let path = normalize(&path);
    let key = ArticleKey::File(path.clone());
    let fragment = fragment
        .map(|f| percent_decode(&f))
        .filter(|f| !f.is_empty());
    if here.as_ref() == Some(&key) {
        // A link to this very file: its fragment is an anchor here.
        if let (Some(f), Some(d)) = (fragment, app.doc_mut()) {
            match anchor_section(&d.reader.article, &f) {
                Some(s) => d.reader.jump_to_section(s),
                None => app.warn(format!("No section #{} in this article", shown_target(&f))),
            }
        }
        return Vec::new();
    }
    if let Some(k) = here {
        app.trail.push(k);
    }
    app.trail.anchor = fragment.map(|f| (key.clone(), f));
    app.load = Some(LoadJob::new(key_name(&key), Some(key)));
    vec![Effect::Open(Origin::File(path))]
}

/// `a/./b/../c` as `a/c`, without asking the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// `%20` and the like decoded (invalid sequences kept as written).
fn percent_decode(s: &str) -> String {
    String::from_utf8_lossy(&crate::article::links::percent_decode(s)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_decode_and_normalize() {
        assert_eq!(percent_decode("my%20memo.md"), "my memo.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(
            normalize(Path::new("/a/b/./../c/d.md")),
            PathBuf::from("/a/c/d.md")
        );
        assert_eq!(normalize(Path::new("/../x")), PathBuf::from("/x"));
    }
}
