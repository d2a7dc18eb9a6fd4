//! Paragraphs too dense in inline markup to interpret: cut the Markdown source into blocks at
//! blank lines (outside code fences) without parsing it, find the blocks whose inline marks
//! (`*`, `_`, `` ` ``, `[`, `]`, `(`, `<`, `~`, `\`) pass a density limit, and have pulldown-cmark
//! parse the document with each such block replaced by a placeholder that [`Plain::restore`]
//! turns back into the block's text, verbatim. pulldown-cmark's cost is per delimiter, so a
//! megabyte of `*a* ` costs 80× an ordinary article; as plain text it costs about the same.
//!
//! A document without such a block is parsed exactly as before (the caller skips all this when
//! [`Plain::scan`] says `None`). With one, the rest of the document still parses in one piece,
//! so reference links and footnotes across blocks keep working.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

/// Inline marks a document may hold before its dense blocks are taken as plain text:
/// [`MARKS_BASE`] plus one per [`BYTES_PER_MARK`] bytes; then each block with more than
/// [`BLOCK_MARKS_BASE`] plus one per [`BYTES_PER_MARK`] bytes is. Ordinary prose has one mark per 30–100 bytes; the
/// adversarial shapes one per 2–6.
pub const MARKS_BASE: usize = 64;
/// See [`MARKS_BASE`].
pub const BYTES_PER_MARK: usize = 12;
/// Marks any block may hold beyond one per [`BYTES_PER_MARK`] bytes, so that a short
/// paragraph with a link or two stays as it is in a document dense elsewhere.
pub const BLOCK_MARKS_BASE: usize = 8;

/// A line's part in cutting Markdown into blocks without parsing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    /// Empty or only whitespace, outside fences: blocks end here.
    Blank,
    /// Front matter or fenced code, including the fence lines.
    Fenced,
    /// Anything else.
    Text,
}

/// The lines of `text` (byte ranges including their `\n`) with their part: fenced code
/// (``` or ~~~, indented under four columns) and, when `front_matter`, a `---`/`+++` block
/// opening the text are [`Line::Fenced`]. Linear.
pub fn lines(text: &str, front_matter: bool) -> impl Iterator<Item = (Range<usize>, Line)> + '_ {
    let mut fence: Option<(char, usize)> = None;
    let mut at = 0;
    text.split_inclusive('\n')
        .enumerate()
        .map(move |(n, line)| {
            let start = at;
            at += line.len();
            let range = start..at;
            let t = line.trim_end();
            let lead = t.trim_start();
            if front_matter && n == 0 && (t == "---" || t == "+++") {
                fence = t.chars().next().map(|c| (c, 3));
                return (range, Line::Fenced);
            }
            let run = |c: char| lead.chars().take_while(|&x| x == c).count();
            let indent = t.len() - lead.len();
            let kind = match fence {
                Some((c, len)) if (c == '-' || c == '+') && t.len() == 3 && run(c) == len => {
                    fence = None;
                    Line::Fenced
                }
                Some((c, len))
                    if (c == '`' || c == '~')
                        && indent < 4
                        && run(c) >= len
                        && lead.trim_start_matches(c).trim().is_empty() =>
                {
                    fence = None;
                    Line::Fenced
                }
                Some(_) => Line::Fenced,
                // A backtick fence's info string holds no backtick (CommonMark).
                None if indent < 4
                    && (run('~') >= 3
                        || (run('`') >= 3 && !lead.trim_start_matches('`').contains('`'))) =>
                {
                    let c = if run('`') >= 3 { '`' } else { '~' };
                    fence = Some((c, run(c)));
                    Line::Fenced
                }
                None if t.is_empty() => Line::Blank,
                None => Line::Text,
            };
            (range, kind)
        })
}

/// The inline marks in a block's source: bytes that open or close inline markup. An
/// underscore between two letters or digits opens nothing and is not counted.
pub fn marks(src: &str) -> usize {
    let b = src.as_bytes();
    let mut n = 0;
    for (i, &c) in b.iter().enumerate() {
        n += match c {
            b'*' | b'`' | b'[' | b']' | b'(' | b'<' | b'~' | b'\\' => 1,
            b'_' => {
                let word = |j: Option<usize>| {
                    j.and_then(|j| b.get(j))
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                };
                usize::from(!(word(i.checked_sub(1)) && word(Some(i + 1))))
            }
            _ => 0,
        };
    }
    n
}

