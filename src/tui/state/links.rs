//! Links of the open article as the links list shows them, and the trail of articles left by
//! following a link (`Ctrl-o` goes back along it).

use super::doc::DocState;
use super::library::ArticleKey;
use crate::article::links::{Link, Target, shown_target};

/// Articles left by following links, most recent last (bounded): `left` by following a link
/// (or `Ctrl-i`), `right` by coming back with `Ctrl-o` (`Ctrl-i` goes there again). And the
/// section a link named in the article it opens (`other.md#costs`), jumped to once it loads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trail {
    pub left: Vec<ArticleKey>,
    pub right: Vec<ArticleKey>,
    pub anchor: Option<(ArticleKey, String)>,
}

impl Trail {
    const MAX: usize = 50;

    /// Leave `key` by following a link: what lay ahead is forgotten, as in a browser.
    pub fn push(&mut self, key: ArticleKey) {
        self.right.clear();
        push_bounded(&mut self.left, key);
    }

    /// Come back from `key` with `Ctrl-o`.
    pub fn push_right(&mut self, key: ArticleKey) {
        push_bounded(&mut self.right, key);
    }

    /// Go on from `key` with `Ctrl-i`, keeping what lies further ahead.
    pub fn push_left(&mut self, key: ArticleKey) {
        push_bounded(&mut self.left, key);
    }
}

fn push_bounded(v: &mut Vec<ArticleKey>, key: ArticleKey) {
    if v.len() == Trail::MAX {
        v.remove(0);
    }
    v.push(key);
}

/// A link's text and where it leads, as the list shows them (escaped for the terminal).
pub fn label(text: &str, link: &Link) -> (String, String) {
    let text = shown_target(text.trim()).replace('\n', " ");
    let target = match &link.target {
        Target::Url { url } => shown_target(url).into_owned(),
        Target::Footnote {
            label,
            definition: Some(_),
        } => format!("footnote {}", shown_target(label)),
        Target::Footnote { label, .. } => format!("footnote {} (not defined)", shown_target(label)),
    };
    (text, target)
}

impl DocState {
    /// The article's links whose text or target holds every word of `input` (any case).
    pub fn link_matches(&self, input: &str) -> Vec<usize> {
        let words: Vec<String> = input.split_whitespace().map(str::to_lowercase).collect();
        let a = &self.reader.article;
        a.links
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                if words.is_empty() {
                    return true;
                }
                let (text, target) = label(&a.text[l.range.clone()], l);
                let hay = format!("{text} {target}").to_lowercase();
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect()
    }
}
