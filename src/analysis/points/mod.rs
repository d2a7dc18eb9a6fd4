//! Key points of an article (issue 4): the author's own bullets, grouped by section and list
//! with their lead-ins, and — for sections that have no list — the most representative
//! sentences, picked by TextRank combined with policy cue phrases and position.
//!
//! Pure: works on an [`Article`] only; no terminal, no I/O.

mod label;
mod rank;
mod words;

use std::ops::Range;
use std::sync::OnceLock;

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
    /// The group's points: a range of point indices (see [`Points::get`]).
    pub points: Range<usize>,
    pub kind: PointKind,
    /// The blocks the group's points come from lie in this range: the list's items, or the
    /// section's own blocks for extracted sentences.
    pub blocks: Range<usize>,
    store: Store,
}

/// Where a group's points are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Store {
    /// Bullets are made at extraction: this range of [`Points::bullets`].
    Bullets(Range<usize>),
    /// Extracted sentences are ranked the first time they are asked for. Their number is known
    /// at extraction ([`rank::count`]), so indices and counts never change.
    Extracted(OnceLock<Vec<Point>>),
}

/// All key points of an article, in document order, grouped by section → list.
///
/// The author's bullets are made at extraction. The sentences extracted from sections without
/// lists are counted then, but ranked on first use ([`Points::get`], [`Points::group_points`]),
/// one section at a time: reading a long article ranks only the sections whose points are
/// shown. Every accessor that may rank takes the article the points were extracted from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Points {
    pub groups: Vec<Group>,
    bullets: Vec<Point>,
    len: usize,
    /// Number of points in each section's whole subtree.
    subtree_counts: Vec<usize>,
}

/// At most this many sentences are extracted from one section.
pub const MAX_EXTRACTED_PER_SECTION: usize = 3;

/// Extract the key points of an article: every list item, and the number of sentences to
/// extract from each section without lists (ranked later, on demand). Pure, and linear in the
/// article size; counting reads only the first few sentences of a section.
pub fn extract(article: &Article) -> Points {
    let mut out = Points::default();
    let lists = &article.lists;
    out.bullets
        .reserve_exact(lists.iter().map(|l| l.blocks.len()).sum());
    // Lists are runs of consecutive list items, in document order: walk them alongside the
    // sections instead of looking at every block.
    let mut li = 0;
    for (si, section) in article.sections.iter().enumerate() {
        while lists
            .get(li)
            .is_some_and(|l| l.blocks.start < section.blocks.start)
        {
            li += 1;
        }
        let mut has_list = false;
        while let Some(l) = lists
            .get(li)
            .filter(|l| l.blocks.start < section.blocks.end)
        {
            // A list never crosses a heading, but stay inside the section regardless.
            let end = l.blocks.end.clamp(l.blocks.start + 1, section.blocks.end);
            has_list |= out.push_list(article, si, li, l.blocks.start..end);
            li += 1;
        }
        if !has_list {
            out.push_extracted(article, si);
        }
    }
    out.count_sections(article);
    out
}

/// Extract the key points and rank every section's extracted sentences now.
pub fn extract_all(article: &Article) -> Points {
    let p = extract(article);
    p.rank_all(article);
    p
}

impl Points {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Index of the group of point `i` (no ranking needed).
    pub fn group_index(&self, i: usize) -> usize {
        self.groups
            .partition_point(|g| g.points.end <= i)
            .min(self.groups.len().saturating_sub(1))
    }

    /// The group of point `i`.
    pub fn group_of(&self, i: usize) -> &Group {
        &self.groups[self.group_index(i)]
    }

    /// The lead-in of point `i` (its group's).
    pub fn lead_in(&self, i: usize) -> Option<&LeadIn> {
        self.group_of(i).lead_in.as_ref()
    }

    /// The points of group `g`, ranking its sentences first if it is extracted and not ranked
    /// yet. `a` must be the article the points were extracted from.
    pub fn group_points(&self, a: &Article, g: usize) -> &[Point] {
        let Some(group) = self.groups.get(g) else {
            return &[];
        };
        match &group.store {
            Store::Bullets(r) => &self.bullets[r.clone()],
            Store::Extracted(cell) => cell.get_or_init(|| {
                let pts = extracted_points(a, group.section, g);
                debug_assert_eq!(pts.len(), group.points.len(), "counted ≠ ranked");
                pts
            }),
        }
    }

    /// Point `i` (ranking its section first if needed); `None` past the end.
    pub fn get(&self, a: &Article, i: usize) -> Option<&Point> {
        if i >= self.len {
            return None;
        }
        let g = self.group_index(i);
        self.group_points(a, g).get(i - self.groups[g].points.start)
    }

