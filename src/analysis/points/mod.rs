//! Key points of an article (issue 4): the author's own bullets, grouped by section and list
//! with their lead-ins, and — for sections that have no list — the most representative
//! sentences, picked by TextRank combined with policy cue phrases and position.
//!
//! Pure: works on an [`Article`] only; no terminal, no I/O.

mod label;
mod rank;
mod words;

use std::ops::Range;

use crate::article::model::{Article, BlockKind, SectionId};

/// Where a point comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PointKind {
    /// A list item written by the author.
    Bullet,
    /// A sentence picked from the paragraphs of a section that has no list.
    Extracted,
}

impl PointKind {
    /// `"bullet"` or `"extracted"` (the JSON spelling).
    pub fn as_str(self) -> &'static str {
        match self {
            PointKind::Bullet => "bullet",
            PointKind::Extracted => "extracted",
        }
    }
}

/// What introduces a group of points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadIn {
    /// Byte range in [`Article::text`]: the lead-in sentence, or the section heading's text.
    pub range: Range<usize>,
    /// `true` when this is the section title (the list had no lead-in sentence ending in `:`,
    /// or the group is extracted).
    pub from_title: bool,
}

impl LeadIn {
    /// The lead-in exactly as in the article text (it may hold line breaks).
    pub fn text<'a>(&self, a: &'a Article) -> &'a str {
        &a.text[self.range.clone()]
    }
}

/// One key point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub kind: PointKind,
    /// Index into [`Article::sections`] of the section that owns the source block.
    pub section: usize,
    /// Index into [`Points::groups`].
    pub group: usize,
    /// Index into [`Article::blocks`]: the list item, or the paragraph of an extracted sentence.
    pub block: usize,
    /// Nesting depth, 0 outermost (always 0 for extracted points).
    pub depth: u8,
    /// The number of a numbered-list item.
    pub ordinal: Option<u32>,
    /// `Some(checked)` for task-list items.
    pub task: Option<bool>,
    /// Byte range in [`Article::text`] of the label of a `Label: explanation` item.
    pub label_range: Option<Range<usize>>,
    /// Byte range in [`Article::text`] of the point's text: the explanation of a labelled item,
    /// else the whole item, or the extracted sentence.
    pub text_range: Range<usize>,
    /// Byte range `start..end` in [`Article::text`] of the whole item (label included), or of
    /// the extracted sentence (then exactly a range from [`crate::article::text::sentences`]).
    pub start: usize,
    pub end: usize,
}

impl Point {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The point's text exactly as in the article (see [`Point::text_range`]).
    pub fn text<'a>(&self, a: &'a Article) -> &'a str {
        &a.text[self.text_range.clone()]
    }

    /// The label of a `Label: explanation` item, exactly as in the article text.
    pub fn label<'a>(&self, a: &'a Article) -> Option<&'a str> {
        self.label_range.clone().map(|r| &a.text[r])
    }

    /// The id of the point's section.
    pub fn section_id<'a>(&self, a: &'a Article) -> &'a SectionId {
        &a.sections[self.section].id
    }
}

/// The points of one list (or the extracted sentences of one section).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Index into [`Article::sections`].
    pub section: usize,
    /// The list's lead-in sentence ending in `:`, else the section title, else none.
    pub lead_in: Option<LeadIn>,
    /// Index into [`Article::lists`]; `None` for extracted groups.
    pub list: Option<usize>,
    /// The group's points: a range of [`Points::points`].
    pub points: Range<usize>,
    pub kind: PointKind,
}

/// All key points of an article, in document order, grouped by section → list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Points {
    pub points: Vec<Point>,
    pub groups: Vec<Group>,
    /// Number of points in each section's whole subtree.
    subtree_counts: Vec<usize>,
}

/// At most this many sentences are extracted from one section.
pub const MAX_EXTRACTED_PER_SECTION: usize = 3;

/// Extract the key points of an article. Pure, and linear in the article size (TextRank is
/// capped per section; see [`rank`]).
pub fn extract(article: &Article) -> Points {
    let mut out = Points::default();
    let mut ranker = rank::Ranker::default();
    for (si, section) in article.sections.iter().enumerate() {
        let mut has_list = false;
        let mut bi = section.blocks.start;
        while bi < section.blocks.end {
            let BlockKind::ListItem { list, .. } = article.blocks[bi].kind else {
                bi += 1;
                continue;
            };
            has_list = true;
            let l = &article.lists[list];
            // A list never crosses a heading, but stay inside the section regardless.
            let end = l.blocks.end.clamp(bi + 1, section.blocks.end);
            out.push_list(article, si, list, bi..end);
            bi = end;
        }
        if !has_list {
            out.push_extracted(article, si, &mut ranker);
        }
    }
    out.count_sections(article);
    out
}

impl Points {
    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The group of point `i`.
    pub fn group_of(&self, i: usize) -> &Group {
        &self.groups[self.points[i].group]
    }

    /// The lead-in of point `i` (its group's).
    pub fn lead_in(&self, i: usize) -> Option<&LeadIn> {
        self.group_of(i).lead_in.as_ref()
    }

