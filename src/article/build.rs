//! Assembles an [`Article`] from the blocks a format parser emits: canonical text, lists with
//! their lead-ins, and the section tree with stable ids.

use std::ops::Range;

use super::model::{
    Article, Block, BlockKind, Format, Inline, InlineStyle, List, Meta, Section, SectionId,
};
use super::text::{canonical, sentences, slug};

/// A count of inner-loop steps, for tests that check work grows linearly with the input
/// (deterministic, unlike timing). Compiled out of normal builds.
pub mod work {
    #[cfg(test)]
    thread_local! {
        static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    }

    /// Count `n` steps.
    #[inline]
    pub fn add(n: u64) {
        #[cfg(test)]
        STEPS.with(|s| s.set(s.get() + n));
        #[cfg(not(test))]
        let _ = n;
    }

    /// Steps counted on this thread since the last call; resets the count.
    #[cfg(test)]
    pub fn take() -> u64 {
        STEPS.with(|s| s.replace(0))
    }
}

/// Builds an article block by block. Parsers push raw block text; the builder sanitizes and
/// NFC-normalizes it, so nothing unsafe or unnormalized enters [`Article::text`].
pub struct Builder {
    text: String,
    blocks: Vec<Block>,
    lists: Vec<List>,
    list_open: bool,
    pub meta: Meta,
    pub warnings: Vec<String>,
    format: Format,
}

impl Builder {
    pub fn new(format: Format, size_hint: usize) -> Self {
        Builder {
            text: String::with_capacity(size_hint),
            blocks: Vec::with_capacity(size_hint / 256),
            lists: Vec::new(),
            list_open: false,
            meta: Meta::default(),
            warnings: Vec::new(),
            format,
        }
    }

    /// Ends the current list: the next list item starts a new one.
    pub fn break_list(&mut self) {
        self.list_open = false;
    }