/// Whether a document of `len` bytes with `marks` inline marks has its dense blocks taken as
/// plain text.
pub fn too_dense(len: usize, marks: usize) -> bool {
    marks > MARKS_BASE + len / BYTES_PER_MARK
}

/// Warnings naming a plain block, at most; the rest are counted in one more.
const MAX_WARNINGS: usize = 20;

/// The blocks of a Markdown body taken as plain text, and how to put them back.
#[derive(Debug)]
pub struct Plain {
    /// A private-use character absent from the body: placeholders are `{nonce}{i}{nonce}`.
    nonce: char,
    /// Every block's text, its lines trimmed and joined by spaces, one after the other.
    texts: String,
    /// Where each block's text ends in `texts`.
    ends: Vec<usize>,
    /// The body with each block replaced by its placeholder line.
    pub source: String,
    /// For the article's warnings: the first blocks, then how many more.
    pub warnings: Vec<String>,
}

impl Plain {
    /// `None` when no block of `body` is too dense (the usual case: parse `body` as it is).
    /// Linear; the memory kept is at most about twice the body, and only for a dense one.
    pub fn scan(body: &str) -> Option<Plain> {
        let total: usize = lines(body, false)
            .filter(|(_, kind)| *kind == Line::Text)
            .map(|(r, _)| marks(&body[r]))
            .sum();
        // The cost that matters is the whole document's: only a document dense overall has
        // blocks taken as text, and then every block denser than the limit.
        if !too_dense(body.len(), total) {
            return None;
        }
        let mut plain = Plain {
            nonce: free_private_char(body),
            texts: String::new(),
            ends: Vec::new(),
            source: String::with_capacity(body.len()),
            warnings: Vec::new(),
        };
        let mut copied = 0; // body bytes up to here are in `source`
        let mut paragraph = 0;
        let mut open: Option<(usize, usize, usize)> = None; // start, end, first line
        let mut close = |open: &mut Option<(usize, usize, usize)>, plain: &mut Plain| {
            let Some((s, e, line)) = open.take() else {
                return;
            };
            paragraph += 1;
            let block = &body[s..e];
            let m = marks(block);
            if m <= BLOCK_MARKS_BASE + block.len() / BYTES_PER_MARK {
                return;
            }
            plain.source.push_str(&body[copied..s]);
            copied = e;
            let i = plain.ends.len();
            plain.source.push_str(&format!("{0}{i}{0}\n", plain.nonce));
            let mut first = true;
            for l in block.lines().map(str::trim).filter(|l| !l.is_empty()) {
                if !first {
                    plain.texts.push(' ');
                }
                first = false;
                plain.texts.push_str(l);
            }
            plain.ends.push(plain.texts.len());
            if i < MAX_WARNINGS {
                plain.warnings.push(format!(
                    "paragraph {paragraph} (line {line}): {m} inline marks in {} bytes; shown as plain text",
                    block.len()
                ));
            }
        };
        for (n, (r, kind)) in lines(body, false).enumerate() {
            match kind {
                Line::Text => match open.as_mut() {
                    Some(b) => b.1 = r.end,
                    None => open = Some((r.start, r.end, n + 1)),
                },
                _ => close(&mut open, &mut plain),
            }
        }
        close(&mut open, &mut plain);
        if plain.ends.is_empty() {
            return None;
        }
        plain.source.push_str(&body[copied..]);
        if plain.ends.len() > MAX_WARNINGS {
            plain.warnings.push(format!(
                "{} more paragraphs shown as plain text",
                plain.ends.len() - MAX_WARNINGS
            ));
        }
        Some(plain)
    }

    /// Block `i`'s text.
    fn text(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.texts.get(start..end)
    }

