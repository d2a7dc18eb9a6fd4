//! Markdown ingestion with pulldown-cmark (CommonMark + tables, footnotes, strikethrough, task lists).

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::build::{Blocks, Builder, Pending};
use super::frontmatter;
use super::model::{
    Align, Article, BlockKind, CELL_SEPARATOR, Format, InlineStyle, table_cell_text,
};

pub mod segments;

struct State {
    blocks: Blocks,
    /// Open inline styles: (style, start offset in `cur.text`).
    styles: Vec<(InlineStyle, usize)>,
    /// Next ordinal of each open list (`None` for bullets).
    lists: Vec<Option<u64>>,
    quote_depth: usize,
    in_item: bool,
    /// A footnote definition was opened and its first paragraph not yet started.
    footnote_open: bool,
    /// Inside a table: the number of cells opened in the current row.
    table_cells: Option<usize>,
}

impl State {
    fn open(&mut self, kind: BlockKind) {
        self.blocks.open(kind);
    }

    fn flush(&mut self) {
        self.blocks.flush();
    }

    /// The buffer text goes into, opening an implicit paragraph if none is open.
    fn buf(&mut self) -> &mut Pending {
        let kind = if self.quote_depth > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        };
        self.blocks.buf_or(kind)
    }

    fn push_text(&mut self, t: &str) {
        if self.table_cells.is_some() {
            let t = table_cell_text(t);
            self.buf().text.push_str(&t);
        } else {
            self.buf().text.push_str(t);
        }
    }

    fn start_style(&mut self, style: InlineStyle) {
        let at = self.buf().text.len();
        self.styles.push((style, at));
    }

    fn end_style(&mut self) {
        if let Some((style, start)) = self.styles.pop()
            && let Some(p) = self.blocks.cur.as_mut()
        {
            let end = p.text.len();
            if start < end {
                p.inlines.push((start..end, style));
            }
        }
    }
}

/// Parse a Markdown article.
pub fn parse(src: &str, fallback_title: &str) -> Article {
    let (meta, body, warning) = frontmatter::split(src);
    let mut st = State {
        blocks: Blocks::new(Builder::new(Format::Markdown, body.len() + body.len() / 16)),
        styles: Vec::new(),
        lists: Vec::new(),
        quote_depth: 0,
        in_item: false,
        footnote_open: false,
        table_cells: None,
    };
    st.blocks.b.meta = meta;
    st.blocks.b.warnings.extend(warning);
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    match segments::Plain::scan(body) {
        None => {
            for ev in Parser::new_ext(body, opts) {
                handle(&mut st, ev);
            }
        }
        // Blocks too dense in inline marks are parsed as placeholders and put back as text.
        Some(plain) => {
            st.blocks.b.warnings.extend(plain.warnings.iter().cloned());
            for ev in Parser::new_ext(&plain.source, opts) {
                handle(&mut st, plain.restore(ev));
            }
        }
    }
    st.blocks.finish(None, fallback_title)
}

fn handle(st: &mut State, ev: Event<'_>) {
    match ev {
        Event::Start(tag) => start(st, tag),
        Event::End(tag) => end(st, tag),
        Event::Text(t) => st.push_text(&t),
        Event::Code(t) => {
            st.start_style(InlineStyle::Code);
            st.push_text(&t);
            st.end_style();
        }
        Event::InlineMath(t) | Event::DisplayMath(t) => st.push_text(&t),
        Event::Html(t) | Event::InlineHtml(t) => st.push_text(&strip_tags(&t)),
        Event::FootnoteReference(label) => {
            st.start_style(InlineStyle::Footnote {
                label: label.to_string(),
            });
            st.push_text("[");
            st.push_text(&label);
            st.push_text("]");
            st.end_style();
        }
        Event::SoftBreak => st.push_text(" "),
        Event::HardBreak => st.push_text("\n"),
        Event::Rule => {
            st.flush();
            st.blocks.b.push(BlockKind::Rule, "* * *", &[]);
        }
        Event::TaskListMarker(checked) => {
            if let Some(Pending {
                kind: BlockKind::ListItem { task, .. },
                ..
            }) = st.blocks.cur.as_mut()
            {
                *task = Some(checked);
            }
        }
    }
}