    /// Every point in order, ranking every section.
    pub fn iter<'s>(&'s self, a: &'s Article) -> impl Iterator<Item = &'s Point> + 's {
        (0..self.groups.len()).flat_map(move |g| self.group_points(a, g))
    }

    /// How many extracted groups have been ranked so far (of those in [`Points::groups`]).
    pub fn ranked_groups(&self) -> usize {
        self.groups
            .iter()
            .filter(|g| matches!(&g.store, Store::Extracted(c) if c.get().is_some()))
            .count()
    }

    /// Rank the extracted sentences of every section now.
    pub fn rank_all(&self, a: &Article) {
        for g in 0..self.groups.len() {
            self.group_points(a, g);
        }
    }

    /// For follow mode: the first point whose source is block `block`, else the last point
    /// whose source comes before it. `None` when no point comes at or before `block`.
    /// O(log n); ranks at most the section of `block`.
    pub fn nearest(&self, a: &Article, block: usize) -> Option<usize> {
        // The last group starting at or before `block`.
        let g = self
            .groups
            .partition_point(|g| g.blocks.start <= block)
            .checked_sub(1)?;
        let group = &self.groups[g];
        if block >= group.blocks.end {
            return group.points.end.checked_sub(1);
        }
        let pts = self.group_points(a, g);
        let k = pts.partition_point(|p| p.block < block);
        if pts.get(k).is_some_and(|p| p.block == block) {
            Some(group.points.start + k)
        } else {
            (group.points.start + k).checked_sub(1)
        }
    }

    /// Number of points in section `section` and all its subsections (0 for an unknown
    /// index). O(1).
    pub fn count_in_section(&self, section: usize) -> usize {
        self.subtree_counts.get(section).copied().unwrap_or(0)
    }

    /// Indices of the points matching `query`: every whitespace-separated word of the query
    /// must occur (case-insensitively) in the point's label, text or lead-in. An empty query
    /// matches everything. Ranks every section.
    pub fn filter(&self, a: &Article, query: &str) -> Vec<usize> {
        // The search's matcher (smart case, typographic folding, `\v` regex); a bad
        // pattern keeps nothing.
        let Ok(filter) = crate::article::pattern::Filter::new(query) else {
            return Vec::new();
        };
        if filter.is_empty() {
            return (0..self.len).collect();
        }
        let mut out = Vec::new();
        for (gi, g) in self.groups.iter().enumerate() {
            let lead = g.lead_in.as_ref().map_or("", |l| l.text(a));
            for (k, p) in self.group_points(a, gi).iter().enumerate() {
                let label = p.label(a).unwrap_or("");
                let hit = filter.matches(&[p.text(a), label, lead]);
                if hit {
                    out.push(g.points.start + k);
                }
            }
        }
        out
    }

    /// The items of list `list` (blocks `items`) as a group; whether it had any.
    fn push_list(&mut self, a: &Article, section: usize, list: usize, items: Range<usize>) -> bool {
        let l = &a.lists[list];
        let lead_in = match &l.lead_in {
            Some(r) => Some(LeadIn {
                range: r.clone(),
                from_title: false,
            }),
            None => title_lead_in(a, section),
        };
        let group = self.groups.len();
        let first = self.bullets.len();
        for bi in items.clone() {
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
            self.bullets.push(Point {
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
        let n = self.bullets.len() - first;
        if n > 0 {
            self.groups.push(Group {
                section,
                lead_in,
                list: Some(list),
                points: self.len..self.len + n,
                kind: PointKind::Bullet,
                blocks: items,
                store: Store::Bullets(first..self.bullets.len()),
            });
            self.len += n;
        }
        n > 0
    }

    fn push_extracted(&mut self, a: &Article, section: usize) {
        let n = rank::count(a, section);
        if n == 0 {
            return;
        }
        self.groups.push(Group {
            section,
            lead_in: title_lead_in(a, section),
            list: None,
            points: self.len..self.len + n,
            kind: PointKind::Extracted,
            blocks: a.sections[section].blocks.clone(),
            store: Store::Extracted(OnceLock::new()),
        });
        self.len += n;
    }

    /// Groups are in block order and a section's subtree is a contiguous block range, so each
    /// count is two binary searches over the groups.
    fn count_sections(&mut self, a: &Article) {
        let groups = &self.groups;
        let before = |block: usize| {
            let g = groups.partition_point(|g| g.blocks.start < block);
            groups.get(g).map_or(self.len, |g| g.points.start)
        };
        self.subtree_counts = a
            .sections
            .iter()
            .map(|s| before(s.subtree.end).saturating_sub(before(s.subtree.start)))
            .collect();
    }
}

/// The extracted points of section `section`, which is group `group`.
fn extracted_points(a: &Article, section: usize, group: usize) -> Vec<Point> {
    rank::Ranker::default()
        .pick(a, section)
        .into_iter()
        .map(|(block, r)| Point {
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
        })
        .collect()
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

/// A group's title for people: its lead-in, else its section's title, else “Opening”; extracted
/// groups are marked “(extracted)”.
pub fn group_title(a: &Article, g: &Group) -> String {
    let title = match &g.lead_in {
        Some(l) => collapse(l.text(a)),
        None => match &a.sections[g.section].title {
            Some(t) => collapse(t),
            None => "Opening".to_string(),
        },
    };
    match g.kind {
        PointKind::Extracted => format!("{title} (extracted)"),
        PointKind::Bullet => title,
    }
}