    /// The event with every placeholder in its text replaced by its block's text.
    pub fn restore<'a>(&self, ev: Event<'a>) -> Event<'a> {
        match ev {
            Event::Text(t) => Event::Text(self.put_back(t)),
            Event::Html(t) => Event::Html(self.put_back(t)),
            Event::InlineHtml(t) => Event::InlineHtml(self.put_back(t)),
            Event::Code(t) => Event::Code(self.put_back(t)),
            ev => ev,
        }
    }

    fn put_back<'a>(&self, t: CowStr<'a>) -> CowStr<'a> {
        if !t.contains(self.nonce) {
            return t;
        }
        let mut out = String::with_capacity(t.len());
        let mut parts = t.split(self.nonce);
        out.push_str(parts.next().unwrap_or(""));
        // Parts alternate: an index between two nonces, then the text after it.
        let mut inside = true;
        for p in parts {
            if inside {
                match p.parse::<usize>().ok().and_then(|i| self.text(i)) {
                    Some(text) => out.push_str(text),
                    None => {
                        // Not one of ours (cannot happen: the nonce is absent from the body).
                        out.push(self.nonce);
                        out.push_str(p);
                        out.push(self.nonce);
                    }
                }
            } else {
                out.push_str(p);
            }
            inside = !inside;
        }
        CowStr::from(out)
    }
}

