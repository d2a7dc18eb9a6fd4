//! Links of the open article as the links list shows them, and the trail of articles left by
//! following a link (`Ctrl-o` goes back along it).

use super::doc::DocState;
use super::library::ArticleKey;
use crate::article::links::{Link, Target, shown_target};

/// Articles left by following links, most recent last (bounded).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trail {
    pub left: Vec<ArticleKey>,
}

impl Trail {
    const MAX: usize = 50;

    pub fn push(&mut self, key: ArticleKey) {
        if self.left.len() == Self::MAX {
            self.left.remove(0);
        }
        self.left.push(key);
    }
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