fn start(st: &mut State, tag: Tag<'_>) {
    match tag {
        Tag::Paragraph => {
            let continuing_item = st.in_item
                && matches!(
                    &st.blocks.cur,
                    Some(Pending {
                        kind: BlockKind::ListItem { .. },
                        ..
                    })
                );
            if std::mem::take(&mut st.footnote_open) {
                // The definition's "[label]: " prefix is already in the buffer.
            } else if continuing_item {
                let p = st.buf();
                if !p.text.trim().is_empty() {
                    p.text.push(' ');
                }
            } else {
                let kind = if st.quote_depth > 0 {
                    BlockKind::Quote
                } else {
                    BlockKind::Paragraph
                };
                st.open(kind);
            }
        }
        Tag::Heading { level, .. } => st.open(BlockKind::Heading { level: level as u8 }),
        Tag::BlockQuote(_) => {
            st.flush();
            st.quote_depth += 1;
        }
        Tag::CodeBlock(kind) => {
            let lang = match kind {
                CodeBlockKind::Fenced(l) if !l.is_empty() => {
                    Some(l.split_whitespace().next().unwrap_or("").to_string())
                }
                _ => None,
            };
            st.open(BlockKind::Code { lang });
        }
        Tag::HtmlBlock => st.open(BlockKind::Paragraph),
        Tag::List(first) => {
            st.flush();
            st.lists.push(first);
        }
        Tag::Item => {
            let depth = st.lists.len().saturating_sub(1).min(u8::MAX as usize) as u8;
            let ordinal = st.lists.last_mut().and_then(|o| {
                let v = *o;
                if let Some(n) = o.as_mut() {
                    *n += 1;
                }
                v.map(|n| n.min(u32::MAX as u64) as u32)
            });
            st.open(BlockKind::ListItem {
                depth,
                ordinal,
                list: 0,
                task: None,
                marker: None,
            });
            st.in_item = true;
        }
        Tag::FootnoteDefinition(label) => {
            st.open(BlockKind::Paragraph);
            st.push_text(&format!("[{label}]: "));
            st.footnote_open = true;
        }
        // GFM tables always have a header row.
        Tag::Table(columns) => {
            let align: Vec<Align> = columns
                .iter()
                .map(|a| match a {
                    Alignment::Center => Align::Center,
                    Alignment::Right => Align::Right,
                    Alignment::None | Alignment::Left => Align::Left,
                })
                .collect();
            // All left (the default): nothing to record.
            let align = if align.iter().all(|a| *a == Align::Left) {
                Vec::new()
            } else {
                align
            };
            st.open(BlockKind::Table {
                header: true,
                align,
            })
        }
        Tag::TableHead | Tag::TableRow => {
            st.table_cells = Some(0);
            let p = st.buf();
            if !p.text.is_empty() {
                p.text.push('\n');
            }
        }
        Tag::TableCell => {
            // Counted, not read from the text, so an empty cell keeps its separator.
            let n = st.table_cells.get_or_insert(0);
            *n += 1;
            if *n > 1 {
                st.buf().text.push_str(CELL_SEPARATOR);
            }
        }
        Tag::Emphasis => st.start_style(InlineStyle::Emphasis),
        Tag::Strong => st.start_style(InlineStyle::Strong),
        Tag::Strikethrough => st.start_style(InlineStyle::Strike),
        Tag::Link { dest_url, .. } => st.start_style(InlineStyle::Link {
            url: dest_url.to_string(),
        }),
        Tag::Image { .. } => st.push_text("[image: "),
        _ => {}
    }
}

fn end(st: &mut State, tag: TagEnd) {
    match tag {
        TagEnd::Paragraph if !st.in_item => {
            st.flush();
        }
        TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::FootnoteDefinition => {
            st.flush()
        }
        TagEnd::Table => {
            st.table_cells = None;
            st.flush();
        }
        TagEnd::BlockQuote(_) => {
            st.flush();
            st.quote_depth = st.quote_depth.saturating_sub(1);
        }
        TagEnd::Item => {
            st.flush();
            st.in_item = !st.lists.is_empty();
        }
        TagEnd::List(_) => {
            st.flush();
            st.lists.pop();
            st.in_item = !st.lists.is_empty();
            if st.lists.is_empty() {
                st.blocks.b.break_list();
            }
        }
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => st.end_style(),
        TagEnd::Image => st.push_text("]"),
        _ => {}
    }
}