    /// For follow mode: the first point whose source is block `block`, else the last point
    /// whose source comes before it. `None` when no point comes at or before `block`.
    /// O(log n).
    pub fn nearest(&self, block: usize) -> Option<usize> {
        let i = self.points.partition_point(|p| p.block < block);
        if self.points.get(i).is_some_and(|p| p.block == block) {
            Some(i)
        } else {
            i.checked_sub(1)
        }
    }

    /// Number of points in section `section` and all its subsections (0 for an unknown
    /// index). O(1).
    pub fn count_in_section(&self, section: usize) -> usize {
        self.subtree_counts.get(section).copied().unwrap_or(0)
    }

    /// Indices of the points matching `query`: every whitespace-separated word of the query
    /// must occur (case-insensitively) in the point's label, text or lead-in. An empty query
    /// matches everything.
    pub fn filter(&self, a: &Article, query: &str) -> Vec<usize> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return (0..self.points.len()).collect();
        }
        let mut lead_ins: Vec<Option<String>> = vec![None; self.groups.len()];
        let mut out = Vec::new();
        for (i, p) in self.points.iter().enumerate() {
            let lead = lead_ins[p.group].get_or_insert_with(|| {
                self.groups[p.group]
                    .lead_in
                    .as_ref()
                    .map_or(String::new(), |l| l.text(a).to_lowercase())
            });
            let label = p.label(a).map(str::to_lowercase);
            let text = p.text(a).to_lowercase();
            let hit = words.iter().all(|w| {
                text.contains(w.as_str())
                    || label.as_deref().is_some_and(|l| l.contains(w.as_str()))
                    || lead.contains(w.as_str())
            });
            if hit {
                out.push(i);
            }
        }
        out
    }

    fn push_list(&mut self, a: &Article, section: usize, list: usize, items: Range<usize>) {
        let l = &a.lists[list];
        let lead_in = match &l.lead_in {
            Some(r) => Some(LeadIn {
                range: r.clone(),
                from_title: false,
            }),
            None => title_lead_in(a, section),
        };
        let group = self.groups.len();
        let first = self.points.len();
        for bi in items {
            let b = &a.blocks[bi];
            let BlockKind::ListItem {
                depth,
                ordinal,
                task,
                ..
            } = b.kind
            else {
                continue;
            };
            let at = |r: Range<usize>| b.range.start + r.start..b.range.start + r.end;
            let (label_range, text_range) = match label::split(&a.text[b.range.clone()]) {
                Some((l, t)) => (Some(at(l)), at(t)),
                None => (None, b.range.clone()),
            };
            self.points.push(Point {
                kind: PointKind::Bullet,
                section,
                group,
                block: bi,
                depth,
                ordinal,
                task,
                label_range,
                text_range,
                start: b.range.start,
                end: b.range.end,
            });
        }
        if self.points.len() > first {
            self.groups.push(Group {
                section,
                lead_in,
                list: Some(list),
                points: first..self.points.len(),
                kind: PointKind::Bullet,
            });
        }
    }

    fn push_extracted(&mut self, a: &Article, section: usize, ranker: &mut rank::Ranker) {
        let picked = ranker.pick(a, section);
        if picked.is_empty() {
            return;
        }
        let group = self.groups.len();
        let first = self.points.len();
        for (block, r) in picked {
            self.points.push(Point {
                kind: PointKind::Extracted,
                section,
                group,
                block,
                depth: 0,
                ordinal: None,
                task: None,
                label_range: None,
                text_range: r.clone(),
                start: r.start,
                end: r.end,
            });
        }
        self.groups.push(Group {
            section,
            lead_in: title_lead_in(a, section),
            list: None,
            points: first..self.points.len(),
            kind: PointKind::Extracted,
        });
    }

    /// Points are sorted by block and a section's subtree is a contiguous block range, so each
    /// count is two binary searches.
    fn count_sections(&mut self, a: &Article) {
        self.subtree_counts = a
            .sections
            .iter()
            .map(|s| {
                let lo = self.points.partition_point(|p| p.block < s.subtree.start);
                let hi = self.points.partition_point(|p| p.block < s.subtree.end);
                hi.saturating_sub(lo)
            })
            .collect();
    }
}

/// The section heading as a lead-in, for lists without a lead-in sentence and extracted groups.
fn title_lead_in(a: &Article, section: usize) -> Option<LeadIn> {
    let h = a.sections[section].heading?;
    let range = a.blocks[h].range.clone();
    Some(LeadIn {
        range,
        from_title: true,
    })
}

#[cfg(test)]
mod tests;

/// Whitespace runs (line breaks of hard-wrapped text included) as single spaces.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A group's title for people: its lead-in, else its section's title, else “(lede)”; extracted
/// groups are marked “(extracted)”.
pub fn group_title(a: &Article, g: &Group) -> String {
    let title = match &g.lead_in {
        Some(l) => collapse(l.text(a)),
        None => match &a.sections[g.section].title {
            Some(t) => collapse(t),
            None => "(lede)".to_string(),
        },
    };
    match g.kind {
        PointKind::Extracted => format!("{title} (extracted)"),
        PointKind::Bullet => title,
    }
}