    /// Push a block. `inlines` are byte ranges relative to `raw`. Empty blocks (after trimming)
    /// are dropped, except rules. For list items the `list` field is filled in here.
    pub fn push(
        &mut self,
        mut kind: BlockKind,
        raw: &str,
        inlines: &[(Range<usize>, InlineStyle)],
    ) {
        let keep_lines = matches!(kind, BlockKind::Code { .. } | BlockKind::Table { .. });
        let raw = if keep_lines {
            raw.trim_end_matches('\n')
        } else {
            raw
        };
        let trimmed_start = if keep_lines {
            0
        } else {
            raw.len() - raw.trim_start().len()
        };
        let raw_trimmed = if keep_lines { raw } else { raw.trim() };
        if raw_trimmed.is_empty() && !matches!(kind, BlockKind::Rule) {
            return;
        }
        if let BlockKind::ListItem { list, .. } = &mut kind {
            if !self.list_open {
                let at = self.blocks.len();
                self.lists.push(List {
                    blocks: at..at,
                    lead_in: None,
                    lead_in_block: None,
                });
                self.list_open = true;
            }
            *list = self.lists.len() - 1;
        } else {
            self.list_open = false;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        let mut out_inlines = Vec::new();
        if inlines.is_empty() {
            self.text.push_str(&canonical(raw_trimmed));
        } else {
            // Transform piecewise between inline boundaries so ranges survive normalization.
            let base = trimmed_start;
            let mut cuts: Vec<usize> = inlines
                .iter()
                .flat_map(|(r, _)| [r.start, r.end])
                .map(|p| p.saturating_sub(base).min(raw_trimmed.len()))
                .filter(|&p| raw_trimmed.is_char_boundary(p))
                .collect();
            cuts.push(0);
            cuts.push(raw_trimmed.len());
            cuts.sort_unstable();
            cuts.dedup();
            work::add(cuts.len() as u64);
            let mut map = Vec::with_capacity(cuts.len());
            for w in cuts.windows(2) {
                map.push((w[0], self.text.len() - start));
                self.text.push_str(&canonical(&raw_trimmed[w[0]..w[1]]));
            }
            map.push((raw_trimmed.len(), self.text.len() - start));
            // `map` is sorted by cut: a binary search, not a scan, so a block with many inline
            // spans costs O(n log n), not O(n²).
            let lookup = |p: usize| {
                let p = p.saturating_sub(base).min(raw_trimmed.len());
                let i = map.partition_point(|(c, _)| {
                    work::add(1);
                    *c < p
                });
                map.get(i).map_or(self.text.len() - start, |&(_, n)| n)
            };
            for (r, style) in inlines {
                let (s, e) = (lookup(r.start), lookup(r.end));
                if s < e {
                    out_inlines.push(Inline {
                        range: start + s..start + e,
                        style: style.clone(),
                    });
                }
            }
        }
        let end = self.text.len();
        self.blocks.push(Block {
            kind,
            range: start..end,
            inlines: out_inlines,
            section: 0,
        });
        if let Some(l) = self.lists.last_mut()
            && self.list_open
        {
            l.blocks.end = self.blocks.len();
        }
    }

    /// Finish: lead-ins, sections, title. `fallback_title` is used when neither front matter nor
    /// the parser set one.
    pub fn finish(mut self, fallback_title: &str) -> Article {
        self.find_lead_ins();
        let sections = self.build_sections();
        if self.meta.title.trim().is_empty() {
            self.meta.title = fallback_title.to_string();
        }
        self.meta.title = canonical(self.meta.title.trim()).into_owned();
        let mut article = Article {
            meta: self.meta,
            format: self.format,
            text: self.text,
            blocks: self.blocks,
            lists: self.lists,
            sections,
            warnings: self.warnings,
            links: Vec::new(),
        };
        super::links::attach(&mut article);
        article
    }

    fn find_lead_ins(&mut self) {
        for list in &mut self.lists {
            let Some(prev) = list.blocks.start.checked_sub(1) else {
                continue;
            };
            let b = &self.blocks[prev];
            if !matches!(b.kind, BlockKind::Paragraph) {
                continue;
            }
            let para = &self.text[b.range.clone()];
            if !para.trim_end().ends_with([':', '：']) {
                continue;
            }
            if let Some(last) = sentences(para).pop() {
                list.lead_in = Some(b.range.start + last.start..b.range.start + last.end);
                list.lead_in_block = Some(prev);
            }
        }
    }

    fn build_sections(&mut self) -> Vec<Section> {
        let mut sections: Vec<Section> = Vec::new();
        let n = self.blocks.len();
        let first_heading = self.blocks.iter().position(Block::is_heading).unwrap_or(n);
        if first_heading > 0 || n == 0 {
            sections.push(Section {
                id: SectionId("0-lede".into()),
                level: 0,
                title: None,
                heading: None,
                blocks: 0..first_heading,
                subtree: 0..first_heading,
                parent: None,
                children: Vec::new(),
            });
        }
        let mut stack: Vec<usize> = Vec::new();
        let mut root_count = 0usize;
        for i in first_heading..n {
            let BlockKind::Heading { level } = self.blocks[i].kind else {
                continue;
            };
            while let Some(&top) = stack.last() {
                if sections[top].level >= level {
                    stack.pop();
                } else {
                    break;
                }
            }
            let parent = stack.last().copied();
            let title = self.text[self.blocks[i].range.clone()].to_string();
            let ordinal = match parent {
                Some(p) => sections[p].children.len() + 1,
                None => {
                    root_count += 1;
                    root_count
                }
            };
            let pos = match parent {
                Some(p) => format!(
                    "{}.{}",
                    sections[p].id.0.split('-').next().unwrap_or(""),
                    ordinal
                ),
                None => ordinal.to_string(),
            };
            let s = slug(&title, 32);
            let id = if s.is_empty() {
                pos
            } else {
                format!("{pos}-{s}")
            };
            let idx = sections.len();
            if let Some(p) = parent {
                sections[p].children.push(idx);
            }
            sections.push(Section {
                id: SectionId(id),
                level,
                title: Some(title),
                heading: Some(i),
                blocks: i..n,
                subtree: i..n,
                parent,
                children: Vec::new(),
            });
            stack.push(idx);
        }
        // Direct blocks end where the next section starts; subtrees end at the next section
        // that is not a descendant.
        for k in 0..sections.len() {
            if let Some(next) = sections.get(k + 1) {
                let next_start = next.blocks.start;
                sections[k].blocks.end = next_start;
            }
            let level = sections[k].level;
            let end = sections[k + 1..]
                .iter()
                .find(|s| level == 0 || s.level <= level)
                .map_or(n, |s| s.blocks.start);
            sections[k].subtree.end = end;
        }
        for (k, s) in sections.iter().enumerate() {
            for b in s.blocks.clone() {
                self.blocks[b].section = k;
            }
        }
        sections
    }
}

/// A block a markup parser (Markdown, HTML) is still collecting: its kind, its raw text, and
/// inline spans relative to that text.
pub struct Pending {
    pub kind: BlockKind,
    pub text: String,
    pub inlines: Vec<(Range<usize>, InlineStyle)>,
}

impl Pending {
    pub fn new(kind: BlockKind) -> Pending {
        Pending {
            kind,
            text: String::new(),
            inlines: Vec::new(),
        }
    }
}

/// One open block at a time for markup parsers: a finished block goes to the builder, and the
/// first level-1 heading is remembered as a title candidate.
pub struct Blocks {
    pub b: Builder,
    pub cur: Option<Pending>,
    first_h1: Option<String>,
}

impl Blocks {
    pub fn new(b: Builder) -> Blocks {
        Blocks {
            b,
            cur: None,
            first_h1: None,
        }
    }