/// Crude tag stripping for raw HTML inside Markdown: keeps the text, drops the markup.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(a: &Article) -> Vec<String> {
        a.blocks
            .iter()
            .enumerate()
            .map(|(i, b)| format!("{:?}:{}", b.kind, a.block_text(i)))
            .collect()
    }

    #[test]
    fn headings_lists_and_lead_ins() {
        let a = parse(
            "# Title\n\nIntro text. Our asks were:\n\n- one\n- two\n  - nested\n\nAfter.\n\n## Sub\n\n1. first\n2. second\n",
            "f",
        );
        assert_eq!(a.meta.title, "Title");
        assert_eq!(a.lists.len(), 2);
        assert_eq!(
            &a.text[a.lists[0].lead_in.clone().unwrap()],
            "Our asks were:"
        );
        assert!(a.lists[1].lead_in.is_none());
        let k = kinds(&a);
        assert!(
            k.contains(
                &"ListItem { depth: 1, ordinal: None, list: 0, task: None, marker: None }:nested"
                    .to_string()
            ),
            "{k:?}"
        );
        assert!(
            k.contains(
                &"ListItem { depth: 0, ordinal: Some(2), list: 1, task: None, marker: None }:second".to_string()
            ),
            "{k:?}"
        );
        assert_eq!(a.sections.len(), 2);
        assert_eq!(a.sections[1].parent, Some(0));
        assert_eq!(a.sections[1].id.0, "1.1-sub");
    }

    #[test]
    fn table_alignment_is_kept() {
        let a = parse(
            "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n",
            "f",
        );
        assert_eq!(
            a.blocks[0].kind,
            BlockKind::Table {
                header: true,
                align: vec![Align::Left, Align::Center, Align::Right, Align::Left],
            }
        );
    }

    #[test]
    fn inline_styles_map_to_text() {
        let a = parse(
            "Some *em* and **strong** and `code` and [link](http://x).",
            "f",
        );
        let styles: Vec<(&str, &InlineStyle)> = a.blocks[0]
            .inlines
            .iter()
            .map(|i| (&a.text[i.range.clone()], &i.style))
            .collect();
        assert_eq!(styles[0], ("em", &InlineStyle::Emphasis));
        assert_eq!(styles[1], ("strong", &InlineStyle::Strong));
        assert_eq!(styles[2], ("code", &InlineStyle::Code));
        assert_eq!(styles[3].0, "link");
    }

    #[test]
    fn tables_tasks_footnotes_quotes_code() {
        let a = parse(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\nNote[^1].\n\n[^1]: The note.\n\n> quoted\n\n```rust\nfn x() {}\n```\n\n---\n",
            "f",
        );
        let k = kinds(&a);
        assert!(
            k.iter()
                .any(|s| s == "Table { header: true, align: [] }:a │ b\n1 │ 2"),
            "{k:?}"
        );
        assert!(
            k.iter()
                .any(|s| s.contains("task: Some(true)") && s.ends_with(":done")),
            "{k:?}"
        );
        assert!(k.iter().any(|s| s == "Paragraph:Note[1]."), "{k:?}");
        assert!(k.iter().any(|s| s == "Paragraph:[1]: The note."), "{k:?}");
        assert!(k.iter().any(|s| s == "Quote:quoted"), "{k:?}");
        assert!(
            k.iter()
                .any(|s| s.starts_with("Code { lang: Some(\"rust\") }:fn x() {}")),
            "{k:?}"
        );
        assert!(k.iter().any(|s| s.starts_with("Rule")), "{k:?}");
    }

    #[test]
    fn table_cells_stay_separable() {
        // Empty cells keep their place; a `│` or a break inside a cell cannot fake a separator.
        let a = parse(
            "| | b | c |\n|---|---|---|\n| x │ y | | `z` |\n| 1 | 2 |\n",
            "f",
        );
        let t = a.block_text(0);
        assert_eq!(t, " │ b │ c\nx | y │  │ z\n1 │ 2 │ ");
        let cells: Vec<Vec<&str>> = crate::article::table_cells(t)
            .into_iter()
            .map(|row| row.into_iter().map(|r| &t[r]).collect())
            .collect();
        assert_eq!(
            cells,
            vec![
                vec!["", "b", "c"],
                vec!["x | y", "", "z"],
                vec!["1", "2", ""]
            ]
        );
    }

    #[test]
    fn front_matter_title_wins() {
        let a = parse("---\ntitle: From Front\n---\n# Heading\n\ntext", "f");
        assert_eq!(a.meta.title, "From Front");
        let b = parse("no heading here", "file name");
        assert_eq!(b.meta.title, "file name");
    }
}