/// A private-use character that does not occur in `text` (U+E000 unless the text uses it).
fn free_private_char(text: &str) -> char {
    const FIRST: u32 = 0xE000;
    const LAST: u32 = 0xF8FF;
    let mut used = vec![false; (LAST - FIRST + 1) as usize];
    for c in text.chars() {
        let u = c as u32;
        if (FIRST..=LAST).contains(&u) {
            used[(u - FIRST) as usize] = true;
        }
    }
    let free = used.iter().position(|u| !u).unwrap_or(0) as u32;
    char::from_u32(FIRST + free).unwrap_or('\u{E000}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_cut_at_blank_lines_outside_fences() {
        let md = "a\nb\n\n```\n*x*\n\n```\n  \nc\n";
        let kinds: Vec<Line> = lines(md, false).map(|(_, k)| k).collect();
        use Line::*;
        assert_eq!(
            kinds,
            vec![
                Text, Text, Blank, Fenced, Fenced, Fenced, Fenced, Blank, Text
            ]
        );
        // A backtick in the info string makes no fence; front matter only when asked.
        let kinds: Vec<Line> = lines("```a`\n\n", false).map(|(_, k)| k).collect();
        assert_eq!(kinds, vec![Text, Blank]);
        let kinds: Vec<Line> = lines("---\nx\n---\n\n", true).map(|(_, k)| k).collect();
        assert_eq!(kinds, vec![Fenced, Fenced, Fenced, Blank]);
        let kinds: Vec<Line> = lines("---\nx\n", false).map(|(_, k)| k).collect();
        assert_eq!(kinds, vec![Text, Text]);
    }

    #[test]
    fn marks_count_delimiters_not_intraword_underscores() {
        assert_eq!(marks("*a* _b_ snake_case `c` [d](e) <f> ~g~ \\h"), 13);
        assert!(!too_dense(1000, 64 + 83));
        assert!(too_dense(1000, 64 + 84));
    }

    #[test]
    fn ordinary_markdown_has_no_plain_block() {
        let md = "# Title\n\nSome *em*, **strong**, `code` and [a link](http://x.y/z).\n\n\
                  ```\n***___***___***___***___***___***___***___***___***___***___***___\n```\n";
        assert!(Plain::scan(md).is_none());
        assert!(Plain::scan(&"*a* ".repeat(10)).is_none());
    }

    #[test]
    fn a_dense_block_is_replaced_and_put_back() {
        let dense = "*a* ".repeat(100);
        let md = format!("Intro.\n\n{dense}\n  more _b_\n\nAfter.\n");
        let p = Plain::scan(&md).unwrap();
        assert_eq!(p.source, "Intro.\n\n\u{E000}0\u{E000}\n\nAfter.\n");
        assert_eq!(p.warnings.len(), 1);
        assert!(
            p.warnings[0].starts_with("paragraph 2 (line 3): 202 inline marks"),
            "{}",
            p.warnings[0]
        );
        let ev = p.restore(Event::Text(CowStr::from("\u{E000}0\u{E000}")));
        assert_eq!(
            ev,
            Event::Text(CowStr::from(format!("{} more _b_", dense.trim_end())))
        );
        // A body using U+E000 gets another nonce.
        let md = format!("\u{E000}\n\n{dense}");
        assert!(Plain::scan(&md).unwrap().source.contains('\u{E001}'));
    }

    /// The bench's Markdown shapes (`benches/hostile.rs`), and one just under the limit.
    const SHAPES: &[&str] = &[
        "*a* ",
        "**a** ",
        "[a](http://x.y/z) ",
        "![i](p.png) ",
        "[[[a]]] ",
        "`c` ",
        "<b>a</b> ",
        "a[^1] ",
        "***___ ",
        "*a _b [c ",
        "*a* lorem ipsum dolor sit. ",
    ];

    /// The events pulldown-cmark emits for `src` as ingestion parses it: its time goes with
    /// them (the builder's work is checked linear in `article::build`).
    fn events(src: &str) -> usize {
        use pulldown_cmark::{Options, Parser};
        let opts = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS;
        match Plain::scan(src) {
            None => Parser::new_ext(src, opts).count(),
            Some(p) => Parser::new_ext(&p.source, opts).count(),
        }
    }

    #[test]
    fn every_hostile_shape_works_within_ten_times_an_ordinary_article() {
        // Counted, not timed: pulldown-cmark's time goes with the events it emits.
        let bytes = 200_000;
        let ordinary = crate::generate::article(crate::generate::GenFormat::Markdown, bytes, 1);
        assert!(Plain::scan(&ordinary).is_none());
        let base = events(&ordinary);
        for unit in SHAPES {
            let src = unit.repeat(bytes / unit.len());
            let w = events(&src);
            assert!(
                w <= 10 * base,
                "{unit:?}: {w} events against {base} for an ordinary article ({:.1}×)",
                w as f64 / base as f64
            );
        }
    }

    #[test]
    fn a_dense_paragraph_is_plain_text_and_the_rest_still_parses() {
        let dense = "*a* ".repeat(2000);
        let md = format!(
            "# T\n\nSee [the ref][r] and a note[^n].\n\n{dense}\n\n- item *em*\n\n\
             [r]: http://x.y/r\n[^n]: The note.\n"
        );
        let a = crate::article::parse_str(&md, crate::article::Format::Markdown, "t");
        let texts: Vec<&str> = (0..a.blocks.len()).map(|i| a.block_text(i)).collect();
        // The dense paragraph: its marks kept verbatim, no inline style.
        let i = texts.iter().position(|t| t.starts_with("*a* *a*")).unwrap();
        assert_eq!(texts[i], dense.trim_end());
        assert!(a.blocks[i].inlines.is_empty());
        // The others as before: a reference link defined after it, a footnote, a list.
        assert_eq!(texts[1], "See the ref and a note[n].");
        assert!(matches!(
            &a.blocks[1].inlines[0].style,
            crate::article::InlineStyle::Link { url } if url == "http://x.y/r"
        ));
        assert!(texts.contains(&"[n]: The note."), "{texts:?}");
        let item = texts.iter().position(|t| *t == "item em").unwrap();
        assert_eq!(a.blocks[item].inlines.len(), 1);
        assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
        assert!(
            a.warnings[0].contains("paragraph 3 (line 5): 4000 inline marks")
                && a.warnings[0].ends_with("shown as plain text"),
            "{}",
            a.warnings[0]
        );
    }

    #[test]
    fn warnings_name_the_first_plain_blocks_and_count_the_rest() {
        let md = "*a**b**c**d**e*\n\n".repeat(100);
        let p = Plain::scan(&md).unwrap();
        assert_eq!(p.ends.len(), 100);
        assert_eq!(p.warnings.len(), MAX_WARNINGS + 1);
        assert_eq!(
            p.warnings[MAX_WARNINGS],
            "80 more paragraphs shown as plain text"
        );
        assert_eq!(p.text(99), Some("*a**b**c**d**e*"));
        assert_eq!(p.text(100), None);
    }
}