    /// Finish the open block and start a `kind` block.
    pub fn open(&mut self, kind: BlockKind) {
        self.flush();
        self.cur = Some(Pending::new(kind));
    }

    /// Push the open block, if any, to the builder.
    pub fn flush(&mut self) {
        if let Some(p) = self.cur.take() {
            if let (BlockKind::Heading { level: 1 }, None) = (&p.kind, &self.first_h1) {
                self.first_h1 = Some(p.text.trim().to_string());
            }
            self.b.push(p.kind, &p.text, &p.inlines);
        }
    }

    /// The open block, opening a `kind` block when none is open.
    pub fn buf_or(&mut self, kind: BlockKind) -> &mut Pending {
        self.cur.get_or_insert_with(|| Pending::new(kind))
    }

    /// Finish the article. The title is the front matter's, else `preferred` (e.g. HTML's
    /// `<title>`), else the first level-1 heading, else `fallback_title`.
    pub fn finish(mut self, preferred: Option<String>, fallback_title: &str) -> Article {
        self.flush();
        if self.b.meta.title.trim().is_empty()
            && let Some(t) = preferred
                .filter(|t| !t.trim().is_empty())
                .or(self.first_h1.take())
        {
            self.b.meta.title = t;
        }
        self.b.finish(fallback_title)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::work;
    use crate::article::{Format, parse_str};

    /// Adversarial one-paragraph shapes: each unit repeated makes one block with many inline
    /// spans, or many delimiters for the parser to match.
    const SHAPES: &[(&str, Format)] = &[
        ("*a* ", Format::Markdown),
        ("**a** ", Format::Markdown),
        ("_a_ *b* [c](u) ", Format::Markdown),
        ("[a](http://x.y/z) ", Format::Markdown),
        ("![i](p.png) ", Format::Markdown),
        ("[[a]] ", Format::Markdown),
        ("`c` ", Format::Markdown),
        ("<b>a</b> ", Format::Markdown),
        ("a[^1] ", Format::Markdown),
        ("***__a ", Format::Markdown),
        ("<b>a</b> ", Format::Html),
        ("<a href=u>a</a> <i>b</i> ", Format::Html),
    ];

    fn steps(shape: &str, format: Format, n: usize) -> u64 {
        let src = match format {
            Format::Html => format!("<p>{}</p>", shape.repeat(n)),
            _ => shape.repeat(n),
        };
        work::take();
        let a = parse_str(&src, format, "t");
        assert!(!a.text.is_empty());
        work::take()
    }

    #[test]
    fn a_paragraph_of_many_spans_builds_in_about_linear_work() {
        // Today's main scanned the whole span map for each span: 4× the work for 2× the input.
        for &(shape, format) in SHAPES {
            let one = steps(shape, format, 4000);
            let two = steps(shape, format, 8000);
            assert!(
                two <= one * 5 / 2 + 64,
                "{shape:?}: {one} steps for 4000 units, {two} for 8000"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Doubling an adversarial input at most about doubles the builder's work.
        #[test]
        fn doubling_a_hostile_input_about_doubles_the_work(
            shape in 0..SHAPES.len(),
            n in 200usize..3000,
        ) {
            let (unit, format) = SHAPES[shape];
            let one = steps(unit, format, n);
            let two = steps(unit, format, 2 * n);
            prop_assert!(two <= one * 5 / 2 + 64, "{unit:?} ×{n}: {one} then {two}");
        }
    }
}
